#pragma once
// A document-term matrix in compressed sparse row form, as scipy.sparse.csr_matrix stores it:
// row r holds the columns indices[indptr[r] .. indptr[r+1]) with values data[same range].
// Within a row, columns are strictly increasing (scikit-learn's vectorizers sort them too).
//   nlp::CsrMatrix m;  m.cols = 3;
//   m.add_row({{0, 1.0}, {2, 2.0}});   // row 0: columns 0 and 2
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace nlp {

struct CsrMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<std::uint64_t> indptr{0};  // rows + 1 entries
  std::vector<std::uint32_t> indices;    // column of each stored value
  std::vector<double> data;              // the stored values

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
