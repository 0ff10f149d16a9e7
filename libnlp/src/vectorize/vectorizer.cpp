#include "nlp/vectorize/vectorizer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "nlp/error.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/vectorize/hashing.hpp"
#include "nlp/util/arena.hpp"
#include "util/page_allocator.hpp"
#include "util/threads.hpp"
#include "vectorize/fast_words.hpp"
#include "vectorize/numpy_argsort.hpp"
#include "vectorize/seq_table.hpp"
#include "vectorize/term_table.hpp"

namespace nlp {
namespace {

// Sort keys of word 4-grams over large vocabularies.
__extension__ using Uint128 = unsigned __int128;

// Documents per batch: the unit of parallel work and of the in-order merge.
constexpr std::size_t kBatch = 8192;

PipelineConfig analyzer_config(const VectorizerOptions& o) {
  PipelineConfig cfg;
  cfg.normalize.case_mode = o.lowercase ? CaseMode::lower : CaseMode::keep;
  cfg.normalize.strip_accents = o.strip_accents;
  if (o.analyzer == Analyzer::word) {
    cfg.tokenizer.name = "regex";
    cfg.tokenizer.pattern = o.token_pattern;
  } else {
    cfg.tokenizer.name = "char-ngram";
    cfg.tokenizer.ngram_min = o.ngram_min;
    cfg.tokenizer.ngram_max = o.ngram_max;
    cfg.tokenizer.char_wb = o.analyzer == Analyzer::char_wb;
  }
  return cfg;
}

void check_bound(const DfBound& b, const char* name) {
  if (b.proportion ? !(b.value >= 0.0 && b.value <= 1.0)
                   : !(b.value >= 0.0 && b.value == std::floor(b.value)))
    throw UsageError(fmt::format(
        "vectorizer: {} must be a proportion in [0, 1] or a whole number of documents, got {}",
        name, b.value));
}

// Per-thread analyzer state.
struct Scratch {
  PipelineScratch pipeline;
  std::vector<std::string_view> words;
  std::string joined;   // the current word n-gram, padded
  std::string lowered;  // fast_default_words' buffer
};

std::vector<std::string_view> as_views(const std::vector<std::string>& docs) {
  return {docs.begin(), docs.end()};
}

// Runs job(batch_index) for every batch on `threads` threads; rethrows the first failure
// (the one of the lowest batch index, so the error does not depend on scheduling).
template <typename Job>
void for_batches(std::size_t batches, unsigned threads, Job&& job) {
  const unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(batches)));
  std::vector<std::exception_ptr> errors(batches);
  if (n <= 1) {
    for (std::size_t b = 0; b < batches; ++b) job(b);
    return;
  }
  std::atomic<std::size_t> next{0};
  detail::run_threads(n, [&](unsigned) {
    for (std::size_t b; (b = next.fetch_add(1)) < batches;) {
      try {
        job(b);
      } catch (...) {
        errors[b] = std::current_exception();
      }
    }
  });
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// Rows counted for one batch of documents: entries (column, count) sorted by column per row.
// Their pages go back to the system as soon as a batch is copied into the matrix, so that the
// counted rows and the matrix do not both exist whole.
struct CountedRows {
  std::vector<std::uint64_t, PageAllocator<std::uint64_t>> row_end;  // end of each row in `entries`
  std::vector<std::pair<std::uint32_t, std::uint32_t>, PageAllocator<std::pair<std::uint32_t, std::uint32_t>>>
      entries;
};

// A batch counted against its own dictionary (local ids) while learning the vocabulary.
struct LearnBatch {
  CountedRows rows;
  std::vector<std::uint32_t> df;  // documents of the batch each local id occurs in
};

// State that a worker reuses from batch to batch: tables cleared, not freed, keep their size.
template <typename State>
class StatePool {
 public:
  std::unique_ptr<State> take() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.empty()) return std::make_unique<State>();
    std::unique_ptr<State> s = std::move(idle_.back());
    idle_.pop_back();
    return s;
  }
  void give(std::unique_ptr<State> s) {
    const std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(s));
  }
  // Frees the idle states.
  void clear() {
    const std::lock_guard<std::mutex> lock(mutex_);
    idle_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<State>> idle_;
};

// Accumulates one document's counts by id and the number of documents each id occurs in.
class DocCounter {
 public:
  [[gnu::always_inline]] void add(std::uint32_t id) {
    if (id >= counts_.size()) [[unlikely]]
      counts_.resize(std::max<std::size_t>(id + 1, counts_.size() * 2));
    if (counts_[id].count++ == 0) {
      if (n_touched_ == touched_.size()) [[unlikely]]
        touched_.resize(std::max<std::size_t>(64, touched_.size() * 2));
      touched_[n_touched_++] = id;
    }
  }
  // The document's row, sorted by id.
  void emit(CountedRows& out) {
    std::sort(touched_.begin(), touched_.begin() + static_cast<std::ptrdiff_t>(n_touched_));
    emit_unsorted(out);
  }
  // The document's row in first-seen order (ids to be remapped and sorted later).
  void emit_unsorted(CountedRows& out) {
    for (const std::uint32_t id : std::span(touched_).first(n_touched_)) {
      out.entries.emplace_back(id, counts_[id].count);
      counts_[id].count = 0;
      ++counts_[id].docs;
    }
    n_touched_ = 0;
    out.row_end.push_back(out.entries.size());
  }
  // The number of documents emitted since the last call that each id < n occurred in.
  std::vector<std::uint32_t> take_document_frequencies(std::size_t n) {
    std::vector<std::uint32_t> df(n, 0);
    for (std::size_t id = 0; id < std::min(n, counts_.size()); ++id) df[id] = std::exchange(counts_[id].docs, 0);
    return df;
  }

 private:
  struct Count {
    std::uint32_t count = 0;  // in the current document
    std::uint32_t docs = 0;   // documents emitted by emit_unsorted
  };
  std::vector<Count> counts_;
  std::vector<std::uint32_t> touched_;  // the first n_touched_ are this document's ids
  std::size_t n_touched_ = 0;
};

}  // namespace

struct Vectorizer::Impl {
  VectorizerOptions opts;
  Pipeline pipeline;
  std::unordered_set<std::string_view, StringHash> stop;
  std::vector<std::string> stop_storage;

  // The default token pattern without accent stripping: fast_default_words applies.
  bool default_words = false;
  bool fitted = false;
  std::uint64_t n_fit_docs = 0;
  HashingOptions hashing;   // kind == hashing
  // The vocabulary by column: views into index's text or into term_text (learned terms).
  std::vector<std::string_view> terms;
  std::vector<StringArena> term_text;
  // Column of each term. A learned vocabulary's index is built on first use (transform,
  // column()): fit_transform does not need it.
  mutable detail::TermTable index;
  mutable bool index_built = false;
  mutable std::mutex index_mutex;
  std::vector<std::uint64_t> df;
  std::vector<double> idf;
  // Terms pruned by min_df, max_df or max_features: views into term_text, or (word n-grams)
  // sequences of indices into pruned_words, joined when asked for.
  std::vector<std::string_view> pruned;
  std::vector<std::string_view> pruned_words;
  std::vector<std::array<std::uint32_t, detail::WordSeq::kMax>> pruned_sequences;

  explicit Impl(VectorizerOptions o) : opts(std::move(o)), pipeline(analyzer_config(opts)) {
    if (opts.ngram_min < 1 || opts.ngram_min > opts.ngram_max)
      throw UsageError(fmt::format(
          "vectorizer: invalid n-gram range ({}, {}); need 1 <= min <= max", opts.ngram_min,
          opts.ngram_max));
    check_bound(opts.min_df, "min_df");
    check_bound(opts.max_df, "max_df");
    default_words = opts.analyzer == Analyzer::word && opts.token_pattern.empty() &&
                    opts.strip_accents == AccentMode::keep;
    if (opts.kind == VectorizerKind::hashing) {
      hashing.n_features = opts.n_features;
      hashing.alternate_sign = opts.alternate_sign;
      hashing.binary = opts.binary;
      hashing.norm = opts.norm == VectorNorm::l1   ? HashNorm::kL1
                     : opts.norm == VectorNorm::l2 ? HashNorm::kL2
                                                   : HashNorm::kNone;
      check_hashing_options(hashing);
    }
    if (opts.analyzer == Analyzer::word) {
      stop_storage = opts.stop_words;
      for (const auto& w : stop_storage) stop.insert(w);
    }
  }

  // Checks that the document is valid UTF-8 (the error names the document and byte).
  static void check_utf8(std::string_view doc, std::size_t doc_index) {
    if (const std::size_t bad = utf8::find_invalid(doc); bad != std::string_view::npos) {
      const std::uint64_t column = utf8::count_code_points(doc.substr(0, bad)) + 1;
      throw InputError(SourcePos{"documents", doc_index + 1, column, bad},
                       "invalid UTF-8; the vectorizer needs valid UTF-8 text");
    }
  }

  // The word analyzer's words of a valid document, stop words removed, into s.words. True when
  // the views are padded (kWordPadding bytes readable from the start of each, as in
  // fast_default_words' buffer); the general pipeline's tokens are not.
  bool words_of(std::string_view doc, Scratch& s) const {
    bool padded = true;
    if (!default_words || !detail::fast_default_words(doc, opts.lowercase, s.lowered, s.words)) {
      pipeline.process(doc, s.pipeline);
      s.words.clear();
      for (const Token& t : s.pipeline.tokens()) s.words.push_back(t.text);
      padded = false;
    }
    if (!stop.empty())
      std::erase_if(s.words, [&](std::string_view w) { return stop.contains(w); });
    return padded;
  }

  // The lookup key of a term as analyze() gives it.
  [[gnu::always_inline]] static detail::TermTable::Probe probe_of(std::string_view term, bool padded) {
    return padded ? detail::TermTable::padded_probe(term) : detail::TermTable::probe(term);
  }

  // Calls emit(term, padded) for every term of the document, in scikit-learn's order; `padded`
  // says whether kWordPadding bytes may be read from the term's start (TermTable's padded
  // probes).
  template <typename Emit>
  void analyze(std::string_view doc, std::size_t doc_index, Scratch& s, Emit&& emit) const {
    check_utf8(doc, doc_index);
    if (opts.analyzer != Analyzer::word) {
      pipeline.process(doc, s.pipeline);
      for (const Token& t : s.pipeline.tokens()) emit(t.text, false);
      return;
    }
    const bool padded = words_of(doc, s);
    const std::size_t n_words = s.words.size();
    for (std::size_t n = opts.ngram_min; n <= opts.ngram_max && n <= n_words; ++n) {
      for (std::size_t i = 0; i + n <= n_words; ++i) {
        if (n == 1) {
          emit(s.words[i], padded);
          continue;
        }
        std::size_t len = n - 1;
        for (std::size_t k = 0; k < n; ++k) len += s.words[i + k].size();
        if (s.joined.size() < len + detail::kWordPadding) s.joined.resize(len + detail::kWordPadding);
        char* out = s.joined.data();
        for (std::size_t k = 0; k < n; ++k) {
          if (k > 0) *out++ = ' ';
          std::memcpy(out, s.words[i + k].data(), s.words[i + k].size());
          out += s.words[i + k].size();
        }
        emit(std::string_view(s.joined.data(), len), true);
      }
    }
  }

  // Counts documents against the fitted vocabulary (unknown terms ignored).
  CsrMatrix count_known(std::span<const std::string_view> docs) const {
    const std::size_t batches = (docs.size() + kBatch - 1) / kBatch;
    std::vector<CountedRows> results(batches);
    const detail::TermTable& columns = lookup();
    for_batches(batches, opts.threads, [&](std::size_t b) {
      Scratch s;
      DocCounter counter;
      CountedRows& out = results[b];
      const std::size_t end = std::min(docs.size(), (b + 1) * kBatch);
      reserve_rows(out, docs.subspan(b * kBatch, end - b * kBatch));
      for (std::size_t d = b * kBatch; d < end; ++d) {
        analyze(docs[d], d, s, [&](std::string_view term, bool padded) {
          if (const std::uint32_t c = columns.find(probe_of(term, padded)); c != detail::TermTable::kAbsent)
            counter.add(c);
        });
        counter.emit(out);
      }
    });
    return place_rows(results, [](CountedRows& r) -> CountedRows& { return r; }, terms.size());
  }

  // HashingVectorizer.transform: every row hashed on its own, batches in parallel.
  CsrMatrix hash_rows(std::span<const std::string_view> docs) const {
    struct HashedRows {
      std::vector<std::uint64_t> row_end;
      std::vector<std::pair<std::uint32_t, double>> entries;
    };
    const std::size_t batches = (docs.size() + kBatch - 1) / kBatch;
    std::vector<HashedRows> results(batches);
    for_batches(batches, opts.threads, [&](std::size_t b) {
      Scratch s;
      std::vector<std::pair<std::uint32_t, double>> row;
      HashedRows& out = results[b];
      const std::size_t end = std::min(docs.size(), (b + 1) * kBatch);
      for (std::size_t d = b * kBatch; d < end; ++d) {
        row.clear();
        analyze(docs[d], d, s, [&](std::string_view term, bool) { add_hashed_feature(term, hashing, row); });
        finish_hashed_row(hashing, row);
        out.entries.insert(out.entries.end(), row.begin(), row.end());
        out.row_end.push_back(out.entries.size());
      }
    });
    return place_rows(results, [](HashedRows& r) -> HashedRows& { return r; }, hashing.n_features);
  }

  // Reserves room (address space; pages are touched as rows fill it) for the rows of `docs`, so
  // that the mapped row buffers do not grow by copying: at most a term per two bytes of text
  // for each word n-gram length, a term per byte for each character n-gram length. The bound
  // is capped (16 M entries, 128 MB of address space): a batch of huge documents grows instead.
  void reserve_rows(CountedRows& rows, std::span<const std::string_view> docs) const {
    std::size_t bytes = 0;
    for (const std::string_view d : docs) bytes += d.size();
    const std::size_t lengths = opts.ngram_max - opts.ngram_min + 1;
    const std::size_t per_length = opts.analyzer == Analyzer::word ? bytes / 2 + 1 : bytes + 1;
    rows.row_end.reserve(docs.size());
    rows.entries.reserve(std::min(per_length * lengths, std::size_t{1} << 24));
  }

  // TfidfTransformer.fit: idf = ln(n / df) + 1, with n and df each plus one (smooth_idf).
  void compute_idf() {
    idf.clear();
    if (opts.kind != VectorizerKind::tfidf || !opts.use_idf) return;
    const double add = opts.smooth_idf ? 1.0 : 0.0;
    const double n = static_cast<double>(n_fit_docs) + add;
    idf.resize(df.size());
    for (std::size_t c = 0; c < df.size(); ++c)
      idf[c] = std::log(n / (static_cast<double>(df[c]) + add)) + 1.0;
  }

  // The matrix of batches of rows (row_end, entries of (column, value) sorted by column; rows_of
  // gives them for each batch). Every batch's place is known from the sizes, so the batches are
  // copied in parallel, each freed once copied.
  template <typename Batch, typename Rows>
  CsrMatrix place_rows(std::vector<Batch>& batches, Rows&& rows_of, std::size_t cols) const {
    Layout at;
    CsrMatrix m = sized_matrix(batches, rows_of, cols, at);
    for_batches(batches.size(), opts.threads, [&](std::size_t b) {
      const auto& r = rows_of(batches[b]);
      at.set_indptr(m, b, r.row_end);
      std::uint32_t* indices = m.indices.data() + at.first_entry[b];
      double* data = m.data.data() + at.first_entry[b];
      for (std::size_t k = 0; k < r.entries.size(); ++k) {
        indices[k] = r.entries[k].first;
        data[k] = r.entries[k].second;
      }
      batches[b] = Batch();
    });
    return m;
  }

  // Where each batch of rows goes in a matrix.
  struct Layout {
    std::vector<std::size_t> first_row, first_entry;
    // The row pointers of batch b's rows (row_end relative to the batch's first entry).
    template <typename RowEnds>
    void set_indptr(CsrMatrix& m, std::size_t b, const RowEnds& row_end) const {
      for (std::size_t i = 0; i < row_end.size(); ++i) m.indptr[first_row[b] + i + 1] = first_entry[b] + row_end[i];
    }
  };

  // A matrix with room for the batches' rows (as rows_of gives them), its arrays sized without
  // being written, so that their pages are counted only as they are filled.
  template <typename Batch, typename Rows>
  static CsrMatrix sized_matrix(std::vector<Batch>& batches, Rows&& rows_of, std::size_t cols, Layout& at) {
    at.first_row.assign(batches.size() + 1, 0);
    at.first_entry.assign(batches.size() + 1, 0);
    for (std::size_t b = 0; b < batches.size(); ++b) {
      at.first_row[b + 1] = at.first_row[b] + rows_of(batches[b]).row_end.size();
      at.first_entry[b + 1] = at.first_entry[b] + rows_of(batches[b]).entries.size();
    }
    CsrMatrix m;
    m.cols = cols;
    m.rows = at.first_row.back();
    m.indptr.assign(m.rows + 1, 0);
    m.indices.resize(at.first_entry.back());
    m.data.resize(at.first_entry.back());
    advise_huge_pages(m.indices.data(), m.indices.size() * sizeof(std::uint32_t));
    advise_huge_pages(m.data.data(), m.data.size() * sizeof(double));
    return m;
  }

  // Global tables are split in kShards by hash; a worker merges its finished batch into them one
  // locked shard at a time, so merging runs on every thread. Ids within a shard depend on the
  // merge order, but the columns do not: they are ranks in code point order.
  static constexpr std::size_t kShards = 16;
  // A term's handle in the shards: shard << 28 | its id within the shard.
  static constexpr std::uint32_t kShardIds = 1u << 28;
  static std::uint32_t handle(std::size_t shard, std::uint32_t id) {
    if (id >= kShardIds)
      throw Error("vectorizer: too many distinct terms (more than 2^28 in one of 16 shards)");
    return static_cast<std::uint32_t>(shard << 28) | id;
  }
  static std::size_t shard_of(std::uint32_t h) noexcept { return h >> 28; }
  static std::uint32_t id_of(std::uint32_t h) noexcept { return h & (kShardIds - 1); }

  template <typename Table>
  struct Shards {
    struct Shard {
      std::mutex mutex;
      Table table;
    };
    std::vector<Shard> shard = std::vector<Shard>(kShards);
    // first[s]: the position of shard s's first entry when the shards are laid end to end.
    std::vector<std::size_t> offsets() const {
      std::vector<std::size_t> first(kShards + 1, 0);
      for (std::size_t s = 0; s < kShards; ++s) first[s + 1] = first[s] + shard[s].table.size();
      return first;
    }
  };

  // Interns the terms of a batch table into the shards: ids[i] = handle of local term i.
  // `first` is the shard to start with (batches start on different shards).
  static void merge_terms(const detail::TermTable& local, Shards<detail::TermTable>& into,
                          std::size_t first, std::vector<std::uint32_t>& ids) {
    std::vector<std::vector<std::uint32_t>> by_shard(kShards);
    for (std::uint32_t i = 0; i < local.size(); ++i) by_shard[local.hash(i) >> 60].push_back(i);
    ids.resize(local.size());
    for (std::size_t k = 0; k < kShards; ++k) {
      const std::size_t sh = (first + k) % kShards;
      if (by_shard[sh].empty()) continue;
      auto& target = into.shard[sh];
      const std::lock_guard<std::mutex> lock(target.mutex);
      const std::vector<std::uint32_t>& group = by_shard[sh];
      constexpr std::size_t kAhead = 8;  // lookups whose slots are being prefetched
      for (std::size_t j = 0; j < group.size(); ++j) {
        if (j + kAhead < group.size()) target.table.prefetch(local.hash(group[j + kAhead]));
        ids[group[j]] = handle(sh, target.table.intern(local.stored_probe(group[j])));
      }
    }
  }

  // Sorts keys[first[s], first[s + 1]) for each shard s in parallel, then merges the runs
  // pairwise (in parallel within each round).
  template <typename Key, typename Less>
  void sort_sharded(std::vector<Key>& keys, const std::vector<std::size_t>& first, Less less) const {
    const auto at = [](std::vector<Key>& v, std::size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
    for_batches(kShards, opts.threads, [&](std::size_t sh) { std::sort(at(keys, first[sh]), at(keys, first[sh + 1]), less); });
    std::vector<Key> merged(keys.size());
    for (std::size_t width = 1; width < kShards; width *= 2) {
      for_batches(kShards / (2 * width), opts.threads, [&](std::size_t pair) {
        const std::size_t lo = first[2 * width * pair], mid = first[2 * width * pair + width],
                          hi = first[2 * width * (pair + 1)];
        std::merge(at(keys, lo), at(keys, mid), at(keys, mid), at(keys, hi), at(merged, lo), less);
      });
      keys.swap(merged);
    }
  }

  // rank[shard][id]: the column of each term of the shards, in code point (UTF-8 byte) order;
  // terms: the terms by column.
  struct Order {
    std::vector<std::vector<std::uint32_t>> rank;
    std::vector<std::string_view> terms;
  };

  Order code_point_order(const Shards<detail::TermTable>& t) const {
    // Keys of the first 8 bytes; whole terms are compared only on ties.
    struct Key {
      std::uint64_t prefix;
      std::uint32_t shard, id;
    };
    const auto term_of = [&](const Key& k) { return t.shard[k.shard].table.term(k.id); };
    const std::vector<std::size_t> first = t.offsets();
    std::vector<Key> keys(first[kShards]);
    for_batches(kShards, opts.threads, [&](std::size_t sh) {
      const detail::TermTable& table = t.shard[sh].table;
      for (std::uint32_t i = 0; i < table.size(); ++i)
        keys[first[sh] + i] = {table.sort_prefix(i), static_cast<std::uint32_t>(sh), i};
    });
    sort_sharded(keys, first, [&](const Key& x, const Key& y) {
      return x.prefix != y.prefix ? x.prefix < y.prefix : term_of(x) < term_of(y);
    });
    Order o;
    o.rank.resize(kShards);
    for (std::size_t sh = 0; sh < kShards; ++sh) o.rank[sh].resize(t.shard[sh].table.size());
    o.terms.resize(keys.size());
    for (std::size_t c = 0; c < keys.size(); ++c) {
      o.rank[keys[c].shard][keys[c].id] = static_cast<std::uint32_t>(c);
      o.terms[c] = term_of(keys[c]);
    }
    return o;
  }

  // The matrix of the counted batches (ids[b][i] is the handle of local term i; rank and
  // terms as in Order). Document frequencies and total counts per term come first, from the
  // batches; scikit-learn's _limit_features chooses the columns kept; then the entries of pruned
  // columns are dropped, which sizes the matrix, and each batch's rows are written into it in
  // column order, batches in parallel, and weighted (weight_rows) while in cache. Sets df to
  // the document frequencies of the columns kept, n_fit_docs and idf; set_terms(keep) sets the
  // vocabulary (keep[c]: column c, in code point order, is kept) and the pruned terms.
  template <typename SetTerms>
  CsrMatrix build_matrix(std::vector<LearnBatch>& batches, std::vector<std::vector<std::uint32_t>>& ids,
                         const std::vector<std::vector<std::uint32_t>>& rank, std::size_t cols,
                         SetTerms&& set_terms) {
    if (cols == 0)
      throw Error("vectorizer: empty vocabulary; the documents contain no terms (only stop "
                  "words, or no token matched the pattern)");
    std::uint64_t n_docs = 0;
    for (const LearnBatch& b : batches) n_docs += b.rows.row_end.size();
    // Total counts matter only to max_features.
    const bool need_tf = opts.max_features && *opts.max_features < cols;
    std::vector<std::uint64_t> dfs(cols, 0), tfs(need_tf ? cols : 0, 0);
    std::vector<std::vector<std::uint32_t>> column(batches.size());  // per local id
    for_batches(batches.size(), opts.threads, [&](std::size_t b) {
      std::vector<std::uint32_t>& col = column[b];
      col.resize(ids[b].size());
      for (std::size_t i = 0; i < ids[b].size(); ++i) col[i] = rank[shard_of(ids[b][i])][id_of(ids[b][i])];
      ids[b] = {};
      const std::vector<std::uint32_t>& df_local = batches[b].df;
      for (std::size_t i = 0; i < col.size(); ++i)
        std::atomic_ref<std::uint64_t>(dfs[col[i]]).fetch_add(df_local[i], std::memory_order_relaxed);
      batches[b].df = {};
      if (!need_tf) return;
      std::vector<std::uint64_t> tf_local(col.size(), 0);
      for (const auto& [id, count] : batches[b].rows.entries) tf_local[id] += opts.binary ? 1 : count;
      for (std::size_t i = 0; i < col.size(); ++i)
        std::atomic_ref<std::uint64_t>(tfs[col[i]]).fetch_add(tf_local[i], std::memory_order_relaxed);
    });
    // Columns after pruning.
    constexpr std::uint32_t kDrop = 0xFFFFFFFFu;
    std::vector<std::uint32_t> new_col(cols, kDrop);
    {
      const std::vector<char> keep = limit_features(dfs, tfs, n_docs);
      df.clear();
      std::uint32_t n = 0;
      for (std::size_t c = 0; c < cols; ++c)
        if (keep[c]) {
          new_col[c] = n++;
          df.push_back(dfs[c]);
        }
      dfs = {};
      tfs = {};
      set_terms(keep);
      n_fit_docs = n_docs;
      compute_idf();
    }
    const std::size_t n_kept = terms.size();
    for_batches(batches.size(), opts.threads, [&](std::size_t b) {
      for (std::uint32_t& c : column[b]) c = new_col[c];
      CountedRows& r = batches[b].rows;
      if (n_kept < cols) {  // drop the entries of pruned columns, in place
        std::size_t w = 0, k = 0;
        for (std::uint64_t& end : r.row_end) {
          for (; k < end; ++k)
            if (column[b][r.entries[k].first] != kDrop) r.entries[w++] = r.entries[k];
          end = w;
        }
        r.entries.resize(w);
      }
    });
    new_col = {};
    Layout at;
    CsrMatrix m = sized_matrix(batches, [](LearnBatch& r) -> CountedRows& { return r.rows; }, n_kept, at);
    for_batches(batches.size(), opts.threads, [&](std::size_t b) {
      const CountedRows& r = batches[b].rows;
      at.set_indptr(m, b, r.row_end);
      sort_rows_by_column(r, column[b], m.indices.data() + at.first_entry[b], m.data.data() + at.first_entry[b]);
      column[b] = {};
      batches[b] = LearnBatch();
      weight_rows(m, at.first_row[b], at.first_row[b + 1]);  // while the batch's entries are in cache
    });
    return m;
  }

  // scikit-learn's _limit_features over the learned terms (in code point order): keeps
  // columns with low <= df <= high, then the max_features columns of highest total count
  // (numpy argsort order among ties).
  std::vector<char> limit_features(const std::vector<std::uint64_t>& dfs,
                                   const std::vector<std::uint64_t>& tfs, std::uint64_t docs) const {
    const auto n_docs = static_cast<double>(docs);
    const double high = opts.max_df.proportion ? opts.max_df.value * n_docs : opts.max_df.value;
    const double low = opts.min_df.proportion ? opts.min_df.value * n_docs : opts.min_df.value;
    if (high < low)
      throw UsageError("vectorizer: max_df corresponds to < documents than min_df");
    std::vector<char> keep(dfs.size(), 0);
    std::size_t kept = 0;
    for (std::size_t c = 0; c < dfs.size(); ++c) {
      const auto d = static_cast<double>(dfs[c]);
      keep[c] = d <= high && d >= low;
      if (keep[c]) ++kept;
    }
    if (opts.max_features && kept > *opts.max_features) {
      std::vector<std::uint32_t> masked;
      std::vector<std::int64_t> negated;
      for (std::uint32_t c = 0; c < dfs.size(); ++c)
        if (keep[c]) {
          masked.push_back(c);
          negated.push_back(-static_cast<std::int64_t>(tfs[c]));
        }
      const std::vector<std::int64_t> by_count = detail::numpy_argsort(negated);
      std::fill(keep.begin(), keep.end(), 0);
      for (std::size_t i = 0; i < *opts.max_features; ++i)
        keep[masked[static_cast<std::size_t>(by_count[i])]] = 1;
      kept = *opts.max_features;
    }
    if (kept == 0)
      throw Error("vectorizer: after pruning, no terms remain; try a lower min_df or a higher "
                  "max_df");
    return keep;
  }

  // Word n-grams (n <= 4) of the default token pattern are counted as sequences of word ids,
  // so that n-grams are never joined into strings while counting. Their code point order is
  // the order of their words' ranks, shorter first on ties: such words have no character at or
  // below the space that joins them, so "ab x" < "abc" exactly when "ab" < "abc".
  bool counts_word_sequences() const {
    return opts.analyzer == Analyzer::word && opts.token_pattern.empty() && opts.ngram_max >= 2 &&
           opts.ngram_max <= detail::WordSeq::kMax;
  }

  // Learns the vocabulary and counts the documents against it (the columns kept by min_df,
  // max_df and max_features).
  CsrMatrix count_learn(std::span<const std::string_view> docs) {
    return counts_word_sequences() ? count_learn_sequences(docs) : count_learn_terms(docs);
  }

  CsrMatrix count_learn_terms(std::span<const std::string_view> docs) {
    const std::size_t batches = (docs.size() + kBatch - 1) / kBatch;
    std::vector<LearnBatch> results(batches);
    Shards<detail::TermTable> shards;
    std::vector<std::vector<std::uint32_t>> ids(batches);
    struct Worker {
      Scratch s;
      DocCounter counter;
      detail::TermTable table;  // the batch's terms; local ids
    };
    StatePool<Worker> workers;
    for_batches(batches, opts.threads, [&](std::size_t b) {
      std::unique_ptr<Worker> w = workers.take();
      LearnBatch& out = results[b];
      const std::size_t end = std::min(docs.size(), (b + 1) * kBatch);
      reserve_rows(out.rows, docs.subspan(b * kBatch, end - b * kBatch));
      for (std::size_t d = b * kBatch; d < end; ++d) {
        analyze(docs[d], d, w->s, [&](std::string_view term, bool padded) __attribute__((always_inline)) {
          w->counter.add(w->table.intern(probe_of(term, padded)));
        });
        w->counter.emit_unsorted(out.rows);  // remapped and sorted by build_matrix()
      }
      out.df = w->counter.take_document_frequencies(w->table.size());
      merge_terms(w->table, shards, b, ids[b]);
      w->table.clear();
      workers.give(std::move(w));
    });
    workers.clear();
    Order order = code_point_order(shards);
    std::vector<StringArena> storage;
    for (auto& sh : shards.shard) storage.push_back(std::move(sh.table).take_strings());
    const std::size_t cols = order.terms.size();
    return build_matrix(results, ids, order.rank, cols, [&](const std::vector<char>& keep) {
      // The pruned terms stay in order.terms, compacted in place.
      std::vector<std::string_view> kept;
      std::size_t n_pruned = 0;
      for (std::size_t c = 0; c < cols; ++c) {
        if (keep[c])
          kept.push_back(order.terms[c]);
        else
          order.terms[n_pruned++] = order.terms[c];
      }
      order.terms.resize(n_pruned);
      order.terms.shrink_to_fit();
      pruned = std::move(order.terms);
      set_learned_vocabulary(std::move(kept), std::move(storage));
    });
  }

  CsrMatrix count_learn_sequences(std::span<const std::string_view> docs) {
    const std::size_t batches = (docs.size() + kBatch - 1) / kBatch;
    std::vector<LearnBatch> results(batches);
    Shards<detail::TermTable> words;
    Shards<detail::SeqTable> seqs;
    std::vector<std::vector<std::uint32_t>> ids(batches);
    // Words are merged first; a sequence's key in the shards holds word handles.
    struct Global {  // a batch's sequence in global word handles
      detail::WordSeq key;
      std::uint64_t hash;
      std::uint32_t local;
    };
    struct Worker {
      Scratch s;
      DocCounter counter;
      detail::TermTable table;  // the batch's words; local ids
      detail::SeqTable seqs;    // the batch's n-grams as sequences of local word ids
      std::vector<std::uint32_t> wid, unigram;  // unigram[w]: the sequence id of word w alone
      std::vector<std::uint32_t> word_handle;   // of each local word
      std::vector<std::pair<detail::WordSeq, std::uint64_t>> keys;
      std::vector<std::vector<Global>> by_shard = std::vector<std::vector<Global>>(kShards);
    };
    StatePool<Worker> workers;
    for_batches(batches, opts.threads, [&](std::size_t b) {
      std::unique_ptr<Worker> worker = workers.take();
      auto& [s, counter, table, local, wid, unigram, word_handle, keys, by_shard] = *worker;
      LearnBatch& out = results[b];
      const std::size_t end = std::min(docs.size(), (b + 1) * kBatch);
      reserve_rows(out.rows, docs.subspan(b * kBatch, end - b * kBatch));
      for (std::size_t d = b * kBatch; d < end; ++d) {
        check_utf8(docs[d], d);
        const bool padded = words_of(docs[d], s);
        const std::size_t n_words = s.words.size();
        wid.resize(n_words + detail::WordSeq::kMax);  // readable past the last word
        for (std::size_t i = 0; i < n_words; ++i) {
          wid[i] = table.intern(probe_of(s.words[i], padded));
          if (wid[i] == unigram.size())  // a new word: its 1-gram's id, if 1-grams are counted
            unigram.push_back(opts.ngram_min == 1 ? local.intern(detail::WordSeq::of({wid[i]})) : 0);
        }
        if (opts.ngram_min == 1)
          for (std::size_t i = 0; i < n_words; ++i) counter.add(unigram[wid[i]]);
        // All longer n-grams' keys first, their slots prefetched, then the lookups.
        keys.clear();
        for (std::size_t n = std::max<std::size_t>(opts.ngram_min, 2); n <= opts.ngram_max && n <= n_words; ++n)
          for (std::size_t i = 0; i + n <= n_words; ++i) {
            detail::WordSeq k;  // a fixed-length loop: a copy of n words would become a memcpy call
            for (std::size_t j = 0; j < detail::WordSeq::kMax; ++j)
              k.w[j] = j < n ? wid[i + j] : detail::WordSeq::kNone;
            const std::uint64_t h = k.hash();
            local.prefetch(h);
            keys.emplace_back(k, h);
          }
        for (const auto& [k, h] : keys) counter.add(local.intern(k, h));
        counter.emit_unsorted(out.rows);  // remapped and sorted by build_matrix()
      }
      out.df = counter.take_document_frequencies(local.size());
      merge_terms(table, words, b, word_handle);
      // The batch's sequences in global words, grouped by shard.
      for (auto& group : by_shard) group.clear();
      for (std::uint32_t i = 0; i < local.size(); ++i) {
        detail::WordSeq g = local.key(i);
        for (std::uint32_t& w : g.w)
          if (w != detail::WordSeq::kNone) w = word_handle[w];
        const std::uint64_t h = g.hash();
        by_shard[h >> 60].push_back({g, h, i});
      }
      ids[b].resize(local.size());
      for (std::size_t k = 0; k < kShards; ++k) {
        const std::size_t sh = (b + k) % kShards;
        const std::vector<Global>& group = by_shard[sh];
        if (group.empty()) continue;
        auto& target = seqs.shard[sh];
        const std::lock_guard<std::mutex> lock(target.mutex);
        constexpr std::size_t kAhead = 8;  // lookups whose slots are being prefetched
        for (std::size_t j = 0; j < group.size(); ++j) {
          if (j + kAhead < group.size()) target.table.prefetch(group[j + kAhead].hash);
          ids[b][group[j].local] = handle(sh, target.table.intern(group[j].key, group[j].hash));
        }
      }
      table.clear();
      local.clear();
      unigram.clear();
      workers.give(std::move(worker));
    });
    workers.clear();
    // Words in code point order; each n-gram's sort key packs its words' ranks, `bits` bits
    // each, in 64 bits when they fit, else in 128.
    const Order word_order = code_point_order(words);
    const auto bits = static_cast<unsigned>(std::bit_width(word_order.terms.size() + 1));
    std::vector<StringArena> storage;
    for (auto& sh : words.shard) storage.push_back(std::move(sh.table).take_strings());
    const auto word_rank = [&](std::uint32_t h) { return word_order.rank[shard_of(h)][id_of(h)]; };
    if (bits * opts.ngram_max <= 64)
      return sequence_matrix<std::uint64_t>(results, ids, seqs, word_rank, word_order.terms, std::move(storage), bits);
    return sequence_matrix<Uint128>(results, ids, seqs, word_rank, word_order.terms, std::move(storage), bits);
  }

  // The matrix of batches counted as word n-grams (see count_learn_sequences): the n-grams are
  // put in code point order by one radix sort of keys packing their words' ranks (+ 1, so that
  // a missing word, 0, sorts first), first word highest, `bits` bits each; the text of the
  // n-grams kept is written once the columns are chosen (single words are views of the words'
  // text, `storage`), that of the pruned ones only if asked for.
  template <typename Key, typename WordRank>
  CsrMatrix sequence_matrix(std::vector<LearnBatch>& results, std::vector<std::vector<std::uint32_t>>& ids,
                            Shards<detail::SeqTable>& seqs, WordRank&& word_rank,
                            const std::vector<std::string_view>& words, std::vector<StringArena> storage,
                            unsigned bits) {
    const std::size_t n_max = opts.ngram_max;
    const std::vector<std::size_t> first = seqs.offsets();
    const std::size_t total = first[kShards];
    std::vector<std::vector<std::uint32_t>> rank(kShards);  // the column of each sequence
    std::vector<Key> key_of_column(total);
    {
      // (key, handle); pages written as each shard's table is read, then freed.
      std::vector<std::pair<Key, std::uint32_t>, DefaultInitAllocator<std::pair<Key, std::uint32_t>>> sorted(total);
      for_batches(kShards, opts.threads, [&](std::size_t sh) {
        detail::SeqTable& table = seqs.shard[sh].table;
        for (std::uint32_t i = 0; i < table.size(); ++i) {
          Key v = 0;
          for (std::size_t j = 0; j < n_max; ++j) {
            const std::uint32_t w = table.key(i).w[j];
            v = (v << bits) | (w == detail::WordSeq::kNone ? 0 : word_rank(w) + 1);
          }
          sorted[first[sh] + i] = {v, handle(sh, i)};
        }
        rank[sh].resize(table.size());
        table = detail::SeqTable();
      });
      radix_sort_by_first(sorted, bits * static_cast<unsigned>(n_max), opts.threads);
      constexpr std::size_t kColumns = 1 << 16;
      for_batches((total + kColumns - 1) / kColumns, opts.threads, [&](std::size_t blk) {
        for (std::size_t c = blk * kColumns; c < std::min(total, (blk + 1) * kColumns); ++c) {
          rank[shard_of(sorted[c].second)][id_of(sorted[c].second)] = static_cast<std::uint32_t>(c);
          key_of_column[c] = sorted[c].first;
        }
      });
    }
    const Key mask = (Key{1} << bits) - 1;
    const auto words_of = [&](Key v) {
      std::array<std::uint32_t, detail::WordSeq::kMax> w;
      w.fill(detail::WordSeq::kNone);
      for (std::size_t j = 0; j < n_max; ++j) {
        const auto r = static_cast<std::uint32_t>((v >> (bits * (n_max - 1 - j))) & mask);
        if (r != 0) w[j] = r - 1;
      }
      return w;
    };
    return build_matrix(results, ids, rank, total, [&](const std::vector<char>& keep) {
      // Blocks of columns in parallel, each writing from its counted place.
      constexpr std::size_t kColumns = 1 << 16;
      const std::size_t blocks = (total + kColumns - 1) / kColumns;
      std::vector<std::size_t> kept_before(blocks + 1, 0);
      for (std::size_t blk = 0; blk < blocks; ++blk)
        kept_before[blk + 1] = kept_before[blk] + static_cast<std::size_t>(std::count(
            keep.begin() + static_cast<std::ptrdiff_t>(blk * kColumns),
            keep.begin() + static_cast<std::ptrdiff_t>(std::min(total, (blk + 1) * kColumns)), 1));
      std::vector<std::array<std::uint32_t, detail::WordSeq::kMax>> kept(kept_before[blocks]),
          dropped(total - kept_before[blocks]);
      for_batches(blocks, opts.threads, [&](std::size_t blk) {
        std::size_t k = kept_before[blk], d = blk * kColumns - kept_before[blk];
        for (std::size_t c = blk * kColumns; c < std::min(total, (blk + 1) * kColumns); ++c)
          (keep[c] ? kept[k++] : dropped[d++]) = words_of(key_of_column[c]);
      });
      key_of_column = {};
      StringArena text;
      std::vector<std::string_view> kept_text = join_words(kept, words, text);
      storage.push_back(std::move(text));
      pruned_words = words;
      pruned_sequences = std::move(dropped);
      set_learned_vocabulary(std::move(kept_text), std::move(storage));
    });
  }

  // The text of word n-grams given as indices into `words` (kNone after the last), written in
  // parallel blocks into one buffer of `arena`; a single word is a view of its word.
  std::vector<std::string_view> join_words(
      const std::vector<std::array<std::uint32_t, detail::WordSeq::kMax>>& seqs,
      const std::vector<std::string_view>& words, StringArena& arena) const {
    const std::size_t n = seqs.size();
    constexpr std::size_t kBlock = 1 << 16;
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<std::size_t> at(n + 1, 0);  // offsets; single words take none
    for_batches(blocks, opts.threads, [&](std::size_t blk) {
      for (std::size_t i = blk * kBlock; i < std::min(n, (blk + 1) * kBlock); ++i) {
        if (seqs[i][1] == detail::WordSeq::kNone) continue;
        std::size_t len = 0;
        for (std::size_t j = 0; j < detail::WordSeq::kMax && seqs[i][j] != detail::WordSeq::kNone; ++j)
          len += words[seqs[i][j]].size() + (j > 0);
        at[i + 1] = len;
      }
    });
    for (std::size_t i = 0; i < n; ++i) at[i + 1] += at[i];
    char* text = arena.allocate(at[n]);
    std::vector<std::string_view> out(n);
    for_batches(blocks, opts.threads, [&](std::size_t blk) {
      for (std::size_t i = blk * kBlock; i < std::min(n, (blk + 1) * kBlock); ++i) {
        if (seqs[i][1] == detail::WordSeq::kNone) {
          out[i] = words[seqs[i][0]];
          continue;
        }
        char* p = text + at[i];
        for (std::size_t j = 0; j < detail::WordSeq::kMax && seqs[i][j] != detail::WordSeq::kNone; ++j) {
          if (j > 0) *p++ = ' ';
          std::memcpy(p, words[seqs[i][j]].data(), words[seqs[i][j]].size());
          p += words[seqs[i][j]].size();
        }
        out[i] = std::string_view(text + at[i], at[i + 1] - at[i]);
      }
    });
    return out;
  }

  // Writes rows counted with batch-local ids as rows of (remap[id], count) sorted by column,
  // entry k of the rows at indices[k], data[k]: a counting sort over the batch's ids in column order (linear in the entries, where
  // sorting every row would cost a comparison sort per document), run on chunks of rows whose
  // entries fit in cache (but at least as many entries as ids, which every chunk walks).
  static void sort_rows_by_column(const CountedRows& r, const std::vector<std::uint32_t>& remap,
                                  std::uint32_t* indices, double* data) {
    const std::size_t n_ids = remap.size();
    // rank[id]: the position of local id `id` in column order; column_of[rank]: its column.
    std::vector<std::uint32_t> rank(n_ids), column_of(n_ids);
    {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> by_column(n_ids);
      for (std::uint32_t i = 0; i < n_ids; ++i) by_column[i] = {remap[i], i};
      radix_sort_by_first(by_column, static_cast<unsigned>(std::bit_width(remap.empty() ? 0u : *std::max_element(remap.begin(), remap.end()))));
      for (std::uint32_t k = 0; k < n_ids; ++k) {
        rank[by_column[k].second] = k;
        column_of[k] = by_column[k].first;
      }
    }
    const std::size_t chunk_entries = std::max<std::size_t>(64 * 1024, n_ids);
    std::vector<std::uint32_t> start(n_ids + 1);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> bucket;  // (row, count) by rank
    std::vector<std::uint64_t> cursor;
    std::size_t first_row = 0;
    while (first_row < r.row_end.size()) {
      // Rows [first_row, last_row) hold about chunk_entries entries (at least one row).
      const std::uint64_t chunk_begin = first_row == 0 ? 0 : r.row_end[first_row - 1];
      std::size_t last_row = first_row + 1;
      while (last_row < r.row_end.size() && r.row_end[last_row] - chunk_begin <= chunk_entries) ++last_row;
      const auto begin = static_cast<std::size_t>(chunk_begin);
      const auto end = static_cast<std::size_t>(r.row_end[last_row - 1]);
      std::fill(start.begin(), start.end(), 0);
      for (std::size_t k = begin; k < end; ++k) ++start[rank[r.entries[k].first] + 1];
      for (std::size_t k = 1; k <= n_ids; ++k) start[k] += start[k - 1];
      bucket.resize(end - begin);
      std::size_t k = begin;
      for (std::size_t row = first_row; row < last_row; ++row)
        for (const auto row_stop = static_cast<std::size_t>(r.row_end[row]); k < row_stop; ++k)
          bucket[start[rank[r.entries[k].first]]++] = {static_cast<std::uint32_t>(row - first_row),
                                                      r.entries[k].second};
      // Walking the buckets in column order fills each row left to right.
      cursor.resize(last_row - first_row);
      for (std::size_t row = first_row; row < last_row; ++row)
        cursor[row - first_row] = row == 0 ? 0 : r.row_end[row - 1];
      std::size_t at = 0;
      for (std::uint32_t q = 0; q < n_ids && at < bucket.size(); ++q)
        for (; at < start[q]; ++at) {
          const std::uint64_t pos = cursor[bucket[at].first]++;
          indices[pos] = column_of[q];
          data[pos] = bucket[at].second;
        }
      first_row = last_row;
    }
  }

  // Sorts pairs by their first member (stable), whose values have at most `key_bits` bits:
  // least significant digit radix sort, 11 bits a pass. With threads, each pass counts and
  // scatters consecutive parts of the array in parallel, each part's share of a digit placed after
  // the earlier parts' (so the sort stays stable and the result is the same).
  template <typename Pairs>
  static void radix_sort_by_first(Pairs& v, unsigned key_bits, unsigned threads = 1) {
    const std::size_t n = v.size();
    const std::size_t parts = std::clamp<std::size_t>(n / (1 << 16), 1, std::max(1u, threads));
    const auto digit = [](const auto& e, unsigned shift) { return static_cast<std::size_t>((e.first >> shift) & 2047); };
    Pairs tmp(n);
    std::vector<std::array<std::size_t, 2048>> start(parts);
    for (unsigned shift = 0; shift < key_bits; shift += 11) {
      for_batches(parts, threads, [&](std::size_t p) {
        start[p].fill(0);
        for (std::size_t k = n * p / parts; k < n * (p + 1) / parts; ++k) ++start[p][digit(v[k], shift)];
      });
      std::size_t at = 0;
      for (std::size_t d = 0; d < 2048; ++d)
        for (std::size_t p = 0; p < parts; ++p) at += std::exchange(start[p][d], at);
      for_batches(parts, threads, [&](std::size_t p) {
        for (std::size_t k = n * p / parts; k < n * (p + 1) / parts; ++k) tmp[start[p][digit(v[k], shift)]++] = v[k];
      });
      v.swap(tmp);
    }
  }

  // Makes term(i), i < n, column i. Returns false when a term repeats.
  template <typename Term>
  bool set_vocabulary(std::size_t n, Term&& term) {
    detail::TermTable table;
    bool unique = true;
    for (std::size_t i = 0; i < n; ++i)
      if (table.intern(term(i)) != i) unique = false;
    const std::lock_guard<std::mutex> lock(index_mutex);
    index = std::move(table);
    index_built = true;
    terms = index.terms();
    term_text.clear();
    clear_pruned();
    return unique;
  }

  void clear_pruned() {
    pruned.clear();
    pruned_words.clear();
    pruned_sequences.clear();
  }

  // Makes the learned terms (distinct, views into `text`) the columns; the index waits.
  void set_learned_vocabulary(std::vector<std::string_view> learned, std::vector<StringArena> text) {
    const std::lock_guard<std::mutex> lock(index_mutex);
    terms = std::move(learned);
    term_text = std::move(text);
    index = detail::TermTable();
    index_built = false;
  }

  // The index of the columns' terms.
  const detail::TermTable& lookup() const {
    const std::lock_guard<std::mutex> lock(index_mutex);
    if (!index_built) {
      detail::TermTable table;
      for (const std::string_view t : terms) table.intern(t);
      index = std::move(table);
      index_built = true;
    }
    return index;
  }

  static std::vector<std::uint64_t> document_frequency(const CsrMatrix& m) {
    std::vector<std::uint64_t> out(m.cols, 0);
    for (const std::uint32_t c : m.indices) ++out[c];
    return out;
  }

  // binary, then (tfidf) sublinear tf, idf weighting and row normalization, as
  // TfidfTransformer.transform does them.
  void weight(CsrMatrix& m) const {
    // Rows are independent: blocks of rows on the worker threads.
    constexpr std::size_t kRows = 16384;
    for_batches((m.rows + kRows - 1) / kRows, opts.threads, [&](std::size_t block) {
      weight_rows(m, block * kRows, std::min(m.rows, (block + 1) * kRows));
    });
  }

  // weight() for rows [first, last).
  void weight_rows(CsrMatrix& m, std::size_t first, std::size_t last) const {
    const auto begin = static_cast<std::ptrdiff_t>(m.indptr[first]);
    const auto end = static_cast<std::ptrdiff_t>(m.indptr[last]);
    if (opts.binary) std::fill(m.data.begin() + begin, m.data.begin() + end, 1.0);
    if (opts.kind != VectorizerKind::tfidf) return;
    for (std::size_t r = first; r < last; ++r)
      weight_row(m, static_cast<std::size_t>(m.indptr[r]), static_cast<std::size_t>(m.indptr[r + 1]));
  }

  void weight_row(CsrMatrix& m, std::size_t b, std::size_t e) const {
    if (opts.sublinear_tf)
      for (std::size_t k = b; k < e; ++k) m.data[k] = std::log(m.data[k]) + 1.0;
    if (opts.use_idf)
      for (std::size_t k = b; k < e; ++k) m.data[k] *= idf[m.indices[k]];
    if (opts.norm == VectorNorm::none) return;
    double sum = 0;
    for (std::size_t k = b; k < e; ++k)
      sum += opts.norm == VectorNorm::l2 ? m.data[k] * m.data[k] : std::fabs(m.data[k]);
    if (sum == 0) return;
    const double scale = opts.norm == VectorNorm::l2 ? std::sqrt(sum) : sum;
    for (std::size_t k = b; k < e; ++k) m.data[k] /= scale;
  }

  CsrMatrix fit_transform(std::span<const std::string_view> docs) {
    fitted = false;
    clear_pruned();
    idf.clear();
    n_fit_docs = 0;
    if (opts.kind == VectorizerKind::hashing) {
      fitted = true;
      return hash_rows(docs);
    }
    CsrMatrix m;
    if (!opts.vocabulary.empty()) {
      if (!set_vocabulary(opts.vocabulary.size(),
                          [&](std::size_t i) { return std::string_view(opts.vocabulary[i]); })) {
        std::vector<std::string_view> sorted(opts.vocabulary.begin(), opts.vocabulary.end());
        std::sort(sorted.begin(), sorted.end());
        const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
        throw UsageError(fmt::format("vectorizer: the given vocabulary repeats the term {:?}",
                                     std::string(*dup)));
      }
      m = count_known(docs);
      df = document_frequency(m);
      n_fit_docs = m.rows;
      compute_idf();
      weight(m);
    } else {
      m = count_learn(docs);  // sets df, n_fit_docs and idf, and weights the rows
    }
    fitted = true;
    return m;
  }
};

Vectorizer::Vectorizer(VectorizerOptions opts) : impl_(std::make_unique<Impl>(std::move(opts))) {}
Vectorizer::~Vectorizer() = default;
Vectorizer::Vectorizer(Vectorizer&&) noexcept = default;
Vectorizer& Vectorizer::operator=(Vectorizer&&) noexcept = default;

void Vectorizer::fit(std::span<const std::string_view> documents) {
  (void)impl_->fit_transform(documents);
}

CsrMatrix Vectorizer::fit_transform(std::span<const std::string_view> documents) {
  return impl_->fit_transform(documents);
}

CsrMatrix Vectorizer::transform(std::span<const std::string_view> documents) const {
  if (impl_->opts.kind == VectorizerKind::hashing) return impl_->hash_rows(documents);
  if (!impl_->fitted) throw UsageError("vectorizer: transform() needs a fitted vocabulary; call fit() first");
  CsrMatrix m = impl_->count_known(documents);
  impl_->weight(m);
  return m;
}

void Vectorizer::fit(const std::vector<std::string>& documents) {
  const auto v = as_views(documents);
  fit(std::span<const std::string_view>(v));
}
CsrMatrix Vectorizer::transform(const std::vector<std::string>& documents) const {
  const auto v = as_views(documents);
  return transform(std::span<const std::string_view>(v));
}
CsrMatrix Vectorizer::fit_transform(const std::vector<std::string>& documents) {
  const auto v = as_views(documents);
  return fit_transform(std::span<const std::string_view>(v));
}

bool Vectorizer::fitted() const noexcept { return impl_->fitted; }
std::span<const std::string_view> Vectorizer::vocabulary() const noexcept { return impl_->terms; }
std::optional<std::uint32_t> Vectorizer::column(std::string_view term) const {
  const std::uint32_t c = impl_->lookup().find(term);
  if (c == detail::TermTable::kAbsent) return std::nullopt;
  return c;
}
std::span<const std::uint64_t> Vectorizer::document_frequencies() const noexcept {
  return impl_->df;
}
std::span<const double> Vectorizer::idf() const noexcept { return impl_->idf; }
std::vector<std::string> Vectorizer::pruned_terms() const {
  const Impl& m = *impl_;
  if (m.pruned_sequences.empty()) return {m.pruned.begin(), m.pruned.end()};
  StringArena text;
  const std::vector<std::string_view> joined = m.join_words(m.pruned_sequences, m.pruned_words, text);
  return {joined.begin(), joined.end()};
}
const VectorizerOptions& Vectorizer::options() const noexcept { return impl_->opts; }
std::uint64_t Vectorizer::fit_documents() const noexcept { return impl_->n_fit_docs; }
void Vectorizer::set_threads(unsigned threads) noexcept { impl_->opts.threads = threads; }

void Vectorizer::restore(std::vector<std::string> terms, std::vector<std::uint64_t> df,
                         std::uint64_t n_documents) {
  Impl& m = *impl_;
  if (m.opts.kind == VectorizerKind::hashing) {
    m.fitted = true;
    return;
  }
  if (!m.set_vocabulary(terms.size(), [&](std::size_t i) { return std::string_view(terms[i]); }))
    throw UsageError("vectorizer: the restored vocabulary repeats a term");
  m.df = std::move(df);
  m.n_fit_docs = n_documents;
  m.compute_idf();
  m.fitted = true;
}

const char* to_string(VectorizerKind k) {
  switch (k) {
    case VectorizerKind::count: return "count";
    case VectorizerKind::tfidf: return "tfidf";
    case VectorizerKind::hashing: return "hashing";
  }
  return "count";
}
const char* to_string(Analyzer a) {
  switch (a) {
    case Analyzer::word: return "word";
    case Analyzer::char_: return "char";
    case Analyzer::char_wb: return "char_wb";
  }
  return "word";
}
const char* to_string(VectorNorm n) {
  switch (n) {
    case VectorNorm::none: return "none";
    case VectorNorm::l1: return "l1";
    case VectorNorm::l2: return "l2";
  }
  return "none";
}
VectorizerKind parse_vectorizer_kind(std::string_view s) {
  if (s == "count") return VectorizerKind::count;
  if (s == "tfidf") return VectorizerKind::tfidf;
  if (s == "hashing") return VectorizerKind::hashing;
  throw UsageError(fmt::format("unknown vectorizer {:?}; expected count, tfidf or hashing", s));
}
Analyzer parse_analyzer(std::string_view s) {
  if (s == "word") return Analyzer::word;
  if (s == "char") return Analyzer::char_;
  if (s == "char_wb") return Analyzer::char_wb;
  throw UsageError(fmt::format("unknown analyzer {:?}; expected word, char or char_wb", s));
}
VectorNorm parse_vector_norm(std::string_view s) {
  if (s == "none") return VectorNorm::none;
  if (s == "l1") return VectorNorm::l1;
  if (s == "l2") return VectorNorm::l2;
  throw UsageError(fmt::format("unknown norm {:?}; expected none, l1 or l2", s));
}

}  // namespace nlp
