#include "nlp/embed/subword.hpp"

#include <fmt/format.h>

#include <string>

#include "nlp/error.hpp"

namespace nlp::embed {

std::uint32_t fasttext_hash(std::string_view bytes) noexcept {
  std::uint32_t h = 2166136261u;
  for (const char c : bytes) {
    h ^= static_cast<std::uint32_t>(static_cast<std::int8_t>(c));
    h *= 16777619u;
  }
  return h;
}

std::vector<std::uint32_t> subword_buckets(std::string_view word, std::size_t minn, std::size_t maxn,
                                           std::size_t buckets) {
  std::vector<std::uint32_t> out;
  if (maxn == 0 || buckets == 0) return out;
  const std::string w = "<" + std::string(word) + ">";
  std::string ngram;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;
    ngram.clear();
    for (std::size_t j = i, n = 1; j < w.size() && n <= maxn; ++n) {
      ngram.push_back(w[j++]);
      while (j < w.size() && (static_cast<unsigned char>(w[j]) & 0xC0) == 0x80) ngram.push_back(w[j++]);
      if (n >= minn && !(n == 1 && (i == 0 || j == w.size())))
        out.push_back(static_cast<std::uint32_t>(fasttext_hash(ngram) % buckets));
    }
  }
  return out;
}

void SubwordModel::check() const {
  if (bucket_rows.size() != buckets * words.dim())
    throw UsageError(fmt::format("subword model: {} buckets of dimension {} need {} values, got {}", buckets,
                                 words.dim(), buckets * words.dim(), bucket_rows.size()));
  if (minn == 0 || minn > maxn) throw UsageError(fmt::format("subword model: bad n-gram lengths {}..{}", minn, maxn));
}

std::optional<std::vector<float>> SubwordModel::vector_of(std::string_view word) const {
  const std::size_t dim = words.dim();
  if (const auto i = words.index(word)) {
    const auto v = words.vector(*i);
    return std::vector<float>(v.begin(), v.end());
  }
  const std::vector<std::uint32_t> ids = subword_buckets(word, minn, maxn, buckets);
  if (ids.empty()) return std::nullopt;
  std::vector<float> sum(dim, 0.0f);
  for (const std::uint32_t b : ids)
    for (std::size_t j = 0; j < dim; ++j) sum[j] += bucket_rows[std::size_t{b} * dim + j];
  for (float& x : sum) x /= static_cast<float>(ids.size());
  return sum;
}

}  // namespace nlp::embed
