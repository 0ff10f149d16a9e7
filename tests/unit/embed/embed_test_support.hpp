#pragma once
// Small corpora for the embedding trainer tests: an in-memory IdCorpus and a corpus of topics
// (sentences drawing their words from one group each), whose words should come out closer
// within a group than across groups.
#include <cstdint>
#include <string>
#include <vector>

#include "nlp/embed/similarity.hpp"
#include "nlp/embed/word2vec.hpp"

namespace nlp::test {

class VectorCorpus : public embed::IdCorpus {
 public:
  explicit VectorCorpus(std::vector<std::uint32_t> ids = {}) : ids_(std::move(ids)) {}
  std::uint64_t size() const override { return ids_.size(); }
  void read(std::uint64_t begin, std::uint64_t end, std::vector<std::uint32_t>& out) const override {
    out.assign(ids_.begin() + static_cast<std::ptrdiff_t>(begin), ids_.begin() + static_cast<std::ptrdiff_t>(end));
  }

 private:
  std::vector<std::uint32_t> ids_;
};

struct Topics {
  embed::Vocabulary vocab;
  VectorCorpus corpus;
};

// `groups` groups of words (words[g * per_group + k]); `sentences` sentences of eight words,
// sentence s drawing from group s % groups with a fixed generator, each word with probability
// `stray` from the next group instead.
inline Topics topics(std::vector<std::string> words, std::size_t groups, int sentences, std::uint64_t seed,
                     double stray = 0) {
  const std::size_t per_group = words.size() / groups;
  Topics t;
  std::vector<std::uint32_t> ids;
  std::vector<std::uint64_t> counts(words.size(), 0);
  std::uint64_t state = seed;
  for (int s = 0; s < sentences; ++s) {
    const std::size_t group = static_cast<std::size_t>(s) % groups;
    for (int k = 0; k < 8; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const bool strays = static_cast<double>((state >> 11) & 0xFFFF) / 65536.0 < stray;
      const auto w = static_cast<std::uint32_t>(((group + strays) % groups) * per_group + (state >> 33) % per_group);
      ids.push_back(w);
      ++counts[w];
    }
    ids.push_back(embed::IdCorpus::kSentenceEnd);
  }
  t.vocab.words = std::move(words);
  t.vocab.counts = std::move(counts);
  t.corpus = VectorCorpus(std::move(ids));
  return t;
}

// Mean cosine of the words within each of two groups of `per_group` (rows 0.. and per_group..)
// minus the mean cosine across the groups: near 0 for vectors that learned nothing.
inline double group_margin(const embed::WordVectors& v, std::size_t per_group) {
  double same = 0, other = 0;
  for (std::size_t i = 0; i < per_group; ++i)
    for (std::size_t j = 0; j < per_group; ++j) {
      if (i != j) same += embed::similarity(v, i, j) + embed::similarity(v, per_group + i, per_group + j);
      other += embed::similarity(v, i, per_group + j);
    }
  const auto n = static_cast<double>(per_group);
  return same / (2 * n * (n - 1)) - other / (n * n);
}

}  // namespace nlp::test
