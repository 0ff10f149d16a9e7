#pragma once
// A document-term matrix in compressed sparse row form, as scipy.sparse.csr_matrix stores it:
// row r holds the columns indices[indptr[r] .. indptr[r+1]) with values data[same range].
// Within a row, columns are strictly increasing (scikit-learn's vectorizers sort them too).
//   nlp::CsrMatrix m;  m.cols = 3;
//   m.add_row({{0, 1.0}, {2, 2.0}});   // row 0: columns 0 and 2
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace nlp {

// std::allocator, except that resize(n) leaves new elements default-initialized (for numbers:
// not written), so that a large array can be sized first and filled by several threads without
// being zero-filled by one.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() noexcept = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  template <typename U>
  void construct(U* p) noexcept(noexcept(::new (static_cast<void*>(p)) U)) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A vector of numbers whose resize(n) does not write the new elements.
template <typename T>
using NumberArray = std::vector<T, DefaultInitAllocator<T>>;

struct CsrMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<std::uint64_t> indptr{0};  // rows + 1 entries
  NumberArray<std::uint32_t> indices;    // column of each stored value
  NumberArray<double> data;              // the stored values

  std::size_t nnz() const noexcept { return data.size(); }
  // Appends a row from (column, value) pairs with strictly increasing columns < cols.
  void add_row(const std::vector<std::pair<std::uint32_t, double>>& entries) {
    for (const auto& [c, v] : entries) {
      indices.push_back(c);
      data.push_back(v);
    }
    indptr.push_back(indices.size());
    ++rows;
  }
  // Rows [begin, end) as a matrix of their own (same columns); end is clamped to rows.
  CsrMatrix slice_rows(std::size_t begin, std::size_t end) const {
    CsrMatrix out;
    out.cols = cols;
    if (end > rows) end = rows;
    if (begin >= end) return out;
    const auto first = static_cast<std::ptrdiff_t>(indptr[begin]);
    const auto last = static_cast<std::ptrdiff_t>(indptr[end]);
    out.rows = end - begin;
    out.indptr.resize(out.rows + 1);
    for (std::size_t r = 0; r <= out.rows; ++r) out.indptr[r] = indptr[begin + r] - indptr[begin];
    out.indices.assign(indices.begin() + first, indices.begin() + last);
    out.data.assign(data.begin() + first, data.begin() + last);
    return out;
  }
};

}  // namespace nlp
