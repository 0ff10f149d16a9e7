#pragma once
// Feature hashing as scikit-learn 1.2's HashingVectorizer does it: MurmurHash3 (x86, 32-bit) of a
// feature's UTF-8 bytes picks the column, and optionally the sign of the value.
//   nlp::HashingOptions opt;  opt.n_features = 16;
//   std::vector<std::string_view> feats{"the", "cat", "the"};
//   std::vector<std::pair<std::uint32_t, double>> row;
//   nlp::hash_features(feats, opt, row);   // one CSR row, columns increasing
// Thread-safe (pure functions). Throws UsageError for invalid options only.
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace nlp {

// MurmurHash3_x86_32 of the bytes of `key` with `seed`, as a signed 32-bit integer: the value of
// sklearn.utils.murmurhash3_32(key, seed) for a str key (hashed as its UTF-8 bytes).
std::int32_t murmurhash3_32(std::string_view key, std::uint32_t seed = 0) noexcept;
// The same hash as an unsigned integer: sklearn.utils.murmurhash3_32(key, seed, positive=True).
std::uint32_t murmurhash3_32_positive(std::string_view key, std::uint32_t seed = 0) noexcept;

enum class HashNorm { kNone, kL1, kL2 };

// The options of sklearn.feature_extraction.text.HashingVectorizer that act after analysis.
struct HashingOptions {
  std::uint32_t n_features = 1u << 20;  // 1 .. 2^31 - 1 (scikit-learn's bounds)
  bool alternate_sign = true;           // value sign = sign of the signed hash
  bool binary = false;                  // every stored value becomes 1 (before the norm)
  HashNorm norm = HashNorm::kL2;
};

// The column scikit-learn 1.2 gives a signed hash h: |h| mod n_features, where |INT32_MIN| is taken
// as 2^31 (scikit-learn writes (2^31 - 1 - (n_features - 1)) mod n_features, the same number).
std::uint32_t hash_column(std::int32_t h, std::uint32_t n_features) noexcept;

// One document's row of HashingVectorizer.transform for its analyzed features, in `row` (cleared
// first): each feature adds +1 (or -1 when alternate_sign and its hash is negative) to its column;
// columns come out sorted with duplicates summed (scipy's sum_duplicates). Like scikit-learn, a
// column whose contributions cancel to 0 stays stored as an explicit 0 (binary then makes it 1);
// with binary every stored value is 1; then the row is divided by its l1 or l2 norm unless that
// norm is 0. Throws UsageError if n_features is 0 or above 2^31 - 1.
void hash_features(std::span<const std::string_view> features, const HashingOptions& options,
                   std::vector<std::pair<std::uint32_t, double>>& row);

// hash_features in steps, for features that are not all alive at once: check the options once,
// add each feature's (column, +1 or -1) to `row` as it comes, then finish the row (sort, sum
// duplicates, binary, norm).
void check_hashing_options(const HashingOptions& options);  // UsageError as above
void add_hashed_feature(std::string_view feature, const HashingOptions& options,
                        std::vector<std::pair<std::uint32_t, double>>& row);
void finish_hashed_row(const HashingOptions& options,
                       std::vector<std::pair<std::uint32_t, double>>& row);

}  // namespace nlp
