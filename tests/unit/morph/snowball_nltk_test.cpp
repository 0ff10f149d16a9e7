// Unit tests of the NLTK-compatible Snowball stemmers (libnlp/src/morph/snowball_nltk.cpp). The
// expected stems are NLTK 3.8's SnowballStemmer outputs; words with invalid UTF-8 are compared
// with NLTK on the word decoded with errors="surrogateescape" (tests/golden/nltk has the rest).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "morph/morph_internal.hpp"
#include "nlp/error.hpp"

namespace {

struct Case {
  std::string word, stem;
};

void check_cases(const std::string& language, const std::vector<Case>& cases) {
  const auto s = nlp::morph::make_snowball_nltk(language);
  for (const Case& c : cases) {
    INFO(language << ": '" << c.word << "'");
    CHECK(s->stem(c.word) == c.stem);
  }
}

// Words from a fixed linear congruential generator over `pieces` (same on every platform).
std::vector<std::string> random_words(const std::vector<std::string_view>& pieces, std::size_t count,
                                      std::uint64_t seed) {
  std::uint64_t state = seed;
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return state >> 33;
  };
  std::vector<std::string> words;
  for (std::size_t i = 0; i < count; ++i) {
    std::string w;
    for (std::uint64_t k = 1 + next() % 6; k > 0; --k) w += pieces[next() % pieces.size()];
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

TEST_CASE("snowball nltk: empty, blank and one- or two-letter words come back lowercased", "[morph][snowball-nltk]") {
  check_cases("english", {{"", ""}, {" ", " "}, {"\r\n", "\r\n"}, {"a", "a"}, {"A", "a"}, {"AB", "ab"},
                          {"'s", "'s"}, {"\xE2\x80\x99s", "\xE2\x80\x99s"}});
  check_cases("spanish", {{"", ""}, {" ", " "}, {"\r\n", "\r\n"}, {"a", "a"}, {"\xC3\xA1", "a"}});
}

TEST_CASE("snowball nltk: English special words, apostrophes and regions", "[morph][snowball-nltk]") {
  check_cases("english", {
                              {"running", "run"},
                              {"RUNNING", "run"},
                              {"Running", "run"},
                              {"skis", "ski"},
                              {"SKIES", "sky"},
                              // The special words are looked up before a leading apostrophe goes.
                              {"'skis", "skis"},
                              {"\xE2\x80\x99skis", "skis"},
                              {"dogs'", "dog"},
                              {"dog\xE2\x80\x99s", "dog"},
                              {"sky's", "ski"},
                              {"'tis", "tis"},
                              {"\xE2\x80\x98twas", "twas"},
                              {"generously", "generous"},
                              {"generalization", "general"},
                              {"communism", "communism"},
                              {"arsenal", "arsenal"},
                              {"yay", "yay"},
                              {"crying", "cri"},
                              {"succeeding", "succeed"},
                              {"innings", "inning"},
                              {"hopping", "hop"},
                              {"hoping", "hope"},
                              {"relational", "relat"},
                              {"conditional", "condit"},
                              {"sensibility", "sensibl"},
                              {"ability", "abil"},
                              {"fluently", "fluentli"},
                              {"controllable", "control"},
                              {"1990s", "1990s"},
                          });
}

TEST_CASE("snowball nltk: Spanish pronouns, suffix chains, gu and accents", "[morph][snowball-nltk]") {
  check_cases("spanish", {
                              {"corriendo", "corr"},
                              {"Corri\xC3\xA9ndole", "corr"},
                              {"d\xC3\xA1rselo", "darsel"},
                              {"amablemente", "amabl"},
                              {"r\xC3\xA1pidamente", "rapid"},
                              {"activamente", "activ"},
                              {"nacionalidad", "nacional"},
                              {"posibilidades", "posibil"},
                              {"huyendo", "huyend"},
                              {"yendo", "yend"},
                              {"averig\xC3\xBC\xC3\xA9is", "averig\xC3\xBC"},
                              {"canciones", "cancion"},
                              {"organizaci\xC3\xB3n", "organiz"},
                              {"evoluciones", "evolu"},
                              {"antropolog\xC3\xAD" "a", "antropolog"},
                              {"independencia", "independent"},
                              {"sigue", "sig"},
                              {"pagu\xC3\xA9", "pag"},
                              {"\xC3\x81RBOL", "arbol"},
                          });
}

TEST_CASE("snowball nltk: lowercasing is Python's, with U+0130 and final sigma", "[morph][snowball-nltk]") {
  check_cases("english", {
                              {"\xC4\xB0stanbul", "i\xCC\x87stanbul"},                   // İ -> i + U+0307
                              {"\xCE\xA3\xCE\x91\xCE\xA3", "\xCF\x83\xCE\xB1\xCF\x82"},  // ΣΑΣ -> σας
                          });
  // The Kelvin sign lowercases to an ASCII k: the word then stems like its ASCII spelling.
  const auto s = nlp::morph::make_snowball_nltk("english");
  const std::string ascii(s->stem("kissing"));
  CHECK(s->stem("\xE2\x84\xAAISSING") == ascii);
}

TEST_CASE("snowball nltk: BOM, combining marks, emoji and ZWJ count as non-letters", "[morph][snowball-nltk]") {
  check_cases("english", {
                              {"\xEF\xBB\xBFrunning", "\xEF\xBB\xBFrun"},
                              {"cafe\xCC\x81s", "cafe\xCC\x81"},
                              {"\xF0\x9F\x98\x80s", "\xF0\x9F\x98\x80s"},
                              {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
                               "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"},
                          });
  check_cases("spanish", {{"\xEF\xBB\xBF" "corriendo", "\xEF\xBB\xBF" "corr"}});
}

TEST_CASE("snowball nltk: invalid UTF-8 bytes are kept and count as one non-letter each", "[morph][snowball-nltk]") {
  check_cases("english", {{"\xFFing", "\xFFing"}, {"b\xFF" "aking", "b\xFF" "ake"}, {"\xC3", "\xC3"}});
  check_cases("spanish", {{"\xFF" "ando", "\xFF" "and"}});
}

TEST_CASE("snowball nltk: a 1 MB word is stemmed in linear time", "[morph][snowball-nltk]") {
  const auto en = nlp::morph::make_snowball_nltk("english");
  const auto es = nlp::morph::make_snowball_nltk("spanish");
  const auto start = std::chrono::steady_clock::now();
  CHECK(en->stem(std::string(1000000, 'a') + "ational") == std::string(1000000, 'a') + "ation");
  std::string running, expected;
  for (int i = 0; i < 150000; ++i) running += "running";
  for (int i = 0; i < 149999; ++i) expected += "running";
  CHECK(en->stem(running) == expected + "run");
  std::string enye;
  for (int i = 0; i < 500000; ++i) enye += "\xC3\xB1";
  CHECK(es->stem(enye + "amente") == enye + "ament");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("snowball nltk: the ASCII path and the path for other words agree", "[morph][snowball-nltk]") {
  // The Kelvin sign (U+212A) lowercases to "k", so a word spelled with it takes the path for
  // non-ASCII words (decoding, lowercasing per code point, UTF-8 output) and must give the same
  // stem as its ASCII spelling.
  static const std::vector<std::string_view> kPieces = {
      "k", "K", "a", "e", "i", "o", "u", "y", "b", "l", "n", "s", "t", "'", "ing", "ed", "eed", "ly",
      "ational", "ization", "ness", "ement", "ion", "ogi", "li", "ies", "sses", "gener", "amente", "idad",
      "acion", "ando", "iendo", "yendo", "selo", "gu", "emos", "es", "ar", "ivo", "logi"};
  const std::vector<std::string> words = random_words(kPieces, 20000, 7);
  for (const char* language : {"english", "spanish"}) {
    const auto s = nlp::morph::make_snowball_nltk(language);
    std::size_t differ = 0;
    for (const std::string& w : words) {
      if (w.find_first_of("kK") == std::string::npos) continue;
      std::string kelvin;
      for (const char c : w) {
        if (c == 'k' || c == 'K') kelvin += "\xE2\x84\xAA";
        else kelvin.push_back(c);
      }
      const std::string ascii(s->stem(w));
      if (s->stem(kelvin) != ascii && differ++ < 3) UNSCOPED_INFO(language << ": '" << w << "'");
    }
    CHECK(differ == 0);
  }
}

TEST_CASE("snowball nltk: the view lasts until the next call and clones are independent", "[morph][snowball-nltk]") {
  const auto s = nlp::morph::make_snowball_nltk("english");
  const std::string_view first = s->stem("generalization");
  CHECK(first == "general");
  const auto c = s->clone();
  CHECK(c->id() == s->id());
  CHECK(c->stem("hopping") == "hop");
  CHECK(first == "general");  // another object's call leaves this view alone
  CHECK(s->stem("Corri\xC3\xA9ndole") == "corri\xC3\xA9ndol");
}

TEST_CASE("snowball nltk: ids and unknown languages", "[morph][snowball-nltk]") {
  CHECK(nlp::morph::make_snowball_nltk("english")->id() == "snowball-english-nltk-v1");
  CHECK(nlp::morph::make_snowball_nltk("spanish")->id() == "snowball-spanish-nltk-v1");
  for (const char* bad : {"", "English", "en", "french", "porter"}) {
    INFO(bad);
    try {
      nlp::morph::make_snowball_nltk(bad);
      FAIL("no UsageError");
    } catch (const nlp::UsageError& e) {
      const std::string msg = e.what();
      CHECK(msg.find("english") != std::string::npos);
      CHECK(msg.find("spanish") != std::string::npos);
    }
  }
}
