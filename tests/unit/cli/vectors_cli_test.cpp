// `nlp vectors ...` end to end: queries, evaluation, conversion, and the errors for unknown words,
// bad files and bad arguments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// A tiny model: king - man + woman lands on queen.
fs::path model(const fs::path& dir) {
  const fs::path p = dir / "royals.vec";
  t::write_file(p, "5 2\nman 1 0.1\nwoman -1 0.1\nking 1 1\nqueen -1 1\napple 0.2 -1\n");
  return p;
}

std::string vectors(const std::string& args) { return t::nlp_command("vectors " + args); }

}  // namespace

TEST_CASE("vectors cli: similar, analogy and similarity", "[cli][embed]") {
  const auto dir = t::temp_dir("vectors-cli-query");
  const std::string m = "-m " + t::shell_quote(model(dir).string());
  auto r = t::run(vectors("analogy " + m + " -k 1 man king woman"));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, StartsWith("queen\t"));
  r = t::run(vectors("analogy " + m + " --method 3cosmul -k 1 man king woman --format json"));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("\"word\": \"queen\"") && Contains("\"method\": \"3cosmul\""));
  r = t::run(vectors("similar " + m + " -k 2 king woman --negative man"));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, StartsWith("queen\t"));
  r = t::run(vectors("similarity " + m + " king queen man man"));
  CHECK(r.exit_code == 0);
  CHECK(r.out == "king\tqueen\t0.000000\nman\tman\t1.000000\n");
}

TEST_CASE("vectors cli: unknown words, bad files and bad arguments", "[cli][embed]") {
  const auto dir = t::temp_dir("vectors-cli-errors");
  const std::string m = "-m " + t::shell_quote(model(dir).string());
  auto r = t::run(vectors("similar " + m + " prince"));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("\"prince\" is not in the vocabulary (5 words)"));
  CHECK(r.out.empty());
  r = t::run(vectors("analogy " + m + " man king"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("three words"));
  t::write_file(dir / "cut.vec", "2 2\nman 1 0.1\nwoman -1");
  r = t::run(vectors("similar -m " + t::shell_quote((dir / "cut.vec").string()) + " man"));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("cut.vec:3") && Contains("expected 2 values; found 1"));
  r = t::run(vectors("similar -m " + t::shell_quote((dir / "missing.vec").string()) + " man"));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("missing.vec"));
  r = t::run(vectors("evaluate " + m));
  CHECK(r.exit_code == 2);
  t::write_file(dir / "q.txt", "man woman king queen\n");
  r = t::run(vectors("evaluate " + m + " --analogies " + t::shell_quote((dir / "q.txt").string())));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("q.txt:1") && Contains("section"));
}

TEST_CASE("vectors cli: evaluate prints sections and correlations, json too", "[cli][embed]") {
  const auto dir = t::temp_dir("vectors-cli-evaluate");
  const std::string m = "-m " + t::shell_quote(model(dir).string());
  t::write_file(dir / "q.txt", ": royals\nman woman king queen\nman king woman queen\nman woman prince princess\n");
  t::write_file(dir / "p.tsv", "# pairs\nman\twoman\t1\nking\tqueen\t2\nman\tapple\t0.5\nman\tprince\t3\n");
  const std::string files = " --analogies " + t::shell_quote((dir / "q.txt").string()) + " --pairs " +
                            t::shell_quote((dir / "p.tsv").string());
  auto r = t::run(vectors("evaluate " + m + files));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("royals") && Contains("Total accuracy") && Contains("with unknown words 1") &&
                        Contains("3 pairs, unknown 1"));
  r = t::run(vectors("evaluate " + m + files + " --format json -j 2"));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("\"questions\": 3, \"oov\": 1") && Contains("\"pairs\": 3, \"oov\": 1"));
}

TEST_CASE("vectors cli: convert and normalize between formats", "[cli][embed]") {
  const auto dir = t::temp_dir("vectors-cli-convert");
  const std::string in = t::shell_quote(model(dir).string());
  const auto path = [&](const char* name) { return t::shell_quote((dir / name).string()); };
  REQUIRE(t::run(vectors("convert " + in + " " + path("m.bin"))).exit_code == 0);
  REQUIRE(t::run(vectors("convert " + path("m.bin") + " " + path("m.nlpv"))).exit_code == 0);
  REQUIRE(t::run(vectors("convert --to word2vec " + path("m.nlpv") + " " + path("back.vec"))).exit_code == 0);
  CHECK(t::read_file(dir / "back.vec") == "5 2\nman 1 0.1\nwoman -1 0.1\nking 1 1\nqueen -1 1\napple 0.2 -1\n");
  REQUIRE(t::run(vectors("normalize " + in + " " + path("unit.vec"))).exit_code == 0);
  CHECK_THAT(t::read_file(dir / "unit.vec"), Contains("king 0.70710677 0.70710677"));
  const auto r = t::run(vectors("convert " + in));
  CHECK(r.exit_code == 2);
}

TEST_CASE("train word2vec cli: reproducible with one thread, clear errors, no partial outputs", "[cli][embed]") {
  const auto dir = t::temp_dir("train-word2vec-cli");
  std::string corpus;
  for (int i = 0; i < 400; ++i)
    corpus += i % 2 ? "the cat sat on the mat with a hat\n" : "a dog ran in the park with a ball\n";
  t::write_file(dir / "c.txt", corpus);
  const auto in = t::shell_quote((dir / "c.txt").string());
  const auto out = [&](const char* name) { return t::shell_quote((dir / name).string()); };
  const std::string common = "train word2vec --dim 8 --epochs 2 --min-count 2 --seed 7 -q --summary none -i " + in;
  auto r = t::run(t::nlp_command(common + " -o " + out("a")));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(t::run(t::nlp_command(common + " -o " + out("b") + " --binary")).exit_code == 0);
  CHECK(t::read_file(dir / "a.vec") == t::read_file(dir / "b.vec"));
  CHECK(t::read_file(dir / "a.vec").starts_with("13 8\n"));
  CHECK(fs::exists(dir / "a.nlpv"));
  CHECK(fs::exists(dir / "b.bin"));
  CHECK_FALSE(fs::exists(dir / "a.bin"));
  // The model file keeps the training options; the vectors answer queries.
  r = t::run(t::nlp_command("vectors similar -m " + out("a.nlpv") + " -k 3 cat"));
  CHECK(r.exit_code == 0);
  // A JSON summary by default.
  r = t::run(t::nlp_command("train word2vec --dim 8 --epochs 1 --min-count 2 -q -i " + in + " -o " + out("c")));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("\"vocabulary\": 13") && Contains("\"words_per_second\""));
  // Nothing above min_count: an error, and no output files.
  r = t::run(t::nlp_command("train word2vec --min-count 100000 -q -i " + in + " -o " + out("d")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("lower --min-count"));
  CHECK_FALSE(fs::exists(dir / "d.vec"));
  t::write_file(dir / "empty.txt", "");
  r = t::run(t::nlp_command("train word2vec -q -i " + out("empty.txt") + " -o " + out("e")));
  CHECK(r.exit_code == 1);
  CHECK_FALSE(fs::exists(dir / "e.vec"));
  r = t::run(t::nlp_command("train word2vec -q -i " + in + " -o " + out("missing/f")));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("train word2vec -q --negative 0 -i " + in + " -o " + out("g")));
  CHECK(r.exit_code == 2);
  t::write_file(dir / "bad.txt", "fine words\nbad \xFF byte\n");
  r = t::run(t::nlp_command("train word2vec -q -i " + out("bad.txt") + " -o " + out("h")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("bad.txt:2"));
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().string().find(".tmp") == std::string::npos);
}

TEST_CASE("train glove and fasttext cli: outputs, reproducibility, errors", "[cli][embed]") {
  const auto dir = t::temp_dir("train-glove-cli");
  std::string corpus;
  for (int i = 0; i < 300; ++i) corpus += i % 2 ? "the cat sat on the mat\n" : "a dog ran in the park\n";
  t::write_file(dir / "c.txt", corpus);
  const auto in = t::shell_quote((dir / "c.txt").string());
  const auto out = [&](const char* name) { return t::shell_quote((dir / name).string()); };
  const std::string glove = "train glove --dim 8 --epochs 3 --window 3 --min-count 2 -q --summary none -i " + in;
  REQUIRE(t::run(t::nlp_command(glove + " -o " + out("g1"))).exit_code == 0);
  REQUIRE(t::run(t::nlp_command(glove + " -o " + out("g2"))).exit_code == 0);
  CHECK(t::read_file(dir / "g1.vec") == t::read_file(dir / "g2.vec"));
  CHECK(t::read_file(dir / "g1.vec").starts_with("10 8\n"));
  // Beyond --memory the co-occurrences go through temporary files (removed after): same vectors.
  std::string wide;
  for (int i = 0; i < 2000; ++i)
    for (const int m : {97, 89, 83, 79}) wide += "w" + std::to_string(i % m) + (m == 79 ? "\n" : " ");
  t::write_file(dir / "wide.txt", wide);
  const std::string spill = "train glove --dim 8 --epochs 2 --window 3 --min-count 1 -q --summary none -i " +
                            t::shell_quote((dir / "wide.txt").string());
  REQUIRE(t::run(t::nlp_command(spill + " -o " + out("g3"))).exit_code == 0);
  auto r = t::run(t::nlp_command(spill + " --memory 0.001 -o " + out("g3m")));
  REQUIRE(r.exit_code == 0);
  CHECK(t::read_file(dir / "g3.vec") == t::read_file(dir / "g3m.vec"));
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().string().find(".tmp") == std::string::npos);
  CHECK(t::run(t::nlp_command(glove + " --window 30 -o " + out("g4"))).exit_code == 2);
  // fastText-style: unknown words get vectors from the model file, not from the .vec.
  REQUIRE(t::run(t::nlp_command("train fasttext --dim 8 --epochs 2 --min-count 2 --bucket 1000 -q --summary none -i " +
                                in + " -o " + out("f")))
              .exit_code == 0);
  r = t::run(t::nlp_command("vectors similar -m " + out("f.nlpv") + " -k 2 cats"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.size() > 0);
  r = t::run(t::nlp_command("vectors similarity -m " + out("f.nlpv") + " cats cat"));
  CHECK(r.exit_code == 0);
  r = t::run(t::nlp_command("vectors analogy -m " + out("f.nlpv") + " -k 3 dog dogs cats"));  // two unknown words
  CHECK(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);
  r = t::run(t::nlp_command("vectors similar -m " + out("f.nlpv") + " -k 3 mat --negative dogs"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("mat") == std::string::npos);
  r = t::run(t::nlp_command("vectors similar -m " + out("f.vec") + " cats"));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("subword model"));
}
