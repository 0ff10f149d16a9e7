#pragma once
// Phrase detection (multi-word expressions) as gensim 4.2's gensim.models.phrases.Phrases:
// unigram and bigram counts over sentences of tokens, a bigram score (Mikolov et al. 2013, or
// Bouma's NPMI) and a greedy left-to-right rewrite that joins accepted pairs with a delimiter.
//
//   nlp::ngrams::TokenCorpus corpus;
//   corpus.add(std::vector<std::string_view>{"new", "york", "is", "big"});   // ... more sentences
//   nlp::ngrams::PhrasesOptions o;  o.min_count = 1;  o.threshold = 1.0;
//   o.connector_words = nlp::ngrams::english_connector_words();
//   const nlp::ngrams::Phrases model = nlp::ngrams::Phrases::learn(corpus, o);
//   std::vector<std::string_view> out;  nlp::StringArena arena;
//   model.apply(words, out, arena);                       // gensim's phrases[words]
//   const nlp::ngrams::FrozenPhrases frozen = model.freeze();   // small, saved with the options
//
// What gensim does, and so what this does (phrases.py, Phrases._learn_vocab / analyze_sentence):
// - Counting: every token that is not a connector word counts as a unigram; it also forms a
//   "bigram" with the previous non-connector token of the sentence, keyed by the two tokens
//   and the connector words between them joined with the delimiter ("bank_of_america").
//   Unigram and bigram keys share one table, so a token that contains the delimiter and the
//   joined pair it spells add up in one count. corpus_word_count counts every token, connector
//   words included; len_vocab is the number of distinct keys (unigrams and bigrams).
// - Pruning: after each sentence, while learning, if the table holds more than max_vocab_size
//   keys, keys counted fewer than min_reduce times are dropped and min_reduce grows by one
//   (it starts at 1, so the first prune drops nothing, as in gensim). Exact, for any thread count.
// - Applying: a phrase never starts or ends with a connector word; the candidate is the last
//   pending token, the connector words after it and the next token; an accepted candidate is
//   emitted as one token and its last word cannot start the next phrase; a rejected one is
//   emitted word by word and its last word becomes the next candidate start. A candidate is
//   accepted when its words and its joined key have positive counts and score > threshold.
//   An empty token never starts a candidate and is dropped there (gensim tests the start
//   token's truthiness).
// Scores use gensim's float operations in gensim's order (see phrase_score), so they are
// bit-identical to gensim's on the same machine.
//
// Thread-safety: Phrases, FrozenPhrases and TokenCorpus are const after construction and can be
// shared; apply() writes only to its arguments. learn() and freeze() use `threads` workers and
// give the same result for any thread count. Views returned by apply() point into the sentence
// given or into the caller's arena. Throws UsageError for invalid options, FormatError when a
// model file is malformed, std::length_error beyond 2^32 - 1 distinct keys.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/util/arena.hpp"

namespace nlp::ngrams {

enum class PhraseScoring {
  kDefault,  // gensim original_scorer: (bigram - min_count) / (a * b) * len_vocab
  kNpmi,     // gensim npmi_scorer: ln(pab / (pa * pb)) / -ln(pab), p = count / corpus_word_count
};

// "default" or "npmi"; parse throws UsageError naming the choices.
std::string_view phrase_scoring_name(PhraseScoring s);
PhraseScoring parse_phrase_scoring(std::string_view name);

// gensim.models.phrases.ENGLISH_CONNECTOR_WORDS (articles, some prepositions and conjunctions):
// a an and at by for from in of on or the to with without, sorted.
std::vector<std::string> english_connector_words();

// gensim's scorers, same operations in the same order. Default: -inf when a * b == 0. NPMI: -inf
// when bigram_count < min_count or a logarithm of a non-positive number would be taken.
double phrase_score(PhraseScoring scoring, std::uint64_t worda_count, std::uint64_t wordb_count,
                    std::uint64_t bigram_count, std::uint64_t len_vocab, std::uint64_t min_count,
                    std::uint64_t corpus_word_count);

struct PhrasesOptions {
  std::uint64_t min_count = 5;  // >= 1
  double threshold = 10.0;      // default scoring: > 0; npmi: in [-1, 1]
  PhraseScoring scoring = PhraseScoring::kDefault;
  std::string delimiter = "_";  // not empty
  std::vector<std::string> connector_words;  // none by default, as gensim
  std::uint64_t max_vocab_size = 40'000'000;  // >= 1
  std::size_t threads = 1;      // learn() and freeze() workers (0 is taken as 1)
  // Throws UsageError naming the option.
  void validate() const;
};

// Sentences of tokens, stored compactly (the token bytes back to back, 8 bytes of offset per
// token and per sentence). Views returned stay valid while the corpus lives and is not added to.
class TokenCorpus {
 public:
  void add(std::span<const std::string_view> tokens);
  void add(std::span<const std::string> tokens);
  void append(const TokenCorpus& other);  // other's sentences after ours
  void clear() noexcept;

  std::size_t size() const noexcept { return sentence_end_.size(); }           // sentences
  std::uint64_t tokens() const noexcept { return token_end_.size(); }
  std::size_t sentence_size(std::size_t i) const noexcept;
  std::string_view token(std::size_t sentence, std::size_t j) const noexcept;
  // Sentence i's tokens into `out` (cleared first).
  void sentence(std::size_t i, std::vector<std::string_view>& out) const;

 private:
  std::string bytes_;
  std::vector<std::uint64_t> token_end_;     // end of token k in bytes_
  std::vector<std::uint64_t> sentence_end_;  // end of sentence i in token_end_
  std::uint64_t token_begin(std::uint64_t k) const noexcept { return k ? token_end_[k - 1] : 0; }
};

class FrozenPhrases;

namespace detail {
class KeyTable;
}

// A learned model: the counts gensim's Phrases holds.
class Phrases {
 public:
  // gensim's Phrases(sentences, min_count, threshold, max_vocab_size, delimiter,
  // scoring=..., connector_words=...). Throws UsageError for invalid options.
  static Phrases learn(const TokenCorpus& corpus, PhrasesOptions opts);

  Phrases(Phrases&&) noexcept;
  Phrases& operator=(Phrases&&) noexcept;
  ~Phrases();

  const PhrasesOptions& options() const noexcept { return opts_; }
  std::uint64_t len_vocab() const noexcept;                   // len(phrases.vocab)
  std::uint64_t corpus_word_count() const noexcept { return corpus_word_count_; }
  std::uint64_t min_reduce() const noexcept { return min_reduce_; }  // 1 + number of prunes
  // vocab.get(key, 0): a unigram, or a joined bigram key such as "bank_of_america".
  std::uint64_t count(std::string_view key) const;
  bool is_connector(std::string_view word) const;

  // gensim's score_candidate: the score when a + connectors + b is accepted, else nullopt.
  // `joined` receives the delimiter-joined phrase.
  bool score_candidate(std::string_view a, std::span<const std::string_view> in_between, std::string_view b,
                       std::string& joined, double& score) const;

  // gensim's phrases[sentence]: tokens of `sentence` with accepted phrases joined; joined tokens
  // are stored in `arena`. `out` is cleared first. `scores`, when given, receives the score of
  // each output token (NaN for a token that is not a phrase), as analyze_sentence yields.
  void apply(std::span<const std::string_view> sentence, std::vector<std::string_view>& out, StringArena& arena,
             std::vector<double>* scores = nullptr) const;

  // gensim's export_phrases(): each key containing the delimiter is split at it (str.split)
  // and scored as (first part, middle parts, last part); the accepted keys with their scores,
  // sorted by key (byte order).
  std::vector<std::pair<std::string, double>> export_phrases() const;

  // A model without counts that rewrites every sentence exactly as apply() does (see
  // FrozenPhrases). Uses options().threads workers.
  FrozenPhrases freeze() const;

 private:
  Phrases();
  // Whether a key counted `key_count` times can score above a valid threshold.
  bool can_pass(std::uint64_t key_count) const noexcept;
  PhrasesOptions opts_;
  std::unique_ptr<detail::KeyTable> table_;  // keys with counts > 0
  std::vector<std::string_view> connectors_;  // sorted, unique
  std::uint64_t corpus_word_count_ = 0, min_reduce_ = 1;
};

// The accepted phrases of a learned model. Each rule says: a candidate whose joined text is
// `phrase`, whose first word is `first` bytes long and whose last word is `last` bytes long is
// accepted with `score`. Rules split at the first and the last delimiter (Python's str.split)
// are exactly gensim's export_phrases() / FrozenPhrases.phrasegrams; the others exist only when
// words themselves contain the delimiter (e.g. in a second pass over "new_york city"), where
// gensim's FrozenPhrases re-splits the phrase and can score it differently from the Phrases
// model it came from; with them, apply() here always equals Phrases::apply().
class FrozenPhrases {
 public:
  struct Rule {
    std::string phrase;
    std::uint32_t first = 0, last = 0;  // byte lengths of the first and last word
    double score = 0;
  };
  FrozenPhrases() = default;
  FrozenPhrases(PhrasesOptions opts, std::vector<Rule> rules, std::uint64_t len_vocab,
                std::uint64_t corpus_word_count);

  const PhrasesOptions& options() const noexcept { return opts_; }
  const std::vector<Rule>& rules() const noexcept { return rules_; }  // sorted by (phrase, first, last)
  std::uint64_t len_vocab() const noexcept { return len_vocab_; }  // of the learned model (informative)
  std::uint64_t corpus_word_count() const noexcept { return corpus_word_count_; }
  // Whether rule r is split where str.split puts the first and the last delimiter.
  bool is_default_split(const Rule& r) const;
  // The rules split by default: gensim's export_phrases(), sorted by phrase.
  std::vector<std::pair<std::string, double>> export_phrases() const;

  void apply(std::span<const std::string_view> sentence, std::vector<std::string_view>& out, StringArena& arena,
             std::vector<double>* scores = nullptr) const;

 private:
  PhrasesOptions opts_;
  std::vector<Rule> rules_;
  std::vector<std::string_view> connectors_;
  std::vector<std::uint32_t> slots_;  // open addressing over rules_ (first rule of each phrase) + 1
  std::uint64_t len_vocab_ = 0, corpus_word_count_ = 0;
  void index();
  const Rule* find(std::string_view phrase, std::uint64_t hash) const;
};

// `model.apply` on every sentence of `corpus`, with `threads` workers in batches of sentences;
// the result does not depend on the thread count.
template <class Model>
TokenCorpus apply_corpus(const Model& model, const TokenCorpus& corpus, std::size_t threads);
extern template TokenCorpus apply_corpus<Phrases>(const Phrases&, const TokenCorpus&, std::size_t);
extern template TokenCorpus apply_corpus<FrozenPhrases>(const FrozenPhrases&, const TokenCorpus&, std::size_t);

// A saved phrase model: the options, the preprocessing that made the tokens (an "nlp.pipeline"
// JSON object, stored as given) and one frozen model per pass. JSON, format "nlp.phrases",
// version 1 (docs/formats/phrases-model.md).
struct PhrasesModelFile {
  PhrasesOptions options;
  std::string connector_source;  // "english", "none" or the word list's file name (informative)
  std::string pipeline_json;     // PipelineConfig::to_json(); "" for none
  std::vector<FrozenPhrases> passes;

  std::string to_json() const;
  // Throws FormatError "NAME: byte N: what was wrong" for malformed, truncated or too new files.
  static PhrasesModelFile from_json(std::string_view json, const std::string& name);
};

inline constexpr int kPhrasesFormatVersion = 1;

}  // namespace nlp::ngrams
