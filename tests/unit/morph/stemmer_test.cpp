// The stemmer factory, the libstemmer-backed Snowball stemmers and the word cache.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/morph/stemmer.hpp"

namespace {
nlp::StemmerOptions snowball(const std::string& lang, std::size_t cache = 100000) {
  nlp::StemmerOptions o;
  o.lang = lang;
  o.cache_size = cache;
  return o;
}
}  // namespace

TEST_CASE("stemmer: Snowball by ISO code or name, lowercasing first", "[morph]") {
  auto en = nlp::make_stemmer(snowball("en"));
  CHECK(en->stem("running") == "run");
  CHECK(en->stem("Generously") == "generous");
  CHECK(en->stem("ÉCOLES") == "école");  // PyStemmer: école
  CHECK(en->id() == "snowball-english-libstemmer");
  auto es = nlp::make_stemmer(snowball("spanish"));
  CHECK(es->stem("corriendo") == "corr");
  CHECK(es->stem("Canciones") == "cancion");
  CHECK(es->id() == "snowball-spanish-libstemmer");
  nlp::StemmerOptions p2;
  p2.algorithm = "porter2";
  p2.lang = "es";  // ignored: porter2 is English
  CHECK(nlp::make_stemmer(p2)->stem("running") == "run");
}

TEST_CASE("stemmer: empty words and odd input come back without a crash", "[morph]") {
  auto en = nlp::make_stemmer(snowball("en"));
  CHECK(en->stem("").empty());
  CHECK(en->stem("a") == "a");
  CHECK(en->stem("123") == "123");
  CHECK(en->stem("👍🏽") == "👍🏽");
  CHECK(en->stem("e\xCC\x81t\xC3\xA9s") == "e\xCC\x81t\xC3\xA9");  // combining accent kept
  const std::string big(1 << 20, 'a');
  CHECK(en->stem(big).size() == big.size());
}

TEST_CASE("stemmer: unknown algorithms languages modes and compat values are usage errors", "[morph]") {
  nlp::StemmerOptions o;
  o.lang = "klingon";
  CHECK_THROWS_AS(nlp::make_stemmer(o), nlp::UsageError);
  o = {};
  o.algorithm = "lovins2";
  CHECK_THROWS_AS(nlp::make_stemmer(o), nlp::UsageError);
  o = {};
  o.algorithm = "porter";
  o.mode = "strict";
  CHECK_THROWS_AS(nlp::make_stemmer(o), nlp::UsageError);
  o = {};
  o.compat = "pystemmer";
  CHECK_THROWS_AS(nlp::make_stemmer(o), nlp::UsageError);
  o = {};
  o.lang = "fr";
  o.compat = "nltk";  // NLTK ports are offered for English and Spanish
  CHECK_THROWS_AS(nlp::make_stemmer(o), nlp::UsageError);
  o = {};
  o.algorithm = "lancaster";
  o.compat = "nltk";
  CHECK_THROWS_AS(nlp::make_stemmer(o), nlp::UsageError);
  try {
    o = {};
    o.lang = "xx";
    nlp::make_stemmer(o);
  } catch (const nlp::UsageError& e) {
    CHECK(std::string(e.what()).find("spanish") != std::string::npos);
  }
}

TEST_CASE("stemmer: every libstemmer language can be built", "[morph]") {
  const auto langs = nlp::snowball_languages();
  CHECK(langs.size() >= 29);
  for (const auto& l : langs) {
    INFO(l);
    CHECK_NOTHROW(nlp::make_stemmer(snowball(l))->stem("test"));
  }
}

TEST_CASE("stemmer: the cache gives the stems the stemmer gives and stays bounded", "[morph]") {
  auto cached = nlp::make_stemmer(snowball("en", 3));
  auto plain = nlp::make_stemmer(snowball("en", 0));
  const std::vector<std::string> words = {"running", "Running", "cats", "running", "jumped",
                                          "cats", "flies", "happily", "jumped", "", "flies"};
  for (int round = 0; round < 3; ++round)
    for (const auto& w : words) {
      INFO(w);
      CHECK(cached->stem(w) == plain->stem(w));
    }
}

TEST_CASE("stemmer: clones are independent and serve one thread each", "[morph]") {
  auto proto = nlp::make_stemmer(snowball("en"));
  const std::vector<std::string> words = {"connection", "connected", "connecting", "generalizations"};
  std::vector<std::string> want;
  for (const auto& w : words) want.emplace_back(proto->stem(w));
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto s = proto->clone();
      int good = 1;
      for (int i = 0; i < 2000; ++i)
        for (std::size_t k = 0; k < words.size(); ++k) good &= s->stem(words[k]) == want[k];
      ok[static_cast<std::size_t>(t)] = good;
    });
  for (auto& th : threads) th.join();
  CHECK(ok == std::vector<int>(4, 1));
  CHECK(proto->clone()->id() == proto->id());
}
