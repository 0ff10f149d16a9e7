#include "nlp/morph/lemmatizer.hpp"

#include <cstdint>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "morph/morph_internal.hpp"
#include "nlp/error.hpp"

namespace nlp {
namespace {

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 14695981039346656037u;  // FNV-1a
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211u;
    return static_cast<std::size_t>(h);
  }
};

// Remembers the lemmas of the first `capacity` distinct (part of speech, word) pairs; see the
// stemmer cache for why nothing is evicted.
class CachedLemmatizer final : public Lemmatizer {
 public:
  CachedLemmatizer(std::unique_ptr<Lemmatizer> inner, std::size_t capacity)
      : inner_(std::move(inner)), capacity_(capacity) {}

  std::string_view lemmatize(std::string_view word, Upos pos) override {
    if (word.size() > kMaxCachedBytes) return inner_->lemmatize(word, pos);
    key_.assign(1, static_cast<char>(pos));
    key_.append(word);
    if (const auto it = cache_.find(key_); it != cache_.end()) return it->second;
    const std::string_view lemma = inner_->lemmatize(word, pos);
    if (cache_.size() >= capacity_) return lemma;
    return cache_.emplace(key_, std::string(lemma)).first->second;
  }
  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<CachedLemmatizer>(inner_->clone(), capacity_);
  }
  std::string id() const override { return inner_->id(); }

 private:
  static constexpr std::size_t kMaxCachedBytes = 64;
  std::unique_ptr<Lemmatizer> inner_;
  std::size_t capacity_;
  std::string key_;
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> cache_;
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
