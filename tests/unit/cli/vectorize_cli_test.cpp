// End-to-end tests of `nlp vectorize`: matrix and vocabulary files, options, errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "nlp/vectorize/matrix_io.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::test::run;
using nlp::test::shell_quote;

namespace {
const auto nlp_cmd = nlp::test::nlp_command;
}  // namespace

TEST_CASE("cli vectorize: count matrix and vocabulary as scikit-learn builds them", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-vectorize");
  const auto in = dir / "docs.txt", mtx = dir / "x.mtx", vocab = dir / "v.tsv", json = dir / "v.json";
  // scikit-learn: CountVectorizer().fit_transform(["The cat sat", "the cat and the hat", ""])
  // vocabulary and, the cat hat sat -> columns and=0 cat=1 hat=2 sat=3 the=4
  nlp::test::write_file(in, "The cat sat\nthe cat and the hat\n\n");
  auto r = run(nlp_cmd("vectorize count -q -o " + shell_quote(mtx.string()) + " --vocabulary-out " +
                       shell_quote(vocab.string()) + " " + shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  const nlp::CsrMatrix m = nlp::read_matrix_market(nlp::test::read_file(mtx), "x.mtx");
  CHECK(m.rows == 3);
  CHECK(m.cols == 5);
  CHECK(m.indptr == std::vector<std::uint64_t>{0, 3, 7, 7});
  CHECK(m.indices == std::vector<std::uint32_t>{1, 3, 4, 0, 1, 2, 4});
  CHECK(m.data == std::vector<double>{1, 1, 1, 1, 1, 1, 2});
  CHECK(nlp::test::read_file(vocab) == "column\tterm\tdf\n0\tand\t1\n1\tcat\t2\n2\that\t1\n3\tsat\t1\n4\tthe\t2\n");
  r = run(nlp_cmd("vectorize tfidf -q --min-df 2 -o " + shell_quote(mtx.string()) + " --vocabulary-out " +
                  shell_quote(json.string()) + " " + shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(nlp::test::read_file(json).find("\"cat\": 0") != std::string::npos);
}

TEST_CASE("cli vectorize: bad options and input are errors that leave no file", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-vectorize-bad");
  const auto in = dir / "docs.txt", mtx = dir / "x.mtx";
  nlp::test::write_file(in, "one doc\n");
  for (const char* args : {"vectorize", "vectorize bag", "vectorize count --ngram-range 2,1",
                           "vectorize count --min-df x", "vectorize count --analyzer chars",
                           "vectorize tfidf --norm l3", "vectorize count --format csv"}) {
    INFO(args);
    const auto r = run(nlp_cmd(std::string(args) + " -o " + shell_quote(mtx.string()) + " " + shell_quote(in.string())));
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(mtx));
  }
  nlp::test::write_file(in, "ok\nbad \xFF byte\n");
  auto r = run(nlp_cmd("vectorize count -o " + shell_quote(mtx.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("docs.txt:2") != std::string::npos);
  CHECK_FALSE(fs::exists(mtx));
  nlp::test::write_file(in, "a b\n");  // no token of two characters: empty vocabulary
  r = run(nlp_cmd("vectorize count -o " + shell_quote(mtx.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK_FALSE(fs::exists(mtx));
}
