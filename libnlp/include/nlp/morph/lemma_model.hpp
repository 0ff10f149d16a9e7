#pragma once
// A lemmatizer trained from examples (usually a CoNLL-U treebank's FORM, UPOS and LEMMA columns),
// for any language: a lexicon of (form, UPOS) -> the most frequent lemma, and suffix edit scripts
// ("remove k bytes, append s", on the form as written or lowercased) chosen by UPOS and the
// longest suffix of the word seen in training, the most frequent script winning.
//   std::vector<nlp::LemmaExample> ex = {{"casas", nlp::Upos::NOUN, "casa"}, ...};
//   nlp::train_lemma_model(ex, {}, "es", "es.lemma");
//   auto l = nlp::make_lemmatizer({.lang = "es", .method = "model", .model = "es.lemma"});
//   l->lemmatize("mesas", nlp::Upos::NOUN);   // "mesa"
// The file layout is documented in docs/formats/lemmatizer-model.md ("nlp.lemmatizer",
// version 1). Training is deterministic: the same examples and options give the same bytes.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "nlp/morph/pos.hpp"

namespace nlp {

struct LemmaExample {
  std::string form;  // the word as written (valid UTF-8)
  Upos upos = Upos::none;
  std::string lemma;  // "" or "_" (no annotation) makes the example skipped and counted
};

struct LemmaTrainOptions {
  // (form, UPOS) pairs seen fewer times than this are left out of the lexicon.
  std::uint32_t min_lexicon_count = 1;
  // Longest suffix, in code points, that conditions an edit script (1..32).
  std::uint32_t max_suffix_length = 8;
  // A (UPOS, suffix) class is kept only if at least this many distinct (form, lemma) pairs
  // (or tokens, with count_tokens) end with it. The empty suffix of each UPOS is always kept.
  std::uint32_t min_suffix_count = 2;
  // Count every token for the suffix scripts instead of each distinct (form, lemma) pair once.
  // Types generalize better to unseen words, which are what the scripts are for.
  bool count_tokens = false;
  // Leave out lexicon entries whose lemma the suffix scripts already give (smaller model, same
  // lemmas on the training data).
  bool prune_lexicon = true;
};

struct LemmaTrainStats {
  std::uint64_t examples = 0;         // examples given
  std::uint64_t skipped = 0;          // without a lemma, with an empty form or invalid UTF-8
  std::uint64_t lexicon_entries = 0;  // (form, UPOS) entries written
  std::uint64_t suffix_rules = 0;     // (UPOS, suffix) scripts written
  std::uint64_t bytes = 0;            // size of the file written
};

// Trains a model on `examples` and writes it to `out` atomically (out + ".tmp", then rename).
// `lang` is recorded in the header ("es", "en", ...). An empty training set (or one whose
// examples were all skipped) is an error. Throws UsageError for invalid options or no usable
// example, IoError when the file cannot be written.
LemmaTrainStats train_lemma_model(std::span<const LemmaExample> examples,
                                  const LemmaTrainOptions& opts, const std::string& lang,
                                  const std::filesystem::path& out);

}  // namespace nlp
