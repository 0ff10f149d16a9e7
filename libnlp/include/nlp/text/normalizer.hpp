#pragma once
// Unicode normalization, case mapping, accent stripping and whitespace normalization, with a map
// from every output byte back to the input, so tokens of normalized text keep their spans in
// the original document.
//   nlp::Normalizer norm({.case_mode = nlp::CaseMode::lower, .strip_accents = nlp::AccentMode::unicode});
//   nlp::NormalizedText scratch;
//   std::string_view t = norm.normalize("Café", scratch);        // "cafe"
//   nlp::ByteSpan src = scratch.to_source(0, 4);                  // {0, 5}
// Steps, in this order: Unicode form (ICU NFC/NFD/NFKC/NFKD); case (Python's str.lower() —
// full lowercase mapping with final sigma — or str.casefold(), i.e. full default case folding);
// accents (scikit-learn's strip_accents: 'unicode' = NFKD then drop characters whose canonical
// combining class is not 0, 'ascii' = NFKD then drop every non-ASCII character); whitespace
// (runs of Unicode whitespace become one space, leading and trailing whitespace removed).
// Thread-safe (const; ICU normalizers are shared singletons). Input must be valid UTF-8 and
// shorter than 2 GiB (ICU's edit records are 32-bit); normalize() throws nlp::Error otherwise.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "nlp/token.hpp"

namespace nlp {

enum class UnicodeForm { none, nfc, nfd, nfkc, nfkd };
enum class CaseMode { keep, lower, fold };
enum class AccentMode { keep, unicode, ascii };

struct NormalizeOptions {
  UnicodeForm form = UnicodeForm::none;
  CaseMode case_mode = CaseMode::keep;
  AccentMode strip_accents = AccentMode::keep;
  bool whitespace = false;
  bool operator==(const NormalizeOptions&) const = default;
};

// Output of one normalize() call; reuse it across documents to avoid allocations.
class NormalizedText {
 public:
  NormalizedText();
  ~NormalizedText();
  NormalizedText(NormalizedText&&) noexcept;
  NormalizedText& operator=(NormalizedText&&) noexcept;

  // The source span of output bytes [begin, end); identity when nothing changed.
  ByteSpan to_source(std::uint64_t begin, std::uint64_t end) const;
  bool identity() const noexcept { return identity_; }
  const std::string& text() const noexcept { return text_; }

 private:
  friend class Normalizer;
  struct Edits;
  std::string text_, tmp_;
  std::unique_ptr<Edits> edits_;
  std::uint64_t source_length_ = 0;
  bool identity_ = true;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizeOptions opts = {});
  // Returns the normalized text: `in` itself when no step changes it, else scratch.text().
  std::string_view normalize(std::string_view in, NormalizedText& scratch) const;
  // True when every step is off.
  bool is_noop() const noexcept;
  const NormalizeOptions& options() const noexcept { return opts_; }

 private:
  NormalizeOptions opts_;
};

// Names used in configs and on the command line.
const char* to_string(UnicodeForm f);
const char* to_string(CaseMode c);
const char* to_string(AccentMode a);
UnicodeForm parse_unicode_form(std::string_view s);  // none|nfc|nfd|nfkc|nfkd, else UsageError
CaseMode parse_case_mode(std::string_view s);        // keep|lower|fold
AccentMode parse_accent_mode(std::string_view s);    // keep|unicode|ascii

// Lowercases / casefolds one string (Python str.lower() / str.casefold()); ASCII fast path.
void apply_case(std::string_view in, CaseMode mode, std::string& out);
// Uppercases one valid UTF-8 string as Python's str.upper() does (full mappings: "ß" -> "SS").
void to_upper(std::string_view in, std::string& out);

}  // namespace nlp
