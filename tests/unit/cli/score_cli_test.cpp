// `nlp score` and `nlp compare` end to end: input forms, output forms, and the errors for
// mismatched counts, empty references, invalid UTF-8 and malformed JSON.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <rapidjson/document.h>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string q(const fs::path& p) { return t::shell_quote(p.string()); }

rapidjson::Document parse_json(const std::string& s) {
  rapidjson::Document d;
  d.Parse(s.c_str(), s.size());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

struct Files {
  fs::path dir, hyp, ref, ref2, other;
};

Files three_lines(const std::string& name) {
  Files f;
  f.dir = t::temp_dir(name);
  f.hyp = f.dir / "hyp.txt";
  f.ref = f.dir / "ref.txt";
  f.ref2 = f.dir / "ref2.txt";
  f.other = f.dir / "other.txt";
  t::write_file(f.hyp, "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
  t::write_file(f.ref, "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
  t::write_file(f.ref2, "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n");
  t::write_file(f.other, "A dog bites a man.\nNo surprise there.\nThe man bit back.\n");
  return f;
}

}  // namespace

TEST_CASE("score cli: every metric prints its line with the signature and json with every statistic", "[cli][metrics]") {
  const Files f = three_lines("score-cli-all");
  for (const char* metric : {"bleu", "chrf", "ter", "rouge", "meteor", "cider"}) {
    INFO(metric);
    auto r = t::run(t::nlp_command(std::string("score ") + metric + " --ref " + q(f.ref) + " --ref " + q(f.ref2) + " " + q(f.hyp)));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("|") && Contains(" = "));
    r = t::run(t::nlp_command(std::string("score ") + metric + " -f json --ref " + q(f.ref) + " " + q(f.hyp)));
    REQUIRE(r.exit_code == 0);
    const rapidjson::Document d = parse_json(r.out);
    const rapidjson::Value& first = d.IsArray() ? d[0] : d;
    CHECK(first["score"].IsNumber());
    CHECK(first["signature"].IsString());
    CHECK(first["segments"].GetUint64() == 3);
    CHECK(first["statistics"].IsObject());
  }
}

TEST_CASE("score cli: a hypothesis identical to its reference scores 100 BLEU and 0 TER", "[cli][metrics]") {
  const Files f = three_lines("score-cli-identical");
  auto r = t::run(t::nlp_command("score bleu -f json --ref " + q(f.ref) + " " + q(f.ref)));
  REQUIRE(r.exit_code == 0);
  CHECK(parse_json(r.out)["score"].GetDouble() == Approx(100.0));
  r = t::run(t::nlp_command("score ter -f json --ref " + q(f.ref)) + " < " + q(f.ref));
  REQUIRE(r.exit_code == 0);
  CHECK(parse_json(r.out)["score"].GetDouble() == 0.0);
}

TEST_CASE("score cli: sentence level gives one score per segment", "[cli][metrics]") {
  const Files f = three_lines("score-cli-sentence");
  auto r = t::run(t::nlp_command("score bleu --sentence-level --ref " + q(f.ref) + " " + q(f.hyp)));
  REQUIRE(r.exit_code == 0);
  std::size_t lines = 0;
  for (const char c : r.out) lines += c == '\n';
  CHECK(lines == 4);  // the corpus line and three segments
  r = t::run(t::nlp_command("score chrf --sentence-level -f json --ref " + q(f.ref) + " " + q(f.hyp)));
  REQUIRE(r.exit_code == 0);
  CHECK(parse_json(r.out)["sentence_scores"].Size() == 3);
}

TEST_CASE("score cli: the bootstrap interval is seeded and independent of threads", "[cli][metrics]") {
  const Files f = three_lines("score-cli-ci");
  const std::string base = "score bleu --confidence --confidence-n 200 -f json --ref " + q(f.ref) + " " + q(f.hyp);
  const auto one = t::run(t::nlp_command(base + " -j 1"));
  const auto two = t::run(t::nlp_command(base + " -j 2"));
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == two.out);
  const rapidjson::Document d = parse_json(one.out);
  CHECK(d["confidence"]["resamples"].GetUint64() == 200);
  CHECK(d["confidence"]["seed"].GetUint64() == 12345);
  CHECK(d["confidence"]["ci"].GetDouble() >= 0);
  const auto other_seed = t::run(t::nlp_command(base + " --seed 7"));
  CHECK(other_seed.exit_code == 0);
}

TEST_CASE("score cli: mismatched counts, empty references and invalid UTF-8 are errors naming the file", "[cli][metrics]") {
  const Files f = three_lines("score-cli-errors");
  const fs::path short_ref = f.dir / "short.txt", empty_ref = f.dir / "empty-line.txt", bad = f.dir / "bad.txt";
  t::write_file(short_ref, "one line\ntwo lines\n");
  t::write_file(empty_ref, "a\n\nc\n");
  t::write_file(bad, "ok\nbad \xff byte\nok\n");
  auto r = t::run(t::nlp_command("score bleu --ref " + q(short_ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("hyp.txt has 3 segments") && Contains("short.txt has 2"));
  r = t::run(t::nlp_command("score bleu --ref " + q(f.ref) + " --ref " + q(short_ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("short.txt has 2 segments"));
  r = t::run(t::nlp_command("score chrf --ref " + q(empty_ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("empty-line.txt:2") && Contains("empty reference"));
  r = t::run(t::nlp_command("score chrf --allow-empty-refs --ref " + q(empty_ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 0);
  r = t::run(t::nlp_command("score bleu --ref " + q(f.ref) + " " + q(bad)));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("bad.txt:2") && Contains("invalid UTF-8"));
  r = t::run(t::nlp_command("score bleu --ref " + q(f.dir / "missing.txt") + " " + q(f.hyp)));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("missing.txt"));
  r = t::run(t::nlp_command("score bleu " + q(f.hyp)));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--ref"));
  r = t::run(t::nlp_command("score bleu -t no-such --ref " + q(f.ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 2);
  // A failed run leaves no output file.
  const fs::path out = f.dir / "out.json";
  r = t::run(t::nlp_command("score bleu -o " + q(out) + " --ref " + q(short_ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 1);
  CHECK_FALSE(fs::exists(out));
  r = t::run(t::nlp_command("score bleu -o " + q(out) + " --ref " + q(f.ref) + " " + q(f.hyp)));
  CHECK(r.exit_code == 0);
  CHECK_THAT(t::read_file(out), StartsWith("BLEU|nrefs:1|"));
}

TEST_CASE("score cli: tsv and jsonl fields give the same scores as text files", "[cli][metrics]") {
  const Files f = three_lines("score-cli-fields");
  const auto hyps = t::read_lines(f.hyp), refs = t::read_lines(f.ref), refs2 = t::read_lines(f.ref2);
  std::string tsv = "id\thyp\tref\tref2\n", jsonl;
  for (std::size_t i = 0; i < hyps.size(); ++i) {
    tsv += std::to_string(i) + "\t" + hyps[i] + "\t" + refs[i] + "\t" + refs2[i] + "\n";
    jsonl += "{\"out\": \"" + hyps[i] + "\", \"gold\": [\"ignored\"], \"a\": \"" + refs[i] + "\", \"b\": \"" + refs2[i] + "\"}\n";
  }
  t::write_file(f.dir / "pairs.tsv", tsv);
  t::write_file(f.dir / "pairs.jsonl", jsonl);
  const auto text = t::run(t::nlp_command("score bleu -f json --ref " + q(f.ref) + " --ref " + q(f.ref2) + " " + q(f.hyp)));
  const auto from_tsv = t::run(t::nlp_command("score bleu -f json --input-format tsv --ref-field ref --ref-field ref2 " +
                                              q(f.dir / "pairs.tsv")));
  const auto from_jsonl = t::run(t::nlp_command(
      "score bleu -f json --input-format jsonl --hyp-field out --ref-field a --ref-field b " + q(f.dir / "pairs.jsonl")));
  REQUIRE(text.exit_code == 0);
  REQUIRE(from_tsv.exit_code == 0);
  REQUIRE(from_jsonl.exit_code == 0);
  CHECK(from_tsv.out == text.out);
  CHECK(from_jsonl.out == text.out);
  const auto missing = t::run(t::nlp_command("score bleu --input-format jsonl --hyp-field nope --ref-field a " +
                                             q(f.dir / "pairs.jsonl")));
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Contains("pairs.jsonl:1"));
  const auto with_ref = t::run(t::nlp_command("score bleu --input-format tsv --ref " + q(f.ref) + " " + q(f.dir / "pairs.tsv")));
  CHECK(with_ref.exit_code == 2);
}

TEST_CASE("score cli: coco captions are matched by image id", "[cli][metrics]") {
  const auto dir = t::temp_dir("score-cli-coco");
  t::write_file(dir / "ann.json",
                "{\"annotations\": [{\"image_id\": 1, \"caption\": \"a dog runs on the grass\"},"
                " {\"image_id\": 2, \"caption\": \"two cats sleep\"}, {\"image_id\": 1, \"caption\": \"a brown dog running\"},"
                " {\"image_id\": 2, \"caption\": \"cats sleeping on a sofa\"}]}");
  t::write_file(dir / "res.json",
                "[{\"image_id\": 2, \"caption\": \"two cats sleeping\"}, {\"image_id\": 1, \"caption\": \"a dog running\"}]");
  t::write_file(dir / "hyp.txt", "a dog running\ntwo cats sleeping\n");
  t::write_file(dir / "r1.txt", "a dog runs on the grass\ntwo cats sleep\n");
  t::write_file(dir / "r2.txt", "a brown dog running\ncats sleeping on a sofa\n");
  const auto coco = t::run(t::nlp_command("score cider -f json --input-format coco --ref " + q(dir / "ann.json") + " " +
                                          q(dir / "res.json")));
  const auto text = t::run(t::nlp_command("score cider -f json --ref " + q(dir / "r1.txt") + " --ref " + q(dir / "r2.txt") +
                                          " " + q(dir / "hyp.txt")));
  REQUIRE(coco.exit_code == 0);
  REQUIRE(text.exit_code == 0);
  CHECK(coco.out == text.out);
  t::write_file(dir / "partial.json", "[{\"image_id\": 2, \"caption\": \"two cats sleeping\"}]");
  auto r = t::run(t::nlp_command("score cider --input-format coco --ref " + q(dir / "ann.json") + " " + q(dir / "partial.json")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("image 1") && Contains("no result caption"));
  t::write_file(dir / "broken.json", "[{\"image_id\": 2, \"caption\": ");
  r = t::run(t::nlp_command("score cider --input-format coco --ref " + q(dir / "ann.json") + " " + q(dir / "broken.json")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("broken.json") && Contains("malformed JSON"));
}

TEST_CASE("score cli: rouge reads sentence breaks from a marker", "[cli][metrics]") {
  const auto dir = t::temp_dir("score-cli-rouge-marker");
  t::write_file(dir / "hyp.txt", "the cat sat.<n>it was happy.\n");
  t::write_file(dir / "ref.txt", "it was happy.<n>the cat sat on the mat.\n");
  const auto marked = t::run(t::nlp_command("score rouge --types rougeLsum -f json --newline-marker '<n>' --ref " +
                                            q(dir / "ref.txt") + " " + q(dir / "hyp.txt")));
  const auto plain = t::run(t::nlp_command("score rouge --types rougeLsum -f json --ref " + q(dir / "ref.txt") + " " +
                                           q(dir / "hyp.txt")));
  REQUIRE(marked.exit_code == 0);
  REQUIRE(plain.exit_code == 0);
  // Split into sentences, both sentences of the hypothesis find their match.
  CHECK(parse_json(marked.out)["score"].GetDouble() > parse_json(plain.out)["score"].GetDouble());
}

TEST_CASE("compare cli: a table of systems against the baseline with p-values in every format", "[cli][metrics]") {
  const Files f = three_lines("compare-cli");
  const std::string base = "compare --ref " + q(f.ref) + " --baseline " + q(f.hyp) + " " + q(f.other) + " " + q(f.ref2) +
                           " --metrics bleu,chrf,ter,rougeL --paired-bs 100";
  auto r = t::run(t::nlp_command(base));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("Baseline: hyp.txt") && Contains("other.txt") && Contains("p = "));
  r = t::run(t::nlp_command(base + " -f json"));
  REQUIRE(r.exit_code == 0);
  const rapidjson::Document d = parse_json(r.out);
  CHECK(std::string(d["test"].GetString()) == "paired-bs");
  REQUIRE(d["systems"].Size() == 3);
  CHECK(d["systems"][0]["baseline"].GetBool());
  CHECK(d["systems"][0]["scores"]["BLEU"]["p_value"].IsNull());
  const double p = d["systems"][1]["scores"]["BLEU"]["p_value"].GetDouble();
  CHECK(p > 0);
  CHECK(p <= 1);
  for (const char* fmt_name : {"markdown", "latex"}) {
    r = t::run(t::nlp_command(base + " -f " + fmt_name));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("other.txt"));
  }
  const auto ar1 = t::run(t::nlp_command("compare --ref " + q(f.ref) + " -b " + q(f.hyp) + " " + q(f.other) +
                                         " --paired-ar 500 -f json -j 1"));
  const auto ar2 = t::run(t::nlp_command("compare --ref " + q(f.ref) + " -b " + q(f.hyp) + " " + q(f.other) +
                                         " --paired-ar 500 -f json -j 2"));
  REQUIRE(ar1.exit_code == 0);
  CHECK(ar1.out == ar2.out);
  r = t::run(t::nlp_command("compare --ref " + q(f.ref) + " -b " + q(f.hyp)));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("compare --ref " + q(f.ref) + " -b " + q(f.hyp) + " " + q(f.other) + " --metrics bleu,nope"));
  CHECK(r.exit_code == 2);
  r = t::run(t::nlp_command("compare --ref " + q(f.ref) + " -b " + q(f.hyp) + " " + q(f.other) + " --paired-bs --paired-ar"));
  CHECK(r.exit_code == 2);
}

TEST_CASE("score cli: damaged WordNet files are an error naming the file", "[cli][metrics]") {
  if (!fs::exists("/usr/share/wordnet/data.noun")) t::skip("WordNet 3.0 (Debian wordnet-base) is not installed");
  const auto dir = t::temp_dir("score-cli-wordnet");
  const fs::path wn = dir / "wordnet";
  fs::create_directories(wn);
  for (const auto& e : fs::directory_iterator("/usr/share/wordnet"))
    if (e.is_regular_file()) fs::copy_file(e.path(), wn / e.path().filename());
  const std::string noun = t::read_file(wn / "data.noun");
  t::write_file(wn / "data.noun", noun.substr(0, 100000));  // cut: index.noun points past the end
  t::write_file(dir / "hyp.txt", "cat\n");
  t::write_file(dir / "ref.txt", "dog\n");
  const auto r = t::run(t::nlp_command("score meteor --wordnet-dir " + q(wn) + " --ref " + q(dir / "ref.txt") + " " + q(dir / "hyp.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("data.noun") && Contains("no synset line"));
}

TEST_CASE("score cli: empty inputs and over-long lines are errors without misleading hints", "[cli][metrics]") {
  const auto dir = t::temp_dir("score-cli-empty");
  t::write_file(dir / "empty.txt", "");
  t::write_file(dir / "long.txt", std::string(5000, 'a') + "\n");
  t::write_file(dir / "bad.jsonl", "{\"hyp\": \"a\", \"ref\": \"b\"}\n{\"hyp\": \"a\", \"ref\": \n");
  auto r = t::run(t::nlp_command("score bleu --ref " + q(dir / "empty.txt") + " " + q(dir / "empty.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("empty.txt: no segment"));
  r = t::run(t::nlp_command("compare --ref " + q(dir / "empty.txt") + " -b " + q(dir / "empty.txt") + " " + q(dir / "empty.txt")));
  CHECK(r.exit_code == 1);
  r = t::run(t::nlp_command("score chrf --max-line-bytes 1000 --ref " + q(dir / "long.txt") + " " + q(dir / "long.txt")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("long.txt:1") && Contains("--max-line-bytes"));
  CHECK(r.err.find("--on-error") == std::string::npos);
  r = t::run(t::nlp_command("score bleu --input-format jsonl " + q(dir / "bad.jsonl")));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("bad.jsonl:2"));
  CHECK(r.err.find("--on-error") == std::string::npos);
}
