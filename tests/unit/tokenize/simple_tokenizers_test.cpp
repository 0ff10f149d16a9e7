#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/tokenize/char_tokenizer.hpp"
#include "nlp/tokenize/icu_word_tokenizer.hpp"
#include "nlp/tokenize/regex_tokenizer.hpp"
#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/tokenize/whitespace_tokenizer.hpp"

using Strings = std::vector<std::string>;

namespace {
// Every span slices the input to the token text (for tokenizers that do not rewrite text).
void check_spans(const nlp::Tokenizer& tok, const std::string& input) {
  nlp::TokenBuffer buf;
  tok.tokenize(input, 0, buf);
  for (const auto& t : buf.tokens) {
    REQUIRE(t.source.end <= input.size());
    CHECK(input.substr(t.source.begin, t.source.size()) == t.text);
  }
}
}  // namespace

TEST_CASE("whitespace: empty and whitespace-only input give no tokens", "[tokenize]") {
  nlp::WhitespaceTokenizer ws;
  CHECK(nlp::tokenize_to_strings(ws, "").empty());
  CHECK(nlp::tokenize_to_strings(ws, " \t\r\n\u00A0\u3000").empty());
}

TEST_CASE("whitespace: splits like Python str.split()", "[tokenize]") {
  nlp::WhitespaceTokenizer ws;
  // U+00A0, U+2003, U+001F are whitespace for str.split(); U+200B (zero width space) is not.
  CHECK(nlp::tokenize_to_strings(ws, "a\u00A0b\u2003c\x1F" "d e\u200Bf") ==
        Strings{"a", "b", "c", "d", "e\u200Bf"});
  CHECK(nlp::tokenize_to_strings(ws, "  naïve  café\t") == Strings{"naïve", "café"});
  check_spans(ws, "  naïve  café\t\r\n x");
}

TEST_CASE("whitespace: base offsets shift spans", "[tokenize]") {
  nlp::TokenBuffer buf;
  nlp::WhitespaceTokenizer{}.tokenize("ab cd", 100, buf);
  REQUIRE(buf.tokens.size() == 2);
  CHECK(buf.tokens[1].source == nlp::ByteSpan{103, 105});
}

TEST_CASE("regex: the default pattern keeps words of two or more word characters", "[tokenize]") {
  nlp::RegexTokenizer rx;
  CHECK(nlp::tokenize_to_strings(rx, "I like a café, don't you? x_y 3.14 ½½") ==
        Strings{"like", "café", "don", "you", "x_y", "14", "½½"});
  // Combining marks are not \w in Python: NFD "é" splits the word.
  CHECK(nlp::tokenize_to_strings(rx, "cafe\u0301s") == Strings{"cafe"});
  check_spans(rx, "Ünïcödé wörds, 日本語 テキスト");
}

TEST_CASE("regex: a user pattern with one group yields the group", "[tokenize]") {
  nlp::RegexTokenizer rx(R"((\w+)@)");
  CHECK(nlp::tokenize_to_strings(rx, "a@ bb@ cc") == Strings{"a", "bb"});
}

TEST_CASE("regex: Python classes keep their meaning in user patterns", "[tokenize]") {
  // (?u) is accepted; \w excludes combining marks as in Python.
  nlp::RegexTokenizer rx(R"((?u)\b\w+\b)");
  CHECK(nlp::tokenize_to_strings(rx, "cafe\u0301 naïve") == Strings{"cafe", "naïve"});
  nlp::RegexTokenizer rx2(R"([\w-]+|[^\w\s])");
  CHECK(nlp::tokenize_to_strings(rx2, "well-known, [x]") ==
        Strings{"well-known", ",", "[", "x", "]"});
  nlp::RegexTokenizer rx3(R"((?P<w>\w)(?P=w))");
  CHECK(nlp::tokenize_to_strings(rx3, "aab cdd") == Strings{"a", "d"});
}

TEST_CASE("regex: bad patterns are usage errors", "[tokenize]") {
  CHECK_THROWS_AS(nlp::RegexTokenizer("(a"), nlp::UsageError);
  CHECK_THROWS_AS(nlp::RegexTokenizer("(a)(b)"), nlp::UsageError);
  CHECK_THROWS_AS(nlp::RegexTokenizer("(?a)\\w+"), nlp::UsageError);
}

TEST_CASE("icu-word: segments Chinese, Japanese and Thai with dictionaries", "[tokenize]") {
  nlp::IcuWordTokenizer zh("zh");
  const auto z = nlp::tokenize_to_strings(zh, "我喜欢自然语言处理。");
  CHECK(z.size() >= 4);
  CHECK(z.back() == "。");
  nlp::IcuWordTokenizer th("th");
  CHECK(nlp::tokenize_to_strings(th, "สวัสดีครับ").size() == 2);
  nlp::IcuWordTokenizer en("en");
  CHECK(nlp::tokenize_to_strings(en, "Don't stop, 3.5 km!") ==
        Strings{"Don't", "stop", ",", "3.5", "km", "!"});
  check_spans(en, "  a  \u00A0 b\n");
}

TEST_CASE("char: grapheme clusters, whitespace dropped", "[tokenize]") {
  nlp::CharTokenizer ch;
  CHECK(nlp::tokenize_to_strings(ch, "ab c") == Strings{"a", "b", "c"});
  // e + combining acute; a ZWJ family; a flag.
  CHECK(nlp::tokenize_to_strings(ch, "e\u0301 👨‍👩‍👧 🇪🇸") ==
        Strings{"e\u0301", "👨‍👩‍👧", "🇪🇸"});
  check_spans(ch, "ñ e\u0301 x");
}

TEST_CASE("char-ngram: scikit-learn's char analyzer order and whitespace collapsing", "[tokenize]") {
  nlp::CharNgramTokenizer ng(1, 2, false);
  // sklearn: CountVectorizer(analyzer='char', ngram_range=(1,2)).build_analyzer()("ab  c")
  // -> ['a', 'b', ' ', 'c', 'ab', 'b ', ' c']
  CHECK(nlp::tokenize_to_strings(ng, "ab  c") == Strings{"a", "b", " ", "c", "ab", "b ", " c"});
  nlp::TokenBuffer buf;
  ng.tokenize("ab  c", 0, buf);
  CHECK(buf.tokens[2].source == nlp::ByteSpan{2, 4});
}

TEST_CASE("char-ngram: char_wb pads words and counts short words once", "[tokenize]") {
  nlp::CharNgramTokenizer ng(2, 3, true);
  // sklearn char_wb (2,3) on "ab c": [' a','ab','b ',' ab','ab ',' c','c ',' c ']
  CHECK(nlp::tokenize_to_strings(ng, "ab c") ==
        Strings{" a", "ab", "b ", " ab", "ab ", " c", "c ", " c "});
  CHECK_THROWS_AS(nlp::CharNgramTokenizer(3, 2, false), nlp::UsageError);
}

TEST_CASE("factory: every advertised name builds and unknown names are usage errors", "[tokenize]") {
  for (const auto name : nlp::tokenizer_names()) {
    nlp::TokenizerOptions o;
    o.name = std::string(name);
    CHECK(nlp::make_tokenizer(o) != nullptr);
  }
  nlp::TokenizerOptions bad;
  bad.name = "nope";
  CHECK_THROWS_AS(nlp::make_tokenizer(bad), nlp::UsageError);
}
