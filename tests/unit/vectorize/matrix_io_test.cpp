#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/vectorize/matrix_io.hpp"

namespace {

nlp::CsrMatrix sample() {
  nlp::CsrMatrix m;
  m.cols = 4;
  m.add_row({{0, 1.0}, {3, 0.1}});
  m.add_row({});
  m.add_row({{1, -2.5}, {2, 0.0}, {3, 1e-300}});
  return m;
}

bool same(const nlp::CsrMatrix& a, const nlp::CsrMatrix& b) {
  return a.rows == b.rows && a.cols == b.cols && a.indptr == b.indptr && a.indices == b.indices &&
         a.data == b.data;
}

std::string mm_error(const std::string& text) {
  try {
    nlp::read_matrix_market(text, "x.mtx");
  } catch (const nlp::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("matrix market: an empty matrix writes a banner and a size line only", "[matrix_io]") {
  nlp::CsrMatrix m;
  std::string out;
  nlp::write_matrix_market(m, out);
  CHECK(out == "%%MatrixMarket matrix coordinate real general\n0 0 0\n");
  CHECK(same(nlp::read_matrix_market(out, "e.mtx"), m));
}

TEST_CASE("matrix market: 1-based entries with round-trip numbers", "[matrix_io]") {
  std::string out = "keep:";
  nlp::write_matrix_market(sample(), out);
  CHECK(out ==
        "keep:%%MatrixMarket matrix coordinate real general\n3 4 5\n1 1 1\n1 4 0.1\n"
        "3 2 -2.5\n3 3 0\n3 4 1e-300\n");
}

TEST_CASE("matrix market: write then read gives back the same matrix with its explicit zeros", "[matrix_io]") {
  nlp::CsrMatrix m = sample();
  m.add_row({{0, std::nextafter(1.0, 2.0)}, {1, 1.0 / 3.0}, {2, std::numeric_limits<double>::denorm_min()},
             {3, std::numeric_limits<double>::max()}});
  std::string out;
  nlp::write_matrix_market(m, out);
  CHECK(same(nlp::read_matrix_market(out, "m.mtx"), m));
  std::ostringstream os;
  nlp::write_matrix_market(m, os);
  CHECK(os.str() == out);
}

TEST_CASE("matrix market reader: comments and blank lines and CRLF and case and order and repeats", "[matrix_io]") {
  const std::string text =
      "%%matrixmarket MATRIX Coordinate Integer GENERAL\r\n% a comment\r\n\r\n2 3 4\r\n"
      "2 3 5\r\n1 2 1\r\n% between entries\r\n2 3 -1\r\n  1 1 7  \r\n";
  const nlp::CsrMatrix m = nlp::read_matrix_market(text, "c.mtx");
  CHECK(m.rows == 2);
  CHECK(m.cols == 3);
  CHECK(m.indptr == std::vector<std::uint64_t>{0, 2, 3});
  CHECK(m.indices == nlp::NumberArray<std::uint32_t>{0, 1, 2});
  CHECK(m.data == nlp::NumberArray<double>{7, 1, 4});
  const nlp::CsrMatrix p =
      nlp::read_matrix_market("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n2 1\n", "p.mtx");
  CHECK(p.data == nlp::NumberArray<double>{1.0});
  CHECK(p.indptr == std::vector<std::uint64_t>{0, 0, 1});
  const nlp::CsrMatrix n =
      nlp::read_matrix_market("%%MatrixMarket matrix coordinate real general\n1 3 3\n1 1 nan\n1 2 -inf\n1 3 +2e0\n",
                              "n.mtx");
  CHECK(std::isnan(n.data[0]));
  CHECK(n.data[1] == -std::numeric_limits<double>::infinity());
  CHECK(n.data[2] == 2.0);
  // Beyond the double range, as Python's float() reads it: scipy writes DBL_MAX this way.
  const nlp::CsrMatrix big = nlp::read_matrix_market(
      "%%MatrixMarket matrix coordinate real general\n1 2 2\n1 1 1.797693134862316e+308\n1 2 -1e-400\n", "b.mtx");
  CHECK(big.data[0] == std::numeric_limits<double>::infinity());
  CHECK(big.data[1] == 0.0);
}

TEST_CASE("matrix market reader: errors name the file and line", "[matrix_io]") {
  CHECK(mm_error("") == "x.mtx:1 (byte 0): empty input; expected a %%MatrixMarket banner line");
  CHECK_THAT(mm_error("1 1 1\n"), Catch::Contains("x.mtx:1") && Catch::Contains("expected the banner"));
  CHECK_THAT(mm_error("%%MatrixMarket matrix array real general\n"), Catch::Contains("unsupported format"));
  CHECK_THAT(mm_error("%%MatrixMarket matrix coordinate complex general\n"), Catch::Contains("unsupported field"));
  CHECK_THAT(mm_error("%%MatrixMarket matrix coordinate real symmetric\n"), Catch::Contains("unsupported symmetry"));
  const std::string banner = "%%MatrixMarket matrix coordinate real general\n";
  CHECK_THAT(mm_error(banner), Catch::Contains("x.mtx:2") && Catch::Contains("before the size line"));
  CHECK_THAT(mm_error(banner + "2 2\n"), Catch::Contains("x.mtx:2 (byte 46)") && Catch::Contains("size line"));
  CHECK_THAT(mm_error(banner + "2 2 -1\n"), Catch::Contains("size line"));
  CHECK_THAT(mm_error(banner + "2 2 5\n"), Catch::Contains("more than rows x cols"));
  CHECK_THAT(mm_error(banner + "2 2 2\n1 1 1\n"),
             Catch::Contains("x.mtx:4") && Catch::Contains("after 1 of the 2 entries") && Catch::Contains("truncated"));
  CHECK_THAT(mm_error(banner + "2 2 1\n1 1 1\n2 2 1\n"), Catch::Contains("x.mtx:4") && Catch::Contains("more entries"));
  CHECK_THAT(mm_error(banner + "2 2 1\n3 1 1\n"), Catch::Contains("x.mtx:3") && Catch::Contains("row index 3 is outside 1..2"));
  CHECK_THAT(mm_error(banner + "2 2 1\n1 0 1\n"), Catch::Contains("column index 0 is outside 1..2"));
  CHECK_THAT(mm_error(banner + "2 2 1\n1 1 x\n"), Catch::Contains("x.mtx:3") && Catch::Contains("expected an entry"));
  CHECK_THAT(mm_error(banner + "2 2 1\n1 1 1 1\n"), Catch::Contains("expected an entry"));
  CHECK_THAT(mm_error(banner + "2 2 1\n1 1\n"), Catch::Contains("expected an entry"));
  CHECK_THAT(mm_error("%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 1.5\n"),
             Catch::Contains("non-integer value"));
}

TEST_CASE("writers reject a matrix whose arrays disagree and leave the output unchanged", "[matrix_io]") {
  nlp::CsrMatrix m = sample();
  m.cols = 3;  // column 3 is now out of range
  std::string out = "before";
  CHECK_THROWS_AS(nlp::write_matrix_market(m, out), nlp::UsageError);
  CHECK_THROWS_AS(nlp::write_svmlight(m, {}, true, out), nlp::UsageError);
  CHECK_THROWS_AS(nlp::write_dense_tsv(m, out), nlp::UsageError);
  CHECK(out == "before");
  nlp::CsrMatrix unsorted;
  unsorted.cols = 3;
  unsorted.add_row({{2, 1.0}, {1, 1.0}});
  CHECK_THROWS_AS(nlp::write_matrix_market(unsorted, out), nlp::UsageError);
  nlp::CsrMatrix short_indptr = sample();
  short_indptr.indptr.pop_back();
  CHECK_THROWS_AS(nlp::write_matrix_market(short_indptr, out), nlp::UsageError);
  std::ostringstream os;
  CHECK_THROWS_AS(nlp::write_matrix_market(m, os), nlp::UsageError);
  CHECK(os.str().empty());
}

TEST_CASE("svmlight: zero- or one-based columns with default or given labels", "[matrix_io]") {
  std::string out;
  nlp::write_svmlight(sample(), {}, true, out);
  CHECK(out == "0 0:1 3:0.1\n0\n0 1:-2.5 2:0 3:1e-300\n");
  out.clear();
  const std::vector<double> labels{1, -1, 2.5};
  nlp::write_svmlight(sample(), labels, false, out);
  CHECK(out == "1 1:1 4:0.1\n-1\n2.5 2:-2.5 3:0 4:1e-300\n");
  const std::vector<double> two{1, 2};
  CHECK_THROWS_AS(nlp::write_svmlight(sample(), two, true, out), nlp::UsageError);
}

TEST_CASE("dense TSV: zeros filled in and a size limit enforced", "[matrix_io]") {
  std::string out;
  nlp::write_dense_tsv(sample(), out);
  CHECK(out == "1\t0\t0\t0.1\n0\t0\t0\t0\n0\t-2.5\t0\t1e-300\n");
  CHECK_THROWS_AS(nlp::write_dense_tsv(sample(), out, 11), nlp::UsageError);
  nlp::CsrMatrix no_cols;
  no_cols.add_row({});
  out.clear();
  nlp::write_dense_tsv(no_cols, out);
  CHECK(out == "\n");
}

TEST_CASE("vocabulary TSV: escapes keep one entry per line", "[matrix_io]") {
  const std::vector<std::string> terms{"", "tab\there", "new\nline", "cr\rx", "back\\slash", "caf\u00e9", "\"q\""};
  const std::vector<std::uint64_t> df{1, 2, 3, 4, 5, 6, 7};
  std::string out;
  nlp::write_vocabulary_tsv(terms, df, out);
  CHECK(out ==
        "column\tterm\tdf\n0\t\t1\n1\ttab\\there\t2\n2\tnew\\nline\t3\n3\tcr\\rx\t4\n4\tback\\\\slash\t5\n"
        "5\tcaf\u00e9\t6\n6\t\"q\"\t7\n");
  for (const std::string& t : terms) CHECK(nlp::unescape_tsv_field(nlp::escape_tsv_field(t)) == t);
  CHECK_THROWS_AS(nlp::unescape_tsv_field("a\\"), nlp::UsageError);
  CHECK_THROWS_AS(nlp::unescape_tsv_field("a\\x"), nlp::UsageError);
  out.clear();
  nlp::write_vocabulary_tsv(std::span<const std::string>(terms.data(), 2), {}, out);
  CHECK(out == "column\tterm\n0\t\n1\ttab\\there\n");
  const std::vector<std::uint64_t> short_df{1};
  CHECK_THROWS_AS(nlp::write_vocabulary_tsv(terms, short_df, out), nlp::UsageError);
}

TEST_CASE("vocabulary JSON: escaping and invalid UTF-8", "[matrix_io]") {
  std::string out;
  nlp::write_vocabulary_json({}, out);
  CHECK(out == "{}\n");
  out.clear();
  const std::vector<std::string> terms{"a\"b", "c\\d", "t\tn\nr\r", std::string("\x01\x1f", 2),
                                       "\U0001f600", std::string("nul\0x", 5)};
  nlp::write_vocabulary_json(terms, out);
  CHECK(out ==
        "{\n  \"a\\\"b\": 0,\n  \"c\\\\d\": 1,\n  \"t\\tn\\nr\\r\": 2,\n  \"\\u0001\\u001f\": 3,\n"
        "  \"\U0001f600\": 4,\n  \"nul\\u0000x\": 5\n}\n");
  const std::vector<std::string> bad{"ok", "bad\xff"};
  std::string untouched = "x";
  CHECK_THROWS_WITH(nlp::write_vocabulary_json(bad, untouched), Catch::Contains("column 1"));
  CHECK(untouched == "x");
}

TEST_CASE("matrix market reader: damaged files give InputError and nothing else", "[matrix_io]") {
  nlp::CsrMatrix m = sample();
  std::string good;
  nlp::write_matrix_market(m, good);
  CHECK_THAT(mm_error("%%MatrixMarket matrix coordinate real general\n4294967297 1 0\n"),
             Catch::Contains("at most 2^32"));
  std::uint64_t state = 99;
  auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % n);
  };
  static const char kBytes[] = "0123456789 \n\r\t.-+e%x\xff";
  std::size_t errors = 0, parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = good;
    if (i % 3 == 0) {
      text.resize(next(text.size()));  // truncated
    } else {
      for (std::size_t k = 1 + next(3); k > 0; --k) text[next(text.size())] = kBytes[next(sizeof kBytes - 1)];
    }
    try {
      const nlp::CsrMatrix back = nlp::read_matrix_market(text, "d.mtx");
      ++parsed;
      // Whatever parses is a consistent matrix.
      CHECK(back.indptr.size() == back.rows + 1);
      CHECK(back.indptr.back() == back.nnz());
      for (const std::uint32_t c : back.indices) CHECK(c < back.cols);
    } catch (const nlp::InputError& e) {
      ++errors;
      CHECK(e.pos().file == "d.mtx");
      CHECK(e.pos().line >= 1);
    }
  }
  CHECK(errors > 1000);
  CHECK(parsed > 0);
}
