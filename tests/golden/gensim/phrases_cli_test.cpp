// `nlp phrases` as a command: saved models reproduce the learned rewrite, the thread count does
// not change the output, and bad input, bad models and conflicting options fail with a message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;

namespace {

// A small corpus with repeated multi-word names, connector words and non-ASCII words. gensim
// learns from it (min_count=3, threshold=1, ENGLISH_CONNECTOR_WORDS, two passes) the rewrite
// "new_york_city_hall is_near_the_bank_of_america" of its second line.
std::string corpus() {
  std::string s;
  for (int i = 0; i < 40; ++i) {
    s += "the bank of america opened in new york city hall\n";
    s += "new york city hall is near the bank of america\n";
    s += "café au lait in new york\n";
    s += "word" + std::to_string(i) + " other" + std::to_string(i % 7) + " naïve café\n";
  }
  // Words seen once make the vocabulary large enough for the default score to exceed 1.
  for (int i = 0; i < 300; ++i) {
    const std::string n = std::to_string(i);
    s += "alpha" + n + " beta" + n + " gamma" + n + "\n";
  }
  s += "\n";  // an empty document stays an empty line
  return s;
}

std::string q(const fs::path& p) { return t::shell_quote(p.string()); }

}  // namespace

TEST_CASE("phrases command: a saved model rewrites as the learning run did and saves back identically",
          "[phrases][cli]") {
  const fs::path dir = t::temp_dir("phrases-cli-model");
  t::write_file(dir / "in.txt", corpus());
  const std::string learn = "phrases -q --min-count 3 --threshold 1 --connector-words english --passes 2";
  auto r = t::run(t::nlp_command(learn + " --model-out " + q(dir / "m.json") + " --export " + q(dir / "p.tsv") +
                                 " -o " + q(dir / "learned.txt") + " " + q(dir / "in.txt")));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string learned = t::read_file(dir / "learned.txt");
  CHECK(learned.find("bank_of_america") != std::string::npos);
  CHECK(learned.find("\nnew_york_city_hall is_near_the_bank_of_america\n") != std::string::npos);
  CHECK(std::count(learned.begin(), learned.end(), '\n') == 461);
  CHECK(learned.substr(learned.size() - 2) == "\n\n");

  r = t::run(t::nlp_command("phrases -q --model " + q(dir / "m.json") + " --model-out " + q(dir / "m2.json") +
                            " --threads 3 " + q(dir / "in.txt")));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == learned);
  CHECK(t::read_file(dir / "m2.json") == t::read_file(dir / "m.json"));

  // The export is sorted by pass, then score descending, then phrase.
  const auto rows = t::read_lines(dir / "p.tsv");
  REQUIRE(rows.size() > 2);
  CHECK(rows[0] == "phrase\tscore\tpass");
  for (std::size_t i = 2; i < rows.size(); ++i) {
    const auto a = rows[i - 1], b = rows[i];
    const auto ta = a.find('\t'), tb = b.find('\t');
    const double sa = std::stod(a.substr(ta + 1)), sb = std::stod(b.substr(tb + 1));
    const char pa = a.back(), pb = b.back();
    INFO(a << " / " << b);
    CHECK((pa < pb || (pa == pb && (sa > sb || (sa == sb && a.substr(0, ta) < b.substr(0, tb))))));
  }
}

TEST_CASE("phrases command: the output does not depend on --threads or --batch-size", "[phrases][cli]") {
  const fs::path dir = t::temp_dir("phrases-cli-threads");
  std::string text;
  for (int i = 0; i < 30; ++i) text += corpus();
  t::write_file(dir / "in.txt", text);
  const std::string base = "phrases -q --min-count 2 --threshold 0.2 --scoring npmi --connector-words english ";
  const auto one = t::run(t::nlp_command(base + "--threads 1 " + q(dir / "in.txt")));
  const auto three = t::run(t::nlp_command(base + "--threads 3 --batch-size 7 " + q(dir / "in.txt")));
  REQUIRE(one.exit_code == 0);
  REQUIRE(three.exit_code == 0);
  CHECK(one.out == three.out);
  CHECK(one.out.find("bank_of_america") != std::string::npos);
}

TEST_CASE("phrases command: bad input, bad models and conflicting options fail clearly", "[phrases][cli]") {
  const fs::path dir = t::temp_dir("phrases-cli-errors");
  t::write_file(dir / "empty.txt", "");
  auto r = t::run(t::nlp_command("phrases " + q(dir / "empty.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("empty.txt") && Catch::Contains("the input is empty"));

  r = t::run(t::nlp_command("phrases"), "   \n\t\n");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no tokens"));

  t::write_file(dir / "bad.txt", "fine line\nbad \xC3\x28 byte\n");
  r = t::run(t::nlp_command("phrases " + q(dir / "bad.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("bad.txt:2:5") && Catch::Contains("invalid UTF-8"));

  t::write_file(dir / "in.txt", corpus());
  r = t::run(t::nlp_command("phrases -q --min-count 2 --threshold 1 --model-out " + q(dir / "m.json") + " -o " +
                            q(dir / "out.txt") + " " + q(dir / "in.txt")));
  REQUIRE(r.exit_code == 0);
  const std::string model = t::read_file(dir / "m.json");
  t::write_file(dir / "cut.json", model.substr(0, model.size() / 2));
  r = t::run(t::nlp_command("phrases --model " + q(dir / "cut.json") + " " + q(dir / "in.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("cut.json: byte ") && Catch::Contains("file is truncated"));
  t::write_file(dir / "garbage.json", "{\"format\": \"nlp.phrases\" \"x\"}");
  r = t::run(t::nlp_command("phrases --model " + q(dir / "garbage.json") + " " + q(dir / "in.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("garbage.json: byte 25: not valid JSON"));

  r = t::run(t::nlp_command("phrases --model " + q(dir / "m.json") + " --min-count 3 " + q(dir / "in.txt")));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("drop --min-count"));
  r = t::run(t::nlp_command("phrases --model " + q(dir / "m.json") + " -t regex " + q(dir / "in.txt")));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("phrases --scoring npmi " + q(dir / "in.txt")));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("between -1 and 1"));
  r = t::run(t::nlp_command("phrases --threshold 0 " + q(dir / "in.txt")));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("phrases --delimiter '' " + q(dir / "in.txt")));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("phrases --passes 0 " + q(dir / "in.txt")));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("phrases --connector-words " + q(dir / "missing.txt") + " " + q(dir / "in.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("missing.txt"));
}

TEST_CASE("phrases command: a connector word file and a custom delimiter", "[phrases][cli]") {
  const fs::path dir = t::temp_dir("phrases-cli-connectors");
  t::write_file(dir / "in.txt", corpus());
  t::write_file(dir / "conn.txt", "\xEF\xBB\xBF# connector words\r\nof\r\nthe\r\n\r\n");
  const auto r = t::run(t::nlp_command("phrases -q --min-count 3 --threshold 1 --delimiter '+' --connector-words " +
                                       q(dir / "conn.txt") + " " + q(dir / "in.txt")));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("bank+of+america") != std::string::npos);
  CHECK(r.out.find("bank_of") == std::string::npos);
}
