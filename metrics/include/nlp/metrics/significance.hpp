#pragma once
// Bootstrap confidence intervals and paired significance tests over segment statistics
// (segment_statistics()), for any Metric, as sacreBLEU 2.6.0 computes them for BLEU, chrF and
// TER (Koehn 2004 paired bootstrap resampling; Riezler and Maxwell 2005 approximate
// randomization), with numpy's default_rng(seed) draws (PCG64), so that the same seed and count
// give sacreBLEU's p-values.
//   auto r = nlp::metrics::paired_bootstrap(*bleu, baseline_stats, {system_stats}, {});
// Thread-safe (pure functions of their arguments). Throws UsageError for mismatched segment
// counts or a resample count of 0.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct ResamplingOptions {
  std::size_t resamples = 1000;  // bootstrap resamples; approximate randomization: trials (10,000)
  std::uint64_t seed = 12345;    // sacreBLEU's default (SACREBLEU_SEED unset)
  unsigned threads = 1;          // the results do not depend on it
};

// The score of the whole set and the mean and 95 % half-width of the resampled scores.
struct BootstrapEstimate {
  double score = 0, mean = 0, ci = 0;
};

// Resamples the segments (with replacement) `resamples` times. `stats`: row-major, stats_size()
// values per segment.
BootstrapEstimate bootstrap_ci(const Metric& metric, std::span<const double> stats, const ResamplingOptions& opts);

struct PairedResult {
  double score = 0;
  double p_value = 1;
  std::optional<double> mean, ci;  // bootstrap only
};

// Each system against the baseline (all with the same segments): sacreBLEU's --paired-bs.
std::vector<PairedResult> paired_bootstrap(const Metric& metric, std::span<const double> baseline,
                                           const std::vector<std::span<const double>>& systems,
                                           const ResamplingOptions& opts);
// sacreBLEU's --paired-ar (opts.resamples = trials).
std::vector<PairedResult> paired_approximate_randomization(const Metric& metric, std::span<const double> baseline,
                                                           const std::vector<std::span<const double>>& systems,
                                                           const ResamplingOptions& opts);

}  // namespace nlp::metrics
