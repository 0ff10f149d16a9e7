#pragma once
// Bigram collocations: word and adjacent-pair counts over a token stream, scored with the
// association measures of NLTK 3.8 (nltk.metrics.BigramAssocMeasures) and ranked as NLTK's
// BigramCollocationFinder.score_ngrams ranks them (score descending, then the pair ascending).
//
//   nlp::ngrams::BigramCounter c;
//   c.add_document(0, words);               // words: std::span<const std::string_view>
//   c.finish(nlp::ngrams::Boundaries::kCross);
//   auto top = c.score(nlp::ngrams::AssocMeasure::kPmi, {.min_freq = 3, .top = 20});
//
// Thread-safety: a counter is not shared between threads while adding; give each thread its own
// and merge() them, in any order: counts (and so scores) do not depend on the split. Views in
// ScoredBigram point into the counter and stay valid while it lives. Throws UsageError for an
// unknown measure name and std::logic_error when used out of order (score before finish).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nlp::ngrams {

enum class AssocMeasure {
  kRawFreq,          // n_ii / N
  kPmi,              // log2(n_ii * N) - log2(n_ix * n_xi)
  kNpmi,             // pmi / -log2(n_ii / N)  (Bouma 2009; not part of NLTK 3.8)
  kLikelihoodRatio,  // 2 * sum obs * ln(obs / exp)  (Dunning 1993, with NLTK's 1e-20 guards)
  kChiSq,            // N * phi^2  (Manning and Schuetze 5.3.3)
  kStudentT,         // (n_ii - n_ix * n_xi / N) / sqrt(n_ii)  (Manning and Schuetze 5.3.1)
  kDice,             // 2 * n_ii / (n_ix + n_xi)
  kJaccard,          // n_ii / (n_ii + n_oi + n_io)
  kPoissonStirling,  // n_ii * (log2(n_ii / exp) - 1)
};

// "pmi", "npmi", "likelihood_ratio" (alias "llr"), "chi_sq", "student_t", "dice", "jaccard",
// "raw_freq", "poisson_stirling". Throws UsageError naming the choices.
AssocMeasure parse_assoc_measure(std::string_view name);
std::string_view assoc_measure_name(AssocMeasure m) noexcept;
std::span<const std::string_view> assoc_measure_names() noexcept;

// The marginals NLTK passes to a bigram measure: n_ii = count of (w1, w2), n_ix = count of w1,
// n_xi = count of w2, n_xx = number of words.
struct BigramMarginals {
  double n_ii = 0;
  double n_ix = 0, n_xi = 0, n_xx = 0;
};
// The score, computed with NLTK's operation order so results agree to the last bits or nearly.
// Where NLTK divides by zero (a word that is every word of the corpus), the IEEE result (inf or
// NaN) is returned.
double bigram_score(AssocMeasure m, const BigramMarginals& x) noexcept;

// How document boundaries are treated.
enum class Boundaries {
  kCross,    // the documents are one word stream: NLTK's from_words over the concatenation
  kRespect,  // no pair spans two documents: NLTK's from_documents
};

struct ScoredBigram {
  std::string_view w1, w2;
  std::uint64_t count = 0;
  double score = 0;
};

struct ScoreOptions {
  std::uint64_t min_freq = 1;  // NLTK's apply_freq_filter(min_freq): drop pairs seen fewer times
  std::size_t top = 0;         // keep the best `top` (0 = all)
};

class BigramCounter {
 public:
  // Adds one document's words; `index` orders documents for Boundaries::kCross (the reader's
  // 0-based position). Empty documents are ignored.
  void add_document(std::uint64_t index, std::span<const std::string_view> words);
  // Adds the counts of another counter (its documents must have other indexes).
  void merge(const BigramCounter& other);
  // Adds the pairs across documents (kCross) in index order; call once, after all adds.
  void finish(Boundaries boundaries);

  std::uint64_t words() const noexcept { return total_words_; }
  std::size_t vocabulary_size() const noexcept { return names_.size(); }
  std::size_t distinct_bigrams() const noexcept { return pairs_.size(); }
  std::uint64_t count(std::string_view word) const;
  std::uint64_t count(std::string_view w1, std::string_view w2) const;

  // Scores every pair seen at least min_freq times, sorted by score descending, then (w1, w2)
  // ascending in byte (= code point) order, as NLTK's score_ngrams; NaN scores sort last.
  std::vector<ScoredBigram> score(AssocMeasure m, const ScoreOptions& opts) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct Edge {
    std::uint64_t index;
    std::uint32_t first, last;
  };
  std::uint32_t intern(std::string_view w);
  static std::uint64_t key(std::uint32_t a, std::uint32_t b) noexcept {
    return (static_cast<std::uint64_t>(a) << 32) | b;
  }
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<const std::string*> names_;   // id -> word (nodes of ids_ are stable)
  std::vector<std::uint64_t> word_counts_;  // id -> count
  std::unordered_map<std::uint64_t, std::uint64_t> pairs_;
  std::vector<Edge> edges_;  // first and last word of each non-empty document
  std::uint64_t total_words_ = 0;
  bool finished_ = false;
};

// Trigram measures of NLTK 3.8's TrigramAssocMeasures: n_iii = count of (w1, w2, w3);
// pairs = counts of (w1, w2), (w1, *, w3), (w2, w3); words = counts of w1, w2, w3; n_xxx = words.
// Supports raw_freq, pmi, npmi, likelihood_ratio, chi_sq, student_t, jaccard, poisson_stirling
// (NLTK has no trigram Dice); throws UsageError for dice.
struct TrigramMarginals {
  std::uint64_t n_iii = 0;
  std::array<std::uint64_t, 3> pairs{}, words{};
  std::uint64_t n_xxx = 0;
};
double trigram_score(AssocMeasure m, const TrigramMarginals& x);

struct ScoredTrigram {
  std::string_view w1, w2, w3;
  std::uint64_t count = 0;
  double score = 0;
};

// Counts of NLTK's TrigramCollocationFinder (window size 3): words, adjacent pairs, pairs with one
// word between them, and trigrams. Same use, thread-safety and boundary modes as BigramCounter.
class TrigramCounter {
 public:
  void add_document(std::uint64_t index, std::span<const std::string_view> words);
  void merge(const TrigramCounter& other);
  void finish(Boundaries boundaries);
  std::uint64_t words() const noexcept { return total_words_; }
  std::size_t distinct_trigrams() const noexcept { return triples_.size(); }
  std::vector<ScoredTrigram> score(AssocMeasure m, const ScoreOptions& opts) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct TripleHash {
    std::size_t operator()(const std::array<std::uint32_t, 3>& k) const noexcept {
      return std::hash<std::uint64_t>{}((static_cast<std::uint64_t>(k[0]) << 32 | k[1]) * 0x9E3779B97F4A7C15ull ^ k[2]);
    }
  };
  struct Edge {
    std::uint64_t index, length;
    std::array<std::uint32_t, 2> head, tail;  // first two and last two words (one word: both slots)
  };
  std::uint32_t intern(std::string_view w);
  void add_window(std::span<const std::uint32_t> ids, std::size_t start, std::size_t first_new);
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<const std::string*> names_;
  std::vector<std::uint64_t> word_counts_;
  std::unordered_map<std::uint64_t, std::uint64_t> pairs_, wild_;
  std::unordered_map<std::array<std::uint32_t, 3>, std::uint64_t, TripleHash> triples_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> doc_ids_;
  std::uint64_t total_words_ = 0;
  bool finished_ = false;
};

}  // namespace nlp::ngrams
