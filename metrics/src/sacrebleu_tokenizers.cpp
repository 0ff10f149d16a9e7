#include "nlp/metrics/sacrebleu_tokenizers.hpp"

#include <unicode/uchar.h>

#include <fmt/format.h>

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::metrics {

void split_python_whitespace(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t len = 1;
    bool space;
    if (c < 0x80) {
      space = unicode::is_space(c);
    } else {
      const char32_t cp = utf8::decode_valid(text.data() + i, len);
      space = unicode::is_space(cp);
    }
    if (space) {
      if (start != std::string_view::npos) out.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = i;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
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
void regexp_post(std::string_view line, std::string& out) {
  thread_local std::string a, b;
  // 1. ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 "
  a.clear();
  for (const char ch : line) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26) ||
        (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == 0x2F) {
      a += ' ';
      a += ch;
      a += ' ';
    } else {
      a += ch;
    }
  }
  // 2. ([^0-9])([\.,]) -> "\1 \2 "
  b.clear();
  for (std::size_t i = 0; i < a.size();) {
    if (i + 1 < a.size() && !is_digit(a[i]) && (a[i + 1] == '.' || a[i + 1] == ',')) {
      b += a[i];
      b += ' ';
      b += a[i + 1];
      b += ' ';
      i += 2;
    } else {
      b += a[i++];
    }
  }
  // 3. ([\.,])([^0-9]) -> " \1 \2"
  a.clear();
  for (std::size_t i = 0; i < b.size();) {
    if (i + 1 < b.size() && (b[i] == '.' || b[i] == ',') && !is_digit(b[i + 1])) {
      a += ' ';
      a += b[i];
      a += ' ';
      a += b[i + 1];
      i += 2;
    } else {
      a += b[i++];
    }
  }
  // 4. ([0-9])(-) -> "\1 \2 "
  b.clear();
  for (std::size_t i = 0; i < a.size();) {
    if (i + 1 < a.size() && is_digit(a[i]) && a[i + 1] == '-') {
      b += a[i];
      b += " - ";
      i += 2;
    } else {
      b += a[i++];
    }
  }
  join_words(b, out);
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (s.find(from) == std::string::npos) return;
  std::string r;
  std::size_t at = 0;
  for (std::size_t next; (next = s.find(from, at)) != std::string::npos; at = next + from.size())
    r.append(s, at, next - at).append(to);
  r.append(s, at);
  s = std::move(r);
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
