#pragma once
// Phrase detection as gensim 4.2's gensim.models.phrases.Phrases does it: learn unigram and
// bigram counts (a bigram may span connector words: "bank_of_america"), score each candidate with
// gensim's default scorer or NPMI, and rewrite sentences joining the detected phrases with the
// delimiter ("new_york"), greedily from the left, as Phrases[sentence] / FrozenPhrases do.
//   nlp::ngrams::PhrasesLearner learn({.min_count = 5, .threshold = 10.0});
//   for (auto& sentence : corpus) learn.add_sentence(sentence);   // std::span<const std::string_view>
//   nlp::ngrams::PhraseModel model = learn.freeze();
//   std::vector<std::string> out;  model.apply(sentence, out);     // ["new_york", "is", ...]
// Counts are keyed by the delimiter-joined text, as gensim keys them, so a token that already
// contains the delimiter shares its count with the phrase it spells (gensim's behaviour).
// Scores (gensim's formulas, double precision):
//   default: (bigram_count - min_count) / (count_a * count_b) * vocabulary_size, where
//            vocabulary_size counts unigram and bigram entries together;
//   npmi:    ln(p_ab / (p_a * p_b)) / -ln(p_ab), p_x = count_x / corpus_words, and -infinity when
//            bigram_count < min_count; corpus_words counts every token, connector words included.
// A candidate is a phrase when its score is strictly greater than the threshold.
// With more than max_vocab_size entries after a sentence, entries with a count below a growing
// limit (1, 2, 3, ... one more per prune) are dropped, as gensim's prune_vocab does; results are
// then approximate the way gensim's are.
// Not thread-safe while learning; a PhraseModel is immutable and safe to share.
// Throws UsageError for invalid options (min_count 0, default scoring with a threshold <= 0, npmi
// threshold outside [-1, 1], an empty delimiter), FormatError for a malformed model file.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "nlp/util/hash.hpp"

namespace nlp::ngrams {

enum class PhraseScoring { kDefault, kNpmi };
PhraseScoring parse_phrase_scoring(std::string_view s);  // default | npmi
const char* to_string(PhraseScoring s);

// gensim's ENGLISH_CONNECTOR_WORDS: a an the for of with without at from to in on by and or.
const std::vector<std::string>& english_connector_words();

struct PhrasesOptions {
  std::uint64_t min_count = 5;
  double threshold = 10.0;
  std::uint64_t max_vocab_size = 40'000'000;
  std::string delimiter = "_";
  PhraseScoring scoring = PhraseScoring::kDefault;
  std::vector<std::string> connector_words;  // gensim's default: none
};

struct ScoredPhrase {
  std::vector<std::string> words;  // the candidate: first word, connector words, last word
  std::string phrase;              // the words joined by the delimiter
  double score = 0;
};

class PhraseModel;

class PhrasesLearner {
 public:
  explicit PhrasesLearner(PhrasesOptions opts);
  ~PhrasesLearner();
  PhrasesLearner(PhrasesLearner&&) noexcept;
  PhrasesLearner& operator=(PhrasesLearner&&) noexcept;
  // Counts one sentence's tokens (gensim's _learn_vocab for one sentence, then its pruning check).
  void add_sentence(std::span<const std::string_view> words);

  std::uint64_t corpus_words() const noexcept { return corpus_words_; }
  std::size_t vocabulary_size() const noexcept;
  std::uint64_t prunes() const noexcept { return min_reduce_ - 1; }
  std::uint64_t count(std::string_view key) const;  // 0 when absent
  // Whether a [between...] b is a phrase (gensim's score_candidate); if so, sets `phrase` to its
  // joined text and `score_out` to its score.
  bool score(std::string_view a, std::string_view b, std::span<const std::string_view> between,
             std::string& phrase, double& score_out) const;
  // Phrases[sentence] with this learner's counts.
  void apply(std::span<const std::string_view> sentence, std::vector<std::string>& out) const;
  // Every phrase with its score, sorted by phrase, then words: gensim's export_phrases (each
  // entry of the count table split on the delimiter, scored as first word, middle, last word)
  // plus the candidates seen whose words contain the delimiter (phrases of phrases after a
  // second pass), which gensim's re-splitting cannot find.
  std::vector<ScoredPhrase> export_phrases() const;
  // A PhraseModel whose apply() equals this learner's on every candidate seen while learning.
  PhraseModel freeze() const;
  const PhrasesOptions& options() const noexcept { return opts_; }

 private:
  using Hash = StringHash;
  PhrasesOptions opts_;
  std::unordered_set<std::string, Hash, std::equal_to<>> connectors_;
  struct Counts;                    // joined text -> count (an open-addressing table)
  std::unique_ptr<Counts> vocab_;
  // Candidates (words length-prefixed) with a word that contains the delimiter: their joined text
  // does not split back into their words, so export_phrases needs them recorded.
  std::unordered_set<std::string, Hash, std::equal_to<>> candidates_;
  std::uint64_t corpus_words_ = 0, min_reduce_ = 1;
  std::string key_;
  void bump(std::string_view key);
};

// gensim's FrozenPhrases: the phrase -> score table and what applying it needs.
class PhraseModel {
 public:
  PhraseModel() = default;
  PhraseModel(PhrasesOptions opts, std::vector<ScoredPhrase> phrases);

  // Phrases[sentence]: tokens of `sentence` with detected phrases joined by the delimiter.
  void apply(std::span<const std::string_view> sentence, std::vector<std::string>& out) const;
  // The phrases sorted by phrase (byte order).
  const std::vector<ScoredPhrase>& phrases() const noexcept { return phrases_; }
  const PhrasesOptions& options() const noexcept { return opts_; }

 private:
  using Hash = StringHash;
  PhrasesOptions opts_;
  std::vector<ScoredPhrase> phrases_;
  std::unordered_map<std::string, double, Hash, std::equal_to<>> index_;  // by candidate structure
  std::unordered_set<std::string, Hash, std::equal_to<>> connectors_;
};

// The nlp.phrases model file (docs/formats/phrases-model.md): JSON with one layer per pass (its
// options and phrase table) and the preprocessing configuration (`pipeline_json`, a JSON object
// as PipelineConfig::to_json writes it, stored as is). Scores are written with 17 significant
// digits and read back exactly.
std::string phrase_models_to_json(std::span<const PhraseModel> layers, std::string_view pipeline_json);
// FormatError naming `name` for malformed JSON, a wrong format or version, bad options, or a
// repeated phrase; `pipeline_json` receives the stored configuration.
std::vector<PhraseModel> phrase_models_from_json(std::string_view text, const std::string& name,
                                                 std::string& pipeline_json);

}  // namespace nlp::ngrams
