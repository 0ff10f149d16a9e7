#include "nlp/text/unicode.hpp"

#include <array>
#include <memory>

#include <unicode/uchar.h>

namespace nlp::unicode {
namespace detail {
namespace {

std::uint8_t compute_flags(char32_t c) noexcept {
  const auto cp = static_cast<UChar32>(c);
  std::uint8_t f = 0;
  const auto dir = u_charDirection(cp);
  const auto cat = u_charType(cp);
  if (dir == U_WHITE_SPACE_NEUTRAL || dir == U_BLOCK_SEPARATOR || dir == U_SEGMENT_SEPARATOR ||
      cat == U_SPACE_SEPARATOR)
    f |= kSpace;
  const bool alpha = cat == U_UPPERCASE_LETTER || cat == U_LOWERCASE_LETTER ||
                     cat == U_TITLECASE_LETTER || cat == U_MODIFIER_LETTER ||
                     cat == U_OTHER_LETTER;
  const bool numeric = u_getIntPropertyValue(cp, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  if (alpha) f |= kAlpha;
  if (numeric) f |= kNumeric;
  if (alpha || numeric || c == U'_') f |= kWord;
  if (cat == U_DECIMAL_DIGIT_NUMBER) f |= kDecimal;
  switch (cat) {
    case U_CONNECTOR_PUNCTUATION: case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
    case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      f |= kPunct;
      break;
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
      f |= kSymbol;
      break;
    case U_NON_SPACING_MARK: case U_COMBINING_SPACING_MARK: case U_ENCLOSING_MARK:
      f |= kMark;
      break;
    default:
      break;
  }
  return f;
}

}  // namespace

const std::uint8_t* bmp_table() noexcept {
  static const std::unique_ptr<std::array<std::uint8_t, 0x10000>> table = [] {
    auto t = std::make_unique<std::array<std::uint8_t, 0x10000>>();
    for (char32_t c = 0; c < 0x10000; ++c) (*t)[c] = compute_flags(c);
    return t;
  }();
  return table->data();
}

std::uint8_t supplementary_flags(char32_t c) noexcept {
  return c > 0x10FFFF ? 0 : compute_flags(c);
}

}  // namespace detail

std::uint8_t combining_class(char32_t c) noexcept {
  return u_getCombiningClass(static_cast<UChar32>(c));
}

char32_t simple_lower(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

bool is_extended_pictographic(char32_t c) noexcept {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC);
}
bool is_emoji_modifier(char32_t c) noexcept {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EMOJI_MODIFIER);
}
bool is_regional_indicator(char32_t c) noexcept {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_REGIONAL_INDICATOR);
}
bool is_alphabetic(char32_t c) noexcept {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC);
}
bool is_white_space(char32_t c) noexcept {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE);
}
int digit_value(char32_t c) noexcept {
  const auto cp = static_cast<UChar32>(c);
  return u_charType(cp) == U_DECIMAL_DIGIT_NUMBER ? u_charDigitValue(cp) : -1;
}
bool is_uts18_word(char32_t c) noexcept {
  const auto cp = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(cp, UCHAR_ALPHABETIC) || u_hasBinaryProperty(cp, UCHAR_JOIN_CONTROL))
    return true;
  switch (u_charType(cp)) {
    case U_NON_SPACING_MARK: case U_COMBINING_SPACING_MARK: case U_ENCLOSING_MARK:
    case U_DECIMAL_DIGIT_NUMBER: case U_CONNECTOR_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

}  // namespace nlp::unicode
