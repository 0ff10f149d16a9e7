// The treebank and word tokenizers against NLTK 3.8's TreebankWordTokenizer and
// NLTKWordTokenizer, through the golden files written by scripts/goldens/reference_tokenizers.py
// (see README.md here): the handcrafted tricky.esc cases, every sentence text of the UD
// English-EWT test set, and block digests over the whole English ELTeC corpus. Identical tokens
// are required everywhere; every span must slice the input to its token.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "golden/nltk/treebank_golden_support.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;
namespace tb = nlp::test::treebank;

namespace {

fs::path golden_dir() { return nlp::test::source_dir() / "tests" / "golden" / "nltk"; }

void check_tokens_golden(const std::vector<std::string>& texts, const std::string& stem,
                         const tb::Variant& v, const std::string& input_sha256) {
  const nlp::TreebankTokenizer tok(v.flavor, v.convert_parentheses);
  const fs::path path = golden_dir() / (stem + "." + std::string(v.name) + ".tokens");
  CHECK(golden::compare_tokens_file(tok, texts, path, tb::is_rewrite_of, v.name, input_sha256) == 0);
}

void check_eltec(const tb::Variant& v) {
  const golden::LineCorpus& e = golden::eltec_english();
  REQUIRE(e.lines.size() == 220996);
  const nlp::TreebankTokenizer tok(v.flavor, v.convert_parentheses);
  golden::check_digest_golden(tok, e.lines, golden_dir() / ("eltec-eng." + std::string(v.name) + ".digest"),
                              v.name, e.sha256, tb::is_rewrite_of);
}

}  // namespace

TEST_CASE("treebank golden: handcrafted tricky cases match NLTK", "[golden][treebank]") {
  const std::string content = nlp::test::read_file(golden_dir() / "tricky.esc");
  const std::vector<std::string> texts = golden::read_escaped(content);
  REQUIRE(texts.size() > 100);
  for (const tb::Variant& v : tb::kVariants) {
    SECTION(std::string(v.name)) { check_tokens_golden(texts, "tricky", v, golden::sha256_hex(content)); }
  }
}

TEST_CASE("treebank golden: UD English-EWT test sentences match NLTK", "[golden][treebank]") {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const fs::path conllu = *data / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu";
  const std::string content = nlp::test::read_file(conllu);
  const std::vector<std::string> texts = golden::conllu_texts(content);
  REQUIRE(texts.size() == 2077);
  for (const tb::Variant& v : tb::kVariants) {
    SECTION(std::string(v.name)) {
      check_tokens_golden(texts, "en_ewt-ud-test", v, golden::sha256_hex(content));
    }
  }
}

TEST_CASE("treebank golden: ELTeC English corpus matches NLTK block by block", "[golden][treebank]") {
  check_eltec(tb::kVariants[0]);
  check_eltec(tb::kVariants[1]);
}

TEST_CASE("word golden: ELTeC English corpus matches NLTK block by block", "[golden][treebank]") {
  check_eltec(tb::kVariants[2]);
  check_eltec(tb::kVariants[3]);
}
