// Live parity: runs NLTK itself (through /usr/bin/python3 and scripts/goldens/nltk_tokenizers.py)
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
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace tb = nlp::test::treebank;

namespace {

// Compares our tokens for `texts` with NLTK's output file; returns the number of differing texts
// and reports the first one.
std::size_t compare_with_nltk(const std::vector<std::string>& texts, const fs::path& nltk_tokens,
                              const tb::Variant& v) {
  const std::string content = nlp::test::read_file(nltk_tokens);
  const std::vector<std::string_view> lines = tb::split_lines(content);
  REQUIRE(lines.size() == texts.size() + 1);
  const nlp::TreebankTokenizer tok(v.flavor, v.convert_parentheses);
  nlp::TokenBuffer buf;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    buf.clear();
    tok.tokenize(texts[i], 0, buf);
    const std::string got = tb::join_tokens(buf);
    const std::string violation = tb::span_violation(texts[i], 0, buf);
    if (got == lines[i + 1] && violation.empty()) continue;
    if (differ++ == 0) {
      UNSCOPED_INFO(nltk_tokens.filename().string()
                    << ": first difference at text " << i + 1 << ": [" << texts[i] << "]\n  nltk: "
                    << lines[i + 1] << "\n  ours: " << got << "\n  spans: " << violation);
    }
  }
  return differ;
}

// Random texts built from the pieces the substitution chain reacts to: every quote, bracket and
// punctuation character, contraction fragments in several cases, letters that fold under (?i),
// whitespace and line ends of every kind, digits of other scripts, combining marks and emoji.
std::vector<std::string> random_texts(std::size_t count) {
  static const char* const kPieces[] = {
      "\"", "'", "`", ",", ":", ".", ";", "@", "#", "$", "%", "&", "?", "!", "*", "(", ")", "[",
      "]", "{", "}", "<", ">", "-", " ", " ", " ", "\n", "\t", "\r", "\v", "\x1C", "\u0085",
      "\u00A0", "\u2028", "\u3000", "a", "n", "T", "t", "s", "S", "d", "D", "m", "M", "c", "o",
      "l", "e", "g", "w", "r", "v", "y", "i", "I", "0", "1", "9", "_", "\u00E9", "\u0130", "\u0131",
      "\u017F", "\u212A", "\u0661", "\u0301", "\u00AB", "\u00BB", "\u201C", "\u201D",
      "\u2018", "\u2019", "\u201E", "\U0001F600", "\u200D", "cannot", "CanNot", "gonna", "'tis",
      "'Twas", "d'ye", "more'n", "wanna", "gimme", "lemme", "gotta", "n't", "N'T", "'ll", "'LL",
      "'re", "'ve", "'s", "'S", "'M", "'D", "...", "--", "''", "``", " '", " \"", "g\u0130mme",
      "'t\u0130\u017F", " 'twas", "wanna ", "3,000", "a.", ".\n", "'\n", "-LRB-"};
  std::uint64_t state = 20240229;
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return state >> 33;
  };
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text;
    for (std::uint64_t k = next() % 15; k > 0; --k) text += kPieces[next() % std::size(kPieces)];
    texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace

TEST_CASE("treebank live: NLTK itself gives the same tokens on a sample", "[live][treebank]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import nltk'").exit_code != 0)
    nlp::test::skip("NLTK is not importable by /usr/bin/python3");
  const fs::path dir = nlp::test::temp_dir("treebank-live");
  const fs::path tricky = nlp::test::source_dir() / "tests" / "golden" / "nltk" / "tricky.esc";
  const std::vector<std::string> tricky_texts = tb::read_escaped(nlp::test::read_file(tricky));

  // EWT test sentences, the first 2000 ELTeC lines and every 100th line after them.
  std::vector<std::string> sample;
  if (const auto data = nlp::test::shared_data()) {
    sample = tb::conllu_texts(
        nlp::test::read_file(*data / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu"));
    const std::string eltec = nlp::test::read_xz(*data / "corpora" / "en" / "eltec-eng.txt.xz");
    const std::vector<std::string_view> lines = tb::split_lines(eltec);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (i < 2000 || i % 100 == 0) sample.emplace_back(lines[i]);
  }
  std::string sample_file;
  for (const std::string& s : sample) {
    REQUIRE(s.find('\n') == std::string::npos);
    sample_file += s;
    sample_file += '\n';
  }
  nlp::test::write_file(dir / "sample.txt", sample_file);

  const std::vector<std::string> random = random_texts(5000);
  std::string random_file;
  for (const std::string& s : random) random_file += tb::escape_line(s) + "\n";
  nlp::test::write_file(dir / "random.esc", random_file);
  REQUIRE(tb::read_escaped(random_file) == random);

  const std::string cmd =
      "/usr/bin/python3 " +
      nlp::test::shell_quote((nlp::test::source_dir() / "scripts" / "goldens" / "nltk_tokenizers.py").string()) +
      " --tokens --out-dir " + nlp::test::shell_quote(dir.string()) + " " +
      nlp::test::shell_quote(tricky.string()) + " " + nlp::test::shell_quote((dir / "random.esc").string()) +
      (sample.empty() ? std::string() : " " + nlp::test::shell_quote((dir / "sample.txt").string()));
  const nlp::test::RunResult r = nlp::test::run(cmd);
  INFO(cmd << "\n" << r.err);
  REQUIRE(r.exit_code == 0);

  for (const tb::Variant& v : tb::kVariants) {
    INFO("tokenizer " << v.name);
    CHECK(compare_with_nltk(tricky_texts, dir / ("tricky." + std::string(v.name) + ".tokens"), v) == 0);
    CHECK(compare_with_nltk(random, dir / ("random." + std::string(v.name) + ".tokens"), v) == 0);
    if (!sample.empty())
      CHECK(compare_with_nltk(sample, dir / ("sample." + std::string(v.name) + ".tokens"), v) == 0);
  }
}
