#pragma once
// sacreBLEU 2.6.0's tokenizers for BLEU: `13a` (mteval-v13a, the default), `intl`
// (mteval-v14's international tokenization: Unicode punctuation and symbols), `char` (every
// character a token), `none`, and `zh` (each CJK character a token, the rest as 13a).
//   auto tok = nlp::metrics::make_sacrebleu_tokenizer("13a");
//   std::string out;  tok->tokenize("Hello, world!", out);   // "Hello , world !"
// The output is the tokenized line with tokens separated by single spaces (for `none`, the line
// unchanged), as sacreBLEU's tokenizers return it. Thread-safe (const). The input must be valid
// UTF-8. make_sacrebleu_tokenizer throws UsageError for an unknown name.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nlp::metrics {

class SacrebleuTokenizer {
 public:
  virtual ~SacrebleuTokenizer() = default;
  // Replaces `out` with the tokenized `line`.
  virtual void tokenize(std::string_view line, std::string& out) const = 0;
  // The tokens of `line`, as tokenize() and then Python's split() give them: views into `buffer`,
  // valid until it changes.
  virtual void words(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) const;
  // The name sacreBLEU's signature uses ("13a", "intl", "char", "none", "zh").
  virtual std::string signature() const = 0;
};

std::unique_ptr<SacrebleuTokenizer> make_sacrebleu_tokenizer(std::string_view name);
std::vector<std::string> sacrebleu_tokenizer_names();

// Python's str.split() into `out` (views into `text`): runs of Unicode whitespace separate.
void split_python_whitespace(std::string_view text, std::vector<std::string_view>& out);
// Python's str.rstrip(): `text` without its trailing Unicode whitespace.
std::string_view rstrip_python(std::string_view text);

}  // namespace nlp::metrics
