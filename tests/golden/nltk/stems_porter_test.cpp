// Parity of the Porter ports (NLTK_EXTENSIONS, MARTIN_EXTENSIONS, ORIGINAL_ALGORITHM) with NLTK
// 3.8: the committed sample goldens, the digests of the full vocabulary of ../shared/data, NLTK
// run live on random words, and the Snowball project's Porter word lists. See README.md.
#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "golden/nltk/stems_golden_support.hpp"
#include "morph/morph_internal.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace golden = nlp::test::golden;
namespace stems = nlp::test::stems;
using nlp::morph::PorterMode;

namespace {

struct Mode {
  PorterMode mode;
  const char* name;  // in the golden files
};
constexpr std::array<Mode, 3> kModes = {{
    {PorterMode::nltk, "porter-nltk"},
    {PorterMode::martin, "porter-martin"},
    {PorterMode::original, "porter-original"},
}};

// Words made of the pieces the rules react to: every suffix of every step, y next to vowels and
// consonants, the pool's words, double consonants, NLTK's "*d", uppercase, non-ASCII letters
// (including U+0130, whose lowercase is two characters), digits and punctuation.
std::vector<std::string> random_words(std::size_t count) {
  static const std::vector<std::string_view> kPieces = {
      "a", "e", "i", "o", "u", "y", "y", "Y", "b", "c", "d", "h", "k", "l", "m", "n", "p", "r", "s",
      "t", "w", "x", "z", "ss", "ll", "tt", "sses", "ies", "ied", "eed", "ed", "ing", "ING", "at",
      "bl", "iz", "ational", "tional", "enci", "anci", "izer", "bli", "abli", "alli", "entli", "eli",
      "ousli", "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti",
      "iviti", "biliti", "fulli", "logi", "icate", "ative", "alize", "iciti", "ical", "ful", "ness",
      "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "sion",
      "tion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "sky", "skies", "dying", "news", "howe",
      "proceed", "inning", "*d", "*", "é", "ï", "É", "\u0130", "\u03A3", "ß", "\u01C5", "\u212A",
      "\u2170", "\u00AA", "\u0301", "1", "9", "-", "'", "."};
  return golden::random_texts(kPieces, count, 20240607, 7);
}

// Agreement of one mode with a Snowball Porter list (voc.txt, output.txt), and how the words it
// disagrees on split: words of one or two characters, -bli and -logi stems (Snowball's output).
struct Agreement {
  std::size_t words = 0, agree = 0, short_words = 0, bli = 0, logi = 0, other = 0;
};

Agreement snowball_agreement(PorterMode mode, const std::filesystem::path& dir) {
  const std::string voc = nlp::test::read_file(dir / "voc.txt");
  const std::string out = nlp::test::read_file(dir / "output.txt");
  const auto words = golden::split_lines(voc);
  const auto expected = golden::split_lines(out);
  REQUIRE(words.size() == expected.size());
  auto stemmer = nlp::morph::make_porter_nltk(mode);
  Agreement a;
  a.words = words.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (stemmer->stem(words[i]) == expected[i]) {
      ++a.agree;
      continue;
    }
    const std::string_view e = expected[i];
    if (nlp::utf8::count_code_points(words[i]) <= 2) ++a.short_words;
    else if (e.size() >= 3 && e.substr(e.size() - 3) == "bli") ++a.bli;
    else if (e.size() >= 4 && e.substr(e.size() - 4) == "logi") ++a.logi;
    else ++a.other;
  }
  return a;
}

}  // namespace

TEST_CASE("porter goldens: NLTK's stems of the committed sample", "[golden][porter]") {
  for (const Mode& m : kModes) {
    INFO(m.name);
    const stems::Sample sample = stems::read_sample(m.name);
    CHECK(sample.rows.size() > 60000);
    auto stemmer = nlp::morph::make_porter_nltk(m.mode);
    CHECK(stems::compare_sample(*stemmer, sample) == 0);
  }
}

TEST_CASE("porter goldens: stems of the full corpus and treebank vocabulary match NLTK's digests",
          "[golden][porter][shared]") {
  for (const Mode& m : kModes) {
    INFO(m.name);
    auto stemmer = nlp::morph::make_porter_nltk(m.mode);
    stems::check_full_vocabulary(*stemmer, m.name);
  }
}

TEST_CASE("porter live: NLTK itself gives the same stems on random words and a vocabulary sample",
          "[live][porter]") {
  std::vector<std::string> words = random_words(20000);
  if (nlp::test::shared_data()) {
    const auto& vocab = stems::full_vocabulary();
    for (std::size_t i = 0; i < vocab.words.size(); i += 50) words.emplace_back(vocab.words[i]);
  }
  const std::vector<std::string_view> views(words.begin(), words.end());
  std::vector<std::string> names;
  for (const Mode& m : kModes) names.emplace_back(m.name);
  const auto reference = stems::nltk_stems(views, names, "stems-porter-live");
  for (std::size_t k = 0; k < kModes.size(); ++k) {
    INFO(kModes[k].name);
    auto stemmer = nlp::morph::make_porter_nltk(kModes[k].mode);
    CHECK(stems::count_differences(*stemmer, words, reference[k]) == 0);
  }
}

TEST_CASE("porter live: every code point lowercases as in Python", "[live][porter]") {
  const std::vector<std::string> words = stems::every_code_point_words();
  const std::vector<std::string_view> views(words.begin(), words.end());
  const auto reference = stems::nltk_stems(views, {"porter-nltk"}, "stems-porter-code-points");
  auto stemmer = nlp::morph::make_porter_nltk(PorterMode::nltk);
  CHECK(stems::count_differences(*stemmer, words, reference[0]) == 0);
}

TEST_CASE("porter: agreement with the Snowball project's Porter vocabularies", "[golden][porter][shared]") {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  // ORIGINAL_ALGORITHM reproduces Snowball's original Porter stemmer on every word of both
  // lists, as NLTK does. MARTIN_EXTENSIONS differs by its length <= 2 shortcut and its bli and
  // logi rules; NLTK_EXTENSIONS by many more rules. The counts are NLTK's own (the script's
  // --snowball mode prints them).
  for (const char* list : {"porter-original-2005", "snowball-data/porter"}) {
    INFO(list);
    const auto dir = *data / "stemmers" / list;
    const bool old_list = std::string_view(list) == "porter-original-2005";
    const Agreement original = snowball_agreement(PorterMode::original, dir);
    CHECK(original.words == (old_list ? 30428u : 42603u));
    CHECK(original.agree == original.words);

    const Agreement martin = snowball_agreement(PorterMode::martin, dir);
    CHECK(martin.agree == (old_list ? 30389u : 42536u));
    CHECK(martin.short_words == (old_list ? 12u : 14u));  // "as" -> "a", "'s" -> "'", "s" -> ""
    CHECK(martin.bli == (old_list ? 17u : 35u));          // "possibly": "possibli" vs "possibl"
    CHECK(martin.logi == (old_list ? 10u : 18u));         // "apology": "apologi" vs "apolog"
    CHECK(martin.other == 0u);

    const Agreement nltk = snowball_agreement(PorterMode::nltk, dir);
    CHECK(nltk.agree == (old_list ? 29804u : 41751u));
  }
}
