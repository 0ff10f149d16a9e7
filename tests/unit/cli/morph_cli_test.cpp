// End-to-end tests of `nlp stem`, `nlp lemmatize` and `nlp eval lemmatize`: outputs, exit codes
// and error messages.
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

TEST_CASE("cli stem: one stem per word line and stems of every word of a longer line", "[cli]") {
  auto r = run(nlp_cmd("stem -q"), "running\nCats chased mice\n\nGenerously\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "run\ncat chase mice\n\ngenerous\n");
  r = run(nlp_cmd("stem -q --lang es"), "corriendo\ncanciones\r\n");
  CHECK(r.out == "corr\ncancion\n");
  r = run(nlp_cmd("stem -q -a snowball --lang porter"), "generalizations\n");
  CHECK(r.out == "gener\n");
  r = run(nlp_cmd("stem -q --tokenizer treebank"), "Don't stop running.\n");
  CHECK(r.out == "do n't stop run .\n");
}

TEST_CASE("cli stem: empty input and the summary", "[cli]") {
  const auto r = run(nlp_cmd("stem --summary json"), "");
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("\"documents\": 0") != std::string::npos);
}

TEST_CASE("cli stem: unknown languages and algorithms are usage errors listing the choices", "[cli]") {
  auto r = run(nlp_cmd("stem --lang tlh"), "x\n");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("spanish") != std::string::npos);
  r = run(nlp_cmd("stem --algorithm krovetz"), "x\n");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("snowball, porter2, porter or lancaster") != std::string::npos);
  r = run(nlp_cmd("stem --mode martin"), "x\n");
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli stem: invalid UTF-8 follows the text-core policy and leaves no output", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-stem-utf8");
  const auto in = dir / "words.txt";
  nlp::test::write_file(in, "running\nbad\xFFword\n");
  const auto out = dir / "stems.txt";
  auto r = run(nlp_cmd("stem -o " + shell_quote(out.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("words.txt:2:4 (byte 11)") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  r = run(nlp_cmd("stem -q --invalid-utf8 skip -o " + shell_quote(out.string()) + " " + shell_quote(in.string())));
  CHECK(r.exit_code == 0);
  CHECK(nlp::test::read_file(out) == "run\nbadword\n");
}

TEST_CASE("cli stem: output is identical for any thread count", "[cli]") {
  std::string input;
  for (int i = 0; i < 3000; ++i) input += "connection" + std::to_string(i % 17) + " generalizations running\n";
  const auto one = run(nlp_cmd("stem -q --threads 1 --batch-size 5"), input);
  const auto three = run(nlp_cmd("stem -q --threads 3 --batch-size 5"), input);
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == three.out);
}

TEST_CASE("cli preprocess: --stem is the last stage and is stored in the configuration", "[cli]") {
  auto r = run(nlp_cmd("preprocess -q -t treebank --case lower --stopwords en --stem porter2"),
               "The dogs were Running quickly.\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "dog run quick .\n");
  r = run(nlp_cmd("preprocess --stem snowball --lang es --print-config"));
  CHECK(r.out.find("\"id\": \"snowball-spanish-libstemmer\"") != std::string::npos);
  r = run(nlp_cmd("preprocess --stem-mode original"), "x\n");
  CHECK(r.exit_code == 2);
}

namespace {
// A small treebank written for these tests.
const char* kTreebank =
    "# sent_id = 1\n# text = Los gatos comían.\n"
    "1\tLos\tel\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tgatos\tgato\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tcomían\tcomer\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n\n"
    "# sent_id = 2\n# text = Las casas bebían.\n"
    "1\tLas\tel\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tcasas\tcasa\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tbebían\tbeber\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n\n";
}  // namespace

TEST_CASE("cli lemmatize train: a model from CoNLL-U lemmatizes and evaluates", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-lemma-train");
  const auto tb = dir / "tb.conllu", model = dir / "es.lemma";
  nlp::test::write_file(tb, kTreebank);
  auto r = run(nlp_cmd("lemmatize train --conllu " + shell_quote(tb.string()) + " --lang es -o " +
                       shell_quote(model.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("8 examples") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "es.lemma.tmp"));
  r = run(nlp_cmd("lemmatize -q --model " + shell_quote(model.string()) + " --pos-column"),
          "gatos\tNOUN\nperros\tNOUN\ncomían\tVERB\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "gato\nperro\ncomer\n");
  r = run(nlp_cmd("eval lemmatize --gold " + shell_quote(tb.string()) + " --lang es --use-gold-pos --format json --model " +
                  shell_quote(model.string())));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"accuracy\":1.0") != std::string::npos);
  CHECK(r.out.find("\"words\":8") != std::string::npos);
}

TEST_CASE("cli lemmatize: bad tags and bad files are errors with positions", "[cli]") {
  const auto dir = nlp::test::temp_dir("cli-lemma-bad");
  const auto tb = dir / "tb.conllu", model = dir / "es.lemma", bad = dir / "bad.conllu";
  nlp::test::write_file(tb, kTreebank);
  REQUIRE(run(nlp_cmd("lemmatize train --conllu " + shell_quote(tb.string()) + " --lang es -o " +
                      shell_quote(model.string())))
              .exit_code == 0);
  auto r = run(nlp_cmd("lemmatize --model " + shell_quote(model.string()) + " --pos-column"), "gatos\tNOUN\ncasas\tNOPE\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(":2:7") != std::string::npos);
  CHECK(r.err.find("NOPE") != std::string::npos);
  r = run(nlp_cmd("lemmatize --model " + shell_quote(model.string()) + " --pos XYZ"), "gatos\n");
  CHECK(r.exit_code == 2);
  r = run(nlp_cmd("lemmatize --lang tlh"), "x\n");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("lemmatize train") != std::string::npos);
  nlp::test::write_file(bad, "1\tgatos\tgato\tNOUN\n");  // four columns
  r = run(nlp_cmd("eval lemmatize --gold " + shell_quote(bad.string()) + " --model " + shell_quote(model.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.conllu:1") != std::string::npos);
  nlp::test::write_file(bad, "not a model");
  r = run(nlp_cmd("lemmatize --model " + shell_quote(bad.string())), "gatos\n");
  CHECK(r.exit_code == 1);
  r = run(nlp_cmd("lemmatize train --conllu " + shell_quote(tb.string()) + " --lang es -o " +
                  shell_quote((dir / "no" / "such" / "dir" / "m").string())));
  CHECK(r.exit_code == 1);
}
