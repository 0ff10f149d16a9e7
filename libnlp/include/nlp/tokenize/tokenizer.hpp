#pragma once
// The tokenizer interface and the factory that builds a tokenizer by its name.
//   auto tok = nlp::make_tokenizer({.name = "treebank"});
//   nlp::TokenBuffer buf;  tok->tokenize("Don't stop.", 0, buf);   // Do n't stop .
// Tokenizers are const and stateless after construction: one instance serves every thread.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/token.hpp"
#include "nlp/util/arena.hpp"

namespace nlp {

// Tokens of one document plus storage for token texts that are not slices of the input
// (a converted quote, a padded character n-gram, a lowercased word).
struct TokenBuffer {
  std::vector<Token> tokens;
  StringArena arena;
  void clear() noexcept {
    tokens.clear();
    arena.clear();
  }
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;
  // Appends the tokens of `text` to `out`. `base` is the byte offset of `text` in the original
  // input; spans are `base` + offsets into `text`. `text` must be valid UTF-8. Token texts view
  // `text`, static storage or `out.arena`.
  virtual void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const = 0;
  // Frozen name and version of the algorithm, e.g. "treebank-v1"; a behaviour change gets a
  // new version.
  virtual std::string_view id() const = 0;
};

struct TokenizerOptions {
  // whitespace | regex | treebank | word | icu-word | tweet | char | char-ngram | ud
  std::string name = "whitespace";
  std::string lang = "en";      // BCP 47 language; picks ICU locale and language rules
  std::string pattern;          // regex: empty means scikit-learn's (?u)\b\w\w+\b
  bool convert_parentheses = false;  // treebank, word: ( -> -LRB- ...
  std::size_t ngram_min = 1, ngram_max = 1;  // char-ngram: n-gram lengths in code points
  bool char_wb = false;         // char-ngram: n-grams inside word boundaries only (char_wb)
  // ud: emit the syntactic words of multiword tokens ("don't" -> "do" "n't", "del" -> "de" "el",
  // "dárselo" -> "dar" "se" "lo"), each with the span of the surface token.
  bool split_contractions = false;
};

// Builds the tokenizer `opts.name`. Throws UsageError for an unknown name or invalid options
// (a bad regex pattern, ngram_min > ngram_max).
std::unique_ptr<Tokenizer> make_tokenizer(const TokenizerOptions& opts);

// The names make_tokenizer accepts, in documentation order.
std::span<const std::string_view> tokenizer_names();

// Convenience for tests and small tools: the token texts as strings.
std::vector<std::string> tokenize_to_strings(const Tokenizer& tok, std::string_view text);

}  // namespace nlp
