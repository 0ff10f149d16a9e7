#pragma once
// Spanish lemmatization internals (es-ud-v1), visible to the unit tests: the dictionary of
// Hunspell roots, the closed-class and irregular-verb tables, and the candidate generators.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "nlp/morph/pos.hpp"

namespace nlp::morph::es {

// Immutable data shared by every clone of a Spanish lemmatizer.
struct SpanishData {
  std::string aff_path, dic_path;
  // Hunspell dictionary roots (the .dic words, case kept) -> their affix flags (UTF-8 flags
  // concatenated over homograph lines).
  std::unordered_map<std::string, std::string> roots;
  // Lowercase closed-class form -> (bit mask of UPOS tags, lemma) alternatives.
  struct Closed {
    std::uint32_t upos_mask = 0;
    std::string lemma;
  };
  std::unordered_map<std::string, std::vector<Closed>> closed;
  // Lowercase irregular verb form -> infinitive; `prefixable` when derived verbs share it.
  struct Irregular {
    std::string infinitive;
    bool prefixable = false;
  };
  std::unordered_map<std::string, Irregular> irregular;

  bool is_root(std::string_view w) const { return roots.find(std::string(w)) != roots.end(); }
  bool root_has_flag(std::string_view w, std::string_view flag) const;
  const Closed* closed_lemma(std::string_view lower, Upos pos) const;
};

// Reads es_ES.dic (and checks es_ES.aff) in `dir` plus the bundled tables. Throws nlp::Error
// naming the path and the Debian package hunspell-es when the dictionary is missing.
std::shared_ptr<const SpanishData> load_spanish_data(const std::string& dir);

// The Hunspell directory for options: `dir`, else $NLP_HUNSPELL_DIR, else /usr/share/hunspell.
std::string hunspell_dir(const std::string& dir);

// Validity of a candidate lemma: 2 = a dictionary root, 1 = a word the dictionary accepts
// (spell check), 0 = neither.
using Validator = std::function<int(const std::string&)>;

// The lemma of a lowercase Spanish word by part of speech, from the rules and tables (no
// lexicon). Exposed for tests; es-ud-v1 adds case handling, numbers and symbols around it.
std::string lemmatize_lower(const SpanishData& d, const Validator& valid, const std::string& w,
                            Upos pos);

// Candidate infinitives of a verb form, best first (regular endings, stem changes, spelling
// changes, irregular stems), unvalidated. For tests and the fallback.
struct VerbCandidate {
  std::string infinitive;
  int weight = 0;          // how common the reading is, less the stem changes undone
  std::size_t ending = 0;  // bytes of the ending replaced
  bool changed = false;    // a stem or spelling change was undone
};
std::vector<VerbCandidate> verb_candidates(const SpanishData& d, const std::string& w);

// "1.234,5" -> "1234.5" (Spanish thousands dots and decimal comma); nullopt-like "" when `w`
// is not a number written that way.
std::string normalize_number(std::string_view w);

}  // namespace nlp::morph::es
