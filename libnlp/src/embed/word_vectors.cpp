#include "nlp/embed/word_vectors.hpp"

#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "nlp/error.hpp"

namespace nlp::embed {

WordVectors::WordVectors(std::vector<std::string> words, std::size_t dim, std::vector<float> values)
    : words_(std::move(words)), dim_(dim), values_(std::move(values)) {
  if (dim_ == 0 && !words_.empty()) throw UsageError("word vectors: the dimension must be at least 1");
  if (values_.size() != words_.size() * dim_)
    throw UsageError(fmt::format("word vectors: {} words of dimension {} need {} values, got {}",
                                 words_.size(), dim_, words_.size() * dim_, values_.size()));
  index_.reserve(words_.size());
  norms_.resize(words_.size());
  for (std::size_t i = 0; i < words_.size(); ++i) {
    if (words_[i].empty()) throw UsageError(fmt::format("word vectors: word {} is empty", i + 1));
    if (!index_.emplace(words_[i], i).second)
      throw UsageError(fmt::format("word vectors: the word {:?} appears twice (rows {} and {})", words_[i],
                                   index_.find(words_[i])->second + 1, i + 1));
    double sum = 0;
    for (const float x : vector(i)) {
      if (!std::isfinite(x))
        throw UsageError(fmt::format("word vectors: the vector of {:?} has a non-finite component", words_[i]));
      sum += static_cast<double>(x) * x;
    }
    norms_[i] = std::sqrt(sum);
  }
}

std::optional<std::size_t> WordVectors::index(std::string_view word) const {
  const auto it = index_.find(word);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

WordVectors WordVectors::normalized() const {
  std::vector<float> unit(values_.size());
  for (std::size_t i = 0; i < words_.size(); ++i) {
    if (norms_[i] == 0) continue;
    for (std::size_t j = 0; j < dim_; ++j)
      unit[i * dim_ + j] = static_cast<float>(values_[i * dim_ + j] / norms_[i]);
  }
  return WordVectors(words_, dim_, std::move(unit));
}

}  // namespace nlp::embed
