// MurmurHash3_x86_32 (Austin Appleby's public-domain algorithm, as bundled by scikit-learn) and
// HashingVectorizer's row construction.
#include "nlp/vectorize/hashing.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "nlp/error.hpp"

namespace nlp {
namespace {

constexpr std::uint32_t rotl32(std::uint32_t x, int r) noexcept {
  return (x << r) | (x >> (32 - r));
}

constexpr std::uint32_t fmix32(std::uint32_t h) noexcept {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

// Blocks are read little-endian, as the reference does on x86.
std::uint32_t load_le32(const unsigned char* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace

std::uint32_t murmurhash3_32_positive(std::string_view key, std::uint32_t seed) noexcept {
  constexpr std::uint32_t c1 = 0xcc9e2d51u, c2 = 0x1b873593u;
  const auto* data = reinterpret_cast<const unsigned char*>(key.data());
  const std::size_t len = key.size();
  const std::size_t nblocks = len / 4;
  std::uint32_t h1 = seed;
  for (std::size_t i = 0; i < nblocks; ++i) {
    std::uint32_t k1 = load_le32(data + 4 * i);
    k1 *= c1;
    k1 = rotl32(k1, 15);
    k1 *= c2;
    h1 ^= k1;
    h1 = rotl32(h1, 13);
    h1 = h1 * 5 + 0xe6546b64u;
  }
  const unsigned char* tail = data + 4 * nblocks;
  std::uint32_t k1 = 0;
  switch (len & 3u) {
    case 3:
      k1 ^= static_cast<std::uint32_t>(tail[2]) << 16;
      [[fallthrough]];
    case 2:
      k1 ^= static_cast<std::uint32_t>(tail[1]) << 8;
      [[fallthrough]];
    case 1:
      k1 ^= tail[0];
      k1 *= c1;
      k1 = rotl32(k1, 15);
      k1 *= c2;
      h1 ^= k1;
      break;
    default:
      break;
  }
  // The reference mixes in the length as a 32-bit int.
  h1 ^= static_cast<std::uint32_t>(len);
  return fmix32(h1);
}

std::int32_t murmurhash3_32(std::string_view key, std::uint32_t seed) noexcept {
  return static_cast<std::int32_t>(murmurhash3_32_positive(key, seed));
}

std::uint32_t hash_column(std::int32_t h, std::uint32_t n_features) noexcept {
  // |h| as an unsigned number is exact for every h, including INT32_MIN (2^31).
  const std::uint32_t magnitude =
      h < 0 ? 0u - static_cast<std::uint32_t>(h) : static_cast<std::uint32_t>(h);
  return magnitude % n_features;
}

void check_hashing_options(const HashingOptions& options) {
  if (options.n_features == 0 || options.n_features > 0x7fffffffu)
    throw UsageError("hashing: n_features must be between 1 and 2147483647, got " +
                     std::to_string(options.n_features));
}

void add_hashed_feature(std::string_view feature, const HashingOptions& options,
                        std::vector<std::pair<std::uint32_t, double>>& row) {
  const std::int32_t h = murmurhash3_32(feature);
  const double value = options.alternate_sign && h < 0 ? -1.0 : 1.0;
  row.emplace_back(hash_column(h, options.n_features), value);
}

void finish_hashed_row(const HashingOptions& options,
                       std::vector<std::pair<std::uint32_t, double>>& row) {
  // Every value is +1 or -1 here, so the sums below are exact in any order (below 2^53 terms)
  // and an unstable sort gives scipy's sum_duplicates result.
  std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (out > 0 && row[out - 1].first == row[i].first)
      row[out - 1].second += row[i].second;
    else
      row[out++] = row[i];
  }
  row.resize(out);
  if (options.binary)
    for (auto& e : row) e.second = 1.0;
  if (options.norm == HashNorm::kNone) return;
  double sum = 0.0;
  for (const auto& e : row)
    sum += options.norm == HashNorm::kL1 ? std::fabs(e.second) : e.second * e.second;
  if (sum == 0.0) return;
  if (options.norm == HashNorm::kL2) sum = std::sqrt(sum);
  for (auto& e : row) e.second /= sum;
}

void hash_features(std::span<const std::string_view> features, const HashingOptions& options,
                   std::vector<std::pair<std::uint32_t, double>>& row) {
  row.clear();
  check_hashing_options(options);
  row.reserve(features.size());
  for (const std::string_view f : features) add_hashed_feature(f, options, row);
  finish_hashed_row(options, row);
}

}  // namespace nlp
