// Live parity: runs NLTK itself (through /usr/bin/python3 and scripts/goldens/reference_tokenizers.py)
// on a sample — the handcrafted tricky.esc cases, 5,000 random texts made of the characters and
// fragments the rules react to, and the UD English-EWT test sentences and a few thousand ELTeC
// lines when ../shared/data is present — and compares the treebank and word tokenizers with it
// token by token, naming the first text that differs. Skipped when `import nltk` fails.
#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "golden/nltk/treebank_golden_support.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;
namespace tb = nlp::test::treebank;

namespace {

// Random texts built from the pieces the substitution chain reacts to: every quote, bracket and
// punctuation character, contraction fragments in several cases, letters that fold under (?i),
// whitespace and line ends of every kind, digits of other scripts, combining marks and emoji.
std::vector<std::string> random_texts(std::size_t count) {
  static const std::vector<std::string_view> kPieces = {
      "\"", "'", "`", ",", ":", ".", ";", "@", "#", "$", "%", "&", "?", "!", "*", "(", ")", "[",
      "]", "{", "}", "<", ">", "-", " ", " ", " ", "\n", "\t", "\r", "\v", "\x1C", "\u0085",
      "\u00A0", "\u2028", "\u3000", "a", "n", "T", "t", "s", "S", "d", "D", "m", "M", "c", "o",
      "l", "e", "g", "w", "r", "v", "y", "i", "I", "0", "1", "9", "_", "\u00E9", "\u0130", "\u0131",
      "\u017F", "\u212A", "\u0661", "\u0301", "\u00AB", "\u00BB", "\u201C", "\u201D",
      "\u2018", "\u2019", "\u201E", "\U0001F600", "\u200D", "cannot", "CanNot", "gonna", "'tis",
      "'Twas", "d'ye", "more'n", "wanna", "gimme", "lemme", "gotta", "n't", "N'T", "'ll", "'LL",
      "'re", "'ve", "'s", "'S", "'M", "'D", "...", "--", "''", "``", " '", " \"", "g\u0130mme",
      "'t\u0130\u017F", " 'twas", "wanna ", "3,000", "a.", ".\n", "'\n", "-LRB-"};
  return golden::random_texts(kPieces, count, 20240229, 15);
}

}  // namespace

TEST_CASE("treebank live: NLTK itself gives the same tokens on a sample", "[live][treebank]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import nltk'").exit_code != 0)
    nlp::test::skip("NLTK is not importable by /usr/bin/python3");
  const fs::path dir = nlp::test::temp_dir("treebank-live");
  const fs::path tricky = nlp::test::source_dir() / "tests" / "golden" / "nltk" / "tricky.esc";
  const std::vector<std::string> tricky_texts = golden::read_escaped(nlp::test::read_file(tricky));

  const std::vector<std::string> sample = golden::live_sample();
  golden::write_lines(dir / "sample.txt", sample);

  const std::vector<std::string> random = random_texts(5000);
  std::string random_file;
  for (const std::string& s : random) random_file += golden::escape_line(s) + "\n";
  nlp::test::write_file(dir / "random.esc", random_file);
  REQUIRE(golden::read_escaped(random_file) == random);

  std::vector<fs::path> inputs{tricky, dir / "random.esc"};
  if (!sample.empty()) inputs.push_back(dir / "sample.txt");
  const nlp::test::RunResult r = golden::run_reference("nltk", dir, inputs);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  for (const tb::Variant& v : tb::kVariants) {
    INFO("tokenizer " << v.name);
    const nlp::TreebankTokenizer tok(v.flavor, v.convert_parentheses);
    auto compare = [&](const std::vector<std::string>& texts, const std::string& stem) {
      return golden::compare_tokens_file(tok, texts, dir / (stem + "." + std::string(v.name) + ".tokens"),
                                         tb::is_rewrite_of, v.name);
    };
    CHECK(compare(tricky_texts, "tricky") == 0);
    CHECK(compare(random, "random") == 0);
    if (!sample.empty()) CHECK(compare(sample, "sample") == 0);
  }
}
