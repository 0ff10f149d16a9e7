// nlp ngrams: exact counts and document frequencies of word or character n-grams.
// nlp collocations: bigram association scores (NLTK's BigramAssocMeasures) over the tokens of a
// corpus, ranked as NLTK's BigramCollocationFinder ranks them.
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/error.hpp"
#include "nlp/ngrams/collocations.hpp"
#include "nlp/ngrams/ngram_counter.hpp"
#include "nlp/pipeline/pipeline.hpp"

namespace nlp::cli {

int cmd_ngrams(int argc, char** argv) {
  po::options_description opts("n-grams");
  opts.add_options()
      ("unit", po::value<std::string>()->default_value("word"),
       "word: runs of tokens; char: runs of code points of the tokens joined by one space")
      ("n,N", po::value<std::size_t>()->default_value(2), "n-gram size (the smallest with --max-n)")
      ("max-n", po::value<std::size_t>(), "largest n-gram size (default: --n)")
      ("min-count", po::value<std::uint64_t>()->default_value(1), "drop n-grams seen fewer times")
      ("min-df", po::value<std::uint64_t>()->default_value(1), "drop n-grams found in fewer documents")
      ("top,k", po::value<std::size_t>()->default_value(20), "print the best K n-grams (0 = all)")
      ("sort", po::value<std::string>()->default_value("count"), "count | df: the figure that ranks first")
      ("max-memory", po::value<double>(),
       "MB for the count table: beyond it, rare n-grams are pruned and counts become approximate "
       "(the bound is reported); default: exact, unbounded");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("whitespace")).add(pipeline_options()).add(input_options()).add(run_options());
  const Help help{
      "nlp ngrams [options] [FILE...]",
      "Count word or character n-grams exactly; output TSV: ngram, count, df (documents containing it).",
      "nlp ngrams -t treebank --case lower --n 2 --max-n 3 --min-count 5 --top 100 corpus.txt\n"
      "nlp ngrams --unit char --n 3 --sort df --top 0 -o trigrams.tsv corpus.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  ngrams::NgramOptions nopts;
  const std::string unit = vm["unit"].as<std::string>();
  if (unit != "word" && unit != "char") throw UsageError(fmt::format("--unit: choose word or char, not {:?}", unit));
  nopts.unit = unit == "word" ? ngrams::NgramUnit::kWord : ngrams::NgramUnit::kChar;
  nopts.min_n = vm["n"].as<std::size_t>();
  nopts.max_n = vm.count("max-n") ? vm["max-n"].as<std::size_t>() : nopts.min_n;
  ngrams::TopOptions top;
  top.min_count = vm["min-count"].as<std::uint64_t>();
  top.min_df = vm["min-df"].as<std::uint64_t>();
  top.top = vm["top"].as<std::size_t>();
  const std::string sort = vm["sort"].as<std::string>();
  if (sort != "count" && sort != "df") throw UsageError(fmt::format("--sort: choose count or df, not {:?}", sort));
  top.order = sort == "count" ? ngrams::NgramOrder::kCount : ngrams::NgramOrder::kDocumentFrequency;

  const Pipeline pipeline(pipeline_config(vm));

  RunOptions run = run_options(vm);
  const std::string output = run.output;
  run.output = "-";  // the per-document records are empty; the table is written below
  auto count_words = [&](PipelineScratch& s, std::vector<std::string_view>& w, const corpora::Document& doc,
                         ngrams::NgramCounter& counter, DocCounts& counts) {
    pipeline.process(doc.text, s);
    w.clear();
    for (const Token& t : s.tokens()) w.push_back(t.text);
    counter.add_document(w);
    counts.tokens += w.size();
  };
  std::vector<PipelineScratch> scratch(run.threads);
  std::vector<std::vector<std::string_view>> words(run.threads);
  std::vector<ngrams::NgramCounter> counters(1, ngrams::NgramCounter(nopts));
  RunSummary summary;
  if (vm.count("max-memory")) {
    // Bounded: batches are counted on the workers and merged in input order into one table,
    // which is pruned whenever it outgrows the budget (the same result for any --threads).
    const double mb = vm["max-memory"].as<double>();
    if (!(mb >= 1.0)) throw UsageError(fmt::format("--max-memory: expected at least 1 (MB), got {}", mb));
    const auto budget = static_cast<std::size_t>(mb * 1e6);
    struct Partial {
      std::optional<ngrams::NgramCounter> counter;
      void clear() {
        if (counter) counter->clear();
      }
    };
    summary = reduce_documents<Partial>(
        argv[0], files, reader_options(vm), run,
        [&](std::vector<corpora::Document>& docs, std::size_t n, std::size_t worker, Partial& p, DocCounts& counts) {
          if (!p.counter) p.counter.emplace(nopts);
          for (std::size_t i = 0; i < n; ++i) count_words(scratch[worker], words[worker], docs[i], *p.counter, counts);
        },
        [&](Partial& p) {
          counters[0].merge(*p.counter);
          if (counters[0].bytes_used() > budget) counters[0].prune_to(budget / 2);
        });
  } else {
    // Exact: one table per worker, merged at the end.
    counters.resize(run.threads, ngrams::NgramCounter(nopts));
    summary = run_documents(argv[0], files, reader_options(vm), run,
                            [&](const corpora::Document& doc, std::size_t worker, std::string&, DocCounts& counts) {
                              count_words(scratch[worker], words[worker], doc, counters[worker], counts);
                            });
  }
  ngrams::NgramCounter& total = counters[0];
  for (std::size_t i = 1; i < counters.size(); ++i) {
    total.merge(counters[i]);
    counters[i] = ngrams::NgramCounter(nopts);
  }
  const auto best = total.top(top);

  corpora::OutputFile out(output);
  std::string buf = "ngram\tcount\tdf\n";
  for (const auto& e : best) {
    fmt::format_to(std::back_inserter(buf), "{}\t{}\t{}\n", total.display(e), e.count, e.df);
    if (buf.size() > (1u << 16)) {
      out.write(buf);
      buf.clear();
    }
  }
  out.write(buf);
  out.commit();
  summary.json_extra =
      fmt::format("\"tokenizer\": \"{}\", \"distinct_ngrams\": {}, \"table_bytes\": {}, \"exact\": {}, "
                  "\"prunes\": {}, \"count_error_bound\": {}",
                  pipeline.tokenizer().id(), total.distinct(), total.bytes_used(), total.error_bound() == 0,
                  total.prunes(), total.error_bound());
  if (total.error_bound() > 0)
    summary.text_extra = fmt::format("approximate after {} prunes: counts and dfs may be low by up to {}",
                                     total.prunes(), total.error_bound());
  summary.print(run);
  return 0;
}

namespace {

// Counts with one Counter per worker (BigramCounter or TrigramCounter), merges them in worker
// order, scores and writes the table: `header`, then `row(buf, scored)` for each scored n-gram.
template <class Counter, class Row, class Extra>
int run_collocations(const std::string& command, const std::vector<std::string>& files,
                     const po::variables_map& vm, const Pipeline& pipeline, ngrams::AssocMeasure measure,
                     ngrams::Boundaries boundaries, const ngrams::ScoreOptions& score_opts,
                     std::string_view header, Row row, Extra extra) {
  RunOptions run = run_options(vm);
  const std::string output = run.output;
  run.output = "-";  // the per-document records are empty; the table is written below
  std::vector<PipelineScratch> scratch(run.threads);
  std::vector<Counter> counters(run.threads);
  std::vector<std::vector<std::string_view>> words(run.threads);
  RunSummary summary = run_documents(
      command, files, reader_options(vm), run,
      [&](const corpora::Document& doc, std::size_t worker, std::string&, DocCounts& counts) {
        PipelineScratch& s = scratch[worker];
        pipeline.process(doc.text, s);
        auto& w = words[worker];
        w.clear();
        for (const Token& t : s.tokens()) w.push_back(t.text);
        counters[worker].add_document(doc.index, w);
        counts.tokens += w.size();
      });
  Counter& total = counters[0];
  for (std::size_t i = 1; i < counters.size(); ++i) {
    total.merge(counters[i]);
    counters[i] = Counter();
  }
  total.finish(boundaries);
  const auto scored = total.score(measure, score_opts);
  corpora::OutputFile out(output);
  std::string buf(header);
  for (const auto& p : scored) {
    row(buf, p);
    if (buf.size() > (1u << 16)) {
      out.write(buf);
      buf.clear();
    }
  }
  out.write(buf);
  out.commit();
  summary.json_extra = fmt::format("\"tokenizer\": \"{}\", \"measure\": \"{}\", {}", pipeline.tokenizer().id(),
                                   ngrams::assoc_measure_name(measure), extra(total));
  summary.print(run);
  return 0;
}

}  // namespace

int cmd_collocations(int argc, char** argv) {
  po::options_description opts("collocations");
  opts.add_options()
      ("measure,m", po::value<std::string>()->default_value("pmi"),
       "pmi | npmi | likelihood_ratio (llr) | chi_sq | student_t | dice | jaccard | raw_freq | poisson_stirling")
      ("min-freq", po::value<std::uint64_t>()->default_value(1),
       "drop pairs seen fewer times (NLTK's apply_freq_filter)")
      ("top,n", po::value<std::size_t>()->default_value(20), "print the best N pairs (0 = all)")
      ("boundaries", po::value<std::string>()->default_value("cross"),
       "cross: documents form one word stream (NLTK's from_words on the concatenation); "
       "respect: no pair spans two documents (NLTK's from_documents)")
      ("trigrams", "score word triples (NLTK's TrigramCollocationFinder and TrigramAssocMeasures; no dice)");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("whitespace")).add(pipeline_options()).add(input_options()).add(run_options());
  const Help help{
      "nlp collocations [options] [FILE...]",
      "Score adjacent word pairs with an association measure; output TSV: w1, w2, count, score.",
      "nlp collocations -t treebank --case lower --min-freq 5 -m likelihood_ratio corpus.txt\n"
      "nlp collocations -m pmi --min-freq 3 --top 50 --boundaries respect --threads 4 corpus.txt.gz"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  const ngrams::AssocMeasure measure = ngrams::parse_assoc_measure(vm["measure"].as<std::string>());
  const std::string b = vm["boundaries"].as<std::string>();
  if (b != "cross" && b != "respect")
    throw UsageError(fmt::format("--boundaries: choose cross or respect, not {:?}", b));
  const auto boundaries = b == "cross" ? ngrams::Boundaries::kCross : ngrams::Boundaries::kRespect;
  ngrams::ScoreOptions score_opts;
  score_opts.min_freq = vm["min-freq"].as<std::uint64_t>();
  score_opts.top = vm["top"].as<std::size_t>();

  const Pipeline pipeline(pipeline_config(vm));

  if (vm.count("trigrams")) {
    if (measure == ngrams::AssocMeasure::kDice) throw UsageError("--trigrams: dice is a bigram measure; choose another");
    return run_collocations<ngrams::TrigramCounter>(
        argv[0], files, vm, pipeline, measure, boundaries, score_opts, "w1\tw2\tw3\tcount\tscore\n",
        [](std::string& buf, const auto& p) {
          fmt::format_to(std::back_inserter(buf), "{}\t{}\t{}\t{}\t{:.17g}\n", p.w1, p.w2, p.w3, p.count, p.score);
        },
        [](const auto& t) { return fmt::format("\"distinct_trigrams\": {}", t.distinct_trigrams()); });
  }
  return run_collocations<ngrams::BigramCounter>(
      argv[0], files, vm, pipeline, measure, boundaries, score_opts, "w1\tw2\tcount\tscore\n",
      [](std::string& buf, const auto& p) {
        fmt::format_to(std::back_inserter(buf), "{}\t{}\t{}\t{:.17g}\n", p.w1, p.w2, p.count, p.score);
      },
      [](const auto& t) {
        return fmt::format("\"vocabulary\": {}, \"distinct_bigrams\": {}", t.vocabulary_size(), t.distinct_bigrams());
      });
}

}  // namespace nlp::cli
