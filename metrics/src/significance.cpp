#include "nlp/metrics/significance.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

#include <fmt/format.h>

#include "nlp/error.hpp"
#include "numpy_random.hpp"
#include "util/threads.hpp"

namespace nlp::metrics {
namespace {

// numpy's pairwise summation of a contiguous float64 array (add.reduce: the first element, then
// the pairwise sum of the rest).
double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

double numpy_mean(const std::vector<double>& v) {
  if (v.empty()) return std::nan("");
  return (v[0] + pairwise_sum(v.data() + 1, v.size() - 1)) / static_cast<double>(v.size());
}

// sacreBLEU's estimate_ci: the mean of the scores and half the width of their 95 % interval
// (sorted scores at n // 40 and n - n // 40 - 1).
std::pair<double, double> estimate_ci(std::vector<double> scores) {
  std::sort(scores.begin(), scores.end());
  const std::size_t n = scores.size();
  const std::size_t lower = n / 40, upper = n - lower - 1;
  return {numpy_mean(scores), 0.5 * (scores[upper] - scores[lower])};
}

std::size_t segments_of(const Metric& m, std::span<const double> stats) {
  const std::size_t k = m.stats_size();
  if (k == 0 || stats.size() % k != 0)
    throw UsageError(fmt::format("{}: the statistics table has {} values, not a multiple of {} per segment", m.name(),
                                 stats.size(), k));
  return stats.size() / k;
}

// The resample indices: `rows` rows of n draws of choice(n, replace=True).
std::vector<std::uint32_t> bootstrap_indices(std::size_t rows, std::size_t n, std::uint64_t seed) {
  detail::NumpyPcg64 rng(seed);
  std::vector<std::uint32_t> idx(rows * n);
  for (auto& v : idx) v = static_cast<std::uint32_t>(rng.below(n));
  return idx;
}

// The corpus score of one resample (row `r` of `idx`), summed as sacreBLEU sums when the metric
// asks for it (float32, in index order), else in double.
double resample_score(const Metric& m, std::span<const double> stats, const std::uint32_t* row, std::size_t n,
                      std::vector<double>& sums, std::vector<float>& sums32) {
  const std::size_t k = m.stats_size();
  if (m.float32_resampling()) {
    sums32.assign(k, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
      const double* s = stats.data() + std::size_t{row[i]} * k;
      for (std::size_t j = 0; j < k; ++j) sums32[j] += static_cast<float>(s[j]);
    }
    sums.assign(sums32.begin(), sums32.end());
    return m.value_float32(sums);
  }
  sums.assign(k, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double* s = stats.data() + std::size_t{row[i]} * k;
    for (std::size_t j = 0; j < k; ++j) sums[j] += s[j];
  }
  return m.value(sums);
}

// Scores of every resample, on opts.threads threads (each resample is independent).
std::vector<double> resample_scores(const Metric& m, std::span<const double> stats, const std::vector<std::uint32_t>& idx,
                                    std::size_t rows, std::size_t n, unsigned threads) {
  std::vector<double> scores(rows);
  std::atomic<std::size_t> next{0};
  nlp::detail::run_threads(std::max(1u, threads), [&](unsigned) {
    std::vector<double> sums;
    std::vector<float> sums32;
    for (std::size_t r; (r = next.fetch_add(1)) < rows;) scores[r] = resample_score(m, stats, idx.data() + r * n, n, sums, sums32);
  });
  return scores;
}

double full_score(const Metric& m, std::span<const double> stats) { return m.score(column_sums(stats, m.stats_size())).score; }

void check_systems(const Metric& m, std::span<const double> baseline, const std::vector<std::span<const double>>& systems,
                   const ResamplingOptions& opts) {
  if (opts.resamples == 0) throw UsageError("the number of resamples or trials must be at least 1");
  const std::size_t n = segments_of(m, baseline);
  if (n == 0) throw UsageError("significance tests need at least one segment");
  for (std::size_t s = 0; s < systems.size(); ++s)
    if (segments_of(m, systems[s]) != n)
      throw UsageError(fmt::format("system {} has {} segments but the baseline has {}", s + 1, segments_of(m, systems[s]), n));
}

}  // namespace

BootstrapEstimate bootstrap_ci(const Metric& metric, std::span<const double> stats, const ResamplingOptions& opts) {
  if (opts.resamples == 0) throw UsageError("the number of resamples must be at least 1");
  const std::size_t n = segments_of(metric, stats);
  if (n == 0) throw UsageError("a confidence interval needs at least one segment");
  const std::vector<std::uint32_t> idx = bootstrap_indices(opts.resamples, n, opts.seed);
  const auto [mean, ci] = estimate_ci(resample_scores(metric, stats, idx, opts.resamples, n, opts.threads));
  return {full_score(metric, stats), mean, ci};
}

std::vector<PairedResult> paired_bootstrap(const Metric& metric, std::span<const double> baseline,
                                           const std::vector<std::span<const double>>& systems,
                                           const ResamplingOptions& opts) {
  check_systems(metric, baseline, systems, opts);
  const std::size_t n = segments_of(metric, baseline), rows = opts.resamples;
  const std::vector<std::uint32_t> idx = bootstrap_indices(rows, n, opts.seed);
  const std::vector<double> base_scores = resample_scores(metric, baseline, idx, rows, n, opts.threads);
  const double base = full_score(metric, baseline);
  std::vector<PairedResult> out;
  for (const auto& sys : systems) {
    const std::vector<double> scores = resample_scores(metric, sys, idx, rows, n, opts.threads);
    PairedResult r;
    r.score = full_score(metric, sys);
    const auto [mean, ci] = estimate_ci(scores);
    r.mean = mean;
    r.ci = ci;
    // How often the resampled difference, centred on its mean, exceeds the observed one.
    std::vector<double> diffs(rows);
    for (std::size_t i = 0; i < rows; ++i) diffs[i] = std::fabs(scores[i] - base_scores[i]);
    const double centre = numpy_mean(diffs);
    const double observed = std::fabs(base - r.score);
    std::size_t above = 0;
    for (const double d : diffs) above += (d - centre) > observed;
    r.p_value = static_cast<double>(above + 1) / static_cast<double>(rows + 1);
    out.push_back(r);
  }
  return out;
}

std::vector<PairedResult> paired_approximate_randomization(const Metric& metric, std::span<const double> baseline,
                                                           const std::vector<std::span<const double>>& systems,
                                                           const ResamplingOptions& opts) {
  check_systems(metric, baseline, systems, opts);
  const std::size_t n = segments_of(metric, baseline), trials = opts.resamples, k = metric.stats_size();
  // take[t * n + i]: in trial t, pseudo-system A takes the baseline's segment i (B the system's).
  std::vector<std::uint8_t> take(trials * n);
  {
    detail::NumpyPcg64 rng(opts.seed);
    for (auto& b : take) b = rng.next_bool();
  }
  const double base = full_score(metric, baseline);
  const std::vector<double> base_sums = column_sums(baseline, k);
  std::vector<PairedResult> out;
  for (const auto& sys : systems) {
    PairedResult r;
    const std::vector<double> sys_sums = column_sums(sys, k);
    r.score = metric.score(sys_sums).score;
    const double observed = std::fabs(base - r.score);
    // Pseudo-system A = the system plus, where it takes the baseline's segment, the difference;
    // B = everything else. Exact for whole-number statistics (BLEU, chrF, TER's edits).
    std::vector<double> delta(n * k), total(k);
    for (std::size_t i = 0; i < n * k; ++i) delta[i] = baseline[i] - sys[i];
    for (std::size_t j = 0; j < k; ++j) total[j] = base_sums[j] + sys_sums[j];
    std::vector<std::uint8_t> above(trials, 0);
    std::atomic<std::size_t> next{0};
    nlp::detail::run_threads(std::max(1u, opts.threads), [&](unsigned) {
      std::vector<double> a(k), b(k);
      for (std::size_t t; (t = next.fetch_add(1)) < trials;) {
        std::copy(sys_sums.begin(), sys_sums.end(), a.begin());
        const std::uint8_t* row = take.data() + t * n;
        for (std::size_t i = 0; i < n; ++i) {
          if (!row[i]) continue;
          const double* d = delta.data() + i * k;
          for (std::size_t j = 0; j < k; ++j) a[j] += d[j];
        }
        for (std::size_t j = 0; j < k; ++j) b[j] = total[j] - a[j];
        above[t] = std::fabs(metric.value(a) - metric.value(b)) > observed;
      }
    });
    std::size_t count = 0;
    for (const std::uint8_t v : above) count += v;
    r.p_value = static_cast<double>(count + 1) / static_cast<double>(trials + 1);
    out.push_back(r);
  }
  return out;
}

}  // namespace nlp::metrics
