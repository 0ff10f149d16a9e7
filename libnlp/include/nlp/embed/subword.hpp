#pragma once
// fastText's subwords: the character n-grams of "<" + word + ">" of minn..maxn code points
// (an n-gram never starts inside a UTF-8 sequence), hashed with 32-bit FNV-1a over the bytes
// taken as signed chars (fastText's quirk, which changes the hash of non-ASCII bytes), modulo
// the number of buckets.
//   auto ids = nlp::embed::subword_buckets("where", 3, 6, 2000000);   // "<wh", "whe", ..., "<where>"
// A SubwordModel keeps the vocabulary's vectors (each the mean of the word's own row and its
// n-gram rows) and the bucket rows, so that any word gets a vector.
// Thread-safe for concurrent const use. Throws UsageError on inconsistent sizes.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "nlp/embed/word_vectors.hpp"

namespace nlp::embed {

std::uint32_t fasttext_hash(std::string_view bytes) noexcept;

// Bucket numbers (hash % buckets) of the word's n-grams, in fastText's order (by start, then
// length); empty when maxn is 0.
std::vector<std::uint32_t> subword_buckets(std::string_view word, std::size_t minn, std::size_t maxn,
                                           std::size_t buckets);

struct SubwordModel {
  WordVectors words;           // the vocabulary's vectors
  std::size_t minn = 3, maxn = 6;
  std::size_t buckets = 0;
  std::vector<float> bucket_rows;  // buckets * words.dim()

  // The vector of any word: its row for a vocabulary word, else the mean of its n-grams' bucket
  // rows (nullopt when it has no n-gram, e.g. with maxn 0).
  std::optional<std::vector<float>> vector_of(std::string_view word) const;
  void check() const;  // sizes agree, else UsageError
};

}  // namespace nlp::embed
