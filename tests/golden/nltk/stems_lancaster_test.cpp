// Parity of the Lancaster port with NLTK 3.8's LancasterStemmer(): the committed sample golden,
// the digests of the full vocabulary of ../shared/data and NLTK run live on random words. See
// README.md.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "golden/nltk/stems_golden_support.hpp"
#include "morph/morph_internal.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace golden = nlp::test::golden;
namespace stems = nlp::test::stems;

namespace {

// Words made of the rules' endings (as read, e.g. "ia" for "ai*2."), the letters that decide
// whether a stem is acceptable, and characters that end the leading run of letters (digits,
// punctuation, marks, non-letters) or are letters outside ASCII.
std::vector<std::string> random_words(std::size_t count) {
  static const std::vector<std::string_view> kPieces = {
      "ia", "a", "bb", "ytic", "ic", "nc", "dd", "ied", "ceed", "eed", "ed", "hood", "e", "lief", "if",
      "ing", "iag", "ag", "gg", "th", "guish", "ish", "i", "ij", "fuj", "uj", "oj", "hej", "verj",
      "misj", "nj", "j", "ifiabl", "iabl", "abl", "ibl", "bil", "cl", "iful", "ful", "ul", "ial",
      "ual", "al", "ll", "ium", "um", "ism", "mm", "sion", "xion", "ion", "ian", "an", "een", "en",
      "nn", "ship", "pp", "er", "ear", "ar", "or", "ur", "rr", "tr", "ier", "ies", "sis", "is",
      "ness", "ss", "ous", "us", "s", "plicat", "at", "ment", "ent", "ant", "ript", "orpt", "duct",
      "sumpt", "cept", "olut", "sist", "ist", "tt", "iqu", "ogu", "siv", "eiv", "iv", "bly", "ily",
      "ply", "ly", "ogy", "phy", "omy", "opy", "ity", "ety", "lty", "istry", "ary", "ory", "ify",
      "ncy", "acy", "iz", "yz", "o", "u", "y", "b", "c", "d", "k", "m", "p", "r", "t", "w", "x",
      "ING", "S", "Y", "é", "É", "\u0130", "\u03A3", "\u01C5", "\u00AA", "\u2170", "\u0301", "1",
      "-", "'", "_"};
  return golden::random_texts(kPieces, count, 20240608, 6);
}

}  // namespace

TEST_CASE("lancaster goldens: NLTK's stems of the committed sample", "[golden][lancaster]") {
  const stems::Sample sample = stems::read_sample("lancaster-nltk");
  CHECK(sample.rows.size() > 60000);
  auto stemmer = nlp::morph::make_lancaster_nltk();
  CHECK(stems::compare_sample(*stemmer, sample) == 0);
}

TEST_CASE("lancaster goldens: stems of the full corpus and treebank vocabulary match NLTK's digests",
          "[golden][lancaster][shared]") {
  auto stemmer = nlp::morph::make_lancaster_nltk();
  stems::check_full_vocabulary(*stemmer, "lancaster-nltk");
}

TEST_CASE("lancaster live: NLTK itself gives the same stems on random words and a vocabulary sample",
          "[live][lancaster]") {
  std::vector<std::string> words = random_words(20000);
  if (nlp::test::shared_data()) {
    const auto& vocab = stems::full_vocabulary();
    for (std::size_t i = 25; i < vocab.words.size(); i += 50) words.emplace_back(vocab.words[i]);
  }
  const std::vector<std::string_view> views(words.begin(), words.end());
  const auto reference = stems::nltk_stems(views, {"lancaster-nltk"}, "stems-lancaster-live");
  auto stemmer = nlp::morph::make_lancaster_nltk();
  CHECK(stems::count_differences(*stemmer, words, reference[0]) == 0);
}

TEST_CASE("lancaster live: every code point is a letter or not as in Python", "[live][lancaster]") {
  // "ab" + c + "s" loses its "s" exactly when c is a letter for str.isalpha() (Unicode 14.0 in
  // Python 3.11, while ICU has Unicode 15.0).
  const std::vector<std::string> words = stems::every_code_point_words();
  const std::vector<std::string_view> views(words.begin(), words.end());
  const auto reference = stems::nltk_stems(views, {"lancaster-nltk"}, "stems-lancaster-code-points");
  auto stemmer = nlp::morph::make_lancaster_nltk();
  CHECK(stems::count_differences(*stemmer, words, reference[0]) == 0);
}
