#pragma once
// Splits on runs of Unicode whitespace exactly as Python's str.split() does (str.isspace()).
//   WhitespaceTokenizer{}.tokenize("a\u00A0b  c", 0, buf);   // a b c
// Thread-safe (const, no state). Never throws.
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

class WhitespaceTokenizer final : public Tokenizer {
 public:
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return "whitespace-v1"; }
};

}  // namespace nlp
