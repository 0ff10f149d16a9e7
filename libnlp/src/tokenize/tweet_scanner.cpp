#include "tokenize/tweet_scanner.hpp"

#include <algorithm>

#include "nlp/text/utf8.hpp"
#include "tokenize/tweet_chars.hpp"

namespace nlp::detail::tweet {
namespace {

struct Cp {
  char32_t c;
  std::uint32_t len;
};

inline Cp cp_at(std::string_view s, std::size_t i) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  std::uint32_t len = 0;
  const char32_t c = utf8::decode_valid(s.data() + i, len);
  return {c, len};
}

inline bool is_word(std::uint8_t f) noexcept { return f & kWord; }
// [^\W\d_]: a word character that is neither a digit nor '_'.
inline bool is_letter(char32_t c, std::uint8_t f) noexcept {
  return (f & kWord) && !(f & kDigit) && c != U'_';
}
// [a-z0-9] under IGNORECASE.
inline bool is_latin_or_digit(char32_t c, std::uint8_t f) noexcept {
  return (f & kLatin) || (c >= U'0' && c <= U'9');
}
inline bool is_keycap_base(char32_t c) noexcept {
  return (c >= U'0' && c <= U'9') || c == U'#' || c == U'*';
}

constexpr char32_t kZwj = 0x200D;
constexpr char32_t kVs16 = 0xFE0F;
constexpr char32_t kKeycap = 0x20E3;

}  // namespace

std::size_t Scanner::skip_space(std::size_t p) const noexcept {
  while (p < n_) {
    const auto b = static_cast<unsigned char>(s_[p]);
    if (b < 0x80) {
      if (b == ' ' || (b >= 0x09 && b <= 0x0D)) {
        ++p;
        continue;
      }
      return p;
    }
    const Cp c = cp_at(s_, p);
    if (!(cls(c.c) & kSpace)) return p;
    p += c.len;
  }
  return p;
}

// A run of ASCII letters followed by a byte that no rule can continue with ends the token right
// there (every rule that could reach further needs one of the bytes below, a digit or a non-ASCII
// character next). This covers most English words in one pass. kNone: take the full path.
std::size_t Scanner::letter_run_fast(std::size_t p) const noexcept {
  auto letter = [](unsigned char b) {
    const unsigned lower = b | 0x20u;
    return lower >= 'a' && lower <= 'z';
  };
  std::size_t r = p + 1;
  while (r < n_ && letter(static_cast<unsigned char>(s_[r]))) ++r;
  if (r == n_) return r;
  const auto nb = static_cast<unsigned char>(s_[r]);
  if (nb >= 0x80 || (nb >= '0' && nb <= '9')) return kNone;
  switch (nb) {
    case '.': case '-': case '/': case '@': case '+': case '_': case '\'': case ':':
      return kNone;
    default:
      return r;
  }
}

std::size_t Scanner::match(std::size_t p) {
  const auto b0 = static_cast<unsigned char>(s_[p]);
  if ((b0 | 0x20u) >= 'a' && (b0 | 0x20u) <= 'z') {
    const std::size_t r = letter_run_fast(p);
    if (r != kNone) {
      // Only an emoticon such as "D:" or "P-8" can still start here.
      if (b0 == 'd' || b0 == 'D' || b0 == 'p' || b0 == 'P') {
        const std::size_t e = emoticon(p);
        if (e != kNone) return e;
      }
      return r;
    }
  }
  switch (b0) {
    // Punctuation that starts no rule: a token of its own unless a ZWJ or skin tone (non-ASCII)
    // follows, which NLTK's ZWJ rule would join to it.
    case '!': case '"': case '$': case '%': case '&': case '\'': case '*': case ',': case '?':
    case '^': case '`': case '~':
      if (p + 1 >= n_ || static_cast<unsigned char>(s_[p + 1]) < 0x80) return p + 1;
      break;
    default:
      break;
  }
  const Cp c0 = cp_at(s_, p);
  const char32_t c = c0.c;
  const std::uint8_t f0 = cls(c);
  std::size_t e = kNone;
  if (is_latin_or_digit(c, f0) || c == U'.' || c == U'-') e = url(p);
  if (e == kNone && (c == U'+' || c == U'(' || (f0 & kDigit))) e = phone(p);
  if (e == kNone && c < 0x80) {
    e = emoticon(p);
    if (e == kNone && c == U'<') e = html_tag(p);
    if (e == kNone && (c == U'-' || c == U'<')) e = arrow(p);
    if (e == kNone && c == U'@') e = mention(p);
    if (e == kNone && c == U'#') e = hashtag(p);
  }
  if (e == kNone && (is_word(f0) || c == U'.' || c == U'+' || c == U'-')) e = email(p);
  if (e == kNone) e = emoji(p);
  if (e == kNone) e = word(p);
  return e;
}

// ---------------------------------------------------------------------------------------------
// URLs:
//   (?: https?: (?: /{1,3} | [a-z0-9%] ) | [a-z0-9.\-]+ [.] (?:[a-z]{2,13}) / )  BODY END
//   | (?<!@) [a-z0-9]+ (?:[.\-][a-z0-9]+)* [.] (?:[a-z]{2,13}) \b /? (?!@)
std::size_t Scanner::url(std::size_t p) {
  const Cp c0 = cp_at(s_, p);
  auto ascii_ci = [&](std::size_t i, char lower) {
    return i < n_ && (static_cast<unsigned char>(s_[i]) | 0x20u) == static_cast<unsigned char>(lower);
  };
  if (c0.c == U'h' || c0.c == U'H') {
    std::size_t q = p + 1;
    if (ascii_ci(q, 't') && ascii_ci(q + 1, 't') && ascii_ci(q + 2, 'p')) {
      q += 3;
      if (ascii_ci(q, 's')) {
        ++q;
      } else if (q + 1 < n_ && s_[q] == '\xC5' && s_[q + 1] == '\xBF') {
        q += 2;  // U+017F folds to 's'
      }
      if (q < n_ && s_[q] == ':') {
        ++q;
        std::size_t slashes = 0;
        while (slashes < 3 && q + slashes < n_ && s_[q + slashes] == '/') ++slashes;
        for (std::size_t k = slashes; k >= 1; --k) {
          const std::size_t e = url_body(q + k, q);
          if (e != kNone) return e;
        }
        if (slashes == 0 && q < n_) {
          const Cp c = cp_at(s_, q);
          if (c.c == U'%' || is_latin_or_digit(c.c, cls(c.c))) {
            const std::size_t e = url_body(q + c.len, q);
            if (e != kNone) return e;
          }
        }
        // "http:" and "https:" cannot end the domain form below (':' is outside its class).
      }
    }
  }
  // [a-z0-9.\-]+[.](?:[a-z]{2,13})/ : the run must be followed by '/', and end in '.' plus 2 to 13
  // letters with at least one character before that '.'. Every start inside a run sees the same
  // run end, so the scan is remembered (text like "a.a.a.a..." stays linear).
  if (!(p >= domain_run_.from && p < domain_run_.end)) {
    std::size_t i = p, letters = 0, dot = kNone;
    while (i < n_) {
      const Cp c = cp_at(s_, i);
      const std::uint8_t f = cls(c.c);
      if (f & kLatin) {
        ++letters;
      } else if ((c.c >= U'0' && c.c <= U'9') || c.c == U'.' || c.c == U'-') {
        letters = 0;
        dot = c.c == U'.' ? i : kNone;
      } else {
        break;
      }
      i += c.len;
    }
    domain_run_ = {p, i, letters, dot};
  }
  const RunCache& r = domain_run_;
  if (r.end < n_ && s_[r.end] == '/' && r.letters >= 2 && r.letters <= 13 && r.extra != kNone &&
      r.extra > p) {
    const std::size_t e = url_body(r.end + 1, r.end + 1);
    if (e != kNone) return e;
  }
  return bare_domain(p);
}

// BODY = (?: [^\s()<>{}\[\]]+ | \([^\s()]*?\([^\s()]+\)[^\s()]*?\) | \([^\s]+?\) )+
// END  = \([^\s()]*?\([^\s()]+\)[^\s()]*?\) | \([^\s]+?\) | [^\s`!()\[\]{};:'".,<>?«»“”‘’]
//
// A backtracking engine tries, at each repetition, the longest run first, then the balanced
// groups, then stopping there and matching END. The whole match stays inside one run of
// non-space characters, so the first success is computed right to left over that run: f[k] is
// the end the rest of the pattern reaches from character k after at least one repetition (kNone
// if it fails), h[k] the first success among the shorter runs starting at k. These depend on the
// position only, so one pass over a run (from `from` <= b) serves every later start in it.
std::size_t Scanner::url_body(std::size_t b, std::size_t from) {
  enum : std::uint8_t { kRun = 0, kOpen = 1, kClose = 2, kStop = 3, kKind = 3, kEndOk = 4 };
  // Scratch reused across calls on this thread (the tokenizer itself stays stateless).
  thread_local UrlScratch scratch;
  auto& pos = scratch.pos;
  auto& kinds = scratch.kind;
  auto& f = scratch.f;
  auto& h = scratch.h;
  auto& good_close = scratch.good_close;
  auto& first_close = scratch.first_close;
  auto& next_paren = scratch.next_paren;
  auto kind = [&](std::size_t k) { return static_cast<std::uint8_t>(kinds[k] & kKind); };

  // After a '(' at k: the balanced group alternatives, then (when allowed) END at k.
  auto open_group = [&](std::size_t k, bool allow_end) -> std::size_t {
    const std::size_t m = kinds.size();
    std::size_t balanced = kNone;  // \([^\s()]*?\([^\s()]+\)[^\s()]*?\) has at most one end
    const std::size_t j1 = next_paren[k + 1];
    if (j1 < m && kind(j1) == kOpen) {
      const std::size_t j2 = next_paren[j1 + 1];
      if (j2 < m && j2 > j1 + 1 && kind(j2) == kClose) {
        const std::size_t j3 = next_paren[j2 + 1];
        if (j3 < m && kind(j3) == kClose) balanced = j3 + 1;
      }
    }
    if (balanced != kNone && f[balanced] != kNone) return f[balanced];
    // \([^\s]+?\): every ')' from k + 2 on, nearest first.
    if (k + 2 <= m && good_close[k + 2] != kNone) return f[good_close[k + 2] + 1];
    if (!allow_end) return kNone;
    if (balanced != kNone) return balanced;
    if (k + 2 <= m && first_close[k + 2] != kNone) return first_close[k + 2] + 1;
    return kNone;
  };

  if (!(body_run_.valid && from >= body_run_.from && b <= body_run_.end)) {
    pos.clear();
    kinds.clear();
    std::size_t i = from;
    while (i < n_) {
      const Cp c = cp_at(s_, i);
      if (cls(c.c) & kSpace) break;
      std::uint8_t k = kRun;
      bool end_ok = true;
      switch (c.c) {
        case U'(': k = kOpen; end_ok = false; break;
        case U')': k = kClose; end_ok = false; break;
        case U'<': case U'>': case U'{': case U'}': case U'[': case U']':
          k = kStop;
          end_ok = false;
          break;
        case U'`': case U'!': case U';': case U':': case U'\'': case U'"': case U'.': case U',':
        case U'?': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x2018: case 0x2019:
          end_ok = false;
          break;
        default:
          break;
      }
      pos.push_back(i);
      kinds.push_back(static_cast<std::uint8_t>(k | (end_ok ? kEndOk : 0)));
      i += c.len;
    }
    const std::size_t m = kinds.size();
    pos.push_back(i);
    body_run_ = {true, from, i};

    // next_paren[k]: first index >= k holding '(' or ')', m if none.
    next_paren.assign(m + 2, m);
    for (std::size_t k = m; k-- > 0;)
      next_paren[k] = (kind(k) == kOpen || kind(k) == kClose) ? k : next_paren[k + 1];
    f.assign(m + 2, kNone);
    h.assign(m + 1, kNone);
    good_close.assign(m + 2, kNone);   // first ')' at index >= k whose continuation succeeds
    first_close.assign(m + 2, kNone);  // first ')' at index >= k
    for (std::size_t k = m; k-- > 0;) {
      if (k + 1 < m) {
        const std::size_t j = k + 1;
        good_close[j] = (kind(j) == kClose && f[j + 1] != kNone) ? j : good_close[j + 1];
        first_close[j] = kind(j) == kClose ? j : first_close[j + 1];
      }
      switch (kind(k)) {
        case kRun: {
          const std::size_t hk = (k + 1 == m || kind(k + 1) != kRun)
                                     ? f[k + 1]
                                     : (h[k + 1] != kNone ? h[k + 1] : f[k + 1]);
          h[k] = hk;
          f[k] = hk != kNone ? hk : ((kinds[k] & kEndOk) ? k + 1 : kNone);
          break;
        }
        case kOpen:
          f[k] = open_group(k, true);
          break;
        default:
          f[k] = kNone;  // ')' and <>{}[] neither continue the body nor end it
          break;
      }
    }
  }
  // b is a character start in [from, end]; the first repetition is mandatory there.
  const std::size_t m = kinds.size();
  const std::size_t k0 = static_cast<std::size_t>(std::lower_bound(pos.begin(), pos.end(), b) - pos.begin());
  if (k0 >= m) return kNone;
  std::size_t end = kNone;
  if (kind(k0) == kRun) {
    end = h[k0];
  } else if (kind(k0) == kOpen) {
    end = open_group(k0, false);
  }
  return end == kNone ? kNone : pos[end];
}

// (?<!@) [a-z0-9]+ (?:[.\-][a-z0-9]+)* [.] (?:[a-z]{2,13}) \b /? (?!@)
// The labels are maximal [a-z0-9] runs joined by '.' or '-'. Backtracking gives back whole labels
// from the right, so the match ends at the last label (not the first) that follows a '.', is 2 to
// 13 letters long, is followed by a non-word character and is not followed by '@'.
std::size_t Scanner::bare_domain(std::size_t p) {
  if (p > 0 && s_[p - 1] == '@') return kNone;
  if (!is_latin_or_digit(cp_at(s_, p).c, cls(cp_at(s_, p).c))) return kNone;
  if (p >= chain_.from && p < chain_.end) {
    // Same chain, seen from a later label: only labels after the one holding p count.
    return (chain_.last_dot != kNone && chain_.last_dot > p) ? chain_.last_end : kNone;
  }
  ChainCache chain;
  chain.from = p;
  std::size_t i = p;
  bool first = true, after_dot = false;
  while (true) {
    std::size_t letters = 0, chars = 0;
    const std::size_t start = i;
    while (i < n_) {
      const Cp c = cp_at(s_, i);
      const std::uint8_t f = cls(c.c);
      if (!is_latin_or_digit(c.c, f)) break;
      if (f & kLatin) ++letters;
      ++chars;
      i += c.len;
    }
    if (!first && after_dot && letters == chars && chars >= 2 && chars <= 13) {
      bool boundary = true;
      if (i < n_) boundary = !is_word(cls(cp_at(s_, i).c));
      if (boundary) {
        std::size_t end = kNone;
        if (i < n_ && s_[i] == '/') {
          end = (i + 1 < n_ && s_[i + 1] == '@') ? i : i + 1;
        } else if (i >= n_ || s_[i] != '@') {
          end = i;
        }
        if (end != kNone) {
          chain.last_dot = start - 1;
          chain.last_end = end;
        }
      }
    }
    first = false;
    if (i + 1 < n_ && (s_[i] == '.' || s_[i] == '-')) {
      const Cp next = cp_at(s_, i + 1);
      if (is_latin_or_digit(next.c, cls(next.c))) {
        after_dot = s_[i] == '.';
        ++i;
        continue;
      }
    }
    break;
  }
  chain.end = i;
  chain_ = chain;
  return chain.last_end;
}

// ---------------------------------------------------------------------------------------------
// (?:\+?[01][ *\-.\)]*)? (?:[\(]?\d{3}[ *\-.\)]*)? \d{3} [ *\-.\)]* \d{4}
// Every quantifier is forced (the separator class holds no digit or '('), so only the two
// optional groups branch: tried present-present, present-absent, absent-present, absent-absent.
std::size_t Scanner::phone(std::size_t p) const noexcept {
  auto separators = [&](std::size_t i) {
    while (i < n_ && (s_[i] == ' ' || s_[i] == '*' || s_[i] == '-' || s_[i] == '.' || s_[i] == ')'))
      ++i;
    return i;
  };
  auto digits = [&](std::size_t i, int count) -> std::size_t {
    for (int k = 0; k < count; ++k) {
      if (i >= n_) return kNone;
      const Cp c = cp_at(s_, i);
      if (!(cls(c.c) & kDigit)) return kNone;
      i += c.len;
    }
    return i;
  };
  auto international = [&](std::size_t i) -> std::size_t {
    if (i < n_ && s_[i] == '+') ++i;
    if (i < n_ && (s_[i] == '0' || s_[i] == '1')) return separators(i + 1);
    return kNone;
  };
  auto area = [&](std::size_t i) -> std::size_t {
    if (i < n_ && s_[i] == '(') ++i;
    const std::size_t j = digits(i, 3);
    return j == kNone ? kNone : separators(j);
  };
  auto number = [&](std::size_t i) -> std::size_t {
    const std::size_t j = digits(i, 3);
    return j == kNone ? kNone : digits(separators(j), 4);
  };
  const std::size_t a = international(p);
  if (a != kNone) {
    const std::size_t b = area(a);
    if (b != kNone) {
      const std::size_t e = number(b);
      if (e != kNone) return e;
    }
    const std::size_t e = number(a);
    if (e != kNone) return e;
  }
  const std::size_t b = area(p);
  if (b != kNone) {
    const std::size_t e = number(b);
    if (e != kNone) return e;
  }
  return number(p);
}

// (?: [<>]? [:;=8] [\-o\*\']? [\)\]\(\[dDpP/\:\}\{@\|\\]
//   | [\)\]\(\[dDpP/\:\}\{@\|\\] [\-o\*\']? [:;=8] [<>]?
//   | </?3 )                                       ('o' also matches 'O': IGNORECASE)
std::size_t Scanner::emoticon(std::size_t p) const noexcept {
  auto ch = [&](std::size_t i) -> int { return i < n_ ? static_cast<unsigned char>(s_[i]) : -1; };
  auto eyes = [](int c) { return c == ':' || c == ';' || c == '=' || c == '8'; };
  auto nose = [](int c) { return c == '-' || c == 'o' || c == 'O' || c == '*' || c == '\''; };
  auto mouth = [](int c) {
    switch (c) {
      case ')': case ']': case '(': case '[': case 'd': case 'D': case 'p': case 'P': case '/':
      case ':': case '}': case '{': case '@': case '|': case '\\':
        return true;
      default:
        return false;
    }
  };
  // Nose and mouth (and nose and eyes) share no character, so a nose that is not followed by
  // its partner fails the alternative outright.
  std::size_t q = p;
  if (ch(q) == '<' || ch(q) == '>') ++q;
  if (eyes(ch(q))) {
    if (nose(ch(q + 1))) {
      if (mouth(ch(q + 2))) return q + 3;
    } else if (mouth(ch(q + 1))) {
      return q + 2;
    }
  }
  if (mouth(ch(p))) {
    std::size_t r = kNone;
    if (nose(ch(p + 1))) {
      if (eyes(ch(p + 2))) r = p + 3;
    } else if (eyes(ch(p + 1))) {
      r = p + 2;
    }
    if (r != kNone) return (ch(r) == '<' || ch(r) == '>') ? r + 1 : r;
  }
  if (ch(p) == '<') {
    q = p + 1;
    if (ch(q) == '/') ++q;
    if (ch(q) == '3') return q + 1;
  }
  return kNone;
}

// <[^>\s]+>
std::size_t Scanner::html_tag(std::size_t p) const noexcept {
  // The first '>' or whitespace after p + 1 is shared by every start before it.
  const std::size_t from = p + 1;
  if (!(from >= tag_.from && from <= tag_.end)) {
    std::size_t i = from;
    while (i < n_ && s_[i] != '>') {
      const Cp c = cp_at(s_, i);
      if (cls(c.c) & kSpace) break;
      i += c.len;
    }
    tag_ = {from, i, 0, kNone};
  }
  const std::size_t stop = tag_.end;
  return (stop < n_ && s_[stop] == '>' && stop > from) ? stop + 1 : kNone;
}

// [\-]+> | <[\-]+
std::size_t Scanner::arrow(std::size_t p) const noexcept {
  std::size_t i = p;
  if (s_[p] == '-') {
    while (i < n_ && s_[i] == '-') ++i;
    return (i < n_ && s_[i] == '>') ? i + 1 : kNone;
  }
  i = p + 1;
  while (i < n_ && s_[i] == '-') ++i;
  return i > p + 1 ? i : kNone;
}

// (?:@[\w_]+)
std::size_t Scanner::mention(std::size_t p) const noexcept {
  std::size_t i = p + 1;
  while (i < n_) {
    const Cp c = cp_at(s_, i);
    if (!is_word(cls(c.c))) break;
    i += c.len;
  }
  return i > p + 1 ? i : kNone;
}

// (?:\#+[\w_]+[\w\'_\-]*[\w_]+): after the '#'s, a word character, then the longest run of word
// characters, apostrophes and hyphens, cut back to its last word character; that one must not
// be the first.
std::size_t Scanner::hashtag(std::size_t p) const noexcept {
  std::size_t h = p;
  while (h < n_ && s_[h] == '#') ++h;
  if (h >= n_) return kNone;
  std::size_t i = h, end = kNone;
  while (i < n_) {
    const Cp c = cp_at(s_, i);
    const bool w = is_word(cls(c.c));
    if (i == h && !w) return kNone;
    if (!w && c.c != U'\'' && c.c != U'-') break;
    i += c.len;
    if (w && i - c.len != h) end = i;
  }
  return end;
}

// [\w.+-]+@[\w-]+\.(?:[\w-]\.?)+[\w-]
std::size_t Scanner::email(std::size_t p) const noexcept {
  // Every start inside one [\w.+-] run reaches the same '@' and the same domain.
  if (p >= local_part_.from && p < local_part_.end) return local_part_.extra;
  std::size_t i = p;
  while (i < n_) {
    const Cp c = cp_at(s_, i);
    if (!is_word(cls(c.c)) && c.c != U'.' && c.c != U'+' && c.c != U'-') break;
    i += c.len;
  }
  if (i == p) return kNone;
  local_part_ = {p, i, 0, email_domain(i)};
  return local_part_.extra;
}

// @[\w-]+\.(?:[\w-]\.?)+[\w-] at i.
std::size_t Scanner::email_domain(std::size_t i) const noexcept {
  if (i >= n_ || s_[i] != '@') return kNone;
  auto domain_char = [&](std::size_t at, Cp& c) {
    c = cp_at(s_, at);
    return is_word(cls(c.c)) || c.c == U'-';
  };
  std::size_t j = i + 1;
  Cp c{};
  while (j < n_ && domain_char(j, c)) j += c.len;
  if (j == i + 1 || j >= n_ || s_[j] != '.') return kNone;
  // (?:[\w-]\.?)+[\w-]: domain characters with single dots between them; the match ends after
  // the last domain character, and needs at least two of them.
  std::size_t k = j + 1, count = 0, end = kNone;
  while (k < n_ && domain_char(k, c)) {
    k += c.len;
    ++count;
    end = k;
    if (k < n_ && s_[k] == '.') ++k;
  }
  return count >= 2 ? end : kNone;
}

// ---------------------------------------------------------------------------------------------
// Emoji sequences. NLTK's rules here are
//   .(?:[\U0001F3FB-\U0001F3FF]?(?:\u200d.[\U0001F3FB-\U0001F3FF]?)+|[\U0001F3FB-\U0001F3FF])
//   and regional-indicator pairs and the England/Scotland/Wales tag flags.
// An emoji start (see the header) takes every emoji component after it and ZWJ links; other
// characters follow NLTK's rule, except that the character after a ZWJ is never whitespace.
std::size_t Scanner::emoji(std::size_t p) const noexcept {
  const Cp c0 = cp_at(s_, p);
  const std::uint8_t f0 = cls(c0.c);
  std::size_t q = p + c0.len;
  auto at_cp = [&](std::size_t i, char32_t want) {
    return i < n_ && static_cast<unsigned char>(s_[i]) >= 0x80 && cp_at(s_, i).c == want;
  };
  auto modifier_at = [&](std::size_t i) {
    return i < n_ && static_cast<unsigned char>(s_[i]) == 0xF0 && (cls(cp_at(s_, i).c) & kModifier);
  };
  bool keycap = false;
  if (is_keycap_base(c0.c)) {
    std::size_t j = q;
    if (at_cp(j, kVs16)) j += 3;
    if (at_cp(j, kKeycap)) {
      keycap = true;
      q = j + 3;
    }
  }
  if (keycap || (f0 & kEmojiBase)) {
    std::size_t e = q;
    if ((f0 & kRegional) && e < n_ && (cls(cp_at(s_, e).c) & kRegional)) e += 4;
    e = zwj_links(emoji_components(e));
    return e > p + c0.len ? e : kNone;
  }
  std::size_t q1 = q;
  if (modifier_at(q1)) q1 += 4;
  std::size_t e = q1;
  bool linked = false;
  while (at_cp(e, kZwj) && e + 3 < n_) {
    const Cp x = cp_at(s_, e + 3);
    if (cls(x.c) & kSpace) break;  // NLTK: only '\n' stops here
    e += 3 + x.len;
    if (modifier_at(e)) e += 4;
    linked = true;
  }
  if (linked) return e;
  return q1 != q ? q1 : kNone;
}

std::size_t Scanner::emoji_components(std::size_t i) const noexcept {
  while (i < n_ && static_cast<unsigned char>(s_[i]) >= 0x80) {
    const Cp c = cp_at(s_, i);
    if (!(cls(c.c) & kComponent)) break;
    i += c.len;
  }
  return i;
}

std::size_t Scanner::zwj_links(std::size_t i) const noexcept {
  while (i + 3 < n_ && cp_at(s_, i).c == kZwj) {
    const Cp x = cp_at(s_, i + 3);
    const std::uint8_t fx = cls(x.c);
    if (fx & kSpace) break;
    std::size_t j = i + 3 + x.len;
    if (fx & kEmojiBase) {
      if ((fx & kRegional) && j < n_ && (cls(cp_at(s_, j).c) & kRegional)) j += 4;
      j = emoji_components(j);
    } else if (is_keycap_base(x.c)) {
      std::size_t k = j;
      if (k < n_ && cp_at(s_, k).c == kVs16) k += 3;
      if (k < n_ && cp_at(s_, k).c == kKeycap) {
        j = emoji_components(k + 3);
      } else if (j < n_ && (cls(cp_at(s_, j).c) & kModifier)) {
        j += 4;
      }
    } else if (j < n_ && (cls(cp_at(s_, j).c) & kModifier)) {
      j += 4;
    }
    i = j;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
//   (?:[^\W\d_](?:[^\W\d_]|['\-_])+[^\W\d_])   words with apostrophes or dashes
// | (?:[+\-]?\d+[,/.:-]\d+[+\-]?)               numbers, fractions, decimals
// | (?:[\w_]+)                                 other words
// | (?:\.(?:\s*\.){1,})                        ellipsis
// | (?:\S)                                     any other character
std::size_t Scanner::word(std::size_t p) const noexcept {
  const Cp c0 = cp_at(s_, p);
  const std::uint8_t f0 = cls(c0.c);
  if (is_letter(c0.c, f0)) {
    // The longest run of letters, ', - and _ after the first letter, cut back to its last
    // letter; at least one character must separate the two letters.
    std::size_t i = p + c0.len, end = kNone;
    bool first = true;
    while (i < n_) {
      const Cp c = cp_at(s_, i);
      const bool letter = is_letter(c.c, cls(c.c));
      if (!letter && c.c != U'\'' && c.c != U'-' && c.c != U'_') break;
      i += c.len;
      if (letter && !first) end = i;
      first = false;
    }
    if (end != kNone) return end;
  }
  if (c0.c == U'+' || c0.c == U'-' || (f0 & kDigit)) {
    auto digit_run = [&](std::size_t i) {
      while (i < n_) {
        const Cp c = cp_at(s_, i);
        if (!(cls(c.c) & kDigit)) break;
        i += c.len;
      }
      return i;
    };
    const std::size_t i = (c0.c == U'+' || c0.c == U'-') ? p + 1 : p;
    const std::size_t j = digit_run(i);
    if (j > i && j < n_ &&
        (s_[j] == ',' || s_[j] == '/' || s_[j] == '.' || s_[j] == ':' || s_[j] == '-')) {
      std::size_t k = digit_run(j + 1);
      if (k > j + 1) {
        if (k < n_ && (s_[k] == '+' || s_[k] == '-')) ++k;
        return k;
      }
    }
  }
  if (is_word(f0)) {
    std::size_t i = p + c0.len;
    while (i < n_) {
      const Cp c = cp_at(s_, i);
      if (!is_word(cls(c.c))) break;
      i += c.len;
    }
    return i;
  }
  if (c0.c == U'.') {
    std::size_t i = p + 1;
    bool more = false;
    while (true) {
      const std::size_t j = skip_space(i);
      if (j >= n_ || s_[j] != '.') break;
      i = j + 1;
      more = true;
    }
    if (more) return i;
  }
  return p + c0.len;
}

}  // namespace nlp::detail::tweet
