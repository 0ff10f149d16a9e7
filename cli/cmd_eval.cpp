// nlp eval tokenize: scores a tokenizer and the sentence splitter against a CoNLL-U treebank with
// the CoNLL 2018 shared task definitions (Tokens and Sentences precision, recall and F1).
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/error.hpp"
#include "nlp/eval/tokenization_eval.hpp"
#include "nlp/tokenize/sentence_splitter.hpp"
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp::cli {
namespace {

void write_counts(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key,
                  const eval::PrfCounts& c) {
  w.Key(key);
  w.StartObject();
  w.Key("precision");
  w.Double(c.precision());
  w.Key("recall");
  w.Double(c.recall());
  w.Key("f1");
  w.Double(c.f1());
  w.Key("gold");
  w.Uint64(c.gold);
  w.Key("system");
  w.Uint64(c.system);
  w.Key("matched");
  w.Uint64(c.matched);
  w.EndObject();
}

std::string text_row(std::string_view name, const eval::PrfCounts& c) {
  return fmt::format("{:<10} {:>9.2f} {:>9.2f} {:>9.2f} {:>9} {:>9} {:>9}\n", name,
                     100 * c.precision(), 100 * c.recall(), 100 * c.f1(), c.gold, c.system,
                     c.matched);
}

}  // namespace

int cmd_eval_tokenize(int argc, char** argv) {
  po::options_description opts("evaluation");
  opts.add_options()
      ("gold,g", po::value<std::string>()->required(),
       "gold CoNLL-U file (- = stdin); its '# text' comments are tokenized, its surface tokens "
       "(a multiword token counts once) are the reference")
      ("format,f", po::value<std::string>()->default_value("text"), "text | json");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("ud"));
  const Help help{
      "nlp eval tokenize --gold FILE.conllu [--tokenizer NAME] [--lang L] [--format text|json]",
      "Score a tokenizer and the sentence splitter against a treebank, as the CoNLL 2018 shared\n"
      "task scorer does: whitespace is removed, tokens and sentences are character ranges of the\n"
      "rest, and an exact range match counts. Each sentence text is tokenized on its own; the\n"
      "sentences of a document (# newdoc; # newpar starts a line) are joined and split again.",
      "nlp eval tokenize --gold ../shared/data/ud/UD_English-EWT/en_ewt-ud-test.conllu -t ud\n"
      "nlp eval tokenize --gold es_ancora-ud-test.conllu -t treebank --lang es --format json"};
  po::variables_map vm;
  if (!parse_command_line(argc, argv, desc, help, vm, nullptr)) return 0;

  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw UsageError(fmt::format("--format: choose text or json, not {:?}", format));
  TokenizerOptions topts;
  apply_tokenizer_options(vm, topts);
  const std::unique_ptr<Tokenizer> tokenizer = make_tokenizer(topts);
  const SentenceSplitter splitter(topts.lang);
  const std::string gold_path = vm["gold"].as<std::string>();

  corpora::ReaderOptions ropts;
  ropts.format = corpora::InputFormat::conllu;
  const auto reader = corpora::open_conllu(gold_path, ropts);
  eval::TokenizationEvaluator evaluator(*tokenizer, &splitter);
  eval::GoldSentence gold;
  std::uint64_t sentences = 0;
  for (corpora::ConlluSentence s; reader->next(s);) {
    gold.id = s.sent_id;
    gold.text = s.text.empty() ? s.reconstructed_text() : s.text;
    gold.forms.clear();
    for (const corpora::ConlluToken& t : s.tokens) gold.forms.push_back(t.form);
    gold.new_document = s.new_document;
    gold.new_paragraph = s.new_paragraph;
    gold.pos = s.pos;
    evaluator.add(gold);
    ++sentences;
  }
  const eval::TokenizationScores scores = evaluator.finish();

  std::string out;
  if (format == "json") {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("gold");
    w.String(gold_path.c_str());
    w.Key("tokenizer");
    w.String(std::string(tokenizer->id()).c_str());
    w.Key("tokenizer_name");
    w.String(topts.name.c_str());
    w.Key("lang");
    w.String(topts.lang.c_str());
    w.Key("sentence_splitter");
    w.String(std::string(splitter.id()).c_str());
    w.Key("documents");
    w.Uint64(scores.documents);
    w.Key("gold_sentences_read");
    w.Uint64(sentences);
    write_counts(w, "tokens", scores.tokens);
    write_counts(w, "sentences", scores.sentences);
    w.EndObject();
    out = std::string(buf.GetString()) + "\n";
  } else {
    out += fmt::format("gold:       {} ({} sentences, {} documents)\n", gold_path, sentences,
                       scores.documents);
    out += fmt::format("tokenizer:  {} (--tokenizer {} --lang {})\n", tokenizer->id(), topts.name,
                       topts.lang);
    out += fmt::format("sentences:  {}\n", splitter.id());
    out += fmt::format("{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "metric", "precision",
                       "recall", "F1", "gold", "system", "matched");
    out += text_row("tokens", scores.tokens);
    out += text_row("sentences", scores.sentences);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace nlp::cli
