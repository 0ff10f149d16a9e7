#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "reader_helpers.hpp"

using nlp::corpora::InputFormat;
using nlp::corpora::OnError;
using nlp::corpora::ReaderOptions;
using nlp::test::read_all;
using nlp::test::read_error;
using Strings = std::vector<std::string>;

namespace {

ReaderOptions jsonl(std::string field = "text", std::string id_field = "") {
  ReaderOptions o;
  o.format = InputFormat::jsonl;
  o.field = std::move(field);
  o.id_field = std::move(id_field);
  return o;
}

}  // namespace

TEST_CASE("jsonl reader: edge cases", "[corpora][jsonl]") {
  struct Case {
    const char* name;
    std::string input;
    Strings texts;
    std::uint64_t blank;
  };
  const std::vector<Case> cases = {
      {"empty file", "", {}, 0},
      {"only newlines are blank lines", "\n\n\n", {}, 3},
      {"whitespace-only lines are blank", "  \n\t\r\n", {}, 2},
      {"no final newline", "{\"text\": \"a\"}", {"a"}, 0},
      {"CRLF", "{\"text\": \"a\"}\r\n{\"text\": \"b\"}\r\n", {"a", "b"}, 0},
      {"BOM", "\xEF\xBB\xBF{\"text\": \"a\"}\n", {"a"}, 0},
      {"blank lines between records", "{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n", {"a", "b"}, 1},
      {"empty string is an empty document", "{\"text\": \"\"}\n", {""}, 0},
      {"escapes are decoded", R"({"text": "line\nbreak \"q\" \u00e9 \ud83d\ude42 \/ \\"})", {"line\nbreak \"q\" é 🙂 / \\"}, 0},
      {"escaped NUL is kept", R"({"text": "a\u0000b"})", {std::string("a\0b", 3)}, 0},
      {"other members are ignored", R"({"n": [1, {"text": "no"}], "text": "yes", "x": {"y": null}})", {"yes"}, 0},
      {"a repeated member: the last wins", R"({"text": "first", "text": "second"})", {"second"}, 0},
      {"numbers of every kind elsewhere", R"({"a": -1.5e300, "b": 18446744073709551616, "text": "t"})", {"t"}, 0},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto r = read_all(c.input, jsonl());
      CHECK(r.texts() == c.texts);
      CHECK(r.stats.blank_lines == c.blank);
      CHECK(r.stats.documents == c.texts.size());
      CHECK(r.stats.records_skipped == 0);
    }
  }
}

TEST_CASE("jsonl reader: nested fields ids and positions", "[corpora][jsonl]") {
  const std::string input =
      "{\"id\": \"doc-1\", \"meta\": {\"body\": {\"text\": \"naïve\"}}}\n"
      "\n"
      "{\"meta\": {\"body\": {\"text\": \"b\"}}, \"id\": 42}\n";
  const auto r = read_all(input, jsonl("meta.body.text", "id"), "x.jsonl");
  CHECK(r.texts() == Strings{"naïve", "b"});
  CHECK(r.ids() == Strings{"doc-1", "42"});
  REQUIRE(r.docs.size() == 2);
  // pos is where the string's content starts (after the opening quote).
  CHECK(r.docs[0].pos.line == 1);
  CHECK(r.docs[0].pos.column == 44);
  CHECK(r.docs[0].pos.byte == 43);
  CHECK(input.substr(r.docs[0].pos.byte, 6) == "naïve");
  CHECK(r.docs[1].pos.line == 3);
  CHECK(r.docs[1].index == 1);
  CHECK(r.stats.blank_lines == 1);
  CHECK(r.stats.lines == 3);
  // Without id_field the id is file:line.
  const auto r2 = read_all(input, jsonl("meta.body.text"), "x.jsonl");
  CHECK(r2.ids() == Strings{"x.jsonl:1", "x.jsonl:3"});
}

TEST_CASE("jsonl reader: malformed records name line and column", "[corpora][jsonl]") {
  struct Case {
    const char* name;
    std::string line;
    ReaderOptions opts;
    std::uint64_t column;
    std::string message;  // start of the detail
  };
  const std::vector<Case> cases = {
      {"text is a number", R"({"text": 12})", jsonl(), 10, "text field \"text\" is a number; expected a string"},
      {"text is null", R"({"text": null})", jsonl(), 10, "text field \"text\" is null; expected a string"},
      {"text is an object", R"({"text": {"a": 1}})", jsonl(), 10, "text field \"text\" is an object"},
      {"text is an array", R"({"text":["a"]})", jsonl(), 9, "text field \"text\" is an array"},
      {"text is a boolean", R"({"text" :  true})", jsonl(), 12, "text field \"text\" is a boolean"},
      {"missing field", R"({"body": "x"})", jsonl(), 1, "missing text field \"text\""},
      {"missing nested field", R"({"meta": {"x": "y"}})", jsonl("meta.body"), 1, "missing text field \"meta.body\""},
      {"path through a string", R"({"meta": "s"})", jsonl("meta.body"), 10,
       "text field \"meta.body\": member \"meta\" is a string, not an object"},
      {"path through an array", R"({"é": 1, "meta": [1]})", jsonl("meta.body"), 18,
       "text field \"meta.body\": member \"meta\" is an array, not an object"},
      {"top-level array", R"([{"text": "a"}])", jsonl(), 1, "expected a JSON object, found an array"},
      {"top-level string", R"(  "text")", jsonl(), 3, "expected a JSON object, found a string"},
      {"top-level number", R"(12)", jsonl(), 1, "expected a JSON object, found a number"},
      {"trailing comma", R"({"text": "a",})", jsonl(), 14, "invalid JSON: missing a name for object member"},
      {"two values on a line", R"({"text": "a"} {"text": "b"})", jsonl(), 15,
       "invalid JSON: the document root must not be followed by other values"},
      {"unterminated string", R"({"text": "abc)", jsonl(), 14, "invalid JSON: missing a closing quotation mark in string"},
      {"unterminated object", R"({"text": "abc")", jsonl(), 15, "invalid JSON: missing a comma or '}' after an object member"},
      {"raw control character in a string", "{\"text\": \"a\tb\"}", jsonl(), 12, "invalid JSON: control character U+0009 in a string"},
      {"bad escape", R"({"text": "\x"})", jsonl(), 11, "invalid JSON: invalid escape character in string"},
      {"invalid surrogate pair", R"({"text": "\ud800x"})", jsonl(), 11,
       "invalid JSON: the surrogate pair in string is invalid"},
      {"single quotes", R"({'text': 'a'})", jsonl(), 2, "invalid JSON: missing a name for object member"},
      {"missing id field", R"({"text": "a"})", jsonl("text", "id"), 1, "missing id field \"id\""},
      {"id is an object", R"({"text": "a", "id": {}})", jsonl("text", "id"), 21, "id field \"id\" is an object; expected a string or a number"},
      {"column counts code points", R"({"ñandú": "é", "text": 1})", jsonl(), 24, "text field \"text\" is a number"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const std::string first = R"({"text": "fine", "id": "0", "meta": {"body": "fine"}})";
      const auto e = read_error(first + "\n" + c.line + "\n", c.opts, "in.jsonl");
      REQUIRE(e);
      CHECK(e->pos().file == "in.jsonl");
      CHECK(e->pos().line == 2);
      CHECK(e->pos().column == c.column);
      // The byte offset and the column agree: line 1 and its newline, then the column's code points.
      REQUIRE(e->pos().byte > first.size());
      const std::size_t in_line = e->pos().byte - first.size() - 1;
      CHECK(nlp::utf8::count_code_points(c.line.substr(0, in_line)) + 1 == e->pos().column);
      CHECK(e->detail().find(c.message) == 0);
      CHECK(e->detail().find("rerun with --on-error=skip") != std::string::npos);
      // Under skip the record is counted and reading goes on.
      ReaderOptions skip = c.opts;
      skip.on_error = OnError::skip;
      const auto r = read_all(first + "\n" + c.line + "\n" + first, skip, "in.jsonl");
      CHECK(r.texts() == Strings{"fine", "fine"});
      CHECK(r.stats.records_skipped == 1);
      REQUIRE(r.stats.skipped_examples.size() == 1);
      CHECK(r.stats.skipped_examples[0].find("in.jsonl:2:" + std::to_string(c.column)) == 0);
    }
  }
}

TEST_CASE("jsonl reader: deep nesting does not exhaust the stack", "[corpora][jsonl]") {
  const std::string deep = "{\"a\": " + std::string(200'000, '[') + std::string(200'000, ']') + ", \"text\": \"ok\"}";
  const auto r = read_all(deep, jsonl());
  CHECK(r.texts() == Strings{"ok"});
  const auto e = read_error(std::string(200'000, '['), jsonl());
  REQUIRE(e);
  CHECK(e->pos().column == 1);
}

TEST_CASE("jsonl reader: invalid UTF-8 policies", "[corpora][jsonl][utf8]") {
  const std::string raw_bad = "{\"text\": \"a\xC3(b\"}\n";
  SECTION("strict names the byte in the raw line") {
    const auto e = read_error(raw_bad, jsonl());
    REQUIRE(e);
    CHECK(e->pos().column == 12);
    CHECK(e->pos().byte == 11);
    CHECK(e->detail().find("invalid UTF-8 sequence C3 28") == 0);
  }
  SECTION("replace and skip repair the delivered text") {
    ReaderOptions o = jsonl();
    o.invalid_utf8 = nlp::utf8::InvalidPolicy::replace;
    auto r = read_all(raw_bad, o);
    CHECK(r.texts() == Strings{"a\xEF\xBF\xBD(b"});
    CHECK(r.stats.utf8_replaced == 1);
    o.invalid_utf8 = nlp::utf8::InvalidPolicy::skip;
    r = read_all(raw_bad, o);
    CHECK(r.texts() == Strings{"a(b"});
    CHECK(r.stats.utf8_skipped == 1);
  }
  SECTION("invalid bytes in members that are not read are not counted under replace") {
    ReaderOptions o = jsonl();
    o.invalid_utf8 = nlp::utf8::InvalidPolicy::replace;
    const auto r = read_all("{\"other\": \"\xFF\", \"text\": \"ok\"}\n", o);
    CHECK(r.texts() == Strings{"ok"});
    CHECK(r.stats.utf8_replaced == 0);
  }
  SECTION("an escaped lone low surrogate is invalid UTF-8 in the decoded value") {
    const std::string line = R"({"text": "x\udc00y"})";
    const auto e = read_error(line, jsonl());
    REQUIRE(e);
    CHECK(e->pos().column == 11);
    CHECK(e->detail().find("invalid UTF-8") != std::string::npos);
    ReaderOptions o = jsonl();
    o.invalid_utf8 = nlp::utf8::InvalidPolicy::replace;
    const auto r = read_all(line, o);
    REQUIRE(r.docs.size() == 1);
    CHECK(nlp::utf8::is_valid(r.docs[0].text));
    CHECK(r.docs[0].text.front() == 'x');
    CHECK(r.docs[0].text.back() == 'y');
    CHECK(r.stats.utf8_replaced >= 1);
  }
}

TEST_CASE("jsonl reader: over-long lines and bad options", "[corpora][jsonl][limits]") {
  ReaderOptions o = jsonl();
  o.max_record_bytes = 20;
  o.on_error = OnError::skip;
  const auto r = read_all("{\"text\": \"" + std::string(50, 'x') + "\"}\n{\"text\": \"ok\"}\n", o);
  CHECK(r.texts() == Strings{"ok"});
  CHECK(r.stats.records_skipped == 1);
  CHECK_THROWS_AS(read_all("{}", jsonl("a..b")), nlp::UsageError);
  CHECK_THROWS_AS(read_all("{}", jsonl("")), nlp::UsageError);
  CHECK_THROWS_AS(read_all("{}", jsonl("text", ".id")), nlp::UsageError);
}
