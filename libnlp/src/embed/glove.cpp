#include "nlp/embed/glove.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <numeric>
#include <span>
#include <string>

#include "nlp/error.hpp"
#include "nlp/util/temp_file.hpp"
#include "util/threads.hpp"

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

// A pair's key is i << 32 | j; its count is in units of 1 / lcm(1..window).
struct Slot {
  std::uint64_t key, count;
};
constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

// Open addressing from keys to counts, at most half full, never larger than `max_bytes` (but at
// least 1,024 slots): add() answers false when the table is full and may not grow.
class PairTable {
 public:
  explicit PairTable(std::size_t max_bytes) : max_slots_(std::max<std::size_t>(1024, max_bytes / sizeof(Slot))) {}
  bool add(std::uint64_t key, std::uint64_t amount) {
    if ((size_ + 1) * 2 > slots_.size()) {
      if (slots_.size() * 2 > max_slots_ && !slots_.empty()) return false;
      grow();
    }
    for (std::size_t s = slot(key);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s].key == key) {
        slots_[s].count += amount;
        return true;
      }
      if (slots_[s].key == kEmpty) {
        slots_[s] = {key, amount};
        ++size_;
        return true;
      }
    }
  }
  // The entries moved to the front and sorted by key; the table is unusable until clear().
  std::span<const Slot> sorted() {
    std::size_t n = 0;
    for (const Slot& e : slots_)
      if (e.key != kEmpty) slots_[n++] = e;
    std::sort(slots_.begin(), slots_.begin() + static_cast<std::ptrdiff_t>(n),
              [](const Slot& x, const Slot& y) { return x.key < y.key; });
    return {slots_.data(), n};
  }
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{kEmpty, 0});
    size_ = 0;
  }
  void release() {
    slots_ = {};
    size_ = 0;
  }
  std::size_t size() const noexcept { return size_; }

 private:
  std::vector<Slot> slots_;
  std::size_t size_ = 0, max_slots_;
  std::size_t slot(std::uint64_t key) const noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(1024, slots_.size() * 2), Slot{kEmpty, 0});
    std::swap(old, slots_);
    for (const Slot& e : old) {
      if (e.key == kEmpty) continue;
      std::size_t t = slot(e.key);
      while (slots_[t].key != kEmpty) t = (t + 1) & (slots_.size() - 1);
      slots_[t] = e;
    }
  }
};

// Temporary files named after the options' prefix (by default in the system's temporary folder).
class TempNames {
 public:
  explicit TempNames(const GloveOptions& o)
      : prefix_(o.temp_prefix.empty()
                    ? (std::filesystem::temp_directory_path() / fmt::format("nlp-glove-{}", ::getpid())).string()
                    : o.temp_prefix) {}
  std::unique_ptr<TempFile> make(std::string_view what) {
    return std::make_unique<TempFile>(fmt::format("{}.{}.{}.tmp", prefix_, what, next_++));
  }

 private:
  std::string prefix_;
  // Process-wide, so that calls running at the same time with the default prefix never share a name.
  static inline std::atomic<std::uint64_t> next_{0};
};

// One sorted run of slots, in memory or in a file, read in order.
class Run {
 public:
  explicit Run(std::span<const Slot> memory) : memory_(memory) {}
  explicit Run(TempFile& file) : file_(&file), buffer_(1 << 13) { file.rewind(); }
  bool next(Slot& out) {
    if (!file_) {
      if (at_ == memory_.size()) return false;
      out = memory_[at_++];
      return true;
    }
    if (at_ == filled_) {
      filled_ = file_->read(buffer_.data(), buffer_.size() * sizeof(Slot)) / sizeof(Slot);
      at_ = 0;
      if (filled_ == 0) {
        file_->close();
        return false;
      }
    }
    out = buffer_[at_++];
    return true;
  }

 private:
  std::span<const Slot> memory_;
  TempFile* file_ = nullptr;
  std::vector<Slot> buffer_;
  std::size_t at_ = 0, filled_ = 0;
};

// Merges sorted runs, summing the counts of equal keys, and hands each key to `f` in order.
template <typename F>
void merge_runs(std::vector<Run>& runs, F&& f) {
  using Head = std::pair<std::uint64_t, std::size_t>;  // key, run
  std::vector<Head> heap;
  std::vector<std::uint64_t> counts(runs.size());
  Slot e{};
  for (std::size_t r = 0; r < runs.size(); ++r)
    if (runs[r].next(e)) {
      heap.emplace_back(e.key, r);
      counts[r] = e.count;
    }
  const auto later = std::greater<Head>();
  std::make_heap(heap.begin(), heap.end(), later);
  while (!heap.empty()) {
    const std::uint64_t key = heap.front().first;
    std::uint64_t sum = 0;
    while (!heap.empty() && heap.front().first == key) {
      std::pop_heap(heap.begin(), heap.end(), later);
      const std::size_t r = heap.back().second;
      sum += counts[r];
      if (runs[r].next(e)) {
        heap.back() = {e.key, r};
        counts[r] = e.count;
        std::push_heap(heap.begin(), heap.end(), later);
      } else {
        heap.pop_back();
      }
    }
    f(key, sum);
  }
}

using detail::run_threads;

void check_options(const GloveOptions& o) {
  if (o.dim == 0 || o.dim > 10000) throw UsageError(fmt::format("glove: dim must be in 1..10000, got {}", o.dim));
  if (o.window == 0 || o.window > kMaxWindow)
    throw UsageError(fmt::format("glove: window must be in 1..{}, got {}", kMaxWindow, o.window));
  if (!(o.x_max > 0) || !(o.alpha > 0) || !(o.eta > 0) || o.epochs == 0 || !(o.memory_mb > 0) || !(o.grad_clip > 0))
    throw UsageError("glove: x_max, alpha, eta, grad_clip, epochs and memory must be positive");
}

// The co-occurrences once counted: each thread's table sorted in memory or, when any table outgrew
// its share of the memory, sorted runs in temporary files. Either way merge() gives every pair
// once, in key order, with its exact count.
struct Counted {
  std::uint64_t unit = 1;
  std::vector<PairTable> tables;
  std::vector<std::span<const Slot>> sorted;
  std::vector<std::unique_ptr<TempFile>> runs;
  bool spilled() const noexcept { return !runs.empty(); }
  template <typename F>
  void merge(F&& f) {
    std::vector<Run> readers;
    for (auto& file : runs) readers.emplace_back(*file);
    for (const auto part : sorted) readers.emplace_back(part);
    merge_runs(readers, f);
  }
};

constexpr std::size_t kMaxFanIn = 64;  // runs merged at once (each with an open file and a buffer)

// Every thread reads the whole corpus and counts the pairs whose first word it owns (ids equal to
// the thread's number modulo the thread count), so that the tables hold disjoint pairs.
Counted count(std::size_t words, const IdCorpus& corpus, const GloveOptions& o, TempNames& names) {
  check_options(o);
  if (words == 0) throw UsageError("glove: the vocabulary is empty; no word occurs min_count times (lower --min-count)");
  const unsigned threads = std::max(1u, o.threads);
  Counted c;
  c.unit = lcm_upto(o.window);
  for (unsigned t = 0; t < threads; ++t) c.tables.emplace_back(static_cast<std::size_t>(o.memory_mb * 1e6 / threads));
  std::vector<std::vector<std::unique_ptr<TempFile>>> runs(threads);
  const auto spill = [&](unsigned t) {
    const auto entries = c.tables[t].sorted();
    auto file = names.make("run");
    file->write(entries.data(), entries.size_bytes());
    file->close();  // runs can be many: only those being merged hold a handle
    runs[t].push_back(std::move(file));
    c.tables[t].clear();
  };
  run_threads(threads, [&](unsigned t) {
    PairTable& table = c.tables[t];
    const auto add = [&](std::uint64_t key, std::uint64_t amount) {
      if (table.add(key, amount)) return;
      spill(t);
      table.add(key, amount);
    };
    std::vector<std::uint32_t> block;
    std::vector<std::pair<std::uint32_t, bool>> history;  // id, owned by this thread
    const std::uint64_t size = corpus.size();
    for (std::uint64_t at = 0; at < size; at += 1u << 20) {
      corpus.read(at, std::min(size, at + (1u << 20)), block);
      for (const std::uint32_t id : block) {
        if (id == IdCorpus::kSentenceEnd) {
          history.clear();
          continue;
        }
        const bool mine = id % threads == t;
        for (std::size_t d = 1; d <= std::min(o.window, history.size()); ++d) {
          const auto [left, left_mine] = history[history.size() - d];
          const std::uint64_t amount = o.distance_weighting ? c.unit / d : c.unit;
          if (left_mine) add(std::uint64_t{left} << 32 | id, amount);
          if (o.symmetric && mine) add(std::uint64_t{id} << 32 | left, amount);
        }
        history.emplace_back(id, mine);
        if (history.size() > 4 * o.window) history.erase(history.begin(), history.end() - static_cast<std::ptrdiff_t>(o.window));
      }
    }
  });
  const bool spilled = std::any_of(runs.begin(), runs.end(), [](const auto& r) { return !r.empty(); });
  c.sorted.resize(threads);
  run_threads(threads, [&](unsigned t) {
    if (!spilled) c.sorted[t] = c.tables[t].sorted();
    else if (c.tables[t].size() > 0) spill(t);
    if (spilled) c.tables[t].release();
  });
  if (!spilled) return c;
  c.sorted.clear();
  for (auto& r : runs)
    for (auto& file : r) c.runs.push_back(std::move(file));
  // Too many runs to read at once: the first ones merged into one until few enough remain.
  while (c.runs.size() > kMaxFanIn) {
    std::vector<Run> readers;
    for (std::size_t r = 0; r < kMaxFanIn; ++r) readers.emplace_back(*c.runs[r]);
    auto merged = names.make("run");
    std::vector<Slot> buffer;
    buffer.reserve(1 << 13);
    merge_runs(readers, [&](std::uint64_t key, std::uint64_t count) {
      buffer.push_back({key, count});
      if (buffer.size() == buffer.capacity()) {
        merged->write(buffer.data(), buffer.size() * sizeof(Slot));
        buffer.clear();
      }
    });
    merged->write(buffer.data(), buffer.size() * sizeof(Slot));
    merged->close();
    readers.clear();
    c.runs.erase(c.runs.begin(), c.runs.begin() + kMaxFanIn);
    c.runs.push_back(std::move(merged));
  }
  return c;
}

Cooccurrence record(std::uint64_t key, std::uint64_t count, std::uint64_t unit) {
  return {static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key), static_cast<double>(count) / static_cast<double>(unit)};
}

// The shuffle: each pair goes to one of kBuckets buckets by a seeded hash of its key, in key order,
// then each bucket is shuffled (Fisher-Yates, its own generator); the buckets end to end are the
// training order. In memory when the counts were, otherwise through temporary files; the order is
// the same either way, and the same for any thread count.
constexpr std::size_t kBuckets = 256;

class Shuffled {
 public:
  Shuffled(Counted& c, const GloveOptions& o, TempNames& names) {
    const std::uint64_t salt = mix(o.seed);
    const auto bucket_of = [salt](std::uint64_t key) { return static_cast<std::size_t>(mix(key ^ salt) >> 56); };
    std::vector<std::size_t> start(kBuckets + 1, 0);
    if (!c.spilled()) {
      // The tables hold disjoint pairs: each counts its own into buckets, in parallel.
      const unsigned threads = std::max(1u, o.threads);
      std::vector<std::vector<std::size_t>> sizes(c.sorted.size(), std::vector<std::size_t>(kBuckets, 0));
      run_threads(static_cast<unsigned>(c.sorted.size()), [&](unsigned t) {
        for (const Slot& e : c.sorted[t]) ++sizes[t][bucket_of(e.key)];
      });
      for (const auto& part : sizes)
        for (std::size_t b = 0; b < kBuckets; ++b) start[b + 1] += part[b];
      std::partial_sum(start.begin(), start.end(), start.begin());
      memory_.resize(start.back());
      std::vector<std::size_t> at(start.begin(), start.end() - 1);
      c.merge([&](std::uint64_t key, std::uint64_t count) { memory_[at[bucket_of(key)]++] = record(key, count, c.unit); });
      c.tables.clear();
      c.sorted.clear();
      run_threads(threads, [&](unsigned t) {
        for (std::size_t b = t; b < kBuckets; b += threads) shuffle(memory_.data() + start[b], start[b + 1] - start[b], o.seed, b);
      });
      data_ = memory_.data();
      size_ = memory_.size();
      return;
    }
    std::vector<std::unique_ptr<TempFile>> buckets;
    std::vector<std::vector<Cooccurrence>> buffers(kBuckets);
    for (std::size_t b = 0; b < kBuckets; ++b) {
      buckets.push_back(names.make("bucket"));
      buffers[b].reserve(1 << 11);
    }
    c.merge([&](std::uint64_t key, std::uint64_t count) {
      const std::size_t b = bucket_of(key);
      buffers[b].push_back(record(key, count, c.unit));
      if (buffers[b].size() == buffers[b].capacity()) {
        buckets[b]->write(buffers[b].data(), buffers[b].size() * sizeof(Cooccurrence));
        buffers[b].clear();
      }
    });
    c.runs.clear();
    file_ = names.make("shuffled");
    std::vector<Cooccurrence> all;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      buckets[b]->write(buffers[b].data(), buffers[b].size() * sizeof(Cooccurrence));
      buffers[b] = {};
      all.resize(buckets[b]->bytes() / sizeof(Cooccurrence));
      buckets[b]->rewind();
      if (buckets[b]->read(all.data(), buckets[b]->bytes()) != buckets[b]->bytes())
        throw Error("glove: a temporary bucket file was cut short while being read back");
      buckets[b].reset();
      shuffle(all.data(), all.size(), o.seed, b);
      file_->write(all.data(), all.size() * sizeof(Cooccurrence));
    }
    data_ = static_cast<const Cooccurrence*>(file_->map());
    size_ = file_->bytes() / sizeof(Cooccurrence);
  }
  const Cooccurrence* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  bool on_disk() const noexcept { return file_ != nullptr; }

 private:
  std::vector<Cooccurrence> memory_;
  std::unique_ptr<TempFile> file_;
  const Cooccurrence* data_ = nullptr;
  std::size_t size_ = 0;

  static std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
  }
  static void shuffle(Cooccurrence* r, std::size_t n, std::uint64_t seed, std::size_t bucket) {
    std::uint64_t state = mix(seed + bucket + 1);
    for (std::size_t k = n; k > 1; --k) {
      state = state * 25214903917ULL + 11;
      std::swap(r[k - 1], r[(state >> 16) % k]);
    }
  }
};

}  // namespace

std::vector<Cooccurrence> count_cooccurrences(std::size_t words, const IdCorpus& corpus, const GloveOptions& o) {
  TempNames names(o);
  Counted c = count(words, corpus, o, names);
  std::vector<Cooccurrence> out;
  c.merge([&](std::uint64_t key, std::uint64_t count) { out.push_back(record(key, count, c.unit)); });
  return out;
}

namespace {

// Sum of a[i] * b[i] in eight interleaved partial sums (fixed order), so that the additions
// overlap and the compiler can use vector registers.
template <typename Real>
Real dot(const Real* a, const Real* b, std::size_t n) noexcept {
  Real s[8] = {};
  std::size_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (std::size_t l = 0; l < 8; ++l) s[l] += a[j + l] * b[j + l];
  Real total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; j < n; ++j) total += a[j] * b[j];
  return total;
}

// AdaGrad over the shuffled records, in Real precision; W (+ C) as floats.
template <typename Real>
std::vector<float> adagrad(const Cooccurrence* records, std::size_t n, std::size_t v, const GloveOptions& o,
                           std::chrono::steady_clock::time_point start, const ProgressFn& progress, double& cost) {
  const std::size_t dim = o.dim, row = dim + 1;
  // The tool's generator stands in for rand(): a 64-bit LCG, advanced before use.
  std::uint64_t state = o.seed;
  const auto next = [&] { return state = state * 25214903917ULL + 11; };
  // Word rows then context rows; each row holds dim values and a bias, then their AdaGrad sums
  // (starting at 1), so that one record's update touches two contiguous blocks of memory.
  const std::size_t stride = 2 * row;
  std::vector<Real> params(2 * v * stride, Real{1});
  for (std::size_t r = 0; r < 2 * v; ++r)
    for (std::size_t b = 0; b < row; ++b)
      params[r * stride + b] = static_cast<Real>(
          (static_cast<double>((next() >> 16) & 0xFFFFFFFF) / 4294967296.0 - 0.5) / static_cast<double>(dim));
  const unsigned threads = std::max(1u, o.threads);
  const auto eta = static_cast<Real>(o.eta), clip = static_cast<Real>(o.grad_clip);
  std::atomic<bool> diverged{false};
  for (std::size_t epoch = 0; epoch < o.epochs; ++epoch) {
    std::vector<double> costs(threads, 0.0);
    run_threads(threads, [&](unsigned t) {
      const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
      // The records come in random order: the rows of the record kAhead places on are fetched
      // while this one is trained (memory, not arithmetic, bounds this loop).
      constexpr std::size_t kAhead = 2;
      const auto prefetch = [&](const Cooccurrence& r) {
        const auto* a = reinterpret_cast<const char*>(params.data() + std::size_t{r.i} * stride);
        const auto* b = reinterpret_cast<const char*>(params.data() + (v + r.j) * stride);
        for (std::size_t at = 0; at < stride * sizeof(Real); at += 64) {
          __builtin_prefetch(a + at, 1);
          __builtin_prefetch(b + at, 1);
        }
      };
      for (std::size_t k = begin; k < std::min(end, begin + kAhead); ++k) prefetch(records[k]);
      double c = 0;
      for (std::size_t k = begin; k < end && !diverged.load(std::memory_order_relaxed); ++k) {
        if (k + kAhead < end) prefetch(records[k + kAhead]);
        const Cooccurrence& r = records[k];
        // A word row and a context row never overlap.
        Real* __restrict w1 = params.data() + std::size_t{r.i} * stride;
        Real* __restrict w2 = params.data() + (v + r.j) * stride;
        Real* __restrict g1 = w1 + row;
        Real* __restrict g2 = w2 + row;
        const double diff = static_cast<double>(w1[dim] + w2[dim] + dot(w1, w2, dim)) - std::log(r.x);
        const double weighted = r.x > o.x_max ? diff : std::pow(r.x / o.x_max, o.alpha) * diff;
        if (!std::isfinite(diff) || !std::isfinite(weighted)) {
          diverged = true;
          return;
        }
        c += 0.5 * weighted * diff;
        // As the tool: the vectors' gradient components clipped, then scaled by eta; the biases'
        // steps not scaled (their AdaGrad sums grow with the unscaled gradients).
        const auto f = static_cast<Real>(weighted);
        // (Clipped by value, not through std::min/max's references, so that the loop vectorizes.)
        const auto clipped = [clip](Real x) {
          x = x < -clip ? -clip : x;
          return x > clip ? clip : x;
        };
        for (std::size_t b = 0; b < dim; ++b) {
          const Real t1 = clipped(f * w2[b]) * eta;
          const Real t2 = clipped(f * w1[b]) * eta;
          w1[b] -= t1 / std::sqrt(g1[b]);
          w2[b] -= t2 / std::sqrt(g2[b]);
          g1[b] += t1 * t1;
          g2[b] += t2 * t2;
        }
        w1[dim] -= f / std::sqrt(g1[dim]);
        w2[dim] -= f / std::sqrt(g2[dim]);
        g1[dim] += f * f;
        g2[dim] += f * f;
      }
      costs[t] = c;
    });
    if (diverged)
      throw Error(fmt::format("glove: training diverged in epoch {} (a value that is not a finite number); try a "
                              "lower eta than {}",
                              epoch + 1, o.eta));
    cost = std::accumulate(costs.begin(), costs.end(), 0.0) / static_cast<double>(std::max<std::size_t>(1, n));
    if (progress) {
      TrainProgress p;
      p.epoch = epoch + 1;
      p.fraction = static_cast<double>(epoch + 1) / static_cast<double>(o.epochs);
      p.words = n * (epoch + 1);
      p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      p.alpha = o.eta;
      p.loss = cost;
      progress(p);
    }
  }
  std::vector<float> out(v * dim);
  for (std::size_t i = 0; i < v; ++i)
    for (std::size_t b = 0; b < dim; ++b)
      out[i * dim + b] = static_cast<float>(params[i * stride + b] + (o.add_context ? params[(v + i) * stride + b] : Real{0}));
  return out;
}

}  // namespace

WordVectors train_glove(const Vocabulary& vocab, const IdCorpus& corpus, const GloveOptions& o,
                        const ProgressFn& progress, TrainStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  TempNames names(o);
  std::unique_ptr<Shuffled> shuffled;
  {
    Counted counted = count(vocab.words.size(), corpus, o, names);
    shuffled = std::make_unique<Shuffled>(counted, o, names);
  }
  const std::size_t n = shuffled->size();
  double cost = 0;
  std::vector<float> out = o.double_precision
                               ? adagrad<double>(shuffled->data(), n, vocab.words.size(), o, start, progress, cost)
                               : adagrad<float>(shuffled->data(), n, vocab.words.size(), o, start, progress, cost);
  if (stats) {
    stats->words = n * o.epochs;
    stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats->final_loss = cost;
  }
  return WordVectors(vocab.words, o.dim, std::move(out));
}

}  // namespace nlp::embed
