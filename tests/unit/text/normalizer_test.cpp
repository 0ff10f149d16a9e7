#include <catch2/catch.hpp>

#include <string>

#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"

using nlp::AccentMode;
using nlp::CaseMode;
using nlp::NormalizeOptions;
using nlp::UnicodeForm;

namespace {
std::string norm(const NormalizeOptions& o, const std::string& in) {
  nlp::Normalizer n(o);
  nlp::NormalizedText s;
  return std::string(n.normalize(in, s));
}
}  // namespace

TEST_CASE("normalizer: empty input and the no-op configuration return the input", "[normalize]") {
  nlp::Normalizer n;
  nlp::NormalizedText s;
  const std::string in = "Caf\xC3\xA9";
  CHECK(n.normalize(in, s).data() == in.data());
  CHECK(s.identity());
  nlp::Normalizer lower({.case_mode = CaseMode::lower});
  CHECK(lower.normalize("", s).empty());
}

TEST_CASE("normalizer: the four Unicode forms", "[normalize]") {
  const std::string composed = "\xC3\xA9";     // é
  const std::string decomposed = "e\xCC\x81";  // e + U+0301
  CHECK(norm({.form = UnicodeForm::nfc}, decomposed) == composed);
  CHECK(norm({.form = UnicodeForm::nfd}, composed) == decomposed);
  CHECK(norm({.form = UnicodeForm::nfkc}, "\xEF\xAC\x81") == "fi");         // ﬁ ligature
  CHECK(norm({.form = UnicodeForm::nfkd}, "\xC2\xBD") == "1\xE2\x81\x84" "2");  // ½ -> 1⁄2
}

TEST_CASE("normalizer: lowercasing follows Python str.lower() and casefold()", "[normalize]") {
  // Python: "İSTANBUL ΟΔΟΣ".lower() == "i̇stanbul οδος" (final sigma); "Straße".casefold() == "strasse"
  CHECK(norm({.case_mode = CaseMode::lower}, "\xC4\xB0STANBUL \xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3") ==
        "i\xCC\x87stanbul \xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82");
  CHECK(norm({.case_mode = CaseMode::fold}, "Stra\xC3\x9F" "e") == "strasse");
  CHECK(norm({.case_mode = CaseMode::lower}, "ABC def") == "abc def");
}

TEST_CASE("normalizer: strip_accents matches scikit-learn", "[normalize]") {
  // sklearn strip_accents_unicode("café naïve ﬁ") == "cafe naive fi"
  CHECK(norm({.strip_accents = AccentMode::unicode}, "caf\xC3\xA9 na\xC3\xAFve \xEF\xAC\x81") ==
        "cafe naive fi");
  // strip_accents_ascii drops what has no ASCII decomposition.
  CHECK(norm({.strip_accents = AccentMode::ascii}, "\xC3\xB1u \xE6\x97\xA5 \xC3\x86") == "nu  ");
  CHECK(norm({.strip_accents = AccentMode::unicode}, "plain") == "plain");
}

TEST_CASE("normalizer: whitespace runs collapse and ends are trimmed", "[normalize]") {
  CHECK(norm({.whitespace = true}, " \t a \xC2\xA0\n b  ") == "a b");
  CHECK(norm({.whitespace = true}, "a b") == "a b");
  CHECK(norm({.whitespace = true}, "   ").empty());
}

TEST_CASE("normalizer: spans of normalized text map back to the original bytes", "[normalize]") {
  nlp::Normalizer n({.case_mode = CaseMode::lower, .strip_accents = AccentMode::unicode,
                     .whitespace = true});
  nlp::NormalizedText s;
  const std::string in = "  CAF\xC3\x89   Stra\xC3\x9F" "e ";  // "  CAFÉ   Straße "
  const std::string_view out = n.normalize(in, s);
  REQUIRE(out == "cafe stra\xC3\x9F" "e");
  CHECK_FALSE(s.identity());
  // "cafe" -> "CAFÉ"
  auto span = s.to_source(0, 4);
  CHECK(in.substr(span.begin, span.size()) == "CAF\xC3\x89");
  // "straße" -> "Straße"
  span = s.to_source(5, out.size());
  CHECK(in.substr(span.begin, span.size()) == "Stra\xC3\x9F" "e");
  // the single space stands for the whole run
  span = s.to_source(4, 5);
  CHECK(in.substr(span.begin, span.size()) == "   ");
}

TEST_CASE("normalizer: NFD output maps a decomposed letter back to the composed one", "[normalize]") {
  nlp::Normalizer n({.form = UnicodeForm::nfd});
  nlp::NormalizedText s;
  const std::string in = "x\xC3\xA9y";
  const std::string_view out = n.normalize(in, s);
  REQUIRE(out == "xe\xCC\x81y");
  CHECK(s.to_source(1, 4) == nlp::ByteSpan{1, 3});
  CHECK(s.to_source(4, 5) == nlp::ByteSpan{3, 4});
}

TEST_CASE("normalizer: option names parse and unknown ones are usage errors", "[normalize]") {
  CHECK(nlp::parse_unicode_form("nfkc") == UnicodeForm::nfkc);
  CHECK(nlp::parse_case_mode("fold") == CaseMode::fold);
  CHECK(nlp::parse_accent_mode("ascii") == AccentMode::ascii);
  CHECK_THROWS_AS(nlp::parse_unicode_form("NFC!"), nlp::UsageError);
}
