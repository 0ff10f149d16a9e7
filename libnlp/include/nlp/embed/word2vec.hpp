#pragma once
// word2vec training (Mikolov et al. 2013, as the original word2vec tool does it): skip-gram or
// CBOW (mean of the context), negative sampling (unigram^0.75 table) and/or hierarchical softmax
// (the tool's Huffman tree), frequent-word subsampling with the tool's formula
// (sqrt(c / (sample * N)) + 1) * (sample * N) / c, the window shrunk at random per centre word,
// and a learning rate falling linearly from alpha to alpha * 1e-4 over all epochs. Threads
// update the shared matrices without locks (Hogwild), each over its own part of the corpus.
// With one thread and a given seed, the result is the same on every run.
//   nlp::embed::Word2VecOptions o;  o.model = nlp::embed::Word2VecModel::skipgram;
//   nlp::embed::WordVectors v = nlp::embed::train_word2vec(vocab, corpus, o);
// Thread-safe (no shared state between calls; `threads` workers within one). Throws UsageError
// for bad options or an empty vocabulary, Error when training diverges (a non-finite value;
// the message suggests a lower alpha).
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "nlp/embed/subword.hpp"
#include "nlp/embed/word_vectors.hpp"

namespace nlp::embed {

// Words by descending count (ties in first-seen order), as training indexes them.
struct Vocabulary {
  std::vector<std::string> words;
  std::vector<std::uint64_t> counts;
  std::uint64_t total() const noexcept;
};

// Keeps the words seen at least min_count times (and at most max_words of them, the most
// frequent, when max_words > 0), sorted by descending count, ties in the order given.
// new_id[i] is the index of words[i] in the result, or kDropped.
Vocabulary select_vocabulary(const std::vector<std::string>& words, const std::vector<std::uint64_t>& counts,
                             std::uint64_t min_count, std::size_t max_words, std::vector<std::uint32_t>& new_id);
constexpr std::uint32_t kDropped = 0xFFFFFFFFu;

// The corpus as a sequence of word ids (indexes into the vocabulary) in which kSentenceEnd
// ends a sentence (a document). read(begin, end, out) gives positions [begin, end); it must be
// safe to call from several threads at once, and to call again for every epoch.
class IdCorpus {
 public:
  static constexpr std::uint32_t kSentenceEnd = 0xFFFFFFFFu;
  virtual ~IdCorpus() = default;
  virtual std::uint64_t size() const = 0;
  virtual void read(std::uint64_t begin, std::uint64_t end, std::vector<std::uint32_t>& out) const = 0;
  // Boundaries of `parts` consecutive ranges covering [0, size()) for the trainers' threads: each
  // starts just after a sentence end near an even split (or at the split when no sentence ends
  // within a million ids of it).
  std::vector<std::uint64_t> split(unsigned parts) const;
};

enum class Word2VecModel { skipgram, cbow };
const char* to_string(Word2VecModel m);
Word2VecModel parse_word2vec_model(std::string_view s);  // skipgram|sg|cbow

struct Word2VecOptions {
  Word2VecModel model = Word2VecModel::skipgram;
  std::size_t dim = 100;
  std::size_t window = 5;
  std::size_t negative = 5;       // 0: no negative sampling
  bool hs = false;                // hierarchical softmax
  double sample = 1e-3;           // 0: no subsampling
  std::size_t epochs = 5;
  double alpha = 0;               // 0: the tool's default, 0.025 skip-gram, 0.05 CBOW
  std::size_t max_sentence = 10000;  // longer documents are cut into pieces of this many words
  unsigned threads = 1;
  std::uint64_t seed = 1;
  // fastText-style subwords (train_fasttext): character n-gram lengths and hash buckets.
  std::size_t minn = 3, maxn = 6, bucket = 2'000'000;
};

// What the progress callback sees, about twice a second, and once at the end.
struct TrainProgress {
  double fraction = 0;            // of all epochs' words
  std::uint64_t words = 0;        // processed so far, all threads, all epochs
  double seconds = 0;
  double alpha = 0;
  double loss = 0;                // mean loss per prediction since the last report
  std::size_t epoch = 0;          // 1-based
};
using ProgressFn = std::function<void(const TrainProgress&)>;

struct TrainStats {
  std::uint64_t words = 0;  // tokens processed (subsampled ones included), all epochs
  double seconds = 0;
  double final_loss = 0;
};

WordVectors train_word2vec(const Vocabulary& vocab, const IdCorpus& corpus, const Word2VecOptions& o,
                           const ProgressFn& progress = {}, TrainStats* stats = nullptr);

// fastText's skip-gram and CBOW (Bojanowski et al. 2017): a word's input vector is the mean of
// its own vector and those of its character n-grams (subword.hpp), so that words outside the
// vocabulary get vectors from their n-grams; skip-gram predicts each context word from the
// centre word's input vector, CBOW the centre word from the mean over the context words' inputs;
// negatives are drawn with probability count^0.5 / Z, as fastText does. Everything else as
// train_word2vec (hierarchical softmax included).
SubwordModel train_fasttext(const Vocabulary& vocab, const IdCorpus& corpus, const Word2VecOptions& o,
                            const ProgressFn& progress = {}, TrainStats* stats = nullptr);

}  // namespace nlp::embed
