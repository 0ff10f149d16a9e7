// Queries over small hand-made vectors whose answers are known.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "nlp/embed/similarity.hpp"
#include "nlp/error.hpp"

namespace embed = nlp::embed;

namespace {

// king - man + woman = queen in two dimensions (royalty, gender), plus distractors.
embed::WordVectors royals() {
  return embed::WordVectors({"man", "woman", "king", "queen", "apple", "zero"}, 2,
                            {1, 0.1f, -1, 0.1f, 1, 1, -1, 1, 0.2f, -1, 0, 0});
}

}  // namespace

TEST_CASE("similarity: analogies by 3CosAdd and 3CosMul", "[embed]") {
  const auto v = royals();
  const embed::Query q{{2, 1}, {0}, {}, {}};  // king + woman - man
  for (const auto m : {embed::AnalogyMethod::cos_add, embed::AnalogyMethod::cos_mul}) {
    const auto best = embed::most_similar(v, q, {.topn = 2, .method = m});
    REQUIRE(best.size() == 2);
    CHECK(best[0].index == 3);  // queen; the inputs are never returned
    CHECK(best[0].score > best[1].score);
  }
  CHECK(embed::most_similar(v, q, {.topn = 10}).size() == 3);  // 6 rows - 3 inputs
}

TEST_CASE("similarity: restrict_vocab, ties, zero rows, batches and threads agree", "[embed]") {
  const auto v = royals();
  // Only the first three rows are candidates.
  const auto r = embed::most_similar(v, embed::Query{{0}, {}, {}, {}}, {.topn = 5, .restrict_vocab = 3});
  REQUIRE(r.size() == 2);
  CHECK((r[0].index == 2 && r[1].index == 1));
  // The zero row scores 0; equal scores go to the lower row.
  const embed::WordVectors ties({"a", "b", "c", "d"}, 2, {1, 0, 0, 1, 0, 1, 0, 0});
  const auto t = embed::most_similar(ties, embed::Query{{0}, {}, {}, {}}, {.topn = 3});
  CHECK((t[0].index == 1 && t[1].index == 2 && t[2].index == 3));
  CHECK(t[2].score == 0);
  CHECK(embed::similarity(ties, 0, 3) == 0);
  CHECK(embed::similarity(v, 2, 3) == Approx(0.0));
  // A query vector stands for a word that is not a row (an OOV word's vector).
  const auto byvec = embed::most_similar(v, embed::Query{{}, {}, {{-1, 1}}, {}}, {.topn = 1});
  CHECK(byvec[0].index == 3);
  // Many queries on two threads give what one query at a time gives.
  std::vector<embed::Query> qs;
  for (std::size_t i = 0; i < 50; ++i) qs.push_back({{i % 6}, {(i + 1) % 6}, {}, {}});
  const auto batch = embed::most_similar(v, qs, {.topn = 3, .threads = 2});
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const auto one = embed::most_similar(v, qs[i], {.topn = 3});
    REQUIRE(one.size() == batch[i].size());
    for (std::size_t k = 0; k < one.size(); ++k) {
      CHECK(one[k].index == batch[i][k].index);
      CHECK(one[k].score == batch[i][k].score);
    }
  }
}

TEST_CASE("similarity: bad queries are usage errors", "[embed]") {
  const auto v = royals();
  CHECK_THROWS_AS(embed::most_similar(v, embed::Query{{}, {1}, {}, {}}, {}), nlp::UsageError);
  CHECK_THROWS_AS(embed::most_similar(v, embed::Query{{9}, {}, {}, {}}, {}), nlp::UsageError);
  CHECK_THROWS_AS(embed::most_similar(v, embed::Query{{}, {}, {{1, 2, 3}}, {}}, {}), nlp::UsageError);
  CHECK_THROWS_AS(embed::most_similar(v, embed::Query{{0}, {}, {}, {{1}}}, {}), nlp::UsageError);
  CHECK_THROWS_AS(embed::similarity(v, 0, 6), nlp::UsageError);
  CHECK(embed::parse_analogy_method("3cosmul") == embed::AnalogyMethod::cos_mul);
  CHECK_THROWS_AS(embed::parse_analogy_method("cos"), nlp::UsageError);
}

TEST_CASE("similarity: terms given as vectors count as rows do but exclude nothing", "[embed]") {
  const auto v = royals();
  const auto row = [&](std::size_t r) { return std::vector<float>(v.vector(r).begin(), v.vector(r).end()); };
  for (const auto m : {embed::AnalogyMethod::cos_add, embed::AnalogyMethod::cos_mul}) {
    const auto by_rows = embed::most_similar(v, embed::Query{{2, 1}, {0}, {}, {}}, {.topn = 10, .method = m});
    auto by_vectors = embed::most_similar(v, embed::Query{{2}, {}, {row(1)}, {row(0)}}, {.topn = 10, .method = m});
    CHECK(by_vectors.size() == 5);  // only king, a row, is excluded
    std::erase_if(by_vectors, [](const embed::Neighbour& n) { return n.index <= 1; });
    REQUIRE(by_vectors.size() == by_rows.size());
    for (std::size_t k = 0; k < by_rows.size(); ++k) {
      CHECK(by_vectors[k].index == by_rows[k].index);
      CHECK(by_vectors[k].score == Approx(by_rows[k].score).margin(1e-6));
    }
  }
}
