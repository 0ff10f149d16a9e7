#pragma once
// Writers for document-term matrices and vocabularies, and a Matrix Market reader. The formats
// are described in docs/formats/matrix.md.
//   std::string out;
//   nlp::write_matrix_market(m, out);           // appends the whole file to `out`
//   nlp::CsrMatrix back = nlp::read_matrix_market(out, "x.mtx");
// No file handling here: writers append to a caller's string or write to a caller's ostream, and
// they check everything before producing a byte, so a failed call leaves `out` unchanged (the
// string overloads) or writes nothing (the ostream overloads, which format into memory first).
// Numbers are printed as the shortest text that reads back to the same double, in Python repr's
// notation (but 1.0 prints as 1); NaN and infinities print as nan, inf, -inf.
// Thread-safe (no shared state). Throws UsageError for inconsistent arguments (a matrix whose
// indptr/indices do not agree with rows/cols, a label count that is not the row count), IoError when
// an ostream fails, InputError from the reader.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

#include "nlp/vectorize/sparse.hpp"

namespace nlp {

// Matrix Market "coordinate real general": the banner, the size line "rows cols nnz", then one
// "row col value" line per stored value (1-based indices, row-major order). Explicit zeros that
// the matrix stores are written too, so scipy.io.mmread(...).tocsr() gives back the same matrix.
void write_matrix_market(const CsrMatrix& m, std::string& out);
void write_matrix_market(const CsrMatrix& m, std::ostream& out);

// Matrix Market in pieces, for matrices written a block of rows at a time: the banner line, a
// size line (with `padded`, filled with spaces to kMatrixMarketSizeLineWidth bytes including its
// newline, so that the final counts can overwrite a placeholder in place; readers split the line
// on whitespace), and the entries of a block whose first row is row `first_row` (0-based) of the
// whole matrix.
inline constexpr std::string_view kMatrixMarketBanner = "%%MatrixMarket matrix coordinate real general\n";
inline constexpr std::size_t kMatrixMarketSizeLineWidth = 64;
std::string matrix_market_size_line(std::uint64_t rows, std::uint64_t cols, std::uint64_t nnz,
                                    bool padded);
void write_matrix_market_entries(const CsrMatrix& m, std::uint64_t first_row, std::string& out);

// svmlight / libsvm text, as sklearn.datasets.dump_svmlight_file writes it: per row
// "LABEL COL:VALUE COL:VALUE ..." with columns increasing. `zero_based` (scikit-learn's default,
// true) writes column indices as stored; false adds 1 (libsvm's own tools expect 1-based). Labels
// are 0 for every row when `labels` is empty, else one per row. Reading back with
// load_svmlight_file needs the same zero_based value and n_features=cols (the format does not
// record the width, and zero_based="auto" guesses 1-based when no column 0 occurs).
void write_svmlight(const CsrMatrix& m, std::span<const double> labels, bool zero_based,
                    std::string& out);
void write_svmlight(const CsrMatrix& m, std::span<const double> labels, bool zero_based,
                    std::ostream& out);

// Dense tab-separated values for small matrices: one line per row, `cols` values each (absent
// entries print as 0). Throws UsageError when rows * cols exceeds `max_cells`.
void write_dense_tsv(const CsrMatrix& m, std::string& out, std::uint64_t max_cells = 10'000'000);
void write_dense_tsv(const CsrMatrix& m, std::ostream& out, std::uint64_t max_cells = 10'000'000);

// Vocabulary as TSV: a header line "column\tterm\tdf", then "COLUMN\tTERM\tDF" per term, where
// terms[i] is column i and df[i] its document frequency. With `df` empty the df field is left out
// (header "column\tterm"). Terms are escaped so every entry stays on one line with three fields:
// backslash -> \\, tab -> \t, newline -> \n, carriage return -> \r; other bytes are copied.
void write_vocabulary_tsv(std::span<const std::string> terms, std::span<const std::uint64_t> df,
                          std::string& out);
void write_vocabulary_tsv(std::span<const std::string> terms, std::span<const std::uint64_t> df,
                          std::ostream& out);

// Vocabulary as a JSON object {"term": column, ...} in column order (scikit-learn's vocabulary_),
// one entry per line. Strings are escaped as JSON requires (\" \\ \b \f \n \r \t, other control
// characters as \u00XX); non-ASCII UTF-8 is written as is. Throws InputError (naming the column)
// for a term that is not valid UTF-8, since JSON text must be.
void write_vocabulary_json(std::span<const std::string> terms, std::string& out);
void write_vocabulary_json(std::span<const std::string> terms, std::ostream& out);

// The escaping write_vocabulary_tsv applies, and its inverse (throws UsageError on a backslash
// followed by anything but \ t n r, or at the end).
std::string escape_tsv_field(std::string_view s);
std::string unescape_tsv_field(std::string_view s);

// Reads Matrix Market "matrix coordinate real|integer|pattern general" text (banner keywords in
// any case, '%' comment lines and blank lines skipped, CRLF accepted; pattern entries read as 1).
// Entries may come in any order; entries repeating a position are summed (as scipy's tocsr()
// does); explicit zeros are kept. Throws InputError with `file_name`, the line and its byte
// offset for: a missing or unsupported banner, a malformed size line or entry, more than 2^32 rows
// or columns, an index outside 1..rows or 1..cols, more entries than announced, or a text ending
// before all were read.
CsrMatrix read_matrix_market(std::string_view text, const std::string& file_name);

}  // namespace nlp
