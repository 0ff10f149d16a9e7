#pragma once
// The trained lemmatizer model in memory (nlp.lemmatizer format version 1; see
// docs/formats/lemmatizer-model.md), shared read-only between lemmatizer clones.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "nlp/morph/pos.hpp"

namespace nlp::morph {

// Lowercases valid UTF-8 with the simple (1:1) Unicode mapping into `out` (cleared first).
void lower_utf8(std::string_view s, std::string& out);

// A suffix edit script: take the form (lowercased when `lower`), remove `strip` bytes from its
// end, append `append`.
struct EditScript {
  bool lower = false;
  std::uint32_t strip = 0;
  std::string append;
};

// Applies `s` to `form` (whose lowercase is `lowered`) into `out`. False when the script does not
// fit the word (strip longer than it, or a cut inside a UTF-8 sequence, or an empty result).
bool apply_script(const EditScript& s, std::string_view form, std::string_view lowered,
                  std::string& out);

class LemmaModel {
 public:
  inline static constexpr std::uint32_t kFormatVersion = 1;

  // Reads and validates a model file. Throws IoError (cannot read) or FormatError naming the
  // file and byte offset (bad magic, truncated, corrupt, too new).
  static std::shared_ptr<const LemmaModel> load(const std::string& path);
  // The same from bytes in memory; `name` is used in messages.
  static std::shared_ptr<const LemmaModel> parse(std::string_view bytes, const std::string& name);

  // Per-caller scratch buffers, so that one const model serves every thread.
  struct Scratch {
    std::string key, lowered;
  };

  // The lexicon's lemma of `word` with `pos` (exact form first, then lowercased); with
  // Upos::none the most frequent over all tags. nullptr when absent.
  const std::string* lookup(std::string_view word, Upos pos, Scratch& scratch) const;
  // The script of the longest known suffix of `word` that fits it; false when none does.
  bool lemmatize_by_rules(std::string_view word, Upos pos, Scratch& scratch,
                          std::string& out) const;
  // lookup(), else the script of the longest known suffix; else the word unchanged.
  void lemmatize(std::string_view word, Upos pos, Scratch& scratch, std::string& out) const;

  const std::string& lang() const noexcept { return lang_; }
  std::uint32_t max_suffix_length() const noexcept { return max_suffix_; }
  std::size_t lexicon_size() const noexcept { return lexicon_.size(); }
  std::size_t rule_count() const noexcept { return rules_.size(); }

  struct LexEntry {
    std::uint32_t count = 0;
    std::string lemma;
  };
  struct Rule {
    std::uint32_t count = 0;  // examples with this (UPOS, suffix)
    std::uint32_t best = 0;   // of which the script fits
    EditScript script;
  };
  // Keys are one byte of UPOS followed by the form (lexicon) or the lowercased suffix (rules).
  std::unordered_map<std::string, LexEntry> lexicon_;
  std::unordered_map<std::string, Rule> rules_;
  std::string lang_;
  std::uint32_t max_suffix_ = 0;
};

}  // namespace nlp::morph
