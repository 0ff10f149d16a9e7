#pragma once
// Exact counts and document frequencies of word or character n-grams.
//
//   nlp::ngrams::NgramCounter c({.unit = nlp::ngrams::NgramUnit::kWord, .min_n = 1, .max_n = 2});
//   c.add_document(words);                  // words: std::span<const std::string_view>
//   auto top = c.top({.min_count = 2, .top = 20});
//
// Word n-grams are runs of consecutive tokens of one document, shown joined by one space.
// Character n-grams are runs of consecutive code points of the document's tokens joined by one
// space (the text scikit-learn's analyzer="char" sees after whitespace normalization).
// Counting is exact: memory grows with the number of distinct n-grams (bytes_used() estimates
// it), unless the caller bounds it with prune_to(), which makes the counts approximate with a
// known bound (error_bound()). Thread-safety: one counter per thread, then merge(); exact
// results do not depend on the split.
// Views in NgramEntry stay valid while the counter lives. Throws UsageError for invalid options.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace nlp::ngrams {

enum class NgramUnit { kWord, kChar };

struct NgramOptions {
  NgramUnit unit = NgramUnit::kWord;
  std::size_t min_n = 1, max_n = 1;  // 1 <= min_n <= max_n
};

enum class NgramOrder { kCount, kDocumentFrequency };

struct TopOptions {
  std::uint64_t min_count = 1;  // drop n-grams seen fewer times
  std::uint64_t min_df = 1;     // drop n-grams found in fewer documents
  std::size_t top = 0;          // keep the best `top` (0 = all)
  NgramOrder order = NgramOrder::kCount;
};

struct NgramEntry {
  std::string_view key;  // internal form; see NgramCounter::display
  std::size_t n = 0;     // number of words or code points
  std::uint64_t count = 0, df = 0;
};

class NgramCounter {
 public:
  explicit NgramCounter(NgramOptions opts = {});
  void add_document(std::span<const std::string_view> words);
  void merge(const NgramCounter& other);
  // Forgets every count (the options stay).
  void clear();

  std::uint64_t documents() const noexcept { return documents_; }
  std::size_t distinct() const noexcept { return counts_.size(); }
  // Approximate heap bytes of the tables (keys, nodes and buckets); constant time.
  std::size_t bytes_used() const noexcept;

  // Bounded memory, approximate counts (as gensim's prune_vocab): while bytes_used() exceeds
  // `target_bytes`, removes every n-gram whose count is at most a threshold that starts at the
  // previous prune's threshold (1 at first) and rises by one per pass. Returns the threshold
  // used (0 when nothing was removed). Call between documents only.
  std::uint64_t prune_to(std::size_t target_bytes);
  // For every n-gram, true count - reported count and true df - reported df lie in
  // [0, error_bound()]: the sum of the thresholds of every prune, merged counters included.
  // 0 means the counts are exact.
  std::uint64_t error_bound() const noexcept { return error_bound_; }
  std::uint64_t prunes() const noexcept { return prunes_; }
  // Count and document frequency of an n-gram given as its words (word unit) or its text.
  std::uint64_t count(std::span<const std::string_view> words) const;
  std::uint64_t df(std::span<const std::string_view> words) const;

  // Sorted by count (or df) descending, then the other figure descending, then the displayed
  // text ascending (byte order).
  std::vector<NgramEntry> top(const TopOptions& opts) const;
  // The n-gram as text: words joined by one space, or the characters themselves.
  std::string display(const NgramEntry& e) const;

 private:
  struct Stats {
    std::uint64_t count = 0, df = 0;
    std::uint32_t n = 0;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  void append_key(std::span<const std::string_view> words, std::string& key) const;
  void bump(std::string_view key, std::uint32_t n);
  static std::size_t entry_bytes(std::string_view key) noexcept;
  NgramOptions opts_;
  std::unordered_map<std::string, Stats, Hash, std::equal_to<>> counts_;
  std::unordered_set<std::string_view> seen_;  // keys of the current document (views into counts_)
  std::uint64_t documents_ = 0;
  std::size_t entry_bytes_ = 0;       // bytes_used() without the bucket array
  std::uint64_t min_reduce_ = 1, error_bound_ = 0, prunes_ = 0;
};

}  // namespace nlp::ngrams
