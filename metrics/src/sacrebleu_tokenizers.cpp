#include "nlp/metrics/sacrebleu_tokenizers.hpp"

#include <unicode/uchar.h>

#include <array>

#include <fmt/format.h>

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "mteval.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::metrics {

namespace {

// Python's str.isspace() for ASCII: \t \n \v \f \r, the four information separators, space.
constexpr bool kAsciiSpace[128] = {false, false, false, false, false, false, false, false, false, true,  true,  true,  true,
                                   true,  false, false, false, false, false, false, false, false, false, false, false, false,
                                   false, false, true,  true,  true,  true,  true};

}  // namespace

std::string_view rstrip_python(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    const auto c = static_cast<unsigned char>(text[end - 1]);
    if (c < 0x80) {
      if (!kAsciiSpace[c]) break;
      --end;
      continue;
    }
    std::uint32_t len = 0;
    const char32_t cp = utf8::decode_before(text, end, len);
    if (len == 0 || !unicode::is_space(cp)) break;
    end -= len;
  }
  return text.substr(0, end);
}

void split_python_whitespace(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  const char* p = text.data();
  const std::size_t n = text.size();
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(p[i]);
    std::uint32_t len = 1;
    bool space;
    if (c < 0x80) {
      space = kAsciiSpace[c];
    } else {
      const char32_t cp = utf8::decode_valid(p + i, len);
      space = unicode::is_space(cp);
    }
    if (space) {
      if (start != std::string_view::npos) out.emplace_back(p + start, i - start);
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = i;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.emplace_back(p + start, n - start);
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ' '.join(line.split())
void join_words(std::string_view line, std::string& out) {
  thread_local std::vector<std::string_view> words;
  split_python_whitespace(line, words);
  out.clear();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ' ';
    out += words[i];
  }
}

// sacreBLEU's TokenizerRegexp (shared by 13a and zh), four substitutions and a whitespace
// normalization. Every pattern's characters are ASCII, and a match never starts inside a
// multi-byte character's continuation bytes, so working on bytes gives what Python's `re` gives
// on code points. Each substitution scans left to right without overlapping matches, as re.sub.
}  // namespace

namespace detail {

void mteval_symbols(std::string_view in, std::string& out) {
  static constexpr auto kSep = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
      t[static_cast<std::size_t>(c)] = (c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26) ||
                                       (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == 0x2F;
    return t;
  }();
  // Pointers, not the strings, in the loops: stores through char* would otherwise reload the
  // strings' internals on every byte.
  out.resize(in.size() * 3);
  char* w = out.data();
  for (const char ch : in) {
    if (kSep[static_cast<unsigned char>(ch)]) {
      w[0] = ' ';
      w[1] = ch;
      w[2] = ' ';
      w += 3;
    } else {
      *w++ = ch;
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
}

void mteval_numbers(std::string_view text, std::string& out) {
  thread_local std::string b, c;
  const auto grow = [](std::string& s, std::size_t n) {  // buffers only grow: no refill per call
    if (s.size() < n) s.resize(n);
  };
  // ([^0-9])([\.,]) -> "\1 \2 "
  grow(b, text.size() * 2 + 8);
  const char* in = text.data();
  std::size_t n = text.size();
  char* w = b.data();
  for (std::size_t i = 0; i < n;) {
    if (i + 1 < n && !is_digit(in[i]) && (in[i + 1] == '.' || in[i + 1] == ',')) {
      w[0] = in[i];
      w[1] = ' ';
      w[2] = in[i + 1];
      w[3] = ' ';
      w += 4;
      i += 2;
    } else {
      *w++ = in[i++];
    }
  }
  in = b.data();
  n = static_cast<std::size_t>(w - in);
  // ([\.,])([^0-9]) -> " \1 \2"
  grow(c, n * 2 + 8);
  w = c.data();
  for (std::size_t i = 0; i < n;) {
    if (i + 1 < n && (in[i] == '.' || in[i] == ',') && !is_digit(in[i + 1])) {
      w[0] = ' ';
      w[1] = in[i];
      w[2] = ' ';
      w[3] = in[i + 1];
      w += 4;
      i += 2;
    } else {
      *w++ = in[i++];
    }
  }
  in = c.data();
  n = static_cast<std::size_t>(w - in);
  // ([0-9])(-) -> "\1 \2 "
  out.resize(n * 2 + 8);
  w = out.data();
  for (std::size_t i = 0; i < n;) {
    if (i + 1 < n && is_digit(in[i]) && in[i + 1] == '-') {
      w[0] = in[i];
      w[1] = ' ';
      w[2] = '-';
      w[3] = ' ';
      w += 4;
      i += 2;
    } else {
      *w++ = in[i++];
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (s.find(from) == std::string::npos) return;
  std::string r;
  std::size_t at = 0;
  for (std::size_t next; (next = s.find(from, at)) != std::string::npos; at = next + from.size()) r.append(s, at, next - at).append(to);
  r.append(s, at);
  s = std::move(r);
}

}  // namespace detail

namespace {

using detail::replace_all;

// sacreBLEU's TokenizerRegexp (shared by 13a and zh): the mteval substitutions into `out`.
void regexp_passes(std::string_view line, std::string& out) {
  thread_local std::string symbols;
  detail::mteval_symbols(line, symbols);
  detail::mteval_numbers(symbols, out);
}

void regexp_post(std::string_view line, std::string& out) {
  thread_local std::string b;
  regexp_passes(line, b);
  join_words(b, out);
}

void regexp_words(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) {
  regexp_passes(line, buffer);
  split_python_whitespace(buffer, out);
}


class Tokenizer13a final : public SacrebleuTokenizer {
 public:
  void tokenize(std::string_view line, std::string& out) const override {
    thread_local std::string s;
    s.assign(" ");
    s.append(line);
    replace_all(s, "<skipped>", "");
    replace_all(s, "-\n", "");
    replace_all(s, "\n", " ");
    if (s.find('&') != std::string::npos) {
      replace_all(s, "&quot;", "\"");
      replace_all(s, "&amp;", "&");
      replace_all(s, "&lt;", "<");
      replace_all(s, "&gt;", ">");
    }
    s += ' ';
    regexp_post(s, out);
  }
  void words(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) const override {
    if (line.find_first_of("<\n&") == std::string_view::npos) {  // nothing to replace: pad and go
      thread_local std::string s;
      s.assign(" ");
      s.append(line);
      s += ' ';
      regexp_words(s, buffer, out);
      return;
    }
    tokenize(line, buffer);
    split_python_whitespace(buffer, out);
  }
  std::string signature() const override { return "13a"; }
};

bool is_p(char32_t c) { return U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_P_MASK; }
bool is_s(char32_t c) { return U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_S_MASK; }
bool is_n(char32_t c) { return U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK; }

// mteval-v14's international tokenization as sacreBLEU's `intl` applies it (with the `regex`
// module's Unicode categories; here ICU's).
class TokenizerIntl final : public SacrebleuTokenizer {
 public:
  void tokenize(std::string_view line, std::string& out) const override {
    thread_local std::u32string a, b;
    a.clear();
    for (std::size_t i = 0; i < line.size();) {
      std::uint32_t len = 0;
      a.push_back(utf8::decode_valid(line.data() + i, len));
      i += len;
    }
    // (\P{N})(\p{P}) -> "\1 \2 "
    b.clear();
    for (std::size_t i = 0; i < a.size();) {
      if (i + 1 < a.size() && !is_n(a[i]) && is_p(a[i + 1])) {
        b += a[i];
        b += U' ';
        b += a[i + 1];
        b += U' ';
        i += 2;
      } else {
        b += a[i++];
      }
    }
    // (\p{P})(\P{N}) -> " \1 \2"
    a.clear();
    for (std::size_t i = 0; i < b.size();) {
      if (i + 1 < b.size() && is_p(b[i]) && !is_n(b[i + 1])) {
        a += U' ';
        a += b[i];
        a += U' ';
        a += b[i + 1];
        i += 2;
      } else {
        a += b[i++];
      }
    }
    // (\p{S}) -> " \1 "
    thread_local std::string s;
    s.clear();
    for (const char32_t c : a) {
      if (is_s(c)) {
        s += ' ';
        utf8::append(s, c);
        s += ' ';
      } else {
        utf8::append(s, c);
      }
    }
    join_words(s, out);
  }
  std::string signature() const override { return "intl"; }
};

class TokenizerChar final : public SacrebleuTokenizer {
 public:
  // " ".join(line): every character, whitespace included, separated by one space.
  void tokenize(std::string_view line, std::string& out) const override {
    out.clear();
    for (std::size_t i = 0; i < line.size();) {
      const std::uint32_t len = utf8::sequence_length(static_cast<unsigned char>(line[i]));
      if (i) out += ' ';
      out.append(line, i, len);
      i += len;
    }
  }
  std::string signature() const override { return "char"; }
};

class TokenizerNone final : public SacrebleuTokenizer {
 public:
  void tokenize(std::string_view line, std::string& out) const override { out.assign(line); }
  std::string signature() const override { return "none"; }
};

// sacreBLEU's _UCODE_RANGES as Python compares them: a bound written '\u20000' is the two
// characters U+2000 '0', so `start <= c <= end` holds for U+2001..U+2A6D; likewise
// '\u2f800'..'\u2fa1d' holds for U+2F81..U+2FA1.
bool is_zh_char(char32_t c) {
  struct Range {
    char32_t lo, hi;
  };
  static constexpr Range kRanges[] = {
      {0x3400, 0x4DB5}, {0x4E00, 0x9FA5}, {0x9FA6, 0x9FBB}, {0xF900, 0xFA2D}, {0xFA30, 0xFA6A}, {0xFA70, 0xFAD9},
      {0x2001, 0x2A6D}, {0x2F81, 0x2FA1}, {0xFF00, 0xFFEF}, {0x2E80, 0x2EFF}, {0x3000, 0x303F}, {0x31C0, 0x31EF},
      {0x2F00, 0x2FDF}, {0x2FF0, 0x2FFF}, {0x3100, 0x312F}, {0x31A0, 0x31BF}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F},
      {0x2600, 0x26FF}, {0x2700, 0x27BF}, {0x3200, 0x32FF}, {0x3300, 0x33FF}};
  for (const Range& r : kRanges)
    if (c >= r.lo && c <= r.hi) return true;
  return false;
}

class TokenizerZh final : public SacrebleuTokenizer {
 public:
  void tokenize(std::string_view line, std::string& out) const override {
    // line.strip(), then every Chinese character surrounded by spaces, then the regexps.
    thread_local std::vector<std::string_view> words;
    split_python_whitespace(line, words);
    if (words.empty()) {
      out.clear();
      return;
    }
    const std::string_view stripped(words.front().data(),
                                    static_cast<std::size_t>(words.back().data() + words.back().size() - words.front().data()));
    thread_local std::string s;
    s.clear();
    for (std::size_t i = 0; i < stripped.size();) {
      std::uint32_t len = 0;
      const char32_t c = utf8::decode_valid(stripped.data() + i, len);
      if (is_zh_char(c)) {
        s += ' ';
        s.append(stripped, i, len);
        s += ' ';
      } else {
        s.append(stripped, i, len);
      }
      i += len;
    }
    regexp_post(s, out);
  }
  std::string signature() const override { return "zh"; }
};

}  // namespace

void SacrebleuTokenizer::words(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) const {
  tokenize(line, buffer);
  split_python_whitespace(buffer, out);
}

std::vector<std::string> sacrebleu_tokenizer_names() { return {"13a", "intl", "char", "none", "zh"}; }

std::unique_ptr<SacrebleuTokenizer> make_sacrebleu_tokenizer(std::string_view name) {
  if (name == "13a") return std::make_unique<Tokenizer13a>();
  if (name == "intl") return std::make_unique<TokenizerIntl>();
  if (name == "char") return std::make_unique<TokenizerChar>();
  if (name == "none") return std::make_unique<TokenizerNone>();
  if (name == "zh") return std::make_unique<TokenizerZh>();
  throw UsageError(fmt::format("unknown tokenizer {:?} for BLEU; expected 13a, intl, char, none or zh", std::string(name)));
}

}  // namespace nlp::metrics
