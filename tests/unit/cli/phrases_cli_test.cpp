// End-to-end tests of `nlp phrases`: learning, models, passes, errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::test::run;
using nlp::test::shell_quote;

namespace {
const auto nlp_cmd = nlp::test::nlp_command;

std::string corpus() {
  std::string text;
  for (int i = 0; i < 30; ++i)
    text += "the mayor of New York met the bank of america board in new york city today number " +
            std::to_string(i) + "\n";
  return text;
}
}  // namespace

TEST_CASE("cli phrases: learned phrases rewrite the corpus and a saved model does the same", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-phrases");
  const auto in = dir / "docs.txt", out = dir / "out.txt", model = dir / "p.json", again = dir / "again.txt",
             tsv = dir / "p.tsv";
  nlp::test::write_file(in, corpus());
  auto r = run(nlp_cmd("phrases --summary json --case lower --min-count 2 --threshold 1 --connector-words english "
                       "--model-out " + shell_quote(model.string()) + " --export " + shell_quote(tsv.string()) +
                       " -o " + shell_quote(out.string()) + " " + shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  const std::string joined = nlp::test::read_file(out);
  // gensim 4.2 on the same tokens: the mayor_of_new york_met the bank_of_america board_in_new ...
  CHECK(joined.rfind("the mayor_of_new york_met the bank_of_america board_in_new york_city today_number 0\n", 0) == 0);
  CHECK(std::count(joined.begin(), joined.end(), '\n') == 30);
  CHECK(nlp::test::read_file(tsv).rfind("layer\tphrase\tscore\n1\t", 0) == 0);
  CHECK(r.err.find("\"phrases\":") != std::string::npos);
  r = run(nlp_cmd("phrases -q -j 2 --model " + shell_quote(model.string()) + " -o " + shell_quote(again.string()) +
                  " " + shell_quote(in.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(nlp::test::read_file(again) == joined);
  // The model keeps the preprocessing: uppercase input is lowercased as at learning time.
  r = run(nlp_cmd("phrases -q --model " + shell_quote(model.string())), "THE BANK OF AMERICA\n");
  CHECK(r.out == "the bank_of_america\n");
}

TEST_CASE("cli phrases: two passes build longer phrases", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-phrases-passes");
  const auto in = dir / "docs.txt";
  std::string text;
  for (int i = 0; i < 40; ++i) text += "alpha beta gamma delta x" + std::to_string(i) + "\n";
  nlp::test::write_file(in, text);
  const auto one = run(nlp_cmd("phrases -q --min-count 2 --threshold 1 " + shell_quote(in.string())));
  const auto two = run(nlp_cmd("phrases -q --min-count 2 --threshold 1 --passes 2 " + shell_quote(in.string())));
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK(one.out.rfind("alpha_beta gamma_delta x0\n", 0) == 0);
  CHECK(two.out.rfind("alpha_beta_gamma_delta x0\n", 0) == 0);
}

TEST_CASE("cli phrases: bad options, models and input", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-phrases-bad");
  const auto in = dir / "docs.txt", out = dir / "out.txt", model = dir / "p.json";
  nlp::test::write_file(in, corpus());
  REQUIRE(run(nlp_cmd("phrases -q --min-count 2 --model-out " + shell_quote(model.string()) + " -o " +
                      shell_quote((dir / "first.txt").string()) + " " + shell_quote(in.string())))
              .exit_code == 0);
  for (const std::string& args :
       {std::string("phrases --scoring npmi --threshold 2"), std::string("phrases --threshold 0"),
        std::string("phrases --min-count 0"), std::string("phrases --scoring pmi"), std::string("phrases --passes 0"),
        "phrases --min-count 3 --model " + shell_quote(model.string()), std::string("phrases --delimiter ''")}) {
    INFO(args);
    const auto r = run(nlp_cmd(args + " -o " + shell_quote(out.string()) + " " + shell_quote(in.string())));
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(out));
  }
  nlp::test::write_file(dir / "bad.json", "{\"format\": \"nlp.phrases\", \"format_version\": 1, \"pipeline\": {}, \"layers\": [");
  auto r = run(nlp_cmd("phrases --model " + shell_quote((dir / "bad.json").string()) + " -o " +
                       shell_quote(out.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.json") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  nlp::test::write_file(dir / "utf8.txt", "fine\nbroken \xC3( here\n");
  r = run(nlp_cmd("phrases -o " + shell_quote(out.string()) + " " + shell_quote((dir / "utf8.txt").string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("utf8.txt:2") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  r = run(nlp_cmd("phrases -q -o " + shell_quote(out.string())), "");
  CHECK(r.exit_code == 0);
  CHECK(nlp::test::read_file(out).empty());
}
