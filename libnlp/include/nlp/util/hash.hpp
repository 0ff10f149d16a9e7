#pragma once
// A fast non-cryptographic 64-bit hash of bytes for the hash tables of counting loops (terms,
// n-grams, phrases), several times cheaper than std::hash<std::string_view> on short keys, and
// an equality test for short byte strings that does not call memcmp.
//   std::unordered_map<std::string, int, nlp::StringHash, std::equal_to<>> counts;
// Not stable across versions: never store it in a file. Thread-safe (pure).
//
// Keys of up to 16 bytes, nearly every word, are read as two overlapping 64-bit (or 32-bit)
// loads that never touch a byte outside the key, and mixed by one 64x64->128-bit multiply.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nlp {
namespace hash_detail {

[[gnu::always_inline]] inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
[[gnu::always_inline]] inline std::uint64_t load32(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
// The n <= 16 bytes at p as two words; equal keys of equal length give equal words and
// different keys of equal length different words.
struct Words {
  std::uint64_t a, b;
};
[[gnu::always_inline]] inline Words short_words(const char* p, std::size_t n) noexcept {
  if (n >= 8) return {load64(p), load64(p + n - 8)};
  if (n >= 4) return {load32(p), load32(p + n - 4)};
  if (n > 0) {
    const auto c = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
    return {(c(0) << 16) | (c(n >> 1) << 8) | c(n - 1), 0};
  }
  return {0, 0};
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

}  // namespace hash_detail

[[gnu::always_inline]] inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  using namespace hash_detail;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t seed = kSeed0 ^ (n * kSeed2);
  Words w;
  if (n <= 16) {
    w = short_words(p, n);
  } else {
    while (n > 16) {
      seed = mix(load64(p) ^ kSeed1, load64(p + 8) ^ seed);
      p += 16;
      n -= 16;
    }
    w = {load64(p + n - 16), load64(p + n - 8)};
  }
  return mix(kSeed1 ^ s.size(), mix(w.a ^ kSeed1, w.b ^ seed));
}

// a == b for byte strings of the same length n (memcmp without the call for short keys).
[[gnu::always_inline]] inline bool equal_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  const hash_detail::Words x = hash_detail::short_words(a, n), y = hash_detail::short_words(b, n);
  return ((x.a ^ y.a) | (x.b ^ y.b)) == 0;
}

// A transparent hasher (std::string and std::string_view keys alike) over hash_bytes.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash_bytes(s)); }
};

}  // namespace nlp
