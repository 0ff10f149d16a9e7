#include "nlp/tokenize/regex_tokenizer.hpp"

#include <memory>

#include <fmt/format.h>
#include <unicode/parseerr.h>
#include <unicode/regex.h>
#include <unicode/utext.h>

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp {
namespace {

// Python's \w as an ICU set body: letters, anything with a numeric type, underscore.
constexpr std::string_view kWordSet =
    R"(\p{gc=L}\p{Numeric_Type=Decimal}\p{Numeric_Type=Digit}\p{Numeric_Type=Numeric}_)";
// Python's \s (str.isspace): White_Space plus the information separators U+001C..U+001F.
constexpr std::string_view kSpaceSet = R"(\p{White_Space}\x{1C}-\x{1F})";

bool ascii_word(unsigned char b) noexcept {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
}

// Maximal runs of \w of at least two code points: what (?u)\b\w\w+\b matches.
void default_pattern_tokens(std::string_view text, std::uint64_t base, TokenBuffer& out) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Skip non-word characters.
    std::size_t start = i;
    std::size_t chars = 0;
    while (i < n) {
      const auto b = static_cast<unsigned char>(text[i]);
      std::uint32_t len = 1;
      bool word;
      if (b < 0x80) {
        word = ascii_word(b);
      } else {
        word = unicode::is_word(utf8::decode_valid(text.data() + i, len));
      }
      if (!word) {
        if (chars >= 2) break;
        chars = 0;
        i += len;
        start = i;
        continue;
      }
      if (chars == 0) start = i;
      ++chars;
      i += len;
    }
    if (chars >= 2)
      out.tokens.push_back({text.substr(start, i - start), {base + start, base + i}});
  }
}

}  // namespace

struct RegexTokenizer::Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
  int group = 0;  // which group is the token
};

std::string RegexTokenizer::translate_python_pattern(std::string_view p) {
  std::string out;
  out.reserve(p.size() * 2);
  const std::string word_class = fmt::format("[{}]", kWordSet);
  const std::string nonword_class = fmt::format("[^{}]", kWordSet);
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[++i];
      switch (e) {
        case 'w': out += in_class ? std::string(kWordSet) : word_class; break;
        case 'W': out += nonword_class; break;
        case 's': out += in_class ? std::string(kSpaceSet) : fmt::format("[{}]", kSpaceSet); break;
        case 'S': out += fmt::format("[^{}]", kSpaceSet); break;
        case 'd': out += R"(\p{Nd})"; break;
        case 'D': out += R"([^\p{Nd}])"; break;
        case 'b':
          if (in_class) {
            out += R"(\x{08})";
          } else {
            out += fmt::format("(?:(?<={0})(?!{0})|(?<!{0})(?={0}))", word_class);
          }
          break;
        case 'B':
          out += fmt::format("(?:(?<={0})(?={0})|(?<!{0})(?!{0}))", word_class);
          break;
        case 'Z': out += R"(\z)"; break;
        default:
          out.push_back('\\');
          out.push_back(e);
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      // ICU gives '[' (nested set), '{' (string) and '&' (intersection) meanings inside a set;
      // in Python they are literals.
      if (c == '[' || c == '{' || c == '}' || c == '&') {
        out.push_back('\\');
        out.push_back(c);
        continue;
      }
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      if (i + 1 < p.size() && p[i + 1] == '^') out.push_back(p[++i]);
      // A ']' first in a Python class is a literal.
      if (i + 1 < p.size() && p[i + 1] == ']') {
        out += R"(\])";
        ++i;
      }
      continue;
    }
    if (c == '(' && p.substr(i).starts_with("(?P<")) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (c == '(' && p.substr(i).starts_with("(?P=")) {
      const std::size_t close = p.find(')', i);
      if (close == std::string_view::npos) throw UsageError("regex: unterminated (?P=name)");
      out += fmt::format(R"(\k<{}>)", p.substr(i + 4, close - i - 4));
      i = close;
      continue;
    }
    if (c == '(' && i + 2 < p.size() && p[i + 1] == '?') {
      // Inline flags: Python's 'u' is the default for str patterns; 'a' and 'L' change \w.
      std::size_t j = i + 2;
      std::string flags;
      while (j < p.size() && std::string_view("aiLmsux").find(p[j]) != std::string_view::npos)
        flags.push_back(p[j++]);
      if (!flags.empty() && j < p.size() && (p[j] == ')' || p[j] == ':' || p[j] == '-')) {
        if (flags.find('a') != std::string::npos || flags.find('L') != std::string::npos)
          throw UsageError("regex: the (?a) and (?L) flags are not supported");
        std::string kept;
        for (const char f : flags)
          if (f != 'u') kept.push_back(f);
        if (kept.empty() && p[j] == ')') {
          i = j;  // drop "(?u)"
          continue;
        }
        out += "(?" + kept;
        i = j - 1;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

RegexTokenizer::RegexTokenizer(std::string pattern) : pattern_(std::move(pattern)) {
  if (pattern_ == kDefaultPattern) return;
  auto compiled = std::make_unique<Compiled>();
  const std::string icu_pattern = translate_python_pattern(pattern_);
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr{};
  compiled->pattern.reset(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8(icu_pattern), UREGEX_UNIX_LINES, perr, status));
  if (U_FAILURE(status)) {
    throw UsageError(fmt::format("regex: invalid pattern {:?}: {} (offset {})", pattern_,
                                 u_errorName(status), perr.offset));
  }
  UErrorCode st2 = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(compiled->pattern->matcher(st2));
  const int groups = U_SUCCESS(st2) ? m->groupCount() : 0;
  if (groups > 1) {
    throw UsageError(fmt::format(
        "regex: pattern {:?} has {} capturing groups; at most one is allowed (use (?:...) for "
        "the others)",
        pattern_, groups));
  }
  compiled->group = groups;
  compiled_ = std::move(compiled);
}

RegexTokenizer::~RegexTokenizer() = default;

void RegexTokenizer::tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const {
  if (!compiled_) {
    default_pattern_tokens(text, base, out);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  std::unique_ptr<icu::RegexMatcher> m(compiled_->pattern->matcher(status));
  if (U_FAILURE(status)) {
    utext_close(&ut);
    throw Error(fmt::format("regex: cannot create a matcher: {}", u_errorName(status)));
  }
  m->reset(&ut);
  const int g = compiled_->group;
  while (m->find(status) && U_SUCCESS(status)) {
    const int64_t b = m->start64(g, status);
    const int64_t e = m->end64(g, status);
    if (b < 0 || e <= b) continue;  // group did not take part, or empty match
    const auto ub = static_cast<std::size_t>(b), ue = static_cast<std::size_t>(e);
    out.tokens.push_back({text.substr(ub, ue - ub), {base + ub, base + ue}});
  }
  utext_close(&ut);
  if (U_FAILURE(status))
    throw Error(fmt::format("regex: matching failed: {}", u_errorName(status)));
}

}  // namespace nlp
