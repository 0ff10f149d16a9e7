// GloVe: exact co-occurrence counts on a hand-made corpus, the same counts for any thread count,
// training that separates topics, reproducibility, and errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "nlp/embed/glove.hpp"
#include "nlp/embed/similarity.hpp"
#include "nlp/error.hpp"
#include "support/test_support.hpp"
#include "unit/embed/embed_test_support.hpp"

namespace embed = nlp::embed;
using Catch::Matchers::Contains;

TEST_CASE("glove: co-occurrences weighted 1/d, symmetric or not, never across sentences", "[embed]") {
  constexpr std::uint32_t E = embed::IdCorpus::kSentenceEnd;
  const nlp::test::VectorCorpus corpus({0, 1, 2, E, 2, 0});
  embed::GloveOptions o;
  o.window = 2;
  const auto c = embed::count_cooccurrences(3, corpus, o);
  // Pairs (left, right): (0,1) 1, (1,2) 1, (0,2) 1/2 in the first sentence; (2,0) 1 in the second.
  // Symmetric: each also reversed. Sorted by (i, j).
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> got;
  for (const auto& r : c) got.emplace_back(r.i, r.j, r.x);
  CHECK(got == std::vector<std::tuple<std::uint32_t, std::uint32_t, double>>{
                   {0, 1, 1.0}, {0, 2, 1.5}, {1, 0, 1.0}, {1, 2, 1.0}, {2, 0, 1.5}, {2, 1, 1.0}});
  o.symmetric = false;
  o.distance_weighting = false;
  got.clear();
  for (const auto& r : embed::count_cooccurrences(3, corpus, o)) got.emplace_back(r.i, r.j, r.x);
  CHECK(got == std::vector<std::tuple<std::uint32_t, std::uint32_t, double>>{{0, 1, 1.0}, {0, 2, 1.0}, {1, 2, 1.0}, {2, 0, 1.0}});
}

TEST_CASE("glove: counts do not depend on threads, training separates topics reproducibly", "[embed]") {
  std::vector<std::string> words;
  for (int i = 0; i < 12; ++i) words.push_back(std::string(i < 6 ? "a" : "b") + std::to_string(i % 6));
  // Words stray into the other topic's sentences: pairs across topics are rarer, not absent (GloVe
  // trains on the pairs seen; with none across, the biases alone could fit the counts).
  const nlp::test::Topics t = nlp::test::topics(words, 2, 3000, 11, 0.25);
  embed::GloveOptions o;
  o.dim = 16;
  o.window = 5;
  o.epochs = 20;
  const auto one = embed::count_cooccurrences(12, t.corpus, o);
  o.threads = 2;
  const auto two = embed::count_cooccurrences(12, t.corpus, o);
  REQUIRE(one.size() == two.size());
  for (std::size_t k = 0; k < one.size(); ++k) CHECK((one[k].i == two[k].i && one[k].j == two[k].j && one[k].x == two[k].x));
  o.threads = 1;
  const embed::WordVectors v = embed::train_glove(t.vocab, t.corpus, o);
  CHECK(nlp::test::group_margin(v, 6) > 0.3);
  const embed::WordVectors again = embed::train_glove(t.vocab, t.corpus, o);
  CHECK(std::equal(v.values().begin(), v.values().end(), again.values().begin()));
}

TEST_CASE("glove: bad options and divergence are reported", "[embed]") {
  const nlp::test::Topics t = nlp::test::topics({"a", "b", "c", "d"}, 2, 200, 5);
  embed::GloveOptions o;
  o.window = 21;
  CHECK_THROWS_AS(embed::train_glove(t.vocab, t.corpus, o), nlp::UsageError);
  o = {};
  o.eta = 1e300;
  o.epochs = 50;
  CHECK_THROWS_WITH(embed::train_glove(t.vocab, t.corpus, o), Contains("diverged") && Contains("lower eta"));
  CHECK_THROWS_AS(embed::train_glove(embed::Vocabulary{}, t.corpus, embed::GloveOptions{}), nlp::UsageError);
}

TEST_CASE("glove: tables beyond the memory cap spill to temporary files, counts and vectors unchanged", "[embed]") {
  std::vector<std::string> words;
  for (int i = 0; i < 200; ++i) words.push_back("w" + std::to_string(i));
  const nlp::test::Topics t = nlp::test::topics(words, 2, 3000, 3);
  const auto dir = nlp::test::temp_dir("glove-spill");
  embed::GloveOptions o;
  o.dim = 8;
  o.window = 5;
  o.epochs = 3;
  o.temp_prefix = (dir / "g").string();
  const auto in_memory = embed::count_cooccurrences(200, t.corpus, o);
  REQUIRE(in_memory.size() > 5000);  // far more pairs than a table of the smallest size holds
  const embed::WordVectors v = embed::train_glove(t.vocab, t.corpus, o);
  o.memory_mb = 0.001;  // every table spills each time it holds 512 pairs: over a hundred runs
  for (const unsigned threads : {1u, 2u, 3u}) {
    o.threads = threads;
    const auto spilled = embed::count_cooccurrences(200, t.corpus, o);
    REQUIRE(spilled.size() == in_memory.size());
    bool same = true;
    for (std::size_t k = 0; k < spilled.size(); ++k)
      same = same && spilled[k].i == in_memory[k].i && spilled[k].j == in_memory[k].j && spilled[k].x == in_memory[k].x;
    CHECK(same);
  }
  o.threads = 1;
  const embed::WordVectors again = embed::train_glove(t.vocab, t.corpus, o);
  CHECK(std::equal(v.values().begin(), v.values().end(), again.values().begin()));
  CHECK(std::filesystem::is_empty(dir));  // every temporary file removed
}
