#pragma once
// Lemmatizers: English by WordNet (NLTK's WordNetLemmatizer exactly, or with Universal
// Dependencies conventions), Spanish by dictionary and rules, and models trained on a CoNLL-U
// treebank for any language.
//   auto l = nlp::make_lemmatizer({.lang = "en"});
//   l->lemmatize("running", nlp::Upos::VERB);   // "run"
// A Lemmatizer object is not thread-safe (caches, Hunspell state): give each thread its own,
// made with clone(). Data that does not change (WordNet, dictionaries, models) is shared
// between clones.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/morph/pos.hpp"

namespace nlp {

struct LemmatizerOptions {
  std::string lang = "en";  // en | es; other languages need a model
  // en: "ud" (default: WordNet plus UD English conventions: pronouns, auxiliaries, n't -> not,
  //     proper nouns keep their case) | "wordnet" (NLTK's WordNetLemmatizer.lemmatize, identical)
  // es: "ud" (default: dictionary, rules for clitics and verb forms, UD Spanish conventions)
  //     | "hunspell" (the first stem Hunspell gives, else the word as written)
  // "model": the model file in `model` (nlp lemmatize train), any language.
  std::string method;       // "" = the language's default
  std::string model;        // model file path (method "model", or overrides the default)
  std::string wordnet_dir;  // "" = $NLP_WORDNET_DIR, else /usr/share/wordnet (wordnet-base)
  std::string hunspell_dir; // "" = $NLP_HUNSPELL_DIR, else /usr/share/hunspell (hunspell-es)
};

class Lemmatizer {
 public:
  virtual ~Lemmatizer() = default;
  // The lemma of `word` (valid UTF-8) with part of speech `pos` (Upos::none: the documented
  // fallback of each method, e.g. noun for "wordnet" as NLTK). The view stays valid until the
  // next call on this object.
  virtual std::string_view lemmatize(std::string_view word, Upos pos) = 0;
  virtual std::unique_ptr<Lemmatizer> clone() const = 0;
  // Frozen name, e.g. "wordnet-nltk-v1", "en-ud-v1", "es-ud-v1", "model-v1".
  virtual std::string id() const = 0;
};

// Throws UsageError for an unknown language or method (naming the supported ones) and
// nlp::Error naming the Debian package to install when WordNet or a dictionary is missing.
std::unique_ptr<Lemmatizer> make_lemmatizer(const LemmatizerOptions& opts);

}  // namespace nlp
