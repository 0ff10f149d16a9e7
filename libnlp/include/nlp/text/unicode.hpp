#pragma once
// Character classes with the exact semantics other tools use, so tokenizers built on them agree:
// Python's str.isspace(), re's \w, \d and \s (str patterns), and Unicode general categories.
//   nlp::unicode::is_word(U'é') == true
// Properties come from ICU's Unicode data (the ICU the build links), which may be one Unicode
// version newer than a given Python; characters assigned in between are the only differences.
// Thread-safe; the first call builds a 64 KiB table for the BMP. Never throws.
#include <cstdint>

namespace nlp::unicode {

namespace detail {
enum : std::uint8_t {
  kSpace = 1,      // Python str.isspace(): bidi class WS, B or S, or category Zs
  kWord = 2,       // Python re \w: str.isalnum() or '_'
  kDecimal = 4,    // Python re \d: category Nd
  kAlpha = 8,      // categories Lu Ll Lt Lm Lo
  kPunct = 16,     // categories Pc Pd Ps Pe Pi Pf Po
  kSymbol = 32,    // categories Sm Sc Sk So
  kMark = 64,      // categories Mn Mc Me
  kNumeric = 128,  // Python str.isnumeric(): any numeric type
};
const std::uint8_t* bmp_table() noexcept;
std::uint8_t supplementary_flags(char32_t c) noexcept;
inline std::uint8_t flags(char32_t c) noexcept {
  return c < 0x10000 ? bmp_table()[c] : supplementary_flags(c);
}
}  // namespace detail

inline bool is_space(char32_t c) noexcept { return detail::flags(c) & detail::kSpace; }
inline bool is_word(char32_t c) noexcept { return detail::flags(c) & detail::kWord; }
inline bool is_decimal(char32_t c) noexcept { return detail::flags(c) & detail::kDecimal; }
inline bool is_alpha(char32_t c) noexcept { return detail::flags(c) & detail::kAlpha; }
inline bool is_punct(char32_t c) noexcept { return detail::flags(c) & detail::kPunct; }
inline bool is_symbol(char32_t c) noexcept { return detail::flags(c) & detail::kSymbol; }
inline bool is_mark(char32_t c) noexcept { return detail::flags(c) & detail::kMark; }
inline bool is_numeric(char32_t c) noexcept { return detail::flags(c) & detail::kNumeric; }

// Canonical combining class (0 for starters); what Python's unicodedata.combining returns.
std::uint8_t combining_class(char32_t c) noexcept;

// Simple (1:1) lowercase mapping, for quick case-insensitive comparisons.
char32_t simple_lower(char32_t c) noexcept;

// Extended_Pictographic (UTS #51), Emoji_Modifier and Regional_Indicator, for emoji sequences.
bool is_extended_pictographic(char32_t c) noexcept;
bool is_emoji_modifier(char32_t c) noexcept;
bool is_regional_indicator(char32_t c) noexcept;

// Unicode binary properties Alphabetic and White_Space. White_Space is what the Python `regex`
// module's \s matches; unlike is_space it excludes U+001C..U+001F.
bool is_alphabetic(char32_t c) noexcept;
bool is_white_space(char32_t c) noexcept;
// UTS #18 word character: Alphabetic, a mark (Mn Mc Me), Nd, Pc or Join_Control (U+200C,
// U+200D). What the Python `regex` module's \w matches; unlike is_word it includes marks and ZWJ.
bool is_uts18_word(char32_t c) noexcept;

// Decimal value 0..9 of an Nd character (what Python's unicodedata.decimal returns), else -1.
int digit_value(char32_t c) noexcept;

}  // namespace nlp::unicode
