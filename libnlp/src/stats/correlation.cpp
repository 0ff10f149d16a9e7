#include "nlp/stats/correlation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "nlp/error.hpp"

namespace nlp {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_samples(std::span<const double> x, std::span<const double> y, const char* what) {
  if (x.size() != y.size())
    throw UsageError(fmt::format("{}: the samples differ in length ({} and {})", what, x.size(), y.size()));
  if (x.size() < 2) throw UsageError(fmt::format("{}: needs at least 2 pairs, got {}", what, x.size()));
}

bool constant(std::span<const double> x) {
  return std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; });
}

// Pearson's r of two samples of equal length >= 2, neither constant.
double pearson_r(std::span<const double> x, std::span<const double> y) {
  const auto n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

// Continued fraction of the incomplete beta function (modified Lentz), for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-16;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    // Even step.
    double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + num / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + num / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEps) break;
  }
  return h;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1))
    throw UsageError(fmt::format("incomplete_beta: needs a, b > 0 and 0 <= x <= 1, got {}, {}, {}", a, b, x));
  if (x == 0 || x == 1) return x;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * beta_fraction(a, b, x) / a;
  return 1 - std::exp(log_front) * beta_fraction(b, a, 1 - x) / b;
}

std::vector<double> average_ranks(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return x[i] < x[j]; });
  std::vector<double> ranks(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && x[order[j]] == x[order[i]]) ++j;
    // Positions i+1 .. j share their mean.
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

Correlation pearson(std::span<const double> x, std::span<const double> y) {
  check_samples(x, y, "pearson");
  if (constant(x) || constant(y)) return {kNaN, kNaN};
  if (x.size() == 2) {
    const auto sign = [](double v) { return static_cast<double>((v > 0) - (v < 0)); };
    return {sign(x[1] - x[0]) * sign(y[1] - y[0]), 1.0};
  }
  const double r = pearson_r(x, y);
  // Under the null hypothesis, (r + 1) / 2 follows Beta(n/2 - 1, n/2 - 1).
  const double ab = static_cast<double>(x.size()) / 2 - 1;
  return {r, 2 * incomplete_beta(ab, ab, (1 - std::fabs(r)) / 2)};
}

Correlation spearman(std::span<const double> x, std::span<const double> y) {
  check_samples(x, y, "spearman");
  if (constant(x) || constant(y)) return {kNaN, kNaN};
  const std::vector<double> rx = average_ranks(x), ry = average_ranks(y);
  const double r = pearson_r(rx, ry);
  const double dof = static_cast<double>(x.size()) - 2;
  if (dof <= 0) return {r, kNaN};
  if (std::fabs(r) == 1) return {r, 0.0};
  // t = r sqrt(dof / (1 - r^2)); the two-sided tail of Student's t is I_{dof/(dof+t^2)}(dof/2, 1/2).
  const double t2 = r * r * dof / ((r + 1) * (1 - r));
  return {r, incomplete_beta(dof / 2, 0.5, dof / (dof + t2))};
}

}  // namespace nlp
