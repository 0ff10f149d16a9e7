#pragma once
// Constructors of the stemmers and lemmatizers behind make_stemmer() and make_lemmatizer().
// Each returns an object without a cache; the factories add one.
#include <memory>
#include <string>
#include <string_view>

#include "nlp/morph/lemmatizer.hpp"
#include "nlp/morph/stemmer.hpp"

namespace nlp::morph {

// ---- stemmers (all lowercase their input first, as NLTK does) ----

// libstemmer's algorithm `language` (a name sb_stemmer_list() gives: "english", "porter", ...);
// UTF-8. Throws UsageError for an unknown language.
std::unique_ptr<Stemmer> make_libstemmer(const std::string& language);

enum class PorterMode { nltk, martin, original };
// NLTK 3.8 PorterStemmer(mode=NLTK_EXTENSIONS | MARTIN_EXTENSIONS | ORIGINAL_ALGORITHM).stem(word).
std::unique_ptr<Stemmer> make_porter_nltk(PorterMode mode);

// NLTK 3.8 LancasterStemmer().stem(word) (default rules, no prefix stripping).
std::unique_ptr<Stemmer> make_lancaster_nltk();

// NLTK 3.8 SnowballStemmer(language).stem(word) for "english" and "spanish"
// (ignore_stopwords=False). Throws UsageError for another language.
std::unique_ptr<Stemmer> make_snowball_nltk(const std::string& language);

// ---- lemmatizers ----

// NLTK 3.8 WordNetLemmatizer().lemmatize(word, pos) over WordNet 3.0 (wordnet-base); Upos::none
// is noun, as NLTK's default; a tag without a WordNet part of speech returns the word unchanged.
std::unique_ptr<Lemmatizer> make_wordnet_lemmatizer(const LemmatizerOptions& opts);

// English with UD English-EWT conventions (WordNet plus closed-class words and rules).
std::unique_ptr<Lemmatizer> make_english_ud_lemmatizer(const LemmatizerOptions& opts);

// Spanish: method "ud" (dictionary, rules and UD Spanish conventions) or "hunspell".
std::unique_ptr<Lemmatizer> make_spanish_lemmatizer(const LemmatizerOptions& opts);

// A model trained by `nlp lemmatize train` (opts.model). Throws FormatError for a bad file.
std::unique_ptr<Lemmatizer> load_lemmatizer_model(const LemmatizerOptions& opts);

}  // namespace nlp::morph
