#pragma once
// HTML character references as NLTK's casual._replace_html_entities decodes them (pattern
// &(#?(x?))([^&;\s]+); with keep=() and remove_illegal=True):
//   &amp; -> '&'   &#39; &#x27; &x27; -> '\''   &#150; -> U+2013 (Windows-1252)
//   &AMP; &notanentity; &#X27; &#129; &#1114112; -> removed (matched, no character)
// Numbers are read as Python's int() reads them. Thread-safe, never throws.
#include <cstddef>
#include <string_view>

namespace nlp::detail::tweet {

struct EntityMatch {
  bool matched = false;   // the pattern matched at i; the reference ends at `end`
  bool has_char = false;  // it decodes to `cp`; otherwise it is removed
  char32_t cp = 0;
  std::size_t end = 0;
};

// Tries the reference pattern at s[i] == '&' (s valid UTF-8).
EntityMatch match_entity(std::string_view s, std::size_t i) noexcept;

}  // namespace nlp::detail::tweet
