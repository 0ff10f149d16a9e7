#include "nlp/morph/lemmatizer.hpp"

#include <utility>

#include <fmt/format.h>

#include "morph/morph_internal.hpp"
#include "morph/word_cache.hpp"
#include "nlp/error.hpp"

namespace nlp {
namespace {

// Remembers the lemmas of the first `capacity` distinct (part of speech, word) pairs (see
// WordCache).
class CachedLemmatizer final : public Lemmatizer {
 public:
  CachedLemmatizer(std::unique_ptr<Lemmatizer> inner, std::size_t capacity)
      : inner_(std::move(inner)), capacity_(capacity), cache_(capacity) {}

  std::string_view lemmatize(std::string_view word, Upos pos) override {
    key_.assign(1, static_cast<char>(pos));
    key_.append(word);
    if (const auto hit = cache_.find(key_)) return *hit;
    return cache_.insert(key_, inner_->lemmatize(word, pos));
  }
  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<CachedLemmatizer>(inner_->clone(), capacity_);
  }
  std::string id() const override { return inner_->id(); }

 private:
  std::unique_ptr<Lemmatizer> inner_;
  std::size_t capacity_;
  std::string key_;
  morph::WordCache cache_;
};

// "en", "en-US", "EN_gb" -> "en".
std::string primary_language(std::string_view lang) {
  std::string out;
  for (const char c : lang) {
    if (c == '-' || c == '_') break;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return out;
}

std::unique_ptr<Lemmatizer> make_uncached(const LemmatizerOptions& o) {
  if (o.method == "model" || (o.method.empty() && !o.model.empty())) {
    if (o.model.empty()) throw UsageError("the model method needs a model file (--model FILE)");
    return morph::load_lemmatizer_model(o);
  }
  const std::string lang = primary_language(o.lang);
  if (lang == "en") {
    if (o.method.empty() || o.method == "ud") return morph::make_english_ud_lemmatizer(o);
    if (o.method == "wordnet") return morph::make_wordnet_lemmatizer(o);
    throw UsageError(fmt::format("unknown English lemmatizer method {:?}; choose ud, wordnet or model", o.method));
  }
  if (lang == "es") {
    if (o.method.empty() || o.method == "ud" || o.method == "hunspell") return morph::make_spanish_lemmatizer(o);
    throw UsageError(fmt::format("unknown Spanish lemmatizer method {:?}; choose ud, hunspell or model", o.method));
  }
  throw UsageError(fmt::format(
      "no built-in lemmatizer for language {:?} (built in: en, es); train one on a Universal "
      "Dependencies treebank with 'nlp lemmatize train --conllu FILE -o MODEL' and pass --model MODEL",
      o.lang));
}

}  // namespace

std::unique_ptr<Lemmatizer> make_lemmatizer(const LemmatizerOptions& opts) {
  return std::make_unique<CachedLemmatizer>(make_uncached(opts), 200000);
}

}  // namespace nlp
