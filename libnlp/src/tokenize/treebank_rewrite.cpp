#include "tokenize/treebank_rewrite.hpp"

#include <array>
#include <cstring>
#include <span>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "tokenize/treebank_scan.hpp"

// Every pass below is named after the NLTK list it comes from and quotes its pattern. A pass
// first looks for its first match and returns false without writing anything when there is none,
// so the chain copies the text only for the passes that change it. A byte-class mask of the
// input (updated when a pass inserts new kinds of characters) lets most passes be skipped
// without looking at the text at all.
//
// Python semantics reproduced throughout:
// - re.sub scans left to right and resumes after each match, so a character consumed by one
//   match (the `[^\d]` after a comma, the space after a quote) cannot start the next one, while
//   zero-width tests (\b, (?=\s)) look at the text on both sides of the resume point.
// - `$` matches at the end and before a final "\n".
// - \s \d \w and \b use Python's Unicode classes (nlp::unicode), `[^x]` consumes one code point.
// - (?i) folds by simple lowercase plus Python's extra equivalences; for the letters used here
//   that adds U+0130 and U+0131 to "i" and U+017F to "s" (checked against Python 3.11).

namespace nlp::detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Byte classes

enum : std::uint16_t {
  kQuote = 1 << 0,        // "
  kApos = 1 << 1,         // '
  kBacktick = 1 << 2,     // `
  kColonComma = 1 << 3,   // : ,
  kDot = 1 << 4,          // .
  kSymbol = 1 << 5,       // ; @ # $ % &
  kQuestion = 1 << 6,     // ? !
  kStar = 1 << 7,         // *
  kBracket = 1 << 8,      // ] [ ( ) { } < >
  kDash = 1 << 9,         // -
  kCurlyLead = 1 << 10,   // C2, E2: lead bytes of « » and of U+2018..U+201E
  kContraction = 1 << 11, // c d g l m w in either case: first letters of CONTRACTIONS2
  kAsciiWord = 1 << 12,   // [A-Za-z0-9_]
  kAsciiSpace = 1 << 13,  // ASCII str.isspace(): \t \n \v \f \r \x1c-\x1f space
};

constexpr std::array<std::uint16_t, 256> make_classes() {
  std::array<std::uint16_t, 256> t{};
  auto add = [&t](std::string_view chars, std::uint16_t bit) {
    for (const char c : chars) t[static_cast<unsigned char>(c)] |= bit;
  };
  add("\"", kQuote);
  add("'", kApos);
  add("`", kBacktick);
  add(":,", kColonComma);
  add(".", kDot);
  add(";@#$%&", kSymbol);
  add("?!", kQuestion);
  add("*", kStar);
  add("][(){}<>", kBracket);
  add("-", kDash);
  t[0xC2] |= kCurlyLead;
  t[0xE2] |= kCurlyLead;
  add("cdglmwCDGLMW", kContraction);
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] |= kAsciiWord;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] |= kAsciiWord;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] |= kAsciiWord;
  t['_'] |= kAsciiWord;
  for (int c = 0x09; c <= 0x0D; ++c) t[static_cast<std::size_t>(c)] |= kAsciiSpace;
  for (int c = 0x1C; c <= 0x1F; ++c) t[static_cast<std::size_t>(c)] |= kAsciiSpace;
  t[' '] |= kAsciiSpace;
  return t;
}
constexpr std::array<std::uint16_t, 256> kClass = make_classes();

inline unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
  return static_cast<unsigned char>(s[i]);
}
inline bool has(std::string_view s, std::size_t i, std::uint16_t bit) noexcept {
  return (kClass[byte_at(s, i)] & bit) != 0;
}

// The code point starting at byte i / ending just before byte i.
inline char32_t cp_at(std::string_view s, std::size_t i, std::uint32_t& len) noexcept {
  const unsigned char b = byte_at(s, i);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  return utf8::decode_valid(s.data() + i, len);
}
inline char32_t cp_before(std::string_view s, std::size_t i, std::uint32_t& len) noexcept {
  const unsigned char b = byte_at(s, i - 1);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  return utf8::decode_before(s, i, len);
}

inline bool is_word_cp(char32_t c) noexcept {
  return c < 0x80 ? (kClass[c] & kAsciiWord) != 0 : unicode::is_word(c);
}
inline bool is_space_cp(char32_t c) noexcept {
  return c < 0x80 ? (kClass[c] & kAsciiSpace) != 0 : unicode::is_space(c);
}
inline bool is_decimal_cp(char32_t c) noexcept {
  return c < 0x80 ? (c >= '0' && c <= '9') : unicode::is_decimal(c);
}

// \w at byte i (false at the end) and just before byte i (false at the start).
inline bool word_at(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return false;
  std::uint32_t len;
  return is_word_cp(cp_at(s, i, len));
}
inline bool word_before(std::string_view s, std::size_t i) noexcept {
  if (i == 0) return false;
  std::uint32_t len;
  return is_word_cp(cp_before(s, i, len));
}

inline std::size_t find_byte(std::string_view s, std::size_t from, char c) noexcept {
  switch (c) {  // one instantiation per character used
    case '\'': return treebank_scan::find_any<'\''>(s, from);
    case '"': return treebank_scan::find_any<'"'>(s, from);
    case '.': return treebank_scan::find_any<'.'>(s, from);
    case '-': return treebank_scan::find_any<'-'>(s, from);
    case '`': return treebank_scan::find_any<'`'>(s, from);
    case '*': return treebank_scan::find_any<'*'>(s, from);
    default: break;
  }
  if (from >= s.size()) return std::string_view::npos;
  const void* p = std::memchr(s.data() + from, c, s.size() - from);
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s.data())
           : std::string_view::npos;
}

// ---------------------------------------------------------------------------------------------
// Output

struct Out {
  char* p;
  void put(char c) noexcept { *p++ = c; }
  // Most pieces are a few dozen bytes: copy those inline rather than through a memcpy call.
  void put(std::string_view s) noexcept {
    const std::size_t n = s.size();
    const char* src = s.data();
    if (n <= 16) {
      if (n >= 8) {
        std::uint64_t a, b;
        std::memcpy(&a, src, 8);
        std::memcpy(&b, src + n - 8, 8);
        std::memcpy(p, &a, 8);
        std::memcpy(p + n - 8, &b, 8);
      } else if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, src, 4);
        std::memcpy(&b, src + n - 4, 4);
        std::memcpy(p, &a, 4);
        std::memcpy(p + n - 4, &b, 4);
      } else {
        for (std::size_t i = 0; i < n; ++i) p[i] = src[i];
      }
    } else if (n <= 32) {
      std::uint64_t a, b, c, d;
      std::memcpy(&a, src, 8);
      std::memcpy(&b, src + 8, 8);
      std::memcpy(&c, src + n - 16, 8);
      std::memcpy(&d, src + n - 8, 8);
      std::memcpy(p, &a, 8);
      std::memcpy(p + 8, &b, 8);
      std::memcpy(p + n - 16, &c, 8);
      std::memcpy(p + n - 8, &d, 8);
    } else {
      std::memcpy(p, src, n);
    }
    p += n;
  }
};

// Copies s[pos, at) then `pad` + s[at, end) + `pad`: the common ` \g<0> ` replacement.
inline void pad(Out& o, std::string_view s, std::size_t pos, std::size_t at, std::size_t end) {
  o.put(s.substr(pos, at - pos));
  o.put(' ');
  o.put(s.substr(at, end - at));
  o.put(' ');
}

// `[set]` -> ` \g<0> ` for a set of ASCII characters.
template <char... Cs>
bool pad_each(std::string_view s, Out& o) {
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = treebank_scan::find_any<Cs...>(s, 0); i != std::string_view::npos;
       i = treebank_scan::find_any<Cs...>(s, i + 1)) {
    pad(o, s, pos, i, i + 1);
    pos = i + 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// Same for a single ASCII character.
bool pad_byte(std::string_view s, Out& o, char c) {
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = find_byte(s, 0, c); i != std::string_view::npos;
       i = find_byte(s, i + 1, c)) {
    pad(o, s, pos, i, i + 1);
    pos = i + 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// `cc` (a doubled ASCII character), non-overlapping -> " cc ".
template <char C>
bool pad_pair(std::string_view s, Out& o) {
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = treebank_scan::find_pair<C>(s, 0); i != std::string_view::npos;
       i = treebank_scan::find_pair<C>(s, pos)) {
    pad(o, s, pos, i, i + 2);
    pos = i + 2;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ---------------------------------------------------------------------------------------------
// STARTING_QUOTES

// word: ([«“‘„]|[`]+) -> " \1 ": each opening curly quote, or a run of backticks.
bool starting_curly_and_backticks(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = treebank_scan::find_any<'`', '\xC2', '\xE2'>(s, 0); i != std::string_view::npos;) {
    const unsigned char b = byte_at(s, i);
    std::size_t end = 0;
    if (b == '`') {
      end = i + 1;
      while (end < n && s[end] == '`') ++end;
    } else if (b == 0xC2 && i + 1 < n && byte_at(s, i + 1) == 0xAB) {  // «
      end = i + 2;
    } else if (b == 0xE2 && i + 2 < n && byte_at(s, i + 1) == 0x80) {
      const unsigned char b2 = byte_at(s, i + 2);
      if (b2 == 0x9C || b2 == 0x98 || b2 == 0x9E) end = i + 3;  // “ ‘ „
    }
    if (end) {
      pad(o, s, pos, i, end);
      pos = end;
      hit = true;
    } else {
      end = i + 1;
    }
    i = treebank_scan::find_any<'`', '\xC2', '\xE2'>(s, end);
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ^\" -> ``
bool starting_quote_at_start(std::string_view s, Out& o) {
  if (s.empty() || s[0] != '"') return false;
  o.put("``");
  o.put(s.substr(1));
  return true;
}

// ([ \(\[{<])(\"|\'{2}) -> "\1 `` "
bool starting_quote_after_opener(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = treebank_scan::find_any<'"', '\''>(s, 0); q != std::string_view::npos;
       q = treebank_scan::find_any<'"', '\''>(s, q + 1)) {
    const char c = s[q];
    if (q == pos) continue;  // the opener would have to be consumed already
    const char opener = s[q - 1];
    if (opener != ' ' && opener != '(' && opener != '[' && opener != '{' && opener != '<') continue;
    std::size_t end;
    if (c == '"') {
      end = q + 1;
    } else if (q + 1 < n && s[q + 1] == '\'') {
      end = q + 2;
    } else {
      continue;
    }
    o.put(s.substr(pos, q - pos));
    o.put(" `` ");
    pos = end;
    q = end - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// word: (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b -> "\1 \2": a quote before a one-character word.
// The two-letter alternatives of the lookahead can never apply, since \b must follow the single
// \w; the one-letter ones exclude m t s d n in either case and U+017F (which folds to s).
bool starting_quote_before_letter(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = find_byte(s, 0, '\''); q != std::string_view::npos;
       q = find_byte(s, q + 1, '\'')) {
    if (q + 1 >= n) break;
    std::uint32_t len;
    const char32_t x = cp_at(s, q + 1, len);
    if (!is_word_cp(x)) continue;
    switch (x) {
      case 'm': case 'M': case 't': case 'T': case 's': case 'S': case 'd': case 'D':
      case 'n': case 'N': case 0x017F:
        continue;
      default:
        break;
    }
    const std::size_t end = q + 1 + len;
    if (word_at(s, end)) continue;
    o.put(s.substr(pos, q + 1 - pos));
    o.put(' ');
    o.put(s.substr(q + 1, len));
    pos = end;
    q = end - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ---------------------------------------------------------------------------------------------
// PUNCTUATION

// Members of the closing class after the final period: treebank [\]\)}>"\'], word adds » ” ’
// and the space.
inline bool in_final_class(char32_t c, bool word) noexcept {
  switch (c) {
    case ']': case ')': case '}': case '>': case '"': case '\'':
      return true;
    case ' ': case 0x00BB: case 0x201D: case 0x2019:
      return word;
    default:
      return false;
  }
}

// treebank and word: ([^\.])(\.)([\]\)}>"\']*)\s*$ -> "\1 \2\3 "
// word (first pass):  ([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$ -> "\1 \2 \3 "
// The match must run to the end, so the only candidate period is the one just before the
// closing-class run that precedes the trailing whitespace; \3 is the longest closing-class run
// after it and the whitespace after \3 is dropped.
struct FinalPeriod {
  std::size_t m = 0;  // the period is at m - 1, \3 is [m, p)
  std::size_t p = 0;
};
bool find_final_period(std::string_view s, bool word, FinalPeriod& f) noexcept {
  std::size_t k = s.size();  // start of the trailing whitespace
  while (k > 0) {
    std::uint32_t len;
    if (!is_space_cp(cp_before(s, k, len))) break;
    k -= len;
  }
  std::size_t m = k;  // start of the closing-class run before it
  while (m > 0) {
    std::uint32_t len;
    if (!in_final_class(cp_before(s, m, len), word)) break;
    m -= len;
  }
  if (m < 2 || s[m - 1] != '.' || s[m - 2] == '.') return false;
  std::size_t p = m;  // end of \3
  while (p < s.size()) {
    std::uint32_t len;
    if (!in_final_class(cp_at(s, p, len), word)) break;
    p += len;
  }
  f = {m, p};
  return true;
}

bool final_period(std::string_view s, Out& o, bool word) {
  FinalPeriod f;
  if (!find_final_period(s, word, f)) return false;
  o.put(s.substr(0, f.m - 1));
  o.put(word ? " . " : " .");
  o.put(s.substr(f.m, f.p - f.m));
  o.put(' ');
  return true;
}

// The same edit in place on `s` (room for 3 more bytes after it); returns the new size.
std::size_t final_period_in_place(char* s, const FinalPeriod& f, bool word) noexcept {
  const std::size_t shift = word ? 2 : 1;
  std::memmove(s + f.m + shift, s + f.m, f.p - f.m);
  s[f.m - 1] = ' ';
  s[f.m] = '.';
  if (word) s[f.m + 1] = ' ';
  s[f.p + shift] = ' ';
  return f.p + shift + 1;
}

// ([:,])([^\d]) -> " \1 \2": the character after the mark is consumed.
bool colon_comma(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = treebank_scan::find_any<':', ','>(s, 0); q != std::string_view::npos;
       q = treebank_scan::find_any<':', ','>(s, q + 1)) {
    if (q + 1 >= n) break;
    std::uint32_t len;
    if (is_decimal_cp(cp_at(s, q + 1, len))) continue;
    o.put(s.substr(pos, q - pos));
    o.put(' ');
    o.put(s[q]);
    o.put(' ');
    o.put(s.substr(q + 1, len));
    pos = q + 1 + len;
    q = pos - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ([:,])$ -> " \1 "
bool colon_comma_at_end(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t q;
  if (n >= 1 && has(s, n - 1, kColonComma)) {
    q = n - 1;
  } else if (n >= 2 && s[n - 1] == '\n' && has(s, n - 2, kColonComma)) {
    q = n - 2;
  } else {
    return false;
  }
  pad(o, s, 0, q, q + 1);
  o.put(s.substr(q + 1));
  return true;
}

// treebank: \.\.\. -> " ... "
bool ellipsis_three(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  std::size_t i = treebank_scan::find_pair<'.'>(s, 0);
  while (i != std::string_view::npos) {
    if (i + 2 < n && s[i + 2] == '.') {
      pad(o, s, pos, i, i + 3);
      pos = i + 3;
      hit = true;
      i = treebank_scan::find_pair<'.'>(s, pos);
    } else {
      i = treebank_scan::find_pair<'.'>(s, i + 1);
    }
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// word: \.{2,} -> " \g<0> "
bool ellipsis_run(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = treebank_scan::find_pair<'.'>(s, 0); i != std::string_view::npos;
       i = treebank_scan::find_pair<'.'>(s, pos)) {
    std::size_t end = i + 2;
    while (end < n && s[end] == '.') ++end;
    pad(o, s, pos, i, end);
    pos = end;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ([^'])' -> "\1 ' "
bool quote_before_space(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = find_byte(s, 0, '\''); q != std::string_view::npos;
       q = find_byte(s, q + 1, '\'')) {
    if (q == pos || s[q - 1] == '\'') continue;
    if (q + 1 >= n || s[q + 1] != ' ') continue;
    o.put(s.substr(pos, q - pos));
    o.put(" ' ");
    pos = q + 2;
    q = pos - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ---------------------------------------------------------------------------------------------
// CONVERT_PARENTHESES: ( ) [ ] { } -> -LRB- -RRB- -LSB- -RSB- -LCB- -RCB-

bool convert_parentheses(std::string_view s, Out& o) {
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = treebank_scan::find_any<'(', ')', '[', ']', '{', '}'>(s, 0); i != std::string_view::npos;
       i = treebank_scan::find_any<'(', ')', '[', ']', '{', '}'>(s, i + 1)) {
    std::string_view rep;
    switch (s[i]) {
      case '(': rep = "-LRB-"; break;
      case ')': rep = "-RRB-"; break;
      case '[': rep = "-LSB-"; break;
      case ']': rep = "-RSB-"; break;
      case '{': rep = "-LCB-"; break;
      case '}': rep = "-RCB-"; break;
      default: continue;  // < and > stay
    }
    o.put(s.substr(pos, i - pos));
    o.put(rep);
    pos = i + 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// " " + text + " "
bool wrap_in_spaces(std::string_view s, Out& o) {
  o.put(' ');
  o.put(s);
  o.put(' ');
  return true;
}

// ---------------------------------------------------------------------------------------------
// ENDING_QUOTES

// word: ([»”’]) -> " \1 "
bool ending_curly(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = treebank_scan::find_any<'\xC2', '\xE2'>(s, 0); i != std::string_view::npos;
       i = treebank_scan::find_any<'\xC2', '\xE2'>(s, i + 1)) {
    std::size_t end = 0;
    if (byte_at(s, i) == 0xC2) {
      if (i + 1 < n && byte_at(s, i + 1) == 0xBB) end = i + 2;  // »
    } else if (i + 2 < n && byte_at(s, i + 1) == 0x80) {
      const unsigned char b2 = byte_at(s, i + 2);
      if (b2 == 0x9D || b2 == 0x99) end = i + 3;  // ” ’
    }
    if (!end) continue;
    pad(o, s, pos, i, end);
    pos = end;
    i = end - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// " -> " '' "
bool double_quote_to_closing(std::string_view s, Out& o) {
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t i = find_byte(s, 0, '"'); i != std::string_view::npos;
       i = find_byte(s, i + 1, '"')) {
    o.put(s.substr(pos, i - pos));
    o.put(" '' ");
    pos = i + 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// `[^' ]` just before byte q, not consumed by an earlier match (pos).
inline bool clitic_host_before(std::string_view s, std::size_t q, std::size_t pos) noexcept {
  return q > pos && s[q - 1] != '\'' && s[q - 1] != ' ';
}

// ([^' ])('[sS]|'[mM]|'[dD]|') -> "\1 \2 "
bool clitic_smd(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = find_byte(s, 0, '\''); q != std::string_view::npos;
       q = find_byte(s, q + 1, '\'')) {
    if (!clitic_host_before(s, q, pos) || q + 1 >= n) continue;
    std::size_t len;  // length of \2
    const char c = s[q + 1];
    if (c == ' ') {
      len = 1;
    } else if ((c == 's' || c == 'S' || c == 'm' || c == 'M' || c == 'd' || c == 'D') &&
               q + 2 < n && s[q + 2] == ' ') {
      len = 2;
    } else {
      continue;
    }
    o.put(s.substr(pos, q - pos));
    o.put(' ');
    o.put(s.substr(q, len));
    o.put(' ');
    pos = q + len + 1;
    q = pos - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) -> "\1 \2 "
bool clitic_long(std::string_view s, Out& o) {
  const std::size_t n = s.size();
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = find_byte(s, 0, '\''); q != std::string_view::npos;
       q = find_byte(s, q + 1, '\'')) {
    std::size_t start;  // start of \2
    if (q + 3 < n && s[q + 3] == ' ' &&
        ((s[q + 1] == 'l' && s[q + 2] == 'l') || (s[q + 1] == 'L' && s[q + 2] == 'L') ||
         (s[q + 1] == 'r' && s[q + 2] == 'e') || (s[q + 1] == 'R' && s[q + 2] == 'E') ||
         (s[q + 1] == 'v' && s[q + 2] == 'e') || (s[q + 1] == 'V' && s[q + 2] == 'E'))) {
      start = q;
    } else if (q >= 1 && q + 2 < n && s[q + 2] == ' ' &&
               ((s[q - 1] == 'n' && s[q + 1] == 't') || (s[q - 1] == 'N' && s[q + 1] == 'T'))) {
      start = q - 1;
    } else {
      continue;
    }
    if (!clitic_host_before(s, start, pos)) continue;
    const std::size_t end = start + 3;  // 'll, n't...: three bytes
    o.put(s.substr(pos, start - pos));
    o.put(' ');
    o.put(s.substr(start, end - start));
    o.put(' ');
    pos = end + 1;
    q = pos - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// ---------------------------------------------------------------------------------------------
// CONTRACTIONS2 and CONTRACTIONS3

// Matches a case-insensitive ASCII letter (lowercase `lower`) at byte i; sets the length.
// "i" also takes U+0130 and U+0131, "s" also U+017F.
inline bool letter_ci(std::string_view s, std::size_t i, char lower, std::size_t& len) noexcept {
  if (i >= s.size()) return false;
  const unsigned char b = byte_at(s, i);
  if ((b | 0x20) == static_cast<unsigned char>(lower) && b >= 'A') {
    len = 1;
    return true;
  }
  if (i + 1 < s.size()) {
    const unsigned char b1 = byte_at(s, i + 1);
    if ((lower == 'i' && b == 0xC4 && (b1 == 0xB0 || b1 == 0xB1)) ||
        (lower == 's' && b == 0xC5 && b1 == 0xBF)) {
      len = 2;
      return true;
    }
  }
  return false;
}

// Matches `word` (lowercase letters and apostrophes) case-insensitively at i; returns the end or
// npos.
inline std::size_t match_ci(std::string_view s, std::size_t i, std::string_view word) noexcept {
  for (const char c : word) {
    if (c == '\'') {
      if (i >= s.size() || s[i] != '\'') return std::string_view::npos;
      ++i;
      continue;
    }
    std::size_t len;
    if (!letter_ci(s, i, c, len)) return std::string_view::npos;
    i += len;
  }
  return i;
}

struct Contraction {
  std::string_view first, second;
  bool space_after;  // (?=\s) instead of \b
};
// (?i)\b(can)(not)\b, \b(d)('ye)\b, \b(gim)(me)\b, \b(gon)(na)\b, \b(got)(ta)\b, \b(lem)(me)\b,
// \b(more)('n)\b, \b(wan)(na)(?=\s)  ->  " \1 \2 ".
enum : std::uint8_t { kCannot, kDye, kGimme, kGonna, kGotta, kLemme, kMoren, kWanna };
constexpr std::array<Contraction, 8> kContractions2 = {{
    {"can", "not", false}, {"d", "'ye", false},  {"gim", "me", false},  {"gon", "na", false},
    {"got", "ta", false},  {"lem", "me", false}, {"more", "'n", false}, {"wan", "na", true},
}};

// Pattern `c` at byte b, \b before it included; sets the end of \1 and of the match.
bool match_contraction(std::string_view s, std::size_t b, const Contraction& c, std::size_t& mid,
                       std::size_t& end) noexcept {
  mid = match_ci(s, b, c.first);
  if (mid == std::string_view::npos) return false;
  end = match_ci(s, mid, c.second);
  if (end == std::string_view::npos) return false;
  if (c.space_after) {
    std::uint32_t len;
    if (end >= s.size() || !is_space_cp(cp_at(s, end, len))) return false;
  } else if (word_at(s, end)) {
    return false;
  }
  return !word_before(s, b);
}

// The eight CONTRACTIONS2 patterns in one scan. Applying them one after another gives the same
// result: each matches whole \w runs (an apostrophe at most between them) that no other pattern
// matches, and the spaces one inserts are at \b positions where no other pattern can start or
// end, so every match is valid or not regardless of the others. Each match contains one trigger
// at a fixed offset: "nn" (cannot gonna wanna), "tt" (gotta), "mm" (gimme lemme; "gİmme" has a
// two-byte i) or an apostrophe (d'ye, more'n). Matches found from successive triggers come in
// text order.
bool contractions2(std::string_view s, Out& o) {
  struct Candidate {
    std::uint8_t pattern;
    std::uint8_t offset;  // bytes from the match start to the trigger
  };
  static constexpr Candidate kApostrophe[] = {{kDye, 1}, {kMoren, 4}};
  static constexpr Candidate kN[] = {{kCannot, 2}, {kGonna, 2}, {kWanna, 2}};
  static constexpr Candidate kT[] = {{kGotta, 2}};
  static constexpr Candidate kM[] = {{kGimme, 2}, {kGimme, 3}, {kLemme, 2}};
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t j = treebank_scan::find_contraction_trigger(s, 0); j != std::string_view::npos;
       j = treebank_scan::find_contraction_trigger(s, j + 1)) {
    std::span<const Candidate> cands;
    switch (s[j] | 0x20) {
      case '\'' | 0x20:
        if (s[j] == '\'') cands = kApostrophe;
        break;
      case 'n': cands = kN; break;
      case 't': cands = kT; break;
      case 'm': cands = kM; break;
      default: break;
    }
    for (const Candidate& c : cands) {
      if (j < c.offset) continue;
      const std::size_t b = j - c.offset;
      const Contraction& pat = kContractions2[c.pattern];
      if (b < pos || (s[b] | 0x20) != pat.first[0]) continue;
      std::size_t mid, end;
      if (!match_contraction(s, b, pat, mid, end)) continue;
      o.put(s.substr(pos, b - pos));
      o.put(' ');
      o.put(s.substr(b, mid - b));
      o.put(' ');
      o.put(s.substr(mid, end - mid));
      o.put(' ');
      pos = end;
      hit = true;
      break;
    }
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// (?i) ('t)(is)\b and (?i) ('t)(was)\b -> " \1 \2 ". The leading space is part of the match.
// These run as two passes: a split 'tis can put a space before a following 'twas.
bool contraction3(std::string_view s, Out& o, std::string_view rest) {
  std::size_t pos = 0;
  bool hit = false;
  for (std::size_t q = find_byte(s, 0, '\''); q != std::string_view::npos;
       q = find_byte(s, q + 1, '\'')) {
    if (q == pos || s[q - 1] != ' ') continue;
    if (q + 1 >= s.size() || (s[q + 1] != 't' && s[q + 1] != 'T')) continue;
    const std::size_t end = match_ci(s, q + 2, rest);
    if (end == std::string_view::npos || word_at(s, end)) continue;
    o.put(s.substr(pos, q - pos));  // includes the leading space
    o.put(s.substr(q, 2));
    o.put(' ');
    o.put(s.substr(q + 2, end - q - 2));
    o.put(' ');
    pos = end;
    q = end - 1;
    hit = true;
  }
  if (!hit) return false;
  o.put(s.substr(pos));
  return true;
}

// Whether " 't" or " 'T" occurs: the start of every CONTRACTIONS3 match.
bool has_space_quote_t(std::string_view s) noexcept {
  for (std::size_t q = find_byte(s, 0, '\''); q != std::string_view::npos; q = find_byte(s, q + 1, '\''))
    if (q > 0 && s[q - 1] == ' ' && q + 1 < s.size() && (s[q + 1] == 't' || s[q + 1] == 'T')) return true;
  return false;
}

// Union of the byte classes present in `s`.
std::uint16_t class_mask(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::uint16_t m0 = 0, m1 = 0, m2 = 0, m3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    m0 |= kClass[p[i]];
    m1 |= kClass[p[i + 1]];
    m2 |= kClass[p[i + 2]];
    m3 |= kClass[p[i + 3]];
  }
  for (; i < n; ++i) m0 |= kClass[p[i]];
  return static_cast<std::uint16_t>(m0 | m1 | m2 | m3);
}

}  // namespace

void TreebankRewriter::Buffer::reserve(std::size_t n) {
  ++n;  // the free byte in front
  if (n <= capacity) return;
  const std::size_t cap = std::max(n, capacity + capacity / 2);
  data = std::make_unique<char[]>(cap);  // contents need not survive
  capacity = cap;
}

void TreebankRewriter::release_if_larger(std::size_t keep) noexcept {
  for (Buffer& b : buf_) {
    if (b.capacity > keep) {
      b.data.reset();
      b.capacity = b.size = 0;
    }
  }
}

std::string_view TreebankRewriter::rewrite(std::string_view text, TreebankFlavor flavor,
                                           bool convert) {
  const bool word = flavor == TreebankFlavor::word;
  std::string_view cur = text;
  int next = 0;      // the buffer the next changing pass writes; never the one `cur` views
  int owner = -1;    // the buffer `cur` views, or -1 for `text`
  // A pass grows the text at most fivefold (a bracket becomes -LRB-), plus a constant. Passes
  // write from the second byte of a buffer, so a space can later be put in front in place.
  auto run = [&](auto&& pass) {
    Buffer& b = buf_[next];
    b.reserve(5 * cur.size() + 16);
    Out o{b.data.get() + 1};
    if (!pass(cur, o)) return false;
    b.size = static_cast<std::size_t>(o.p - b.data.get());
    cur = std::string_view(b.data.get() + 1, b.size - 1);
    owner = next;
    next ^= 1;
    return true;
  };
  // Room in the buffer `cur` views for `before` bytes in front of it and `after` behind it.
  auto room = [&](std::size_t before, std::size_t after) {
    if (owner < 0) return false;
    const Buffer& b = buf_[owner];
    const std::size_t offset = static_cast<std::size_t>(cur.data() - b.data.get());
    return offset >= before && offset + cur.size() + after <= b.capacity;
  };
  auto final_period_pass = [&](bool word_class) {
    FinalPeriod f;
    if (!find_final_period(cur, word_class, f)) return;
    if (room(0, 3)) {
      char* p = const_cast<char*>(cur.data());  // views our own buffer
      cur = std::string_view(p, final_period_in_place(p, f, word_class));
    } else {
      run([&](std::string_view s, Out& o) { return final_period(s, o, word_class); });
    }
  };
  std::uint16_t mask = class_mask(text);

  // STARTING_QUOTES
  if (word && (mask & (kBacktick | kCurlyLead))) run(starting_curly_and_backticks);
  if (mask & kQuote) {
    if (run(starting_quote_at_start)) mask |= kBacktick;
  }
  if (mask & kBacktick) run(pad_pair<'`'>);
  if (mask & (kQuote | kApos)) run(starting_quote_after_opener);
  if (word && (mask & kApos)) run(starting_quote_before_letter);

  // PUNCTUATION
  if (word && (mask & kDot)) final_period_pass(true);
  if (mask & kColonComma) {
    run(colon_comma);
    run(colon_comma_at_end);
  }
  if (mask & kDot) run(word ? ellipsis_run : ellipsis_three);
  if (mask & kSymbol) run([](std::string_view s, Out& o) { return pad_each<';', '@', '#', '$', '%', '&'>(s, o); });
  if (mask & kDot) final_period_pass(false);
  if (mask & kQuestion) run([](std::string_view s, Out& o) { return pad_each<'?', '!'>(s, o); });
  if (mask & kApos) run(quote_before_space);
  if (word && (mask & kStar)) run([](std::string_view s, Out& o) { return pad_byte(s, o, '*'); });

  // PARENS_BRACKETS, CONVERT_PARENTHESES, DOUBLE_DASHES
  if (mask & kBracket) {
    run([](std::string_view s, Out& o) { return pad_each<']', '[', '(', ')', '{', '}', '<', '>'>(s, o); });
    if (convert && run(convert_parentheses)) mask |= kDash | kContraction;
  }
  if (mask & kDash) run(pad_pair<'-'>);

  if (room(1, 1)) {  // " " + text + " " in place
    char* p = const_cast<char*>(cur.data());
    p[-1] = ' ';
    p[cur.size()] = ' ';
    cur = std::string_view(p - 1, cur.size() + 2);
  } else {
    run(wrap_in_spaces);
  }

  // ENDING_QUOTES
  if (word && (mask & kCurlyLead)) run(ending_curly);
  if (mask & kApos) run(pad_pair<'\''>);
  if (mask & kQuote) {
    if (run(double_quote_to_closing)) mask |= kApos;
  }
  if (mask & kApos) {
    run(clitic_smd);
    run(clitic_long);
  }

  // CONTRACTIONS2, CONTRACTIONS3
  if (mask & kContraction) run(contractions2);
  if ((mask & kApos) && has_space_quote_t(cur)) {
    run([](std::string_view s, Out& o) { return contraction3(s, o, "is"); });
    run([](std::string_view s, Out& o) { return contraction3(s, o, "was"); });
  }
  return cur;
}

}  // namespace nlp::detail
