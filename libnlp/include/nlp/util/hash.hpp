#pragma once
// A fast non-cryptographic 64-bit hash of bytes for the hash tables of counting loops (terms,
// n-grams, phrases), several times cheaper than std::hash<std::string_view> on short keys.
//   std::unordered_map<std::string, int, nlp::StringHash, std::equal_to<>> counts;
// Not stable across versions: never store it in a file. Thread-safe (pure).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nlp {

inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
  }
  // murmur3's 64-bit finalizer
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

// A transparent hasher (std::string and std::string_view keys alike) over hash_bytes.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash_bytes(s)); }
};

}  // namespace nlp
