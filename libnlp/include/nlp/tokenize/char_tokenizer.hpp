#pragma once
// Character tokenizers.
//   CharTokenizer: one token per user-perceived character (extended grapheme cluster, UAX #29),
//     so "e" + U+0301, a flag or a ZWJ emoji family is one token; whitespace is dropped.
//   CharNgramTokenizer: scikit-learn's character n-grams over code points. analyzer='char':
//     runs of two or more whitespace characters become one space, then every n-gram for
//     n = min..max in that order; analyzer='char_wb' (char_wb = true): n-grams of each
//     whitespace-separated word padded with one space on each side, short words once.
//     N-grams may contain spaces; their spans cover the original characters (a padding space
//     has no source, so it adds nothing to the span).
// Thread-safe. CharNgramTokenizer's constructor throws UsageError if min is 0 or min > max.
#include <memory>
#include <string>

#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {
namespace detail { class SharedBreakIterator; }

class CharTokenizer final : public Tokenizer {
 public:
  CharTokenizer();
  ~CharTokenizer() override;
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return "char-v1"; }

 private:
  std::unique_ptr<detail::SharedBreakIterator> iter_;
};

class CharNgramTokenizer final : public Tokenizer {
 public:
  CharNgramTokenizer(std::size_t min_n, std::size_t max_n, bool word_bounded);
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return wb_ ? "char-wb-ngram-v1" : "char-ngram-v1"; }

 private:
  std::size_t min_n_, max_n_;
  bool wb_;
};

}  // namespace nlp
