// nlp stem, nlp lemmatize and nlp eval lemmatize: stemmers and lemmatizers over word lists or
// tokenized text, and lemma accuracy against a CoNLL-U treebank.
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/error.hpp"
#include "nlp/eval/lemmatization_eval.hpp"
#include "nlp/morph/lemma_model.hpp"
#include "nlp/morph/lemmatizer.hpp"
#include "nlp/morph/pos.hpp"
#include "nlp/morph/stemmer.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::cli {
namespace {

po::options_description lemmatizer_options() {
  po::options_description d("lemmatizer");
  d.add_options()
      ("method", po::value<std::string>()->default_value(""),
       "en: ud (default; UD English conventions) | wordnet (NLTK's WordNetLemmatizer, identical); "
       "es: ud (default) | hunspell; any language: model")
      ("model", po::value<std::string>(), "a model written by 'nlp lemmatize train'")
      ("wordnet-dir", po::value<std::string>(), "WordNet 3.0 dictionary folder (default $NLP_WORDNET_DIR, else /usr/share/wordnet)")
      ("hunspell-dir", po::value<std::string>(), "Hunspell dictionary folder (default $NLP_HUNSPELL_DIR, else /usr/share/hunspell)");
  return d;
}

LemmatizerOptions lemmatizer_from(const po::variables_map& vm, const std::string& lang) {
  LemmatizerOptions o;
  o.lang = lang;
  o.method = vm["method"].as<std::string>();
  if (vm.count("model")) o.model = vm["model"].as<std::string>();
  if (vm.count("wordnet-dir")) o.wordnet_dir = vm["wordnet-dir"].as<std::string>();
  if (vm.count("hunspell-dir")) o.hunspell_dir = vm["hunspell-dir"].as<std::string>();
  return o;
}

Upos pos_option(const std::string& tag, const char* flag) {
  const auto p = parse_pos(tag);
  if (!p)
    throw UsageError(fmt::format("{}: unknown part of speech {:?}; use n, v, a, r, a Universal POS tag "
                                 "(NOUN, VERB, ...) or a Penn Treebank tag (NNS, VBD, ...)",
                                 flag, tag));
  return *p;
}

}  // namespace

int cmd_stem(int argc, char** argv) {
  po::options_description opts("stemmer");
  opts.add_options()
      ("algorithm,a", po::value<std::string>()->default_value("snowball"),
       "snowball (libstemmer, language from --lang) | porter2 (snowball english) | porter (NLTK's "
       "PorterStemmer) | lancaster (NLTK's LancasterStemmer)")
      ("mode", po::value<std::string>()->default_value("nltk"),
       "porter: nltk (NLTK_EXTENSIONS, NLTK's default) | martin | original")
      ("compat", po::value<std::string>()->default_value(""),
       "snowball: nltk gives NLTK's SnowballStemmer output (english, spanish)")
      ("cache-size", po::value<std::size_t>()->default_value(100000), "distinct words remembered per thread (0 = off)")
      ("format,f", po::value<std::string>()->default_value("text"),
       "text (stems joined by spaces, a line per input line) | jsonl | tsv | csv | conllu");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("whitespace")).add(input_options()).add(run_options());
  const Help help{
      "nlp stem [--algorithm snowball|porter2|porter|lancaster] [--lang L] [options] [FILE...]",
      "Stem every word: one word per line gives one stem per line; a line of several words (split\n"
      "by --tokenizer, whitespace by default) gives their stems joined by spaces. Words are\n"
      "lowercased first, as NLTK's stemmers do.",
      "nlp stem --algorithm snowball --lang es palabras.txt\n"
      "nlp stem --algorithm porter --mode original words.txt\n"
      "nlp stem -a snowball --compat nltk --tokenizer treebank corpus.txt --threads 4"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  PipelineConfig cfg;
  apply_tokenizer_options(vm, cfg.tokenizer);
  cfg.morphology.stem = true;
  StemmerOptions& so = cfg.morphology.stemmer;
  so.algorithm = vm["algorithm"].as<std::string>();
  so.lang = cfg.tokenizer.lang;
  so.mode = vm["mode"].as<std::string>();
  so.compat = vm["compat"].as<std::string>();
  so.cache_size = vm["cache-size"].as<std::size_t>();
  if (given(vm, "mode") && so.algorithm != "porter") throw UsageError("--mode applies to --algorithm porter");
  const Pipeline pipeline(cfg);
  return run_pipeline(argv[0], files, vm, pipeline);
}

int cmd_lemmatize(int argc, char** argv) {
  po::options_description opts("lemmatize");
  opts.add_options()
      ("pos", po::value<std::string>(),
       "part of speech of every word: n, v, a, r, a Universal POS tag or a Penn Treebank tag "
       "(default: none given; each method's fallback)")
      ("pos-column", "each line is WORD<TAB>TAG (or WORD TAG): lemmatize WORD as TAG")
      ("format,f", po::value<std::string>()->default_value("text"),
       "text (lemmas joined by spaces, a line per input line) | tsv (word, tag, lemma per word)");
  po::options_description desc;
  desc.add(opts).add(lemmatizer_options()).add(tokenizer_options("whitespace")).add(input_options()).add(run_options());
  const Help help{
      "nlp lemmatize --lang en|es [--pos TAG | --pos-column] [options] [FILE...]",
      "Lemmatize every word: one word per line gives one lemma per line; a line of several words\n"
      "(split by --tokenizer, whitespace by default) gives their lemmas joined by spaces. With\n"
      "--pos-column each line holds a word and its tag.",
      "nlp lemmatize --lang en --pos v verbs.txt\n"
      "nlp lemmatize --lang en --method wordnet --pos-column tagged.tsv\n"
      "nlp lemmatize --lang es --tokenizer ud corpus.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  TokenizerOptions topts;
  apply_tokenizer_options(vm, topts);
  const auto tokenizer = make_tokenizer(topts);
  const auto lemmatizer = make_lemmatizer(lemmatizer_from(vm, topts.lang));
  const Upos fixed = vm.count("pos") ? pos_option(vm["pos"].as<std::string>(), "--pos") : Upos::none;
  const bool pos_column = vm.count("pos-column") > 0;
  if (pos_column && vm.count("pos")) throw UsageError("--pos and --pos-column exclude each other");
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "tsv")
    throw UsageError(fmt::format("--format: choose text or tsv, not {:?}", format));
  const bool tsv = format == "tsv";
  const RunOptions run = run_options(vm);

  struct Worker {
    std::unique_ptr<Lemmatizer> lemmatizer;
    TokenBuffer tokens;
  };
  std::vector<Worker> workers(run.threads);
  for (auto& w : workers) w.lemmatizer = lemmatizer->clone();

  RunSummary summary = run_documents(
      argv[0], files, reader_options(vm), run,
      [&](const corpora::Document& doc, std::size_t worker, std::string& out, DocCounts& counts) {
        Worker& w = workers[worker];
        auto emit = [&](std::string_view word, Upos pos, std::string_view tag, bool first) {
          const std::string_view lemma = w.lemmatizer->lemmatize(word, pos);
          ++counts.tokens;
          if (tsv) {
            out.append(word).push_back('\t');
            out.append(tag).push_back('\t');
            out.append(lemma).push_back('\n');
          } else {
            if (!first) out.push_back(' ');
            out.append(lemma);
          }
        };
        if (pos_column) {
          std::string_view line = doc.text;
          while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
            line.remove_suffix(1);
          std::size_t cut = line.rfind('\t');
          if (cut == std::string_view::npos) cut = line.rfind(' ');
          if (cut == std::string_view::npos || cut == 0)
            throw InputError(doc.pos, "--pos-column: expected WORD<TAB>TAG");
          const std::string_view word = line.substr(0, cut), tag = line.substr(cut + 1);
          const auto pos = parse_pos(tag);
          if (!pos) {
            SourcePos at = doc.pos;
            at.column += utf8::count_code_points(line.substr(0, cut + 1));
            at.byte += cut + 1;
            throw InputError(at, fmt::format("unknown part of speech {:?} (use n v a r, UPOS or Penn Treebank tags)", tag));
          }
          emit(word, *pos, tag, true);
        } else {
          w.tokens.clear();
          tokenizer->tokenize(doc.text, 0, w.tokens);
          bool first = true;
          for (const Token& t : w.tokens.tokens) {
            emit(t.text, fixed, to_string(fixed), first);
            first = false;
          }
        }
        if (!tsv) out.push_back('\n');
      });
  summary.json_extra = fmt::format("\"lemmatizer\": \"{}\"", lemmatizer->id());
  summary.print(run);
  return 0;
}

int cmd_lemmatize_train(int argc, char** argv) {
  po::options_description opts("lemmatize train");
  opts.add_options()
      ("conllu", po::value<std::vector<std::string>>()->required()->composing(),
       "CoNLL-U training file (FORM, UPOS and LEMMA columns); repeat for several")
      ("lang,l", po::value<std::string>()->required(), "language recorded in the model (en, es, ...)")
      ("output,o", po::value<std::string>()->required(), "model file (written to FILE.tmp, then renamed)")
      ("min-lexicon-count", po::value<std::uint32_t>()->default_value(1), "(form, UPOS) pairs seen fewer times are left out of the lexicon")
      ("max-suffix-length", po::value<std::uint32_t>()->default_value(8), "longest suffix (code points) conditioning an edit script, 1..32")
      ("min-suffix-count", po::value<std::uint32_t>()->default_value(2), "distinct (form, lemma) pairs a suffix class needs")
      ("count-tokens", "count every token for the suffix scripts (default: each distinct pair once)")
      ("keep-lexicon", "keep lexicon entries the suffix scripts already predict");
  const Help help{
      "nlp lemmatize train --conllu FILE.conllu [--conllu FILE ...] --lang L -o MODEL",
      "Train a lemmatizer from treebank lemmas: a (form, UPOS) lexicon plus suffix edit scripts\n"
      "for unseen words. Use it with 'nlp lemmatize --model MODEL' or '--method model'.",
      "nlp lemmatize train --conllu de_gsd-ud-train.conllu --lang de -o de.lemma\n"
      "nlp eval lemmatize --gold de_gsd-ud-dev.conllu --lang de --model de.lemma --use-gold-pos"};
  po::variables_map vm;
  if (!parse_command_line(argc, argv, opts, help, vm, nullptr)) return 0;

  std::vector<LemmaExample> examples;
  corpora::ReaderOptions ropts;
  ropts.format = corpora::InputFormat::conllu;
  for (const auto& path : vm["conllu"].as<std::vector<std::string>>()) {
    const auto reader = corpora::open_conllu(path, ropts);
    for (corpora::ConlluSentence s; reader->next(s);) {
      for (corpora::ConlluWord& w : s.words) {
        const auto pos = parse_pos(w.upos);
        if (!pos)
          throw InputError(s.pos, fmt::format("word {} of sentence {:?} has the unknown UPOS {:?}", w.id,
                                              s.sent_id, w.upos));
        examples.push_back({std::move(w.form), *pos, std::move(w.lemma)});
      }
    }
  }
  LemmaTrainOptions o;
  o.min_lexicon_count = vm["min-lexicon-count"].as<std::uint32_t>();
  o.max_suffix_length = vm["max-suffix-length"].as<std::uint32_t>();
  o.min_suffix_count = vm["min-suffix-count"].as<std::uint32_t>();
  o.count_tokens = vm.count("count-tokens") > 0;
  o.prune_lexicon = vm.count("keep-lexicon") == 0;
  const std::string out = vm["output"].as<std::string>();
  const LemmaTrainStats st = train_lemma_model(examples, o, vm["lang"].as<std::string>(), out);
  std::fprintf(stderr,
               "%s: %llu examples (%llu skipped), %llu lexicon entries, %llu suffix scripts, %llu bytes "
               "written to %s\n",
               argv[0], static_cast<unsigned long long>(st.examples), static_cast<unsigned long long>(st.skipped),
               static_cast<unsigned long long>(st.lexicon_entries),
               static_cast<unsigned long long>(st.suffix_rules), static_cast<unsigned long long>(st.bytes),
               out.c_str());
  return 0;
}

int cmd_eval_lemmatize(int argc, char** argv) {
  po::options_description opts("eval lemmatize");
  opts.add_options()
      ("gold", po::value<std::string>()->required(), "CoNLL-U file with gold lemmas")
      ("lang,l", po::value<std::string>()->default_value("en"), "language of the lemmatizer")
      ("use-gold-pos", "give the lemmatizer each word's gold UPOS (else no part of speech)")
      ("format,f", po::value<std::string>()->default_value("text"), "text | json");
  po::options_description desc;
  desc.add(opts).add(lemmatizer_options());
  const Help help{
      "nlp eval lemmatize --gold FILE.conllu --lang L [--use-gold-pos] [--format text|json]",
      "Lemma accuracy on the gold words of a treebank (syntactic words; multiword tokens are\n"
      "split as the treebank splits them): exact, and after full case folding, overall and per\n"
      "gold UPOS.",
      "nlp eval lemmatize --gold en_ewt-ud-test.conllu --lang en --use-gold-pos\n"
      "nlp eval lemmatize --gold es_ancora-ud-test.conllu --lang es --use-gold-pos --format json"};
  po::variables_map vm;
  if (!parse_command_line(argc, argv, desc, help, vm, nullptr)) return 0;

  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw UsageError(fmt::format("--format: choose text or json, not {:?}", format));
  const std::string lang = vm["lang"].as<std::string>();
  const bool gold_pos = vm.count("use-gold-pos") > 0;
  const auto lemmatizer = make_lemmatizer(lemmatizer_from(vm, lang));
  const std::string gold_path = vm["gold"].as<std::string>();
  corpora::ReaderOptions ropts;
  ropts.format = corpora::InputFormat::conllu;
  const auto reader = corpora::open_conllu(gold_path, ropts);

  eval::LemmaScores scores;
  std::uint64_t sentences = 0;
  for (corpora::ConlluSentence s; reader->next(s);) {
    ++sentences;
    for (const corpora::ConlluWord& w : s.words) {
      Upos pos = Upos::none;
      if (gold_pos) {
        const auto p = parse_pos(w.upos);
        if (!p)
          throw InputError(s.pos, fmt::format("word {} of sentence {:?} has the unknown UPOS {:?}", w.id,
                                              s.sent_id, w.upos));
        pos = *p;
      }
      scores.add(w.lemma, lemmatizer->lemmatize(w.form, pos), w.upos);
    }
  }

  std::string out;
  const eval::LemmaCounts& t = scores.total();
  if (format == "json") {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    auto counts = [&](const eval::LemmaCounts& c) {
      w.StartObject();
      w.Key("accuracy");
      w.Double(c.exact_accuracy());
      w.Key("caseless_accuracy");
      w.Double(c.caseless_accuracy());
      w.Key("words");
      w.Uint64(c.words);
      w.Key("exact");
      w.Uint64(c.exact);
      w.Key("caseless");
      w.Uint64(c.caseless);
      w.EndObject();
    };
    w.StartObject();
    w.Key("gold");
    w.String(gold_path.c_str());
    w.Key("lemmatizer");
    w.String(lemmatizer->id().c_str());
    w.Key("lang");
    w.String(lang.c_str());
    w.Key("use_gold_pos");
    w.Bool(gold_pos);
    w.Key("sentences");
    w.Uint64(sentences);
    w.Key("words");
    w.Uint64(t.words);
    w.Key("accuracy");
    w.Double(t.exact_accuracy());
    w.Key("caseless_accuracy");
    w.Double(t.caseless_accuracy());
    w.Key("by_upos");
    w.StartObject();
    for (const auto& [tag, c] : scores.by_upos()) {
      w.Key(tag.c_str());
      counts(c);
    }
    w.EndObject();
    w.EndObject();
    out = std::string(buf.GetString()) + "\n";
  } else {
    out += fmt::format("gold:        {} ({} sentences, {} words)\n", gold_path, sentences, t.words);
    out += fmt::format("lemmatizer:  {} (--lang {}{})\n", lemmatizer->id(), lang,
                       gold_pos ? ", gold UPOS" : ", no part of speech");
    out += fmt::format("{:<10} {:>9} {:>9} {:>9}\n", "UPOS", "exact", "caseless", "words");
    auto row = [&](std::string_view name, const eval::LemmaCounts& c) {
      out += fmt::format("{:<10} {:>9.2f} {:>9.2f} {:>9}\n", name, 100 * c.exact_accuracy(),
                         100 * c.caseless_accuracy(), c.words);
    };
    for (const auto& [tag, c] : scores.by_upos()) row(tag.empty() ? "_" : tag, c);
    row("all", t);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace nlp::cli
