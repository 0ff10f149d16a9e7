// Part-of-speech tags: UPOS names, WordNet letters and the Penn Treebank tags of UD English-EWT.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "nlp/morph/pos.hpp"

using nlp::Upos;

TEST_CASE("pos: empty and underscore mean no tag, unknown tags are nullopt", "[morph][pos]") {
  CHECK(nlp::parse_pos("") == Upos::none);
  CHECK(nlp::parse_pos("_") == Upos::none);
  for (const char* bad : {" ", "noun", "Noun", "nn", "N", "V", "vb", "x", "NOUN ", " NOUN",
                          "NOUN\r", "\xEF\xBB\xBFNOUN", "\xC3\x28", "VBX", "PRP$$", "-lrb-",
                          "``'", "__"})
    CHECK_FALSE(nlp::parse_pos(bad).has_value());
}

TEST_CASE("pos: every UPOS name reads back and prints as itself", "[morph][pos]") {
  const std::vector<std::pair<const char*, Upos>> all = {
      {"ADJ", Upos::ADJ},     {"ADP", Upos::ADP},     {"ADV", Upos::ADV},     {"AUX", Upos::AUX},
      {"CCONJ", Upos::CCONJ}, {"DET", Upos::DET},     {"INTJ", Upos::INTJ},   {"NOUN", Upos::NOUN},
      {"NUM", Upos::NUM},     {"PART", Upos::PART},   {"PRON", Upos::PRON},   {"PROPN", Upos::PROPN},
      {"PUNCT", Upos::PUNCT}, {"SCONJ", Upos::SCONJ}, {"SYM", Upos::SYM},     {"VERB", Upos::VERB},
      {"X", Upos::X}};
  for (const auto& [name, upos] : all) {
    CHECK(nlp::parse_pos(name) == upos);
    CHECK(nlp::to_string(upos) == name);
  }
  CHECK(nlp::to_string(Upos::none).empty());
}

TEST_CASE("pos: WordNet letters", "[morph][pos]") {
  CHECK(nlp::parse_pos("n") == Upos::NOUN);
  CHECK(nlp::parse_pos("v") == Upos::VERB);
  CHECK(nlp::parse_pos("a") == Upos::ADJ);
  CHECK(nlp::parse_pos("s") == Upos::ADJ);
  CHECK(nlp::parse_pos("r") == Upos::ADV);
}

TEST_CASE("pos: Penn Treebank tags as written in EWT's XPOS column", "[morph][pos]") {
  const std::vector<std::pair<const char*, Upos>> tags = {
      {"CC", Upos::CCONJ},   {"CD", Upos::NUM},     {"DT", Upos::DET},     {"EX", Upos::PRON},
      {"FW", Upos::X},       {"IN", Upos::ADP},     {"JJ", Upos::ADJ},     {"JJR", Upos::ADJ},
      {"JJS", Upos::ADJ},    {"LS", Upos::NUM},     {"MD", Upos::AUX},     {"NN", Upos::NOUN},
      {"NNS", Upos::NOUN},   {"NNP", Upos::PROPN},  {"NNPS", Upos::PROPN}, {"PDT", Upos::DET},
      {"POS", Upos::PART},   {"PRP", Upos::PRON},   {"PRP$", Upos::PRON},  {"RB", Upos::ADV},
      {"RBR", Upos::ADV},    {"RBS", Upos::ADV},    {"RP", Upos::ADP},     {"SYM", Upos::SYM},
      {"TO", Upos::PART},    {"UH", Upos::INTJ},    {"VB", Upos::VERB},    {"VBD", Upos::VERB},
      {"VBG", Upos::VERB},   {"VBN", Upos::VERB},   {"VBP", Upos::VERB},   {"VBZ", Upos::VERB},
      {"WDT", Upos::PRON},   {"WP", Upos::PRON},    {"WP$", Upos::PRON},   {"WRB", Upos::ADV},
      {"ADD", Upos::PROPN},  {"AFX", Upos::X},      {"GW", Upos::X},       {"XX", Upos::X},
      {"NFP", Upos::PUNCT},  {"HYPH", Upos::PUNCT}, {"``", Upos::PUNCT},   {"''", Upos::PUNCT},
      {",", Upos::PUNCT},    {".", Upos::PUNCT},    {":", Upos::PUNCT},    {"-LRB-", Upos::PUNCT},
      {"-RRB-", Upos::PUNCT}, {"-LSB-", Upos::PUNCT}, {"-RSB-", Upos::PUNCT},
      {"-LCB-", Upos::PUNCT}, {"-RCB-", Upos::PUNCT}, {"$", Upos::SYM},    {"#", Upos::SYM},
      {"(", Upos::PUNCT},    {")", Upos::PUNCT},    {"-NONE-", Upos::X}};
  for (const auto& [tag, upos] : tags) {
    INFO(tag);
    CHECK(nlp::parse_pos(tag) == upos);
  }
}

TEST_CASE("pos: WordNet part of speech of each UPOS tag", "[morph][pos]") {
  CHECK(nlp::wordnet_pos(Upos::NOUN) == 'n');
  CHECK(nlp::wordnet_pos(Upos::PROPN) == 'n');
  CHECK(nlp::wordnet_pos(Upos::VERB) == 'v');
  CHECK(nlp::wordnet_pos(Upos::AUX) == 'v');
  CHECK(nlp::wordnet_pos(Upos::ADJ) == 'a');
  CHECK(nlp::wordnet_pos(Upos::ADV) == 'r');
  for (Upos p : {Upos::none, Upos::ADP, Upos::CCONJ, Upos::DET, Upos::INTJ, Upos::NUM,
                 Upos::PART, Upos::PRON, Upos::PUNCT, Upos::SCONJ, Upos::SYM, Upos::X})
    CHECK(nlp::wordnet_pos(p) == 0);
}
