// Word vector files: every format reads back what was written, formats are recognized, and bad
// files give FormatError with a position instead of a crash or a partial result.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "nlp/embed/vector_io.hpp"
#include "nlp/error.hpp"
#include "support/test_support.hpp"

namespace embed = nlp::embed;
namespace t = nlp::test;
using Catch::Matchers::Contains;

namespace {

embed::WordVectors sample() {
  return embed::WordVectors({"the", "caf\xC3\xA9", "x"}, 3,
                            {0.1f, -2.5f, 1e-7f, 3.0f, 0.0f, -0.333333343f, 123456.789f, 1.0f, -1.0f});
}

void check_same(const embed::WordVectors& a, const embed::WordVectors& b) {
  REQUIRE(a.words() == b.words());
  REQUIRE(a.dim() == b.dim());
  for (std::size_t i = 0; i < a.values().size(); ++i) CHECK(a.values()[i] == b.values()[i]);
}

std::string error_of(const std::string& bytes, std::optional<embed::VectorFormat> f = {}) {
  try {
    embed::parse_vectors(bytes, "v.txt", f);
  } catch (const nlp::FormatError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("vector files: every format round-trips exactly and is recognized", "[embed]") {
  const embed::WordVectors v = sample();
  for (const auto f : {embed::VectorFormat::word2vec_text, embed::VectorFormat::word2vec_binary,
                       embed::VectorFormat::glove_text, embed::VectorFormat::nlp}) {
    INFO(embed::to_string(f));
    const std::string bytes = embed::format_vectors(v, f, R"({"trainer":"test"})");
    CHECK(embed::detect_vector_format(bytes) == f);
    std::string info;
    check_same(v, embed::parse_vectors(bytes, "v", {}, &info));
    CHECK(info == (f == embed::VectorFormat::nlp ? R"({"trainer":"test"})" : "{}"));
  }
  CHECK(embed::format_vectors(v, embed::VectorFormat::word2vec_text).starts_with("3 3\nthe 0.1 -2.5 1e-07\n"));
}

TEST_CASE("vector files: written through a temporary file, read back from disk", "[embed]") {
  const auto dir = t::temp_dir("vector-io");
  const std::string path = (dir / "v.bin").string();
  embed::write_vectors(sample(), path, embed::VectorFormat::word2vec_binary);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
  check_same(sample(), embed::read_vectors(path));
  CHECK_THROWS_AS(embed::read_vectors((dir / "missing.vec").string()), nlp::IoError);
}

TEST_CASE("vector files: word2vec text as other tools write it", "[embed]") {
  // word2vec.c ends every value with a space; fastText too; Windows line ends; a final line
  // without a newline.
  const auto v = embed::parse_vectors("2 2\r\nthe 0.500000 -1.000000 \r\nof 2 3", "v");
  CHECK(v.words() == std::vector<std::string>{"the", "of"});
  CHECK(v.vector(1)[1] == 3.0f);
  const auto g = embed::parse_vectors("the 1 2 3\nof 4 5 6\n", "v");  // GloVe: no header
  CHECK(g.size() == 2);
  CHECK(g.dim() == 3);
}

TEST_CASE("vector files: bad input is a FormatError with its position", "[embed]") {
  using F = embed::VectorFormat;
  CHECK_THAT(error_of(""), Contains("empty"));
  CHECK_THAT(error_of("3 2\na 1 2\nb 3 4\n"), Contains("unexpected end of file after 2 of the 3"));
  CHECK_THAT(error_of("2 2\na 1 2\nb 3\n", F::word2vec_text), Contains("v.txt:3") && Contains("expected 2 values; found 1"));
  CHECK_THAT(error_of("2 2\na 1 2\nb 3 x4\n", F::word2vec_text), Contains("v.txt:3:5") && Contains("x4"));
  CHECK_THAT(error_of("1 2\na 1 2 3\n", F::word2vec_text), Contains("more than the 2 values"));
  CHECK_THAT(error_of("1 2\na 1 2\nb 3 4\n"), Contains("more lines than the 1 vectors"));
  CHECK_THAT(error_of("2 2\na 1 2\na 3 4\n"), Contains("appears twice"));
  CHECK_THAT(error_of("1 2\n\xFF 1 2\n", F::word2vec_text), Contains("v.txt:2:1 (byte 4)") && Contains("invalid UTF-8"));
  CHECK_THAT(error_of("words dim\na 1 2\n", F::word2vec_text), Contains("header line"));
  CHECK_THAT(error_of("1000000000 300\na 1 2\n", F::word2vec_text), Contains("truncated or its header is wrong"));
  CHECK_THAT(error_of("1 0\na\n", F::word2vec_text), Contains("dimension 0"));
  CHECK_THAT(error_of("1 2\na nan 2\n", F::word2vec_text), Contains("non-finite"));
  // Binary: truncated in a vector, a word that is not UTF-8, bytes after the last vector.
  const std::string bin = embed::format_vectors(sample(), F::word2vec_binary);
  CHECK_THAT(error_of(bin.substr(0, bin.size() - 3), F::word2vec_binary), Contains("truncated"));
  CHECK_THAT(error_of(bin + "extra", F::word2vec_binary), Contains("data after the 3 vectors"));
  std::string bad_word = bin;
  bad_word[4] = '\xFF';  // the first byte of "the"
  CHECK_THAT(error_of(bad_word, F::word2vec_binary), Contains("not valid UTF-8"));
  // The nlp container: a flipped byte fails the checksum, a cut file fails its length checks.
  std::string nlp = embed::format_vectors(sample(), F::nlp);
  nlp[nlp.size() - 10] ^= 1;
  CHECK_THAT(error_of(nlp), Contains("checksum mismatch"));
  const std::string whole = embed::format_vectors(sample(), F::nlp);
  for (const std::size_t cut : {std::size_t{4}, std::size_t{20}, whole.size() / 2, whole.size() - 1})
    CHECK_THROWS_AS(embed::parse_vectors(whole.substr(0, cut), "v"), nlp::FormatError);
}

TEST_CASE("vector files: words that a text format cannot hold are refused", "[embed]") {
  const embed::WordVectors v({"new york"}, 1, {1.0f});
  CHECK_THROWS_AS(embed::format_vectors(v, embed::VectorFormat::word2vec_text), nlp::UsageError);
  CHECK_NOTHROW(embed::parse_vectors(embed::format_vectors(v, embed::VectorFormat::nlp), "v"));
  CHECK_THROWS_AS(embed::WordVectors({"a", "b"}, 2, {1.0f}), nlp::UsageError);
  CHECK_THROWS_AS(embed::WordVectors({""}, 1, {1.0f}), nlp::UsageError);
}
