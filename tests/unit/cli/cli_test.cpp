// End-to-end tests of the `nlp` command: exit codes, error messages, atomic output, thread
// invariance.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::test::run;
using nlp::test::shell_quote;

namespace {
const auto nlp_cmd = nlp::test::nlp_command;
}  // namespace

TEST_CASE("cli: no arguments prints usage and exits 2", "[cli]") {
  const auto r = run(nlp_cmd(""));
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("usage: nlp") != std::string::npos);
}

TEST_CASE("cli: --version lists tokenizer ids and format versions", "[cli]") {
  const auto r = run(nlp_cmd("--version"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("nlp.pipeline 1") != std::string::npos);
  CHECK(r.out.find("whitespace-v1") != std::string::npos);
}

TEST_CASE("cli: every command has --help with an example", "[cli]") {
  for (const char* c : {"tokenize", "sentences", "preprocess", "stem", "lemmatize", "lemmatize train", "vectorize",
                        "stats", "ngrams", "collocations", "eval tokenize", "eval lemmatize", "vectors similar",
                        "vectors analogy", "vectors similarity", "vectors evaluate", "vectors convert",
                        "vectors normalize", "train word2vec", "train fasttext", "train glove", "score bleu",
                        "score chrf", "score ter", "score rouge", "score meteor", "score cider", "compare"}) {
    const auto r = run(nlp_cmd(std::string(c) + " --help"));
    INFO(c);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("usage: nlp") != std::string::npos);
    CHECK(r.out.find("example:") != std::string::npos);
  }
}

TEST_CASE("cli: unknown commands and options are usage errors", "[cli]") {
  CHECK(run(nlp_cmd("frobnicate")).exit_code == 2);
  const auto r = run(nlp_cmd("tokenize --no-such-option"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("nlp tokenize: error:") != std::string::npos);
  CHECK(run(nlp_cmd("tokenize -t nope"), "a\n").exit_code == 2);
}

TEST_CASE("cli: tokenize reads stdin and keeps one line per input line", "[cli]") {
  const auto r = run(nlp_cmd("tokenize -q"), "a  b\n\nc\r\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "a b\n\nc\n");
  CHECK(r.err.empty());
}

TEST_CASE("cli: empty input gives empty output and a zero summary", "[cli]") {
  const auto r = run(nlp_cmd("tokenize --summary json"), "");
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("\"documents\": 0") != std::string::npos);
}

TEST_CASE("cli: invalid UTF-8 is an error with its position unless a policy is chosen", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-utf8");
  const auto in = dir / "bad.txt";
  nlp::test::write_file(in, "ok line\nab\xC3\x28z\n");
  const auto out = dir / "out.txt";
  auto r = run(nlp_cmd("tokenize -o " + shell_quote(out.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.txt:2:3 (byte 10)") != std::string::npos);
  CHECK(r.err.find("C3 28") != std::string::npos);
  CHECK_FALSE(fs::exists(out));  // nothing half-written
  r = run(nlp_cmd("tokenize --invalid-utf8 replace --summary json -o " + shell_quote(out.string()) + " " +
                  shell_quote(in.string())));
  CHECK(r.exit_code == 0);
  CHECK(nlp::test::read_file(out) == "ok line\nab\xEF\xBF\xBD(z\n");
  CHECK(r.err.find("\"utf8_replaced\": 1") != std::string::npos);
}

TEST_CASE("cli: a missing input file is an error naming it", "[cli]") {
  const auto r = run(nlp_cmd("tokenize /nonexistent/input.txt"));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/nonexistent/input.txt") != std::string::npos);
}

TEST_CASE("cli: output is identical for any thread count", "[cli]") {
  std::string input;
  for (int i = 0; i < 5000; ++i) input += "Line " + std::to_string(i) + ": don't stop, \"quoted\" (x).\n";
  const auto one = run(nlp_cmd("preprocess -q -t regex --case lower --threads 1 --batch-size 7"), input);
  const auto four = run(nlp_cmd("preprocess -q -t regex --case lower --threads 4 --batch-size 7"), input);
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == four.out);
  CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 5000);
}

TEST_CASE("cli: jsonl output carries byte spans", "[cli]") {
  const auto r = run(nlp_cmd("tokenize -q --format jsonl"), "ab  c\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"tokens\": [\"ab\", \"c\"]") != std::string::npos);
  CHECK(r.out.find("\"spans\": [[0, 2], [4, 5]]") != std::string::npos);
}

TEST_CASE("cli: preprocess prints its configuration and reads it back", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-config");
  const auto cfg = dir / "prep.json";
  auto r = run(nlp_cmd("preprocess -t whitespace --case lower --stopwords en --print-config"));
  REQUIRE(r.exit_code == 0);
  nlp::test::write_file(cfg, r.out);
  r = run(nlp_cmd("preprocess -q --config " + shell_quote(cfg.string())), "The Cat sat\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "cat sat\n");
  // flags override the file
  r = run(nlp_cmd("preprocess -q --case keep --config " + shell_quote(cfg.string())), "The Cat sat\n");
  CHECK(r.out == "Cat sat\n");
  nlp::test::write_file(cfg, "{\"filters\": {\"case\": \"upper\"}}");
  r = run(nlp_cmd("preprocess -q --config " + shell_quote(cfg.string())), "x\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("filters.case") != std::string::npos);
}

TEST_CASE("cli: stopword files are read with positions for bad bytes", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-stop");
  const auto words = dir / "stop.txt";
  nlp::test::write_file(words, "# my list\r\nfoo\r\n\r\nbar\n");
  auto r = run(nlp_cmd("preprocess -q -t whitespace --stopwords-file " + shell_quote(words.string())),
               "foo x BAR y\n");
  CHECK(r.out == "x y\n");
  nlp::test::write_file(words, "foo\nb\xFFr\n");
  r = run(nlp_cmd("preprocess -q -t whitespace --stopwords-file " + shell_quote(words.string())), "x\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("stop.txt:2:2") != std::string::npos);
}

TEST_CASE("cli: sentences splits documents and can tokenize them", "[cli]") {
  auto r = run(nlp_cmd("sentences -q"), "Mr. Smith left. He came back.\nOne more.\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "Mr. Smith left.\nHe came back.\nOne more.\n");
  r = run(nlp_cmd("sentences -q -t treebank --separator blank"), "It's here. \"Yes.\"\n");
  CHECK(r.out == "It 's here .\n`` Yes . ''\n\n");
}
