// Bigram counting and NLTK 3.8's bigram association measures. Every formula follows the
// operation order of nltk/metrics/association.py so that scores agree with NLTK to the last
// bits in nearly all cases (the golden test allows 1e-9 relative).
#include "nlp/ngrams/collocations.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

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
  const auto better = [](const ScoredBigram& p, const ScoredBigram& q) {
    const bool pn = std::isnan(p.score), qn = std::isnan(q.score);
    if (pn != qn) return qn;
    if (!pn && p.score != q.score) return p.score > q.score;
    if (p.w1 != q.w1) return p.w1 < q.w1;
    return p.w2 < q.w2;
  };
  if (opts.top && opts.top < out.size()) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(opts.top), out.end(), better);
    out.resize(opts.top);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

}  // namespace nlp::ngrams
