#include "nlp/embed/glove.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <numeric>
#include <thread>

#include "nlp/error.hpp"

namespace nlp::embed {
namespace {

// Distance weights 1/d are counted exactly, in units of 1 / lcm(1..window), so that the sums do
// not depend on the order of additions (nor, therefore, on the thread count); wider windows
// than 20 would overflow the unit and are refused.
constexpr std::size_t kMaxWindow = 20;

std::uint64_t lcm_upto(std::size_t n) {
  std::uint64_t l = 1;
  for (std::uint64_t k = 2; k <= n; ++k) l = std::lcm(l, k);
  return l;
}

// Open addressing from (i << 32 | j) to a count; at most half full.
class PairTable {
 public:
  void add(std::uint64_t key, std::uint64_t amount) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    for (std::size_t s = slot(key);; s = (s + 1) & (keys_.size() - 1)) {
      if (keys_[s] == key) {
        counts_[s] += amount;
        return;
      }
      if (keys_[s] == kEmpty) {
        keys_[s] = key;
        counts_[s] = amount;
        ++size_;
        return;
      }
    }
  }
  std::size_t bytes() const noexcept { return keys_.size() * 16; }
  template <typename F>
  void each(F&& f) const {
    for (std::size_t s = 0; s < keys_.size(); ++s)
      if (keys_[s] != kEmpty) f(keys_[s], counts_[s]);
  }
  std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  std::vector<std::uint64_t> keys_ = std::vector<std::uint64_t>(1024, kEmpty);
  std::vector<std::uint64_t> counts_ = std::vector<std::uint64_t>(1024, 0);
  std::size_t size_ = 0;
  std::size_t slot(std::uint64_t key) const noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & (keys_.size() - 1);
  }
  void grow() {
    std::vector<std::uint64_t> keys(keys_.size() * 2, kEmpty), counts(keys_.size() * 2, 0);
    std::swap(keys, keys_);
    std::swap(counts, counts_);
    for (std::size_t s = 0; s < keys.size(); ++s) {
      if (keys[s] == kEmpty) continue;
      std::size_t t = slot(keys[s]);
      while (keys_[t] != kEmpty) t = (t + 1) & (keys_.size() - 1);
      keys_[t] = keys[s];
      counts_[t] = counts[s];
    }
  }
};

template <typename Job>
void run_threads(unsigned threads, Job&& job) {
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      try {
        job(t);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

void check_options(const GloveOptions& o) {
  if (o.dim == 0 || o.dim > 10000) throw UsageError(fmt::format("glove: dim must be in 1..10000, got {}", o.dim));
  if (o.window == 0 || o.window > kMaxWindow)
    throw UsageError(fmt::format("glove: window must be in 1..{}, got {}", kMaxWindow, o.window));
  if (!(o.x_max > 0) || !(o.alpha > 0) || !(o.eta > 0) || o.epochs == 0 || !(o.memory_mb > 0))
    throw UsageError("glove: x_max, alpha, eta, epochs and memory must be positive");
}

}  // namespace

std::vector<Cooccurrence> count_cooccurrences(std::size_t words, const IdCorpus& corpus, const GloveOptions& o) {
  check_options(o);
  if (words == 0) throw UsageError("glove: the vocabulary is empty; no word occurs min_count times (lower --min-count)");
  const unsigned threads = std::max(1u, o.threads);
  const std::uint64_t unit = lcm_upto(o.window);
  const auto bounds = corpus.split(threads);
  std::vector<PairTable> tables(threads);
  std::atomic<std::size_t> bytes{0};
  const auto limit = static_cast<std::size_t>(o.memory_mb * 1e6);
  run_threads(threads, [&](unsigned t) {
    PairTable& table = tables[t];
    std::vector<std::uint32_t> block, history;
    std::size_t reported = 0;
    const auto account = [&] {
      bytes += table.bytes() - reported;
      reported = table.bytes();
      if (bytes.load() > limit)
        throw UsageError(fmt::format("glove: the co-occurrence table grew beyond --memory {} MB; raise it, or "
                                     "shrink the vocabulary (--min-count, --max-vocab) or the window",
                                     o.memory_mb));
    };
    account();
    for (std::uint64_t at = bounds[t]; at < bounds[t + 1]; at += 1u << 20) {
      corpus.read(at, std::min(bounds[t + 1], at + (1u << 20)), block);
      for (const std::uint32_t id : block) {
        if (id == IdCorpus::kSentenceEnd) {
          history.clear();
          continue;
        }
        for (std::size_t d = 1; d <= std::min(o.window, history.size()); ++d) {
          const std::uint32_t left = history[history.size() - d];
          const std::uint64_t amount = o.distance_weighting ? unit / d : unit;
          table.add(std::uint64_t{left} << 32 | id, amount);
          if (o.symmetric) table.add(std::uint64_t{id} << 32 | left, amount);
        }
        history.push_back(id);
        if (history.size() > 4 * o.window) history.erase(history.begin(), history.end() - static_cast<std::ptrdiff_t>(o.window));
        if (table.bytes() != reported) account();
      }
    }
  });
  // Merge: every pair's count summed exactly, then sorted by (i, j).
  std::size_t total = 0;
  for (const PairTable& t : tables) total += t.size();
  std::vector<std::pair<std::uint64_t, std::uint64_t>> all;
  all.reserve(total);
  for (PairTable& t : tables) {
    t.each([&](std::uint64_t key, std::uint64_t count) { all.emplace_back(key, count); });
    t = PairTable();
  }
  std::sort(all.begin(), all.end());
  std::vector<Cooccurrence> out;
  for (std::size_t k = 0; k < all.size();) {
    std::uint64_t sum = 0;
    const std::uint64_t key = all[k].first;
    for (; k < all.size() && all[k].first == key; ++k) sum += all[k].second;
    out.push_back({static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key), static_cast<double>(sum) / static_cast<double>(unit)});
  }
  return out;
}

WordVectors train_glove(const Vocabulary& vocab, const IdCorpus& corpus, const GloveOptions& o,
                        const ProgressFn& progress, TrainStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<Cooccurrence> records = count_cooccurrences(vocab.words.size(), corpus, o);
  const std::size_t v = vocab.words.size(), dim = o.dim, row = dim + 1;
  // The tool's generator stands in for rand(): a 64-bit LCG, advanced before use.
  std::uint64_t state = o.seed;
  const auto next = [&] { return state = state * 25214903917ULL + 11; };
  // Shuffled once (Fisher-Yates), as the tool's shuffle does before training.
  for (std::size_t k = records.size(); k > 1; --k) std::swap(records[k - 1], records[(next() >> 16) % k]);
  // Word rows then context rows, each dim values and a bias; AdaGrad sums start at 1.
  std::vector<double> w(2 * v * row), gradsq(2 * v * row, 1.0);
  for (double& x : w) x = (static_cast<double>((next() >> 16) & 0xFFFFFFFF) / 4294967296.0 - 0.5) / static_cast<double>(dim);
  const unsigned threads = std::max(1u, o.threads);
  std::atomic<bool> diverged{false};
  double cost = 0;
  for (std::size_t epoch = 0; epoch < o.epochs; ++epoch) {
    std::vector<double> costs(threads, 0.0);
    run_threads(threads, [&](unsigned t) {
      const std::size_t begin = records.size() * t / threads, end = records.size() * (t + 1) / threads;
      double c = 0;
      for (std::size_t k = begin; k < end && !diverged.load(std::memory_order_relaxed); ++k) {
        const Cooccurrence& r = records[k];
        double* w1 = w.data() + std::size_t{r.i} * row;
        double* w2 = w.data() + (v + r.j) * row;
        double* g1 = gradsq.data() + std::size_t{r.i} * row;
        double* g2 = gradsq.data() + (v + r.j) * row;
        double diff = w1[dim] + w2[dim] - std::log(r.x);
        for (std::size_t b = 0; b < dim; ++b) diff += w1[b] * w2[b];
        double fdiff = r.x > o.x_max ? diff : std::pow(r.x / o.x_max, o.alpha) * diff;
        if (!std::isfinite(diff) || !std::isfinite(fdiff)) {
          diverged = true;
          return;
        }
        c += 0.5 * fdiff * diff;
        fdiff *= o.eta;
        for (std::size_t b = 0; b < dim; ++b) {
          const double t1 = fdiff * w2[b], t2 = fdiff * w1[b];
          w1[b] -= t1 / std::sqrt(g1[b]);
          w2[b] -= t2 / std::sqrt(g2[b]);
          g1[b] += t1 * t1;
          g2[b] += t2 * t2;
        }
        w1[dim] -= fdiff / std::sqrt(g1[dim]);
        w2[dim] -= fdiff / std::sqrt(g2[dim]);
        g1[dim] += fdiff * fdiff;
        g2[dim] += fdiff * fdiff;
      }
      costs[t] = c;
    });
    if (diverged)
      throw Error(fmt::format("glove: training diverged in epoch {} (a value that is not a finite number); try a "
                              "lower eta than {}",
                              epoch + 1, o.eta));
    cost = std::accumulate(costs.begin(), costs.end(), 0.0) / static_cast<double>(std::max<std::size_t>(1, records.size()));
    if (progress) {
      TrainProgress p;
      p.epoch = epoch + 1;
      p.fraction = static_cast<double>(epoch + 1) / static_cast<double>(o.epochs);
      p.words = records.size() * (epoch + 1);
      p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      p.alpha = o.eta;
      p.loss = cost;
      progress(p);
    }
  }
  std::vector<float> out(v * dim);
  for (std::size_t i = 0; i < v; ++i)
    for (std::size_t b = 0; b < dim; ++b)
      out[i * dim + b] = static_cast<float>(w[i * row + b] + (o.add_context ? w[(v + i) * row + b] : 0.0));
  if (stats) {
    stats->words = records.size() * o.epochs;
    stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats->final_loss = cost;
  }
  return WordVectors(vocab.words, dim, std::move(out));
}

}  // namespace nlp::embed
