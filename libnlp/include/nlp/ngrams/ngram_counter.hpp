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
// it). Thread-safety: one counter per thread, then merge(); results do not depend on the split.
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

  std::uint64_t documents() const noexcept { return documents_; }
  std::size_t distinct() const noexcept { return counts_.size(); }
  // Approximate heap bytes of the tables (keys, nodes and buckets).
  std::size_t bytes_used() const noexcept;
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
  NgramOptions opts_;
  std::unordered_map<std::string, Stats, Hash, std::equal_to<>> counts_;
  std::unordered_set<std::string_view> seen_;  // keys of the current document (views into counts_)
  std::uint64_t documents_ = 0;
};

}  // namespace nlp::ngrams
