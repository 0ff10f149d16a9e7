#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "nlp/error.hpp"
#include "nlp/tokenize/char_tokenizer.hpp"
#include "nlp/tokenize/icu_word_tokenizer.hpp"
#include "nlp/tokenize/regex_tokenizer.hpp"
#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/tokenize/treebank_tokenizer.hpp"
#include "nlp/tokenize/tweet_tokenizer.hpp"
#include "nlp/tokenize/ud_tokenizer.hpp"
#include "nlp/tokenize/whitespace_tokenizer.hpp"

namespace nlp {
namespace {

constexpr std::array<std::string_view, 9> kNames = {
    "whitespace", "regex", "treebank", "word", "icu-word", "tweet", "char", "char-ngram", "ud",
};

}  // namespace

std::span<const std::string_view> tokenizer_names() { return kNames; }

std::unique_ptr<Tokenizer> make_tokenizer(const TokenizerOptions& o) {
  if (o.name == "whitespace") return std::make_unique<WhitespaceTokenizer>();
  if (o.name == "regex")
    return std::make_unique<RegexTokenizer>(o.pattern.empty() ? std::string(RegexTokenizer::kDefaultPattern)
                                                              : o.pattern);
  if (o.name == "treebank")
    return std::make_unique<TreebankTokenizer>(TreebankTokenizer::Flavor::treebank, o.convert_parentheses);
  if (o.name == "word")
    return std::make_unique<TreebankTokenizer>(TreebankTokenizer::Flavor::word, o.convert_parentheses);
  if (o.name == "icu-word") return std::make_unique<IcuWordTokenizer>(o.lang);
  if (o.name == "tweet") return std::make_unique<TweetTokenizer>();
  if (o.name == "char") return std::make_unique<CharTokenizer>();
  if (o.name == "char-ngram")
    return std::make_unique<CharNgramTokenizer>(o.ngram_min, o.ngram_max, o.char_wb);
  if (o.name == "ud") return std::make_unique<UdTokenizer>(o.lang, o.split_contractions);
  throw UsageError(fmt::format("unknown tokenizer {:?}; choose one of: {}", o.name,
                               fmt::join(kNames, ", ")));
}

std::vector<std::string> tokenize_to_strings(const Tokenizer& tok, std::string_view text) {
  TokenBuffer buf;
  tok.tokenize(text, 0, buf);
  std::vector<std::string> out;
  out.reserve(buf.tokens.size());
  for (const auto& t : buf.tokens) out.emplace_back(t.text);
  return out;
}

}  // namespace nlp
