#include "vectorize/numpy_argsort.hpp"

#include <utility>

namespace nlp::detail {
namespace {

// Ranges of more than 16 elements are partitioned; smaller ones are insertion-sorted (stable).
// Checked against numpy 1.24.2's np.argsort on thousands of random arrays with many ties.
constexpr std::ptrdiff_t kSmallQuicksort = 15;

// Heapsort of idx[0..n) by v, 1-based heap as numpy's aheapsort.
void heapsort_indices(const std::int64_t* v, std::int64_t* idx, std::ptrdiff_t n) {
  std::int64_t* a = idx - 1;  // a[1..n]
  for (std::ptrdiff_t l = n >> 1; l > 0; --l) {
    const std::int64_t tmp = a[l];
    std::ptrdiff_t i = l;
    for (std::ptrdiff_t j = l << 1; j <= n;) {
      if (j < n && v[a[j]] < v[a[j + 1]]) ++j;
      if (v[tmp] < v[a[j]]) {
        a[i] = a[j];
        i = j;
        j += j;
      } else {
        break;
      }
    }
    a[i] = tmp;
  }
  while (n > 1) {
    const std::int64_t tmp = a[n];
    a[n] = a[1];
    --n;
    std::ptrdiff_t i = 1;
    for (std::ptrdiff_t j = 2; j <= n;) {
      if (j < n && v[a[j]] < v[a[j + 1]]) ++j;
      if (v[tmp] < v[a[j]]) {
        a[i] = a[j];
        i = j;
        j += j;
      } else {
        break;
      }
    }
    a[i] = tmp;
  }
}

int most_significant_bit(std::uint64_t n) {
  int depth = 0;
  while (n >>= 1) ++depth;
  return depth;
}

}  // namespace

std::vector<std::int64_t> numpy_argsort(std::span<const std::int64_t> values) {
  const auto num = static_cast<std::ptrdiff_t>(values.size());
  std::vector<std::int64_t> order(values.size());
  for (std::ptrdiff_t i = 0; i < num; ++i) order[static_cast<std::size_t>(i)] = i;
  if (num < 2) return order;
  const std::int64_t* v = values.data();
  std::int64_t* base = order.data();
  std::int64_t* pl = base;
  std::int64_t* pr = base + num - 1;
  std::vector<std::int64_t*> stack;
  std::vector<int> depths;
  int cdepth = most_significant_bit(static_cast<std::uint64_t>(num)) * 2;
  for (;;) {
    if (cdepth < 0) {
      heapsort_indices(v, pl, pr - pl + 1);
    } else {
      while (pr - pl > kSmallQuicksort) {
        std::int64_t* pm = pl + ((pr - pl) >> 1);
        if (v[*pm] < v[*pl]) std::swap(*pm, *pl);
        if (v[*pr] < v[*pm]) std::swap(*pr, *pm);
        if (v[*pm] < v[*pl]) std::swap(*pm, *pl);
        const std::int64_t vp = v[*pm];
        std::int64_t* pi = pl;
        std::int64_t* pj = pr - 1;
        std::swap(*pm, *pj);
        for (;;) {
          do ++pi; while (v[*pi] < vp);
          do --pj; while (vp < v[*pj]);
          if (pi >= pj) break;
          std::swap(*pi, *pj);
        }
        std::int64_t* pk = pr - 1;
        std::swap(*pi, *pk);
        // The larger side waits on the stack.
        if (pi - pl < pr - pi) {
          stack.push_back(pi + 1);
          stack.push_back(pr);
          pr = pi - 1;
        } else {
          stack.push_back(pl);
          stack.push_back(pi - 1);
          pl = pi + 1;
        }
        depths.push_back(--cdepth);
      }
      for (std::int64_t* pi = pl + 1; pi <= pr; ++pi) {
        const std::int64_t vi = *pi;
        const std::int64_t vp = v[vi];
        std::int64_t* pj = pi;
        std::int64_t* pk = pi - 1;
        while (pj > pl && vp < v[*pk]) *pj-- = *pk--;
        *pj = vi;
      }
    }
    if (stack.empty()) break;
    pr = stack.back();
    stack.pop_back();
    pl = stack.back();
    stack.pop_back();
    cdepth = depths.back();
    depths.pop_back();
  }
  return order;
}

}  // namespace nlp::detail
