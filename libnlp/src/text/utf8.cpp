#include "nlp/text/utf8.hpp"

#include <cstring>

namespace nlp::utf8 {
namespace {

inline bool is_cont(unsigned char b) noexcept { return (b & 0xC0u) == 0x80u; }

}  // namespace

Decoded decode(std::string_view s, std::size_t i) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const unsigned char b0 = p[i];
  if (b0 < 0x80) return {b0, 1, true};
  // Table 3-7 of the Unicode standard: well-formed byte sequences. The second byte's range
  // depends on the lead byte; a sequence that breaks off is one maximal subpart.
  unsigned char lo = 0x80, hi = 0xBF;
  std::uint32_t need;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1; cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2; cp = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3; cp = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {kReplacementChar, 1, false};
  }
  std::uint32_t len = 1;
  for (std::uint32_t k = 0; k < need; ++k) {
    if (i + len >= n) return {kReplacementChar, len, false};
    const unsigned char b = p[i + len];
    if (k == 0 ? (b < lo || b > hi) : !is_cont(b)) return {kReplacementChar, len, false};
    cp = (cp << 6) | (b & 0x3Fu);
    ++len;
  }
  return {cp, len, true};
}

char32_t decode_before(std::string_view s, std::size_t end, std::uint32_t& len) noexcept {
  std::size_t b = end - 1;
  while (b > 0 && end - b < 4 && is_cont(static_cast<unsigned char>(s[b]))) --b;
  return decode_valid(s.data() + b, len);
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t find_invalid(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const Decoded d = decode(s, i);
    if (!d.valid) return i;
    i += d.length;
  }
  return std::string_view::npos;
}

std::uint64_t count_code_points(std::string_view s) noexcept {
  std::uint64_t count = 0;
  for (const char c : s) count += !is_cont(static_cast<unsigned char>(c));
  return count;
}

std::uint64_t repair(std::string_view in, InvalidPolicy policy, std::string& out) {
  out.clear();
  out.reserve(in.size());
  std::uint64_t bad = 0;
  std::size_t i = 0, copied = 0;
  while (true) {
    const std::size_t rel = find_invalid(in.substr(i));
    if (rel == std::string_view::npos) break;
    const std::size_t at = i + rel;
    out.append(in.data() + copied, at - copied);
    const Decoded d = decode(in, at);
    if (policy != InvalidPolicy::skip) append(out, kReplacementChar);
    ++bad;
    i = copied = at + d.length;
  }
  out.append(in.data() + copied, in.size() - copied);
  return bad;
}

std::string hex_bytes(std::string_view s, std::size_t i, std::size_t max) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t k = i; k < s.size() && k < i + max; ++k) {
    if (!out.empty()) out.push_back(' ');
    const auto b = static_cast<unsigned char>(s[k]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

}  // namespace nlp::utf8
