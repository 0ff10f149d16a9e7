#include <catch2/catch.hpp>

#include <string>

#include "nlp/text/utf8.hpp"

using namespace std::string_literals;
namespace utf8 = nlp::utf8;

TEST_CASE("utf8: valid text of every sequence length decodes", "[utf8]") {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  CHECK(utf8::is_valid(s));
  CHECK(utf8::count_code_points(s) == 4);
  auto d = utf8::decode(s, 1);
  CHECK(d.valid);
  CHECK(d.cp == 0xE9);
  CHECK(d.length == 2);
  d = utf8::decode(s, 3);
  CHECK(d.cp == 0x20AC);
  d = utf8::decode(s, 6);
  CHECK(d.cp == 0x1F600);
  CHECK(d.length == 4);
}

TEST_CASE("utf8: the empty string is valid", "[utf8]") {
  CHECK(utf8::is_valid(""));
  CHECK(utf8::count_code_points("") == 0);
  std::string out = "x";
  CHECK(utf8::repair("", utf8::InvalidPolicy::replace, out) == 0);
  CHECK(out.empty());
}

TEST_CASE("utf8: overlongs, surrogates and out-of-range sequences are invalid", "[utf8]") {
  for (const std::string& bad : {"\xC0\xAF"s, "\xE0\x80\xAF"s, "\xED\xA0\x80"s, "\xF4\x90\x80\x80"s,
                                "\xF5\x80\x80\x80"s, "\x80"s, "\xFF"s, "\xC3"s, "\xE2\x82"s}) {
    INFO(utf8::hex_bytes(bad, 0));
    CHECK_FALSE(utf8::is_valid(bad));
    CHECK(utf8::find_invalid("ok " + bad) == 3);
  }
}

TEST_CASE("utf8: replacement follows the maximal-subpart rule like Python", "[utf8]") {
  // Python: b"a\xe2\x82(\xff\xc3".decode("utf-8", "replace") == "a\ufffd(\ufffd\ufffd"
  std::string out;
  CHECK(utf8::repair("a\xE2\x82(\xFF\xC3", utf8::InvalidPolicy::replace, out) == 3);
  CHECK(out == "a\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD");
  // b"\xf0\x80\x80".decode(errors="replace") has three U+FFFD: F0 80 is not a valid prefix.
  CHECK(utf8::repair("\xF0\x80\x80", utf8::InvalidPolicy::replace, out) == 3);
  CHECK(utf8::repair("\xF0\x9F\x98", utf8::InvalidPolicy::replace, out) == 1);
  CHECK(out == "\xEF\xBF\xBD");
}

TEST_CASE("utf8: skip drops invalid subparts and counts them", "[utf8]") {
  std::string out;
  CHECK(utf8::repair("caf\xC3\x28" "e", utf8::InvalidPolicy::skip, out) == 1);
  CHECK(out == "caf(e");
}

TEST_CASE("utf8: hex_bytes shows the offending bytes", "[utf8]") {
  CHECK(utf8::hex_bytes("\xC3\x28xyz", 0, 2) == "C3 28");
  CHECK(utf8::hex_bytes("ab", 5) == "");
}

TEST_CASE("utf8: long ASCII runs take the fast path and still find a late error", "[utf8]") {
  std::string s(1 << 20, 'a');
  CHECK(utf8::is_valid(s));
  s[(1 << 20) - 3] = '\x80';
  CHECK(utf8::find_invalid(s) == (1u << 20) - 3);
}

TEST_CASE("utf8: append encodes every length", "[utf8]") {
  std::string s;
  for (const char32_t c : {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'}) utf8::append(s, c);
  CHECK(s == "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  std::uint32_t len;
  CHECK(utf8::decode_before(s, s.size(), len) == 0x1F600);
  CHECK(len == 4);
}
