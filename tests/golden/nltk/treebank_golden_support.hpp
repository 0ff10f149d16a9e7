#pragma once
// The four treebank/word tokenizer variants the NLTK goldens cover, and the characters NLTK
// rewrites into tokens.
#include <array>
#include <string_view>

#include "nlp/tokenize/treebank_tokenizer.hpp"
#include "support/golden_files.hpp"

namespace nlp::test::treebank {

struct Variant {
  std::string_view name;  // as in the golden file names
  TreebankTokenizer::Flavor flavor;
  bool convert_parentheses;
};
inline constexpr std::array<Variant, 4> kVariants = {{
    {"treebank", TreebankTokenizer::Flavor::treebank, false},
    {"treebank-cp", TreebankTokenizer::Flavor::treebank, true},
    {"word", TreebankTokenizer::Flavor::word, false},
    {"word-cp", TreebankTokenizer::Flavor::word, true},
}};

// The characters NLTK replaces, by token: `` for " or '', '' for ", -LRB- for ( ...
inline bool is_rewrite_of(std::string_view token, std::string_view original) {
  if (token == "``") return original == "\"" || original == "''";
  if (token == "''") return original == "\"" || original == "''";
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kBrackets = {{
      {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
  }};
  for (const auto& [tok, orig] : kBrackets)
    if (token == tok && original == orig) return true;
  return false;
}

}  // namespace nlp::test::treebank
