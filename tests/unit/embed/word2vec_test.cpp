// word2vec training on small synthetic corpora: vocabulary selection, reproducibility, that
// words sharing contexts end up closer than words that never do (all four model variants), and
// the errors for bad options and divergence.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "nlp/embed/similarity.hpp"
#include "nlp/embed/word2vec.hpp"
#include "nlp/error.hpp"
#include "unit/embed/embed_test_support.hpp"

namespace embed = nlp::embed;
using Catch::Matchers::Contains;

namespace {

nlp::test::Topics topics() {
  std::vector<std::string> words;
  for (int i = 0; i < 12; ++i) words.push_back(std::string(i < 6 ? "a" : "b") + std::to_string(i % 6));
  return nlp::test::topics(words, 2, 3000, 7);
}

embed::Word2VecOptions small() {
  embed::Word2VecOptions o;
  o.dim = 16;
  o.window = 3;
  o.epochs = 3;
  o.sample = 0;
  return o;
}

}  // namespace

TEST_CASE("word2vec: vocabulary by descending count, ties in first-seen order", "[embed]") {
  std::vector<std::uint32_t> new_id;
  const auto v = embed::select_vocabulary({"x", "y", "z", "w"}, {3, 7, 3, 1}, 2, 0, new_id);
  CHECK(v.words == std::vector<std::string>{"y", "x", "z"});
  CHECK(v.counts == std::vector<std::uint64_t>{7, 3, 3});
  CHECK(new_id == std::vector<std::uint32_t>{1, 0, 2, embed::kDropped});
  CHECK(v.total() == 13);
  const auto top = embed::select_vocabulary({"x", "y", "z", "w"}, {3, 7, 3, 1}, 1, 2, new_id);
  CHECK(top.words == std::vector<std::string>{"y", "x"});
  CHECK(new_id[2] == embed::kDropped);
}

TEST_CASE("word2vec: words sharing contexts come out closer, in all four variants", "[embed]") {
  const nlp::test::Topics t = topics();
  for (const auto model : {embed::Word2VecModel::skipgram, embed::Word2VecModel::cbow})
    for (const bool hs : {false, true}) {
      auto o = small();
      o.model = model;
      o.hs = hs;
      o.negative = hs ? 0 : 5;
      INFO(embed::to_string(model) << (hs ? " hs" : " ns"));
      const embed::WordVectors v = embed::train_word2vec(t.vocab, t.corpus, o);
      CHECK(nlp::test::group_margin(v, 6) > 0.3);
    }
}

TEST_CASE("word2vec: one thread and a seed give the same vectors every time", "[embed]") {
  const nlp::test::Topics t = topics();
  auto o = small();
  o.sample = 1e-2;  // subsampling draws random numbers too
  o.seed = 42;
  const auto a = embed::train_word2vec(t.vocab, t.corpus, o);
  const auto b = embed::train_word2vec(t.vocab, t.corpus, o);
  CHECK(std::equal(a.values().begin(), a.values().end(), b.values().begin()));
  o.seed = 43;
  const auto c = embed::train_word2vec(t.vocab, t.corpus, o);
  CHECK_FALSE(std::equal(a.values().begin(), a.values().end(), c.values().begin()));
  // Two threads train the whole corpus as well (each its part).
  o.threads = 2;
  embed::TrainStats stats;
  int reports = 0;
  const auto d = embed::train_word2vec(t.vocab, t.corpus, o, [&](const embed::TrainProgress&) { ++reports; }, &stats);
  CHECK(stats.words == 3 * t.vocab.total());
  CHECK(reports >= 1);
  CHECK(d.size() == 12);
}

TEST_CASE("word2vec: bad options, empty vocabularies and divergence are reported", "[embed]") {
  const nlp::test::Topics t = topics();
  auto o = small();
  o.dim = 0;
  CHECK_THROWS_AS(embed::train_word2vec(t.vocab, t.corpus, o), nlp::UsageError);
  o = small();
  o.negative = 0;
  CHECK_THROWS_WITH(embed::train_word2vec(t.vocab, t.corpus, o), Contains("negative sampling"));
  CHECK_THROWS_WITH(embed::train_word2vec(embed::Vocabulary{}, t.corpus, small()), Contains("vocabulary is empty"));
  o = small();
  o.alpha = 1e38;
  CHECK_THROWS_WITH(embed::train_word2vec(t.vocab, t.corpus, o), Contains("diverged") && Contains("lower alpha"));
  CHECK(embed::parse_word2vec_model("cbow") == embed::Word2VecModel::cbow);
  CHECK_THROWS_AS(embed::parse_word2vec_model("glove"), nlp::UsageError);
}
