#pragma once
// Token filters of the preprocessing pipeline, applied in this order to each token:
//   1. contractions  keep | expand  (English: "won't" -> "will not", "wo n't" -> "will not")
//   2. kind          URLs, e-mails, @mentions, #hashtags, numbers: keep | drop | replace
//                    (by a placeholder such as "<url>"); punctuation (every character in
//                    Unicode category P*): keep | drop; symbols (no letter, digit or mark, not
//                    all punctuation: "+", "©", "→", emoji): keep | drop; special characters
//                    inside words: keep | strip (remove everything but letters, digits, marks,
//                    and apostrophes or hyphens between letters)
//   3. case          keep | lower | fold (Python str.lower() / str.casefold())
//   4. stopwords     drop tokens found (case-insensitively) in the chosen lists
//   5. length        drop tokens shorter than min_length or longer than max_length code points
//                    (0 = no limit); placeholders are never dropped by length
// Tokens produced by expansion or replacement keep the span of the token they came from.
//   TokenFilter f(opts);  f.apply(buf);   // filters buf.tokens in place
// Thread-safe (const after construction). The constructor throws UsageError for an unknown
// stopword list.
#include <memory>
#include <string>
#include <vector>

#include "nlp/text/normalizer.hpp"
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

enum class KindAction { keep, drop, replace };
enum class SpecialAction { keep, drop, strip };

struct FilterOptions {
  bool expand_contractions = false;
  KindAction urls = KindAction::keep, emails = KindAction::keep, mentions = KindAction::keep,
             hashtags = KindAction::keep, numbers = KindAction::keep;
  bool drop_punctuation = false;
  bool drop_symbols = false;
  bool strip_special = false;
  CaseMode case_mode = CaseMode::keep;
  // Bundled lists: "en" (the language's default list), "nltk:en" or "nltk:english", "iso:es",
  // "sklearn:en". See stopword_list_names().
  std::vector<std::string> stopword_lists;
  std::vector<std::string> stopwords;  // extra words (e.g. read from a user file)
  std::size_t min_length = 0, max_length = 0;
  std::string url_placeholder = "<url>", email_placeholder = "<email>",
              mention_placeholder = "<user>", hashtag_placeholder = "<hashtag>",
              number_placeholder = "<num>";
  bool operator==(const FilterOptions&) const = default;
};

enum class TokenKind { word, url, email, mention, hashtag, number, punctuation, symbol };
// What a token looks like (used by the filters; exposed for tests and statistics).
TokenKind classify_token(std::string_view token);
const char* to_string(TokenKind k);

class TokenFilter {
 public:
  explicit TokenFilter(FilterOptions opts);
  ~TokenFilter();
  // Rewrites buf.tokens; new texts go to buf.arena.
  void apply(TokenBuffer& buf) const;
  // True when no filter is enabled (apply() would change nothing).
  bool is_noop() const noexcept { return noop_; }
  const FilterOptions& options() const noexcept { return opts_; }
  // Number of distinct stopwords in effect.
  std::size_t stopword_count() const noexcept;

 private:
  struct Data;
  FilterOptions opts_;
  std::unique_ptr<Data> data_;
  bool noop_ = true;
  bool by_kind_ = false;  // some option acts on token kinds
};

// The bundled stopword lists, e.g. "iso:af" ... "nltk:en" ... "sklearn:en".
std::vector<std::string> stopword_list_names();
// The words of a bundled list; throws UsageError for an unknown name.
std::vector<std::string> stopword_list(const std::string& name);

const char* to_string(KindAction a);
KindAction parse_kind_action(std::string_view s);  // keep|drop|replace, else UsageError

}  // namespace nlp
