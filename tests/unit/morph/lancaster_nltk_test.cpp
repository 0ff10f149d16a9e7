// NLTK's LancasterStemmer with its default rules. Expected stems are NLTK 3.8's
// (LancasterStemmer().stem(word) under /usr/bin/python3); the parity tests in tests/golden/nltk/
// compare whole vocabularies.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "morph/morph_internal.hpp"

using nlp::morph::make_lancaster_nltk;

namespace {

void check_cases(const std::vector<std::pair<std::string, std::string>>& cases) {
  auto s = make_lancaster_nltk();
  for (const auto& [word, expected] : cases) {
    INFO("word [" << word << "]");
    CHECK(std::string(s->stem(word)) == expected);
  }
}

}  // namespace

TEST_CASE("lancaster: empty and whitespace words and short words", "[morph][lancaster]") {
  check_cases({
      {"", ""},
      {" ", " "},
      {"cats\r\n", "cats\r\n"},
      {"CATS ", "cats "},
      {"a", "a"},
      {"A", "a"},
      {"s", "s"},
      {"is", "is"},
      {"ia", "ia"},
      {"ci", "ci"},
      {"th", "th"},
      {"ij", "ij"},
  });
}

TEST_CASE("lancaster: NLTK's documented examples", "[morph][lancaster]") {
  check_cases({
      {"maximum", "maxim"},      // -um removed while the word is intact
      {"presumably", "presum"},  // not once it has changed
      {"multiply", "multiply"},  // -ply protected
      {"provision", "provid"},   // -sion -> -j, then the j rules
      {"owed", "ow"},            // a word starting with a vowel keeps two letters
      {"ear", "ear"},
      {"saying", "say"},  // one starting with a consonant keeps three, one of them a vowel
      {"crying", "cry"},
      {"string", "string"},
      {"meant", "meant"},
      {"cement", "cem"},
  });
}

TEST_CASE("lancaster: rules chain until a stop rule or no rule applies", "[morph][lancaster]") {
  check_cases({
      {"kilometer", "kilomet"},
      {"agreement", "agr"},
      {"happily", "happy"},
      {"generous", "gen"},
      {"derivational", "der"},
      {"provisions", "provid"},
      {"Stemming", "stem"},
      {"STEMMING", "stem"},
      {"ness", "ness"},
      {"nests", "nest"},
      {"eeds", "ee"},
      {"eds", "ed"},
      {"ijs", "ij"},
      {"aia", "ai"},
      {"ition", "it"},
      {"mum", "mum"},
      {"hat", "hat"},
      {"city", "city"},
  });
}

TEST_CASE("lancaster: rules are keyed by the end of the leading run of letters", "[morph][lancaster]") {
  // NLTK picks the rules by the last character of the word's first run of letters, but matches
  // their endings against the whole word.
  check_cases({
      {"es-s", "es-"},
      {"ab1c", "ab1c"},
      {"ab'cs", "ab'cs"},
      {"ing's", "ing's"},
      {"'s", "'s"},
      {"1990s", "1990s"},
      {"3rd", "3rd"},
      {"don't", "don't"},
      {"rock'n'roll", "rock'n'roll"},
      {"x2y", "x2y"},
      {"_ing", "_ing"},
      {"-ing", "-ing"},
  });
}

TEST_CASE("lancaster: letters are str.isalpha() code points", "[morph][lancaster]") {
  check_cases({
      {"café", "café"},
      {"cafés", "café"},
      {"ÉCOLES", "écol"},
      {"écoles", "écol"},
      {"naïvely", "naïv"},
      {"naïveté", "naïveté"},
      {"ǅungla", "ǆungl"},  // titlecase digraph
      {"straße", "straße"},
      {"ΟΔΟΣ", "οδος"},
      {"книги", "книги"},
      {"日本s", "日本s"},
      {"ªing", "ªing"},  // U+00AA is a letter (Lo): "ing" would leave too little
      {"ⅰing", "ⅰing"},  // U+2170 is a number (Nl): no leading letter at all
      {"İNG", "i̇ng"},    // the combining dot of the lowercase i ends the letters
      {"İSTANBUL", "i̇stanbul"},
      {"ﬁve", "ﬁve"},
  });
}

TEST_CASE("lancaster: invalid UTF-8 bytes pass through and end the letters", "[morph][lancaster]") {
  check_cases({
      {"ca\xFF" "ing", "ca\xFF" "ing"},
      {"runn\xFF" "ing", "runn\xFF" "ing"},
      {"\xE2\x82", "\xE2\x82"},
  });
}

TEST_CASE("lancaster: a 1 MB word is stemmed in linear time", "[morph][lancaster]") {
  std::string body;
  for (int i = 0; i < 500000; ++i) body += "ab";
  auto s = make_lancaster_nltk();
  CHECK(s->stem(body + "ational") == body);
  CHECK(s->stem(body + "ING") == body);
  // Every "ing" is a rule application that continues: 100,000 rounds.
  std::string ings = "stemm";
  for (int i = 0; i < 100000; ++i) ings += "ing";
  CHECK(s->stem(ings) == "stem");
}

TEST_CASE("lancaster: the id and clones and the lifetime of views", "[morph][lancaster]") {
  auto s = make_lancaster_nltk();
  CHECK(s->id() == "lancaster-nltk-v1");
  auto c = s->clone();
  CHECK(c->id() == "lancaster-nltk-v1");
  // Views from two stemmers are valid side by side, whatever a third one does meanwhile.
  const std::string_view a = s->stem("Provisions");
  const std::string_view b = c->stem("ÉCOLES");
  auto other = make_lancaster_nltk();
  for (int i = 0; i < 100; ++i) other->stem("maximum" + std::to_string(i));
  CHECK(a == "provid");
  CHECK(b == "écol");
  CHECK(s->stem("presumably") == "presum");
  CHECK(c->stem("presumably") == "presum");
}
