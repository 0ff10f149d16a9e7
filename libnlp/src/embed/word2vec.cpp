#include "nlp/embed/word2vec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

#include "embed/vector_math.hpp"
#include "nlp/error.hpp"

namespace nlp::embed {
namespace {

// The word2vec tool's sigmoid table: 1000 values over (-6, 6), indexed by (f + 6) * 83 (its
// integer-divided 1000 / 6 / 2).
constexpr int kExpTableSize = 1000;
constexpr float kMaxExp = 6;
constexpr int kExpIndexFactor = kExpTableSize / static_cast<int>(kMaxExp) / 2;
// The learning rate is recomputed after this many words of a thread.
constexpr std::uint64_t kAlphaEvery = 10000;

struct Tables {
  std::vector<float> sigmoid, log_sigmoid, log_one_minus;  // over the same grid
  Tables() : sigmoid(kExpTableSize), log_sigmoid(kExpTableSize), log_one_minus(kExpTableSize) {
    for (int i = 0; i < kExpTableSize; ++i) {
      const float e = static_cast<float>(std::exp((static_cast<float>(i) / kExpTableSize * 2 - 1) * kMaxExp));
      sigmoid[static_cast<std::size_t>(i)] = e / (e + 1);
      log_sigmoid[static_cast<std::size_t>(i)] = std::log(e / (e + 1));
      log_one_minus[static_cast<std::size_t>(i)] = std::log(1 / (e + 1));
    }
  }
};

// The word2vec tool's random numbers: a 64-bit linear congruential generator, advanced before use.
struct Lcg {
  std::uint64_t state;
  std::uint64_t next() noexcept { return state = state * 25214903917ULL + 11; }
};

// Huffman codes and inner-node paths of the word2vec tool's tree (two queues over counts sorted
// in descending order; on ties the inner node is taken).
struct HuffmanTree {
  std::vector<std::vector<std::uint8_t>> code;
  std::vector<std::vector<std::uint32_t>> point;
};

HuffmanTree huffman(const std::vector<std::uint64_t>& counts) {
  const std::size_t v = counts.size();
  HuffmanTree t;
  t.code.resize(v);
  t.point.resize(v);
  if (v < 2) {
    if (v == 1) t.point[0] = {0};
    if (v == 1) t.code[0] = {0};
    return t;
  }
  std::vector<std::uint64_t> count(2 * v, 0);
  std::vector<std::uint8_t> binary(2 * v, 0);
  std::vector<std::size_t> parent(2 * v, 0);
  for (std::size_t a = 0; a < v; ++a) count[a] = counts[a];
  for (std::size_t a = v; a < 2 * v; ++a) count[a] = 1'000'000'000'000'000ULL;
  std::ptrdiff_t pos1 = static_cast<std::ptrdiff_t>(v) - 1;
  std::size_t pos2 = v;
  const auto pick = [&]() {
    if (pos1 >= 0 && count[static_cast<std::size_t>(pos1)] < count[pos2]) return static_cast<std::size_t>(pos1--);
    return pos2++;
  };
  for (std::size_t a = 0; a + 1 < v; ++a) {
    const std::size_t min1 = pick(), min2 = pick();
    count[v + a] = count[min1] + count[min2];
    parent[min1] = v + a;
    parent[min2] = v + a;
    binary[min2] = 1;
  }
  for (std::size_t a = 0; a < v; ++a) {
    std::vector<std::uint8_t> code;
    std::vector<std::uint32_t> point;
    for (std::size_t b = a; b != 2 * v - 2; b = parent[b]) {
      code.push_back(binary[b]);
      point.push_back(static_cast<std::uint32_t>(parent[b] - v));  // the inner node above b
    }
    std::reverse(code.begin(), code.end());
    std::reverse(point.begin(), point.end());
    t.code[a] = std::move(code);
    t.point[a] = std::move(point);
  }
  return t;
}

// Draws words with probability count^power / Z (the word2vec tool's noise distribution with
// power 0.75, fastText's with 0.5) by
// Walker's alias method: 8 bytes a word, so the table stays in cache where the tool's 10^8
// entries (400 MB) cost a cache miss per negative.
class NoiseSampler {
 public:
  NoiseSampler() = default;
  NoiseSampler(const std::vector<std::uint64_t>& counts, double power) : cells_(counts.size()) {
    const std::size_t n = counts.size();
    std::vector<double> p(n);
    double z = 0;
    for (std::size_t i = 0; i < n; ++i) z += p[i] = std::pow(static_cast<double>(counts[i]), power);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      p[i] = p[i] / z * static_cast<double>(n);
      (p[i] < 1 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const std::uint32_t s = small.back(), l = large.back();
      small.pop_back();
      cells_[s] = {threshold(p[s]), l};
      p[l] -= 1 - p[s];
      if (p[l] < 1) {
        large.pop_back();
        small.push_back(l);
      }
    }
    for (const std::uint32_t i : large) cells_[i] = {0xFFFFFFFFu, i};
    for (const std::uint32_t i : small) cells_[i] = {0xFFFFFFFFu, i};  // rounding leftovers
  }
  // A word from 32 random bits: the cell from their product with n, its own word or its alias
  // by the fraction that product leaves.
  std::uint32_t draw(std::uint32_t bits) const noexcept {
    const std::uint64_t m = std::uint64_t{bits} * cells_.size();
    const Cell& c = cells_[m >> 32];
    return static_cast<std::uint32_t>(m) < c.threshold ? static_cast<std::uint32_t>(m >> 32) : c.alias;
  }

 private:
  struct Cell {
    std::uint32_t threshold;  // keep the cell's own word when the fraction is below this
    std::uint32_t alias;
  };
  std::vector<Cell> cells_;
  static std::uint32_t threshold(double p) {
    return static_cast<std::uint32_t>(std::min(4294967295.0, std::max(0.0, p * 4294967296.0)));
  }
};

struct Shared {
  const Word2VecOptions& o;
  const Tables tables;
  std::size_t v = 0, dim = 0;
  std::vector<float> syn0, syn1, syn1neg;
  HuffmanTree tree;
  // fastText-style: the input rows of each word (its own row, then its n-grams' rows after the
  // vocabulary's); empty for word2vec, whose input row is the word's.
  std::vector<std::vector<std::uint32_t>> inputs;
  NoiseSampler noise;
  std::vector<float> keep;  // subsampling: the tool's `ran` per word
  float start_alpha = 0;
  std::uint64_t train_words = 0;
  std::atomic<std::uint64_t> words{0};
  std::atomic<float> alpha{0};
  std::atomic<bool> stop{false};
  explicit Shared(const Word2VecOptions& opts) : o(opts) {}
};

// Loss accumulated by a worker between progress reports.
struct alignas(64) WorkerLoss {
  std::atomic<double> sum{0};
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::size_t> epoch{1};
};

class Worker {
 public:
  Worker(Shared& s, const IdCorpus& corpus, std::uint64_t begin, std::uint64_t end, std::uint64_t seed,
         WorkerLoss& loss)
      : s_(s), corpus_(corpus), begin_(begin), end_(end), rng_{seed}, loss_(loss),
        neu1_(s.dim), neu1e_(s.dim), targets_(s.o.negative + 1) {}

  void run() {
    std::vector<std::uint32_t> block, sentence;
    constexpr std::uint64_t kBlock = 1 << 20;
    for (std::size_t epoch = 0; epoch < s_.o.epochs && !s_.stop.load(std::memory_order_relaxed); ++epoch) {
      loss_.epoch.store(epoch + 1, std::memory_order_relaxed);
      sentence.clear();
      for (std::uint64_t at = begin_; at < end_; at += kBlock) {
        corpus_.read(at, std::min(end_, at + kBlock), block);
        for (const std::uint32_t id : block) {
          if (id == IdCorpus::kSentenceEnd) {
            train_sentence(sentence);
            sentence.clear();
            continue;
          }
          ++words_;
          if (s_.o.sample > 0) {
            const float ran = s_.keep[id];
            if (ran < static_cast<float>(rng_.next() & 0xFFFF) / 65536.0f) continue;
          }
          sentence.push_back(id);
          if (sentence.size() >= s_.o.max_sentence) {
            train_sentence(sentence);
            sentence.clear();
          }
        }
        if (s_.stop.load(std::memory_order_relaxed)) return;
      }
      train_sentence(sentence);
    }
    flush_words();
  }

 private:
  Shared& s_;
  const IdCorpus& corpus_;
  std::uint64_t begin_, end_;
  Lcg rng_;
  WorkerLoss& loss_;
  std::vector<float> neu1_, neu1e_;
  std::vector<std::uint32_t> targets_;  // of negative sampling: the word, then the noise words
  std::uint64_t words_ = 0, words_reported_ = 0;
  double loss_sum_ = 0;
  std::uint64_t loss_count_ = 0;
  float alpha_ = 0;

  void flush_words() {
    const std::uint64_t total = s_.words.fetch_add(words_ - words_reported_, std::memory_order_relaxed) +
                                (words_ - words_reported_);
    words_reported_ = words_;
    const double progress = static_cast<double>(total) / static_cast<double>(s_.o.epochs * s_.train_words + 1);
    alpha_ = std::max(s_.start_alpha * static_cast<float>(1 - progress), s_.start_alpha * 0.0001f);
    s_.alpha.store(alpha_, std::memory_order_relaxed);
    loss_.sum.store(loss_.sum.load(std::memory_order_relaxed) + loss_sum_, std::memory_order_relaxed);
    loss_.count.fetch_add(loss_count_, std::memory_order_relaxed);
    loss_sum_ = 0;
    loss_count_ = 0;
  }

  // One prediction of `word` (or, for hierarchical softmax, its tree path) from input vector
  // `in`; the gradient for `in` accumulates in neu1e_.
  void learn(const float* in, std::uint32_t word) {
    const std::size_t dim = s_.dim;
    const Tables& t = s_.tables;
    if (s_.o.hs) {
      const auto& code = s_.tree.code[word];
      const auto& point = s_.tree.point[word];
      for (std::size_t d = 0; d < code.size(); ++d) {
        float* l2 = s_.syn1.data() + std::size_t{point[d]} * dim;
        const float f = vec::dot(in, l2, dim);
        if (!(f > -kMaxExp && f < kMaxExp)) continue;
        const auto idx = static_cast<std::size_t>((f + kMaxExp) * kExpIndexFactor);
        const float g = (1 - static_cast<float>(code[d]) - t.sigmoid[idx]) * alpha_;
        loss_sum_ -= code[d] ? t.log_one_minus[idx] : t.log_sigmoid[idx];
        ++loss_count_;
        vec::axpy(g, l2, neu1e_.data(), dim);
        vec::axpy(g, in, l2, dim);
      }
    }
    if (s_.o.negative == 0) return;
    // The targets first (the positive word, then the draws in order), their rows prefetched, so
    // that their cache misses overlap.
    targets_[0] = word;
    for (std::size_t d = 1; d <= s_.o.negative; ++d) {
      targets_[d] = s_.noise.draw(static_cast<std::uint32_t>(rng_.next() >> 32));
      const char* row = reinterpret_cast<const char*>(s_.syn1neg.data() + std::size_t{targets_[d]} * dim);
      for (std::size_t b = 0; b < dim * sizeof(float); b += 64) __builtin_prefetch(row + b, 1);
    }
    for (std::size_t d = 0; d <= s_.o.negative; ++d) {
      const std::uint32_t target = targets_[d];
      if (d > 0 && target == word) continue;
      const float label = d == 0 ? 1.0f : 0.0f;
      float* l2 = s_.syn1neg.data() + std::size_t{target} * dim;
      const float f = vec::dot(in, l2, dim);
      float g;
      if (f > kMaxExp) {
        g = (label - 1) * alpha_;
        if (label == 0) loss_sum_ += f;  // -log(1 - sigmoid(f)) ~ f
      } else if (f >= -kMaxExp) {
        const auto idx = std::min(static_cast<std::size_t>((f + kMaxExp) * kExpIndexFactor), std::size_t{kExpTableSize - 1});
        g = (label - t.sigmoid[idx]) * alpha_;
        loss_sum_ -= label == 1 ? t.log_sigmoid[idx] : t.log_one_minus[idx];
      } else {  // below -6, or not a number (caught after the epoch)
        g = label * alpha_;
        if (label == 1) loss_sum_ -= f;
      }
      ++loss_count_;
      vec::axpy(g, l2, neu1e_.data(), dim);
      vec::axpy(g, in, l2, dim);
    }
  }

  // neu1_ = the mean of the rows `ids` (fastText's hidden vector).
  void mean_of(const std::vector<std::uint32_t>& ids, std::size_t& count) {
    for (const std::uint32_t r : ids) vec::add(s_.syn0.data() + std::size_t{r} * s_.dim, neu1_.data(), s_.dim);
    count += ids.size();
  }

  // fastText's skip-gram (the centre word's input predicts each context word) and CBOW (the mean
  // of the context words' inputs predicts the centre word); the gradient goes whole to every
  // input row.
  void train_subwords(const std::vector<std::uint32_t>& sentence, std::size_t pos, std::size_t b) {
    const std::size_t n = sentence.size(), window = s_.o.window, dim = s_.dim;
    const auto context = [&](std::size_t a) -> std::ptrdiff_t {
      const std::ptrdiff_t c = static_cast<std::ptrdiff_t>(pos) - static_cast<std::ptrdiff_t>(window) +
                               static_cast<std::ptrdiff_t>(a);
      return a == window || c < 0 || c >= static_cast<std::ptrdiff_t>(n) ? -1 : c;
    };
    if (s_.o.model == Word2VecModel::skipgram) {
      const std::vector<std::uint32_t>& in = s_.inputs[sentence[pos]];
      for (std::size_t a = b; a < 2 * window + 1 - b; ++a) {
        const std::ptrdiff_t c = context(a);
        if (c < 0) continue;
        std::fill(neu1_.begin(), neu1_.end(), 0.0f);
        std::size_t count = 0;
        mean_of(in, count);
        vec::scale(1.0f / static_cast<float>(count), neu1_.data(), dim);
        std::fill(neu1e_.begin(), neu1e_.end(), 0.0f);
        learn(neu1_.data(), sentence[static_cast<std::size_t>(c)]);
        for (const std::uint32_t r : in) vec::add(neu1e_.data(), s_.syn0.data() + std::size_t{r} * dim, dim);
      }
      return;
    }
    std::fill(neu1_.begin(), neu1_.end(), 0.0f);
    std::size_t count = 0;
    for (std::size_t a = b; a < 2 * window + 1 - b; ++a)
      if (const std::ptrdiff_t c = context(a); c >= 0) mean_of(s_.inputs[sentence[static_cast<std::size_t>(c)]], count);
    if (count == 0) return;
    vec::scale(1.0f / static_cast<float>(count), neu1_.data(), dim);
    std::fill(neu1e_.begin(), neu1e_.end(), 0.0f);
    learn(neu1_.data(), sentence[pos]);
    for (std::size_t a = b; a < 2 * window + 1 - b; ++a)
      if (const std::ptrdiff_t c = context(a); c >= 0)
        for (const std::uint32_t r : s_.inputs[sentence[static_cast<std::size_t>(c)]])
          vec::add(neu1e_.data(), s_.syn0.data() + std::size_t{r} * dim, dim);
  }

  void train_sentence(const std::vector<std::uint32_t>& sentence) {
    const std::size_t n = sentence.size();
    const std::size_t window = s_.o.window, dim = s_.dim;
    for (std::size_t pos = 0; pos < n; ++pos) {
      if (words_ - words_reported_ > kAlphaEvery) flush_words();
      const std::uint32_t word = sentence[pos];
      const std::size_t b = rng_.next() % window;
      if (!s_.inputs.empty()) {
        train_subwords(sentence, pos, b);
      } else if (s_.o.model == Word2VecModel::skipgram) {
        for (std::size_t a = b; a < 2 * window + 1 - b; ++a) {
          if (a == window) continue;
          const std::ptrdiff_t c = static_cast<std::ptrdiff_t>(pos) - static_cast<std::ptrdiff_t>(window) +
                                   static_cast<std::ptrdiff_t>(a);
          if (c < 0 || c >= static_cast<std::ptrdiff_t>(n)) continue;
          float* l1 = s_.syn0.data() + std::size_t{sentence[static_cast<std::size_t>(c)]} * dim;
          std::fill(neu1e_.begin(), neu1e_.end(), 0.0f);
          learn(l1, word);
          vec::add(neu1e_.data(), l1, dim);
        }
      } else {
        std::fill(neu1_.begin(), neu1_.end(), 0.0f);
        std::fill(neu1e_.begin(), neu1e_.end(), 0.0f);
        std::size_t cw = 0;
        for (std::size_t a = b; a < 2 * window + 1 - b; ++a) {
          if (a == window) continue;
          const std::ptrdiff_t c = static_cast<std::ptrdiff_t>(pos) - static_cast<std::ptrdiff_t>(window) +
                                   static_cast<std::ptrdiff_t>(a);
          if (c < 0 || c >= static_cast<std::ptrdiff_t>(n)) continue;
          vec::add(s_.syn0.data() + std::size_t{sentence[static_cast<std::size_t>(c)]} * dim, neu1_.data(), dim);
          ++cw;
        }
        if (cw == 0) continue;
        for (float& x : neu1_) x /= static_cast<float>(cw);
        learn(neu1_.data(), word);
        for (std::size_t a = b; a < 2 * window + 1 - b; ++a) {
          if (a == window) continue;
          const std::ptrdiff_t c = static_cast<std::ptrdiff_t>(pos) - static_cast<std::ptrdiff_t>(window) +
                                   static_cast<std::ptrdiff_t>(a);
          if (c < 0 || c >= static_cast<std::ptrdiff_t>(n)) continue;
          vec::add(neu1e_.data(), s_.syn0.data() + std::size_t{sentence[static_cast<std::size_t>(c)]} * dim, dim);
        }
      }
    }
  }
};

void check_options(const Word2VecOptions& o, const Vocabulary& vocab) {
  if (vocab.words.empty())
    throw UsageError("word2vec: the vocabulary is empty; no word occurs min_count times (lower --min-count)");
  if (vocab.words.size() != vocab.counts.size()) throw UsageError("word2vec: words and counts differ in number");
  if (o.dim == 0 || o.dim > 10000) throw UsageError(fmt::format("word2vec: dim must be in 1..10000, got {}", o.dim));
  if (o.window == 0) throw UsageError("word2vec: window must be at least 1");
  if (o.negative == 0 && !o.hs) throw UsageError("word2vec: choose negative sampling (negative > 0), hs, or both");
  if (o.epochs == 0) throw UsageError("word2vec: epochs must be at least 1");
  if (!(o.alpha >= 0) || !std::isfinite(o.alpha)) throw UsageError("word2vec: alpha must be positive");
  if (!(o.sample >= 0) || !std::isfinite(o.sample)) throw UsageError("word2vec: sample must be 0 or positive");
  if (o.max_sentence == 0) throw UsageError("word2vec: max_sentence must be at least 1");
  if (vocab.words.size() >= 0xFFFFFFFFu) throw UsageError("word2vec: too many words");
}

}  // namespace

std::vector<std::uint64_t> IdCorpus::split(unsigned parts) const {
  parts = std::max(1u, parts);
  const std::uint64_t n = size();
  std::vector<std::uint64_t> bounds(parts + 1, n);
  bounds[0] = 0;
  std::vector<std::uint32_t> buf;
  for (unsigned t = 1; t < parts; ++t) {
    const std::uint64_t at = n / parts * t;
    read(at, std::min(n, at + (1u << 20)), buf);
    const auto it = std::find(buf.begin(), buf.end(), kSentenceEnd);
    bounds[t] = it == buf.end() ? at : at + static_cast<std::uint64_t>(it - buf.begin()) + 1;
    bounds[t] = std::max(bounds[t], bounds[t - 1]);
  }
  return bounds;
}

std::uint64_t Vocabulary::total() const noexcept { return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}); }

Vocabulary select_vocabulary(const std::vector<std::string>& words, const std::vector<std::uint64_t>& counts,
                             std::uint64_t min_count, std::size_t max_words, std::vector<std::uint32_t>& new_id) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < words.size(); ++i)
    if (counts[i] >= min_count) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return counts[a] > counts[b]; });
  if (max_words > 0 && order.size() > max_words) order.resize(max_words);
  Vocabulary v;
  new_id.assign(words.size(), kDropped);
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    new_id[order[k]] = k;
    v.words.push_back(words[order[k]]);
    v.counts.push_back(counts[order[k]]);
  }
  return v;
}

const char* to_string(Word2VecModel m) { return m == Word2VecModel::skipgram ? "skipgram" : "cbow"; }

Word2VecModel parse_word2vec_model(std::string_view s) {
  if (s == "skipgram" || s == "sg" || s == "skip-gram") return Word2VecModel::skipgram;
  if (s == "cbow") return Word2VecModel::cbow;
  throw UsageError(fmt::format("unknown word2vec model {:?}; expected skipgram or cbow", s));
}

namespace {

// Trains and returns the input rows: the vocabulary's, then (subwords) the buckets'.
std::vector<float> train(const Vocabulary& vocab, const IdCorpus& corpus, const Word2VecOptions& o, bool subwords,
                         const ProgressFn& progress, TrainStats* stats) {
  check_options(o, vocab);
  const auto start = std::chrono::steady_clock::now();
  Shared s(o);
  s.v = vocab.words.size();
  s.dim = o.dim;
  std::size_t rows = s.v;
  if (subwords) {
    if (o.minn == 0 || o.minn > o.maxn || o.bucket == 0 || o.bucket > 0x7FFFFFFFu - s.v)
      throw UsageError(fmt::format("fasttext: need 1 <= minn <= maxn and 1 <= bucket < 2^31, got minn {}, maxn {}, "
                                   "bucket {}",
                                   o.minn, o.maxn, o.bucket));
    s.inputs.resize(s.v);
    for (std::size_t w = 0; w < s.v; ++w) {
      s.inputs[w].push_back(static_cast<std::uint32_t>(w));
      for (const std::uint32_t b : subword_buckets(vocab.words[w], o.minn, o.maxn, o.bucket))
        s.inputs[w].push_back(static_cast<std::uint32_t>(s.v + b));
    }
    rows += o.bucket;
  }
  s.train_words = vocab.total();
  s.start_alpha = static_cast<float>(o.alpha > 0 ? o.alpha : (o.model == Word2VecModel::cbow ? 0.05 : 0.025));
  s.alpha = s.start_alpha;
  // The word2vec tool's initialization: uniform in [-0.5, 0.5) / dim from its generator seeded
  // with `seed`; fastText's (and gensim's FastText's) is twice as wide, [-1, 1) / dim.
  s.syn0.resize(rows * s.dim);
  Lcg init{o.seed};
  const double width = subwords ? 2.0 : 1.0;
  for (float& x : s.syn0)
    x = static_cast<float>(width * (static_cast<float>(init.next() & 0xFFFF) / 65536.0f - 0.5) / static_cast<double>(s.dim));
  if (o.negative > 0) {
    s.syn1neg.assign(s.v * s.dim, 0.0f);
    s.noise = NoiseSampler(vocab.counts, subwords ? 0.5 : 0.75);
  }
  if (o.hs) {
    s.syn1.assign(s.v * s.dim, 0.0f);
    s.tree = huffman(vocab.counts);
  }
  s.keep.assign(s.v, 1.0f);
  const double threshold = o.sample * static_cast<double>(s.train_words);
  for (std::size_t i = 0; i < s.v && o.sample > 0; ++i) {
    const auto c = static_cast<double>(vocab.counts[i]);
    s.keep[i] = static_cast<float>((std::sqrt(c / threshold) + 1) * threshold / c);
  }
  const unsigned threads = std::max(1u, o.threads);
  const std::vector<std::uint64_t> bounds = corpus.split(threads);
  std::vector<WorkerLoss> losses(threads);
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  std::mutex m;
  std::condition_variable cv;
  std::size_t running = threads;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      try {
        Worker(s, corpus, bounds[t], bounds[t + 1], o.seed + t, losses[t]).run();
      } catch (...) {
        errors[t] = std::current_exception();
        s.stop = true;
      }
      const std::lock_guard<std::mutex> lock(m);
      --running;
      cv.notify_all();
    });
  double last_loss = 0;
  const auto report = [&](bool final) {
    TrainProgress p;
    p.words = s.words.load(std::memory_order_relaxed);
    p.fraction = std::min(1.0, static_cast<double>(p.words) / static_cast<double>(o.epochs * s.train_words));
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    p.alpha = s.alpha.load(std::memory_order_relaxed);
    double sum = 0;
    std::uint64_t count = 0;
    for (WorkerLoss& l : losses) {
      sum += l.sum.exchange(0, std::memory_order_relaxed);
      count += l.count.exchange(0, std::memory_order_relaxed);
      p.epoch = std::max(p.epoch, l.epoch.load(std::memory_order_relaxed));
    }
    if (count > 0) last_loss = sum / static_cast<double>(count);
    p.loss = last_loss;
    if (progress && (final || count > 0)) progress(p);
  };
  {
    std::unique_lock<std::mutex> lock(m);
    while (running > 0) {
      cv.wait_for(lock, std::chrono::milliseconds(500));
      if (running == 0) break;
      lock.unlock();
      report(false);
      lock.lock();
    }
  }
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  report(true);
  for (const float x : s.syn0)
    if (!std::isfinite(x))
      throw Error(fmt::format("word2vec: training diverged (a vector holds a value that is not a finite number); "
                              "try a lower alpha than {}",
                              s.start_alpha));
  if (stats) {
    stats->words = s.words.load();
    stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats->final_loss = last_loss;
  }
  return std::move(s.syn0);
}

}  // namespace

WordVectors train_word2vec(const Vocabulary& vocab, const IdCorpus& corpus, const Word2VecOptions& o,
                           const ProgressFn& progress, TrainStats* stats) {
  return WordVectors(vocab.words, o.dim, train(vocab, corpus, o, false, progress, stats));
}

SubwordModel train_fasttext(const Vocabulary& vocab, const IdCorpus& corpus, const Word2VecOptions& o,
                            const ProgressFn& progress, TrainStats* stats) {
  std::vector<float> rows = train(vocab, corpus, o, true, progress, stats);
  const std::size_t v = vocab.words.size(), dim = o.dim;
  // A vocabulary word's vector: the mean of its own row and its n-grams' rows.
  std::vector<float> words(v * dim, 0.0f);
  for (std::size_t w = 0; w < v; ++w) {
    const std::vector<std::uint32_t> grams = subword_buckets(vocab.words[w], o.minn, o.maxn, o.bucket);
    float* out = words.data() + w * dim;
    vec::add(rows.data() + w * dim, out, dim);
    for (const std::uint32_t b : grams) vec::add(rows.data() + (v + b) * dim, out, dim);
    vec::scale(1.0f / static_cast<float>(grams.size() + 1), out, dim);
  }
  SubwordModel m;
  m.words = WordVectors(vocab.words, dim, std::move(words));
  m.minn = o.minn;
  m.maxn = o.maxn;
  m.buckets = o.bucket;
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(v * dim));  // no second copy of the buckets
  m.bucket_rows = std::move(rows);
  return m;
}

}  // namespace nlp::embed
