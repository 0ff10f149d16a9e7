#pragma once
// scikit-learn's default word analysis without the general pipeline: Python str.lower() (when
// `lowercase`), then the token pattern (?u)\b\w\w+\b, for documents whose word characters are
// all ASCII. A match of \b\w\w+\b is a maximal run of word characters of length two or more, and
// ASCII lowercasing keeps lengths, so one pass over the bytes finds the tokens. Non-ASCII
// characters that are not word characters (curly quotes, dashes, no-break spaces, ...) only
// separate words: no non-word character lowercases to a word character. A non-ASCII word
// character (é, İ, Σ with its final form, digits of other scripts) makes the function return
// false: the caller then runs the general pipeline, which handles Unicode case mapping exactly.
//   std::string buf;  std::vector<std::string_view> words;
//   if (!fast_default_words(doc, true, buf, words)) { /* general path */ }
// `doc` must be valid UTF-8. The views point into `buf` (lowercase) or `doc`.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::detail {

// Byte classes: 0 an ASCII non-word character, 1 an ASCII word character, 2 a byte of a
// multi-byte sequence. kLowerAscii maps A-Z to a-z and every other byte to itself.
inline constexpr std::array<unsigned char, 256> kByteClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = 1;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = 1;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = 1;
  t['_'] = 1;
  for (std::size_t c = 0x80; c < 256; ++c) t[c] = 2;
  return t;
}();
inline constexpr std::array<char, 256> kLowerAscii = [] {
  std::array<char, 256> t{};
  for (std::size_t c = 0; c < 256; ++c)
    t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  return t;
}();

inline bool fast_default_words(std::string_view doc, bool lowercase, std::string& buf,
                               std::vector<std::string_view>& words) {
  words.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(doc.data());
  const std::size_t n = doc.size();
  // Tokens are copied (lowercased) into buf, which never reallocates: it holds at most n bytes.
  if (lowercase && buf.size() < n) buf.resize(n);
  char* out = buf.data();
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < n) {
    unsigned char cls = kByteClass[p[i]];
    if (cls == 0) {
      ++i;
      continue;
    }
    if (cls == 2) {
      std::uint32_t len = 1;
      if (unicode::is_word(utf8::decode_valid(doc.data() + i, len))) return false;
      i += len;
      continue;
    }
    const std::size_t start = i;
    while (i < n && (cls = kByteClass[p[i]]) == 1) ++i;
    if (i < n && cls == 2) {
      std::uint32_t len = 1;
      if (unicode::is_word(utf8::decode_valid(doc.data() + i, len))) return false;
    }
    const std::size_t len = i - start;
    if (len < 2) continue;
    if (!lowercase) {
      words.emplace_back(doc.data() + start, len);
      continue;
    }
    for (std::size_t k = 0; k < len; ++k) out[used + k] = kLowerAscii[p[start + k]];
    words.emplace_back(out + used, len);
    used += len;
  }
  return true;
}

}  // namespace nlp::detail
