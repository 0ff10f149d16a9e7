#pragma once
// Word vectors: words in index order (trainers and word2vec files list the most frequent
// first, which is what `restrict_vocab` relies on), float32 components row by row, and the L2
// norm of each row.
//   nlp::embed::WordVectors v({"king", "queen"}, 2, {0.1f, 0.2f, 0.3f, 0.4f});
//   std::optional<std::size_t> i = v.index("queen");   // 1
// Thread-safe for concurrent const use. Views and spans live as long as the object. The
// constructor throws UsageError on a repeated or empty word, a size mismatch, or a non-finite
// component.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "nlp/util/hash.hpp"

namespace nlp::embed {

class WordVectors {
 public:
  WordVectors() = default;
  WordVectors(std::vector<std::string> words, std::size_t dim, std::vector<float> values);

  std::size_t size() const noexcept { return words_.size(); }
  std::size_t dim() const noexcept { return dim_; }
  const std::vector<std::string>& words() const noexcept { return words_; }
  const std::string& word(std::size_t i) const { return words_.at(i); }
  std::span<const float> vector(std::size_t i) const noexcept {
    return std::span<const float>(values_).subspan(i * dim_, dim_);
  }
  std::span<const float> values() const noexcept { return values_; }
  // L2 norm of row i, accumulated in double.
  double norm(std::size_t i) const noexcept { return norms_[i]; }
  std::optional<std::size_t> index(std::string_view word) const;

  // Every row divided by its norm (rows of norm 0 stay 0), in float32.
  WordVectors normalized() const;

 private:
  std::vector<std::string> words_;
  std::size_t dim_ = 0;
  std::vector<float> values_;
  std::vector<double> norms_;
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> index_;
};

}  // namespace nlp::embed
