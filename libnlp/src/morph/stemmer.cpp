#include "nlp/morph/stemmer.hpp"

#include <libstemmer.h>

#include <array>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "morph/morph_internal.hpp"
#include "morph/word_cache.hpp"
#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"

namespace nlp {
namespace {

// ISO 639-1 codes of the languages libstemmer 2.2 has, for messages and ids.
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kSnowballCodes = {{
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},     {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},     {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"}, {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},    {"sr", "serbian"},   {"es", "spanish"},
    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},   {"yi", "yiddish"},
}};

// "en" -> "english"; a name libstemmer lists stays as it is; "" when unknown.
std::string snowball_name(std::string_view lang) {
  for (const auto& [code, name] : kSnowballCodes)
    if (lang == code) return std::string(name);
  for (const auto& name : snowball_languages())
    if (lang == name) return name;
  return {};
}

std::string language_list() {
  std::string out;
  for (const auto& name : snowball_languages()) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

class LibStemmer final : public Stemmer {
 public:
  explicit LibStemmer(std::string language)
      : language_(std::move(language)), stemmer_(sb_stemmer_new(language_.c_str(), "UTF_8")) {
    if (!stemmer_) throw Error(fmt::format("libstemmer: cannot create the {} stemmer", language_));
  }
  ~LibStemmer() override { sb_stemmer_delete(stemmer_); }
  LibStemmer(const LibStemmer&) = delete;
  LibStemmer& operator=(const LibStemmer&) = delete;

  std::string_view stem(std::string_view word) override {
    apply_case(word, CaseMode::lower, lower_);
    const auto* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower_.data()),
                                      static_cast<int>(lower_.size()));
    if (!out) throw Error("libstemmer: out of memory");
    return {reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer_))};
  }
  std::unique_ptr<Stemmer> clone() const override { return std::make_unique<LibStemmer>(language_); }
  std::string id() const override { return fmt::format("snowball-{}-libstemmer", language_); }

 private:
  std::string language_;
  sb_stemmer* stemmer_;
  std::string lower_;
};

// Remembers the stems of the first `capacity` distinct words (see WordCache).
class CachedStemmer final : public Stemmer {
 public:
  CachedStemmer(std::unique_ptr<Stemmer> inner, std::size_t capacity)
      : inner_(std::move(inner)), capacity_(capacity), cache_(capacity) {}

  std::string_view stem(std::string_view word) override {
    if (const auto hit = cache_.find(word)) return *hit;
    return cache_.insert(word, inner_->stem(word));
  }
  std::unique_ptr<Stemmer> clone() const override {
    return std::make_unique<CachedStemmer>(inner_->clone(), capacity_);
  }
  std::string id() const override { return inner_->id(); }

 private:
  std::unique_ptr<Stemmer> inner_;
  std::size_t capacity_;
  morph::WordCache cache_;
};

std::unique_ptr<Stemmer> make_uncached(const StemmerOptions& o) {
  if (o.algorithm == "snowball" || o.algorithm == "porter2") {
    const std::string name = o.algorithm == "porter2" ? "english" : snowball_name(o.lang);
    if (name.empty())
      throw UsageError(fmt::format("unknown Snowball language {:?}; libstemmer has {} (or their ISO "
                                   "639-1 codes)",
                                   o.lang, language_list()));
    if (o.compat.empty() || o.compat == "none") return morph::make_libstemmer(name);
    if (o.compat == "nltk") {
      if (name != "english" && name != "spanish")
        throw UsageError(fmt::format("--compat nltk exists for english and spanish, not {}", name));
      return morph::make_snowball_nltk(name);
    }
    throw UsageError(fmt::format("unknown compat value {:?}; choose nltk or none", o.compat));
  }
  if (!o.compat.empty() && o.compat != "none")
    throw UsageError("--compat applies to the snowball algorithm only");
  if (o.algorithm == "porter") {
    if (o.mode == "nltk") return morph::make_porter_nltk(morph::PorterMode::nltk);
    if (o.mode == "martin") return morph::make_porter_nltk(morph::PorterMode::martin);
    if (o.mode == "original") return morph::make_porter_nltk(morph::PorterMode::original);
    throw UsageError(fmt::format("unknown Porter mode {:?}; choose nltk, martin or original", o.mode));
  }
  if (o.algorithm == "lancaster") return morph::make_lancaster_nltk();
  throw UsageError(
      fmt::format("unknown stemming algorithm {:?}; choose snowball, porter2, porter or lancaster", o.algorithm));
}

}  // namespace

namespace morph {
std::unique_ptr<Stemmer> make_libstemmer(const std::string& language) {
  return std::make_unique<LibStemmer>(language);
}
}  // namespace morph

std::vector<std::string> snowball_languages() {
  std::vector<std::string> out;
  for (const char** p = sb_stemmer_list(); *p; ++p) out.emplace_back(*p);
  return out;
}

std::unique_ptr<Stemmer> make_stemmer(const StemmerOptions& opts) {
  auto s = make_uncached(opts);
  if (opts.cache_size == 0) return s;
  return std::make_unique<CachedStemmer>(std::move(s), opts.cache_size);
}

}  // namespace nlp
