#pragma once
// Word segmentation by ICU's word boundary rules (UAX #29 plus ICU's dictionaries), so Chinese,
// Japanese, Thai, Khmer, Lao and Burmese text is split into words. Segments made only of
// whitespace are dropped; punctuation and symbols are tokens of their own.
//   IcuWordTokenizer tok{"th"};
// Thread-safe (each thread uses its own clone of the ICU iterator). The constructor throws
// UsageError for an invalid language tag and nlp::Error if ICU fails.
#include <memory>
#include <string>

#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {
namespace detail { class SharedBreakIterator; }

class IcuWordTokenizer final : public Tokenizer {
 public:
  explicit IcuWordTokenizer(const std::string& lang = "en");
  ~IcuWordTokenizer() override;
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return "icu-word-v1"; }

 private:
  std::unique_ptr<detail::SharedBreakIterator> iter_;
};

}  // namespace nlp
