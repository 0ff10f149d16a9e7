// nlp phrases: learn phrases (collocations joined into one token, new_york) as gensim's Phrases
// does, and rewrite the corpus with them; or apply a saved model.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/error.hpp"
#include "nlp/ngrams/phrases.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/util/ordered_pool.hpp"

namespace nlp::cli {

namespace {

using ngrams::FrozenPhrases;
using ngrams::Phrases;
using ngrams::PhrasesModelFile;
using ngrams::PhrasesOptions;
using ngrams::TokenCorpus;

// Every document of the inputs as one sentence of pipeline tokens, in input order.
TokenCorpus read_corpus(const std::vector<std::string>& files, const corpora::ReaderOptions& reader_opts,
                        const Pipeline& pipeline, const RunOptions& run, RunSummary& summary) {
  std::vector<PipelineScratch> scratch(run.threads);
  std::vector<std::vector<std::string_view>> words(run.threads);
  TokenCorpus corpus;
  summary = reduce_documents<TokenCorpus>(
      summary.command, files, reader_opts, run,
      [&](std::vector<corpora::Document>& docs, std::size_t n, std::size_t worker, TokenCorpus& part, DocCounts&) {
        PipelineScratch& s = scratch[worker];
        auto& w = words[worker];
        for (std::size_t i = 0; i < n; ++i) {
          pipeline.process(docs[i].text, s);
          w.clear();
          for (const Token& t : s.tokens()) w.push_back(t.text);
          part.add(std::span<const std::string_view>(w));
        }
      },
      [&](TokenCorpus& part) { corpus.append(part); });
  summary.tokens = corpus.tokens();
  return corpus;
}

void write_corpus(const TokenCorpus& corpus, const std::string& path) {
  corpora::OutputFile out(path);
  std::string buf;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const std::size_t n = corpus.sentence_size(i);
    for (std::size_t j = 0; j < n; ++j) {
      if (j) buf.push_back(' ');
      buf.append(corpus.token(i, j));
    }
    buf.push_back('\n');
    if (buf.size() > (1u << 16)) {
      out.write(buf);
      buf.clear();
    }
  }
  out.write(buf);
  out.commit();
}

void write_export(const std::vector<FrozenPhrases>& passes, const std::string& path) {
  corpora::OutputFile out(path);
  std::string buf = "phrase\tscore\tpass\n";
  for (std::size_t p = 0; p < passes.size(); ++p) {
    auto phrases = passes[p].export_phrases();
    std::sort(phrases.begin(), phrases.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    for (const auto& [phrase, score] : phrases) {
      fmt::format_to(std::back_inserter(buf), "{}\t{:.17g}\t{}\n", phrase, score, p + 1);
      if (buf.size() > (1u << 16)) {
        out.write(buf);
        buf.clear();
      }
    }
  }
  out.write(buf);
  out.commit();
}

// The long names of the options in `d` that were given on the command line.
std::vector<std::string> given_options(const po::variables_map& vm, const po::options_description& d) {
  std::vector<std::string> out;
  for (const auto& o : d.options())
    if (given(vm, o->long_name().c_str())) out.push_back("--" + o->long_name());
  return out;
}

}  // namespace

int cmd_phrases(int argc, char** argv) {
  po::options_description opts("phrases (gensim's Phrases)");
  opts.add_options()
      ("min-count", po::value<std::uint64_t>()->default_value(5),
       "default scoring subtracts it from the pair count (a pair must be seen more often); npmi drops pairs "
       "seen fewer times")
      ("threshold", po::value<double>()->default_value(10.0),
       "join a pair when its score is greater than this; npmi: between -1 and 1")
      ("scoring", po::value<std::string>()->default_value("default"),
       "default: (pair - min_count) / (a * b) * vocabulary size (Mikolov et al.) | npmi (Bouma)")
      ("delimiter", po::value<std::string>()->default_value("_"), "joins the words of a phrase")
      ("connector-words", po::value<std::string>()->default_value("none"),
       "english (gensim's ENGLISH_CONNECTOR_WORDS: a an the of ...) | none | FILE (a word per line): "
       "words that may sit inside a phrase but never start or end one")
      ("max-vocab-size", po::value<std::uint64_t>()->default_value(40000000),
       "prune rare words and pairs while counting when more are held, as gensim")
      ("passes", po::value<std::size_t>()->default_value(1),
       "learn and apply N times, each on the previous output (2: up to four-word phrases)")
      ("model-out", po::value<std::string>(), "save the learned model (JSON, format nlp.phrases)")
      ("model", po::value<std::string>(), "apply a saved model instead of learning one")
      ("export", po::value<std::string>(), "write the phrases as TSV: phrase, score, pass (by score)");
  po::options_description tok = tokenizer_options("whitespace");
  po::options_description pipe = pipeline_options();
  po::options_description desc;
  desc.add(opts).add(tok).add(pipe).add(input_options()).add(run_options());
  const Help help{
      "nlp phrases [options] [FILE...]",
      "Detect phrases as gensim's Phrases and write the corpus with them joined (new_york), a line per document.",
      "nlp phrases -t whitespace --case lower --connector-words english --export phrases.tsv corpus.txt > out.txt\n"
      "nlp phrases --scoring npmi --threshold 0.5 --passes 2 --model-out phrases.json -o out.txt corpus.txt\n"
      "nlp phrases --model phrases.json -o new.txt new.txt.gz"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;
  const auto start = std::chrono::steady_clock::now();
  const RunOptions run = run_options(vm);

  PhrasesModelFile model;
  PipelineConfig cfg;
  const bool learn = !vm.count("model");
  if (learn) {
    PhrasesOptions& o = model.options;
    o.min_count = vm["min-count"].as<std::uint64_t>();
    o.threshold = vm["threshold"].as<double>();
    o.scoring = ngrams::parse_phrase_scoring(vm["scoring"].as<std::string>());
    o.delimiter = vm["delimiter"].as<std::string>();
    o.max_vocab_size = vm["max-vocab-size"].as<std::uint64_t>();
    o.threads = run.threads;
    if (!utf8::is_valid(o.delimiter)) throw UsageError("--delimiter is not valid UTF-8");
    if (o.scoring == ngrams::PhraseScoring::kNpmi && !given(vm, "threshold"))
      throw UsageError("--scoring npmi: give --threshold between -1 and 1 (e.g. 0.5); the default 10 is for "
                       "default scoring");
    const std::string cw = vm["connector-words"].as<std::string>();
    model.connector_source = cw;
    if (cw == "english") o.connector_words = ngrams::english_connector_words();
    else if (cw != "none") o.connector_words = read_word_list(cw);
    o.validate();
    if (vm["passes"].as<std::size_t>() == 0) throw UsageError("--passes must be at least 1");
    cfg = pipeline_config(vm);
    model.pipeline_json = cfg.to_json();
  } else {
    const std::string path = vm["model"].as<std::string>();
    std::vector<std::string> clash = given_options(vm, opts);
    for (auto& g : given_options(vm, tok)) clash.push_back(g);
    for (auto& g : given_options(vm, pipe)) clash.push_back(g);
    clash.erase(std::remove(clash.begin(), clash.end(), "--model"), clash.end());
    clash.erase(std::remove(clash.begin(), clash.end(), "--export"), clash.end());
    clash.erase(std::remove(clash.begin(), clash.end(), "--model-out"), clash.end());
    if (!clash.empty())
      throw UsageError(fmt::format("--model: the model fixes the phrase options and the preprocessing; drop {}",
                                   fmt::join(clash, " ")));
    model = PhrasesModelFile::from_json(read_small_file(path), path);
    if (model.pipeline_json.empty()) throw FormatError(path + ": the model stores no pipeline configuration");
    try {
      cfg = PipelineConfig::from_json(model.pipeline_json);
    } catch (const FormatError& e) {
      throw FormatError(fmt::format("{}: \"pipeline\": {}", path, e.what()));
    }
  }
  const Pipeline pipeline(cfg);

  RunSummary summary;
  summary.command = argv[0];
  TokenCorpus corpus = read_corpus(files, reader_options(vm), pipeline, run, summary);
  const std::string inputs = files.empty() ? std::string("<stdin>") : fmt::format("{}", fmt::join(files, " "));
  if (learn && corpus.tokens() == 0)
    throw InputError({inputs, 0, 0, 0},
                     summary.documents == 0 ? "the input is empty: no documents to learn phrases from"
                                            : "the input has no tokens to learn phrases from");

  std::vector<std::uint64_t> vocab_sizes;
  if (learn) {
    const std::size_t passes = vm["passes"].as<std::size_t>();
    for (std::size_t p = 0; p < passes; ++p) {
      const Phrases learned = Phrases::learn(corpus, model.options);
      vocab_sizes.push_back(learned.len_vocab());
      model.passes.push_back(learned.freeze());
      corpus = ngrams::apply_corpus(model.passes.back(), corpus, run.threads);
    }
  } else {
    for (const auto& p : model.passes) corpus = ngrams::apply_corpus(p, corpus, run.threads);
  }

  write_corpus(corpus, run.output);
  if (vm.count("model-out")) {
    corpora::OutputFile out(vm["model-out"].as<std::string>());
    out.write(model.to_json());
    out.commit();
  }
  if (vm.count("export")) write_export(model.passes, vm["export"].as<std::string>());

  std::string phrases_json;
  for (const auto& p : model.passes)
    phrases_json += (phrases_json.empty() ? "" : ", ") + std::to_string(p.export_phrases().size());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.json_extra = fmt::format(
      "\"tokenizer\": \"{}\", \"scoring\": \"{}\", \"passes\": {}, \"phrases\": [{}], \"output_tokens\": {}",
      pipeline.tokenizer().id(), ngrams::phrase_scoring_name(model.options.scoring), model.passes.size(),
      phrases_json, corpus.tokens());
  if (!vocab_sizes.empty()) summary.json_extra += fmt::format(", \"len_vocab\": [{}]", fmt::join(vocab_sizes, ", "));
  summary.print(run);
  return 0;
}

}  // namespace nlp::cli
