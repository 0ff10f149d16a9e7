#include "nlp/tokenize/whitespace_tokenizer.hpp"

#include <array>
#include <bit>
#include <cstring>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp {
namespace {

// Byte classes: 0 = part of a token, 1 = ASCII whitespace per str.isspace() (\t \n \v \f \r,
// \x1c-\x1f, space), 2 = lead byte of a multi-byte sequence that may be whitespace (C2: U+0085,
// U+00A0; E1: U+1680; E2: U+2000-U+200A, U+2028, U+2029, U+202F, U+205F; E3: U+3000).
constexpr std::array<std::uint8_t, 256> kClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int b : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20}) t[static_cast<std::size_t>(b)] = 1;
  for (int b : {0xC2, 0xE1, 0xE2, 0xE3}) t[static_cast<std::size_t>(b)] = 2;
  return t;
}();

}  // namespace

// Length of the whitespace character starting with a class-2 lead byte at `k`, or 0.
static std::uint32_t multibyte_space(std::string_view text, std::size_t k) noexcept {
  std::uint32_t len;
  return unicode::is_space(utf8::decode_valid(text.data() + k, len)) ? len : 0;
}

void WhitespaceTokenizer::tokenize(std::string_view text, std::uint64_t base,
                                   TokenBuffer& out) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Skip whitespace.
    for (;;) {
      if (i >= n) return;
      const std::uint8_t c = kClass[p[i]];
      if (c == 0) break;
      if (c == 1) {
        ++i;
        continue;
      }
      const std::uint32_t len = multibyte_space(text, i);
      if (len == 0) break;
      i += len;
    }
    const std::size_t start = i;
    for (;;) {
      // Find the next byte below 0x21 or above 0x7F eight bytes at a time: in
      // ((w - 0x21..) | w) & 0x80.. the lowest flagged byte is always a true one (a borrow only
      // flags bytes above it), so its index is exact.
      bool found = false;
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        const std::uint64_t m = ((w - 0x2121212121212121ull) | w) & 0x8080808080808080ull;
        if (m) {
          i += static_cast<std::size_t>(std::countr_zero(m)) >> 3;
          found = true;
          break;
        }
        i += 8;
      }
      if (!found) {
        while (i < n && kClass[p[i]] == 0 && p[i] < 0x80) ++i;
      }
      if (i >= n) break;
      const std::uint8_t c = kClass[p[i]];
      if (c == 1 || (c == 2 && multibyte_space(text, i))) break;
      i += p[i] < 0x80 ? 1 : utf8::sequence_length(p[i]);
    }
    out.tokens.push_back({text.substr(start, i - start), {base + start, base + i}});
  }
}

}  // namespace nlp
