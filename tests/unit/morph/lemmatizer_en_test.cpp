// The English lemmatizers: wordnet-nltk-v1 (NLTK's WordNetLemmatizer) and en-ud-v1 (UD
// English-EWT conventions). Both read WordNet 3.0 at run time and are skipped when it is not
// installed (Debian package wordnet-base), except for the error cases.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "morph/morph_internal.hpp"
#include "morph/wordnet.hpp"
#include "nlp/error.hpp"
#include "nlp/morph/lemmatizer.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::Upos;

namespace {

void require_wordnet() {
  if (!fs::exists(fs::path(nlp::morph::WordNet::resolve_dir("")) / "index.noun"))
    nlp::test::skip("WordNet is not installed (Debian package wordnet-base)");
}

std::unique_ptr<nlp::Lemmatizer> wordnet() {
  require_wordnet();
  return nlp::morph::make_wordnet_lemmatizer({});
}

std::unique_ptr<nlp::Lemmatizer> ud() {
  require_wordnet();
  return nlp::morph::make_english_ud_lemmatizer({});
}

std::string lemma(nlp::Lemmatizer& l, const std::string& word, Upos pos) {
  return std::string(l.lemmatize(word, pos));
}

const std::vector<std::string> kEdgeCases = {
    "",
    " ",
    "\t\n",
    "dogs\r\n",
    "\xEF\xBB\xBF" "dogs",                                  // BOM
    "cafe\xCC\x81s",                                        // combining acute
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",  // ZWJ family
    "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",                    // Hebrew (right-to-left)
    "\xC4\xB0stanbul",                                      // dotted capital I
    "\xC3\x28s",                                            // invalid UTF-8
    "\xFF\xFE",
};

}  // namespace

TEST_CASE("english lemmatizers: a missing WordNet folder names it and the Debian package", "[morph][lemma]") {
  nlp::LemmatizerOptions opts;
  opts.wordnet_dir = (nlp::test::temp_dir("lemma-en-missing") / "no-wordnet").string();
  for (int which = 0; which < 2; ++which) {
    std::string msg;
    try {
      if (which == 0) nlp::morph::make_wordnet_lemmatizer(opts);
      else nlp::morph::make_english_ud_lemmatizer(opts);
    } catch (const nlp::Error& e) {
      msg = e.what();
    }
    CHECK(msg.find(opts.wordnet_dir) != std::string::npos);
    CHECK(msg.find("install the Debian package wordnet-base") != std::string::npos);
  }
}

TEST_CASE("english lemmatizers: NLP_WORDNET_DIR is read when no folder is given", "[morph][lemma]") {
  const std::string missing = (nlp::test::temp_dir("lemma-en-env") / "elsewhere").string();
  ::setenv("NLP_WORDNET_DIR", missing.c_str(), 1);
  std::string msg;
  try {
    nlp::morph::make_wordnet_lemmatizer({});
  } catch (const nlp::Error& e) {
    msg = e.what();
  }
  ::unsetenv("NLP_WORDNET_DIR");
  CHECK(msg.find(missing) != std::string::npos);
  CHECK(nlp::morph::WordNet::resolve_dir("") == "/usr/share/wordnet");
  CHECK(nlp::morph::WordNet::resolve_dir("/opt/wn") == "/opt/wn");
}

TEST_CASE("wordnet lemmatizer: NLTK's answers, pos mapping and the fallback", "[morph][lemma]") {
  auto l = wordnet();
  CHECK(l->id() == "wordnet-nltk-v1");
  const std::vector<std::tuple<std::string, Upos, std::string>> cases = {
      {"dogs", Upos::NOUN, "dog"},       {"dogs", Upos::none, "dog"},   // NLTK's default pos n
      {"dogs", Upos::PROPN, "dog"},      {"Dogs", Upos::NOUN, "Dogs"},  // no lowercasing
      {"running", Upos::VERB, "run"},    {"running", Upos::AUX, "run"},
      {"running", Upos::NOUN, "running"}, {"better", Upos::ADJ, "good"},
      {"better", Upos::ADV, "well"},     {"was", Upos::VERB, "be"},
      {"leaves", Upos::NOUN, "leaf"},    {"saw", Upos::VERB, "saw"},
      {"the", Upos::DET, "the"},         {"dogs", Upos::DET, "dogs"},   // no WordNet pos: unchanged
      {"dogs", Upos::PUNCT, "dogs"},     {"dogs", Upos::X, "dogs"},
      {"ice_cream", Upos::NOUN, "ice_cream"}, {"geese", Upos::NOUN, "goose"}};
  for (const auto& [word, pos, expected] : cases) {
    INFO(word << " " << nlp::to_string(pos));
    CHECK(lemma(*l, word, pos) == expected);
  }
}

TEST_CASE("english lemmatizers: edge-case words come back unchanged or lowercased", "[morph][lemma]") {
  auto w = wordnet();
  auto u = ud();
  for (const std::string& word : kEdgeCases) {
    INFO(word);
    for (Upos pos : {Upos::none, Upos::NOUN, Upos::VERB, Upos::ADJ, Upos::ADV, Upos::PROPN,
                     Upos::PUNCT, Upos::X}) {
      CHECK(lemma(*w, word, pos) == word);
      const std::string got = lemma(*u, word, pos);
      CHECK(got.size() <= word.size() + 2);
    }
  }
  CHECK(lemma(*u, "\xC4\xB0stanbul", Upos::NOUN) == "i\xCC\x87stanbul");  // Python's str.lower()
  CHECK(lemma(*u, "\xC4\xB0stanbul", Upos::PROPN) == "\xC4\xB0stanbul");
}

TEST_CASE("english lemmatizers: a 1 MB word", "[morph][lemma]") {
  auto w = wordnet();
  auto u = ud();
  const std::string big(1u << 20, 's');
  std::string plural = "dog";
  plural.append(1u << 20, 's');
  const std::string caps(1u << 20, 'A');
  // Morphy strips one s per round until "sss" (Selective Service System), as NLTK would.
  CHECK(lemma(*w, big, Upos::NOUN) == "sss");
  CHECK(lemma(*w, plural, Upos::NOUN) == "dog");
  CHECK(lemma(*w, caps, Upos::NOUN) == caps);
  CHECK(lemma(*u, plural, Upos::NOUN) == "dog");
  CHECK((lemma(*u, caps, Upos::NOUN) == std::string(1u << 20, 'a')));
  CHECK((lemma(*u, caps, Upos::PROPN) == caps));
  CHECK((lemma(*u, big, Upos::VERB) == big));  // no verb lemma; -ss is not a plural
  CHECK(lemma(*u, big, Upos::none) == "sss");
}

TEST_CASE("english lemmatizers: the view lives until the next call, clones share WordNet", "[morph][lemma]") {
  for (auto make : {&wordnet, &ud}) {
    auto l = make();
    std::string word = "churches";
    const std::string_view first = l->lemmatize(word, Upos::NOUN);
    word = "xxxxxxxx";  // the caller's buffer changes; the view does not point into it
    CHECK(first == "church");
    const std::string temporary = std::string(l->lemmatize(std::string("Zyzzyvas"), Upos::PROPN));
    CHECK(temporary == "Zyzzyvas");
    auto c = l->clone();
    CHECK(c->id() == l->id());
    CHECK(lemma(*c, "mice", Upos::NOUN) == "mouse");
    CHECK(lemma(*l, "geese", Upos::NOUN) == "goose");
  }
}

TEST_CASE("ud lemmatizer: UD English-EWT conventions", "[morph][lemma]") {
  auto l = ud();
  CHECK(l->id() == "en-ud-v1");
  const std::vector<std::tuple<std::string, Upos, std::string>> cases = {
      // pronouns and determiners
      {"I", Upos::PRON, "I"},           {"i", Upos::PRON, "I"},        {"me", Upos::PRON, "I"},
      {"Me", Upos::PRON, "I"},          {"him", Upos::PRON, "he"},     {"them", Upos::PRON, "they"},
      {"us", Upos::PRON, "we"},         {"It", Upos::PRON, "it"},      {"mine", Upos::PRON, "my"},
      {"its", Upos::PRON, "its"},       {"myself", Upos::PRON, "myself"},
      {"The", Upos::DET, "the"},        {"an", Upos::DET, "a"},        {"these", Upos::DET, "this"},
      {"those", Upos::PRON, "that"},
      // auxiliaries and clitics
      {"'s", Upos::AUX, "be"},          {"’s", Upos::AUX, "be"},       {"'re", Upos::AUX, "be"},
      {"'m", Upos::AUX, "be"},          {"was", Upos::AUX, "be"},      {"were", Upos::AUX, "be"},
      {"Is", Upos::AUX, "be"},          {"'ve", Upos::AUX, "have"},    {"has", Upos::AUX, "have"},
      {"'d", Upos::AUX, "would"},       {"'ll", Upos::AUX, "will"},    {"ca", Upos::AUX, "can"},
      {"wo", Upos::AUX, "will"},        {"could", Upos::AUX, "could"}, {"did", Upos::AUX, "do"},
      {"n't", Upos::PART, "not"},       {"'s", Upos::PART, "'s"},      {"to", Upos::PART, "to"},
      // open classes
      {"dogs", Upos::NOUN, "dog"},      {"Thanks", Upos::NOUN, "thanks"}, {"years", Upos::NOUN, "year"},
      {"men", Upos::NOUN, "man"},       {"children", Upos::NOUN, "child"}, {"data", Upos::NOUN, "data"},
      {"PM", Upos::NOUN, "p.m."},       {"audiobooks", Upos::NOUN, "audiobook"},
      {"saw", Upos::VERB, "see"},       {"feed", Upos::VERB, "feed"},  {"hoping", Upos::VERB, "hope"},
      {"Attached", Upos::VERB, "attach"}, {"emailed", Upos::VERB, "email"},
      {"googling", Upos::VERB, "google"}, {"blogged", Upos::VERB, "blog"},
      {"best", Upos::ADJ, "good"},      {"larger", Upos::ADJ, "large"}, {"Great", Upos::ADJ, "great"},
      {"American", Upos::ADJ, "American"}, {"Iraqi", Upos::ADJ, "Iraqi"},
      {"later", Upos::ADV, "late"},     {"earlier", Upos::ADV, "early"}, {"better", Upos::ADV, "well"},
      {"never", Upos::ADV, "never"},    {"after", Upos::ADV, "after"}, {"further", Upos::ADV, "further"},
      // proper nouns, numbers, punctuation
      {"States", Upos::PROPN, "State"}, {"Americans", Upos::PROPN, "American"},
      {"Texas", Upos::PROPN, "Texas"},  {"Iraqis", Upos::PROPN, "Iraqi"}, {"Chris", Upos::PROPN, "Chris"},
      {"Paris", Upos::PROPN, "Paris"},  {"B", Upos::NOUN, "B"},       {"regards", Upos::NOUN, "regards"},
      {"others", Upos::NOUN, "other"},  {"outer", Upos::ADJ, "outer"},  {"NASA", Upos::PROPN, "NASA"}, {"Sept.", Upos::PROPN, "September"},
      {"200,000", Upos::NUM, "200000"}, {"3,202.61", Upos::NUM, "3202.61"}, {"II", Upos::NUM, "II"},
      {"One", Upos::NUM, "one"},        {"m", Upos::NUM, "million"},   {"1,00", Upos::NUM, "1,00"},
      {"“", Upos::PUNCT, "\""},         {"—", Upos::PUNCT, "-"},       {"(", Upos::PUNCT, "("},
      {":)", Upos::SYM, ":)"},          {"Alberta", Upos::X, "alberta"},
  };
  for (const auto& [word, pos, expected] : cases) {
    INFO(word << " " << nlp::to_string(pos));
    CHECK(lemma(*l, word, pos) == expected);
  }
}

TEST_CASE("ud lemmatizer: the fallback without a tag", "[morph][lemma]") {
  auto l = ud();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"The", "the"},   {"me", "I"},         {"n't", "not"},     {"'s", "'s"},
      {"was", "be"},    {"has", "have"},     {"as", "as"},       {"its", "its"},
      {"running", "run"}, {"dogs", "dog"},   {"better", "better"}, {"NASA", "NASA"},
      {"Israel", "Israel"}, {"Zyzzyva", "Zyzzyva"}, {"Houses", "house"}, {"“", "\""},
  };
  for (const auto& [word, expected] : cases) {
    INFO(word);
    CHECK(lemma(*l, word, Upos::none) == expected);
  }
}
