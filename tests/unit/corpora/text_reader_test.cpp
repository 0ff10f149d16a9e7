#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "reader_helpers.hpp"
#include "support/test_support.hpp"

using nlp::corpora::InputFormat;
using nlp::corpora::OnError;
using nlp::corpora::ReaderOptions;
using nlp::test::read_all;
using nlp::test::read_error;
using Strings = std::vector<std::string>;

namespace {

ReaderOptions text_opts() { return ReaderOptions{}; }

ReaderOptions paragraph_opts() {
  ReaderOptions o;
  o.format = InputFormat::paragraphs;
  return o;
}

ReaderOptions with_policy(ReaderOptions o, nlp::utf8::InvalidPolicy p) {
  o.invalid_utf8 = p;
  return o;
}

}  // namespace

TEST_CASE("text reader: line splitting edge cases", "[corpora][text]") {
  struct Case {
    const char* name;
    std::string input;
    Strings texts;
  };
  const std::vector<Case> cases = {
      {"empty file", "", {}},
      {"one newline", "\n", {""}},
      {"only newlines", "\n\n\n", {"", "", ""}},
      {"no final newline", "a", {"a"}},
      {"two lines without final newline", "a\nb", {"a", "b"}},
      {"final newline ends the last line", "a\nb\n", {"a", "b"}},
      {"empty lines keep alignment", "a\n\nb\n", {"a", "", "b"}},
      {"CRLF", "a\r\nb\r\n", {"a", "b"}},
      {"CRLF empty lines", "\r\n\r\n", {"", ""}},
      {"lone trailing CR at end of input", "a\r", {"a"}},
      {"CR inside a line is kept", "a\rb\n", {"a\rb"}},
      {"only one CR is stripped", "a\r\r\n", {"a\r"}},
      {"BOM is dropped", "\xEF\xBB\xBF" "a\nb\n", {"a", "b"}},
      {"BOM alone is an empty file", "\xEF\xBB\xBF", {}},
      {"BOM then newline", "\xEF\xBB\xBF\n", {""}},
      {"BOM later in the file is text", "a\n\xEF\xBB\xBF" "b\n", {"a", "\xEF\xBB\xBF" "b"}},
      {"partial BOM is invalid text kept under replace", "\xEF\xBB", {"\xEF\xBF\xBD"}},
      {"whitespace-only lines are documents", "  \n\t\n", {"  ", "\t"}},
      {"NUL bytes pass through", std::string("a\0b\n", 4), {std::string("a\0b", 3)}},
      {"multibyte text", "naïve café\n🙂\n", {"naïve café", "🙂"}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto r = read_all(c.input, with_policy(text_opts(), nlp::utf8::InvalidPolicy::replace));
      CHECK(r.texts() == c.texts);
      CHECK(r.stats.documents == c.texts.size());
      CHECK(r.stats.bytes == c.input.size());
    }
  }
}

TEST_CASE("text reader: positions ids and stats", "[corpora][text]") {
  const std::string input = "\xEF\xBB\xBF" "first\r\n\nthird line\nlast";
  const auto r = read_all(input, text_opts(), "news.txt");
  REQUIRE(r.docs.size() == 4);
  CHECK(r.ids() == Strings{"news.txt:1", "news.txt:2", "news.txt:3", "news.txt:4"});
  // Byte offsets are exact file offsets: the BOM's 3 bytes count, but it is in no column.
  CHECK(r.docs[0].pos.byte == 3);
  CHECK(r.docs[0].pos.column == 1);
  CHECK(r.docs[1].pos.byte == 10);
  CHECK(r.docs[2].pos.byte == 11);
  CHECK(r.docs[3].pos.byte == 22);
  for (std::size_t k = 0; k < r.docs.size(); ++k) {
    CHECK(r.docs[k].index == k);
    CHECK(r.docs[k].pos.line == k + 1);
    CHECK(r.docs[k].pos.file == "news.txt");
  }
  CHECK(input.substr(r.docs[2].pos.byte, 10) == "third line");
  CHECK(r.stats.lines == 4);
  CHECK(r.stats.documents == 4);
  CHECK(r.stats.empty_documents == 1);
  CHECK(r.stats.bytes == input.size());
  CHECK(r.stats.utf8_replaced == 0);
}

TEST_CASE("text reader: BOM is kept when strip_bom is off", "[corpora][text]") {
  ReaderOptions o;
  o.strip_bom = false;
  const auto r = read_all("\xEF\xBB\xBF" "a\n", o);
  CHECK(r.texts() == Strings{"\xEF\xBB\xBF" "a"});
}

TEST_CASE("text reader: invalid UTF-8 under strict names line column and byte", "[corpora][text][utf8]") {
  struct Case {
    const char* name;
    std::string input;
    std::uint64_t line, column, byte;
    std::string bytes;  // as shown in the message
  };
  const std::vector<Case> cases = {
      {"cut-short sequence", "ok\nab\xC3(cd\n", 2, 3, 5, "C3 28"},
      {"lone continuation byte", "\x80x", 1, 1, 0, "80"},
      {"invalid lead byte", "ab\xFF", 1, 3, 2, "FF"},
      {"after multibyte characters", "é€\xE2\x82x\n", 1, 3, 5, "E2 82 78"},
      {"overlong encoding", "\xC0\xAF\n", 1, 1, 0, "C0"},
      {"surrogate", "a\xED\xA0\x80\n", 1, 2, 1, "ED A0"},
      {"truncated at end of input", "xyz\n\xF0\x9F\x99", 2, 1, 4, "F0 9F 99"},
      {"after a BOM", "\xEF\xBB\xBF" "a\xFE", 1, 2, 4, "FE"},
      {"CRLF line then invalid", "a\r\nb\xC3\r\n", 2, 2, 4, "C3"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto e = read_error(c.input, text_opts(), "news.txt");
      REQUIRE(e);
      CHECK(e->pos().file == "news.txt");
      CHECK(e->pos().line == c.line);
      CHECK(e->pos().column == c.column);
      CHECK(e->pos().byte == c.byte);
      CHECK(e->detail() == "invalid UTF-8 sequence " + c.bytes +
                               "; rerun with --invalid-utf8=replace to substitute U+FFFD and count "
                               "replacements");
    }
  }
}

TEST_CASE("text reader: the strict UTF-8 message matches the documented form", "[corpora][text][utf8]") {
  // Line 1 is long, lines 2-1041 are "line", line 1042 has the bad sequence after 16 characters:
  // 82996 + 1 + 1040 * 5 + 16 = 88213.
  std::string input(82996, 'x');
  input += "\n";
  for (int k = 2; k <= 1041; ++k) input += "line\n";
  input += std::string(16, 'z') + "\xC3(\n";
  const auto e = read_error(input, text_opts(), "news.txt");
  REQUIRE(e);
  CHECK(std::string(e->what()) ==
        "news.txt:1042:17 (byte 88213): invalid UTF-8 sequence C3 28; rerun with "
        "--invalid-utf8=replace to substitute U+FFFD and count replacements");
}

TEST_CASE("text reader: invalid UTF-8 under replace and skip is counted", "[corpora][text][utf8]") {
  struct Case {
    const char* name;
    std::string input;
    std::string replaced, skipped;
    std::uint64_t count;
  };
  const std::vector<Case> cases = {
      {"one cut-short sequence", "ab\xC3(cd", "ab\xEF\xBF\xBD(cd", "ab(cd", 1},
      {"two lone bytes", "\xFF\xFE", "\xEF\xBF\xBD\xEF\xBF\xBD", "", 2},
      {"truncated three-byte sequence is one subpart", "\xE2\x82", "\xEF\xBF\xBD", "", 1},
      {"surrogate is three subparts", "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "", 3},
      {"valid text is untouched", "naïve", "naïve", "naïve", 0},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto rr = read_all(c.input + "\nok\n", with_policy(text_opts(), nlp::utf8::InvalidPolicy::replace));
      CHECK(rr.texts() == Strings{c.replaced, "ok"});
      CHECK(rr.stats.utf8_replaced == c.count);
      CHECK(rr.stats.utf8_skipped == 0);
      const auto rs = read_all(c.input + "\nok\n", with_policy(text_opts(), nlp::utf8::InvalidPolicy::skip));
      CHECK(rs.texts() == Strings{c.skipped, "ok"});
      CHECK(rs.stats.utf8_skipped == c.count);
      CHECK(rs.stats.utf8_replaced == 0);
      // Positions of later lines are unaffected by repairs.
      CHECK(rs.docs[1].pos.byte == c.input.size() + 1);
    }
  }
}

TEST_CASE("text reader: a line over max_record_bytes is an error or a counted skip", "[corpora][text][limits]") {
  ReaderOptions o;
  o.max_record_bytes = 10;
  const std::string input = "short\n" + std::string(100, 'a') + "\nexactly10!\nexactly10!\r\nend";
  SECTION("fail") {
    const auto e = read_error(input, o);
    REQUIRE(e);
    CHECK(e->pos().line == 2);
    CHECK(e->pos().column == 1);
    CHECK(e->pos().byte == 6);
    CHECK(e->detail().find("line of 100 bytes is longer than the limit of 10 bytes") == 0);
    CHECK(e->detail().find("--on-error=skip") != std::string::npos);
  }
  SECTION("skip") {
    o.on_error = OnError::skip;
    const auto r = read_all(input, o);
    CHECK(r.texts() == Strings{"short", "exactly10!", "exactly10!", "end"});
    CHECK(r.docs[1].pos.line == 3);
    CHECK(r.docs[1].pos.byte == 107);
    CHECK(r.docs[3].pos.line == 5);
    CHECK(r.stats.records_skipped == 1);
    CHECK(r.stats.lines == 5);
    REQUIRE(r.stats.skipped_examples.size() == 1);
    CHECK(r.stats.skipped_examples[0].find("in.txt:2:1 (byte 6)") == 0);
  }
}

TEST_CASE("text reader: a huge line is skipped without holding it in memory", "[corpora][text][limits]") {
  // 5 MB line, 1 MB limit: the reader discards it block by block and resynchronizes.
  ReaderOptions o;
  o.max_record_bytes = 1 << 20;
  o.on_error = OnError::skip;
  const std::string huge(5'000'000, 'x');
  const std::string input = "before\n" + huge + "\nafter\n" + huge;
  const auto r = read_all(input, o);
  CHECK(r.texts() == Strings{"before", "after"});
  CHECK(r.docs[1].pos.line == 3);
  CHECK(r.docs[1].pos.byte == 7 + huge.size() + 1);
  CHECK(r.stats.records_skipped == 2);
  CHECK(r.stats.bytes == input.size());
  o.on_error = OnError::fail;
  const auto e = read_error(input, o);
  REQUIRE(e);
  CHECK(e->pos().line == 2);
  CHECK(e->detail().find("line of 5000000 bytes") == 0);
}

TEST_CASE("text reader: a 1 MB token line under the default limit is read whole", "[corpora][text][limits]") {
  const std::string token(1 << 20, 'w');
  const auto r = read_all("a\n" + token + "\nb", text_opts());
  REQUIRE(r.docs.size() == 3);
  CHECK(r.docs[1].text == token);
  CHECK(r.docs[2].pos.byte == 2 + token.size() + 1);
}

TEST_CASE("paragraph reader: blank-line separated documents", "[corpora][paragraphs]") {
  struct Case {
    const char* name;
    std::string input;
    Strings texts;
    std::vector<std::uint64_t> lines;
  };
  const std::vector<Case> cases = {
      {"empty file", "", {}, {}},
      {"only newlines", "\n\n\n", {}, {}},
      {"only blank lines with spaces", " \n\t\n", {}, {}},
      {"one line without newline", "a", {"a"}, {1}},
      {"two paragraphs", "a\nb\n\nc\n", {"a\nb", "c"}, {1, 4}},
      {"leading and repeated blank lines", "\n\na\n\n\n\nb c\nd", {"a", "b c\nd"}, {3, 7}},
      {"whitespace-only lines separate", "a\n  \t\nb\n", {"a", "b"}, {1, 3}},
      {"leading spaces are kept", "  a\n b\n", {"  a\n b"}, {1}},
      {"CRLF", "a\r\nb\r\n\r\nc\r\n", {"a\nb", "c"}, {1, 4}},
      {"BOM", "\xEF\xBB\xBF\na\n", {"a"}, {2}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto r = read_all(c.input, paragraph_opts());
      CHECK(r.texts() == c.texts);
      REQUIRE(r.docs.size() == c.lines.size());
      for (std::size_t k = 0; k < c.lines.size(); ++k) {
        CHECK(r.docs[k].pos.line == c.lines[k]);
        CHECK(r.docs[k].id == "in.txt:" + std::to_string(c.lines[k]));
        CHECK(r.docs[k].index == k);
      }
      CHECK(r.stats.bytes == c.input.size());
    }
  }
}

TEST_CASE("paragraph reader: paragraph byte offsets and limits", "[corpora][paragraphs][limits]") {
  const std::string input = "one\n\ntwo a\ntwo b\n\n" + std::string(30, 'x') + "\nmore\n\nlast";
  const auto r = read_all(input, paragraph_opts());
  REQUIRE(r.docs.size() == 4);
  CHECK(r.docs[1].pos.byte == 5);
  CHECK(input.substr(r.docs[1].pos.byte, 5) == "two a");
  ReaderOptions o = paragraph_opts();
  o.max_record_bytes = 20;
  const auto e = read_error(input, o);
  REQUIRE(e);
  CHECK(e->pos().line == 6);
  o.on_error = OnError::skip;
  const auto s = read_all(input, o);
  CHECK(s.texts() == Strings{"one", "two a\ntwo b", "last"});
  CHECK(s.stats.records_skipped == 1);
  // A paragraph whose joined text exceeds the limit, although each line is short.
  o.max_record_bytes = 8;
  const auto s2 = read_all("aaaa\nbbbb\ncccc\n\nok\n", o);
  CHECK(s2.texts() == Strings{"ok"});
  CHECK(s2.stats.records_skipped == 1);
}

TEST_CASE("paragraph reader: invalid UTF-8 policies", "[corpora][paragraphs][utf8]") {
  const std::string input = "a\n\xC3x\n\nb";
  const auto e = read_error(input, paragraph_opts());
  REQUIRE(e);
  CHECK(e->pos().line == 2);
  CHECK(e->pos().column == 1);
  CHECK(e->pos().byte == 2);
  const auto r = read_all(input, with_policy(paragraph_opts(), nlp::utf8::InvalidPolicy::replace));
  CHECK(r.texts() == Strings{"a\n\xEF\xBF\xBDx", "b"});
  CHECK(r.stats.utf8_replaced == 1);
}

TEST_CASE("text reader: read_all output does not depend on how the source splits reads", "[corpora][text]") {
  // A source that returns one byte per read exercises every buffer boundary.
  class Trickle : public nlp::corpora::ByteSource {
   public:
    explicit Trickle(std::string s) : s_(std::move(s)) {}
    std::size_t read(char* buf, std::size_t n) override {
      if (pos_ == s_.size() || n == 0) return 0;
      *buf = s_[pos_++];
      return 1;
    }
    const std::string& name() const noexcept override { return name_; }

   private:
    std::string s_, name_ = "trickle";
    std::size_t pos_ = 0;
  };
  const std::string input = "\xEF\xBB\xBF" "a\r\n\nbé\r\nlast\r";
  auto reader = nlp::corpora::make_reader(std::make_unique<Trickle>(input), text_opts());
  Strings got;
  for (nlp::corpora::Document d; reader->next(d);) got.push_back(d.text);
  CHECK(got == Strings{"a", "", "bé", "last"});
  CHECK(reader->stats().bytes == input.size());
}

namespace {

// Serves its bytes in reads of pseudo-random sizes (1 byte to 3 MB).
class ChunkySource : public nlp::corpora::ByteSource {
 public:
  ChunkySource(std::string s, std::uint64_t seed) : s_(std::move(s)), x_(seed | 1) {}
  std::size_t read(char* buf, std::size_t n) override {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    const std::size_t sizes[] = {1, 7, 4096, 65536, 1 << 20, 3 << 20};
    const std::size_t k = std::min({n, s_.size() - pos_, sizes[x_ % 6]});
    std::memcpy(buf, s_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::string s_, name_ = "chunky";
  std::size_t pos_ = 0;
  std::uint64_t x_;
};

}  // namespace

TEST_CASE("text reader: agrees with a naive line splitter on large random input", "[corpora][text]") {
  // Lines of 0 bytes to 300 kB, some with CRLF, read in chunks of random sizes: the fast reader
  // must give exactly what splitting the whole string at "\n" gives.
  std::uint64_t x = 0x243F6A8885A308D3ull;
  const auto rnd = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::string input;
  Strings expected;
  std::vector<std::uint64_t> offsets;
  for (int k = 0; k < 400; ++k) {
    const std::size_t len = (rnd() % 8 == 0) ? rnd() % 300'000 : rnd() % 100;
    std::string line(len, static_cast<char>('a' + k % 26));
    offsets.push_back(input.size());
    expected.push_back(line);
    input += line;
    input += (rnd() % 3 == 0) ? "\r\n" : "\n";
  }
  for (const std::uint64_t seed : {1ull, 2ull, 3ull}) {
    auto reader = nlp::corpora::make_reader(std::make_unique<ChunkySource>(input, seed), text_opts());
    std::size_t k = 0;
    for (nlp::corpora::Document d; reader->next(d); ++k) {
      REQUIRE(k < expected.size());
      REQUIRE(d.text == expected[k]);
      REQUIRE(d.pos.byte == offsets[k]);
      REQUIRE(d.pos.line == k + 1);
    }
    CHECK(k == expected.size());
    CHECK(reader->stats().bytes == input.size());
  }
}

TEST_CASE("text reader: - reads standard input and names it <stdin>", "[corpora][text][files]") {
  const auto dir = nlp::test::temp_dir("corpora-stdin");
  const auto file = dir / "in.txt.gz";
  nlp::test::write_file(file, nlp::corpora::gzip_compress("from\nstdin\n"));
  const int saved = ::dup(STDIN_FILENO);
  REQUIRE(saved >= 0);
  const int fd = ::open(file.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::dup2(fd, STDIN_FILENO) == STDIN_FILENO);
  ::close(fd);
  Strings texts, ids;
  {
    auto reader = nlp::corpora::open_readers({}, text_opts());
    for (nlp::corpora::Document d; reader->next(d);) {
      texts.push_back(d.text);
      ids.push_back(d.id);
    }
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  CHECK(texts == Strings{"from", "stdin"});
  CHECK(ids == Strings{"<stdin>:1", "<stdin>:2"});
}
