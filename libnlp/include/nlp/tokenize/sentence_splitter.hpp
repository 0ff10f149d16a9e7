#pragma once
// Sentence boundaries by ICU's sentence break rules (UAX #29), corrected with per-language
// abbreviation lists: no break after "Mr.", "etc.", "Sr.", "p. ej." and the like when the next
// sentence would start in lowercase or with a digit, or when the abbreviation never ends a
// sentence ("Dr.", "Sra.").
//   SentenceSplitter ss{"es"};
//   std::vector<ByteSpan> spans;  ss.split("Vino el Sr. Pérez. Habló.", 0, spans);  // 2 spans
// Spans exclude the whitespace between sentences. Thread-safe (per-thread ICU clones). The
// constructor throws UsageError for an invalid language tag.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/token.hpp"

namespace nlp {
namespace detail { class SharedBreakIterator; }

class SentenceSplitter {
 public:
  explicit SentenceSplitter(const std::string& lang = "en");
  ~SentenceSplitter();
  // Appends the sentence spans of `text` (offsets + base) to `out`.
  void split(std::string_view text, std::uint64_t base, std::vector<ByteSpan>& out) const;
  std::string_view id() const { return "icu-sentence-abbrev-v1"; }
  const std::string& lang() const noexcept { return lang_; }

 private:
  struct Abbreviations;
  std::string lang_;
  std::unique_ptr<detail::SharedBreakIterator> iter_;
  std::unique_ptr<Abbreviations> abbrev_;
};

}  // namespace nlp
