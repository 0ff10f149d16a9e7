// The regex tokenizer's default pattern against scikit-learn 1.2's
// CountVectorizer().build_tokenizer() (token_pattern (?u)\b\w\w+\b), through the golden files
// written by scripts/goldens/reference_tokenizers.py --tool sklearn (see README.md here), and
// live against scikit-learn itself when /usr/bin/python3 can import it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "nlp/tokenize/regex_tokenizer.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;

namespace {

fs::path golden_dir() { return nlp::test::source_dir() / "tests" / "golden" / "sklearn"; }
fs::path nltk_dir() { return nlp::test::source_dir() / "tests" / "golden" / "nltk"; }

std::size_t check_esc(const fs::path& esc, const fs::path& tokens) {
  const std::string content = nlp::test::read_file(esc);
  const nlp::RegexTokenizer tok;
  return golden::compare_tokens_file(tok, golden::read_escaped(content), tokens, nullptr, "regex",
                                     golden::sha256_hex(content));
}

// Random texts over the characters the pattern reacts to: word characters of several scripts
// and kinds (letters, digits, numerics, underscore, combining marks), separators and emoji.
std::vector<std::string> random_texts(std::size_t count) {
  static const std::vector<std::string_view> kPieces = {
      "a", "b", "Z", "0", "7", "_", " ", " ", "\t", "\n", "\r", "\u00A0", "\u2028", "-", "'", ".",
      ",", "\u00E9", "\u0301", "\u0308", "\u00BD", "\u00B2", "\u2160", "\u0661", "\uFF11", "\u65E5",
      "\u672C", "\u3042", "\u0E20", "\u0E34", "\u0928", "\u093F", "\u05D0", "\u0627", "\u200B",
      "\u200D", "\U0001F600", "\U0001D400", "\u01C5", "\uFB01", "\u0130", "\u0131", "\u017F",
      "\u00AA", "\u02B0", "\u3007", "\U00010107", "\u2070"};
  std::vector<std::string> texts = golden::random_texts(kPieces, count, 20251122, 12);
  for (std::string& t : texts) std::replace(t.begin(), t.end(), '\n', ' ');  // one text per line
  return texts;
}

}  // namespace

TEST_CASE("regex golden: handcrafted cases match scikit-learn", "[golden][regex]") {
  CHECK(check_esc(golden_dir() / "unicode.esc", golden_dir() / "unicode.regex.tokens") == 0);
  CHECK(check_esc(nltk_dir() / "tricky.esc", golden_dir() / "tricky.regex.tokens") == 0);
}

TEST_CASE("regex golden: UD English-EWT test sentences match scikit-learn", "[golden][regex]") {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const std::string content =
      nlp::test::read_file(*data / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu");
  const std::vector<std::string> texts = golden::conllu_texts(content);
  REQUIRE(texts.size() == 2077);
  const nlp::RegexTokenizer tok;
  CHECK(golden::compare_tokens_file(tok, texts, golden_dir() / "en_ewt-ud-test.regex.tokens", nullptr,
                                    "regex", golden::sha256_hex(content)) == 0);
}

TEST_CASE("regex golden: ELTeC English corpus matches scikit-learn block by block", "[golden][regex]") {
  const golden::LineCorpus& e = golden::eltec_english();
  REQUIRE(e.lines.size() == 220996);
  const nlp::RegexTokenizer tok;
  golden::check_digest_golden(tok, e.lines, golden_dir() / "eltec-eng.regex.digest", "regex", e.sha256,
                              nullptr);
}

TEST_CASE("regex live: scikit-learn itself gives the same tokens on a sample", "[live][regex]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import sklearn'").exit_code != 0)
    nlp::test::skip("scikit-learn is not importable by /usr/bin/python3");
  const fs::path dir = nlp::test::temp_dir("regex-live");
  const std::vector<std::string> random = random_texts(5000);
  golden::write_lines(dir / "random.txt", random);
  const std::vector<std::string> sample = golden::live_sample();
  std::vector<fs::path> inputs{golden_dir() / "unicode.esc", dir / "random.txt"};
  if (!sample.empty()) {
    golden::write_lines(dir / "sample.txt", sample);
    inputs.push_back(dir / "sample.txt");
  }
  const nlp::test::RunResult r = golden::run_reference("sklearn", dir, inputs);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const nlp::RegexTokenizer tok;
  const std::string esc = nlp::test::read_file(golden_dir() / "unicode.esc");
  CHECK(golden::compare_tokens_file(tok, golden::read_escaped(esc), dir / "unicode.regex.tokens", nullptr,
                                    "regex") == 0);
  CHECK(golden::compare_tokens_file(tok, random, dir / "random.regex.tokens", nullptr, "regex") == 0);
  if (!sample.empty())
    CHECK(golden::compare_tokens_file(tok, sample, dir / "sample.regex.tokens", nullptr, "regex") == 0);
}
