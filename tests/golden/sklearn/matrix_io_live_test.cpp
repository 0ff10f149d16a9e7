// The matrix and vocabulary writers read back by the Python tools their users load them with:
// scipy.io.mmread (Matrix Market), sklearn.datasets.load_svmlight_file and json.load, run by
// /usr/bin/python3 (Debian python3-scipy 1.10 and python3-sklearn 1.2.1); and the Matrix Market
// reader on scipy.io.mmwrite's output. Skipped when scipy or scikit-learn is not importable.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "nlp/vectorize/matrix_io.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

// Prints what Python read: for each matrix "rows cols", then indptr, indices and data (repr) lines;
// for the vocabulary one "HEX<TAB>COLUMN" line per JSON item. Writes scipy's own copy of the
// matrix as scipy.mtx (with 16 significant digits, so not always the same doubles) and prints what
// scipy reads back from it.
constexpr const char* kScript = R"PY(
import json, sys
import scipy.io
from sklearn.datasets import load_svmlight_file
d, cols = sys.argv[1], int(sys.argv[2])
def dump(m):
    print(m.shape[0], m.shape[1])
    print(" ".join(str(int(x)) for x in m.indptr))
    print(" ".join(str(int(x)) for x in m.indices))
    print(" ".join(repr(float(x)) for x in m.data))
m = scipy.io.mmread(d + "/m.mtx").tocsr()
dump(m)
scipy.io.mmwrite(d + "/scipy.mtx", m)
dump(scipy.io.mmread(d + "/scipy.mtx").tocsr())
X, y = load_svmlight_file(d + "/m.svm", n_features=cols, zero_based=True, dtype="float64")
X.sort_indices()
dump(X)
print(" ".join(repr(float(v)) for v in y))
X1, _ = load_svmlight_file(d + "/m1.svm", n_features=cols, zero_based=False, dtype="float64")
X1.sort_indices()
dump(X1)
with open(d + "/vocab.json", encoding="utf-8") as f:
    for term, col in json.load(f).items():
        print(term.encode("utf-8").hex() + "\t" + str(col))
)PY";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t end = s.find(sep, pos);
    out.push_back(s.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
    if (end == std::string::npos) return out;
    pos = end + 1;
  }
}

std::string hex(const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
  return out;
}

// A matrix with awkward values: explicit zeros, empty rows, extreme and non-terminating doubles.
nlp::CsrMatrix test_matrix() {
  nlp::CsrMatrix m;
  m.cols = 40;
  std::uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11;
  };
  const std::vector<double> specials{0.0, -0.0, 0.1, 1.0 / 3.0, -2.5, 1e-300, 5e-324, 1.7976931348623157e308, 1.0,
                                     123456789.123456789};
  m.add_row({});
  for (int r = 0; r < 60; ++r) {
    std::vector<std::pair<std::uint32_t, double>> row;
    for (std::uint32_t c = 0; c < m.cols; ++c) {
      if (next() % 5 != 0) continue;
      double v = 0.0;
      if (next() % 2 == 0) {
        v = specials[next() % specials.size()];
      } else {
        do v = std::bit_cast<double>(next() << 11 | next() % 2048); while (!std::isfinite(v));
      }
      row.emplace_back(c, v);
    }
    m.add_row(row);
  }
  m.add_row({});
  return m;
}

void check_dump(const std::vector<std::string>& lines, std::size_t at, const nlp::CsrMatrix& m) {
  REQUIRE(lines.size() >= at + 4);
  CHECK(lines[at] == std::to_string(m.rows) + " " + std::to_string(m.cols));
  const std::vector<std::string> indptr = split(lines[at + 1], ' ');
  REQUIRE(indptr.size() == m.indptr.size());
  for (std::size_t i = 0; i < indptr.size(); ++i) CHECK(std::stoull(indptr[i]) == m.indptr[i]);
  const std::vector<std::string> indices = split(lines[at + 2], ' ');
  const std::vector<std::string> data = split(lines[at + 3], ' ');
  REQUIRE(indices.size() == m.nnz());
  REQUIRE(data.size() == m.nnz());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < m.nnz(); ++i) {
    if (std::stoul(indices[i]) != m.indices[i]) ++differ;
    // Bit-exact: strtod of Python's repr gives back the double that Python read.
    const double v = std::strtod(data[i].c_str(), nullptr);
    if (std::bit_cast<std::uint64_t>(v) != std::bit_cast<std::uint64_t>(m.data[i])) {
      ++differ;
      UNSCOPED_INFO("entry " << i << ": wrote " << m.data[i] << ", Python read " << data[i]);
    }
  }
  CHECK(differ == 0);
}

}  // namespace

TEST_CASE("matrix io live: scipy and scikit-learn read back the written matrix and vocabulary", "[live][matrix_io]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import scipy.io, sklearn.datasets'").exit_code != 0)
    nlp::test::skip("scipy or scikit-learn is not importable by /usr/bin/python3");
  const fs::path dir = nlp::test::temp_dir("matrix-io-live");
  const nlp::CsrMatrix m = test_matrix();
  REQUIRE(m.nnz() > 300);
  std::vector<double> labels;
  for (std::size_t r = 0; r < m.rows; ++r) labels.push_back(r % 3 == 0 ? -1.0 : static_cast<double>(r) / 7.0);
  std::string mtx, svm, svm1, json;
  nlp::write_matrix_market(m, mtx);
  nlp::write_svmlight(m, labels, true, svm);
  nlp::write_svmlight(m, {}, false, svm1);
  const std::vector<std::string> terms{"plain", "caf\u00e9", "\"quoted\"", "back\\slash", "tab\tand\nnewline",
                                       std::string("\x01nul\0", 5), "\U0001f468\u200d\U0001f469\u200d\U0001f467",
                                       "", "\u2028", "\u00a0"};
  nlp::write_vocabulary_json(terms, json);
  nlp::test::write_file(dir / "m.mtx", mtx);
  nlp::test::write_file(dir / "m.svm", svm);
  nlp::test::write_file(dir / "m1.svm", svm1);
  nlp::test::write_file(dir / "vocab.json", json);
  nlp::test::write_file(dir / "read.py", kScript);
  const nlp::test::RunResult r =
      nlp::test::run("/usr/bin/python3 " + nlp::test::shell_quote((dir / "read.py").string()) + " " +
                     nlp::test::shell_quote(dir.string()) + " " + std::to_string(m.cols));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> lines = split(r.out, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  REQUIRE(lines.size() == 17 + terms.size());

  SECTION("scipy.io.mmread gives the same matrix with its explicit zeros") { check_dump(lines, 0, m); }
  SECTION("load_svmlight_file gives the same matrix and labels zero-based and one-based") {
    check_dump(lines, 8, m);
    const std::vector<std::string> y = split(lines[12], ' ');
    REQUIRE(y.size() == labels.size());
    for (std::size_t i = 0; i < y.size(); ++i) CHECK(std::strtod(y[i].c_str(), nullptr) == labels[i]);
    check_dump(lines, 13, m);
  }
  SECTION("json.load gives every term with its column") {
    for (std::size_t i = 0; i < terms.size(); ++i) CHECK(lines[17 + i] == hex(terms[i]) + "\t" + std::to_string(i));
  }
  SECTION("the reader reads scipy.io.mmwrite's file as scipy.io.mmread does") {
    const nlp::CsrMatrix back = nlp::read_matrix_market(nlp::test::read_file(dir / "scipy.mtx"), "scipy.mtx");
    check_dump(lines, 4, back);
  }
}
