// Matrix and vocabulary writers, and the Matrix Market reader (formats: docs/formats/matrix.md).
#include "nlp/vectorize/matrix_io.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "nlp/error.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/util/json.hpp"

namespace nlp {
namespace {

// Checks that the CSR arrays agree with each other and with rows/cols, so a writer never
// produces a file that misdescribes the matrix.
void validate(const CsrMatrix& m, const char* what) {
  const std::string where = std::string(what) + ": ";
  if (m.indptr.size() != m.rows + 1)
    throw UsageError(where + "matrix has " + std::to_string(m.rows) + " rows but " +
                     std::to_string(m.indptr.size()) + " indptr entries (expected rows + 1)");
  if (m.indices.size() != m.data.size())
    throw UsageError(where + "matrix has " + std::to_string(m.indices.size()) + " column indices but " +
                     std::to_string(m.data.size()) + " values");
  if (m.indptr.front() != 0 || m.indptr.back() != m.indices.size())
    throw UsageError(where + "matrix indptr must start at 0 and end at nnz (" +
                     std::to_string(m.indices.size()) + ")");
  for (std::size_t r = 0; r < m.rows; ++r) {
    if (m.indptr[r] > m.indptr[r + 1])
      throw UsageError(where + "matrix indptr decreases at row " + std::to_string(r));
    for (std::uint64_t j = m.indptr[r]; j < m.indptr[r + 1]; ++j) {
      if (m.indices[j] >= m.cols)
        throw UsageError(where + "row " + std::to_string(r) + " has column " + std::to_string(m.indices[j]) +
                         " but the matrix has " + std::to_string(m.cols) + " columns");
      if (j > m.indptr[r] && m.indices[j] <= m.indices[j - 1])
        throw UsageError(where + "row " + std::to_string(r) + " has columns out of order or repeated (" +
                         std::to_string(m.indices[j - 1]) + " then " + std::to_string(m.indices[j]) + ")");
    }
  }
}

void append_double(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-inf" : "inf";
    return;
  }
  // The shortest text that reads back to the same double, with Python repr's choice between
  // fixed and exponent notation (fmt's Dragonbox; several times faster than std::to_chars here).
  char buf[40];
  char* end = fmt::format_to(buf, FMT_COMPILE("{}"), v);
  out.append(buf, end);
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void write_all(std::ostream& os, const std::string& s, const char* what) {
  os.write(s.data(), static_cast<std::streamsize>(s.size()));
  if (!os) throw IoError(std::string(what) + ": writing to the output stream failed");
}

void matrix_market_entries(const CsrMatrix& m, std::uint64_t first_row, std::string& out) {
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::uint64_t j = m.indptr[r]; j < m.indptr[r + 1]; ++j) {
      append_uint(out, first_row + r + 1);
      out += ' ';
      append_uint(out, std::uint64_t{m.indices[j]} + 1);
      out += ' ';
      append_double(out, m.data[j]);
      out += '\n';
    }
}

std::string matrix_market(const CsrMatrix& m) {
  validate(m, "Matrix Market writer");
  std::string out(kMatrixMarketBanner);
  out += matrix_market_size_line(m.rows, m.cols, m.nnz(), false);
  matrix_market_entries(m, 0, out);
  return out;
}

std::string svmlight(const CsrMatrix& m, std::span<const double> labels, bool zero_based) {
  validate(m, "svmlight writer");
  if (!labels.empty() && labels.size() != m.rows)
    throw UsageError("svmlight writer: " + std::to_string(labels.size()) + " labels for " +
                     std::to_string(m.rows) + " rows; give one label per row or none");
  std::string out;
  for (std::size_t r = 0; r < m.rows; ++r) {
    append_double(out, labels.empty() ? 0.0 : labels[r]);
    for (std::uint64_t j = m.indptr[r]; j < m.indptr[r + 1]; ++j) {
      out += ' ';
      append_uint(out, std::uint64_t{m.indices[j]} + (zero_based ? 0u : 1u));
      out += ':';
      append_double(out, m.data[j]);
    }
    out += '\n';
  }
  return out;
}

std::string dense_tsv(const CsrMatrix& m, std::uint64_t max_cells) {
  validate(m, "dense TSV writer");
  if (m.cols != 0 && m.rows > max_cells / m.cols)
    throw UsageError("dense TSV writer: a " + std::to_string(m.rows) + " x " + std::to_string(m.cols) +
                     " matrix has more than " + std::to_string(max_cells) +
                     " cells; write it as Matrix Market or svmlight instead");
  std::string out;
  std::vector<double> dense(m.cols);
  for (std::size_t r = 0; r < m.rows; ++r) {
    std::fill(dense.begin(), dense.end(), 0.0);
    for (std::uint64_t j = m.indptr[r]; j < m.indptr[r + 1]; ++j) dense[m.indices[j]] = m.data[j];
    for (std::size_t c = 0; c < m.cols; ++c) {
      if (c > 0) out += '\t';
      append_double(out, dense[c]);
    }
    out += '\n';
  }
  return out;
}

std::string vocabulary_tsv(std::span<const std::string> terms, std::span<const std::uint64_t> df) {
  if (!df.empty() && df.size() != terms.size())
    throw UsageError("vocabulary TSV writer: " + std::to_string(df.size()) + " document frequencies for " +
                     std::to_string(terms.size()) + " terms; give one per term or none");
  std::string out = df.empty() ? "column\tterm\n" : "column\tterm\tdf\n";
  for (std::size_t i = 0; i < terms.size(); ++i) {
    append_uint(out, i);
    out += '\t';
    out += escape_tsv_field(terms[i]);
    if (!df.empty()) {
      out += '\t';
      append_uint(out, df[i]);
    }
    out += '\n';
  }
  return out;
}

std::string vocabulary_json(std::span<const std::string> terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const std::size_t bad = utf8::find_invalid(terms[i]);
    if (bad != std::string_view::npos)
      throw InputError(SourcePos{}, "vocabulary JSON writer: the term of column " + std::to_string(i) +
                                        " has invalid UTF-8 at byte " + std::to_string(bad) + " (" +
                                        utf8::hex_bytes(terms[i], bad) + "); JSON text must be UTF-8");
  }
  std::string out = "{";
  for (std::size_t i = 0; i < terms.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    append_json_string(out, terms[i]);
    out += ": ";
    append_uint(out, i);
  }
  out += terms.empty() ? "}\n" : "\n}\n";
  return out;
}

// ---- Matrix Market reader ----

class MmParser {
 public:
  MmParser(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  CsrMatrix parse() {
    std::string_view line;
    if (!next_line(line)) fail("empty input; expected a %%MatrixMarket banner line");
    parse_banner(line);
    do {
      if (!next_line(line))
        fail("the text ends before the size line \"rows cols entries\"");
    } while (line.empty() || line.front() == '%');
    std::vector<std::string_view> f = fields(line);
    std::uint64_t rows = 0, cols = 0, nnz = 0;
    if (f.size() != 3 || !parse_uint(f[0], rows) || !parse_uint(f[1], cols) || !parse_uint(f[2], nnz))
      fail("expected the size line \"rows cols entries\" (three non-negative integers), found \"" +
           std::string(shorten(line)) + "\"");
    if (rows > 0x100000000ULL) fail("the matrix has " + std::to_string(rows) + " rows; at most 2^32 are supported");
    if (cols > 0x100000000ULL) fail("the matrix has " + std::to_string(cols) + " columns; at most 2^32 are supported");
    const bool product_fits = rows == 0 || cols <= ~std::uint64_t{0} / rows;
    if (product_fits && nnz > rows * cols)
      fail("the size line announces " + std::to_string(nnz) + " entries, more than rows x cols");
    struct Entry {
      std::uint64_t row;
      std::uint32_t col;
      double value;
    };
    std::vector<Entry> entries;
    entries.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(nnz, 1u << 24)));
    const std::size_t want = pattern_ ? 2 : 3;
    while (next_line(line)) {
      if (line.empty() || line.front() == '%') continue;
      if (entries.size() == nnz)
        fail("more entries than the " + std::to_string(nnz) + " announced by the size line");
      f = fields(line);
      std::uint64_t r = 0, c = 0;
      double v = 1.0;
      if (f.size() != want || !parse_uint(f[0], r) || !parse_uint(f[1], c) || (!pattern_ && !parse_double(f[2], v)))
        fail(std::string("expected an entry \"row col") + (pattern_ ? "" : " value") + "\", found \"" +
             std::string(shorten(line)) + "\"");
      if (integer_ && !pattern_ && (f[2].find_first_of(".eEnN") != std::string_view::npos))
        fail("an integer matrix has the non-integer value \"" + std::string(f[2]) + "\"");
      if (r < 1 || r > rows)
        fail("row index " + std::to_string(r) + " is outside 1.." + std::to_string(rows));
      if (c < 1 || c > cols)
        fail("column index " + std::to_string(c) + " is outside 1.." + std::to_string(cols));
      entries.push_back({r - 1, static_cast<std::uint32_t>(c - 1), v});
    }
    if (entries.size() != nnz)
      fail("the text ends after " + std::to_string(entries.size()) + " of the " + std::to_string(nnz) +
           " entries announced by the size line (truncated file?)");
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.row != b.row ? a.row < b.row : a.col < b.col;
    });
    CsrMatrix m;
    m.rows = static_cast<std::size_t>(rows);
    m.cols = static_cast<std::size_t>(cols);
    m.indptr.assign(m.rows + 1, 0);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const Entry& e = entries[i];
      if (i > 0 && entries[i - 1].row == e.row && entries[i - 1].col == e.col) {
        m.data.back() += e.value;  // a repeated position is summed
        continue;
      }
      m.indices.push_back(e.col);
      m.data.push_back(e.value);
      ++m.indptr[e.row + 1];
    }
    for (std::size_t r = 1; r <= m.rows; ++r) m.indptr[r] += m.indptr[r - 1];
    return m;
  }

 private:
  [[noreturn]] void fail(const std::string& msg) const {
    SourcePos pos;
    pos.file = file_;
    pos.line = line_no_;
    pos.byte = line_start_;
    throw InputError(pos, msg);
  }

  // The next line without its end of line; false at the end of the text.
  bool next_line(std::string_view& line) {
    if (pos_ >= text_.size()) {
      line_start_ = text_.size();
      ++line_no_;
      return false;
    }
    line_start_ = pos_;
    ++line_no_;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Surrounding blanks are not significant.
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return true;
  }

  static std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      const std::size_t b = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > b) out.push_back(line.substr(b, i - b));
    }
    return out;
  }

  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
  }

  static std::string_view shorten(std::string_view s) { return s.substr(0, 80); }

  void parse_banner(std::string_view line) {
    const std::vector<std::string_view> f = fields(line);
    if (f.empty() || lower(f[0]) != "%%matrixmarket")
      fail("expected the banner \"%%MatrixMarket matrix coordinate real general\", found \"" +
           std::string(shorten(line)) + "\"");
    if (f.size() != 5)
      fail("the banner needs 4 keywords after %%MatrixMarket (object format field symmetry), found \"" +
           std::string(shorten(line)) + "\"");
    const std::string object = lower(f[1]), format = lower(f[2]), field = lower(f[3]), symmetry = lower(f[4]);
    if (object != "matrix") fail("unsupported object \"" + std::string(f[1]) + "\"; only \"matrix\" is read");
    if (format != "coordinate")
      fail("unsupported format \"" + std::string(f[2]) + "\"; only sparse \"coordinate\" matrices are read");
    if (field != "real" && field != "integer" && field != "pattern")
      fail("unsupported field \"" + std::string(f[3]) + "\"; expected real, integer or pattern");
    if (symmetry != "general")
      fail("unsupported symmetry \"" + std::string(f[4]) + "\"; only \"general\" is read");
    pattern_ = field == "pattern";
    integer_ = field == "integer";
  }

  static bool parse_uint(std::string_view s, std::uint64_t& v) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    return res.ec == std::errc() && res.ptr == s.data() + s.size() && !s.empty();
  }

  static bool parse_double(std::string_view s, double& v) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty() || s.front() == '+') return false;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ptr != s.data() + s.size()) return false;
    if (res.ec == std::errc::result_out_of_range) {
      // Beyond the double range: inf or 0 (or the nearest subnormal), as Python's float() and
      // so scipy.io.mmread give; scipy's own 16-digit output of DBL_MAX rounds up to here.
      v = std::strtod(std::string(s).c_str(), nullptr);
      return true;
    }
    return res.ec == std::errc();
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  std::uint64_t line_no_ = 0, line_start_ = 0;
  bool pattern_ = false, integer_ = false;
};

}  // namespace

std::string matrix_market_size_line(std::uint64_t rows, std::uint64_t cols, std::uint64_t nnz,
                                    bool padded) {
  std::string out;
  append_uint(out, rows);
  out += ' ';
  append_uint(out, cols);
  out += ' ';
  append_uint(out, nnz);
  if (padded) out.resize(kMatrixMarketSizeLineWidth - 1, ' ');
  out += '\n';
  return out;
}

void write_matrix_market_entries(const CsrMatrix& m, std::uint64_t first_row, std::string& out) {
  validate(m, "Matrix Market writer");
  matrix_market_entries(m, first_row, out);
}

void write_matrix_market(const CsrMatrix& m, std::string& out) { out += matrix_market(m); }
void write_matrix_market(const CsrMatrix& m, std::ostream& out) {
  write_all(out, matrix_market(m), "Matrix Market writer");
}

void write_svmlight(const CsrMatrix& m, std::span<const double> labels, bool zero_based, std::string& out) {
  out += svmlight(m, labels, zero_based);
}
void write_svmlight(const CsrMatrix& m, std::span<const double> labels, bool zero_based, std::ostream& out) {
  write_all(out, svmlight(m, labels, zero_based), "svmlight writer");
}

void write_dense_tsv(const CsrMatrix& m, std::string& out, std::uint64_t max_cells) {
  out += dense_tsv(m, max_cells);
}
void write_dense_tsv(const CsrMatrix& m, std::ostream& out, std::uint64_t max_cells) {
  write_all(out, dense_tsv(m, max_cells), "dense TSV writer");
}

void write_vocabulary_tsv(std::span<const std::string> terms, std::span<const std::uint64_t> df,
                          std::string& out) {
  out += vocabulary_tsv(terms, df);
}
void write_vocabulary_tsv(std::span<const std::string> terms, std::span<const std::uint64_t> df,
                          std::ostream& out) {
  write_all(out, vocabulary_tsv(terms, df), "vocabulary TSV writer");
}

void write_vocabulary_json(std::span<const std::string> terms, std::string& out) {
  out += vocabulary_json(terms);
}
void write_vocabulary_json(std::span<const std::string> terms, std::ostream& out) {
  write_all(out, vocabulary_json(terms), "vocabulary JSON writer");
}

std::string escape_tsv_field(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string unescape_tsv_field(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (i + 1 == s.size()) throw UsageError("TSV field ends with a lone backslash: \"" + std::string(s) + "\"");
    switch (s[++i]) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default:
        throw UsageError(std::string("TSV field has the unknown escape \\") + s[i] + "; expected \\\\ \\t \\n or \\r");
    }
  }
  return out;
}

CsrMatrix read_matrix_market(std::string_view text, const std::string& file_name) {
  return MmParser(text, file_name).parse();
}

}  // namespace nlp
