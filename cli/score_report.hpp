#pragma once
// Printing the results of `nlp score`: sacreBLEU's line for BLEU, chrF and TER
// ("BLEU|<signature> = 28.30 59.4/34.2/22.0/14.7 (BP = ...)"), the score and its parts for the
// others; or one JSON object per metric with every statistic and the signature.
#include <optional>
#include <string>
#include <vector>

#include "nlp/metrics/metric.hpp"
#include "nlp/metrics/significance.hpp"

namespace nlp::cli {

struct MetricReport {
  const metrics::Metric* metric = nullptr;
  std::vector<double> stats;  // per segment, row-major
  std::vector<double> sums;
  metrics::Score score;
  std::size_t segments = 0;
  std::optional<metrics::BootstrapEstimate> ci;
  std::size_t resamples = 0;
  std::uint64_t seed = 0;
  std::vector<double> sentence_scores;  // --sentence-level
};

struct ReportOptions {
  std::string format = "text";  // text | json
  int width = 2;                // decimals in text
};

// The text or JSON report of the metrics (JSON: an object for one metric, a list for several).
std::string format_score_report(const std::vector<MetricReport>& results, const ReportOptions& opts);

// The score as the reference prints it: "28.30 59.4/34.2/22.0/14.7 (BP = 1.000 ratio = 1.001
// hyp_len = 61937 ref_len = 61907)" for BLEU, the bare score for chrF and TER, the score and its
// parts otherwise; `ci` adds " (μ = mean ± half-width)" after the score, as sacreBLEU does.
std::string verbose_score(const metrics::Metric& metric, const metrics::Score& score, int width,
                          const std::optional<metrics::BootstrapEstimate>& ci = std::nullopt);

}  // namespace nlp::cli
