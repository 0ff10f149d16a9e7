// nlp compare: several systems against a baseline on the same references, with paired bootstrap
// resampling or approximate randomization for every metric (sacreBLEU's --paired-bs and
// --paired-ar, extended to ROUGE, METEOR and CIDEr).
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
#include "nlp/text/utf8.hpp"
#include "nlp/util/json.hpp"
#include "score_input.hpp"
#include "score_report.hpp"

namespace nlp::cli {
namespace {

struct CompareOptions {
  std::string tokenize = "13a";
  bool lowercase = false, stem = false;
};

std::unique_ptr<metrics::Metric> make_metric(const std::string& name, const CompareOptions& o) {
  if (name == "bleu") {
    metrics::BleuOptions b;
    b.tokenize = o.tokenize;
    b.lowercase = o.lowercase;
    return metrics::make_bleu(b);
  }
  if (name == "chrf" || name == "chrf++") {
    metrics::ChrfOptions c;
    c.word_order = name == "chrf++" ? 2 : 0;
    c.lowercase = o.lowercase;
    return metrics::make_chrf(c);
  }
  if (name == "ter") return metrics::make_ter({});
  if (name.rfind("rouge", 0) == 0) {
    metrics::RougeOptions r;
    r.type = name;
    r.use_stemmer = o.stem;
    return metrics::make_rouge(r);
  }
  if (name == "meteor") return metrics::make_meteor({});
  if (name == "cider" || name == "cider-d") return metrics::make_cider({});
  throw UsageError(fmt::format("--metrics: unknown metric {:?}; expected bleu, chrf, chrf++, ter, rouge1, rouge2, "
                               "rougeL, rougeLsum, meteor or cider",
                               name));
}

std::string system_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

struct Cell {
  metrics::PairedResult r;
  bool baseline = false;
};

// The table: one row per system, one column per metric.
std::string format_table(const std::vector<std::string>& systems, const std::vector<std::unique_ptr<metrics::Metric>>& ms,
                         const std::vector<std::vector<Cell>>& cells, const std::string& format, int width,
                         double alpha) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"system"};
  for (const auto& m : ms) head.push_back(m->name());
  rows.push_back(head);
  for (std::size_t s = 0; s < systems.size(); ++s) {
    std::vector<std::string> row{s == 0 ? "Baseline: " + systems[s] : systems[s]};
    for (std::size_t m = 0; m < ms.size(); ++m) {
      const Cell& c = cells[s][m];
      std::string v = fmt::format("{:.{}f}", c.r.score, width);
      if (c.r.mean && c.r.ci) v += fmt::format(" (μ = {:.{}f} ± {:.{}f})", *c.r.mean, width, *c.r.ci, width);
      if (!c.baseline) v += fmt::format(" (p = {:.4f}){}", c.r.p_value, c.r.p_value < alpha ? "*" : "");
      row.push_back(v);
    }
    rows.push_back(row);
  }
  std::string out;
  if (format == "markdown") {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out += "|";
      for (const auto& c : rows[i]) out += " " + c + " |";
      out += "\n";
      if (i == 0) {
        out += "|";
        for (std::size_t k = 0; k < rows[i].size(); ++k) out += k ? "---:|" : "---|";
        out += "\n";
      }
    }
  } else if (format == "latex") {
    const auto escape = [](const std::string& s) {
      std::string e;
      for (const char ch : s) {
        if (ch == '_' || ch == '%' || ch == '&' || ch == '#' || ch == '$') e += '\\';
        e += ch;
      }
      // μ and ± in math mode.
      for (const auto& [from, to] : {std::pair<std::string, std::string>{"μ", "$\\mu$"}, {"±", "$\\pm$"}}) {
        for (std::size_t at; (at = e.find(from)) != std::string::npos;) e.replace(at, from.size(), to);
      }
      return e;
    };
    out += "\\begin{tabular}{l" + std::string(ms.size(), 'r') + "}\n\\hline\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      for (std::size_t k = 0; k < rows[i].size(); ++k) out += (k ? " & " : "") + escape(rows[i][k]);
      out += " \\\\\n";
      if (i == 0) out += "\\hline\n";
    }
    out += "\\hline\n\\end{tabular}\n";
  } else {
    std::vector<std::size_t> w(head.size(), 0);
    for (const auto& r : rows)
      for (std::size_t k = 0; k < r.size(); ++k) w[k] = std::max(w[k], utf8::count_code_points(r[k]));
    for (const auto& r : rows) {
      for (std::size_t k = 0; k < r.size(); ++k) {
        const std::size_t pad = w[k] - utf8::count_code_points(r[k]);
        out += k == 0 ? r[k] + std::string(pad, ' ') : "  " + std::string(pad, ' ') + r[k];
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace

int cmd_compare(int argc, char** argv) {
  po::options_description desc;
  po::options_description cmp("comparison");
  cmp.add_options()
      ("baseline,b", po::value<std::string>(), "the baseline system's output (the other systems are the arguments)")
      ("metrics,m", po::value<std::string>()->default_value("bleu"),
       "comma-separated: bleu, chrf, chrf++, ter, rouge1, rouge2, rougeL, rougeLsum, meteor, cider")
      ("paired-bs", po::value<std::size_t>()->implicit_value(1000), "paired bootstrap resampling with N resamples (default test; N = 1000)")
      ("paired-ar", po::value<std::size_t>()->implicit_value(10000), "approximate randomization with N trials (N = 10000)")
      ("seed", po::value<std::uint64_t>()->default_value(12345), "seed (numpy's default_rng, as sacreBLEU)")
      ("alpha", po::value<double>()->default_value(0.05), "p-values below it are marked with *")
      ("tokenize,t", po::value<std::string>()->default_value("13a"), "BLEU's tokenizer: 13a | intl | char | none | zh")
      ("lowercase,l", "BLEU and chrF: lowercase")
      ("stem", "ROUGE: Porter-stem tokens longer than 3 characters")
      ("width,w", po::value<int>()->default_value(2), "decimals of the scores")
      ("format,f", po::value<std::string>()->default_value("text"), "text | json | markdown | latex")
      ("threads,j", po::value<unsigned>()->default_value(1), "worker threads (the results do not depend on it)")
      ("output,o", po::value<std::string>()->default_value("-"), "output file (- = stdout), written whole or not at all");
  desc.add(cmp);
  desc.add(score_input_options());
  const Help help{"nlp compare --ref FILE... --baseline SYS1 SYS2 [SYS3...] [options]",
                  "Paired significance tests of systems against a baseline (sacreBLEU's paired bootstrap and "
                  "approximate randomization, for every metric).",
                  "nlp compare --ref ref.en --baseline base.en sys1.en sys2.en --metrics bleu,chrf --paired-bs 1000\n"
                  "nlp compare --ref ref.en -b base.en sys1.en --metrics bleu,ter --paired-ar 10000 -f markdown"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;
  if (!vm.count("baseline")) throw UsageError("no baseline: give --baseline SYS1 and the other systems as arguments");
  if (files.empty()) throw UsageError("no system to compare with the baseline: give their files as arguments");
  if (vm.count("paired-bs") && vm.count("paired-ar")) throw UsageError("--paired-bs and --paired-ar: choose one test");
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown" && format != "latex")
    throw UsageError(fmt::format("--format {:?}: expected text, json, markdown or latex", format));
  const bool ar = vm.count("paired-ar") > 0;
  metrics::ResamplingOptions ro;
  ro.resamples = ar ? vm["paired-ar"].as<std::size_t>() : vm.count("paired-bs") ? vm["paired-bs"].as<std::size_t>() : 1000;
  ro.seed = vm["seed"].as<std::uint64_t>();
  ro.threads = std::max(1u, vm["threads"].as<unsigned>());
  if (ro.resamples == 0) throw UsageError("the number of resamples or trials must be at least 1");
  CompareOptions co;
  co.tokenize = vm["tokenize"].as<std::string>();
  co.lowercase = vm.count("lowercase") > 0;
  co.stem = vm.count("stem") > 0;
  std::vector<std::unique_ptr<metrics::Metric>> ms;
  std::stringstream names(vm["metrics"].as<std::string>());
  for (std::string n; std::getline(names, n, ',');)
    if (!n.empty()) ms.push_back(make_metric(n, co));
  if (ms.empty()) throw UsageError("--metrics: name at least one metric");
  const ScoreInputOptions in = score_input_options(vm);

  std::vector<std::string> paths{vm["baseline"].as<std::string>()};
  paths.insert(paths.end(), files.begin(), files.end());
  const References refs = read_references(in, paths[0]);
  std::vector<std::vector<std::string>> hyps;
  for (const std::string& p : paths) hyps.push_back(read_hypotheses(in, p, refs));
  std::vector<std::vector<metrics::Segment>> corpora;
  for (const auto& h : hyps) corpora.push_back(make_segments(h, refs));

  std::vector<std::vector<Cell>> cells(paths.size(), std::vector<Cell>(ms.size()));
  for (std::size_t m = 0; m < ms.size(); ++m) {
    ms[m]->prepare(corpora[0]);  // the references are the same for every system
    std::vector<std::vector<double>> stats;
    for (const auto& c : corpora) stats.push_back(metrics::segment_statistics(*ms[m], c, ro.threads));
    std::vector<std::span<const double>> others;
    for (std::size_t s = 1; s < stats.size(); ++s) others.emplace_back(stats[s]);
    const std::vector<metrics::PairedResult> res = ar ? metrics::paired_approximate_randomization(*ms[m], stats[0], others, ro)
                                                      : metrics::paired_bootstrap(*ms[m], stats[0], others, ro);
    Cell& base = cells[0][m];
    base.baseline = true;
    base.r.score = ms[m]->score(metrics::column_sums(stats[0], ms[m]->stats_size())).score;
    if (!ar) {
      const metrics::BootstrapEstimate e = metrics::bootstrap_ci(*ms[m], stats[0], ro);
      base.r.mean = e.mean;
      base.r.ci = e.ci;
    }
    for (std::size_t s = 1; s < paths.size(); ++s) cells[s][m].r = res[s - 1];
  }

  std::vector<std::string> systems;
  for (const auto& p : paths) systems.push_back(system_name(p));
  const int width = vm["width"].as<int>();
  const double alpha = vm["alpha"].as<double>();
  std::string out;
  if (format == "json") {
    out += fmt::format("{{\"test\": \"{}\", \"{}\": {}, \"seed\": {}, \"segments\": {}, \"metrics\": [", ar ? "paired-ar" : "paired-bs",
                       ar ? "trials" : "resamples", ro.resamples, ro.seed, refs.refs.size());
    for (std::size_t m = 0; m < ms.size(); ++m) {
      out += m ? ", {\"name\": " : "{\"name\": ";
      append_json_string(out, ms[m]->name());
      out += ", \"signature\": ";
      append_json_string(out, ms[m]->signature());
      out += fmt::format(", \"higher_is_better\": {}}}", ms[m]->higher_is_better());
    }
    out += "], \"systems\": [";
    for (std::size_t s = 0; s < systems.size(); ++s) {
      out += s ? ", {\"name\": " : "{\"name\": ";
      append_json_string(out, systems[s]);
      out += ", \"file\": ";
      append_json_string(out, paths[s]);
      out += fmt::format(", \"baseline\": {}, \"scores\": {{", s == 0);
      for (std::size_t m = 0; m < ms.size(); ++m) {
        const Cell& c = cells[s][m];
        if (m) out += ", ";
        append_json_string(out, ms[m]->name());
        out += fmt::format(": {{\"score\": {}", c.r.score);
        out += c.baseline ? ", \"p_value\": null" : fmt::format(", \"p_value\": {}", c.r.p_value);
        out += c.r.mean ? fmt::format(", \"mean\": {}, \"ci\": {}", *c.r.mean, *c.r.ci) : ", \"mean\": null, \"ci\": null";
        out += "}";
      }
      out += "}}";
    }
    out += "]}\n";
  } else {
    out = format_table(systems, ms, cells, format, width, alpha);
    if (format == "text") {
      for (const auto& m : ms) out += fmt::format("{}: {}\n", m->name(), m->signature());
      out += fmt::format("{}: {} {}, seed {}; * p < {}\n", ar ? "approximate randomization" : "paired bootstrap resampling",
                         ro.resamples, ar ? "trials" : "resamples", ro.seed, alpha);
    }
  }
  corpora::OutputFile file(vm["output"].as<std::string>());
  file.write(out);
  file.commit();
  return 0;
}

}  // namespace nlp::cli
