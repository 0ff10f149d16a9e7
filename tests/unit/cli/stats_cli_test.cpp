// End-to-end tests of `nlp stats`: text and JSON reports, thread invariance, SVG files, empty
// input and usage errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::test::run;
using nlp::test::shell_quote;

namespace {
const auto nlp_cmd = nlp::test::nlp_command;
const std::string kText = "The cat sat on the mat.\nThe cat ran.\r\n\nA dog!\n";
}  // namespace

TEST_CASE("cli stats: counts of a small corpus as JSON", "[cli]") {
  const auto r = run(nlp_cmd("stats -q -t whitespace --case lower --format json --top 2"), kText);
  CHECK(r.exit_code == 0);
  // whitespace tokens: the cat sat on the mat. / the cat ran. / (empty) / a dog!
  // lengths 6 3 0 2, 8 types
  CHECK(r.out.find("\"documents\": 4, \"tokens\": 11, \"types\": 8") != std::string::npos);
  CHECK(r.out.find("\"top_words\": [[\"the\", 3], [\"cat\", 2]]") != std::string::npos);
  CHECK(r.out.find("\"top_ngrams\": [[\"the cat\", 2], [\"a dog!\", 1]]") != std::string::npos);
  CHECK(r.out.find("\"median\": 2.5") != std::string::npos);
  CHECK(r.out.find("\"percentile_method\": \"linear\"") != std::string::npos);
}

TEST_CASE("cli stats: the text report and --ngram", "[cli]") {
  const auto r = run(nlp_cmd("stats -q --case lower --punctuation drop --ngram 3"), kText);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("type/token ratio") != std::string::npos);
  CHECK(r.out.find("most frequent 3-grams") != std::string::npos);
  CHECK(r.out.find("the cat sat") != std::string::npos);
  CHECK(r.out.find("Zipf fit") != std::string::npos);
}

TEST_CASE("cli stats: empty input", "[cli]") {
  const auto r = run(nlp_cmd("stats --format json --summary json"), "");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"documents\": 0, \"tokens\": 0") != std::string::npos);
  CHECK(r.out.find("\"document_length\": null") != std::string::npos);
  CHECK(r.out.find("\"zipf\": null") != std::string::npos);
}

TEST_CASE("cli stats: output is identical for any --threads", "[cli]") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "w" + std::to_string(i % 97) + " x" + std::to_string(i % 13) + " y\n";
  const auto one = run(nlp_cmd("stats -q --format json --batch-size 7 -j 1"), text);
  const auto four = run(nlp_cmd("stats -q --format json --batch-size 7 -j 4"), text);
  CHECK(one.exit_code == 0);
  CHECK(one.out == four.out);
  CHECK(one.out.find("\"documents\": 3000") != std::string::npos);
}

TEST_CASE("cli stats: --svg-dir writes five standalone SVG files and -o the report", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-stats-svg");
  const auto in = dir / "in.txt";
  nlp::test::write_file(in, kText);
  const auto svg = dir / "plots";
  const auto report = dir / "report.json";
  const auto r = run(nlp_cmd("stats -q --format json --svg-dir " + shell_quote(svg.string()) + " -o " +
                             shell_quote(report.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(nlp::test::read_file(report).find("\"documents\": 4") != std::string::npos);
  for (const char* name : {"lengths.svg", "zipf.svg", "top_words.svg", "top_ngrams.svg", "wordcloud.svg"}) {
    INFO(name);
    REQUIRE(fs::exists(svg / name));
    const std::string s = nlp::test::read_file(svg / name);
    CHECK(s.starts_with("<?xml"));
    CHECK(s.find("</svg>") != std::string::npos);
  }
  for (const auto& e : fs::directory_iterator(svg)) CHECK(e.path().extension() == ".svg");  // no temporaries
}

TEST_CASE("cli stats: usage errors exit 2", "[cli]") {
  auto r = run(nlp_cmd("stats --format xml"), "a\n");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("text or json") != std::string::npos);
  r = run(nlp_cmd("stats --case upper"), "a\n");
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli stats: invalid UTF-8 is an error unless replaced", "[cli]") {
  auto r = run(nlp_cmd("stats -q"), "ok\nbad\xFF\n");
  CHECK(r.exit_code == 1);
  r = run(nlp_cmd("stats -q --invalid-utf8 replace --format json -t whitespace"), "ok\nbad\xFF\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"types\": 2") != std::string::npos);
}

TEST_CASE("cli ngrams and collocations: the pipeline filters apply before counting", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-ngrams-pipeline");
  const auto in = dir / "docs.txt";
  nlp::test::write_file(in, "The cat, the Cat and THE cat.\nthe cat sat\n");
  auto r = run(nlp_cmd("ngrams -q -t treebank --case lower --punctuation drop --stopwords en --n 1 --top 0 " +
                       shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "ngram\tcount\tdf\ncat\t4\t2\nsat\t1\t1\n");
  r = run(nlp_cmd("collocations -q -t treebank --normalize-case lower --punctuation drop -m raw_freq --top 1 " +
                  shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("w1\tw2\tcount\tscore\nthe\tcat\t4\t", 0) == 0);
  r = run(nlp_cmd("ngrams --punctuation sometimes " + shell_quote(in.string())));
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli ngrams: --max-memory prunes deterministically and reports the bound", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-ngrams-memory");
  const auto in = dir / "docs.txt";
  std::string text;
  for (int d = 0; d < 3000; ++d) {
    for (int i = 0; i < 12; ++i) text += "w" + std::to_string((d * 7919 + i * 104729) % (i < 3 ? 5 : 20000)) + " ";
    text += "\n";
  }
  nlp::test::write_file(in, text);
  const auto one = run(nlp_cmd("ngrams --summary json --batch-size 64 --top 0 --max-memory 1 " + shell_quote(in.string())));
  REQUIRE(one.exit_code == 0);
  const auto two = run(nlp_cmd("ngrams -q -j 2 --batch-size 64 --top 0 --max-memory 1 " + shell_quote(in.string())));
  REQUIRE(two.exit_code == 0);
  CHECK(one.out == two.out);
  CHECK(one.err.find("\"exact\": false") != std::string::npos);
  CHECK(one.err.find("\"count_error_bound\": 0") == std::string::npos);
  const auto exact = run(nlp_cmd("ngrams --summary json --top 5 " + shell_quote(in.string())));
  CHECK(exact.err.find("\"exact\": true") != std::string::npos);
  CHECK(run(nlp_cmd("ngrams --max-memory 0.5 " + shell_quote(in.string()))).exit_code == 2);
}
