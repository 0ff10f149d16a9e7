// The treebank and word tokenizers against NLTK 3.8's TreebankWordTokenizer and
// NLTKWordTokenizer, through the golden files written by scripts/goldens/nltk_tokenizers.py
// (see README.md here): the handcrafted tricky.esc cases, every sentence text of the UD
// English-EWT test set, and block digests over the whole English ELTeC corpus. Identical tokens
// are required everywhere; every span must slice the input to its token.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "golden/nltk/treebank_golden_support.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace tb = nlp::test::treebank;

namespace {

fs::path golden_dir() { return nlp::test::source_dir() / "tests" / "golden" / "nltk"; }

// Compares our tokens for `texts` with the .tokens golden of one variant.
void check_tokens_golden(const std::vector<std::string>& texts, const std::string& stem,
                         const tb::Variant& v, const std::string& input_sha256) {
  const fs::path path = golden_dir() / (stem + "." + std::string(v.name) + ".tokens");
  const std::string content = nlp::test::read_file(path);
  const std::vector<std::string_view> lines = tb::split_lines(content);
  REQUIRE(!lines.empty());
  INFO(path.filename().string() << ": " << lines[0]);
  REQUIRE(tb::header_field(lines[0], "tokenizer") == v.name);
  REQUIRE(tb::header_field(lines[0], "texts") == std::to_string(texts.size()));
  if (!input_sha256.empty()) REQUIRE(tb::header_field(lines[0], "input_sha256") == input_sha256);
  REQUIRE(lines.size() == texts.size() + 1);

  const nlp::TreebankTokenizer tok(v.flavor, v.convert_parentheses);
  nlp::TokenBuffer buf;
  std::size_t same = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    buf.clear();
    tok.tokenize(texts[i], 1000, buf);
    const std::string got = tb::join_tokens(buf);
    const std::string violation = tb::span_violation(texts[i], 1000, buf);
    if (got == lines[i + 1] && violation.empty()) {
      ++same;
      continue;
    }
    INFO("text " << i + 1 << ": [" << texts[i] << "]");
    CHECK(got == std::string(lines[i + 1]));
    CHECK(violation == "");
  }
  CHECK(same == texts.size());
}

}  // namespace

TEST_CASE("treebank golden: handcrafted tricky cases match NLTK", "[golden][treebank]") {
  const std::string content = nlp::test::read_file(golden_dir() / "tricky.esc");
  const std::vector<std::string> texts = tb::read_escaped(content);
  REQUIRE(texts.size() > 100);
  for (const tb::Variant& v : tb::kVariants) {
    SECTION(std::string(v.name)) { check_tokens_golden(texts, "tricky", v, tb::sha256_hex(content)); }
  }
}

TEST_CASE("treebank golden: UD English-EWT test sentences match NLTK", "[golden][treebank]") {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const fs::path conllu = *data / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu";
  const std::string content = nlp::test::read_file(conllu);
  const std::vector<std::string> texts = tb::conllu_texts(content);
  REQUIRE(texts.size() == 2077);
  for (const tb::Variant& v : tb::kVariants) {
    SECTION(std::string(v.name)) {
      check_tokens_golden(texts, "en_ewt-ud-test", v, tb::sha256_hex(content));
    }
  }
}

namespace {

// Tokenizes every line of `lines` and compares per-block SHA-256 digests and token counts with
// the .digest golden; names the first block that differs.
void check_digest_golden(const std::vector<std::string_view>& lines, const std::string& stem,
                         const std::string& input_sha256, const tb::Variant& v) {
  const fs::path path = golden_dir() / (stem + "." + std::string(v.name) + ".digest");
  const std::string content = nlp::test::read_file(path);
  const std::vector<std::string_view> golden = tb::split_lines(content);
  REQUIRE(golden.size() >= 2);
  INFO(path.filename().string() << ": " << golden[0]);
  REQUIRE(tb::header_field(golden[0], "tokenizer") == v.name);
  REQUIRE(tb::header_field(golden[0], "texts") == std::to_string(lines.size()));
  REQUIRE(tb::header_field(golden[0], "input_sha256") == input_sha256);

  const nlp::TreebankTokenizer tok(v.flavor, v.convert_parentheses);
  nlp::TokenBuffer buf;
  tb::Sha256 whole, block;
  std::string out;
  std::uint64_t total_tokens = 0;
  std::size_t next = 0, bad_spans = 0, blocks_checked = 0;
  std::string first_bad_span;
  for (std::size_t g = 1; g + 1 < golden.size(); ++g) {
    std::istringstream row{std::string(golden[g])};
    std::size_t first = 0, count = 0;
    std::uint64_t tokens = 0;
    std::string digest;
    row >> first >> count >> tokens >> digest;
    REQUIRE(first == next + 1);
    REQUIRE(next + count <= lines.size());
    std::uint64_t block_tokens = 0;
    for (std::size_t i = next; i < next + count; ++i) {
      buf.clear();
      tok.tokenize(lines[i], 0, buf);
      const std::string violation = tb::span_violation(lines[i], 0, buf);
      if (!violation.empty() && bad_spans++ == 0)
        first_bad_span = "line " + std::to_string(i + 1) + ": " + violation;
      out = tb::join_tokens(buf);
      out.push_back('\n');
      block_tokens += buf.tokens.size();
      block.update(out);
      whole.update(out);
    }
    const std::string got = block.hex();
    if (got != digest || block_tokens != tokens) {
      FAIL("lines " << first << "-" << first + count - 1 << " differ from NLTK (tokens "
                    << block_tokens << " vs " << tokens << "); compare them with "
                    << "scripts/goldens/nltk_tokenizers.py --tokens on those lines");
    }
    total_tokens += block_tokens;
    next += count;
    ++blocks_checked;
  }
  REQUIRE(next == lines.size());
  std::istringstream last{std::string(golden.back())};
  std::string all;
  std::size_t count = 0;
  std::uint64_t tokens = 0;
  std::string digest;
  last >> all >> count >> tokens >> digest;
  REQUIRE(all == "all");
  CHECK(count == lines.size());
  CHECK(tokens == total_tokens);
  CHECK(whole.hex() == digest);
  INFO(first_bad_span);
  CHECK(bad_spans == 0);
  CHECK(blocks_checked > 0);
}

// The ELTeC corpus decompressed and split into lines, once per process.
struct Eltec {
  std::string content;
  std::vector<std::string_view> lines;
  std::string sha256;
};
const Eltec& eltec() {
  static const Eltec e = [] {
    const auto data = nlp::test::shared_data();
    if (!data) nlp::test::skip("../shared/data is absent");
    Eltec out;
    out.content = nlp::test::read_xz(*data / "corpora" / "en" / "eltec-eng.txt.xz");
    out.lines = tb::split_lines(out.content);
    out.sha256 = tb::sha256_hex(out.content);
    return out;
  }();
  return e;
}

}  // namespace

TEST_CASE("treebank golden: ELTeC English corpus matches NLTK block by block", "[golden][treebank]") {
  const Eltec& e = eltec();
  REQUIRE(e.lines.size() == 220996);
  check_digest_golden(e.lines, "eltec-eng", e.sha256, tb::kVariants[0]);
  check_digest_golden(e.lines, "eltec-eng", e.sha256, tb::kVariants[1]);
}

TEST_CASE("word golden: ELTeC English corpus matches NLTK block by block", "[golden][treebank]") {
  const Eltec& e = eltec();
  REQUIRE(e.lines.size() == 220996);
  check_digest_golden(e.lines, "eltec-eng", e.sha256, tb::kVariants[2]);
  check_digest_golden(e.lines, "eltec-eng", e.sha256, tb::kVariants[3]);
}
