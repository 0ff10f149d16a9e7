#pragma once
// Stemmers: Snowball (through libstemmer, the reference implementation), NLTK's Porter stemmer in
// its three modes, NLTK's Lancaster stemmer and NLTK's own Snowball ports.
//   auto s = nlp::make_stemmer({.algorithm = "snowball", .lang = "es"});
//   s->stem("corriendo");   // "corr"
// A Stemmer object is not thread-safe (libstemmer keeps state per stemmer): give each thread
// its own, made with clone(). Input words must be valid UTF-8; every algorithm lowercases them
// first (Python's str.lower(), as NLTK's stemmers do).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nlp {

struct StemmerOptions {
  std::string algorithm = "snowball";  // snowball | porter2 (= snowball, english) | porter | lancaster
  // snowball: a language libstemmer has, by ISO 639-1 code or English name (en, english, es,
  // spanish, ..., and "porter" for libstemmer's original Porter algorithm).
  std::string lang = "en";
  // porter: nltk (NLTK_EXTENSIONS, NLTK's default) | martin (MARTIN_EXTENSIONS) | original
  // (ORIGINAL_ALGORITHM).
  std::string mode = "nltk";
  // snowball: "" (libstemmer) | "nltk" (NLTK's SnowballStemmer ports; English and Spanish).
  std::string compat;
  // Words remembered per stemmer object (0 turns the cache off). Stems of frequent words then
  // cost one hash lookup.
  std::size_t cache_size = 100000;
};

class Stemmer {
 public:
  virtual ~Stemmer() = default;
  // The stem of `word`; the view stays valid until the next call on this object.
  virtual std::string_view stem(std::string_view word) = 0;
  // A fresh stemmer with the same options, for another thread.
  virtual std::unique_ptr<Stemmer> clone() const = 0;
  // Frozen name of the algorithm and its source, e.g. "snowball-english-libstemmer",
  // "porter-nltk-v1", "lancaster-nltk-v1", "snowball-english-nltk-v1".
  virtual std::string id() const = 0;
};

// Builds a stemmer (with the cache of opts.cache_size). Throws UsageError for an unknown
// algorithm, language, mode or compat value, naming the supported ones.
std::unique_ptr<Stemmer> make_stemmer(const StemmerOptions& opts);

// Languages libstemmer offers, by the names it uses ("arabic", ..., "english", ..., "porter").
std::vector<std::string> snowball_languages();

}  // namespace nlp
