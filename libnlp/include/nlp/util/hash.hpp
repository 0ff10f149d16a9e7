#pragma once
// A fast non-cryptographic 64-bit hash of bytes for the hash tables of counting loops (terms,
// n-grams, phrases, WordNet's index), several times cheaper than std::hash<std::string_view> on
// short keys, and an equality test for short byte strings that does not call memcmp.
//   std::unordered_map<std::string, int, nlp::StringHash, std::equal_to<>> counts;
// Not stable across versions: never store it in a file. Thread-safe (pure).
//
// A key of up to 16 bytes, nearly every word, is read as two 64-bit words (bytes 0-7 and 8-15,
// zero-extended) and mixed by one 64x64->128-bit multiply. key_words() reads them without
// touching a byte outside the key; padded_key_words() gives the same words with two masked
// loads when 16 bytes can be read from the key's start, as in the tokenizers' padded buffers.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nlp {
namespace hash_detail {

// Loads read bytes as little-endian numbers on every machine (byte i in bits 8i..8i+7).
[[gnu::always_inline]] inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}
[[gnu::always_inline]] inline std::uint64_t load32(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
  return w;
}
[[gnu::always_inline]] inline std::uint64_t byte(const char* p, std::size_t i) noexcept {
  return std::uint64_t{static_cast<unsigned char>(p[i])};
}
// 128-bit product of a and b, folded to 64 bits.
#if defined(__SIZEOF_INT128__)
__extension__ using U128 = unsigned __int128;
[[gnu::always_inline]] inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  const U128 r = static_cast<U128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
#else
[[gnu::always_inline]] inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t h = (a ^ (b >> 29)) * 0x9E3779B97F4A7C15ULL;
  h ^= (b + (h >> 32)) * 0xFF51AFD7ED558CCDULL;
  return h ^ (h >> 31);
}
#endif
inline constexpr std::uint64_t kSeed0 = 0xA0761D6478BD642FULL;
inline constexpr std::uint64_t kSeed1 = 0xE7037ED1A0B428DBULL;
inline constexpr std::uint64_t kSeed2 = 0x8EBC6AF09C88C6E3ULL;

// kLowMask[n]: the low n bytes (n <= 8) of a word.
inline constexpr std::array<std::uint64_t, 9> kLowMask = [] {
  std::array<std::uint64_t, 9> m{};
  for (std::size_t n = 0; n < 8; ++n) m[n] = (std::uint64_t{1} << (8 * n)) - 1;
  m[8] = ~std::uint64_t{0};
  return m;
}();

}  // namespace hash_detail

// Bytes 0-7 and 8-15 of a key of up to 16 bytes, zero-extended (little-endian).
struct KeyWords {
  std::uint64_t a = 0, b = 0;
  bool operator==(const KeyWords&) const = default;
};

[[gnu::always_inline]] inline KeyWords key_words(const char* p, std::size_t n) noexcept {
  using namespace hash_detail;
  if (n >= 8) return {load64(p), n > 8 ? load64(p + n - 8) >> (8 * (16 - n)) : 0};
  if (n >= 4) return {load32(p) | (load32(p + n - 4) << (8 * (n - 4))), 0};
  if (n > 0) return {byte(p, 0) | (byte(p, n >> 1) << (8 * (n >> 1))) | (byte(p, n - 1) << (8 * (n - 1))), 0};
  return {};
}

// key_words(p, n) for n <= 16 when p[0, 16) may be read.
[[gnu::always_inline]] inline KeyWords padded_key_words(const char* p, std::size_t n) noexcept {
  using namespace hash_detail;
  return {load64(p) & kLowMask[n < 8 ? n : 8], load64(p + 8) & kLowMask[n < 8 ? 0 : n - 8]};
}

// hash_bytes of a key of n <= 16 bytes from its words.
[[gnu::always_inline]] inline std::uint64_t hash_key_words(KeyWords w, std::size_t n) noexcept {
  using namespace hash_detail;
  return mix(w.a ^ kSeed1 ^ (n * kSeed2), w.b ^ kSeed0);
}

[[gnu::always_inline]] inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  using namespace hash_detail;
  const std::size_t n = s.size();
  if (n <= 16) return hash_key_words(key_words(s.data(), n), n);
  const char* p = s.data();
  std::uint64_t seed = kSeed0 ^ (n * kSeed2);
  std::size_t left = n;
  while (left > 16) {
    seed = mix(load64(p) ^ kSeed1, load64(p + 8) ^ seed);
    p += 16;
    left -= 16;
  }
  return mix(kSeed1 ^ n, mix(load64(p + left - 16) ^ kSeed1, load64(p + left - 8) ^ seed));
}

// a == b for byte strings of the same length n (memcmp without the call for short keys).
[[gnu::always_inline]] inline bool equal_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  return key_words(a, n) == key_words(b, n);
}

// A transparent hasher (std::string and std::string_view keys alike) over hash_bytes.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash_bytes(s)); }
};

}  // namespace nlp
