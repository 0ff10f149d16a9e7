#pragma once
// Tokens are the matches of a regular expression, as scikit-learn's `token_pattern` finds them
// (`re.findall`): with one capturing group the group is the token, otherwise the whole match.
//   RegexTokenizer{}            // (?u)\b\w\w+\b, identical to CountVectorizer's default
//   RegexTokenizer{R"(\S+)"}    // any other pattern
// Patterns use Python `re` syntax as far as ICU's regex engine allows: \w \W \d \s \b \B keep
// Python's meanings for str patterns, (?P<name>...) and (?P=name) are accepted, and `$` and `.`
// treat only "\n" as a line end. The default pattern runs on a hand-written scanner (no regex
// engine); others run on ICU. Empty matches are not tokens.
// Thread-safe (the compiled pattern is shared; matchers are per call). The constructor throws
// UsageError for an invalid pattern or one with more than one capturing group.
#include <memory>
#include <string>

#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

class RegexTokenizer final : public Tokenizer {
 public:
  static constexpr std::string_view kDefaultPattern = R"((?u)\b\w\w+\b)";

  explicit RegexTokenizer(std::string pattern = std::string(kDefaultPattern));
  ~RegexTokenizer() override;
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return "regex-v1"; }
  const std::string& pattern() const noexcept { return pattern_; }

  // The ICU pattern a Python pattern is translated to (exposed for tests and --explain).
  static std::string translate_python_pattern(std::string_view pattern);

 private:
  struct Compiled;
  std::string pattern_;
  std::unique_ptr<Compiled> compiled_;  // null for the default pattern (fast path)
};

}  // namespace nlp
