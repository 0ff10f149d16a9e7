#pragma once
// Penn Treebank word tokenization, token for token identical to NLTK 3.8:
//   TreebankTokenizer{}                     // "treebank-v1": nltk TreebankWordTokenizer().tokenize
//   TreebankTokenizer{Flavor::word}         // "word-v1": nltk NLTKWordTokenizer().tokenize, which is
//                                           // word_tokenize(text, preserve_line=True)
//   nlp::TokenBuffer buf;  TreebankTokenizer{}.tokenize("They'll pay $3.", 0, buf);
//   // They 'll pay $ 3 .
// Both split contractions (do n't, they 'll, can not, gon na), separate punctuation, turn double
// quotes into `` and '' and, with convert_parentheses, brackets into -LRB- -RRB- -LSB- -RSB- -LCB-
// -RCB-. The text is one unit: no sentence splitting, so like NLTK only a period at the very end
// (before closing brackets, quotes and whitespace) is split off.
//
// Spans: a token that appears verbatim in the input views it and its span slices it. A token
// NLTK rewrote (`` or '' made from `"` or `''`, -LRB- made from `(` ...) views a static string
// and its span covers the original characters (`"`, `''`, `(` ...).
//
// Thread-safe: const; per-thread scratch buffers are reused between calls. `text` must be valid
// UTF-8. Throws only std::bad_alloc.
#include <cstdint>
#include <string_view>

#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

class TreebankTokenizer final : public Tokenizer {
 public:
  enum class Flavor : std::uint8_t {
    treebank,  // nltk.tokenize.TreebankWordTokenizer
    word,      // nltk.tokenize.NLTKWordTokenizer: also splits off curly quotes and « », runs of
               // two or more periods, `*`, and a quote before a one-letter word ('x -> ' x)
  };

  explicit TreebankTokenizer(Flavor flavor = Flavor::treebank, bool convert_parentheses = false)
      : flavor_(flavor), convert_parentheses_(convert_parentheses) {}

  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override {
    return flavor_ == Flavor::treebank ? "treebank-v1" : "word-v1";
  }
  Flavor flavor() const noexcept { return flavor_; }
  bool convert_parentheses() const noexcept { return convert_parentheses_; }

 private:
  Flavor flavor_;
  bool convert_parentheses_;
};

}  // namespace nlp
