#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "reader_helpers.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::corpora::InputFormat;
using nlp::corpora::ReaderOptions;
using nlp::test::read_all;
using nlp::test::read_error;
using Strings = std::vector<std::string>;

namespace {

// Compresses with zlib directly (not with the library's own helper), so the tests do not trust
// the code they check.
std::string zlib_gzip(const std::string& data, int level = 6) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - zs.avail_out);
  deflateEnd(&zs);
  return out;
}

std::string drain(nlp::corpora::ByteSource& src, std::size_t block = 4096) {
  std::string out;
  std::string buf(block, '\0');
  while (const std::size_t n = src.read(buf.data(), buf.size())) out.append(buf.data(), n);
  return out;
}

std::string pseudo_random_text(std::size_t n) {
  std::string s;
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  static const char* words[] = {"the ", "corpus ", "naïve ", "café ", "\n", "tokens ", "🙂 ", "x"};
  while (s.size() < n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    s += words[x % 8];
  }
  return s;
}

}  // namespace

TEST_CASE("byte source: plain bytes pass through unchanged", "[corpora][gzip]") {
  for (const std::string& data : {std::string(), std::string("\x1F"), std::string("\x1F\x8C rest"),
                                 std::string("plain\ntext\n")}) {
    auto src = nlp::corpora::memory_byte_source(data, "m");
    CHECK_FALSE(src->decompressing());
    CHECK(drain(*src, 1) == data);
  }
}

TEST_CASE("byte source: gzip is detected by its magic bytes and inflated", "[corpora][gzip]") {
  const std::string text = pseudo_random_text(3'000'000);
  for (const int level : {1, 9}) {
    auto src = nlp::corpora::memory_byte_source(zlib_gzip(text, level), "big.gz");
    CHECK(src->decompressing());
    CHECK(drain(*src, 7919) == text);
  }
  auto empty = nlp::corpora::memory_byte_source(zlib_gzip(""), "empty.gz");
  CHECK(drain(*empty) == "");
}

TEST_CASE("byte source: concatenated gzip members are read one after another", "[corpora][gzip]") {
  const std::string joined = zlib_gzip("first\n") + zlib_gzip("") + zlib_gzip("second\nthird");
  auto src = nlp::corpora::memory_byte_source(joined, "cat.gz");
  CHECK(drain(*src, 3) == "first\nsecond\nthird");
  // Zero padding after the last member is ignored, as gzip does.
  auto padded = nlp::corpora::memory_byte_source(zlib_gzip("a\n") + std::string(512, '\0'), "pad.gz");
  CHECK(drain(*padded) == "a\n");
}

TEST_CASE("byte source: truncated or corrupt gzip is an InputError with the compressed offset", "[corpora][gzip]") {
  const std::string text = pseudo_random_text(200'000);
  const std::string gz = zlib_gzip(text);
  struct Case {
    const char* name;
    std::string bytes;
    const char* what;
  };
  std::string flipped = gz;
  flipped[gz.size() / 2] = static_cast<char>(flipped[gz.size() / 2] ^ 0x55);
  std::string bad_crc = gz;
  bad_crc[gz.size() - 6] = static_cast<char>(bad_crc[gz.size() - 6] ^ 1);
  const std::vector<Case> cases = {
      {"only the magic bytes", std::string("\x1F\x8B"), "truncated"},
      {"cut in the middle", gz.substr(0, gz.size() / 2), "truncated"},
      {"cut before the trailer", gz.substr(0, gz.size() - 3), "truncated"},
      {"corrupt deflate data", flipped, "corrupt gzip data"},
      {"wrong CRC", bad_crc, "corrupt gzip data"},
      {"garbage after a member", gz + "garbage", "unexpected data after a gzip member"},
      {"non-zero byte in padding", gz + std::string("\0\0x", 3), "padding"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      auto src = nlp::corpora::memory_byte_source(c.bytes, "corpus.txt.gz");
      try {
        drain(*src);
        FAIL("no error");
      } catch (const nlp::InputError& e) {
        CHECK(e.pos().file == "corpus.txt.gz");
        CHECK(e.pos().line == 0);
        CHECK(e.pos().byte <= c.bytes.size());
        CHECK(e.detail().find(c.what) != std::string::npos);
        CHECK(e.detail().find("compressed byte " + std::to_string(e.pos().byte)) != std::string::npos);
        CHECK(std::string(e.what()).find("corpus.txt.gz") == 0);
      }
    }
  }
}

TEST_CASE("byte source: the library gzip writer round-trips", "[corpora][gzip]") {
  const std::string text = pseudo_random_text(100'000);
  auto src = nlp::corpora::memory_byte_source(nlp::corpora::gzip_compress(text), "x.gz");
  CHECK(drain(*src) == text);
  CHECK_THROWS_AS(nlp::corpora::gzip_compress("x", 0), nlp::UsageError);
}

TEST_CASE("readers: every format reads gzip input like plain input", "[corpora][gzip]") {
  struct Case {
    InputFormat format;
    std::string input;
  };
  const std::vector<Case> cases = {
      {InputFormat::text, "a\r\nb\n\nc"},
      {InputFormat::paragraphs, "a\nb\n\nc\n"},
      {InputFormat::jsonl, "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n"},
      {InputFormat::tsv, "id\ttext\n1\ta\n2\tb\n"},
      {InputFormat::csv, "id,text\n1,\"a\nb\"\n2,c\n"},
      {InputFormat::conllu, "# text = A b\n1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n2\tb\t_\t_\t_\t_\t_\t_\t_\t_\n\n"},
  };
  for (const auto& c : cases) {
    ReaderOptions o;
    o.format = c.format;
    const auto plain = read_all(c.input, o, "f");
    const auto packed = read_all(zlib_gzip(c.input), o, "f");
    CHECK(plain.texts() == packed.texts());
    CHECK(plain.ids() == packed.ids());
    REQUIRE(plain.docs.size() == packed.docs.size());
    for (std::size_t k = 0; k < plain.docs.size(); ++k) {
      CHECK(plain.docs[k].pos.byte == packed.docs[k].pos.byte);  // decompressed offsets
      CHECK(plain.docs[k].pos.line == packed.docs[k].pos.line);
    }
    CHECK(packed.stats.bytes == c.input.size());
  }
}

TEST_CASE("readers: a gzip error surfaces through a reader", "[corpora][gzip]") {
  const std::string gz = zlib_gzip(pseudo_random_text(50'000));
  const auto e = read_error(gz.substr(0, gz.size() - 100), ReaderOptions{}, "news.txt.gz");
  REQUIRE(e);
  CHECK(e->detail().find("gzip stream is truncated") == 0);
}

TEST_CASE("files: missing files and directories are IoErrors with errno text", "[corpora][files]") {
  const fs::path dir = nlp::test::temp_dir("corpora-files");
  const std::string missing = (dir / "nope.txt").string();
  try {
    nlp::corpora::open_reader(missing, ReaderOptions{});
    FAIL("no error");
  } catch (const nlp::IoError& e) {
    CHECK(std::string(e.what()) == missing + ": cannot open: No such file or directory");
  }
  try {
    nlp::corpora::open_reader(dir.string(), ReaderOptions{});
    FAIL("no error");
  } catch (const nlp::IoError& e) {
    CHECK(std::string(e.what()) == dir.string() + ": cannot read: Is a directory");
  }
  CHECK_THROWS_AS(nlp::corpora::open_conllu(missing, ReaderOptions{}), nlp::IoError);
  // open_readers checks every path before reading anything.
  nlp::test::write_file(dir / "a.txt", "a\n");
  CHECK_THROWS_AS(nlp::corpora::open_readers({(dir / "a.txt").string(), missing}, ReaderOptions{}),
                  nlp::IoError);
}

TEST_CASE("files: open_readers continues document indexes across files and sums stats", "[corpora][files]") {
  const fs::path dir = nlp::test::temp_dir("corpora-multi");
  nlp::test::write_file(dir / "a.txt", "a1\na2\n");
  nlp::test::write_file(dir / "empty.txt", "");
  nlp::test::write_file(dir / "b.txt.gz", zlib_gzip("b1\n\xFF\n"));
  ReaderOptions o;
  o.invalid_utf8 = nlp::utf8::InvalidPolicy::replace;
  auto r = nlp::corpora::open_readers(
      {(dir / "a.txt").string(), (dir / "empty.txt").string(), (dir / "b.txt.gz").string()}, o);
  std::vector<nlp::corpora::Document> docs;
  for (nlp::corpora::Document d; r->next(d);) docs.push_back(d);
  REQUIRE(docs.size() == 4);
  for (std::size_t k = 0; k < docs.size(); ++k) CHECK(docs[k].index == k);
  CHECK(docs[2].id == (dir / "b.txt.gz").string() + ":1");
  CHECK(docs[3].pos.line == 2);
  CHECK(docs[3].pos.byte == 3);
  CHECK(r->stats().documents == 4);
  CHECK(r->stats().lines == 4);
  CHECK(r->stats().bytes == 6 + 5);
  CHECK(r->stats().utf8_replaced == 1);
}

TEST_CASE("files: format names parse and print", "[corpora]") {
  for (const auto f : {InputFormat::text, InputFormat::paragraphs, InputFormat::jsonl, InputFormat::tsv,
                       InputFormat::csv, InputFormat::conllu})
    CHECK(nlp::corpora::parse_input_format(nlp::corpora::to_string(f)) == f);
  CHECK_THROWS_AS(nlp::corpora::parse_input_format("xml"), nlp::UsageError);
  CHECK_THROWS_AS(nlp::corpora::parse_input_format(""), nlp::UsageError);
  CHECK_THROWS_AS(nlp::corpora::parse_input_format("TEXT"), nlp::UsageError);
  ReaderOptions o;
  o.max_record_bytes = 0;
  CHECK_THROWS_AS(read_all("a", o), nlp::UsageError);
}
