// End-to-end tests of `nlp vectorize`: matrix and vocabulary files, options, errors.
#include <catch2/catch.hpp>

#include <algorithm>
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
  CHECK(m.indices == nlp::NumberArray<std::uint32_t>{1, 3, 4, 0, 1, 2, 4});
  CHECK(m.data == nlp::NumberArray<double>{1, 1, 1, 1, 1, 1, 2});
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

TEST_CASE("cli vectorize: --model-out then transform reproduces the fitted matrix", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-vectorize-model");
  const auto train = dir / "train.txt", test = dir / "test.txt", model = dir / "m.bin";
  const auto fit_mtx = dir / "fit.mtx", again = dir / "again.mtx", test_mtx = dir / "test.mtx";
  nlp::test::write_file(train, "The cat sat on the mat\nthe dog sat\nCaf\u00e9 and the cat\n");
  nlp::test::write_file(test, "a new cat\n\nunseen words\n");
  auto r = run(nlp_cmd("vectorize tfidf -q --ngram-range 1,2 --sublinear-tf -o " + shell_quote(fit_mtx.string()) +
                       " --model-out " + shell_quote(model.string()) + " " + shell_quote(train.string())));
  REQUIRE(r.exit_code == 0);
  r = run(nlp_cmd("vectorize transform -q -j 2 --model " + shell_quote(model.string()) + " -o " +
                  shell_quote(again.string()) + " " + shell_quote(train.string())));
  REQUIRE(r.exit_code == 0);
  const nlp::CsrMatrix a = nlp::read_matrix_market(nlp::test::read_file(fit_mtx), "fit.mtx");
  const nlp::CsrMatrix b = nlp::read_matrix_market(nlp::test::read_file(again), "again.mtx");
  CHECK(a.cols == b.cols);
  CHECK(a.indptr == b.indptr);
  CHECK(a.indices == b.indices);
  CHECK(a.data == b.data);
  r = run(nlp_cmd("vectorize transform --summary json --model " + shell_quote(model.string()) + " -o " +
                  shell_quote(test_mtx.string()) + " " + shell_quote(test.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("\"rows\": 3") != std::string::npos);
  CHECK(r.err.find("\"peak_memory_mb\"") != std::string::npos);
  const nlp::CsrMatrix t = nlp::read_matrix_market(nlp::test::read_file(test_mtx), "test.mtx");
  CHECK(t.rows == 3);
  CHECK(t.cols == a.cols);
  CHECK(t.indptr[2] == t.indptr[1]);  // the empty line is an empty row
}

TEST_CASE("cli vectorize: hashing streams to files and stdout in every format", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-vectorize-hashing");
  const auto in = dir / "docs.txt", mtx = dir / "x.mtx";
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "doc number " + std::to_string(i) + " with words w" + std::to_string(i % 97) + "\n";
  nlp::test::write_file(in, text);
  auto r = run(nlp_cmd("vectorize hashing -q --n-features 64 -o " + shell_quote(mtx.string()) + " " +
                       shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  const std::string file = nlp::test::read_file(mtx);
  const nlp::CsrMatrix m = nlp::read_matrix_market(file, "x.mtx");
  CHECK(m.rows == 20000);
  CHECK(m.cols == 64);
  // The same matrix on stdout (held until the counts are known), and with two threads.
  r = run(nlp_cmd("vectorize hashing -q -j 2 --n-features 64 -o - " + shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  const nlp::CsrMatrix s = nlp::read_matrix_market(r.out, "stdout");
  CHECK(s.indptr == m.indptr);
  CHECK(s.indices == m.indices);
  CHECK(s.data == m.data);
  r = run(nlp_cmd("vectorize hashing -q --n-features 64 --no-alternate-sign --norm none -f svmlight " +
                  shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.substr(0, r.out.find('\n')).find(":-") == std::string::npos);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 20000);
}

TEST_CASE("cli vectorize: model and transform errors", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-vectorize-model-bad");
  const auto in = dir / "docs.txt", model = dir / "m.bin", out = dir / "x.mtx";
  nlp::test::write_file(in, "the cat sat\n");
  REQUIRE(run(nlp_cmd("vectorize count -q -o " + shell_quote((dir / "fit.mtx").string()) + " --model-out " +
                      shell_quote(model.string()) + " " + shell_quote(in.string())))
              .exit_code == 0);
  for (const std::string& args :
       {std::string("vectorize transform"), "vectorize transform --model " + shell_quote(model.string()) + " --ngram-range 1,2",
        "vectorize transform --model " + shell_quote(model.string()) + " --model-out m2.bin",
        "vectorize count --model " + shell_quote(model.string()), std::string("vectorize hashing --n-features 0"),
        std::string("vectorize hashing --vocabulary-out v.tsv")}) {
    INFO(args);
    const auto r = run(nlp_cmd(args + " -o " + shell_quote(out.string()) + " " + shell_quote(in.string())));
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(out));
  }
  std::string bytes = nlp::test::read_file(model);
  bytes[bytes.size() - 10] = static_cast<char>(bytes[bytes.size() - 10] ^ 1);
  nlp::test::write_file(dir / "bad.bin", bytes);
  auto r = run(nlp_cmd("vectorize transform --model " + shell_quote((dir / "bad.bin").string()) + " -o " +
                       shell_quote(out.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.bin: byte ") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  nlp::test::write_file(dir / "short.bin", bytes.substr(0, bytes.size() / 2));
  r = run(nlp_cmd("vectorize transform --model " + shell_quote((dir / "short.bin").string()) + " -o " +
                  shell_quote(out.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("truncated") != std::string::npos);
  nlp::test::write_file(dir / "bad.txt", "fine\nbroken \xC3( utf8\n");
  r = run(nlp_cmd("vectorize transform --model " + shell_quote(model.string()) + " -o " + shell_quote(out.string()) +
                  " " + shell_quote((dir / "bad.txt").string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.txt:2") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}
