#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/ngrams/collocations.hpp"

using nlp::ngrams::AssocMeasure;
using nlp::ngrams::BigramCounter;
using nlp::ngrams::BigramMarginals;
using nlp::ngrams::Boundaries;

namespace {

using Docs = std::vector<std::vector<std::string_view>>;

BigramCounter count_docs(const Docs& docs, Boundaries b) {
  BigramCounter c;
  for (std::size_t i = 0; i < docs.size(); ++i) c.add_document(i, docs[i]);
  c.finish(b);
  return c;
}

}  // namespace

TEST_CASE("collocations: an empty corpus has no pairs and scores nothing") {
  for (const auto b : {Boundaries::kCross, Boundaries::kRespect}) {
    const BigramCounter c = count_docs({{}, {}, {}}, b);
    CHECK(c.words() == 0);
    CHECK(c.distinct_bigrams() == 0);
    CHECK(c.score(AssocMeasure::kPmi, {}).empty());
  }
}

TEST_CASE("collocations: one-word documents pair only across boundaries") {
  const Docs docs = {{"a"}, {}, {"b"}, {"a"}};
  const BigramCounter cross = count_docs(docs, Boundaries::kCross);
  CHECK(cross.words() == 3);
  CHECK(cross.count("a") == 2);
  CHECK(cross.count("a", "b") == 1);  // the empty document in between does not break the stream
  CHECK(cross.count("b", "a") == 1);
  CHECK(cross.distinct_bigrams() == 2);
  const BigramCounter respect = count_docs(docs, Boundaries::kRespect);
  CHECK(respect.words() == 3);
  CHECK(respect.distinct_bigrams() == 0);
}

TEST_CASE("collocations: counts follow document order whatever the order of adding") {
  BigramCounter c;
  const std::vector<std::string_view> d0 = {"x", "y"}, d1 = {"z"};
  c.add_document(1, d1);
  c.add_document(0, d0);
  c.finish(Boundaries::kCross);
  CHECK(c.count("y", "z") == 1);
  CHECK(c.count("z", "x") == 0);
}

TEST_CASE("collocations: measures on a hand-computed table") {
  // "new york is big new york new york": N = 8, new = 3, york = 3, (new, york) = 3.
  const Docs docs = {{"new", "york", "is", "big"}, {"new", "york", "new", "york"}};
  const BigramCounter c = count_docs(docs, Boundaries::kCross);
  REQUIRE(c.words() == 8);
  REQUIRE(c.count("new", "york") == 3);
  const BigramMarginals x{3, 3, 3, 8};
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kPmi, x) == Approx(std::log2(24.0 / 9.0)));
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kNpmi, x) ==
        Approx(std::log2(24.0 / 9.0) / -std::log2(3.0 / 8.0)));
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kDice, x) == 1.0);
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kJaccard, x) == 1.0);
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kRawFreq, x) == 3.0 / 8.0);
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kStudentT, x) == Approx((3.0 - 9.0 / 8.0) / std::sqrt(3.0)));
  // Table (3, 0, 0, 5): chi-square = N (ad - bc)^2 / ((a+b)(a+c)(b+d)(c+d)) = 8 * 225 / 225.
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kChiSq, x) == Approx(8.0));
  // G^2 = 2 (3 ln(3 / 1.125) + 5 ln(5 / 3.125)).
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kLikelihoodRatio, x) ==
        Approx(2 * (3 * std::log(3 / 1.125) + 5 * std::log(5 / 3.125))));
  CHECK(nlp::ngrams::bigram_score(AssocMeasure::kPoissonStirling, x) ==
        Approx(3 * (std::log2(3 / 1.125) - 1)));
}

TEST_CASE("collocations: ranking is score descending then pair ascending in code point order") {
  const Docs docs = {{"\xC3\xA9", "b", "a", "b", "Z", "b"}};
  const BigramCounter c = count_docs(docs, Boundaries::kCross);
  const auto r = c.score(AssocMeasure::kRawFreq, {});
  REQUIRE(r.size() == 5);
  for (const auto& p : r) CHECK(p.score == 1.0 / 6.0);
  CHECK(r[0].w1 == "Z");
  CHECK(r[1].w1 == "a");
  CHECK(r[2].w1 == "b");
  CHECK(r[2].w2 == "Z");
  CHECK(r[3].w2 == "a");
  CHECK(r[4].w1 == "\xC3\xA9");  // U+00E9 sorts after ASCII, as Python compares strings
}

TEST_CASE("collocations: min_freq and top") {
  const Docs docs = {{"a", "b", "a", "b", "a", "c"}};
  const BigramCounter c = count_docs(docs, Boundaries::kCross);
  const auto all = c.score(AssocMeasure::kPmi, {});
  CHECK(all.size() == 3);
  const auto frequent = c.score(AssocMeasure::kPmi, {2, 0});
  REQUIRE(frequent.size() == 2);
  for (const auto& p : frequent) CHECK(p.count == 2);
  const auto top = c.score(AssocMeasure::kPmi, {1, 1});
  REQUIRE(top.size() == 1);
  CHECK(top[0].w1 == all[0].w1);
  CHECK(top[0].w2 == all[0].w2);
  CHECK(c.score(AssocMeasure::kPmi, {100, 0}).empty());
}

TEST_CASE("collocations: merged counters equal one counter for any split") {
  std::vector<std::string> words;
  for (int i = 0; i < 300; ++i) words.push_back("w" + std::to_string((i * 7919) % 23));
  std::vector<std::vector<std::string_view>> docs(30);
  for (std::size_t i = 0; i < words.size(); ++i) docs[i % 30 < 5 ? 0 : i / 10].push_back(words[i]);
  for (const auto b : {Boundaries::kCross, Boundaries::kRespect}) {
    const BigramCounter one = count_docs(docs, b);
    for (std::size_t parts : {2u, 3u, 7u}) {
      std::vector<BigramCounter> cs(parts);
      for (std::size_t i = docs.size(); i-- > 0;) cs[i % parts].add_document(i, docs[i]);
      for (std::size_t p = 1; p < parts; ++p) cs[0].merge(cs[p]);
      cs[0].finish(b);
      const auto x = one.score(AssocMeasure::kLikelihoodRatio, {});
      const auto y = cs[0].score(AssocMeasure::kLikelihoodRatio, {});
      REQUIRE(x.size() == y.size());
      for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(x[i].w1 == y[i].w1);
        CHECK(x[i].w2 == y[i].w2);
        CHECK(x[i].count == y[i].count);
        CHECK(x[i].score == y[i].score);
      }
    }
  }
}

TEST_CASE("collocations: a 1 MB token and invalid bytes are counted as opaque words") {
  const std::string big(1 << 20, 'x');
  const Docs docs = {{big, "\xFF", big}};
  const BigramCounter c = count_docs(docs, Boundaries::kCross);
  CHECK(c.count(big) == 2);
  CHECK(c.count(big, "\xFF") == 1);
  CHECK(c.vocabulary_size() == 2);
}

TEST_CASE("collocations: measure names and misuse") {
  for (const auto name : nlp::ngrams::assoc_measure_names())
    CHECK(nlp::ngrams::assoc_measure_name(nlp::ngrams::parse_assoc_measure(name)) == name);
  CHECK(nlp::ngrams::parse_assoc_measure("llr") == AssocMeasure::kLikelihoodRatio);
  CHECK_THROWS_AS(nlp::ngrams::parse_assoc_measure("PMI"), nlp::UsageError);
  CHECK_THROWS_AS(nlp::ngrams::parse_assoc_measure(""), nlp::UsageError);
  BigramCounter c;
  CHECK_THROWS_AS(c.score(AssocMeasure::kPmi, {}), std::logic_error);
  c.finish(Boundaries::kCross);
  CHECK_THROWS_AS(c.finish(Boundaries::kCross), std::logic_error);
  const std::vector<std::string_view> w = {"a"};
  CHECK_THROWS_AS(c.add_document(0, w), std::logic_error);
}

TEST_CASE("collocations: trigram counts across short documents equal one concatenated document") {
  using nlp::ngrams::TrigramCounter;
  std::vector<std::string> pool;
  for (int i = 0; i < 200; ++i) pool.push_back("t" + std::to_string((i * 31) % 7));
  // Documents of 0, 1, 2 and 3 words, so that pairs and triples span up to three documents.
  std::vector<std::vector<std::string_view>> docs;
  std::vector<std::string_view> flat;
  for (std::size_t i = 0; i < pool.size();) {
    const std::size_t len = std::min<std::size_t>(docs.size() % 4, pool.size() - i);
    docs.emplace_back(pool.begin() + static_cast<std::ptrdiff_t>(i), pool.begin() + static_cast<std::ptrdiff_t>(i + len));
    flat.insert(flat.end(), docs.back().begin(), docs.back().end());
    i += len;
  }
  TrigramCounter one;
  one.add_document(0, flat);
  one.finish(Boundaries::kRespect);
  for (std::size_t parts : {1u, 3u}) {
    std::vector<TrigramCounter> cs(parts);
    for (std::size_t i = docs.size(); i-- > 0;) cs[i % parts].add_document(i, docs[i]);
    for (std::size_t p = 1; p < parts; ++p) cs[0].merge(cs[p]);
    cs[0].finish(Boundaries::kCross);
    CHECK(cs[0].words() == one.words());
    CHECK(cs[0].distinct_trigrams() == one.distinct_trigrams());
    for (const auto m : {AssocMeasure::kLikelihoodRatio, AssocMeasure::kChiSq, AssocMeasure::kPmi}) {
      const auto x = one.score(m, {});
      const auto y = cs[0].score(m, {});
      REQUIRE(x.size() == y.size());
      for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(x[i].w1 == y[i].w1);
        CHECK(x[i].w3 == y[i].w3);
        CHECK(x[i].count == y[i].count);
        CHECK(x[i].score == y[i].score);
      }
    }
  }
}

TEST_CASE("collocations: trigrams respecting boundaries and hand-computed measures") {
  using nlp::ngrams::TrigramCounter;
  TrigramCounter c;
  const std::vector<std::string_view> d0 = {"a", "b"}, d1 = {"c"}, d2 = {"a", "b", "c"};
  c.add_document(0, d0);
  c.add_document(1, d1);
  c.add_document(2, d2);
  c.finish(Boundaries::kRespect);
  CHECK(c.words() == 6);
  REQUIRE(c.distinct_trigrams() == 1);
  const auto r = c.score(AssocMeasure::kRawFreq, {});
  REQUIRE(r.size() == 1);
  CHECK(r[0].count == 1);
  CHECK(r[0].score == 1.0 / 6.0);
  // (a b c) once; (a b) twice, (a * c) once, (b c) once; a, b, c twice each; N = 6.
  nlp::ngrams::TrigramMarginals x;
  x.n_iii = 1;
  x.pairs = {2, 1, 1};
  x.words = {2, 2, 2};
  x.n_xxx = 6;
  CHECK(nlp::ngrams::trigram_score(AssocMeasure::kPmi, x) == Approx(std::log2(36.0 / 8.0)));
  CHECK(nlp::ngrams::trigram_score(AssocMeasure::kStudentT, x) == Approx(1.0 - 8.0 / 36.0));
  CHECK(nlp::ngrams::trigram_score(AssocMeasure::kPoissonStirling, x) == Approx(std::log2(36.0 / 8.0) - 1));
  // Cube (1, 0, 0, 1, 1, 0, 0, 3): jaccard = 1 / (1 + 0 + 0 + 1 + 1 + 0 + 0).
  CHECK(nlp::ngrams::trigram_score(AssocMeasure::kJaccard, x) == Approx(1.0 / 3.0));
  CHECK(std::isfinite(nlp::ngrams::trigram_score(AssocMeasure::kLikelihoodRatio, x)));
  CHECK(nlp::ngrams::trigram_score(AssocMeasure::kChiSq, x) > 0);
  CHECK_THROWS_AS(nlp::ngrams::trigram_score(AssocMeasure::kDice, x), nlp::UsageError);
  CHECK_THROWS_AS(c.score(AssocMeasure::kDice, {}), nlp::UsageError);
}
