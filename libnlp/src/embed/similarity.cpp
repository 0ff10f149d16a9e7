#include "nlp/embed/similarity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "nlp/error.hpp"
#include "util/threads.hpp"

namespace nlp::embed {
namespace {

// Dot product of n floats: eight float lanes, summed at the end (the order is fixed, so results
// do not depend on the thread count or the query batch).
float dot(const float* a, const float* b, std::size_t n) {
  typedef float V4 __attribute__((vector_size(16)));
  V4 s0 = {0, 0, 0, 0}, s1 = {0, 0, 0, 0};
  std::size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    V4 a0, a1, b0, b1;
    std::memcpy(&a0, a + j, 16);
    std::memcpy(&a1, a + j + 4, 16);
    std::memcpy(&b0, b + j, 16);
    std::memcpy(&b1, b + j + 4, 16);
    s0 += a0 * b0;
    s1 += a1 * b1;
  }
  const V4 s = s0 + s1;
  float total = (s[0] + s[1]) + (s[2] + s[3]);
  for (; j < n; ++j) total += a[j] * b[j];
  return total;
}

bool better(const Neighbour& a, const Neighbour& b) {
  return a.score > b.score || (a.score == b.score && a.index < b.index);
}

// The k best candidates seen so far: a heap whose top is the worst of them.
class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) { heap_.reserve(k); }
  void offer(std::size_t index, double score) {
    const Neighbour n{index, score};
    if (heap_.size() < k_) {
      heap_.push_back(n);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (k_ > 0 && better(n, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = n;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }
  std::vector<Neighbour> take() {
    std::sort(heap_.begin(), heap_.end(), better);
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  std::vector<Neighbour> heap_;
};

// A query made ready for scoring: its probe vectors (unit length; one for cos_add, one per term
// for cos_mul), how many of them are positive, and the rows it excludes.
struct Prepared {
  std::vector<float> probes;  // n_probes * dim
  std::size_t n_probes = 0, n_positive = 0;
  std::vector<std::size_t> exclude;
};

void check_row(const WordVectors& v, std::size_t row) {
  if (row >= v.size())
    throw UsageError(fmt::format("most_similar: row {} is out of range (the vectors have {} rows)", row, v.size()));
}

// Appends the unit vector of x (dim doubles) as float.
void push_unit(std::vector<float>& out, const std::vector<double>& x) {
  double sum = 0;
  for (const double c : x) sum += c * c;
  const double norm = std::sqrt(sum);
  for (const double c : x) out.push_back(norm > 0 ? static_cast<float>(c / norm) : 0.0f);
}

std::vector<double> unit_of_row(const WordVectors& v, std::size_t row) {
  std::vector<double> u(v.dim(), 0.0);
  const double norm = v.norm(row);
  if (norm > 0)
    for (std::size_t j = 0; j < v.dim(); ++j) u[j] = v.vector(row)[j] / norm;
  return u;
}

std::vector<double> unit_of(std::span<const float> x) {
  double sum = 0;
  for (const float c : x) sum += static_cast<double>(c) * c;
  const double norm = std::sqrt(sum);
  std::vector<double> u(x.size(), 0.0);
  if (norm > 0)
    for (std::size_t j = 0; j < x.size(); ++j) u[j] = x[j] / norm;
  return u;
}

Prepared prepare(const WordVectors& v, const Query& q, AnalogyMethod method) {
  if (q.positive.empty() && q.positive_vectors.empty())
    throw UsageError("most_similar: a query needs at least one positive word or vector");
  for (const auto* terms : {&q.positive_vectors, &q.negative_vectors})
    for (const auto& x : *terms)
      if (x.size() != v.dim())
        throw UsageError(fmt::format("most_similar: a query vector has {} values; the vectors have dimension {}",
                                     x.size(), v.dim()));
  Prepared p;
  for (const std::size_t r : q.positive) check_row(v, r), p.exclude.push_back(r);
  for (const std::size_t r : q.negative) check_row(v, r), p.exclude.push_back(r);
  // The terms' unit vectors, positive ones first.
  std::vector<std::vector<double>> units;
  for (const std::size_t r : q.positive) units.push_back(unit_of_row(v, r));
  for (const auto& x : q.positive_vectors) units.push_back(unit_of(x));
  const std::size_t positive = units.size();
  for (const std::size_t r : q.negative) units.push_back(unit_of_row(v, r));
  for (const auto& x : q.negative_vectors) units.push_back(unit_of(x));
  if (method == AnalogyMethod::cos_add) {
    std::vector<double> sum(v.dim(), 0.0);
    for (std::size_t t = 0; t < units.size(); ++t)
      for (std::size_t j = 0; j < sum.size(); ++j) sum[j] += (t < positive ? 1.0 : -1.0) * units[t][j];
    push_unit(p.probes, sum);
    p.n_probes = p.n_positive = 1;
  } else {
    for (const auto& u : units) push_unit(p.probes, u);
    p.n_positive = positive;
    p.n_probes = units.size();
  }
  return p;
}

// Scores rows [0, n) for queries[first, last): rows in blocks, each block's dot products with
// every probe of a group of queries computed while the block is in cache.
void score_range(const WordVectors& v, const std::vector<Prepared>& queries, std::size_t first,
                 std::size_t last, std::size_t n, const std::vector<float>& inv_norm, const QueryOptions& o,
                 std::vector<std::vector<Neighbour>>& out) {
  constexpr std::size_t kRows = 256, kGroup = 16;
  const std::size_t dim = v.dim();
  const float* values = v.values().data();
  std::vector<float> dots;
  for (std::size_t g = first; g < last; g += kGroup) {
    const std::size_t g_end = std::min(last, g + kGroup);
    std::vector<TopK> top;
    for (std::size_t q = g; q < g_end; ++q) top.emplace_back(o.topn);
    for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
      const std::size_t r1 = std::min(n, r0 + kRows);
      for (std::size_t q = g; q < g_end; ++q) {
        const Prepared& p = queries[q];
        dots.assign(p.n_probes * (r1 - r0), 0.0f);
        for (std::size_t r = r0; r < r1; ++r)
          for (std::size_t k = 0; k < p.n_probes; ++k)
            dots[k * (r1 - r0) + (r - r0)] = dot(values + r * dim, p.probes.data() + k * dim, dim) * inv_norm[r];
        TopK& best = top[q - g];
        for (std::size_t r = r0; r < r1; ++r) {
          if (std::find(p.exclude.begin(), p.exclude.end(), r) != p.exclude.end()) continue;
          double score;
          if (o.method == AnalogyMethod::cos_add) {
            score = dots[r - r0];
          } else {
            double num = 1, den = 1;
            for (std::size_t k = 0; k < p.n_probes; ++k) {
              const double shifted = (1.0 + dots[k * (r1 - r0) + (r - r0)]) / 2;
              (k < p.n_positive ? num : den) *= shifted;
            }
            score = num / (den + 1e-6);
          }
          best.offer(r, score);
        }
      }
    }
    for (std::size_t q = g; q < g_end; ++q) out[q] = top[q - g].take();
  }
}

}  // namespace

const char* to_string(AnalogyMethod m) { return m == AnalogyMethod::cos_add ? "3cosadd" : "3cosmul"; }

AnalogyMethod parse_analogy_method(std::string_view s) {
  if (s == "3cosadd" || s == "cos_add" || s == "add") return AnalogyMethod::cos_add;
  if (s == "3cosmul" || s == "cos_mul" || s == "mul") return AnalogyMethod::cos_mul;
  throw UsageError(fmt::format("unknown analogy method {:?}; expected 3cosadd or 3cosmul", s));
}

std::vector<std::vector<Neighbour>> most_similar(const WordVectors& v, std::span<const Query> queries,
                                                 const QueryOptions& o) {
  std::vector<Prepared> prepared;
  prepared.reserve(queries.size());
  for (const Query& q : queries) prepared.push_back(prepare(v, q, o.method));
  const std::size_t n = o.restrict_vocab == 0 ? v.size() : std::min(o.restrict_vocab, v.size());
  std::vector<float> inv_norm(n);
  for (std::size_t r = 0; r < n; ++r) inv_norm[r] = v.norm(r) > 0 ? static_cast<float>(1.0 / v.norm(r)) : 0.0f;
  std::vector<std::vector<Neighbour>> out(queries.size());
  const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(o.threads, (queries.size() + 15) / 16));
  if (threads <= 1) {
    score_range(v, prepared, 0, queries.size(), n, inv_norm, o, out);
    return out;
  }
  const std::size_t per = (queries.size() + threads - 1) / threads;
  detail::run_threads(static_cast<unsigned>(threads), [&](unsigned t) {
    score_range(v, prepared, std::min(queries.size(), t * per), std::min(queries.size(), (t + 1) * per), n, inv_norm,
                o, out);
  });
  return out;
}

std::vector<Neighbour> most_similar(const WordVectors& v, const Query& q, const QueryOptions& o) {
  return std::move(most_similar(v, std::span<const Query>(&q, 1), o)[0]);
}

double similarity(const WordVectors& v, std::size_t a, std::size_t b) {
  check_row(v, a);
  check_row(v, b);
  if (v.norm(a) == 0 || v.norm(b) == 0) return 0;
  double sum = 0;
  for (std::size_t j = 0; j < v.dim(); ++j) sum += static_cast<double>(v.vector(a)[j]) * v.vector(b)[j];
  return sum / (v.norm(a) * v.norm(b));
}

double cosine(std::span<const float> a, std::span<const float> b) {
  if (a.size() != b.size()) throw UsageError(fmt::format("cosine: vectors of {} and {} values", a.size(), b.size()));
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    dot += static_cast<double>(a[j]) * b[j];
    na += static_cast<double>(a[j]) * a[j];
    nb += static_cast<double>(b[j]) * b[j];
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

}  // namespace nlp::embed
