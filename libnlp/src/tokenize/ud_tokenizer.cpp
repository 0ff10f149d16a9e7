#include "nlp/tokenize/ud_tokenizer.hpp"

#include <array>
#include <string>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "tokenize/ud_data.hpp"
#include "tokenize/ud_words.hpp"

namespace nlp {
namespace {

using detail::ud::Lang;

// Character classes of the scanner.
enum : std::uint8_t {
  kLetter = 1,   // letters and non-decimal numerics (½, ²)
  kDigit = 2,    // decimal digits
  kJoiner = 4,   // marks, ZWJ/ZWNJ, variation selectors, emoji modifiers and tags, soft hyphen:
                 // they stick to the character before them
  kPunct = 8,    // punctuation, symbols, controls
  kEmoji = 16,   // Extended_Pictographic and regional indicators
  kSpace = 32,
};
constexpr std::uint8_t kAlnum = kLetter | kDigit;
// Longest look-ahead for file and host names and digit groups, so no input is quadratic.
constexpr std::size_t kMaxLookahead = 256;
constexpr std::uint8_t kWordPart = kLetter | kDigit | kJoiner;

constexpr std::array<std::uint8_t, 128> make_ascii_classes() {
  std::array<std::uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    std::uint8_t k = kPunct;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k = kLetter;
    else if (c >= '0' && c <= '9') k = kDigit;
    else if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) k = kSpace;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}
constexpr std::array<std::uint8_t, 128> kAsciiClasses = make_ascii_classes();

std::uint8_t classify(char32_t c) {
  if (c < 0x80) return kAsciiClasses[c];
  // Byte order marks and zero width spaces separate tokens and are not tokens themselves.
  if (unicode::is_space(c) || c == 0xFEFF || c == 0x200B) return kSpace;
  if (unicode::is_decimal(c)) return kDigit;
  // Superscript and subscript digits are units of their own ("km²" = km ²).
  if (c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x209F)) return kPunct;
  if (unicode::is_alpha(c) || unicode::is_numeric(c)) return kLetter;
  if (unicode::is_mark(c) || c == 0x200C || c == 0x200D || c == 0x00AD || c == 0x2060 ||
      (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
      (c >= 0xE0020 && c <= 0xE007F) || unicode::is_emoji_modifier(c))
    return kJoiner;
  if (unicode::is_extended_pictographic(c) || unicode::is_regional_indicator(c)) return kEmoji;
  return kPunct;
}

struct Ch {
  char32_t cp;
  std::size_t off;  // byte offset in the text
  std::uint8_t cls;
};

bool is_stop(char32_t c) { return c == U'.' || c == U'!' || c == U'?' || c == U'…'; }
bool is_decoration(char32_t c) {
  return c == U'-' || c == U'=' || c == U'_' || c == U'*' || c == U'~' || c == U'+' || c == U'#' ||
         c == U'|' || c == U'<' || c == U'>' || c == U'^' || c == U'{' || c == U'}';
}

char ascii_lower(char32_t c) {
  return static_cast<char>(c >= U'A' && c <= U'Z' ? c + 32 : c);
}

// English suffixes written after a hyphen that stay in their word ("two-fold", "clock-wise").
bool is_hyphen_suffix(std::string_view w) {
  static constexpr std::array<std::string_view, 10> kSuffixes = {
      "esque", "ette", "fest", "fold", "gate", "itis", "less", "most", "rama", "wise"};
  for (const std::string_view s : kSuffixes) {
    if (w == s) return true;
  }
  return false;
}

class Scanner {
 public:
  Scanner(std::string_view text, std::uint64_t base, TokenBuffer& out, Lang lang, bool split)
      : text_(text), base_(base), out_(out), lang_(lang), split_(split) {}

  void run() {
    const std::size_t n = text_.size();
    // End of the last non-space character: English splits an abbreviation's period there.
    std::size_t text_end = n;
    while (text_end > 0) {
      std::size_t start = text_end - 1;
      while (start > 0 && text_end - start < 4 &&
             (static_cast<unsigned char>(text_[start]) & 0xC0) == 0x80)
        --start;
      const Ch ch = decode(start);
      if (ch.cls != kSpace || start + length_ != text_end) break;
      text_end = start;
    }
    std::size_t i = 0;
    while (i < n) {
      Ch ch = decode(i);
      if (ch.cls == kSpace) {
        i += length_;
        continue;
      }
      // Fast path: a chunk of ASCII letters, maybe followed by a comma, is one word (and the
      // comma); the general scanner gives the same tokens.
      std::size_t e = i;
      while (e < n && ascii_class(e) == kLetter) ++e;
      const bool comma = e < n && text_[e] == ',' && (e + 1 == n || ascii_space_at(e + 1));
      if (e > i && (e == n || ascii_space_at(e) || comma)) {
        emit_bytes(i, e);
        if (comma) {
          emit_bytes(e, e + 1);
          ++e;
        }
        i = e;
        continue;
      }
      c_.clear();
      while (ch.cls != kSpace) {
        c_.push_back(ch);
        i += length_;
        if (i >= n) break;
        ch = decode(i);
      }
      chunk_end_ = i < n ? ch.off : n;
      last_chunk_ = chunk_end_ >= text_end;
      chunk();
    }
  }

 private:
  Ch decode(std::size_t i) {
    const auto b = static_cast<unsigned char>(text_[i]);
    if (b < 0x80) {
      length_ = 1;
      return {b, i, kAsciiClasses[b]};
    }
    const utf8::Decoded d = utf8::decode(text_, i);
    length_ = d.length == 0 ? 1 : d.length;
    if (!d.valid) return {utf8::kReplacementChar, i, kPunct};
    return {d.cp, i, classify(d.cp)};
  }

  // Character tests at index k of the chunk (false past its end).
  std::size_t n() const { return c_.size(); }
  char32_t cp(std::size_t k) const { return k < c_.size() ? c_[k].cp : 0; }
  bool is(std::size_t k, std::uint8_t cls) const { return k < c_.size() && (c_[k].cls & cls); }
  bool alnum(std::size_t k) const { return is(k, kAlnum); }
  bool letter(std::size_t k) const { return is(k, kLetter); }
  bool digit(std::size_t k) const { return is(k, kDigit); }
  std::size_t byte(std::size_t k) const { return k < c_.size() ? c_[k].off : chunk_end_; }

  // Index after the run of word characters starting at k.
  std::size_t word_run(std::size_t k) const {
    while (is(k, kWordPart)) ++k;
    return k;
  }
  std::size_t digit_run(std::size_t k) const {
    while (digit(k)) ++k;
    return k;
  }
  bool all_digits(std::size_t from, std::size_t to) const {
    if (from >= to) return false;
    for (std::size_t k = from; k < to; ++k) {
      if (!is(k, kDigit)) return false;
    }
    return true;
  }
  std::string lower(std::size_t from, std::size_t to) const {
    std::string s;
    for (std::size_t k = from; k < to; ++k) {
      if (c_[k].cp >= 0x80) return {};
      s.push_back(ascii_lower(c_[k].cp));
    }
    return s;
  }

  // Class of the byte at k if it is ASCII, else 0.
  std::uint8_t ascii_class(std::size_t k) const {
    const auto b = static_cast<unsigned char>(text_[k]);
    return b < 0x80 ? kAsciiClasses[b] : 0;
  }
  bool ascii_space_at(std::size_t k) const { return ascii_class(k) == kSpace; }

  void emit(std::size_t from, std::size_t to) { emit_bytes(byte(from), byte(to)); }

  void emit_bytes(std::size_t b, std::size_t e) {
    const std::string_view s = text_.substr(b, e - b);
    const ByteSpan span{base_ + b, base_ + e};
    if (split_) {
      detail::ud::append_words(lang_, s, span, out_);
    } else {
      out_.tokens.push_back({s, span});
    }
  }

  void chunk() {
    std::size_t i = 0;
    while (i < n()) {
      std::size_t j = url(i);
      if (j == 0) j = emoticon(i);
      if (j == 0) j = alnum(i) ? word(i) : punct(i);
      emit(i, j);
      i = j;
    }
  }

  // A URL starting at i (http://, https://, ftp://, www., mailto:): its end, or 0.
  std::size_t url(std::size_t i) const {
    if (i > 0 && alnum(i - 1)) return 0;
    const char first = ascii_lower(cp(i));
    if (first != 'h' && first != 'f' && first != 'w' && first != 'm') return 0;
    static constexpr std::array<std::string_view, 6> kPrefixes = {
        "http://", "https://", "ftp://", "file://", "www.", "mailto:"};
    std::size_t plen = 0;
    for (const std::string_view p : kPrefixes) {
      if (i + p.size() >= n()) continue;
      bool match = true;
      for (std::size_t k = 0; k < p.size() && match; ++k) match = ascii_lower(cp(i + k)) == p[k];
      if (match && alnum(i + p.size())) {
        plen = p.size();
        break;
      }
    }
    if (plen == 0) return 0;
    std::size_t j = n();
    // Closing brackets are trimmed when unbalanced (a URL in parentheses), kept otherwise
    // (Wikipedia's "Mercury_(planet)").
    int parens = 0, brackets = 0;
    for (std::size_t k = i; k < j; ++k) {
      parens += cp(k) == U'(' ? 1 : cp(k) == U')' ? -1 : 0;
      brackets += cp(k) == U'[' ? 1 : cp(k) == U']' ? -1 : 0;
    }
    while (j > i + plen) {
      const char32_t c = cp(j - 1);
      if (c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' ||
          c == U'\'' || c == U'"' || c == U'’' || c == U'”' || c == U'»' || c == U'>') {
        --j;
      } else if (c == U')' && parens < 0) {
        ++parens;
        --j;
      } else if (c == U']' && brackets < 0) {
        ++brackets;
        --j;
      } else {
        break;
      }
    }
    return j;
  }

  // An emoticon starting at i: its end, or 0. Inside a chunk only those starting with a symbol
  // count, and never before a letter or digit (so "10:30", "a:b" stay).
  std::size_t emoticon(std::size_t i) const {
    // A whole chunk of 2 or 3 characters, not all letters and digits ("XD" aside).
    bool whole_chunk = i == 0 && n() >= 2 && n() <= detail::ud::kMaxEmoticonBytes;
    if (whole_chunk && alnum(0) && alnum(1) && (n() == 2 || alnum(2)))
      whole_chunk = n() == 2 && (cp(0) == U'X' || cp(0) == U'x') && cp(1) == U'D';
    const char32_t first = cp(i);
    const bool symbolic = first == U':' || first == U';' || first == U'=' || first == U'^' ||
                          first == U'-' || first == U'<';
    if (!whole_chunk && !symbolic) return 0;
    if (!whole_chunk && i > 0 && cp(i - 1) == first) return 0;
    for (std::size_t len = detail::ud::kMaxEmoticonBytes; len >= 2; --len) {
      if (i + len > n()) continue;
      char buf[detail::ud::kMaxEmoticonBytes];
      bool ascii = true;
      for (std::size_t k = 0; k < len && ascii; ++k) {
        ascii = cp(i + k) < 0x80;
        buf[k] = static_cast<char>(cp(i + k));
      }
      if (!ascii || !detail::ud::is_emoticon(std::string_view(buf, len))) continue;
      if (whole_chunk && i + len == n()) return i + len;
      if (symbolic && !alnum(i + len)) return i + len;
    }
    return 0;
  }

  // Whether the character at j (inside a word that started at `start`, current segment from
  // `seg`) joins the word with what follows.
  bool joins(std::size_t start, std::size_t seg, std::size_t j) const {
    const char32_t c = cp(j);
    if (!alnum(j + 1)) return false;
    switch (c) {
      case U'.':
        return true;
      case U',':
        if (!all_digits(seg, j) || !digit(j + 1)) return false;
        if (lang_ == Lang::en) return digit_run(j + 1) - (j + 1) == 3 && !letter(j + 4);
        return true;
      case U':':
        return digit(j - 1) && digit(j + 1);
      case U'/':
        if (lang_ != Lang::en) return true;
        if (digit(j - 1) && digit(j + 1)) return english_slash_number(seg, j);
        // l/c, I/C, w/o: one letter on each side; "and/or", "he/she" split.
        return j - seg == 1 && seg == start && letter(seg) && letter(j + 1) && !alnum(j + 2) &&
               cp(j + 2) != U'/';
      case U'-':
      case U'\u2010':
      case U'\u2011':
        return hyphen_joins(start, seg, j);
      case U'\'':
      case U'’':
      case U'`':
        return true;
      case U'&':
        return letter(j - 1) && letter(j + 1) && j - seg <= 3 && word_run(j + 1) - (j + 1) <= 3;
      case U'@':
      case U'_':
        return true;
      case U'·':
        return letter(j - 1) && letter(j + 1);
      case U'*':
      case U'$':
        // Censored or stylized words: "f*ck", "co$t".
        return letter(j - 1) && letter(j + 1);
      default:
        return false;
    }
  }

  bool hyphen_joins(std::size_t start, std::size_t seg, std::size_t j) const {
    if (lang_ != Lang::en) return true;
    // Phone numbers and other digit groups: 713-853-3989, 345-9945, 77415-0027, 1-800-991-9019.
    if (digit(j - 1) && digit(j + 1)) {
      std::size_t groups = 1, k = j;
      std::size_t last = 0;
      while (cp(k) == U'-' && digit(k + 1) && k - j < kMaxLookahead) {
        const std::size_t e = digit_run(k + 1);
        last = e - (k + 1);
        ++groups;
        k = e;
      }
      if (alnum(k)) return false;
      std::size_t left = 0;
      while (j - left > seg && digit(j - left - 1)) ++left;
      // A chain already joined continues.
      if (seg > start && cp(seg - 1) == U'-') return true;
      if (groups >= 3 && last >= 2) return true;
      // 345-9945, x3-9890, 77415-0027; not year ranges (1969-1970).
      if (groups == 2 && last == 4 && left != 4 && left <= 5) return true;
      return false;
    }
    if (seg == start) {
      const std::string w = lower(start, j);
      if (!w.empty() && detail::ud::is_hyphen_prefix(w)) return true;
    } else if (cp(seg - 1) == U'.' || cp(seg - 1) == U'@') {
      return true;  // newsgroup and host names: misc.consumers.frugal-living
    }
    {
      // A host name follows: world-nuclear.org, Get-A-Free-House.com.
      std::size_t k = j + 1;
      while (k - j < kMaxLookahead && (is(k, kWordPart) || (cp(k) == U'-' && alnum(k + 1)))) ++k;
      if (cp(k) == U'.' && letter(k + 1)) {
        const std::size_t e = word_run(k + 1);
        if (!alnum(e) && cp(e) != U'-' && e - (k + 1) <= 4 && is_domain_end(k + 1, e)) return true;
      }
    }
    // Suffixes: "two-fold", "Holocaust-esque".
    const std::size_t e = word_run(j + 1);
    if (!(cp(e) == U'-' && alnum(e + 1)) && e - j <= 6 && is_hyphen_suffix(lower(j + 1, e)))
      return true;
    return false;
  }

  // Top-level domain or file extension after the last period of a name.
  bool is_domain_end(std::size_t from, std::size_t to) const {
    static constexpr std::array<std::string_view, 14> kDomains = {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "co", "uk", "us", "ca",
        "de"};
    const std::string w = lower(from, to);
    for (const std::string_view d : kDomains) {
      if (w == d) return true;
    }
    return detail::ud::is_file_extension(w);
  }

  // English digits/digits: dates (9/11, 5/18, 11/28/2000) are one token, fractions and ranges
  // (1/2, 3/4, 2001/02, 20/20) are split.
  bool english_slash_number(std::size_t seg, std::size_t j) const {
    if (seg > 0 && cp(seg - 1) == U'/') return true;  // third group of a date
    const std::size_t e = digit_run(j + 1);
    if (cp(e) == U'/' && digit(e + 1)) return true;  // three groups
    if (alnum(e)) return false;
    auto value = [&](std::size_t from, std::size_t to) {
      unsigned v = 0;
      for (std::size_t k = from; k < to && v < 10000; ++k) v = v * 10 + (cp(k) - U'0');
      return v;
    };
    if (!all_digits(seg, j)) return false;
    const unsigned m = value(seg, j), d = value(j + 1, e);
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    const bool padded = cp(j + 1) == U'0' || cp(seg) == U'0';
    return padded || !(m < d && d <= 10);
  }

  // Shape of an abbreviation written with periods inside: U.S, e.g, Ph.D, a.m, EE.UU.
  bool dotted_abbreviation(std::size_t from, std::size_t to) const {
    bool dot = false;
    std::size_t seg_len = 0;
    for (std::size_t k = from; k < to; ++k) {
      if (cp(k) == U'.') {
        if (seg_len == 0) return false;
        dot = true;
        seg_len = 0;
      } else if (is(k, kLetter | kJoiner)) {
        if (is(k, kLetter) && ++seg_len > 2) return false;
      } else {
        return false;
      }
    }
    return dot && seg_len > 0;
  }

  // A file name with a known extension ("ld2d-#69366-1.DOC", "4_28_00.doc"): its end, or 0.
  std::size_t file_name(std::size_t i) const {
    std::size_t k = i, dot = 0;
    bool inner = false;
    while (k < n() && (is(k, kWordPart) || cp(k) == U'-' || cp(k) == U'_' || cp(k) == U'.' ||
                       cp(k) == U'#')) {
      if (k - i > kMaxLookahead) return 0;
      if (cp(k) == U'.') dot = k;
      else if (!is(k, kWordPart)) inner = true;
      ++k;
    }
    if (!inner || dot == 0 || dot + 1 >= k || alnum(k)) return 0;
    if (!is(k - 1, kWordPart) || !detail::ud::is_file_extension(lower(dot + 1, k))) return 0;
    return k;
  }

  std::size_t word(std::size_t i) {
    if (const std::size_t f = file_name(i); f != 0) return f;
    std::size_t j = i, seg = i;
    while (true) {
      j = word_run(j);
      if (j >= n()) break;
      if (joins(i, seg, j)) {
        ++j;
        seg = j;
        continue;
      }
      // Obfuscated addresses in web archives: "jodud...@aol.com".
      if (cp(j) == U'.' && cp(j + 1) == U'.') {
        std::size_t k = j;
        while (cp(k) == U'.') ++k;
        if (cp(k) == U'@' && alnum(k + 1)) {
          j = k + 1;
          seg = j;
          continue;
        }
      }
      break;
    }
    if (lang_ == Lang::en) {
      // "5pm", "7:30PM", "35mm", "65k": a number and its unit are two tokens.
      if (const std::size_t u = unit_start(i, j); u != 0) return u;
      // "I'ma" = I'm + a
      if (j - i == 4 && (cp(i) == U'i' || cp(i) == U'I') &&
          (cp(i + 1) == U'\'' || cp(i + 1) == U'’') && cp(i + 2) == U'm' && cp(i + 3) == U'a')
        return j - 1;
    }
    if (j >= n()) return j;
    const char32_t c = cp(j);
    if (c == U'.' && (cp(j + 1) != U'.' || cp(j + 2) != U'.')) {
      // "Inc.." is "Inc." and a period; "etc..." keeps its ellipsis whole.
      if (cp(j + 1) == U'.') {
        const std::size_t b = byte(i);
        if (detail::ud::is_abbreviation(lang_, text_.substr(b, byte(j) - b)) ||
            dotted_abbreviation(i, j))
          return j + 1;
        return j;
      }
      const bool text_final = last_chunk_ && j + 1 == n();
      if (lang_ == Lang::en && text_final) return j;
      if (j - i == 1 && letter(i)) return j + 1;  // an initial: "J."
      if (dotted_abbreviation(i, j)) return j + 1;
      const std::size_t b = byte(i);
      if (detail::ud::is_abbreviation(lang_, text_.substr(b, byte(j) - b))) return j + 1;
      return j;
    }
    if (lang_ == Lang::en && (c == U'\'' || c == U'’') && !alnum(j + 1) && !single_quote_open_ &&
        cp(j + 1) != U'\'' && cp(j + 1) != U'’' && cp(j + 1) != U'‘') {
      // Plural possessive "bees'" and dropped g "cookin'".
      const char32_t last = cp(j - 1);
      if (last == U's' || last == U'S') return j + 1;
      if (j - i >= 3 && last == U'n' && cp(j - 2) == U'i') return j + 1;
    }
    if (c == U'$' && !letter(j + 1)) {
      // Currencies "US$5", "R$"; stylized "companie$".
      bool upper = true, lower_case = true;
      for (std::size_t k = i; k < j; ++k) {
        upper = upper && cp(k) >= U'A' && cp(k) <= U'Z';
        lower_case = lower_case && cp(k) >= U'a' && cp(k) <= U'z';
      }
      if ((upper && j - i <= 3) || (lower_case && j - i >= 4 && !digit(j + 1))) return j + 1;
    }
    if (c == U'*' && j - i <= 2 && letter(i)) {
      // "b****"
      std::size_t k = j;
      while (cp(k) == U'*') ++k;
      if (k - j >= 2 && !alnum(k)) return k;
    }
    if (c == U'/' && j - i == 1 && (cp(i) == U'w' || cp(i) == U'W')) {
      // "w/" (with), "w/out"
      if (lower(j + 1, word_run(j + 1)) == "out") return word_run(j + 1);
      return j + 1;
    }
    if (c == U'!' && lower(i, j) == "yahoo") return j + 1;
    if (lang_ != Lang::en && c == U'%' && digit(j - 1)) return j + 1;
    return j;
  }

  // In a word [i, j) made of a number and letters, where the letters start when they are a
  // unit or a time of day; 0 otherwise.
  std::size_t unit_start(std::size_t i, std::size_t j) const {
    if (!digit(i)) return 0;
    std::size_t k = i;
    auto separator = [&](std::size_t m) {
      return (cp(m) == U'.' || cp(m) == U',' || cp(m) == U':') && digit(m + 1);
    };
    while (k < j && (digit(k) || separator(k))) ++k;
    if (k == i || k >= j || !letter(k)) return 0;
    std::size_t e = k;
    while (e < j && (letter(e) || (cp(e) == U'.' && letter(e + 1)))) ++e;
    if (e != j) return 0;
    return detail::ud::is_unit(lower(k, j)) ? k : 0;
  }

  std::size_t punct(std::size_t i) {
    const char32_t c = cp(i);
    std::size_t j = i + 1;
    if (c == U'\'' || c == U'’' || c == U'‘') {
      // '72, '90s
      if (digit(i + 1) && digit(i + 2) && !digit(i + 3)) {
        std::size_t k = i + 3;
        if (cp(k) == U's' && !alnum(k + 1)) ++k;
        if (!alnum(k)) return k;
      }
      // '' ’’ ‘’ : one quotation mark written with two characters
      if (cp(i + 1) == U'\'' || cp(i + 1) == U'’' || cp(i + 1) == U'‘') {
        while (cp(j) == U'\'' || cp(j) == U'’' || cp(j) == U'‘') ++j;
        return j;
      }
      if (lang_ == Lang::en && (i == 0 || !alnum(i - 1)) && letter(i + 1)) {
        const std::size_t e = word_run(i + 1);
        if (!alnum(e) && detail::ud::is_apostrophe_word(lower(i + 1, e))) return e;
      }
      if (c != U'’' && (i == 0 || !alnum(i - 1)) && alnum(i + 1)) single_quote_open_ = true;
      else if (i > 0 && alnum(i - 1)) single_quote_open_ = false;
    }
    if (c == U'+' && digit(i + 1) && (i == 0 || !alnum(i - 1))) return digit_run(i + 1);
    // HTML character references: &amp; &lt; &#39; &#x2014;
    if (c == U'&' && (letter(i + 1) || cp(i + 1) == U'#')) {
      std::size_t e = i + 1 + (cp(i + 1) == U'#' ? 1 : 0);
      while (alnum(e) && e - i <= 10) ++e;
      if (cp(e) == U';' && e > i + 2) return e + 1;
    }
    // @mentions and #hashtags
    if ((c == U'@' || c == U'#') && letter(i + 1) && (i == 0 || !alnum(i - 1))) {
      std::size_t e = i + 1;
      while (is(e, kWordPart) || (cp(e) == U'_' && alnum(e + 1)) ||
             (c == U'@' && cp(e) == U'.' && alnum(e + 1)))
        ++e;
      return e;
    }
    if (is_decoration(c)) {
      // Lines and arrows drawn with several symbols: "==----", "->", "---->===}*{===<----".
      std::size_t k = i + 1;
      bool mixed = false;
      while (is_decoration(cp(k))) mixed |= cp(k++) != c;
      if (mixed) return k;
    }
    // ".04": a decimal fraction without its zero (not in Spanish, which writes ",04").
    if (c == U'.' && lang_ != Lang::es && digit(i + 1) &&
        (i == 0 || (!alnum(i - 1) && cp(i - 1) != U'.'))) {
      const std::size_t e = digit_run(i + 1);
      if (!letter(e) && !(cp(e) == U'.' && digit(e + 1))) return e;
    }
    // ".doc", ".NET": a file extension after a space or a symbol.
    if (c == U'.' && (i == 0 || !alnum(i - 1)) && letter(i + 1)) {
      const std::size_t e = word_run(i + 1);
      if (e - i - 1 <= 4 && !alnum(e) && cp(e) != U'.') return e;
    }
    if (is_stop(c)) {
      // ".?", "?!", "!!!" are one token; an ellipsis and the "?" after it are two.
      const bool ellipsis = c == U'…' || (c == U'.' && cp(j) == U'.');
      if (lang_ == Lang::en) {
        while (is_stop(cp(j)) && !(ellipsis && (cp(j) == U'?' || cp(j) == U'!'))) ++j;
      } else if (c == U'.') {
        // Spanish: "..." and a final period are two tokens ("...." = ... .).
        while (cp(j) == U'.' && j - i < 3) ++j;
      } else {
        // "?!", "!!!", "?." = ? .
        while (is_stop(cp(j)) && cp(j) != U'.') ++j;
      }
    } else if (is(i, kEmoji)) {
      // Emoji with modifiers, ZWJ sequences and flag pairs.
      if (unicode::is_regional_indicator(c) && unicode::is_regional_indicator(cp(j))) ++j;
      while (true) {
        while (is(j, kJoiner) && cp(j) != 0x200D) ++j;
        if (cp(j) == 0x200D && is(j + 1, kEmoji)) {
          j += 2;
          continue;
        }
        break;
      }
      return j;
    } else {
      while (j < n() && cp(j) == c) ++j;
    }
    while (is(j, kJoiner)) ++j;
    return j;
  }

  std::string_view text_;
  std::uint64_t base_;
  TokenBuffer& out_;
  Lang lang_;
  bool split_;
  std::vector<Ch> c_;
  std::size_t chunk_end_ = 0;
  bool last_chunk_ = false;
  bool single_quote_open_ = false;
  std::uint32_t length_ = 1;
};

Lang pick_lang(const std::string& tag) {
  std::string primary;
  for (const char c : tag) {
    if (c == '-' || c == '_') break;
    primary.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  if (primary == "en") return Lang::en;
  if (primary == "es") return Lang::es;
  return Lang::other;
}

}  // namespace

UdTokenizer::UdTokenizer(const std::string& lang, bool split_contractions)
    : lang_(static_cast<std::uint8_t>(pick_lang(lang))), split_contractions_(split_contractions) {}

std::string_view UdTokenizer::rules() const noexcept {
  switch (static_cast<Lang>(lang_)) {
    case Lang::en: return "en";
    case Lang::es: return "es";
    case Lang::other: break;
  }
  return "";
}

void UdTokenizer::tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const {
  Scanner(text, base, out, static_cast<Lang>(lang_), split_contractions_).run();
}

}  // namespace nlp
