// Phrase detection with gensim 4.2's counting, scoring and rewriting rules (see phrases.hpp).
//
// Counting is split in two so that it is parallel and still gives gensim's result for any
// thread count, pruning included: workers count fixed ranges of sentences into their own
// tables and record, per sentence, the ids of the keys they counted; the calling thread then
// merges the batches in corpus order. When no prune can happen inside a batch (the keys
// already counted plus the batch's distinct keys stay within max_vocab_size) the batch's totals
// are added at once; otherwise its sentences are replayed one by one, with gensim's size check
// after each. A pruned key keeps its slot with count 0 (it is "absent", as if deleted from
// gensim's dict) and comes back to life when counted again; dead slots are compacted away
// between batches.
#include "nlp/ngrams/phrases.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <exception>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "nlp/error.hpp"
#include "nlp/util/ordered_pool.hpp"
#include "nlp/version.hpp"

namespace nlp::ngrams {

namespace detail {

// Open-addressing table of distinct strings with one 64-bit value each; ids are dense and
// stable until clear(). Linear probing, load factor at most 1/2.
class StringTable {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  static std::uint64_t hash(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }

  std::size_t size() const noexcept { return keys_.size(); }
  std::string_view key(std::uint32_t id) const noexcept { return keys_[id]; }
  std::uint64_t key_hash(std::uint32_t id) const noexcept { return hashes_[id]; }
  std::uint64_t& value(std::uint32_t id) noexcept { return values_[id]; }
  std::uint64_t value(std::uint32_t id) const noexcept { return values_[id]; }

  std::uint32_t find(std::string_view key, std::uint64_t h) const noexcept {
    if (slots_.empty()) return kNone;
    for (std::uint64_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t s = slots_[i];
      if (s == 0) return kNone;
      if (hashes_[s - 1] == h && keys_[s - 1] == key) return s - 1;
    }
  }
  std::uint32_t find(std::string_view key) const noexcept { return find(key, hash(key)); }

  // The id of `key`, added with value 0 when absent.
  std::uint32_t insert(std::string_view key, std::uint64_t h) {
    if (2 * (keys_.size() + 1) > slots_.size()) grow();
    std::uint64_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const std::uint32_t s = slots_[i];
      if (s == 0) break;
      if (hashes_[s - 1] == h && keys_[s - 1] == key) return s - 1;
    }
    if (keys_.size() >= kNone - 1) throw std::length_error("phrase table: more than 2^32 - 2 distinct keys");
    const auto id = static_cast<std::uint32_t>(keys_.size());
    keys_.push_back(arena_.store(key));
    hashes_.push_back(h);
    values_.push_back(0);
    slots_[i] = id + 1;
    return id;
  }

  void clear() noexcept {
    keys_.clear();
    hashes_.clear();
    values_.clear();
    std::fill(slots_.begin(), slots_.end(), 0u);
    arena_.clear();
  }

  // A copy holding only the keys whose value is not 0, in id order.
  StringTable live_copy() const {
    StringTable t;
    for (std::uint32_t id = 0; id < keys_.size(); ++id)
      if (values_[id]) t.value(t.insert(keys_[id], hashes_[id])) = values_[id];
    return t;
  }

 private:
  StringArena arena_{1 << 20};
  std::vector<std::string_view> keys_;
  std::vector<std::uint64_t> hashes_, values_;
  std::vector<std::uint32_t> slots_;  // id + 1; 0 = empty
  std::uint64_t mask_ = 0;

  void grow() {
    const std::size_t n = std::max<std::size_t>(64, slots_.size() * 2);
    slots_.assign(n, 0u);
    mask_ = n - 1;
    for (std::uint32_t id = 0; id < keys_.size(); ++id) {
      std::uint64_t i = hashes_[id] & mask_;
      while (slots_[i]) i = (i + 1) & mask_;
      slots_[i] = id + 1;
    }
  }
};

// The counts of a model: StringTable shards chosen by the top bits of a key's hash, so that
// shards can be filled and read by several threads at once.
class KeyTable {
 public:
  static constexpr unsigned kShardBits = 6;
  static constexpr std::size_t kShards = std::size_t{1} << kShardBits;
  static std::size_t shard_of(std::uint64_t h) noexcept { return static_cast<std::size_t>(h >> (64 - kShardBits)); }

  StringTable& shard(std::size_t s) noexcept { return shards_[s]; }
  const StringTable& shard(std::size_t s) const noexcept { return shards_[s]; }
  std::uint64_t size() const noexcept {
    std::uint64_t n = 0;
    for (const auto& t : shards_) n += t.size();
    return n;
  }
  std::uint64_t count(std::string_view key) const noexcept {
    const std::uint64_t h = StringTable::hash(key);
    const StringTable& t = shards_[shard_of(h)];
    const std::uint32_t id = t.find(key, h);
    return id == StringTable::kNone ? 0 : t.value(id);
  }

 private:
  std::vector<StringTable> shards_ = std::vector<StringTable>(kShards);
};

}  // namespace detail

using detail::KeyTable;
using detail::StringTable;

namespace {

// Runs fn(t) for t in [0, threads) on that many threads (the caller runs t = 0) and rethrows the
// first exception after all have finished.
template <class Fn>
void parallel(std::size_t threads, const Fn& fn) {
  threads = std::max<std::size_t>(1, threads);
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> pool;
  auto run = [&](std::size_t t) {
    try {
      fn(t);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& th : pool) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Sorted, unique views of `words` (which must outlive them).
std::vector<std::string_view> sorted_views(const std::vector<std::string>& words) {
  std::vector<std::string_view> v(words.begin(), words.end());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

bool contains(const std::vector<std::string_view>& sorted, std::string_view w) {
  return !sorted.empty() && std::binary_search(sorted.begin(), sorted.end(), w);
}

void join_into(std::string& out, std::string_view a, std::span<const std::string_view> mid, std::string_view b,
               std::string_view delim) {
  out.assign(a);
  for (const auto m : mid) {
    out.append(delim);
    out.append(m);
  }
  out.append(delim);
  out.append(b);
}

// Byte offsets where str.split(delim) cuts: leftmost non-overlapping occurrences.
void split_points(std::string_view s, std::string_view delim, std::vector<std::size_t>& at) {
  at.clear();
  for (std::size_t p = s.find(delim); p != std::string_view::npos; p = s.find(delim, p + delim.size()))
    at.push_back(p);
}

// gensim's analyze_sentence, with the acceptance test given as `accept(a, in_between, b, joined,
// score)`.
template <class Accept>
void analyze(std::span<const std::string_view> sentence, const std::vector<std::string_view>& connectors,
             const Accept& accept, std::vector<std::string_view>& out, StringArena& arena,
             std::vector<double>* scores) {
  out.clear();
  if (scores) scores->clear();
  const double none = std::numeric_limits<double>::quiet_NaN();
  auto emit = [&](std::string_view t, double s) {
    out.push_back(t);
    if (scores) scores->push_back(s);
  };
  std::string_view start;  // empty: no candidate (gensim tests the start token's truthiness)
  std::vector<std::string_view> between;
  std::string joined;
  double score = 0;
  for (const std::string_view w : sentence) {
    if (!contains(connectors, w)) {
      if (!start.empty()) {
        if (accept(start, std::span<const std::string_view>(between), w, joined, score)) {
          emit(arena.store(joined), score);
          start = {};
          between.clear();
        } else {
          emit(start, none);
          for (const auto m : between) emit(m, none);
          start = w;
          between.clear();
        }
      } else {
        start = w;
        between.clear();
      }
    } else if (!start.empty()) {
      between.push_back(w);
    } else {
      emit(w, none);
    }
  }
  if (!start.empty()) {
    emit(start, none);
    for (const auto m : between) emit(m, none);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Options and scoring

std::string_view phrase_scoring_name(PhraseScoring s) {
  return s == PhraseScoring::kNpmi ? "npmi" : "default";
}

PhraseScoring parse_phrase_scoring(std::string_view name) {
  if (name == "default") return PhraseScoring::kDefault;
  if (name == "npmi") return PhraseScoring::kNpmi;
  throw UsageError(fmt::format("unknown phrase scoring {:?}; choose default or npmi", name));
}

std::vector<std::string> english_connector_words() {
  return {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "without"};
}

double phrase_score(PhraseScoring scoring, std::uint64_t worda_count, std::uint64_t wordb_count,
                    std::uint64_t bigram_count, std::uint64_t len_vocab, std::uint64_t min_count,
                    std::uint64_t corpus_word_count) {
  __extension__ using Int128 = __int128;
  __extension__ using Uint128 = unsigned __int128;
  if (scoring == PhraseScoring::kDefault) {
    // (bigram_count - min_count) / float(worda_count * wordb_count) * len_vocab: Python's exact
    // integer product and difference, each rounded once to a double.
    const Uint128 denom = static_cast<Uint128>(worda_count) * wordb_count;
    if (denom == 0) return kNegInf;
    const Int128 diff = static_cast<Int128>(bigram_count) - static_cast<Int128>(min_count);
    return static_cast<double>(diff) / static_cast<double>(denom) * static_cast<double>(len_vocab);
  }
  if (bigram_count < min_count) return kNegInf;
  const double n = static_cast<double>(corpus_word_count);
  const double pa = static_cast<double>(worda_count) / n;
  const double pb = static_cast<double>(wordb_count) / n;
  const double pab = static_cast<double>(bigram_count) / n;
  const double ratio = pab / (pa * pb);
  // math.log raises ValueError for arguments <= 0, which gensim turns into -inf.
  if (ratio <= 0 || pab <= 0) return kNegInf;
  return std::log(ratio) / -std::log(pab);
}

void PhrasesOptions::validate() const {
  if (min_count < 1) throw UsageError("phrases: min_count must be at least 1");
  if (std::isnan(threshold)) throw UsageError("phrases: threshold is NaN");
  if (scoring == PhraseScoring::kDefault && threshold <= 0)
    throw UsageError(fmt::format("phrases: threshold must be positive for default scoring, got {}", threshold));
  if (scoring == PhraseScoring::kNpmi && (threshold < -1 || threshold > 1))
    throw UsageError(fmt::format("phrases: threshold must be between -1 and 1 for npmi scoring, got {}", threshold));
  if (delimiter.empty()) throw UsageError("phrases: the delimiter must not be empty");
}

// ---------------------------------------------------------------------------------------------
// TokenCorpus

void TokenCorpus::add(std::span<const std::string_view> tokens) {
  for (const auto t : tokens) {
    bytes_.append(t);
    token_end_.push_back(bytes_.size());
  }
  sentence_end_.push_back(token_end_.size());
}

void TokenCorpus::add(std::span<const std::string> tokens) {
  for (const auto& t : tokens) {
    bytes_.append(t);
    token_end_.push_back(bytes_.size());
  }
  sentence_end_.push_back(token_end_.size());
}

void TokenCorpus::append(const TokenCorpus& other) {
  const std::uint64_t byte_base = bytes_.size(), token_base = token_end_.size();
  bytes_.append(other.bytes_);
  for (const auto e : other.token_end_) token_end_.push_back(e + byte_base);
  for (const auto e : other.sentence_end_) sentence_end_.push_back(e + token_base);
}

void TokenCorpus::clear() noexcept {
  bytes_.clear();
  token_end_.clear();
  sentence_end_.clear();
}

std::size_t TokenCorpus::sentence_size(std::size_t i) const noexcept {
  return static_cast<std::size_t>(sentence_end_[i] - (i ? sentence_end_[i - 1] : 0));
}

std::string_view TokenCorpus::token(std::size_t sentence, std::size_t j) const noexcept {
  const std::uint64_t k = (sentence ? sentence_end_[sentence - 1] : 0) + j;
  const std::uint64_t b = token_begin(k);
  return std::string_view(bytes_).substr(static_cast<std::size_t>(b), static_cast<std::size_t>(token_end_[k] - b));
}

void TokenCorpus::sentence(std::size_t i, std::vector<std::string_view>& out) const {
  out.clear();
  const std::size_t n = sentence_size(i);
  for (std::size_t j = 0; j < n; ++j) out.push_back(token(i, j));
}

// ---------------------------------------------------------------------------------------------
// Learning

namespace {

constexpr std::size_t kBatchSentences = 1024;

struct CountBatch {
  std::size_t begin = 0, end = 0;  // sentences [begin, end)
  StringTable local;
  std::vector<std::uint32_t> ids;         // local ids counted, sentence after sentence
  std::vector<std::size_t> sentence_end;  // end of each sentence in `ids`
  std::uint64_t words = 0;
  void clear() noexcept {
    local.clear();
    ids.clear();
    sentence_end.clear();
    words = 0;
  }
};

}  // namespace

Phrases::Phrases() : table_(std::make_unique<KeyTable>()) {}
Phrases::Phrases(Phrases&&) noexcept = default;
Phrases& Phrases::operator=(Phrases&&) noexcept = default;
Phrases::~Phrases() = default;

std::uint64_t Phrases::len_vocab() const noexcept { return table_->size(); }

std::uint64_t Phrases::count(std::string_view key) const { return table_->count(key); }

bool Phrases::is_connector(std::string_view word) const { return contains(connectors_, word); }

Phrases Phrases::learn(const TokenCorpus& corpus, PhrasesOptions opts) {
  opts.validate();
  Phrases m;
  m.opts_ = std::move(opts);
  m.connectors_ = sorted_views(m.opts_.connector_words);
  const std::string_view delim = m.opts_.delimiter;
  const std::uint64_t max_vocab = m.opts_.max_vocab_size;

  KeyTable& global = *m.table_;
  std::vector<std::uint64_t> live(KeyTable::kShards, 0);  // keys with a count > 0, per shard
  std::uint64_t total_live = 0;                          // gensim's len(vocab)
  std::uint64_t min_reduce = 1, words = 0;
  std::size_t next = 0;
  std::vector<std::uint64_t> to_global;                     // shard << 32 | id
  std::vector<std::vector<std::uint32_t>> by_shard(KeyTable::kShards);
  const std::size_t threads = std::max<std::size_t>(1, m.opts_.threads);

  auto prune = [&] {
    for (std::size_t sh = 0; sh < KeyTable::kShards; ++sh) {
      StringTable& t = global.shard(sh);
      for (std::uint32_t g = 0; g < t.size(); ++g) {
        std::uint64_t& c = t.value(g);
        if (c && c < min_reduce) {
          c = 0;
          --live[sh];
          --total_live;
        }
      }
    }
    ++min_reduce;
  };

  run_ordered<CountBatch>(
      m.opts_.threads,
      [&](CountBatch& b) {
        if (next >= corpus.size()) return false;
        b.begin = next;
        b.end = std::min(corpus.size(), next + kBatchSentences);
        next = b.end;
        return true;
      },
      [&](CountBatch& b, std::size_t) {
        std::string joined;
        std::vector<std::string_view> between;
        for (std::size_t s = b.begin; s < b.end; ++s) {
          const std::size_t n = corpus.sentence_size(s);
          std::string_view start;
          bool has_start = false;  // gensim tests `start_token is not None` here
          between.clear();
          for (std::size_t j = 0; j < n; ++j) {
            const std::string_view w = corpus.token(s, j);
            if (!contains(m.connectors_, w)) {
              const std::uint32_t id = b.local.insert(w, StringTable::hash(w));
              ++b.local.value(id);
              b.ids.push_back(id);
              if (has_start) {
                join_into(joined, start, between, w, delim);
                const std::uint32_t pid = b.local.insert(joined, StringTable::hash(joined));
                ++b.local.value(pid);
                b.ids.push_back(pid);
              }
              start = w;
              has_start = true;
              between.clear();
            } else if (has_start) {
              between.push_back(w);
            }
          }
          b.words += n;
          b.sentence_end.push_back(b.ids.size());
        }
      },
      [&](CountBatch& b) {
        words += b.words;
        if (total_live + b.local.size() <= max_vocab) {
          // No sentence of this batch can push the table over max_vocab_size: add the totals,
          // the shards in parallel.
          for (auto& v : by_shard) v.clear();
          for (std::uint32_t id = 0; id < b.local.size(); ++id)
            by_shard[KeyTable::shard_of(b.local.key_hash(id))].push_back(id);
          parallel(threads, [&](std::size_t t) {
            for (std::size_t sh = t; sh < KeyTable::kShards; sh += threads) {
              StringTable& g = global.shard(sh);
              for (const std::uint32_t id : by_shard[sh]) {
                std::uint64_t& c = g.value(g.insert(b.local.key(id), b.local.key_hash(id)));
                if (c == 0) ++live[sh];
                c += b.local.value(id);
              }
            }
          });
        } else {
          to_global.resize(b.local.size());
          for (std::uint32_t id = 0; id < b.local.size(); ++id) {
            const std::size_t sh = KeyTable::shard_of(b.local.key_hash(id));
            to_global[id] = std::uint64_t{sh} << 32 | global.shard(sh).insert(b.local.key(id), b.local.key_hash(id));
          }
          std::size_t k = 0;
          for (const std::size_t end : b.sentence_end) {
            for (; k < end; ++k) {
              const std::uint64_t g = to_global[b.ids[k]];
              const std::size_t sh = static_cast<std::size_t>(g >> 32);
              if (global.shard(sh).value(static_cast<std::uint32_t>(g))++ == 0) {
                ++live[sh];
                ++total_live;
              }
            }
            if (total_live > max_vocab) prune();  // gensim checks after every sentence
          }
        }
        total_live = 0;
        for (std::size_t sh = 0; sh < KeyTable::kShards; ++sh) {
          total_live += live[sh];
          StringTable& g = global.shard(sh);
          if (g.size() - live[sh] > std::max<std::uint64_t>(live[sh], 1024)) g = g.live_copy();
        }
      });

  parallel(threads, [&](std::size_t t) {
    for (std::size_t sh = t; sh < KeyTable::kShards; sh += threads)
      if (global.shard(sh).size() != live[sh]) global.shard(sh) = global.shard(sh).live_copy();
  });
  m.corpus_word_count_ = words;
  m.min_reduce_ = min_reduce;
  return m;
}

bool Phrases::score_candidate(std::string_view a, std::span<const std::string_view> in_between, std::string_view b,
                              std::string& joined, double& score) const {
  const std::uint64_t ca = count(a);
  if (ca == 0) return false;
  const std::uint64_t cb = count(b);
  if (cb == 0) return false;
  join_into(joined, a, in_between, b, opts_.delimiter);
  const std::uint64_t cab = count(joined);
  if (cab == 0) return false;
  score = phrase_score(opts_.scoring, ca, cb, cab, len_vocab(), opts_.min_count, corpus_word_count_);
  return !(score <= opts_.threshold);
}

void Phrases::apply(std::span<const std::string_view> sentence, std::vector<std::string_view>& out,
                    StringArena& arena, std::vector<double>* scores) const {
  analyze(
      sentence, connectors_,
      [&](std::string_view a, std::span<const std::string_view> mid, std::string_view b, std::string& joined,
          double& score) { return score_candidate(a, mid, b, joined, score); },
      out, arena, scores);
}

bool Phrases::can_pass(std::uint64_t key_count) const noexcept {
  return opts_.scoring == PhraseScoring::kDefault ? key_count > opts_.min_count : key_count >= opts_.min_count;
}

std::vector<std::pair<std::string, double>> Phrases::export_phrases() const {
  std::vector<std::pair<std::string, double>> out;
  std::vector<std::size_t> at;
  std::vector<std::string_view> mid;
  std::string joined;
  const std::string_view delim = opts_.delimiter;
  for (std::size_t sh = 0; sh < KeyTable::kShards; ++sh) {
    const StringTable& t = table_->shard(sh);
    for (std::uint32_t id = 0; id < t.size(); ++id) {
      if (!can_pass(t.value(id))) continue;
      const std::string_view key = t.key(id);
      split_points(key, delim, at);
      if (at.empty()) continue;
      mid.clear();
      for (std::size_t i = 0; i + 1 < at.size(); ++i)
        mid.push_back(key.substr(at[i] + delim.size(), at[i + 1] - at[i] - delim.size()));
      double score = 0;
      if (score_candidate(key.substr(0, at.front()), mid, key.substr(at.back() + delim.size()), joined, score))
        out.emplace_back(std::string(key), score);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

FrozenPhrases Phrases::freeze() const {
  // Every way a candidate can spell a key: first word up to one occurrence of the delimiter,
  // last word after the same or a later, non-overlapping one. Its score depends only on the
  // counts of the first word, the last word and the key.
  const std::size_t threads = std::max<std::size_t>(1, opts_.threads);
  const std::uint64_t n = table_->size();
  std::vector<std::vector<FrozenPhrases::Rule>> parts(threads);
  const std::string_view delim = opts_.delimiter;
  parallel(threads, [&](std::size_t th) {
    std::vector<std::size_t> at;
    for (std::size_t sh = th; sh < KeyTable::kShards; sh += threads) {
      const StringTable& t = table_->shard(sh);
      for (std::uint32_t id = 0; id < t.size(); ++id) {
        // Keys counted too few times cannot pass: the default score is <= 0 < threshold, NPMI
        // is -inf. Skipping them first saves two lookups for most keys.
        if (!can_pass(t.value(id))) continue;
        const std::string_view key = t.key(id);
        at.clear();
        for (std::size_t q = key.find(delim); q != std::string_view::npos; q = key.find(delim, q + 1)) at.push_back(q);
        if (at.empty()) continue;
        const std::uint64_t cab = t.value(id);
        for (std::size_t i = 0; i < at.size(); ++i) {
          const std::string_view a = key.substr(0, at[i]);
          const std::uint64_t ca = count(a);
          if (ca == 0) continue;
          for (std::size_t j = i; j < at.size(); ++j) {
            if (j > i && at[j] < at[i] + delim.size()) continue;
            const std::string_view b = key.substr(at[j] + delim.size());
            const std::uint64_t cb = count(b);
            if (cb == 0) continue;
            const double score = phrase_score(opts_.scoring, ca, cb, cab, n, opts_.min_count, corpus_word_count_);
            if (score <= opts_.threshold) continue;
            parts[th].push_back({std::string(key), static_cast<std::uint32_t>(a.size()),
                                 static_cast<std::uint32_t>(b.size()), score});
          }
        }
      }
    }
  });
  std::vector<FrozenPhrases::Rule> rules;
  for (auto& p : parts) {
    for (auto& r : p) rules.push_back(std::move(r));
    p.clear();
  }
  return FrozenPhrases(opts_, std::move(rules), n, corpus_word_count_);
}

// ---------------------------------------------------------------------------------------------
// FrozenPhrases

FrozenPhrases::FrozenPhrases(PhrasesOptions opts, std::vector<Rule> rules, std::uint64_t len_vocab,
                             std::uint64_t corpus_word_count)
    : opts_(std::move(opts)), rules_(std::move(rules)), len_vocab_(len_vocab), corpus_word_count_(corpus_word_count) {
  opts_.validate();
  connectors_ = sorted_views(opts_.connector_words);
  std::sort(rules_.begin(), rules_.end(), [](const Rule& x, const Rule& y) {
    return std::tie(x.phrase, x.first, x.last) < std::tie(y.phrase, y.first, y.last);
  });
  index();
}

void FrozenPhrases::index() {
  std::size_t n = 64;
  while (n < 2 * rules_.size()) n *= 2;
  slots_.assign(n, 0u);
  const std::uint64_t mask = n - 1;
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    if (r && rules_[r - 1].phrase == rules_[r].phrase) continue;
    std::uint64_t i = StringTable::hash(rules_[r].phrase) & mask;
    while (slots_[i]) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(r + 1);
  }
}

const FrozenPhrases::Rule* FrozenPhrases::find(std::string_view phrase, std::uint64_t hash) const {
  const std::uint64_t mask = slots_.size() - 1;
  for (std::uint64_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint32_t s = slots_[i];
    if (s == 0) return nullptr;
    if (rules_[s - 1].phrase == phrase) return &rules_[s - 1];
  }
}

bool FrozenPhrases::is_default_split(const Rule& r) const {
  std::vector<std::size_t> at;
  split_points(r.phrase, opts_.delimiter, at);
  return !at.empty() && at.front() == r.first && r.phrase.size() - at.back() - opts_.delimiter.size() == r.last;
}

std::vector<std::pair<std::string, double>> FrozenPhrases::export_phrases() const {
  std::vector<std::pair<std::string, double>> out;
  for (const Rule& r : rules_)
    if (is_default_split(r)) out.emplace_back(r.phrase, r.score);
  return out;
}

void FrozenPhrases::apply(std::span<const std::string_view> sentence, std::vector<std::string_view>& out,
                          StringArena& arena, std::vector<double>* scores) const {
  analyze(
      sentence, connectors_,
      [&](std::string_view a, std::span<const std::string_view> mid, std::string_view b, std::string& joined,
          double& score) {
        if (rules_.empty()) return false;
        join_into(joined, a, mid, b, opts_.delimiter);
        const Rule* r = find(joined, StringTable::hash(joined));
        if (!r) return false;
        for (const Rule* end = rules_.data() + rules_.size(); r != end && r->phrase == joined; ++r) {
          if (r->first == a.size() && r->last == b.size()) {
            score = r->score;
            return true;
          }
        }
        return false;
      },
      out, arena, scores);
}

// ---------------------------------------------------------------------------------------------
// Applying to a corpus

namespace {

struct ApplyBatch {
  std::size_t begin = 0, end = 0;
  TokenCorpus out;
  void clear() noexcept { out.clear(); }
};

}  // namespace

template <class Model>
TokenCorpus apply_corpus(const Model& model, const TokenCorpus& corpus, std::size_t threads) {
  TokenCorpus result;
  std::size_t next = 0;
  struct Scratch {
    std::vector<std::string_view> in, out;
    StringArena arena;
  };
  std::vector<Scratch> scratch(std::max<std::size_t>(1, threads));
  run_ordered<ApplyBatch>(
      threads,
      [&](ApplyBatch& b) {
        if (next >= corpus.size()) return false;
        b.begin = next;
        b.end = std::min(corpus.size(), next + kBatchSentences);
        next = b.end;
        return true;
      },
      [&](ApplyBatch& b, std::size_t worker) {
        Scratch& s = scratch[worker];
        for (std::size_t i = b.begin; i < b.end; ++i) {
          corpus.sentence(i, s.in);
          model.apply(s.in, s.out, s.arena);
          b.out.add(std::span<const std::string_view>(s.out));
          s.arena.clear();
        }
      },
      [&](ApplyBatch& b) { result.append(b.out); });
  return result;
}

template TokenCorpus apply_corpus<Phrases>(const Phrases&, const TokenCorpus&, std::size_t);
template TokenCorpus apply_corpus<FrozenPhrases>(const FrozenPhrases&, const TokenCorpus&, std::size_t);

// ---------------------------------------------------------------------------------------------
// Model file

namespace {

std::string json_string(std::string_view s) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(sb.GetString(), sb.GetSize());
}

// Shortest text that reads back as the same double.
std::string json_double(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("phrase model: a score is not finite");
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

[[noreturn]] void fail_at(const std::string& name, std::size_t byte, const std::string& what) {
  throw FormatError(fmt::format("{}: byte {}: {}", name, byte, what));
}

// A well-formed JSON document with a wrong member: the message names the member.
[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw FormatError(fmt::format("{}: {}", name, what));
}

// `json` (an object) re-written without spaces, as from_json gives it back; "null" when empty.
std::string compact_json(const std::string& json) {
  if (json.empty()) return "null";
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError() || !doc.IsObject())
    throw std::invalid_argument("phrase model: the pipeline configuration is not a JSON object");
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  doc.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace

std::string PhrasesModelFile::to_json() const {
  const PhrasesOptions& o = options;
  std::string j = fmt::format("{{\"format\": \"nlp.phrases\", \"format_version\": {}, \"producer\": {},\n",
                              kPhrasesFormatVersion, json_string(std::string("nlp ") + kVersion));
  j += fmt::format(
      " \"options\": {{\"min_count\": {}, \"threshold\": {}, \"scoring\": \"{}\", \"delimiter\": {}, "
      "\"max_vocab_size\": {}, \"connector_source\": {}, \"connector_words\": [",
      o.min_count, json_double(o.threshold), phrase_scoring_name(o.scoring), json_string(o.delimiter),
      o.max_vocab_size, json_string(connector_source));
  const auto connectors = sorted_views(o.connector_words);
  for (std::size_t i = 0; i < connectors.size(); ++i) j += (i ? ", " : "") + json_string(connectors[i]);
  j += "], \"passes\": " + std::to_string(passes.size()) + "},\n";
  j += " \"pipeline\": " + compact_json(pipeline_json) + ",\n";
  j += " \"passes\": [";
  for (std::size_t p = 0; p < passes.size(); ++p) {
    const FrozenPhrases& f = passes[p];
    j += fmt::format("{}\n  {{\"len_vocab\": {}, \"corpus_word_count\": {}, \"rules\": {}, \"phrases\": [",
                     p ? "," : "", f.len_vocab(), f.corpus_word_count(), f.rules().size());
    for (std::size_t r = 0; r < f.rules().size(); ++r) {
      const FrozenPhrases::Rule& rule = f.rules()[r];
      j += r ? ",\n   [" : "\n   [";
      j += json_string(rule.phrase) + ", " + json_double(rule.score);
      if (!f.is_default_split(rule)) j += fmt::format(", {}, {}", rule.first, rule.last);
      j += "]";
    }
    j += "]}";
  }
  j += "]}\n";
  return j;
}

PhrasesModelFile PhrasesModelFile::from_json(std::string_view json, const std::string& name) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    const std::size_t at = doc.GetErrorOffset();
    if (at >= json.size())
      fail_at(name, at, fmt::format("file is truncated ({}); the model was cut short, write it again",
                                 rapidjson::GetParseError_En(doc.GetParseError())));
    fail_at(name, at, fmt::format("not valid JSON: {}", rapidjson::GetParseError_En(doc.GetParseError())));
  }
  auto member = [&](const rapidjson::Value& obj, const char* key, const char* where) -> const rapidjson::Value& {
    if (!obj.IsObject() || !obj.HasMember(key)) fail(name, fmt::format("{} has no \"{}\" member", where, key));
    return obj[key];
  };
  const rapidjson::Value& format = member(doc, "format", "the model");
  if (!format.IsString() || std::string_view(format.GetString()) != "nlp.phrases")
    fail(name, "\"format\" is not \"nlp.phrases\"; this is not a phrase model");
  const rapidjson::Value& version = member(doc, "format_version", "the model");
  if (!version.IsUint() || version.GetUint() == 0) fail(name, "\"format_version\" is not a positive integer");
  if (version.GetUint() > static_cast<unsigned>(kPhrasesFormatVersion))
    fail(name, fmt::format("format version {} is newer than this build supports ({}); upgrade nlp or "
                              "learn the model again with this version",
                              version.GetUint(), kPhrasesFormatVersion));

  PhrasesModelFile f;
  const rapidjson::Value& o = member(doc, "options", "the model");
  auto u64 = [&](const rapidjson::Value& obj, const char* key) {
    const auto& v = member(obj, key, "\"options\"");
    if (!v.IsUint64()) fail(name, fmt::format("\"options.{}\" is not an unsigned integer", key));
    return v.GetUint64();
  };
  auto str = [&](const rapidjson::Value& obj, const char* key, const char* where) {
    const auto& v = member(obj, key, where);
    if (!v.IsString()) fail(name, fmt::format("{}.{} is not a string", where, key));
    return std::string(v.GetString(), v.GetStringLength());
  };
  f.options.min_count = u64(o, "min_count");
  f.options.max_vocab_size = u64(o, "max_vocab_size");
  const auto& thr = member(o, "threshold", "\"options\"");
  if (!thr.IsNumber()) fail(name, "\"options.threshold\" is not a number");
  f.options.threshold = thr.GetDouble();
  try {
    f.options.scoring = parse_phrase_scoring(str(o, "scoring", "\"options\""));
  } catch (const UsageError& e) {
    fail(name, std::string("\"options.scoring\": ") + e.what());
  }
  f.options.delimiter = str(o, "delimiter", "\"options\"");
  f.connector_source = str(o, "connector_source", "\"options\"");
  const auto& cw = member(o, "connector_words", "\"options\"");
  if (!cw.IsArray()) fail(name, "\"options.connector_words\" is not an array");
  for (const auto& w : cw.GetArray()) {
    if (!w.IsString()) fail(name, "\"options.connector_words\" holds a value that is not a string");
    f.options.connector_words.emplace_back(w.GetString(), w.GetStringLength());
  }
  try {
    f.options.validate();
  } catch (const UsageError& e) {
    fail(name, std::string("invalid options: ") + e.what());
  }

  const auto& pipe = member(doc, "pipeline", "the model");
  if (pipe.IsObject()) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    pipe.Accept(w);
    f.pipeline_json.assign(sb.GetString(), sb.GetSize());
  } else if (!pipe.IsNull()) {
    fail(name, "\"pipeline\" is neither an object nor null");
  }

  const auto& passes = member(doc, "passes", "the model");
  if (!passes.IsArray()) fail(name, "\"passes\" is not an array");
  if (o.HasMember("passes") && (!o["passes"].IsUint64() || o["passes"].GetUint64() != passes.Size()))
    fail(name, fmt::format("\"options.passes\" does not match the {} passes stored; the file is corrupt",
                              passes.Size()));
  for (rapidjson::SizeType p = 0; p < passes.Size(); ++p) {
    const auto& pass = passes[p];
    const std::string where = fmt::format("pass {}", p + 1);
    auto pass_u64 = [&](const char* key) {
      const auto& v = member(pass, key, where.c_str());
      if (!v.IsUint64()) fail(name, fmt::format("{}: \"{}\" is not an unsigned integer", where, key));
      return v.GetUint64();
    };
    const std::uint64_t len_vocab = pass_u64("len_vocab"), words = pass_u64("corpus_word_count");
    const auto& list = member(pass, "phrases", where.c_str());
    if (!list.IsArray()) fail(name, fmt::format("{}: \"phrases\" is not an array", where));
    if (pass_u64("rules") != list.Size())
      fail(name, fmt::format("{}: \"rules\" says {} but {} phrases are stored; the file is corrupt", where,
                                pass_u64("rules"), list.Size()));
    std::vector<FrozenPhrases::Rule> rules;
    rules.reserve(list.Size());
    std::vector<std::size_t> at;
    for (rapidjson::SizeType r = 0; r < list.Size(); ++r) {
      const auto& e = list[r];
      const std::string what = fmt::format("{}: phrase {}", where, r + 1);
      if (!e.IsArray() || (e.Size() != 2 && e.Size() != 4) || !e[0].IsString() || !e[1].IsNumber())
        fail(name, what + " is not [phrase, score] or [phrase, score, first, last]");
      FrozenPhrases::Rule rule;
      rule.phrase.assign(e[0].GetString(), e[0].GetStringLength());
      rule.score = e[1].GetDouble();
      split_points(rule.phrase, f.options.delimiter, at);
      if (at.empty()) fail(name, fmt::format("{} ({:?}) does not contain the delimiter", what, rule.phrase));
      if (e.Size() == 4) {
        if (!e[2].IsUint() || !e[3].IsUint()) fail(name, what + ": first and last must be unsigned integers");
        rule.first = e[2].GetUint();
        rule.last = e[3].GetUint();
        const std::size_t d = f.options.delimiter.size();
        if (std::size_t{rule.first} + d > rule.phrase.size() || std::size_t{rule.last} + d > rule.phrase.size() ||
            rule.phrase.compare(rule.first, d, f.options.delimiter) != 0 ||
            rule.phrase.compare(rule.phrase.size() - rule.last - d, d, f.options.delimiter) != 0)
          fail(name, fmt::format("{} ({:?}): first {} and last {} are not delimiter positions", what,
                                    rule.phrase, rule.first, rule.last));
      } else {
        rule.first = static_cast<std::uint32_t>(at.front());
        rule.last = static_cast<std::uint32_t>(rule.phrase.size() - at.back() - f.options.delimiter.size());
      }
      rules.push_back(std::move(rule));
    }
    f.passes.emplace_back(f.options, std::move(rules), len_vocab, words);
  }
  return f;
}

}  // namespace nlp::ngrams
