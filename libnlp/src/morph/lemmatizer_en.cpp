// English lemmatizers over WordNet 3.0: NLTK's WordNetLemmatizer ("wordnet-nltk-v1") and the UD
// English-EWT conventions ("en-ud-v1").
#include <memory>
#include <string>
#include <string_view>

#include "morph/morph_internal.hpp"
#include "morph/wordnet.hpp"

namespace nlp::morph {

namespace {

// NLTK 3.8 WordNetLemmatizer().lemmatize(word, pos):
//   lemmas = wn._morphy(word, pos); return min(lemmas, key=len) if lemmas else word
// The word is used as written (no lowercasing), as NLTK does. Upos::none is NLTK's default
// pos "n"; a tag WordNet has no part of speech for (DET, PRON, ADP, PUNCT, ...) returns the
// word unchanged (NLTK would raise KeyError for such a pos string).
class WordNetLemmatizer final : public Lemmatizer {
 public:
  explicit WordNetLemmatizer(std::shared_ptr<const WordNet> wn) : wn_(std::move(wn)) {}

  std::string_view lemmatize(std::string_view word, Upos pos) override {
    const char p = pos == Upos::none ? 'n' : wordnet_pos(pos);
    if (p != 0) {
      if (auto lemma = wn_->shortest_lemma(word, p, scratch_)) return *lemma;
    }
    result_.assign(word);
    return result_;
  }

  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<WordNetLemmatizer>(wn_);
  }

  std::string id() const override { return "wordnet-nltk-v1"; }

 private:
  std::shared_ptr<const WordNet> wn_;
  MorphyScratch scratch_;
  std::string result_;
};

}  // namespace

std::unique_ptr<Lemmatizer> make_wordnet_lemmatizer(const LemmatizerOptions& opts) {
  return std::make_unique<WordNetLemmatizer>(WordNet::open(opts.wordnet_dir));
}

}  // namespace nlp::morph
