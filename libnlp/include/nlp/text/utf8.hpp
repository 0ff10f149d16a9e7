#pragma once
// UTF-8 decoding, validation and repair.
//   auto d = nlp::utf8::decode(s, i);   if (!d.valid) { /* d.length bytes are one invalid subpart */ }
// Validity follows RFC 3629 / Unicode ch. 3: no overlong forms, no surrogates, nothing above
// U+10FFFF. An invalid sequence is split into "maximal subparts" (Unicode 15, §3.9, U+FFFD
// substitution), the rule Python's bytes.decode(errors="replace") follows, so replacement counts
// agree with it. All functions are pure and thread-safe; none throws.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nlp::utf8 {

inline constexpr char32_t kReplacementChar = 0xFFFD;
inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Decoded {
  char32_t cp = 0;            // the code point, or kReplacementChar when invalid
  std::uint32_t length = 0;   // bytes consumed (>= 1 unless at end of input)
  bool valid = false;
};

// Decodes the code point starting at byte `i` (< s.size()).
Decoded decode(std::string_view s, std::size_t i) noexcept;

// Decodes the code point at `p` in text already known to be valid; sets `len`.
inline char32_t decode_valid(const char* p, std::uint32_t& len) noexcept {
  const auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) { len = 1; return b0; }
  const auto b1 = static_cast<unsigned char>(p[1]) & 0x3Fu;
  if (b0 < 0xE0) { len = 2; return (char32_t{b0 & 0x1Fu} << 6) | b1; }
  const auto b2 = static_cast<unsigned char>(p[2]) & 0x3Fu;
  if (b0 < 0xF0) { len = 3; return (char32_t{b0 & 0x0Fu} << 12) | (char32_t{b1} << 6) | b2; }
  const auto b3 = static_cast<unsigned char>(p[3]) & 0x3Fu;
  len = 4;
  return (char32_t{b0 & 0x07u} << 18) | (char32_t{b1} << 12) | (char32_t{b2} << 6) | b3;
}

// Decodes the code point ending just before byte `end` (> 0) in valid text; sets `len`.
char32_t decode_before(std::string_view s, std::size_t end, std::uint32_t& len) noexcept;

// Number of bytes of a lead byte's sequence in valid text (1 for continuation bytes).
inline std::uint32_t sequence_length(unsigned char lead) noexcept {
  return lead < 0xC0 ? 1u : lead < 0xE0 ? 2u : lead < 0xF0 ? 3u : 4u;
}

// Appends the UTF-8 encoding of `cp` (must be a scalar value).
void append(std::string& out, char32_t cp);

// Byte offset of the first invalid sequence, or std::string_view::npos when `s` is valid.
std::size_t find_invalid(std::string_view s) noexcept;
inline bool is_valid(std::string_view s) noexcept { return find_invalid(s) == std::string_view::npos; }

// Number of code points in valid text (invalid subparts count as one each).
std::uint64_t count_code_points(std::string_view s) noexcept;

// What to do with invalid bytes.
enum class InvalidPolicy {
  strict,   // report an error (callers throw InputError with the position)
  replace,  // substitute U+FFFD for each maximal invalid subpart, counted
  skip,     // drop each maximal invalid subpart, counted
};

// Copies `in` to `out` (cleared first) with every invalid subpart replaced or dropped according
// to `policy` (strict behaves as replace here; check find_invalid first). Returns how many
// subparts were replaced or dropped.
std::uint64_t repair(std::string_view in, InvalidPolicy policy, std::string& out);

// Hex dump of up to `max` bytes starting at `i`, e.g. "C3 28", for error messages.
std::string hex_bytes(std::string_view s, std::size_t i, std::size_t max = 4);

}  // namespace nlp::utf8
