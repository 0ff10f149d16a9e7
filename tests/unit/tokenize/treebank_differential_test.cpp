// Differential test: the treebank and word tokenizers (which tokenize most chunks directly from
// byte masks) against the plain substitution chain (detail::TreebankRewriter, a pass-by-pass
// transcription of NLTK's regular expressions) followed by str.split(). The two must give the
// same tokens on every text.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "nlp/tokenize/treebank_tokenizer.hpp"
#include "nlp/tokenize/whitespace_tokenizer.hpp"
#include "support/golden_files.hpp"
#include "tokenize/treebank_rewrite.hpp"

namespace {

using Flavor = nlp::TreebankTokenizer::Flavor;

// Tokens of the chain: rewrite, then split on Python whitespace.
std::vector<std::string> chain_tokens(nlp::detail::TreebankRewriter& rw, std::string_view text, Flavor f,
                                      bool convert) {
  const std::string_view out = rw.rewrite(
      text, f == Flavor::treebank ? nlp::detail::TreebankFlavor::treebank : nlp::detail::TreebankFlavor::word,
      convert);
  return nlp::tokenize_to_strings(nlp::WhitespaceTokenizer{}, out);
}

std::size_t count_differences(const std::vector<std::string>& texts) {
  nlp::detail::TreebankRewriter rw;
  std::size_t differ = 0;
  for (const Flavor f : {Flavor::treebank, Flavor::word}) {
    for (const bool convert : {false, true}) {
      const nlp::TreebankTokenizer tok(f, convert);
      for (const std::string& text : texts) {
        const auto fast = nlp::tokenize_to_strings(tok, text);
        const auto slow = chain_tokens(rw, text, f, convert);
        if (fast == slow) continue;
        if (differ++ == 0) {
          UNSCOPED_INFO("first difference (" << (f == Flavor::treebank ? "treebank" : "word")
                                             << (convert ? ", convert_parentheses" : "") << "): ["
                                             << text << "]");
          CHECK(fast == slow);
        }
      }
    }
  }
  return differ;
}

// Pieces that exercise chunk classification: words, marks, quotes, brackets, apostrophes,
// hyphens, digits, every kind of whitespace, non-ASCII letters and digits, emoji, long runs.
const std::vector<std::string_view> kPieces = {
    "word", "Word", "WORD", "a", "I", "x9", "3", "3.14", "1,000", "12:30", "-", "--", "---", "'",
    "''", "\"", "`", "``", ".", "..", "...", ",", ":", ";", "!", "?", "@", "#", "$", "%", "&", "*",
    "(", ")", "[", "]", "{", "}", "<", ">", "/", "_", "n't", "N'T", "'s", "'S", "'ll", "'re", "'ve",
    "'m", "'d", "can", "not", "gon", "na", "wan", "t", "is", "was", "more", "'n", "d", "'ye", " ",
    " ", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\u3000", "\u00E9t\u00E9", "na\u0308ive",
    "\u0661\u0662", "\uFF11", "\u00BD", "\u017F", "\u0130", "\u00AB", "\u00BB", "\u201C", "\u201D",
    "\u2018", "\u2019", "\u201E", "\U0001F600", "\u200D", "\u200B", "\u0301", "e-mail", "co-op",
    "Mr.", "U.S.", "can't", "CANNOT", "'tis", "'Twas", "gimme", "lemme", "gotta", "wanna ",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"};

}  // namespace

TEST_CASE("treebank differential: random texts give the chain's tokens", "[tokenize][treebank]") {
  const auto texts = nlp::test::golden::random_texts(kPieces, 20000, 977, 24);
  CHECK(count_differences(texts) == 0);
}

TEST_CASE("treebank differential: long texts crossing many 64-byte blocks", "[tokenize][treebank]") {
  const auto texts = nlp::test::golden::random_texts(kPieces, 300, 4242, 400);
  CHECK(count_differences(texts) == 0);
}

TEST_CASE("treebank differential: edge texts", "[tokenize][treebank]") {
  const std::vector<std::string> texts = {
      "", " ", "\n", "a", ".", "a.", "a. ", "a.\n", "\"", "\"a\"", "'", "a'", "'a", "a' ", "x (y).",
      "\xEF\xBB\xBF" "BOM start.", std::string(1 << 20, 'a') + ".", std::string(100000, '.'),
      std::string(70, ' ') + "end.", "don't\r\nstop.\r\n"};
  CHECK(count_differences(texts) == 0);
}
