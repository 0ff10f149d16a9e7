#pragma once
// Pearson and Spearman correlation with two-sided p-values, as scipy.stats.pearsonr and
// scipy.stats.spearmanr (1.10) compute them: Spearman's rho is Pearson's r of the average ranks
// (ties share the mean of their positions); Pearson's p-value comes from the exact null
// distribution of r (a beta distribution), Spearman's from Student's t with n - 2 degrees of
// freedom.
//   nlp::Correlation c = nlp::spearman(gold, model);   // c.r, c.p_value
// Thread-safe (pure functions). Throws UsageError when the lengths differ or n < 2.
#include <span>
#include <vector>

namespace nlp {

struct Correlation {
  double r = 0;        // NaN when a sample is constant
  double p_value = 1;  // two-sided; NaN when r is
};

Correlation pearson(std::span<const double> x, std::span<const double> y);
Correlation spearman(std::span<const double> x, std::span<const double> y);

// 1-based ranks, ties given the average of their positions (scipy.stats.rankdata "average").
std::vector<double> average_ranks(std::span<const double> x);

// The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1.
double incomplete_beta(double a, double b, double x);

}  // namespace nlp
