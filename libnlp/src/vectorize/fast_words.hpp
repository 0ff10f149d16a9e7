#pragma once
// scikit-learn's default word analysis without the general pipeline: Python str.lower() (when
// `lowercase`), then the token pattern (?u)\b\w\w+\b, for documents whose word characters are
// all ASCII. A match of \b\w\w+\b is a maximal run of word characters of length two or more, and
// ASCII lowercasing keeps lengths, so the tokens are the runs of a bit mask of word bytes.
// Non-ASCII characters that are not word characters (curly quotes, dashes, no-break spaces, ...)
// only separate words: no non-word character lowercases to a word character. A non-ASCII word
// character (é, İ, Σ with its final form, digits of other scripts) makes the function return
// false: the caller then runs the general pipeline, which handles Unicode case mapping exactly.
//   std::string buf;  std::vector<std::string_view> words;
//   if (!fast_default_words(doc, true, buf, words)) { /* general path */ }
// `doc` must be valid UTF-8. The views point into `buf` (the document, lowercased when asked),
// which holds at least kWordPadding bytes after the start of every view.
//
// The document is classified 64 bytes at a time into a word mask and a non-ASCII mask (SSE2
// where the target has it, a branch-free byte loop otherwise); tokens are read off the mask's
// edges, so the cost per byte does not depend on where words begin and end.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::detail {

// 1 for an ASCII word character of Python's \w: letters, digits and '_'.
inline constexpr std::array<unsigned char, 256> kAsciiWord = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = 1;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = 1;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = 1;
  t['_'] = 1;
  return t;
}();

struct ByteMasks {
  std::uint64_t word = 0;      // bit i: byte i is an ASCII word character
  std::uint64_t non_ascii = 0; // bit i: byte i is >= 0x80
};

// Bytes that may be read from the start of a word in fast_default_words' buffer.
inline constexpr std::size_t kWordPadding = 16;

// Classifies 64 bytes at `p` and copies them to `out`, with A-Z lowercased when `lower`.
inline ByteMasks classify64(const unsigned char* p, char* out, bool lower) noexcept {
  ByteMasks m;
#if defined(__SSE2__)
  // Signed byte compares: bytes >= 0x80 are negative, so they fall outside every ASCII range.
  const __m128i upper_lo = _mm_set1_epi8('A' - 1), upper_hi = _mm_set1_epi8('Z' + 1);
  const __m128i digit_lo = _mm_set1_epi8('0' - 1), digit_hi = _mm_set1_epi8('9' + 1);
  const __m128i letter_lo = _mm_set1_epi8('a' - 1), letter_hi = _mm_set1_epi8('z' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20), underscore = _mm_set1_epi8('_');
  for (int k = 0; k < 4; ++k) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i folded = _mm_or_si128(c, case_bit);
    const __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(folded, letter_lo), _mm_cmplt_epi8(folded, letter_hi));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(c, digit_lo), _mm_cmplt_epi8(c, digit_hi));
    const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(c, underscore));
    m.word |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(word))} << (16 * k);
    m.non_ascii |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(c))} << (16 * k);
    __m128i copy = c;
    if (lower) {
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(c, upper_lo), _mm_cmplt_epi8(c, upper_hi));
      copy = _mm_or_si128(c, _mm_and_si128(upper, case_bit));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16 * k), copy);
  }
#else
  for (int i = 0; i < 64; ++i) {
    const unsigned char c = p[i];
    m.word |= std::uint64_t{kAsciiWord[c]} << i;
    m.non_ascii |= std::uint64_t{c >> 7} << i;
    out[i] = static_cast<char>(lower && static_cast<unsigned>(c - 'A') < 26u ? c + 0x20 : c);
  }
#endif
  return m;
}

// True when one of the characters starting at doc[at + i], for the bits i of `lead`, is a
// non-ASCII word character.
inline bool has_non_ascii_word(std::string_view doc, std::size_t at, std::uint64_t lead) {
  for (; lead; lead &= lead - 1) {
    const std::size_t i = at + static_cast<std::size_t>(std::countr_zero(lead));
    std::uint32_t len = 1;
    if (unicode::is_word(utf8::decode_valid(doc.data() + i, len))) return true;
  }
  return false;
}

inline bool fast_default_words(std::string_view doc, bool lowercase, std::string& buf,
                               std::vector<std::string_view>& words) {
  words.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(doc.data());
  const std::size_t n = doc.size();
  // The copy is written in whole blocks of 64 bytes, and padded.
  const std::size_t padded = (n + 63) / 64 * 64 + kWordPadding;
  if (buf.size() < padded) buf.resize(padded);
  const char* text = buf.data();
  std::uint64_t prev_word = 0;   // bit 63 of the previous block's word mask
  std::size_t start = 0;
  for (std::size_t at = 0; at < n; at += 64) {
    ByteMasks m;
    if (n - at >= 64) {
      m = classify64(p + at, buf.data() + at, lowercase);
    } else {
      unsigned char tail[64] = {};  // zero bytes are not word characters
      std::memcpy(tail, p + at, n - at);
      m = classify64(tail, buf.data() + at, lowercase);
    }
    if (m.non_ascii) {
      // Lead bytes (0b11xxxxxx) start characters; continuation bytes (0b10xxxxxx) do not.
      std::uint64_t lead = 0;
      for (std::uint64_t b = m.non_ascii; b; b &= b - 1) {
        const int i = std::countr_zero(b);
        if (p[at + static_cast<std::size_t>(i)] >= 0xC0) lead |= std::uint64_t{1} << i;
      }
      if (has_non_ascii_word(doc, at, lead)) return false;
    }
    // Edges: bits where the mask changes from the byte before (word starts and word ends).
    std::uint64_t edges = m.word ^ ((m.word << 1) | prev_word);
    prev_word = m.word >> 63;
    for (; edges; edges &= edges - 1) {
      const int bit = std::countr_zero(edges);
      const std::size_t i = at + static_cast<std::size_t>(bit);
      if ((m.word >> bit) & 1) {
        start = i;
      } else if (i - start >= 2) {
        words.emplace_back(text + start, i - start);
      }
    }
  }
  if (prev_word && n - start >= 2) words.emplace_back(text + start, n - start);
  return true;
}

}  // namespace nlp::detail
