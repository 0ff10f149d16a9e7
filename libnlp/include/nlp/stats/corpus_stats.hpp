#pragma once
// Corpus statistics: documents, tokens, types, hapaxes, the document length distribution, the
// most frequent words and n-grams, and a Zipf fit of the rank-frequency curve.
//   nlp::stats::CorpusCounts c(2);                        // count bigrams too
//   c.add_document(std::vector<std::string_view>{"a", "b", "a"});
//   nlp::stats::CorpusStats s = nlp::stats::summarize(c, {});   // s.types == 2
// Counting is split across threads by giving each thread its own CorpusCounts and merging them
// with merge(); every statistic is a function of the merged multiset of counts, and ties are
// broken by byte order of the text, so the result does not depend on the thread count or on
// the merge order.
// Thread-safety: a CorpusCounts is not synchronized (one per thread). merge() throws UsageError
// when the n-gram orders differ; nothing else throws except std::bad_alloc. An n-gram order of 0
// counts no n-grams.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nlp::stats {

// Hashes std::string keys and std::string_view lookups alike, so counting a token view does
// not build a string unless the token is new.
struct TextHash {
  using is_transparent = void;
  // Not noexcept: libstdc++ then stores each hash code in its node, so lookups compare codes
  // before strings instead of rehashing the keys of a bucket.
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Token and n-gram counts of a set of documents. N-grams never cross a document boundary and
// are stored as their tokens joined by one space.
class CorpusCounts {
 public:
  explicit CorpusCounts(std::size_t ngram_order = 2) : ngram_order_(ngram_order) {}
  CorpusCounts(const CorpusCounts& other);
  CorpusCounts& operator=(const CorpusCounts& other);
  CorpusCounts(CorpusCounts&&) noexcept = default;
  CorpusCounts& operator=(CorpusCounts&&) noexcept = default;
  ~CorpusCounts() = default;

  void add_document(std::span<const std::string_view> tokens);
  // Adds the counts of `other` (which must use the same n-gram order) to this one.
  void merge(const CorpusCounts& other);

  std::size_t ngram_order() const noexcept { return ngram_order_; }
  std::uint64_t documents() const noexcept { return doc_lengths_.size(); }
  std::uint64_t tokens() const noexcept { return tokens_; }
  const std::vector<std::uint64_t>& doc_lengths() const noexcept { return doc_lengths_; }  // unordered
  std::size_t types() const noexcept { return word_count_.size(); }
  std::size_t ngram_types() const noexcept { return ngram_count_.size(); }
  // Word i (0 <= i < types()) and its count; n-gram i (0 <= i < ngram_types()), its tokens
  // joined by one space, and its count. Indexes follow first appearance, so they depend on the
  // order documents were added; summaries never do.
  std::string_view word(std::size_t i) const noexcept { return *word_text_[i]; }
  std::uint64_t word_count(std::size_t i) const noexcept { return word_count_[i]; }
  std::string ngram(std::size_t i) const;
  std::uint64_t ngram_count(std::size_t i) const noexcept { return ngram_count_[i]; }

 private:
  using WordIndex = std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>>;
  std::uint32_t intern(std::string_view w);
  // Adds `count` to the n-gram whose word ids are ids[0..ngram_order).
  void add_ngram(const std::uint32_t* ids, std::uint64_t count);

  std::size_t ngram_order_;
  std::uint64_t tokens_ = 0;
  std::vector<std::uint64_t> doc_lengths_;
  WordIndex word_index_;                     // text -> id
  std::vector<const std::string*> word_text_;  // id -> text (keys of word_index_, stable)
  std::vector<std::uint64_t> word_count_;
  // N-grams in an open-addressing table: entry i has word ids ngram_ids_[i*n, (i+1)*n), its
  // hash and count; slots_ holds entry index + 1 (0 = empty), linear probing, load <= 1/2.
  std::vector<std::uint32_t> ngram_ids_;
  std::vector<std::uint64_t> ngram_hash_, ngram_count_;
  std::vector<std::uint32_t> slots_;
  std::vector<std::uint32_t> doc_ids_;  // reused per document
};

// The p-th percentile (0 <= p <= 100) of ascending `sorted` values, with numpy's default
// ("linear") method: h = (n - 1) * p / 100, result = x[floor(h)] + (h - floor(h)) *
// (x[floor(h) + 1] - x[floor(h)]). nullopt for no values.
std::optional<double> percentile(std::span<const double> sorted, double p);

// Least-squares line through (ln rank, ln frequency) for ranks 1..N, where `frequencies` are
// sorted in descending order and frequency i (0-based) has rank i + 1 (tied frequencies get
// consecutive ranks); N = frequencies.size(). Zero frequencies are not allowed.
struct ZipfFit {
  std::uint64_t ranks = 0;  // N, the number of points fitted
  double slope = 0;         // d ln f / d ln r
  double exponent = 0;      // s = -slope, as in f(r) ~ C / r^s
  double intercept = 0;     // ln C
  double r_squared = 0;     // 1 - SS_res / SS_tot; 1 when all frequencies are equal
};
// nullopt when fewer than 2 ranks.
std::optional<ZipfFit> fit_zipf(std::span<const std::uint64_t> frequencies);

struct CountedItem {
  std::string text;
  std::uint64_t count = 0;
};

struct LengthSummary {  // tokens per document
  std::uint64_t min = 0, max = 0;
  double mean = 0, stdev = 0;  // population standard deviation
  double median = 0;
  std::vector<std::pair<double, double>> percentiles;  // (p, value) for kPercentiles
};
inline constexpr double kPercentiles[] = {1, 5, 10, 25, 50, 75, 90, 95, 99};

struct StatsOptions {
  std::size_t top_words = 20;
  std::size_t top_ngrams = 20;
};

struct CorpusStats {
  std::uint64_t documents = 0, tokens = 0, types = 0;
  std::uint64_t hapaxes = 0;       // types seen once
  std::uint64_t dis_legomena = 0;  // types seen twice
  double type_token_ratio = 0;     // types / tokens; 0 for no tokens
  std::optional<LengthSummary> lengths;  // nullopt for no documents
  std::size_t ngram_order = 2;
  std::uint64_t ngram_tokens = 0, ngram_types = 0;
  std::vector<CountedItem> top_words, top_ngrams;  // count descending, then text ascending
  std::optional<ZipfFit> zipf;
  std::vector<std::uint64_t> frequencies;  // every type's count, descending (rank order)
  std::vector<std::uint64_t> doc_lengths;  // ascending
};

CorpusStats summarize(const CorpusCounts& counts, const StatsOptions& options);

// A plain-text report and a JSON object (one line, then '\n'); equal stats give equal bytes.
std::string to_text(const CorpusStats& s);
std::string to_json(const CorpusStats& s);

}  // namespace nlp::stats
