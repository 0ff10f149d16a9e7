#include "score_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "nlp/util/json.hpp"

namespace nlp::cli {
namespace {

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

// JSON numbers: integers exactly, others as the shortest text that reads back the same double.
std::string json_number(double v) {
  if (std::isnan(v) || std::isinf(v)) return "null";
  return fmt::format("{}", v);
}

}  // namespace

std::string verbose_score(const metrics::Metric& metric, const metrics::Score& score, int width,
                          const std::optional<metrics::BootstrapEstimate>& ci) {
  const std::string name = metric.name();
  std::string s = fmt::format("{:.{}f}", score.score, width);
  if (ci) s += fmt::format(" (μ = {:.{}f} ± {:.{}f})", ci->mean, width, ci->ci, width);
  if (starts_with(name, "BLEU")) {
    std::string precisions;
    for (int n = 1;; ++n) {
      const std::string key = fmt::format("precision{}", n);
      bool found = false;
      for (const auto& [k, v] : score.parts)
        if (k == key) {
          precisions += fmt::format("{}{:.1f}", n > 1 ? "/" : "", v);
          found = true;
        }
      if (!found) break;
    }
    s += fmt::format(" {} (BP = {:.3f} ratio = {:.3f} hyp_len = {:.0f} ref_len = {:.0f})", precisions,
                     score.part("bp"), score.part("ratio"), score.part("hyp_len"), score.part("ref_len"));
    return s;
  }
  if (starts_with(name, "chrF") || starts_with(name, "TER")) return s;
  if (!score.parts.empty()) {
    s += " (";
    for (std::size_t i = 0; i < score.parts.size(); ++i)
      s += fmt::format("{}{} = {:.{}f}", i ? " " : "", score.parts[i].first, score.parts[i].second, width);
    s += ")";
  }
  return s;
}

std::string format_score_report(const std::vector<MetricReport>& results, const ReportOptions& opts) {
  std::string out;
  if (opts.format == "text") {
    for (const MetricReport& r : results) {
      out += fmt::format("{}|{} = {}\n", r.metric->name(), r.metric->signature(),
                         verbose_score(*r.metric, r.score, opts.width, r.ci));
      if (r.ci) out += fmt::format("  confidence: {} resamples, seed {}\n", r.resamples, r.seed);
    }
    if (!results.empty() && !results[0].sentence_scores.empty()) {
      // One line per segment: the scores of every metric, tab-separated.
      for (std::size_t i = 0; i < results[0].sentence_scores.size(); ++i) {
        for (std::size_t m = 0; m < results.size(); ++m)
          out += fmt::format("{}{:.{}f}", m ? "\t" : "", results[m].sentence_scores[i], opts.width);
        out += '\n';
      }
    }
    return out;
  }
  if (results.size() != 1) out += "[";
  for (std::size_t m = 0; m < results.size(); ++m) {
    const MetricReport& r = results[m];
    if (m) out += ",";
    out += "{\"name\": ";
    append_json_string(out, r.metric->name());
    out += ", \"score\": " + json_number(r.score.score) + ", \"signature\": ";
    append_json_string(out, r.metric->signature());
    out += fmt::format(", \"segments\": {}, \"higher_is_better\": {}", r.segments, r.metric->higher_is_better());
    out += ", \"parts\": {";
    for (std::size_t i = 0; i < r.score.parts.size(); ++i) {
      if (i) out += ", ";
      append_json_string(out, r.score.parts[i].first);
      out += ": " + json_number(r.score.parts[i].second);
    }
    out += "}, \"statistics\": {";
    const std::vector<std::string> names = r.metric->stats_names();
    for (std::size_t i = 0; i < names.size() && i < r.sums.size(); ++i) {
      if (i) out += ", ";
      append_json_string(out, names[i]);
      out += ": " + json_number(r.sums[i]);
    }
    out += "}";
    if (r.ci)
      out += fmt::format(", \"confidence\": {{\"mean\": {}, \"ci\": {}, \"resamples\": {}, \"seed\": {}}}",
                         json_number(r.ci->mean), json_number(r.ci->ci), r.resamples, r.seed);
    if (!r.sentence_scores.empty()) {
      out += ", \"sentence_scores\": [";
      for (std::size_t i = 0; i < r.sentence_scores.size(); ++i) out += (i ? ", " : "") + json_number(r.sentence_scores[i]);
      out += "]";
    }
    out += "}";
  }
  if (results.size() != 1) out += "]";
  out += "\n";
  return out;
}

}  // namespace nlp::cli
