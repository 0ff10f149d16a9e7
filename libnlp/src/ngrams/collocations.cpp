// Bigram counting and NLTK 3.8's bigram association measures. Every formula follows the
// operation order of nltk/metrics/association.py so that scores agree with NLTK to the last
// bits in nearly all cases (the golden test allows 1e-9 relative).
#include "nlp/ngrams/collocations.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "nlp/error.hpp"

namespace nlp::ngrams {
namespace {

constexpr double kSmall = 1e-20;  // NLTK's _SMALL guard against zero denominators and logs

constexpr std::array<std::string_view, 9> kNames = {
    "raw_freq", "pmi", "npmi", "likelihood_ratio", "chi_sq", "student_t", "dice", "jaccard",
    "poisson_stirling"};

double pmi(const BigramMarginals& x) noexcept {
  return std::log2(x.n_ii * x.n_xx) - std::log2(x.n_ix * x.n_xi);
}

// NLTK's score_ngrams order: score descending (NaN after every number), then the words in
// code-point order; keeps the best `top` (0 = all).
template <class Scored, class Words>
void rank_scored(std::vector<Scored>& out, std::size_t top, Words words) {
  const auto better = [&](const Scored& p, const Scored& q) {
    const bool pn = std::isnan(p.score), qn = std::isnan(q.score);
    if (pn != qn) return qn;
    if (!pn && p.score != q.score) return p.score > q.score;
    return words(p) < words(q);
  };
  if (top && top < out.size()) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(top), out.end(), better);
    out.resize(top);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
}

}  // namespace

std::span<const std::string_view> assoc_measure_names() noexcept { return kNames; }

std::string_view assoc_measure_name(AssocMeasure m) noexcept { return kNames[static_cast<std::size_t>(m)]; }

AssocMeasure parse_assoc_measure(std::string_view name) {
  if (name == "llr") return AssocMeasure::kLikelihoodRatio;
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<AssocMeasure>(i);
  throw UsageError(fmt::format("unknown association measure {:?}; choose one of {}", name,
                               fmt::join(kNames, ", ")));
}

double bigram_score(AssocMeasure m, const BigramMarginals& x) noexcept {
  // Contingency table in NLTK's order: (n_ii, n_oi, n_io, n_oo).
  const double n_oi = x.n_xi - x.n_ii;
  const double n_io = x.n_ix - x.n_ii;
  const double n_oo = x.n_xx - x.n_ii - n_oi - n_io;
  switch (m) {
    case AssocMeasure::kRawFreq:
      return x.n_ii / x.n_xx;
    case AssocMeasure::kPmi:
      return pmi(x);
    case AssocMeasure::kNpmi:
      return pmi(x) / -std::log2(x.n_ii / x.n_xx);
    case AssocMeasure::kLikelihoodRatio: {
      const std::array<double, 4> cont = {x.n_ii, n_oi, n_io, n_oo};
      const double total = ((cont[0] + cont[1]) + cont[2]) + cont[3];
      double sum = 0;
      for (std::size_t i = 0; i < 4; ++i) {
        const double expected = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total;
        sum += cont[i] * std::log(cont[i] / (expected + kSmall) + kSmall);
      }
      return 2 * sum;
    }
    case AssocMeasure::kChiSq: {
      // NLTK's phi_sq unpacks the table as (a, b, c, d) = (n_ii, n_oi, n_io, n_oo).
      const double a = x.n_ii, b = n_oi, c = n_io, d = n_oo;
      const double diff = a * d - b * c;
      const double phi_sq = (diff * diff) / ((a + b) * (a + c) * (b + d) * (c + d));
      return x.n_xx * phi_sq;
    }
    case AssocMeasure::kStudentT:
      return (x.n_ii - (x.n_ix * x.n_xi) / x.n_xx) / std::pow(x.n_ii + kSmall, 0.5);
    case AssocMeasure::kDice:
      return 2 * x.n_ii / (x.n_ix + x.n_xi);
    case AssocMeasure::kJaccard:
      return x.n_ii / ((x.n_ii + n_oi) + n_io);
    case AssocMeasure::kPoissonStirling: {
      const double expected = (x.n_ix * x.n_xi) / x.n_xx;
      return x.n_ii * (std::log2(x.n_ii / expected) - 1);
    }
  }
  return std::nan("");
}

std::uint32_t BigramCounter::intern(std::string_view w) {
  if (auto it = ids_.find(w); it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  auto [it, inserted] = ids_.emplace(std::string(w), id);
  names_.push_back(&it->first);
  word_counts_.push_back(0);
  return id;
}

void BigramCounter::add_document(std::uint64_t index, std::span<const std::string_view> words) {
  if (finished_) throw std::logic_error("BigramCounter::add_document after finish");
  if (words.empty()) return;
  std::uint32_t prev = intern(words[0]);
  const std::uint32_t first = prev;
  ++word_counts_[prev];
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::uint32_t id = intern(words[i]);
    ++word_counts_[id];
    ++pairs_[key(prev, id)];
    prev = id;
  }
  total_words_ += words.size();
  edges_.push_back({index, first, prev});
}

void BigramCounter::merge(const BigramCounter& other) {
  if (finished_ || other.finished_) throw std::logic_error("BigramCounter::merge after finish");
  std::vector<std::uint32_t> map(other.names_.size());
  for (std::size_t i = 0; i < other.names_.size(); ++i) {
    map[i] = intern(*other.names_[i]);
    word_counts_[map[i]] += other.word_counts_[i];
  }
  for (const auto& [k, n] : other.pairs_)
    pairs_[key(map[k >> 32], map[k & 0xFFFFFFFFu])] += n;
  for (const Edge& e : other.edges_) edges_.push_back({e.index, map[e.first], map[e.last]});
  total_words_ += other.total_words_;
}

void BigramCounter::finish(Boundaries boundaries) {
  if (finished_) throw std::logic_error("BigramCounter::finish called twice");
  finished_ = true;
  if (boundaries == Boundaries::kCross) {
    std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) { return a.index < b.index; });
    for (std::size_t i = 1; i < edges_.size(); ++i) ++pairs_[key(edges_[i - 1].last, edges_[i].first)];
  }
  edges_.clear();
  edges_.shrink_to_fit();
}

std::uint64_t BigramCounter::count(std::string_view word) const {
  const auto it = ids_.find(word);
  return it == ids_.end() ? 0 : word_counts_[it->second];
}

std::uint64_t BigramCounter::count(std::string_view w1, std::string_view w2) const {
  const auto a = ids_.find(w1), b = ids_.find(w2);
  if (a == ids_.end() || b == ids_.end()) return 0;
  const auto it = pairs_.find(key(a->second, b->second));
  return it == pairs_.end() ? 0 : it->second;
}

std::vector<ScoredBigram> BigramCounter::score(AssocMeasure m, const ScoreOptions& opts) const {
  if (!finished_) throw std::logic_error("BigramCounter::score before finish");
  std::vector<ScoredBigram> out;
  const auto n_xx = static_cast<double>(total_words_);
  for (const auto& [k, n] : pairs_) {
    if (n < opts.min_freq) continue;
    const auto a = static_cast<std::uint32_t>(k >> 32), b = static_cast<std::uint32_t>(k & 0xFFFFFFFFu);
    const BigramMarginals x{static_cast<double>(n), static_cast<double>(word_counts_[a]),
                            static_cast<double>(word_counts_[b]), n_xx};
    out.push_back({*names_[a], *names_[b], n, bigram_score(m, x)});
  }
  rank_scored(out, opts.top, [](const ScoredBigram& p) { return std::tie(p.w1, p.w2); });
  return out;
}

}  // namespace nlp::ngrams

namespace nlp::ngrams {
namespace {

__extension__ typedef unsigned __int128 U128;

// Python divides integers exactly and rounds once; the long double quotient of the exact
// operands is within one unit in the last place of that.
double int_div(U128 a, U128 b) {
  return static_cast<double>(static_cast<long double>(a) / static_cast<long double>(b));
}

}  // namespace

double trigram_score(AssocMeasure m, const TrigramMarginals& x) {
  const std::uint64_t n = x.n_xxx;
  const U128 n_sq = static_cast<U128>(n) * n;
  const U128 prod = static_cast<U128>(x.words[0]) * x.words[1] * x.words[2];
  const auto pmi3 = [&] {
    return std::log2(static_cast<double>(static_cast<U128>(x.n_iii) * n_sq)) - std::log2(static_cast<double>(prod));
  };
  // Contingency cube in NLTK's order (n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo);
  // bit 0 of the index is "not w1", bit 1 "not w2", bit 2 "not w3".
  const auto cube = [&] {
    using I = std::int64_t;
    const I iii = static_cast<I>(x.n_iii);
    const I iix = static_cast<I>(x.pairs[0]), ixi = static_cast<I>(x.pairs[1]), xii = static_cast<I>(x.pairs[2]);
    const I ixx = static_cast<I>(x.words[0]), xix = static_cast<I>(x.words[1]), xxi = static_cast<I>(x.words[2]);
    const I oii = xii - iii, ioi = ixi - iii, iio = iix - iii;
    const I ooi = xxi - iii - oii - ioi, oio = xix - iii - oii - iio, ioo = ixx - iii - ioi - iio;
    const I ooo = static_cast<I>(n) - iii - oii - ioi - iio - ooi - oio - ioo;
    return std::array<I, 8>{iii, oii, ioi, ooi, iio, oio, ioo, ooo};
  };
  const auto expected = [](const std::array<std::int64_t, 8>& c) {
    std::int64_t total = 0;
    for (const auto v : c) total += v;
    std::array<double, 8> e{};
    for (unsigned i = 0; i < 8; ++i) {
      U128 p = 1;
      for (unsigned j = 1; j <= 4; j <<= 1) {
        std::int64_t s = 0;
        for (unsigned k = 0; k < 8; ++k)
          if ((k & j) == (i & j)) s += c[k];
        p *= static_cast<U128>(s);
      }
      e[i] = int_div(p, static_cast<U128>(total) * static_cast<U128>(total));
    }
    return e;
  };
  switch (m) {
    case AssocMeasure::kRawFreq:
      return static_cast<double>(x.n_iii) / static_cast<double>(n);
    case AssocMeasure::kPmi:
      return pmi3();
    case AssocMeasure::kNpmi:
      return pmi3() / -std::log2(static_cast<double>(x.n_iii) / static_cast<double>(n));
    case AssocMeasure::kStudentT:
      return (static_cast<double>(x.n_iii) - int_div(prod, n_sq)) / std::pow(static_cast<double>(x.n_iii) + kSmall, 0.5);
    case AssocMeasure::kPoissonStirling: {
      const double e = int_div(prod, n_sq);
      return static_cast<double>(x.n_iii) * (std::log2(static_cast<double>(x.n_iii) / e) - 1);
    }
    case AssocMeasure::kJaccard: {
      const auto c = cube();
      std::int64_t s = 0;
      for (std::size_t i = 0; i < 7; ++i) s += c[i];
      return static_cast<double>(c[0]) / static_cast<double>(s);
    }
    case AssocMeasure::kChiSq:
    case AssocMeasure::kLikelihoodRatio: {
      const auto c = cube();
      const auto e = expected(c);
      double sum = 0;
      for (std::size_t i = 0; i < 8; ++i) {
        const auto obs = static_cast<double>(c[i]);
        if (m == AssocMeasure::kChiSq) {
          const double d = obs - e[i];
          sum += d * d / (e[i] + kSmall);
        } else {
          sum += obs * std::log(obs / (e[i] + kSmall) + kSmall);
        }
      }
      return m == AssocMeasure::kChiSq ? sum : 2 * sum;
    }
    case AssocMeasure::kDice:
      break;
  }
  throw UsageError(fmt::format("{} is a bigram measure; NLTK has no trigram form of it", assoc_measure_name(m)));
}

std::uint32_t TrigramCounter::intern(std::string_view w) {
  if (auto it = ids_.find(w); it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  auto [it, inserted] = ids_.emplace(std::string(w), id);
  names_.push_back(&it->first);
  word_counts_.push_back(0);
  return id;
}

// Counts the pair, skip pair and trigram that start at `start`, when they end at or after
// `first_new` (the ones ending earlier were counted before).
void TrigramCounter::add_window(std::span<const std::uint32_t> ids, std::size_t start, std::size_t first_new) {
  const auto pk = [](std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; };
  if (start + 1 < ids.size() && start + 1 >= first_new) ++pairs_[pk(ids[start], ids[start + 1])];
  if (start + 2 < ids.size() && start + 2 >= first_new) {
    ++wild_[pk(ids[start], ids[start + 2])];
    ++triples_[{ids[start], ids[start + 1], ids[start + 2]}];
  }
}

void TrigramCounter::add_document(std::uint64_t index, std::span<const std::string_view> words) {
  if (finished_) throw std::logic_error("TrigramCounter::add_document after finish");
  if (words.empty()) return;
  doc_ids_.clear();
  for (const auto w : words) {
    const std::uint32_t id = intern(w);
    ++word_counts_[id];
    doc_ids_.push_back(id);
  }
  for (std::size_t i = 0; i < doc_ids_.size(); ++i) add_window(doc_ids_, i, 0);
  total_words_ += words.size();
  const std::size_t l = doc_ids_.size();
  edges_.push_back({index, l, {doc_ids_[0], doc_ids_[l > 1 ? 1 : 0]}, {doc_ids_[l > 1 ? l - 2 : 0], doc_ids_[l - 1]}});
}

void TrigramCounter::merge(const TrigramCounter& other) {
  if (finished_ || other.finished_) throw std::logic_error("TrigramCounter::merge after finish");
  std::vector<std::uint32_t> map(other.names_.size());
  for (std::size_t i = 0; i < other.names_.size(); ++i) {
    map[i] = intern(*other.names_[i]);
    word_counts_[map[i]] += other.word_counts_[i];
  }
  const auto remap = [&](std::uint64_t k) {
    return (static_cast<std::uint64_t>(map[k >> 32]) << 32) | map[k & 0xFFFFFFFFu];
  };
  for (const auto& [k, c] : other.pairs_) pairs_[remap(k)] += c;
  for (const auto& [k, c] : other.wild_) wild_[remap(k)] += c;
  for (const auto& [k, c] : other.triples_) triples_[{map[k[0]], map[k[1]], map[k[2]]}] += c;
  for (const Edge& e : other.edges_)
    edges_.push_back({e.index, e.length, {map[e.head[0]], map[e.head[1]]}, {map[e.tail[0]], map[e.tail[1]]}});
  total_words_ += other.total_words_;
}

void TrigramCounter::finish(Boundaries boundaries) {
  if (finished_) throw std::logic_error("TrigramCounter::finish called twice");
  finished_ = true;
  if (boundaries == Boundaries::kCross) {
    std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) { return a.index < b.index; });
    std::vector<std::uint32_t> tail, joined;
    for (const Edge& e : edges_) {
      joined = tail;
      joined.push_back(e.head[0]);
      if (e.length > 1) joined.push_back(e.head[1]);
      for (std::size_t s = 0; s < tail.size(); ++s) add_window(joined, s, tail.size());
      if (e.length > 1) tail = {e.tail[0], e.tail[1]};
      else if (tail.empty()) tail = {e.head[0]};
      else tail = {tail.back(), e.head[0]};
    }
  }
  edges_.clear();
  edges_.shrink_to_fit();
}

std::vector<ScoredTrigram> TrigramCounter::score(AssocMeasure m, const ScoreOptions& opts) const {
  if (!finished_) throw std::logic_error("TrigramCounter::score before finish");
  if (m == AssocMeasure::kDice) trigram_score(m, {});  // throws
  const auto pk = [](std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; };
  const auto get = [](const std::unordered_map<std::uint64_t, std::uint64_t>& t, std::uint64_t k) {
    const auto it = t.find(k);
    return it == t.end() ? std::uint64_t{0} : it->second;
  };
  std::vector<ScoredTrigram> out;
  for (const auto& [k, c] : triples_) {
    if (c < opts.min_freq) continue;
    TrigramMarginals x;
    x.n_iii = c;
    x.pairs = {get(pairs_, pk(k[0], k[1])), get(wild_, pk(k[0], k[2])), get(pairs_, pk(k[1], k[2]))};
    x.words = {word_counts_[k[0]], word_counts_[k[1]], word_counts_[k[2]]};
    x.n_xxx = total_words_;
    out.push_back({*names_[k[0]], *names_[k[1]], *names_[k[2]], c, trigram_score(m, x)});
  }
  rank_scored(out, opts.top, [](const ScoredTrigram& p) { return std::tie(p.w1, p.w2, p.w3); });
  return out;
}

}  // namespace nlp::ngrams
