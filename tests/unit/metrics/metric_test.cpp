#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/metrics/metric.hpp"

namespace {

// Statistics: hypothesis bytes, bytes of the longest reference, 1.
class LengthRatio final : public nlp::metrics::Metric {
 public:
  std::string name() const override { return "ratio"; }
  std::string signature() const override { return "ratio"; }
  std::size_t stats_size() const override { return 3; }
  std::vector<std::string> stats_names() const override { return {"hyp", "ref", "segments"}; }
  void segment_stats(const nlp::metrics::Segment& s, std::span<double> out) const override {
    std::size_t longest = 0;
    for (const auto r : s.refs) longest = std::max(longest, r.size());
    out[0] = static_cast<double>(s.hyp.size());
    out[1] = static_cast<double>(longest);
    out[2] = 1;
  }
  nlp::metrics::Score score(std::span<const double> sums) const override {
    return {sums[1] == 0 ? 0 : sums[0] / sums[1], {{"segments", sums[2]}}};
  }
};

}  // namespace

TEST_CASE("metrics: segment statistics are the same for any thread count and sum to the corpus", "[metrics]") {
  std::vector<std::string> hyps, refs;
  for (int i = 0; i < 1000; ++i) {
    hyps.push_back(std::string(static_cast<std::size_t>(i % 17), 'h'));
    refs.push_back(std::string(static_cast<std::size_t>(i % 13 + 1), 'r'));
  }
  std::vector<nlp::metrics::Segment> corpus;
  for (std::size_t i = 0; i < hyps.size(); ++i) corpus.push_back({hyps[i], {refs[i]}});
  LengthRatio m;
  m.prepare(corpus);
  const std::vector<double> one = nlp::metrics::segment_statistics(m, corpus, 1);
  REQUIRE(one.size() == 3000);
  for (unsigned t : {2u, 3u, 8u}) CHECK(nlp::metrics::segment_statistics(m, corpus, t) == one);
  const std::vector<double> sums = nlp::metrics::column_sums(one, 3);
  double hyp_bytes = 0, ref_bytes = 0;
  for (std::size_t i = 0; i < hyps.size(); ++i) {
    hyp_bytes += static_cast<double>(hyps[i].size());
    ref_bytes += static_cast<double>(refs[i].size());
  }
  CHECK(sums == std::vector<double>{hyp_bytes, ref_bytes, 1000.0});
  const nlp::metrics::Score s = m.score(sums);
  CHECK(s.score == Approx(hyp_bytes / ref_bytes));
  CHECK(s.part("segments") == 1000.0);
  CHECK_THROWS_AS(s.part("missing"), std::out_of_range);
}

TEST_CASE("metrics: an empty corpus has no statistics and zero sums", "[metrics]") {
  LengthRatio m;
  CHECK(nlp::metrics::segment_statistics(m, {}, 4).empty());
  CHECK(nlp::metrics::column_sums({}, 3) == std::vector<double>{0, 0, 0});
}
