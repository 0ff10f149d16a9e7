#pragma once
// Character classes of the tweet tokenizer, with the meaning the Python `regex` module gives them
// in NLTK's TweetTokenizer patterns (compiled with VERBOSE | IGNORECASE | UNICODE):
//   \w  UTS #18 word: Alphabetic, marks, Nd, Pc, Join_Control (so ZWJ, U+FE0F and U+20E3 are \w)
//   \d  Nd
//   \s  White_Space (U+001C..U+001F are not \s, unlike Python's str.isspace)
//   [a-z] under IGNORECASE: ASCII letters plus U+0130, U+017F and U+212A, which fold onto them
// plus the emoji properties the sequence rule needs. Thread-safe; tables are built on first use.
#include <cstdint>

#include "nlp/text/utf8.hpp"

namespace nlp::detail::tweet {

enum : std::uint8_t {
  kWord = 1,        // \w
  kDigit = 2,       // \d
  kSpace = 4,       // \s
  kLatin = 8,       // [a-z] with IGNORECASE
  kEmojiBase = 16,  // Extended_Pictographic, Emoji_Modifier or Regional_Indicator
  kComponent = 32,  // attaches to a preceding emoji: U+FE0E, U+FE0F, U+20E3, skin tones, tags
  kRegional = 64,   // Regional_Indicator
  kModifier = 128,  // Emoji_Modifier (skin tones U+1F3FB..U+1F3FF)
};

const std::uint8_t* class_table_bmp() noexcept;     // U+0000..U+FFFF
const std::uint8_t* class_table_plane1() noexcept;  // U+10000..U+1FFFF
std::uint8_t compute_class(char32_t c) noexcept;

inline std::uint8_t char_class(char32_t c) noexcept {
  if (c < 0x10000) return class_table_bmp()[c];
  if (c < 0x20000) return class_table_plane1()[c - 0x10000];
  return compute_class(c);
}

}  // namespace nlp::detail::tweet
