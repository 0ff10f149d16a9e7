// nlp eval tokenize: scores a tokenizer and the sentence splitter against a CoNLL-U treebank with
// the CoNLL 2018 shared task definitions (Tokens and Sentences precision, recall and F1).
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/error.hpp"
#include "nlp/eval/tokenization_eval.hpp"
#include "nlp/text/utf8.hpp"
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

// Reads the system tokens of one sentence from a JSONL line {"sent_id": ..., "spans": [[b, e],
// ...]} whose offsets count code points of the sentence text, as Python's str indexes do.
std::vector<ByteSpan> parse_system_line(const std::string& line, const SourcePos& pos,
                                        const eval::GoldSentence& gold) {
  rapidjson::Document d;
  d.Parse(line.c_str(), line.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("spans") || !d["spans"].IsArray()) {
    throw InputError(pos, "expected a JSON object with \"spans\": [[begin, end], ...]");
  }
  if (d.HasMember("sent_id") && d["sent_id"].IsString() && !gold.id.empty() &&
      gold.id != d["sent_id"].GetString()) {
    throw InputError(pos, fmt::format("sent_id {:?} does not match the gold sentence {:?}; the "
                                      "system file must list the gold sentences in order",
                                      d["sent_id"].GetString(), gold.id));
  }
  // Byte offset of every code point index of the text.
  std::vector<std::uint64_t> offsets;
  for (std::size_t i = 0; i < gold.text.size();) {
    offsets.push_back(i);
    i += utf8::sequence_length(static_cast<unsigned char>(gold.text[i]));
  }
  offsets.push_back(gold.text.size());
  std::vector<ByteSpan> spans;
  for (const auto& v : d["spans"].GetArray()) {
    if (!v.IsArray() || v.Size() != 2 || !v[0].IsUint64() || !v[1].IsUint64() ||
        v[0].GetUint64() > v[1].GetUint64() || v[1].GetUint64() >= offsets.size()) {
      throw InputError(pos, fmt::format("each span must be [begin, end] with 0 <= begin <= end <= "
                                        "{} (code points of the sentence text)",
                                        offsets.size() - 1));
    }
    spans.push_back({offsets[v[0].GetUint64()], offsets[v[1].GetUint64()]});
  }
  return spans;
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
      ("system,s", po::value<std::string>(),
       "score these tokens instead of running --tokenizer: JSON Lines, one line per gold "
       "sentence in order, {\"sent_id\": \"...\", \"spans\": [[begin, end], ...]} with offsets in "
       "code points of the sentence text (Python str indexes)")
      ("system-id", po::value<std::string>(), "the name reported for --system (default: file PATH)")
      ("format,f", po::value<std::string>()->default_value("text"), "text | json");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("ud"));
  const Help help{
      "nlp eval tokenize --gold FILE.conllu [--tokenizer NAME] [--lang L] [--format text|json]",
      "Score a tokenizer and the sentence splitter against a treebank, as the CoNLL 2018 shared\n"
      "task scorer does: whitespace is removed, tokens and sentences are character ranges of the\n"
      "rest, and an exact range match counts. Each sentence text is tokenized on its own; the\n"
      "sentences of a document (# newdoc; # newpar starts a line) are joined and split again.",
      "nlp eval tokenize --gold en_ewt-ud-test.conllu -t ud\n"
      "nlp eval tokenize --gold es_ancora-ud-test.conllu -t treebank --lang es --format json\n"
      "nlp eval tokenize --gold en_ewt-ud-test.conllu --system nltk_spans.jsonl"};
  po::variables_map vm;
  if (!parse_command_line(argc, argv, desc, help, vm, nullptr)) return 0;

  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw UsageError(fmt::format("--format: choose text or json, not {:?}", format));
  TokenizerOptions topts;
  apply_tokenizer_options(vm, topts);
  const SentenceSplitter splitter(topts.lang);
  const std::string gold_path = vm["gold"].as<std::string>();
  std::unique_ptr<Tokenizer> tokenizer;
  std::string system_path, system_id;
  std::ifstream system;
  if (vm.count("system")) {
    system_path = vm["system"].as<std::string>();
    system.open(system_path, std::ios::binary);
    if (!system) throw IoError::from_errno(system_path, "cannot open", errno);
    system_id = vm.count("system-id") ? vm["system-id"].as<std::string>() : "file " + system_path;
  } else {
    tokenizer = make_tokenizer(topts);
    system_id = std::string(tokenizer->id());
  }

  corpora::ReaderOptions ropts;
  ropts.format = corpora::InputFormat::conllu;
  const auto reader = corpora::open_conllu(gold_path, ropts);
  eval::TokenizationEvaluator evaluator =
      tokenizer ? eval::TokenizationEvaluator(*tokenizer, &splitter)
                : eval::TokenizationEvaluator(&splitter);
  eval::GoldSentence gold;
  std::uint64_t sentences = 0;
  std::string line;
  SourcePos spos{system_path, 0, 0, 0};
  for (corpora::ConlluSentence s; reader->next(s);) {
    gold.id = s.sent_id;
    gold.text = s.text.empty() ? s.reconstructed_text() : s.text;
    gold.forms.clear();
    for (const corpora::ConlluToken& t : s.tokens) gold.forms.push_back(t.form);
    gold.new_document = s.new_document;
    gold.new_paragraph = s.new_paragraph;
    gold.pos = s.pos;
    if (tokenizer) {
      evaluator.add(gold);
    } else {
      spos.byte += line.size() + (spos.line == 0 ? 0 : 1);
      ++spos.line;
      if (!std::getline(system, line)) {
        throw InputError(spos, fmt::format("the system file ends before gold sentence {} ({:?}); "
                                           "it needs one line per gold sentence",
                                           sentences + 1, gold.id));
      }
      evaluator.add(gold, parse_system_line(line, spos, gold));
    }
    ++sentences;
  }
  if (!tokenizer && std::getline(system, line) && !line.empty()) {
    ++spos.line;
    throw InputError(spos, fmt::format("the system file has more lines than the {} gold sentences",
                                       sentences));
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
    w.String(system_id.c_str());
    w.Key("tokenizer_name");
    w.String(tokenizer ? topts.name.c_str() : "");
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
    if (tokenizer) {
      out += fmt::format("tokenizer:  {} (--tokenizer {} --lang {})\n", system_id, topts.name,
                         topts.lang);
    } else {
      out += fmt::format("tokenizer:  {}\n", system_id);
    }
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
