#include <catch2/catch.hpp>

#include <string>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>

#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/utf8.hpp"

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

TEST_CASE("normalizer: lowercasing agrees with ICU's full mapping for every code point", "[normalize]") {
  // Most text takes a per-code-point path that keeps byte offsets; the rest goes through ICU.
  // Both must give ICU's full root-locale lowercase, in every context.
  nlp::Normalizer n({.case_mode = CaseMode::lower});
  nlp::NormalizedText s;
  std::string in, want;
  std::size_t mismatches = 0;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    for (const char* after : {"b", "", " "}) {  // inside a word, at the end, before a space
      in = "A\xC3\x89";                         // "AÉ" keeps the text off the ASCII path
      nlp::utf8::append(in, c);
      in += after;
      want.clear();
      UErrorCode status = U_ZERO_ERROR;
      icu::StringByteSink<std::string> sink(&want);
      icu::CaseMap::utf8ToLower("", 0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())),
                                sink, nullptr, status);
      if (U_FAILURE(status)) FAIL("ICU failed at U+" << std::hex << static_cast<unsigned>(c));
      const std::string_view got = n.normalize(in, s);
      if (got != want && ++mismatches <= 5) CHECK(got == want);
      if (s.identity() && got.size() != in.size())
        FAIL("identity spans for a length change at U+" << std::hex << static_cast<unsigned>(c));
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("normalizer: spans stay exact across a long document with many edits", "[normalize]") {
  // Each unit "ÉCOLE  İx " becomes "école i̇x " (two spaces collapse, İ grows by one byte).
  nlp::Normalizer n({.case_mode = CaseMode::lower, .whitespace = true});
  nlp::NormalizedText s;
  const std::string unit = "\xC3\x89" "COLE  \xC4\xB0x ";
  const std::string out_unit = "\xC3\xA9" "cole i\xCC\x87x ";
  std::string in;
  for (int i = 0; i < 20000; ++i) in += unit;
  const std::string_view out = n.normalize(in, s);
  REQUIRE(out.size() == out_unit.size() * 20000 - 1);  // the last space is trimmed
  for (std::size_t i = 0; i < 20000; i += 997) {
    const std::size_t o = i * out_unit.size(), b = i * unit.size();
    CHECK(s.to_source(o, o + 6) == nlp::ByteSpan{b, b + 6});            // "école"
    CHECK(s.to_source(o + 7, o + 11) == nlp::ByteSpan{b + 8, b + 11});  // "i̇x"
    CHECK(s.to_source(o + 6, o + 7) == nlp::ByteSpan{b + 6, b + 8});    // the collapsed run
  }
  CHECK(s.to_source(out.size(), out.size()).begin == in.size());
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
