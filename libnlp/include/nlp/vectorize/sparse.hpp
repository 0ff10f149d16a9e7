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
};

}  // namespace nlp
