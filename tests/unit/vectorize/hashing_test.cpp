#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/vectorize/hashing.hpp"

using Row = std::vector<std::pair<std::uint32_t, double>>;

namespace {
Row hash(std::vector<std::string_view> feats, const nlp::HashingOptions& opt) {
  Row row{{99, 9.0}};  // stale content must be cleared
  nlp::hash_features(feats, opt, row);
  return row;
}
}  // namespace

TEST_CASE("murmurhash3_32: reference vectors of MurmurHash3_x86_32", "[hashing]") {
  // Published test vectors of the x86 32-bit variant.
  CHECK(nlp::murmurhash3_32_positive("", 0) == 0u);
  CHECK(nlp::murmurhash3_32_positive("", 1) == 0x514E28B7u);
  CHECK(nlp::murmurhash3_32_positive("", 0xffffffffu) == 0x81F16F39u);
  CHECK(nlp::murmurhash3_32_positive(std::string_view("\0\0\0\0", 4), 0) == 0x2362F9DEu);
  CHECK(nlp::murmurhash3_32_positive("aaaa", 0x9747b28cu) == 0x5A97808Au);
  CHECK(nlp::murmurhash3_32_positive("Hello, world!", 0x9747b28cu) == 0x24884CBAu);
  CHECK(nlp::murmurhash3_32_positive("The quick brown fox jumps over the lazy dog", 0x9747b28cu) ==
        0x2FA826CDu);
}

TEST_CASE("murmurhash3_32: signed and positive forms are the same bits", "[hashing]") {
  for (std::string_view k : {"", "a", "caf\u00e9", "\U0001f600", "FrZ0mda"})
    CHECK(static_cast<std::uint32_t>(nlp::murmurhash3_32(k)) == nlp::murmurhash3_32_positive(k));
  CHECK(nlp::murmurhash3_32("FrZ0mda") == INT32_MIN);
  // Bytes past an embedded NUL count: the key is a byte string, not a C string.
  CHECK(nlp::murmurhash3_32(std::string_view("a\0b", 3)) != nlp::murmurhash3_32("a"));
}

TEST_CASE("hash_column: absolute value modulo n_features with 2^31 for INT32_MIN", "[hashing]") {
  CHECK(nlp::hash_column(0, 10) == 0u);
  CHECK(nlp::hash_column(-7, 5) == 2u);
  CHECK(nlp::hash_column(7, 5) == 2u);
  CHECK(nlp::hash_column(INT32_MAX, 1u << 20) == (0x7fffffffu % (1u << 20)));
  // 2^31 mod n, written the way scikit-learn computes it.
  for (std::uint32_t n : {1u, 2u, 3u, 7u, 1000u, 1u << 20, 0x7fffffffu})
    CHECK(nlp::hash_column(INT32_MIN, n) == (0x7fffffffu - (n - 1)) % n);
}

TEST_CASE("hash_features: no features give an empty row", "[hashing]") {
  CHECK(hash({}, {}).empty());
}

TEST_CASE("hash_features: the empty string is a feature like any other", "[hashing]") {
  nlp::HashingOptions opt;
  opt.norm = nlp::HashNorm::kNone;
  const Row row = hash({""}, opt);
  REQUIRE(row.size() == 1);
  CHECK(row[0] == std::pair<std::uint32_t, double>{0u, 1.0});  // murmur("") == 0
}

TEST_CASE("hash_features: duplicates are summed and columns sorted", "[hashing]") {
  nlp::HashingOptions opt;
  opt.norm = nlp::HashNorm::kNone;
  opt.alternate_sign = false;
  opt.n_features = 5;
  const Row row = hash({"the", "cat", "the", "mat", "the"}, opt);
  double total = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) CHECK(row[i - 1].first < row[i].first);
    CHECK(row[i].first < 5u);
    total += row[i].second;
  }
  CHECK(total == 5.0);
  CHECK(row.size() <= 3);
}

TEST_CASE("hash_features: opposite signs that cancel stay stored as an explicit zero", "[hashing]") {
  // With one column every feature collides; "a" hashes positive and "FrZ0mda" negative.
  nlp::HashingOptions opt;
  opt.n_features = 1;
  opt.norm = nlp::HashNorm::kL2;
  REQUIRE(nlp::murmurhash3_32("a") > 0);
  REQUIRE(nlp::murmurhash3_32("FrZ0mda") < 0);
  Row row = hash({"a", "FrZ0mda"}, opt);
  REQUIRE(row.size() == 1);
  CHECK(row[0].second == 0.0);  // the norm is 0, so the row is left as is
  opt.binary = true;
  row = hash({"a", "FrZ0mda"}, opt);
  REQUIRE(row.size() == 1);
  CHECK(row[0].second == 1.0);
}

TEST_CASE("hash_features: l1 and l2 norms and binary", "[hashing]") {
  nlp::HashingOptions opt;
  opt.n_features = 1u << 20;
  opt.alternate_sign = false;
  opt.norm = nlp::HashNorm::kL2;
  Row row = hash({"a", "b", "b"}, opt);
  REQUIRE(row.size() == 2);
  double sq = 0;
  for (const auto& e : row) sq += e.second * e.second;
  CHECK(std::fabs(sq - 1.0) < 1e-15);
  opt.norm = nlp::HashNorm::kL1;
  row = hash({"a", "b", "b", "b"}, opt);
  REQUIRE(row.size() == 2);
  CHECK(row[0].second + row[1].second == Approx(1.0));
  opt.binary = true;
  row = hash({"a", "b", "b", "b"}, opt);
  CHECK(row[0].second == 0.5);
  CHECK(row[1].second == 0.5);
}

TEST_CASE("hash_features: a 1 MB feature and emoji sequences hash without trouble", "[hashing]") {
  const std::string big(1 << 20, 'x');
  nlp::HashingOptions opt;
  opt.norm = nlp::HashNorm::kNone;
  const Row row = hash({big, "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\xff\xfe"}, opt);
  CHECK(!row.empty());
  for (const auto& e : row) CHECK(std::fabs(e.second) >= 1.0);
}

TEST_CASE("hash_features: n_features outside 1..2^31-1 is a usage error", "[hashing]") {
  nlp::HashingOptions opt;
  opt.n_features = 0;
  Row row;
  std::vector<std::string_view> feats{"a"};
  CHECK_THROWS_AS(nlp::hash_features(feats, opt, row), nlp::UsageError);
  opt.n_features = 0x80000000u;
  CHECK_THROWS_AS(nlp::hash_features(feats, opt, row), nlp::UsageError);
}
