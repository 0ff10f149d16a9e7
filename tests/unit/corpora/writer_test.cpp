#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/corpora/writer.hpp"
#include "nlp/error.hpp"
#include "reader_helpers.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::Token;
using nlp::corpora::Document;
using nlp::corpora::OutputFile;
using nlp::corpora::OutputFormat;
using Strings = std::vector<std::string>;

namespace {

// Tokens split at single spaces, with spans into `text`.
std::vector<Token> space_tokens(const std::string& text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    const std::size_t j = std::min(text.find(' ', i), text.size());
    if (j > i) out.push_back(Token{std::string_view(text).substr(i, j - i), {i, j}});
    i = j + 1;
  }
  return out;
}

Document doc(std::string id, std::string text) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  return d;
}

std::string format(OutputFormat f, const Document& d, const std::vector<Token>& toks) {
  std::string out;
  nlp::corpora::make_token_writer(f)->format(d, toks, out);
  return out;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
  return out;
}

}  // namespace

TEST_CASE("token writers: documents without tokens", "[corpora][writer]") {
  const Document d = doc("d1", "");
  CHECK(format(OutputFormat::text, d, {}) == "\n");
  CHECK(format(OutputFormat::jsonl, d, {}) == "{\"id\": \"d1\", \"tokens\": [], \"spans\": []}\n");
  CHECK(format(OutputFormat::tsv, d, {}) == "d1\t\n");
  CHECK(format(OutputFormat::csv, d, {}) == "d1,\n");
  CHECK(format(OutputFormat::conllu, d, {}) == "# sent_id = d1\n# text = \n\n");
}

TEST_CASE("token writers: each format as documented", "[corpora][writer]") {
  const std::string text = "Hello, world!";
  const Document d = doc("doc-7", text);
  const std::vector<Token> toks = {{std::string_view(text).substr(0, 5), {0, 5}},
                                   {std::string_view(text).substr(5, 1), {5, 6}},
                                   {std::string_view(text).substr(7, 5), {7, 12}},
                                   {std::string_view(text).substr(12, 1), {12, 13}}};
  CHECK(format(OutputFormat::text, d, toks) == "Hello , world !\n");
  CHECK(format(OutputFormat::jsonl, d, toks) ==
        "{\"id\": \"doc-7\", \"tokens\": [\"Hello\", \",\", \"world\", \"!\"], "
        "\"spans\": [[0, 5], [5, 6], [7, 12], [12, 13]]}\n");
  CHECK(format(OutputFormat::tsv, d, toks) == "doc-7\tHello , world !\n");
  CHECK(format(OutputFormat::csv, d, toks) == "doc-7,\"Hello , world !\"\n");
  CHECK(format(OutputFormat::conllu, d, toks) ==
        "# sent_id = doc-7\n"
        "# text = Hello, world!\n"
        "1\tHello\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "2\t,\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\tworld\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "4\t!\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "\n");
}

TEST_CASE("token writers: whitespace inside tokens keeps lines aligned", "[corpora][writer]") {
  const Document d = doc("a\tb", "x");
  const std::vector<Token> toks = {{"New York", {0, 8}}, {"a\tb", {9, 12}}, {"l1\nl2\r", {13, 19}}};
  CHECK(format(OutputFormat::text, d, toks) == "New\u2581York a\u2192b l1\u21B5l2\u21B5\n");
  // tsv: the id's tab and line breaks are made visible too, its spaces are kept.
  CHECK(format(OutputFormat::tsv, d, toks) == "a\u2192b\tNew\u2581York a\u2192b l1\u21B5l2\u21B5\n");
  // conllu: spaces are allowed in FORM; tabs and line breaks would break the line.
  const std::string c = format(OutputFormat::conllu, doc("s", "New York\nx"), toks);
  CHECK(c.find("# text = New York x\n") != std::string::npos);
  CHECK(c.find("1\tNew York\t") != std::string::npos);
  CHECK(c.find("2\ta\u2192b\t") != std::string::npos);
  CHECK(c.find("3\tl1\u21B5l2\u21B5\t") != std::string::npos);
}

TEST_CASE("token writers: JSON string escaping", "[corpora][writer]") {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"", "\"\""},
      {"plain", "\"plain\""},
      {"q\"b\\", "\"q\\\"b\\\\\""},
      {"\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\""},
      {std::string("\0\x01\x1F", 3), "\"\\u0000\\u0001\\u001f\""},
      {"\x7F", "\"\x7F\""},
      {"/", "\"/\""},
      {"naïve 🙂 \u2028", "\"naïve 🙂 \u2028\""},
  };
  for (const auto& c : cases) {
    std::string out = "prefix:";
    nlp::corpora::append_json_string(out, c.in);
    CHECK(out == "prefix:" + c.out);
  }
}

TEST_CASE("token writers: csv quoting", "[corpora][writer]") {
  const std::vector<Token> toks = {{"a,b", {0, 3}}, {"\"q\"", {4, 7}}};
  CHECK(format(OutputFormat::csv, doc("id,1", "x"), toks) == "\"id,1\",\"a,b \"\"q\"\"\"\n");
  CHECK(format(OutputFormat::csv, doc("multi\nline", "x"), {}) == "\"multi\nline\",\n");
  std::string h;
  nlp::corpora::make_token_writer(OutputFormat::csv)->header(h);
  CHECK(h == "id,tokens\n");
  h.clear();
  nlp::corpora::make_token_writer(OutputFormat::tsv)->header(h);
  CHECK(h == "id\ttokens\n");
  h.clear();
  nlp::corpora::make_token_writer(OutputFormat::text)->header(h);
  CHECK(h.empty());
}

TEST_CASE("token writers: output read back gives the same documents", "[corpora][writer]") {
  const std::vector<Document> docs = {doc("a,1", "He said \"hi\", then left."), doc("b", ""),
                                      doc("c\"2", "naïve café")};
  SECTION("csv with header") {
    auto w = nlp::corpora::make_token_writer(OutputFormat::csv);
    std::string out;
    w->header(out);
    for (const auto& d : docs) w->format(d, space_tokens(d.text), out);
    nlp::corpora::ReaderOptions o;
    o.format = nlp::corpora::InputFormat::csv;
    o.column = "tokens";
    o.id_column = "id";
    const auto r = nlp::test::read_all(out, o);
    CHECK(r.ids() == Strings{"a,1", "b", "c\"2"});
    CHECK(r.texts() == Strings{"He said \"hi\", then left.", "", "naïve café"});
  }
  SECTION("conllu") {
    auto w = nlp::corpora::make_token_writer(OutputFormat::conllu);
    std::string out;
    for (const auto& d : docs) w->format(d, space_tokens(d.text), out);
    nlp::corpora::ConlluReader r(nlp::corpora::memory_byte_source(out, "w"), "w", {});
    std::vector<nlp::corpora::ConlluSentence> ss;
    for (nlp::corpora::ConlluSentence s; r.next(s);) ss.push_back(s);
    REQUIRE(ss.size() == docs.size());
    for (std::size_t k = 0; k < docs.size(); ++k) {
      CHECK(ss[k].sent_id == docs[k].id);
      CHECK(ss[k].text == docs[k].text);
      CHECK(ss[k].reconstructed_text() == docs[k].text);
    }
  }
  SECTION("jsonl") {
    auto w = nlp::corpora::make_token_writer(OutputFormat::jsonl);
    std::string out;
    for (const auto& d : docs) w->format(d, space_tokens(d.text), out);
    nlp::corpora::ReaderOptions o;
    o.format = nlp::corpora::InputFormat::jsonl;
    o.field = "id";
    const auto r = nlp::test::read_all(out, o);
    CHECK(r.texts() == Strings{"a,1", "b", "c\"2"});
  }
}

TEST_CASE("token writers: format names parse and print", "[corpora][writer]") {
  for (const auto f : {OutputFormat::text, OutputFormat::jsonl, OutputFormat::tsv, OutputFormat::csv,
                       OutputFormat::conllu})
    CHECK(nlp::corpora::parse_output_format(nlp::corpora::to_string(f)) == f);
  CHECK_THROWS_WITH(nlp::corpora::parse_output_format("xml"),
                    "unknown output format \"xml\"; expected text, jsonl, tsv, csv or conllu");
  CHECK_THROWS_AS(nlp::corpora::parse_output_format("paragraphs"), nlp::UsageError);
}

TEST_CASE("output file: commit publishes the whole file at once", "[corpora][output]") {
  const fs::path dir = nlp::test::temp_dir("corpora-output");
  const fs::path target = dir / "tokens.txt";
  {
    OutputFile out(target.string());
    out.write("a b\n");
    out.write("");
    out.write(std::string(3 << 20, 'x'));
    CHECK_FALSE(fs::exists(target));  // nothing under the real name before commit
    out.commit();
    out.commit();  // a second commit does nothing
    CHECK_THROWS_AS(out.write("late"), nlp::IoError);
  }
  CHECK(nlp::test::read_file(target) == "a b\n" + std::string(3 << 20, 'x'));
  CHECK(files_in(dir) == std::vector<fs::path>{"tokens.txt"});
}

TEST_CASE("output file: never leaves a half-written file", "[corpora][output]") {
  const fs::path dir = nlp::test::temp_dir("corpora-output-abort");
  const fs::path target = dir / "model.txt";
  SECTION("destroyed without commit: no file and no temporary") {
    {
      OutputFile out(target.string());
      out.write("partial");
    }
    CHECK(files_in(dir).empty());
  }
  SECTION("an exception while writing leaves the old file untouched") {
    nlp::test::write_file(target, "old complete content\n");
    try {
      OutputFile out(target.string());
      out.write("new but");
      throw std::runtime_error("failure in the middle");
    } catch (const std::runtime_error&) {
    }
    CHECK(nlp::test::read_file(target) == "old complete content\n");
    CHECK(files_in(dir) == std::vector<fs::path>{"model.txt"});
  }
  SECTION("commit replaces an existing file") {
    nlp::test::write_file(target, "old\n");
    OutputFile out(target.string());
    out.write("new\n");
    out.commit();
    CHECK(nlp::test::read_file(target) == "new\n");
  }
}

TEST_CASE("output file: errors are IoErrors naming the path", "[corpora][output]") {
  const fs::path dir = nlp::test::temp_dir("corpora-output-errors");
  const std::string bad = (dir / "missing-dir" / "out.txt").string();
  try {
    OutputFile out(bad);
    FAIL("no error");
  } catch (const nlp::IoError& e) {
    CHECK(std::string(e.what()).find("out.txt.tmp.") != std::string::npos);
    CHECK(std::string(e.what()).find("No such file or directory") != std::string::npos);
  }
  CHECK_THROWS_AS(OutputFile(""), nlp::UsageError);
  // A commit that cannot rename (the target is a non-empty directory) fails and leaves no
  // temporary file behind.
  const fs::path target_dir = dir / "is-a-dir";
  fs::create_directories(target_dir / "child");
  {
    OutputFile out(target_dir.string());
    out.write("x");
    CHECK_THROWS_AS(out.commit(), nlp::IoError);
  }
  CHECK(files_in(dir) == std::vector<fs::path>{"is-a-dir"});
}

TEST_CASE("output file: - is standard output", "[corpora][output]") {
  OutputFile out("-");
  CHECK(out.is_stdout());
  CHECK(out.path() == "-");
  out.commit();
}

TEST_CASE("output file: a device or named pipe is written in place, never replaced", "[corpora]") {
  struct stat before {};
  REQUIRE(::stat("/dev/null", &before) == 0);
  REQUIRE(S_ISCHR(before.st_mode));
  {
    nlp::corpora::OutputFile out("/dev/null");
    CHECK_FALSE(out.can_overwrite());
    out.write("discarded\n");
    CHECK_THROWS_AS(out.overwrite(0, "x"), nlp::UsageError);
    out.commit();
  }
  struct stat after {};
  REQUIRE(::stat("/dev/null", &after) == 0);
  CHECK(S_ISCHR(after.st_mode));
  CHECK(after.st_rdev == before.st_rdev);
  const auto dir = nlp::test::temp_dir("output-fifo");
  const std::string fifo = (dir / "pipe").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = nlp::test::read_file(fifo); });
  {
    nlp::corpora::OutputFile out(fifo);
    out.write("through the pipe\n");
    out.commit();
  }
  reader.join();
  CHECK(got == "through the pipe\n");
  struct stat st {};
  REQUIRE(::stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}
