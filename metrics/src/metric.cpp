#include "nlp/metrics/metric.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "util/threads.hpp"

namespace nlp::metrics {

double Score::part(std::string_view name) const {
  for (const auto& [n, v] : parts)
    if (n == name) return v;
  throw std::out_of_range("metric score has no part named " + std::string(name));
}

void Metric::prepare(std::span<const Segment>) {}

std::vector<double> segment_statistics(const Metric& metric, std::span<const Segment> corpus, unsigned threads) {
  const std::size_t width = metric.stats_size();
  std::vector<double> stats(corpus.size() * width, 0.0);
  // Segments in fixed blocks, each written to its own rows: the same table for any thread count.
  constexpr std::size_t kBlock = 256;
  const std::size_t blocks = (corpus.size() + kBlock - 1) / kBlock;
  std::atomic<std::size_t> next{0};
  nlp::detail::run_threads(threads == 0 ? 1 : threads, [&](unsigned) {
    for (std::size_t b; (b = next.fetch_add(1)) < blocks;)
      for (std::size_t i = b * kBlock; i < std::min(corpus.size(), (b + 1) * kBlock); ++i)
        metric.segment_stats(corpus[i], std::span<double>(stats).subspan(i * width, width));
  });
  return stats;
}

long common_reference_count(std::span<const Segment> corpus) {
  const long n = corpus.empty() ? 0 : static_cast<long>(corpus[0].refs.size());
  for (const Segment& s : corpus)
    if (static_cast<long>(s.refs.size()) != n) return -1;
  return n;
}

std::string nrefs_field(long count) { return count == -1 ? "var" : std::to_string(count < 0 ? 0 : count); }

std::vector<double> column_sums(std::span<const double> table, std::size_t width) {
  std::vector<double> sums(width, 0.0);
  if (width == 0) return sums;
  for (std::size_t i = 0; i < table.size(); ++i) sums[i % width] += table[i];
  return sums;
}

}  // namespace nlp::metrics
