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

ReaderOptions table(InputFormat f, std::string column = "", std::string id_column = "", bool header = true) {
  ReaderOptions o;
  o.format = f;
  o.column = std::move(column);
  o.id_column = std::move(id_column);
  o.header = header;
  return o;
}

}  // namespace

TEST_CASE("tsv reader: columns by name by number and by default", "[corpora][tsv]") {
  struct Case {
    const char* name;
    std::string input;
    ReaderOptions opts;
    Strings texts, ids;
  };
  const std::string t = "id\ttitle\tbody\nd1\tT1\tfirst body\nd2\tT2\tsecond\n";
  const std::vector<Case> cases = {
      {"empty file", "", table(InputFormat::tsv), {}, {}},
      {"header only", "id\ttext\n", table(InputFormat::tsv), {}, {}},
      {"default column is the last", t, table(InputFormat::tsv), {"first body", "second"}, {"in.tsv:2", "in.tsv:3"}},
      {"column by name with id column", t, table(InputFormat::tsv, "title", "id"), {"T1", "T2"}, {"d1", "d2"}},
      {"column by number", t, table(InputFormat::tsv, "2", "1"), {"T1", "T2"}, {"d1", "d2"}},
      {"no header", "a\tb\nc\td\n", table(InputFormat::tsv, "", "", false), {"b", "d"}, {"in.tsv:1", "in.tsv:2"}},
      {"no header numbered column", "a\tb\nc\td\n", table(InputFormat::tsv, "1", "2", false), {"a", "c"}, {"b", "d"}},
      {"single column", "text\nx\n\ny\n", table(InputFormat::tsv), {"x", "y"}, {"in.tsv:2", "in.tsv:4"}},
      {"empty fields", "a\tb\n\t\n", table(InputFormat::tsv), {""}, {"in.tsv:2"}},
      {"quotes are ordinary characters", "a\tb\n\"x\"\t\"y, z\"\n", table(InputFormat::tsv), {"\"y, z\""}, {"in.tsv:2"}},
      {"CRLF and BOM", "\xEF\xBB\xBFid\ttext\r\n1\tone\r\n", table(InputFormat::tsv, "text", "id"), {"one"}, {"1"}},
      {"no final newline", "id\ttext\n1\tone", table(InputFormat::tsv, "text"), {"one"}, {"in.tsv:2"}},
      {"header name made of digits wins over a number", "x\t1\na\tb\n", table(InputFormat::tsv, "1"), {"b"}, {"in.tsv:2"}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto r = read_all(c.input, c.opts, "in.tsv");
      CHECK(r.texts() == c.texts);
      CHECK(r.ids() == c.ids);
    }
  }
}

TEST_CASE("tsv reader: positions and blank lines", "[corpora][tsv]") {
  const std::string input = "id\ttext\n\nné\tcafé au lait\n";
  const auto r = read_all(input, table(InputFormat::tsv), "x.tsv");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].pos.line == 3);
  CHECK(r.docs[0].pos.column == 4);
  CHECK(r.docs[0].pos.byte == 13);
  CHECK(input.substr(r.docs[0].pos.byte, 5) == "café");
  CHECK(r.stats.blank_lines == 1);
  CHECK(r.stats.lines == 3);
}

TEST_CASE("tsv and csv readers: wrong field counts are errors with the position", "[corpora][tsv][csv]") {
  struct Case {
    const char* name;
    InputFormat format;
    std::string input;
    bool header;
    std::uint64_t line, column;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"tsv too many", InputFormat::tsv, "a\tb\n1\t2\t3\n", true, 2, 5,
       "expected 2 tab-separated fields (as in the header), found 3"},
      {"tsv too few", InputFormat::tsv, "a\tb\tc\n1\t2\n", true, 2, 4,
       "expected 3 tab-separated fields (as in the header), found 2"},
      {"tsv no header", InputFormat::tsv, "1\t2\n3\n", false, 2, 2,
       "expected 2 tab-separated fields (as in the first record), found 1"},
      {"csv too many", InputFormat::csv, "a,b\n1,\"x,y\",3\n", true, 2, 9,
       "expected 2 comma-separated fields (as in the header), found 3"},
      {"csv too few after a multi-line field", InputFormat::csv, "a,b,c\n\"1\n2\",x\n", true, 3, 5,
       "expected 3 comma-separated fields (as in the header), found 2"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      ReaderOptions o = table(c.format, "", "", c.header);
      const auto e = read_error(c.input, o, "t");
      REQUIRE(e);
      CHECK(e->pos().line == c.line);
      CHECK(e->pos().column == c.column);
      CHECK(e->detail().find(c.message) == 0);
      o.on_error = OnError::skip;
      const auto r = read_all(c.input + (c.header ? "" : ""), o, "t");
      CHECK(r.stats.records_skipped == 1);
    }
  }
}

TEST_CASE("csv reader: RFC 4180 quoting", "[corpora][csv]") {
  struct Case {
    const char* name;
    std::string input;
    Strings texts;
  };
  const std::vector<Case> cases = {
      {"plain", "id,text\n1,hello\n", {"hello"}},
      {"quoted comma", "id,text\n1,\"a, b\"\n", {"a, b"}},
      {"doubled quotes", "id,text\n1,\"say \"\"hi\"\"\"\n", {"say \"hi\""}},
      {"only a doubled quote", "id,text\n1,\"\"\"\"\n", {"\""}},
      {"empty quoted field", "id,text\n1,\"\"\n", {""}},
      {"empty unquoted field", "id,text\n1,\n", {""}},
      {"embedded newline", "id,text\n1,\"line1\nline2\"\n2,x\n", {"line1\nline2", "x"}},
      {"embedded CRLF becomes LF", "id,text\r\n1,\"a\r\nb\"\r\n", {"a\nb"}},
      {"embedded empty lines", "id,text\n1,\"a\n\n\nb\"\n", {"a\n\n\nb"}},
      {"quote inside an unquoted field is literal", "id,text\n1,5\" screen\n", {"5\" screen"}},
      {"quoted header", "\"id\",\"text\"\n1,x\n", {"x"}},
      {"trailing empty field after quote", "a,b,c\n\"1\",\"2\",\n", {""}},
      {"spaces are kept", "id,text\n1,  padded  \n", {"  padded  "}},
      {"blank lines between records", "id,text\n\n1,a\n\n\n2,b\n", {"a", "b"}},
      {"no final newline", "id,text\n1,\"a\"", {"a"}},
      {"multibyte", "id,text\n1,\"naïve, 🙂\"\n", {"naïve, 🙂"}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto r = read_all(c.input, table(InputFormat::csv), "in.csv");
      CHECK(r.texts() == c.texts);
    }
  }
}

TEST_CASE("csv reader: positions of quoted and multi-line fields", "[corpora][csv]") {
  const std::string input = "id,text\nd1,\"first\nsecond\"\nd2,plain\n";
  const auto r = read_all(input, table(InputFormat::csv, "text", "id"), "x.csv");
  REQUIRE(r.docs.size() == 2);
  CHECK(r.ids() == Strings{"d1", "d2"});
  // A quoted field's text starts after the quote.
  CHECK(r.docs[0].pos.line == 2);
  CHECK(r.docs[0].pos.column == 5);
  CHECK(r.docs[0].pos.byte == 12);
  CHECK(input.substr(12, 5) == "first");
  CHECK(r.docs[1].pos.line == 4);
  CHECK(r.docs[1].pos.column == 4);
  CHECK(r.stats.lines == 4);
  const auto r2 = read_all(input, table(InputFormat::csv), "x.csv");
  CHECK(r2.ids() == Strings{"x.csv:2", "x.csv:4"});
}

TEST_CASE("csv reader: quoting errors", "[corpora][csv]") {
  struct Case {
    const char* name;
    std::string input;
    std::uint64_t line, column;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"unterminated quote at the end of input", "id,text\n1,\"abc\n2,x\n", 2, 3,
       "unterminated quoted field: the input ends before its closing quote"},
      {"junk after the closing quote", "id,text\n1,\"a\"b\n", 2, 6,
       "expected ',' or the end of the line after a closing quote, found 'b'"},
      {"space after the closing quote", "id,text\n1,\"a\" \n", 2, 6,
       "expected ',' or the end of the line after a closing quote, found ' '"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto e = read_error(c.input, table(InputFormat::csv), "q.csv");
      REQUIRE(e);
      CHECK(e->pos().line == c.line);
      CHECK(e->pos().column == c.column);
      CHECK(e->detail().find(c.message) == 0);
    }
  }
}

TEST_CASE("csv reader: a runaway quote hits the record limit and says why", "[corpora][csv][limits]") {
  ReaderOptions o = table(InputFormat::csv);
  o.max_record_bytes = 100;
  std::string input = "id,text\n1,\"never closed\n";
  for (int k = 0; k < 50; ++k) input += "2,more text here\n";
  const auto e = read_error(input, o, "r.csv");
  REQUIRE(e);
  CHECK(e->pos().line == 2);
  CHECK(e->detail().find("record is longer than the limit of 100 bytes") == 0);
  CHECK(e->detail().find("quoted field opened at line 2 column 3") != std::string::npos);
  // Under skip the over-long record is consumed to its end and counted.
  o.on_error = OnError::skip;
  // Every line is under the limit; the record is not.
  std::string input2 = "id,text\n1,\"";
  for (int k = 0; k < 6; ++k) input2 += std::string(40, 'x') + "\n";
  input2 += "end\"\n2,ok\n";
  const auto r = read_all(input2, o, "r.csv");
  CHECK(r.texts() == Strings{"ok"});
  CHECK(r.stats.records_skipped == 1);
}

TEST_CASE("csv reader: skip mode resynchronizes after bad records", "[corpora][csv]") {
  ReaderOptions o = table(InputFormat::csv, "text", "id");
  o.on_error = OnError::skip;
  const auto r = read_all("id,text\n1,\"a\"x\n2,good\n3,too,many\n4,\"fine\"\n5,\"open\n", o, "s.csv");
  CHECK(r.texts() == Strings{"good", "fine"});
  CHECK(r.ids() == Strings{"2", "4"});
  CHECK(r.stats.records_skipped == 3);
  CHECK(r.stats.skipped_examples.size() == 3);
}

TEST_CASE("tsv and csv readers: bad column options are usage errors", "[corpora][tsv][csv]") {
  const std::string t = "id\ttext\n1\ta\n";
  CHECK_THROWS_WITH(read_all(t, table(InputFormat::tsv, "body"), "x.tsv"),
                    "x.tsv: column \"body\" is not in the header (columns: \"id\", \"text\")");
  CHECK_THROWS_WITH(read_all(t, table(InputFormat::tsv, "3"), "x.tsv"),
                    "x.tsv: column 3 does not exist; the header has 2 columns (numbers start at 1)");
  CHECK_THROWS_AS(read_all(t, table(InputFormat::tsv, "0"), "x.tsv"), nlp::UsageError);
  CHECK_THROWS_AS(read_all(t, table(InputFormat::tsv, "text", "nope"), "x.tsv"), nlp::UsageError);
  CHECK_THROWS_AS(read_all(t, table(InputFormat::tsv, "text", "", false), "x.tsv"), nlp::UsageError);
  CHECK_THROWS_AS(read_all("a\ta\n1\t2\n", table(InputFormat::tsv, "a"), "x.tsv"), nlp::UsageError);
}

TEST_CASE("tsv and csv readers: invalid UTF-8 policies", "[corpora][tsv][csv][utf8]") {
  const std::string input = "id,text\n\xFF,b\xC3(\n";
  const auto e = read_error(input, table(InputFormat::csv, "text", "id"), "u.csv");
  REQUIRE(e);
  CHECK(e->pos().line == 2);
  CHECK(e->pos().column == 1);
  ReaderOptions o = table(InputFormat::csv, "text", "id");
  o.invalid_utf8 = nlp::utf8::InvalidPolicy::replace;
  const auto r = read_all(input, o, "u.csv");
  CHECK(r.texts() == Strings{"b\xEF\xBF\xBD("});
  CHECK(r.ids() == Strings{"\xEF\xBF\xBD"});
  CHECK(r.stats.utf8_replaced == 2);
}
