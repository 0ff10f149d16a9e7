#include "tokenize/tweet_chars.hpp"

#include <array>
#include <memory>

#include "nlp/text/unicode.hpp"

namespace nlp::detail::tweet {

std::uint8_t compute_class(char32_t c) noexcept {
  std::uint8_t f = 0;
  if (unicode::is_uts18_word(c)) f |= kWord;
  if (unicode::is_decimal(c)) f |= kDigit;
  if (unicode::is_white_space(c)) f |= kSpace;
  if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == 0x130 || c == 0x17F ||
      c == 0x212A)
    f |= kLatin;
  const bool regional = unicode::is_regional_indicator(c);
  const bool modifier = unicode::is_emoji_modifier(c);
  if (regional) f |= kRegional;
  if (modifier) f |= kModifier;
  if (regional || modifier || unicode::is_extended_pictographic(c)) f |= kEmojiBase;
  // Variation selectors 15 and 16, the combining enclosing keycap, skin tones and the tag block
  // (UTS #51: emoji presentation sequences, keycap sequences, modifier and tag sequences).
  if (c == 0xFE0E || c == 0xFE0F || c == 0x20E3 || modifier || (c >= 0xE0020 && c <= 0xE007F))
    f |= kComponent;
  return f;
}

namespace {
using Table = std::array<std::uint8_t, 0x10000>;
std::unique_ptr<Table> build(char32_t first) {
  auto t = std::make_unique<Table>();
  for (char32_t c = 0; c < 0x10000; ++c) (*t)[c] = compute_class(first + c);
  return t;
}
}  // namespace

const std::uint8_t* class_table_bmp() noexcept {
  static const std::unique_ptr<Table> table = build(0);
  return table->data();
}

const std::uint8_t* class_table_plane1() noexcept {
  static const std::unique_ptr<Table> table = build(0x10000);
  return table->data();
}

}  // namespace nlp::detail::tweet
