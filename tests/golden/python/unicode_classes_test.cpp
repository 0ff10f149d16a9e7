// Our Python-compatible character classes against Python's own, for every code point that
// Python's Unicode version assigns (newer characters may differ by design).
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "support/test_support.hpp"

namespace {

struct Classes {
  std::map<std::string, std::vector<bool>> member;
};

const Classes& python_classes() {
  static const Classes c = [] {
    Classes out;
    for (const char* name : {"assigned", "space", "word", "decimal", "numeric"})
      out.member[name].assign(0x110000, false);
    for (const auto& line :
         nlp::test::read_lines(nlp::test::source_dir() / "tests/golden/python/unicode_classes.txt")) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream in(line);
      std::string name;
      unsigned long a = 0, b = 0;
      in >> name >> std::hex >> a >> b;
      auto& v = out.member.at(name);
      for (unsigned long cp = a; cp <= b; ++cp) v[cp] = true;
    }
    return out;
  }();
  return c;
}

template <class F>
void compare(const char* name, F ours) {
  const auto& c = python_classes();
  const auto& assigned = c.member.at("assigned");
  const auto& expected = c.member.at(name);
  std::size_t mismatches = 0;
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (!assigned[cp] || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
    if (ours(cp) != expected[cp]) {
      if (++mismatches <= 10) {
        INFO(name << " differs at U+" << std::hex << static_cast<unsigned long>(cp));
        CHECK(ours(cp) == expected[cp]);
      }
    }
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("python classes: str.isspace", "[unicode][python]") { compare("space", nlp::unicode::is_space); }
TEST_CASE("python classes: re word character", "[unicode][python]") { compare("word", nlp::unicode::is_word); }
TEST_CASE("python classes: re decimal digit", "[unicode][python]") { compare("decimal", nlp::unicode::is_decimal); }
TEST_CASE("python classes: str.isnumeric", "[unicode][python]") { compare("numeric", nlp::unicode::is_numeric); }
