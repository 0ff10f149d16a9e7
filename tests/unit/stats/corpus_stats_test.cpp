// Corpus statistics: counts on small fixtures, merging across threads, empty input, numpy's
// linear percentiles and the Zipf fit on synthetic rank-frequency data.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/stats/corpus_stats.hpp"

using nlp::stats::CorpusCounts;
using nlp::stats::CorpusStats;
using nlp::stats::StatsOptions;

namespace {

using Doc = std::vector<std::string_view>;

CorpusCounts count(const std::vector<Doc>& docs, std::size_t order = 2) {
  CorpusCounts c(order);
  for (const auto& d : docs) c.add_document(d);
  return c;
}

}  // namespace

TEST_CASE("stats: empty input has zero counts and no length summary or fit", "[stats]") {
  const CorpusStats s = nlp::stats::summarize(CorpusCounts(2), {});
  CHECK(s.documents == 0);
  CHECK(s.tokens == 0);
  CHECK(s.types == 0);
  CHECK(s.type_token_ratio == 0);
  CHECK_FALSE(s.lengths.has_value());
  CHECK_FALSE(s.zipf.has_value());
  CHECK(s.top_words.empty());
  CHECK(nlp::stats::to_json(s).find("\"document_length\": null") != std::string::npos);
  CHECK(nlp::stats::to_text(s).find("documents             0") != std::string::npos);
}

TEST_CASE("stats: empty documents count as documents of length 0", "[stats]") {
  const CorpusStats s = nlp::stats::summarize(count({Doc{}, Doc{}, Doc{"a"}}), {});
  CHECK(s.documents == 3);
  CHECK(s.tokens == 1);
  REQUIRE(s.lengths);
  CHECK(s.lengths->min == 0);
  CHECK(s.lengths->max == 1);
  CHECK(s.lengths->median == 0);
  CHECK(s.top_ngrams.empty());
}

TEST_CASE("stats: counts of a small fixture", "[stats]") {
  // "the cat sat on the mat" / "the cat" / "dog"
  const auto c = count({Doc{"the", "cat", "sat", "on", "the", "mat"}, Doc{"the", "cat"}, Doc{"dog"}});
  const CorpusStats s = nlp::stats::summarize(c, {3, 3});
  CHECK(s.documents == 3);
  CHECK(s.tokens == 9);
  CHECK(s.types == 6);
  CHECK(s.hapaxes == 4);  // sat on mat dog
  CHECK(s.dis_legomena == 1);  // cat
  CHECK(s.type_token_ratio == Approx(6.0 / 9.0));
  REQUIRE(s.top_words.size() == 3);
  CHECK(s.top_words[0].text == "the");
  CHECK(s.top_words[0].count == 3);
  CHECK(s.top_words[1].text == "cat");
  CHECK(s.top_words[2].text == "dog");  // ties broken by byte order
  // Bigrams do not cross documents: 5 + 1 + 0.
  CHECK(s.ngram_tokens == 6);
  CHECK(s.ngram_types == 5);
  REQUIRE(s.top_ngrams.size() == 3);
  CHECK(s.top_ngrams[0].text == "the cat");
  CHECK(s.top_ngrams[0].count == 2);
  CHECK(s.top_ngrams[1].text == "cat sat");
  CHECK(s.frequencies == std::vector<std::uint64_t>{3, 2, 1, 1, 1, 1});
  CHECK(s.doc_lengths == std::vector<std::uint64_t>{1, 2, 6});
  REQUIRE(s.lengths);
  CHECK(s.lengths->mean == Approx(3.0));
  CHECK(s.lengths->median == 2);
  CHECK(s.lengths->stdev == Approx(std::sqrt((4.0 + 1.0 + 9.0) / 3.0)));
}

TEST_CASE("stats: trigrams and an n-gram order of 0", "[stats]") {
  const Doc d{"a", "b", "c", "a", "b", "c"};
  auto s = nlp::stats::summarize(count({d}, 3), {});
  CHECK(s.ngram_tokens == 4);
  CHECK(s.ngram_types == 3);
  CHECK(s.top_ngrams[0].text == "a b c");
  CHECK(s.top_ngrams[0].count == 2);
  s = nlp::stats::summarize(count({d}, 0), {});
  CHECK(s.ngram_tokens == 0);
  CHECK(s.top_ngrams.empty());
}

TEST_CASE("stats: UTF-8 tokens, JSON escaping and a 1 MB token", "[stats]") {
  const std::string big(1 << 20, 'x');
  const auto s = nlp::stats::summarize(count({Doc{"caf\xC3\xA9", "\"q\"", "a\\b", big, "caf\xC3\xA9"}}), {});
  CHECK(s.types == 4);
  CHECK(s.top_words[0].text == "caf\xC3\xA9");
  const std::string j = nlp::stats::to_json(s);
  CHECK(j.find("[\"\\\"q\\\"\", 1]") != std::string::npos);
  CHECK(j.find("[\"a\\\\b\", 1]") != std::string::npos);
}

TEST_CASE("stats: merging per-thread counts gives the same result in any split and order", "[stats]") {
  std::vector<std::vector<std::string>> docs;
  for (int i = 0; i < 400; ++i) {
    std::vector<std::string> d;
    for (int k = 0; k < i % 17; ++k) d.push_back("w" + std::to_string((i * 7 + k * k) % 53));
    docs.push_back(std::move(d));
  }
  auto run = [&](std::size_t threads) {
    std::vector<CorpusCounts> parts(threads, CorpusCounts(2));
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (std::size_t i = t; i < docs.size(); i += threads) {
          std::vector<std::string_view> v(docs[i].begin(), docs[i].end());
          parts[t].add_document(v);
        }
      });
    for (auto& th : pool) th.join();
    // Merge in reverse order to show the order does not matter.
    for (std::size_t t = threads - 1; t > 0; --t) parts[0].merge(parts[t]);
    const auto s = nlp::stats::summarize(parts[0], {10, 10});
    return nlp::stats::to_json(s) + nlp::stats::to_text(s);
  };
  const std::string one = run(1);
  CHECK(run(2) == one);
  CHECK(run(3) == one);
  CHECK(run(8) == one);
}

TEST_CASE("stats: merging counts of different n-gram orders is a usage error", "[stats]") {
  CorpusCounts a(2);
  const CorpusCounts b(3);
  CHECK_THROWS_AS(a.merge(b), nlp::UsageError);
}

TEST_CASE("stats: percentiles follow numpy's default linear method", "[stats]") {
  // Expected values are numpy.percentile outputs for the same inputs.
  const std::vector<double> a{1, 2, 3, 4};
  CHECK(*nlp::stats::percentile(a, 0) == 1.0);
  CHECK(*nlp::stats::percentile(a, 25) == Approx(1.75));
  CHECK(*nlp::stats::percentile(a, 50) == Approx(2.5));
  CHECK(*nlp::stats::percentile(a, 90) == Approx(3.7));
  CHECK(*nlp::stats::percentile(a, 100) == 4.0);
  const std::vector<double> b{15, 20, 35, 40, 50};
  CHECK(*nlp::stats::percentile(b, 40) == Approx(29.0));
  CHECK(*nlp::stats::percentile(b, 99) == Approx(49.6));
  const std::vector<double> one{7};
  CHECK(*nlp::stats::percentile(one, 0) == 7.0);
  CHECK(*nlp::stats::percentile(one, 50) == 7.0);
  CHECK(*nlp::stats::percentile(one, 100) == 7.0);
  CHECK_FALSE(nlp::stats::percentile({}, 50).has_value());
}

TEST_CASE("stats: the Zipf fit recovers a known exponent", "[stats]") {
  // f(r) = 1e6 / r^1.2, rounded; the fit of ln f on ln r over every rank gives s close to 1.2.
  std::vector<std::uint64_t> f;
  for (int r = 1; r <= 2000; ++r) f.push_back(static_cast<std::uint64_t>(std::llround(1e6 / std::pow(r, 1.2))));
  const auto fit = nlp::stats::fit_zipf(f);
  REQUIRE(fit);
  CHECK(fit->ranks == 2000);
  CHECK(fit->exponent == Approx(1.2).epsilon(1e-3));
  CHECK(fit->slope == Approx(-1.2).epsilon(1e-3));
  CHECK(fit->intercept == Approx(std::log(1e6)).epsilon(1e-3));
  CHECK(fit->r_squared > 0.9999);
  // 3600 / r^2 is an integer for r = 1..6: an exact power law, fitted exactly.
  const std::vector<std::uint64_t> exact{3600, 900, 400, 225, 144, 100};
  const auto ef = nlp::stats::fit_zipf(exact);
  REQUIRE(ef);
  CHECK(ef->exponent == Approx(2.0).epsilon(1e-12));
  CHECK(ef->intercept == Approx(std::log(3600.0)).epsilon(1e-12));
  CHECK(ef->r_squared == Approx(1.0).epsilon(1e-12));
  // A geometric decay is not a power law of the rank: the fit is good but not exact.
  const std::vector<std::uint64_t> g{64, 16, 4, 1};
  const auto gf = nlp::stats::fit_zipf(g);
  REQUIRE(gf);
  CHECK(gf->r_squared < 0.99);
  CHECK(gf->r_squared > 0.9);
}

TEST_CASE("stats: Zipf fit edge cases", "[stats]") {
  CHECK_FALSE(nlp::stats::fit_zipf(std::vector<std::uint64_t>{}).has_value());
  CHECK_FALSE(nlp::stats::fit_zipf(std::vector<std::uint64_t>{5}).has_value());
  const auto flat = nlp::stats::fit_zipf(std::vector<std::uint64_t>{3, 3, 3});
  REQUIRE(flat);
  CHECK(flat->slope == Approx(0.0).margin(1e-12));
  CHECK(flat->r_squared == 1.0);
  const auto two = nlp::stats::fit_zipf(std::vector<std::uint64_t>{8, 2});
  REQUIRE(two);
  CHECK(two->exponent == Approx(2.0));
  CHECK(two->r_squared == Approx(1.0));
}

TEST_CASE("stats: copies of counts are independent and keep their words", "[stats]") {
  CorpusCounts a(2);
  a.add_document(Doc{"x", "y", "x"});
  CorpusCounts b = a;
  a = CorpusCounts(2);  // the copy must not refer to the original's storage
  b.add_document(Doc{"y", "z"});
  CorpusCounts c(2);
  c = b;
  const auto s = nlp::stats::summarize(c, {});
  CHECK(s.tokens == 5);
  CHECK(s.types == 3);
  CHECK(s.top_words[0].text == "x");
  CHECK(s.top_words[1].text == "y");
  CHECK(s.top_ngrams.size() == 3);  // "x y" "y x" "y z"
  CHECK(a.tokens() == 0);
}

TEST_CASE("stats: n-gram table growth keeps every count", "[stats]") {
  // 5000 distinct bigrams, each seen twice, across documents and a merge.
  CorpusCounts a(2), b(2);
  std::vector<std::string> words;
  for (int i = 0; i < 5001; ++i) words.push_back("t" + std::to_string(i));
  std::vector<std::string_view> doc(words.begin(), words.end());
  a.add_document(doc);
  b.add_document(doc);
  a.merge(b);
  const auto s = nlp::stats::summarize(a, {3, 3});
  CHECK(s.ngram_types == 5000);
  CHECK(s.ngram_tokens == 10000);
  CHECK(s.top_ngrams[0].count == 2);
  CHECK(s.top_ngrams[0].text == "t0 t1");
  CHECK(s.top_ngrams[1].text == "t1 t2");
  CHECK(s.top_ngrams[2].text == "t10 t11");
}
