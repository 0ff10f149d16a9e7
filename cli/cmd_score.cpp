// nlp score bleu|chrf|ter|rouge|meteor|cider: a corpus score (or one per segment) of hypotheses
// against references, with its signature and, if asked, a bootstrap confidence interval.
#include <cmath>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/error.hpp"
#include "nlp/metrics/bleu.hpp"
#include "nlp/metrics/chrf.hpp"
#include "nlp/metrics/cider.hpp"
#include "nlp/metrics/meteor.hpp"
#include "nlp/metrics/rouge.hpp"
#include "nlp/metrics/significance.hpp"
#include "nlp/metrics/ter.hpp"
#include "nlp/util/json.hpp"
#include "score_input.hpp"
#include "score_report.hpp"

namespace nlp::cli {
namespace {

struct ScoreCommand {
  Help help;
  std::function<po::options_description()> options;
  // The metrics to compute (rouge: one per type); `sentence` = --sentence-level.
  std::function<std::vector<std::unique_ptr<metrics::Metric>>(const po::variables_map&, bool sentence)> make;
  int default_width;  // decimals in text output
};

int run_score(const ScoreCommand& cmd, int argc, char** argv) {
  po::options_description desc;
  desc.add(cmd.options());
  desc.add(score_input_options());
  po::options_description out("output");
  out.add_options()
      ("sentence-level", "a score per segment (one per line; JSON: \"segments\") besides the corpus score")
      ("confidence", "a bootstrap confidence interval: the mean and 95 % half-width of resampled corpus scores")
      ("confidence-n", po::value<std::size_t>()->default_value(1000), "resamples for --confidence")
      ("seed", po::value<std::uint64_t>()->default_value(12345), "seed of the resampling (numpy's default_rng, as sacreBLEU)")
      ("width,w", po::value<int>()->default_value(cmd.default_width), "decimals of the scores in text output")
      ("format,f", po::value<std::string>()->default_value("text"), "text | json")
      ("threads,j", po::value<unsigned>()->default_value(1), "worker threads (the scores do not depend on it)")
      ("output,o", po::value<std::string>()->default_value("-"), "output file (- = stdout), written whole or not at all");
  desc.add(out);
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, cmd.help, vm, &files)) return 0;
  if (files.size() > 1)
    throw UsageError(fmt::format("one hypothesis file expected, got {}; use `nlp compare` for several systems", files.size()));
  const std::string hyp_path = files.empty() ? "-" : files[0];
  ScoreInputOptions in = score_input_options(vm);
  const bool sentence = vm.count("sentence-level") > 0;
  ReportOptions report;
  report.format = vm["format"].as<std::string>();
  if (report.format != "text" && report.format != "json")
    throw UsageError(fmt::format("--format {:?}: expected text or json", report.format));
  report.width = vm["width"].as<int>();
  if (report.width < 0 || report.width > 17) throw UsageError("--width: expected 0 to 17 decimals");
  std::vector<std::unique_ptr<metrics::Metric>> ms = cmd.make(vm, sentence);
  if (vm.count("newline-marker")) in.newline_marker = vm["newline-marker"].as<std::string>();
  const unsigned threads = std::max(1u, vm["threads"].as<unsigned>());

  const References refs = read_references(in, hyp_path);
  const std::vector<std::string> hyps = read_hypotheses(in, hyp_path, refs);
  const std::vector<metrics::Segment> corpus = make_segments(hyps, refs);

  std::vector<MetricReport> results;
  for (auto& m : ms) {
    m->prepare(corpus);
    MetricReport r;
    r.metric = m.get();
    r.stats = metrics::segment_statistics(*m, corpus, threads);
    r.sums = metrics::column_sums(r.stats, m->stats_size());
    r.score = m->score(r.sums);
    r.segments = corpus.size();
    if (vm.count("confidence")) {
      metrics::ResamplingOptions ro;
      ro.resamples = vm["confidence-n"].as<std::size_t>();
      ro.seed = vm["seed"].as<std::uint64_t>();
      ro.threads = threads;
      r.ci = metrics::bootstrap_ci(*m, r.stats, ro);
      r.resamples = ro.resamples;
      r.seed = ro.seed;
    }
    if (sentence) {
      const std::size_t k = m->stats_size();
      r.sentence_scores.resize(corpus.size());
      for (std::size_t i = 0; i < corpus.size(); ++i)
        r.sentence_scores[i] = m->value(std::span<const double>(r.stats).subspan(i * k, k));
    }
    results.push_back(std::move(r));
  }
  corpora::OutputFile outfile(vm["output"].as<std::string>());
  outfile.write(format_score_report(results, report));
  outfile.commit();
  return 0;
}

// Options shared by the metrics sacreBLEU has: lowercase.
po::options_description bleu_options() {
  po::options_description d("BLEU");
  d.add_options()
      ("tokenize,t", po::value<std::string>()->default_value("13a"), "13a | intl | char | none | zh (sacreBLEU's tokenizers)")
      ("smooth-method,s", po::value<std::string>()->default_value("exp"), "exp | floor | add-k | none")
      ("smooth-value", po::value<double>(), "floor: the value for 0 matches (default 0.1); add-k: k (default 1)")
      ("lowercase,l", "lowercase hypotheses and references")
      ("effective-order", "leave orders without hypothesis n-grams out (the default with --sentence-level)")
      ("max-ngram-order", po::value<int>()->default_value(4), "highest n-gram order");
  return d;
}

std::vector<std::unique_ptr<metrics::Metric>> make_bleu(const po::variables_map& vm, bool sentence) {
  metrics::BleuOptions o;
  o.tokenize = vm["tokenize"].as<std::string>();
  o.smooth = vm["smooth-method"].as<std::string>();
  if (vm.count("smooth-value")) o.smooth_value = vm["smooth-value"].as<double>();
  o.lowercase = vm.count("lowercase") > 0;
  // sacreBLEU's sentence-level BLEU uses the effective order.
  o.effective_order = sentence || vm.count("effective-order") > 0;
  o.max_ngram_order = vm["max-ngram-order"].as<int>();
  std::vector<std::unique_ptr<metrics::Metric>> out;
  out.push_back(metrics::make_bleu(o));
  return out;
}

po::options_description chrf_options() {
  po::options_description d("chrF");
  d.add_options()
      ("char-order", po::value<int>()->default_value(6), "character n-gram order")
      ("word-order", po::value<int>()->default_value(0), "word n-gram order (2 = chrF++)")
      ("beta", po::value<double>()->default_value(2), "weight of recall against precision")
      ("lowercase,l", "lowercase hypotheses and references")
      ("whitespace", "keep whitespace in character n-grams")
      ("eps-smoothing", "chrF++.py's epsilon smoothing instead of the effective order");
  return d;
}

std::vector<std::unique_ptr<metrics::Metric>> make_chrf(const po::variables_map& vm, bool) {
  metrics::ChrfOptions o;
  o.char_order = vm["char-order"].as<int>();
  o.word_order = vm["word-order"].as<int>();
  o.beta = vm["beta"].as<double>();
  o.lowercase = vm.count("lowercase") > 0;
  o.whitespace = vm.count("whitespace") > 0;
  o.eps_smoothing = vm.count("eps-smoothing") > 0;
  std::vector<std::unique_ptr<metrics::Metric>> out;
  out.push_back(metrics::make_chrf(o));
  return out;
}

po::options_description ter_options() {
  po::options_description d("TER");
  d.add_options()
      ("normalized", "tercom's normalization (-N)")
      ("no-punct", "remove punctuation")
      ("asian-support", "split Asian characters (with --normalized or --no-punct)")
      ("case-sensitive", "keep case (TER is case-insensitive by default)");
  return d;
}

std::vector<std::unique_ptr<metrics::Metric>> make_ter(const po::variables_map& vm, bool) {
  metrics::TerOptions o;
  o.normalized = vm.count("normalized") > 0;
  o.no_punct = vm.count("no-punct") > 0;
  o.asian_support = vm.count("asian-support") > 0;
  o.case_sensitive = vm.count("case-sensitive") > 0;
  std::vector<std::unique_ptr<metrics::Metric>> out;
  out.push_back(metrics::make_ter(o));
  return out;
}

po::options_description rouge_options() {
  po::options_description d("ROUGE");
  d.add_options()
      ("types", po::value<std::string>()->default_value("rouge1,rouge2,rougeL,rougeLsum"),
       "comma-separated: rouge1..rouge9, rougeL, rougeLsum, rougeW, rougeS<d>, rougeSU<d>")
      ("stem", "Porter-stem tokens longer than 3 characters (rouge-score's use_stemmer)")
      ("tokenizer", po::value<std::string>()->default_value("default"),
       "default (rouge-score's: a-z and 0-9 only) | unicode (letters and digits of every script)")
      ("newline-marker", po::value<std::string>(), "text that stands for a sentence break in the input, e.g. \"<n>\"");
  return d;
}

std::vector<std::unique_ptr<metrics::Metric>> make_rouge(const po::variables_map& vm, bool) {
  std::vector<std::unique_ptr<metrics::Metric>> out;
  std::stringstream types(vm["types"].as<std::string>());
  for (std::string t; std::getline(types, t, ',');) {
    if (t.empty()) continue;
    metrics::RougeOptions o;
    o.type = t;
    o.use_stemmer = vm.count("stem") > 0;
    o.tokenizer = vm["tokenizer"].as<std::string>();
    out.push_back(metrics::make_rouge(o));
  }
  if (out.empty()) throw UsageError("--types: name at least one ROUGE type");
  return out;
}

po::options_description meteor_options() {
  po::options_description d("METEOR");
  d.add_options()
      ("alpha", po::value<double>()->default_value(0.9), "weight of precision against recall in the F-mean")
      ("beta", po::value<double>()->default_value(3.0), "shape of the fragmentation penalty")
      ("gamma", po::value<double>()->default_value(0.5), "weight of the fragmentation penalty")
      ("wordnet-dir", po::value<std::string>()->default_value(""),
       "WordNet 3.0 dict folder (default: $NLP_WORDNET_DIR or /usr/share/wordnet)");
  return d;
}

std::vector<std::unique_ptr<metrics::Metric>> make_meteor(const po::variables_map& vm, bool) {
  metrics::MeteorOptions o;
  o.alpha = vm["alpha"].as<double>();
  o.beta = vm["beta"].as<double>();
  o.gamma = vm["gamma"].as<double>();
  o.wordnet_dir = vm["wordnet-dir"].as<std::string>();
  std::vector<std::unique_ptr<metrics::Metric>> out;
  out.push_back(metrics::make_meteor(o));
  return out;
}

po::options_description cider_options() {
  po::options_description d("CIDEr");
  d.add_options()
      ("variant", po::value<std::string>()->default_value("cider-d"), "cider-d (pycocoevalcap's) | cider")
      ("ngram-order,n", po::value<int>()->default_value(4), "highest n-gram order")
      ("sigma", po::value<double>()->default_value(6.0), "CIDEr-D's length penalty width");
  return d;
}

std::vector<std::unique_ptr<metrics::Metric>> make_cider(const po::variables_map& vm, bool) {
  metrics::CiderOptions o;
  o.variant = vm["variant"].as<std::string>();
  o.n = vm["ngram-order"].as<int>();
  o.sigma = vm["sigma"].as<double>();
  std::vector<std::unique_ptr<metrics::Metric>> out;
  out.push_back(metrics::make_cider(o));
  return out;
}

}  // namespace

int cmd_score_bleu(int argc, char** argv) {
  return run_score({{"nlp score bleu --ref FILE [--ref FILE...] [options] [HYP]",
                     "Corpus BLEU with sacreBLEU's signature (parity-tested against sacreBLEU 2.6.0); hypotheses from "
                     "stdin by default.",
                     "nlp score bleu --ref newstest2017-ende-ref.de < system.de\n"
                     "nlp score bleu -t intl --confidence -f json --ref ref.A.de --ref ref.B.de system.de"},
                    bleu_options, make_bleu, 2},
                   argc, argv);
}

int cmd_score_chrf(int argc, char** argv) {
  return run_score({{"nlp score chrf --ref FILE [--ref FILE...] [options] [HYP]",
                     "chrF (character n-gram F-score) and chrF++ (--word-order 2), as sacreBLEU 2.6.0 computes them.",
                     "nlp score chrf --ref ref.de system.de\nnlp score chrf --word-order 2 --ref ref.de system.de"},
                    chrf_options, make_chrf, 2},
                   argc, argv);
}

int cmd_score_ter(int argc, char** argv) {
  return run_score({{"nlp score ter --ref FILE [--ref FILE...] [options] [HYP]",
                     "Translation edit rate with shifts (lower is better), as sacreBLEU 2.6.0 computes it.",
                     "nlp score ter --ref ref.de system.de"},
                    ter_options, make_ter, 2},
                   argc, argv);
}

int cmd_score_rouge(int argc, char** argv) {
  return run_score({{"nlp score rouge --ref FILE [--ref FILE...] [options] [HYP]",
                     "ROUGE-N, ROUGE-L and ROUGE-Lsum as Google's rouge-score computes them (mean precision, recall "
                     "and F over segments; several references: the best), plus ROUGE-W, ROUGE-S and ROUGE-SU.",
                     "nlp score rouge --ref summaries.ref --stem summaries.hyp\n"
                     "nlp score rouge --types rougeLsum --newline-marker '<n>' --ref ref.txt hyp.txt"},
                    rouge_options, make_rouge, 5},
                   argc, argv);
}

int cmd_score_meteor(int argc, char** argv) {
  return run_score({{"nlp score meteor --ref FILE [--ref FILE...] [options] [HYP]",
                     "METEOR as NLTK 3.8's meteor_score computes it (exact, Porter stem and WordNet synonym matches); "
                     "the mean over segments.",
                     "nlp score meteor --ref ref.en system.en"},
                    meteor_options, make_meteor, 5},
                   argc, argv);
}

int cmd_score_cider(int argc, char** argv) {
  return run_score({{"nlp score cider --ref FILE [--ref FILE...] [options] [HYP]",
                     "CIDEr-D as pycocoevalcap computes it (document frequencies from the references of the scored "
                     "set), or the original CIDEr; the mean over segments.",
                     "nlp score cider --ref ref1.txt --ref ref2.txt hyp.txt\n"
                     "nlp score cider --input-format coco --ref captions_val2014.json results.json"},
                    cider_options, make_cider, 5},
                   argc, argv);
}

}  // namespace nlp::cli
