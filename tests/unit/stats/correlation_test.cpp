// Pearson and Spearman against scipy.stats 1.10 (values printed by scipy for these samples).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/stats/correlation.hpp"

TEST_CASE("correlation: Pearson and Spearman with p-values as scipy computes them", "[stats]") {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8}, y = {2, 4, 5, 4, 5, 7, 9, 8};
  const nlp::Correlation p = nlp::pearson(x, y);
  CHECK(p.r == Approx(0.9261584224952538).epsilon(1e-14));
  CHECK(p.p_value == Approx(0.0009516458662005198).epsilon(1e-10));
  const nlp::Correlation s = nlp::spearman(x, y);
  CHECK(s.r == Approx(0.9157291161525718).epsilon(1e-14));
  CHECK(s.p_value == Approx(0.0014031743248924412).epsilon(1e-10));
  CHECK(nlp::pearson(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3.5}).p_value ==
        Approx(0.0731863950403274).epsilon(1e-10));
}

TEST_CASE("correlation: average ranks, the incomplete beta function and degenerate samples", "[stats]") {
  CHECK(nlp::average_ranks(std::vector<double>{3, 1, 4, 1, 5, 9, 2, 6, 5, 3}) ==
        std::vector<double>{4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5});
  CHECK(nlp::incomplete_beta(2.5, 0.5, 0.3) == Approx(0.01892712407194565).epsilon(1e-12));
  CHECK(nlp::incomplete_beta(10, 20, 0.4) == Approx(0.785318389762826).epsilon(1e-12));
  CHECK(nlp::incomplete_beta(3, 4, 0) == 0);
  CHECK(nlp::incomplete_beta(3, 4, 1) == 1);
  // A constant sample has no correlation (scipy: NaN with a warning).
  CHECK(std::isnan(nlp::pearson(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}).r));
  CHECK(std::isnan(nlp::spearman(std::vector<double>{1, 2, 3}, std::vector<double>{5, 5, 5}).p_value));
  // Perfect rank agreement: p = 0.
  CHECK(nlp::spearman(std::vector<double>{1, 2, 3, 4}, std::vector<double>{10, 20, 30, 40}).p_value == 0);
  CHECK_THROWS_AS(nlp::pearson(std::vector<double>{1, 2}, std::vector<double>{1}), nlp::UsageError);
  CHECK_THROWS_AS(nlp::spearman(std::vector<double>{1}, std::vector<double>{1}), nlp::UsageError);
  CHECK_THROWS_AS(nlp::incomplete_beta(-1, 1, 0.5), nlp::UsageError);
}
