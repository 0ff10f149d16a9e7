// numpy's generator as sacreBLEU's significance tests draw from it, and the bootstrap / approximate
// randomization procedures, against numpy itself (live, with Debian's python3-numpy) and against
// the draws recorded in the shared goldens.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "nlp/error.hpp"
#include "nlp/metrics/significance.hpp"
#include "numpy_random.hpp"
#include "support/test_support.hpp"

namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

// Output of a Python snippet run with Debian's interpreter and numpy; skips without them.
std::string python(const std::string& code) {
  if (t::run("/usr/bin/python3 -c 'import numpy' 2>/dev/null").exit_code != 0)
    t::skip("/usr/bin/python3 with numpy (Debian python3-numpy) is not available");
  const auto r = t::run("/usr/bin/python3 -c " + t::shell_quote(code));
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string u128(m::detail::Uint128 v) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return s;
}

// Statistics: one value per segment and a count; the score is their mean (as ROUGE's are).
class MeanMetric final : public m::Metric {
 public:
  std::string name() const override { return "mean"; }
  std::string signature() const override { return "mean"; }
  std::size_t stats_size() const override { return 2; }
  std::vector<std::string> stats_names() const override { return {"sum", "segments"}; }
  void segment_stats(const m::Segment&, std::span<double>) const override {}
  m::Score score(std::span<const double> s) const override { return {s[1] == 0 ? 0 : 100 * s[0] / s[1], {}}; }
};

std::vector<double> table(const std::vector<double>& values) {
  std::vector<double> out;
  for (const double v : values) {
    out.push_back(v);
    out.push_back(1);
  }
  return out;
}

std::vector<double> parse_doubles(const std::string& line) {
  std::istringstream in(line);
  std::vector<double> v;
  for (double x; in >> x;) v.push_back(x);
  return v;
}

}  // namespace

TEST_CASE("numpy pcg64: seeding and bounded draws match numpy", "[metrics][significance]") {
  const std::string out = python(
      "import numpy as np\n"
      "for seed in (0, 1, 12345, 2**40 + 5):\n"
      "  r = np.random.default_rng(seed); s = r.bit_generator.state['state']\n"
      "  print(s['state'], s['inc'])\n"
      "  for n in (1, 2, 10, 1984, 1000003, 2**32):\n"
      "    print(' '.join(map(str, r.integers(0, n, size=25))))\n"
      "  print(' '.join(str(int(b)) for b in r.integers(2, size=100, dtype=bool)))\n");
  std::istringstream in(out);
  for (const std::uint64_t seed : {0ull, 1ull, 12345ull, (1ull << 40) + 5}) {
    INFO("seed " << seed);
    m::detail::NumpyPcg64 rng(seed);
    std::string state, inc;
    in >> state >> inc;
    CHECK(u128(rng.state()) == state);
    CHECK(u128(rng.increment()) == inc);
    for (const std::uint64_t n : {1ull, 2ull, 10ull, 1984ull, 1000003ull, 1ull << 32}) {
      INFO("n " << n);
      for (int i = 0; i < 25; ++i) {
        std::uint64_t expected = 0;
        in >> expected;
        CHECK(rng.below(n) == expected);
      }
    }
    for (int i = 0; i < 100; ++i) {
      int expected = 0;
      in >> expected;
      CHECK(rng.next_bool() == (expected == 1));
    }
  }
}

TEST_CASE("numpy pcg64: the draws recorded with sacreBLEU's significance goldens", "[metrics][significance]") {
  const auto data = t::shared_data();
  if (!data) t::skip("the shared data folder (../shared/data) is absent");
  rapidjson::Document d;
  const std::string text = t::read_file(*data / "goldens" / "mt" / "wmt22-de-en.significance.json");
  d.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  const rapidjson::Value& c = d["rng_check"];
  {
    m::detail::NumpyPcg64 rng(12345);
    for (rapidjson::SizeType row = 0; row < 10; ++row) {
      std::uint64_t sum = 0;
      for (std::size_t i = 0; i < 1984; ++i) {
        const std::uint64_t v = rng.below(1984);
        sum += v;
        if (row < c["bootstrap_rows"].Size()) CHECK(v == c["bootstrap_rows"][row][static_cast<rapidjson::SizeType>(i)].GetUint64());
      }
      CHECK(sum == c["bootstrap_row_sums"][row].GetUint64());
    }
  }
  m::detail::NumpyPcg64 rng(12345);
  for (rapidjson::SizeType row = 0; row < 10; ++row) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < 1984; ++i) {
      const bool v = rng.next_bool();
      sum += v;
      if (row < c["ar_rows"].Size()) CHECK(v == (c["ar_rows"][row].GetString()[i] == '1'));
    }
    CHECK(sum == c["ar_row_sums"][row].GetUint64());
  }
}

TEST_CASE("significance: paired bootstrap and approximate randomization follow sacreBLEU's procedure", "[metrics][significance]") {
  // sacreBLEU's significance.py procedure written with numpy on the same segment values.
  const std::string out = python(
      "import numpy as np\n"
      "n = 300\n"
      "base = np.array([(i * 37 % 101) / 101 for i in range(n)])\n"
      "sys1 = np.array([((i * 37 + 11) % 101) / 101 for i in range(n)])\n"
      "sys2 = np.array([(i * 53 % 97) / 97 * 0.8 for i in range(n)])\n"
      "score = lambda s: 100 * s[0] / s[1]\n"
      "stats = lambda v: np.stack([v, np.ones(n)], 1)\n"
      "def ci(s):\n"
      "  s = np.sort(s); k = len(s); lo = k // 40\n"
      "  return s.mean(), 0.5 * (s[k - lo - 1] - s[lo])\n"
      "bl = stats(base)\n"
      "idx = np.random.default_rng(12345).choice(n, size=(1000, n), replace=True)\n"
      "sb = np.array([score(bl[r].sum(0)) for r in idx])\n"
      "print(repr(score(bl.sum(0))), *map(repr, ci(sb)))\n"
      "for v in (sys1, sys2):\n"
      "  st = stats(v); ss = np.array([score(st[r].sum(0)) for r in idx])\n"
      "  d = np.abs(ss - sb); diff = abs(score(bl.sum(0)) - score(st.sum(0)))\n"
      "  p = (np.sum(d - d.mean() > diff) + 1) / 1001\n"
      "  print(repr(score(st.sum(0))), repr(p), *map(repr, ci(ss)))\n"
      "pos = np.random.default_rng(12345).integers(2, size=(2000, n), dtype=bool); neg = ~pos\n"
      "for v in (sys1, sys2):\n"
      "  st = stats(v); a = pos @ bl + neg @ st; b = neg @ bl + pos @ st\n"
      "  d = np.abs(np.array([score(x) for x in a]) - np.array([score(x) for x in b]))\n"
      "  print(repr((np.sum(d > abs(score(bl.sum(0)) - score(st.sum(0)))) + 1) / 2001))\n");
  std::vector<double> base, sys1, sys2;
  for (int i = 0; i < 300; ++i) {
    base.push_back((i * 37 % 101) / 101.0);
    sys1.push_back(((i * 37 + 11) % 101) / 101.0);
    sys2.push_back((i * 53 % 97) / 97.0 * 0.8);
  }
  const std::vector<double> tb = table(base), t1 = table(sys1), t2 = table(sys2);
  std::istringstream in(out);
  std::string line;
  MeanMetric metric;
  m::ResamplingOptions o;
  std::getline(in, line);
  const std::vector<double> expected_base = parse_doubles(line);
  const m::BootstrapEstimate e = m::bootstrap_ci(metric, tb, o);
  CHECK(e.score == Approx(expected_base[0]).margin(1e-12));
  CHECK(e.mean == Approx(expected_base[1]).margin(1e-9));
  CHECK(e.ci == Approx(expected_base[2]).margin(1e-9));
  const std::vector<m::PairedResult> bs = m::paired_bootstrap(metric, tb, {t1, t2}, o);
  for (const m::PairedResult& r : bs) {
    std::getline(in, line);
    const std::vector<double> x = parse_doubles(line);
    CHECK(r.score == Approx(x[0]).margin(1e-12));
    CHECK(r.p_value == x[1]);
    CHECK(*r.mean == Approx(x[2]).margin(1e-9));
    CHECK(*r.ci == Approx(x[3]).margin(1e-9));
  }
  o.resamples = 2000;
  const std::vector<m::PairedResult> ar = m::paired_approximate_randomization(metric, tb, {t1, t2}, o);
  for (const m::PairedResult& r : ar) {
    std::getline(in, line);
    CHECK(r.p_value == parse_doubles(line)[0]);
    CHECK_FALSE(r.mean.has_value());
  }
  // Any thread count gives the same numbers.
  o.threads = 3;
  const std::vector<m::PairedResult> ar3 = m::paired_approximate_randomization(metric, tb, {t1, t2}, o);
  CHECK(ar3[0].p_value == ar[0].p_value);
  CHECK(ar3[1].p_value == ar[1].p_value);
  o.resamples = 1000;
  const std::vector<m::PairedResult> bs3 = m::paired_bootstrap(metric, tb, {t1, t2}, o);
  CHECK(bs3[0].p_value == bs[0].p_value);
  CHECK(*bs3[1].mean == *bs[1].mean);
}

TEST_CASE("significance: bad arguments are usage errors", "[metrics][significance]") {
  MeanMetric metric;
  const std::vector<double> a = table({0.1, 0.2, 0.3}), b = table({0.1, 0.2});
  m::ResamplingOptions o;
  CHECK_THROWS_AS(m::paired_bootstrap(metric, a, {b}, o), nlp::UsageError);
  CHECK_THROWS_AS(m::bootstrap_ci(metric, std::vector<double>{}, o), nlp::UsageError);
  CHECK_THROWS_AS(m::bootstrap_ci(metric, std::vector<double>{1.0, 1.0, 1.0}, o), nlp::UsageError);
  o.resamples = 0;
  CHECK_THROWS_AS(m::paired_approximate_randomization(metric, a, {a}, o), nlp::UsageError);
  // A system identical to the baseline: every difference is 0, nothing exceeds it.
  o.resamples = 100;
  CHECK(m::paired_approximate_randomization(metric, a, {a}, o)[0].p_value == Approx(1.0 / 101));
}

TEST_CASE("significance: 1000 bootstrap resamples of a 3000-segment table", "[metrics][significance][.bench]") {
  std::vector<double> values;
  for (int i = 0; i < 3000; ++i) values.push_back((i * 7919 % 1009) / 1009.0);
  MeanMetric metric;
  const auto start = std::chrono::steady_clock::now();
  const m::BootstrapEstimate e = m::bootstrap_ci(metric, table(values), {});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("1000 resamples of 3000 segments: " << s << " s, mean " << e.mean);
}
