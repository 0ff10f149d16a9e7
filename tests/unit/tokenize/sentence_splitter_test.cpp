#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/tokenize/sentence_splitter.hpp"

using Strings = std::vector<std::string>;

namespace {
Strings sentences(const nlp::SentenceSplitter& ss, const std::string& text) {
  std::vector<nlp::ByteSpan> spans;
  ss.split(text, 0, spans);
  Strings out;
  for (const auto& s : spans) out.push_back(text.substr(s.begin, s.size()));
  return out;
}
}  // namespace

TEST_CASE("sentences: empty and whitespace-only text has no sentences", "[sentences]") {
  nlp::SentenceSplitter ss("en");
  CHECK(sentences(ss, "").empty());
  CHECK(sentences(ss, " \n\t ").empty());
}

TEST_CASE("sentences: spans exclude surrounding whitespace", "[sentences]") {
  nlp::SentenceSplitter ss("en");
  CHECK(sentences(ss, "  One.  Two?\tThree!  ") == Strings{"One.", "Two?", "Three!"});
  std::vector<nlp::ByteSpan> spans;
  ss.split("A b. C d.", 10, spans);
  REQUIRE(spans.size() == 2);
  CHECK(spans[1] == nlp::ByteSpan{15, 19});
}

TEST_CASE("sentences: English titles and initials do not end sentences", "[sentences]") {
  nlp::SentenceSplitter ss("en");
  CHECK(sentences(ss, "Mr. Smith met Dr. Jones. They talked.") ==
        Strings{"Mr. Smith met Dr. Jones.", "They talked."});
  CHECK(sentences(ss, "J. R. R. Tolkien wrote it. See p. 5 for details.") ==
        Strings{"J. R. R. Tolkien wrote it.", "See p. 5 for details."});
  CHECK(sentences(ss, "Cities, e.g. Paris, are big. Yes.") ==
        Strings{"Cities, e.g. Paris, are big.", "Yes."});
}

TEST_CASE("sentences: an abbreviation that may end a sentence does so before a capital", "[sentences]") {
  nlp::SentenceSplitter ss("en");
  CHECK(sentences(ss, "We bought apples, pears etc. Then we left.") ==
        Strings{"We bought apples, pears etc.", "Then we left."});
  CHECK(sentences(ss, "It rose 5 p.m. to 6 p.m. yesterday.") ==
        Strings{"It rose 5 p.m. to 6 p.m. yesterday."});
}

TEST_CASE("sentences: Spanish abbreviations and inverted marks", "[sentences]") {
  nlp::SentenceSplitter ss("es");
  CHECK(sentences(ss, "Vino el Sr. Pérez con la Sra. García. ¿Qué quería? ¡Nada!") ==
        Strings{"Vino el Sr. Pérez con la Sra. García.", "¿Qué quería?", "¡Nada!"});
  CHECK(sentences(ss, "Hay frutas, p. ej. Manzanas y peras. Fin.") ==
        Strings{"Hay frutas, p. ej. Manzanas y peras.", "Fin."});
  CHECK(sentences(ss, "Viajó a EE. UU. el año pasado. Volvió.") ==
        Strings{"Viajó a EE. UU. el año pasado.", "Volvió."});
}

TEST_CASE("sentences: other languages use ICU rules alone", "[sentences]") {
  nlp::SentenceSplitter ss("ja");
  CHECK(sentences(ss, "今日は晴れです。明日は雨です。") == Strings{"今日は晴れです。", "明日は雨です。"});
}

TEST_CASE("sentences: a period before a lowercase word ends a sentence after an ordinary word", "[sentences]") {
  nlp::SentenceSplitter ss("en");
  CHECK(sentences(ss, "they got shrunk. you should see them") ==
        Strings{"they got shrunk.", "you should see them"});
  // ... but not after an abbreviation or an initial.
  CHECK(sentences(ss, "apples, pears etc. and more") == Strings{"apples, pears etc. and more"});
  CHECK(sentences(ss, "Call me at 5 p.m. tomorrow") == Strings{"Call me at 5 p.m. tomorrow"});
}

TEST_CASE("sentences: a period before a date or a dialogue dash ends a sentence", "[sentences]") {
  nlp::SentenceSplitter ss("es");
  CHECK(sentences(ss, "Firmaron la paz con los palestinos. 28 de noviembre. - El Gobierno cayó.") ==
        Strings{"Firmaron la paz con los palestinos.", "28 de noviembre.", "- El Gobierno cayó."});
}

TEST_CASE("sentences: Spanish questions followed by lowercase continue the sentence", "[sentences]") {
  nlp::SentenceSplitter es("es");
  CHECK(sentences(es, "¿Qué pasó? preguntó él. Nadie respondió.") ==
        Strings{"¿Qué pasó? preguntó él.", "Nadie respondió."});
  nlp::SentenceSplitter en("en");
  CHECK(sentences(en, "What happened? nobody knows.") == Strings{"What happened?", "nobody knows."});
}
