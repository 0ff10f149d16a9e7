// nlp stats: corpus statistics over the preprocessing pipeline's tokens (counts, type/token
// ratio, hapaxes, document lengths, frequent words and n-grams, a Zipf fit) as text or JSON,
// and optional SVG plots.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/error.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/stats/corpus_stats.hpp"
#include "nlp/stats/svg_plots.hpp"

namespace nlp::cli {
namespace {

void write_file_atomically(const std::filesystem::path& path, const std::string& data) {
  corpora::OutputFile f(path.string());
  f.write(data);
  f.commit();
}

}  // namespace

int cmd_stats(int argc, char** argv) {
  po::options_description st("statistics");
  st.add_options()
      ("top,k", po::value<std::size_t>()->default_value(20), "how many frequent words and n-grams to list")
      ("ngram,n", po::value<std::size_t>()->default_value(2), "n-gram order for the frequent n-grams (0 = none)")
      ("format,f", po::value<std::string>()->default_value("text"), "text | json")
      ("svg-dir", po::value<std::string>(),
       "write lengths.svg, zipf.svg, top_words.svg, top_ngrams.svg and wordcloud.svg into DIR")
      ("cloud-words", po::value<std::size_t>()->default_value(150), "words offered to the word cloud");
  po::options_description desc;
  desc.add(pipeline_options()).add(tokenizer_options("regex")).add(st).add(input_options()).add(run_options());
  const Help help{
      "nlp stats [options] [FILE...]",
      "Corpus statistics of the pipeline's tokens; identical output for any --threads.",
      "nlp stats corpus.txt\n"
      "nlp stats -t treebank --case lower --punctuation drop --top 30 --ngram 3 --format json corpus.txt.gz\n"
      "nlp stats --case lower --svg-dir plots corpus.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw UsageError(fmt::format("--format: choose text or json, not {:?}", format));

  const PipelineConfig cfg = pipeline_config(vm);
  const Pipeline pipeline(cfg);  // validates the options before any input is read

  const std::size_t top = vm["top"].as<std::size_t>();
  const std::size_t order = vm["ngram"].as<std::size_t>();
  const std::size_t cloud = vm["cloud-words"].as<std::size_t>();
  std::optional<std::filesystem::path> svg_dir;
  if (vm.count("svg-dir")) {
    svg_dir = vm["svg-dir"].as<std::string>();
    std::error_code ec;
    std::filesystem::create_directories(*svg_dir, ec);
    if (ec) throw IoError(fmt::format("{}: cannot create the directory: {}", svg_dir->string(), ec.message()));
  }

  // The records are empty: the report is written after the run, to the real --output.
  RunOptions run = run_options(vm);
  const std::string output = run.output;
  run.output = "-";
  std::vector<PipelineScratch> scratch(run.threads);
  std::vector<std::vector<std::string_view>> views(run.threads);
  std::vector<stats::CorpusCounts> counts(run.threads, stats::CorpusCounts(order));
  RunSummary summary = run_documents(
      argv[0], files, reader_options(vm), run,
      [&](const corpora::Document& doc, std::size_t worker, std::string&, DocCounts& dc) {
        PipelineScratch& s = scratch[worker];
        pipeline.process(doc.text, s);
        auto& v = views[worker];
        v.clear();
        for (const auto& t : s.tokens()) v.push_back(t.text);
        counts[worker].add_document(v);
        dc.tokens += v.size();
      });
  for (std::size_t w = 1; w < counts.size(); ++w) {
    counts[0].merge(counts[w]);
    counts[w] = stats::CorpusCounts(order);
  }
  stats::StatsOptions so;
  so.top_words = std::max(top, svg_dir ? cloud : 0);
  so.top_ngrams = top;
  stats::CorpusStats s = stats::summarize(counts[0], so);
  const std::vector<stats::CountedItem> cloud_items(
      s.top_words.begin(), s.top_words.begin() + static_cast<std::ptrdiff_t>(std::min(cloud, s.top_words.size())));
  s.top_words.resize(std::min(top, s.top_words.size()));

  corpora::OutputFile out(output);
  out.write(format == "json" ? stats::to_json(s) : stats::to_text(s));
  out.commit();
  if (svg_dir) {
    write_file_atomically(*svg_dir / "lengths.svg",
                          stats::svg_histogram(s.doc_lengths, "Document length", "tokens per document"));
    write_file_atomically(*svg_dir / "zipf.svg", stats::svg_zipf_plot(s.frequencies, s.zipf, "Rank-frequency (Zipf)"));
    write_file_atomically(*svg_dir / "top_words.svg",
                          stats::svg_bar_chart(s.top_words, fmt::format("Top {} words", s.top_words.size())));
    write_file_atomically(*svg_dir / "top_ngrams.svg",
                          stats::svg_bar_chart(s.top_ngrams, fmt::format("Top {} {}-grams", s.top_ngrams.size(), order)));
    write_file_atomically(*svg_dir / "wordcloud.svg", stats::svg_word_cloud(cloud_items, "Word cloud"));
  }
  summary.json_extra = fmt::format("\"tokenizer\": \"{}\"", pipeline.tokenizer().id());
  summary.print(run);
  return 0;
}

}  // namespace nlp::cli
