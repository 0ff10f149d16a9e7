// nlp collocations: bigram association scores (NLTK's BigramAssocMeasures) over the tokens of a
// corpus, ranked as NLTK's BigramCollocationFinder ranks them.
#include <iostream>
#include <memory>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/error.hpp"
#include "nlp/ngrams/collocations.hpp"
#include "nlp/pipeline/pipeline.hpp"

namespace nlp::cli {

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
      ("case", po::value<std::string>()->default_value("keep"), "keep | lower | fold tokens before counting");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("whitespace")).add(input_options()).add(run_options());
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

  PipelineConfig cfg;
  apply_tokenizer_options(vm, cfg.tokenizer);
  cfg.filters.case_mode = parse_case_mode(vm["case"].as<std::string>());
  const Pipeline pipeline(cfg);

  RunOptions run = run_options(vm);
  const std::string output = run.output;
  run.output = "-";  // the per-document records are empty; the table is written below
  std::vector<PipelineScratch> scratch(run.threads);
  std::vector<ngrams::BigramCounter> counters(run.threads);
  std::vector<std::vector<std::string_view>> words(run.threads);
  RunSummary summary = run_documents(
      argv[0], files, reader_options(vm), run,
      [&](const corpora::Document& doc, std::size_t worker, std::string&, DocCounts& counts) {
        PipelineScratch& s = scratch[worker];
        pipeline.process(doc.text, s);
        auto& w = words[worker];
        w.clear();
        for (const Token& t : s.tokens()) w.push_back(t.text);
        counters[worker].add_document(doc.index, w);
        counts.tokens += w.size();
      });
  ngrams::BigramCounter& total = counters[0];
  for (std::size_t i = 1; i < counters.size(); ++i) {
    total.merge(counters[i]);
    counters[i] = ngrams::BigramCounter();
  }
  total.finish(boundaries);
  const auto scored = total.score(measure, score_opts);

  corpora::OutputFile out(output);
  std::string buf = "w1\tw2\tcount\tscore\n";
  for (const auto& p : scored) {
    fmt::format_to(std::back_inserter(buf), "{}\t{}\t{}\t{:.17g}\n", p.w1, p.w2, p.count, p.score);
    if (buf.size() > (1u << 16)) {
      out.write(buf);
      buf.clear();
    }
  }
  out.write(buf);
  out.commit();
  summary.json_extra = fmt::format(
      "\"tokenizer\": \"{}\", \"measure\": \"{}\", \"vocabulary\": {}, \"distinct_bigrams\": {}",
      pipeline.tokenizer().id(), ngrams::assoc_measure_name(measure), total.vocabulary_size(),
      total.distinct_bigrams());
  summary.print(run);
  return 0;
}

}  // namespace nlp::cli
