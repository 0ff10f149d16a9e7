// Part-of-speech tag parsing: Universal POS, WordNet and Penn Treebank tags into Upos.
#include "nlp/morph/pos.hpp"

#include <array>

namespace nlp {

namespace {

struct TagEntry {
  std::string_view tag;
  Upos upos;
};

// UPOS names in the order of the enum (after `none`).
constexpr std::array<std::string_view, 17> kUposNames = {
    "ADJ",   "ADP",   "ADV",  "AUX",  "CCONJ", "DET",   "INTJ", "NOUN", "NUM",
    "PART",  "PRON",  "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

// Penn Treebank tags as written in the XPOS column of UD English-EWT (which adds the OntoNotes
// tags ADD, AFX, GW, HYPH, NFP and XX to the original set), plus the bracket and trace tags of
// the Wall Street Journal files. Where EWT gives one XPOS several UPOS tags, the table holds the
// one EWT uses most (train, dev and test together): WDT -> PRON (1,068 of 1,183), ADD -> PROPN
// (420 of 475), LS -> NUM (all 125), NFP -> PUNCT (344 of 499), AFX -> X (38 of 75), GW -> X;
// FW is X, its own category, although EWT tags foreign words by their function as well.
constexpr TagEntry kPennTags[] = {
    {"CC", Upos::CCONJ},  {"CD", Upos::NUM},    {"DT", Upos::DET},    {"EX", Upos::PRON},
    {"FW", Upos::X},      {"IN", Upos::ADP},    {"JJ", Upos::ADJ},    {"JJR", Upos::ADJ},
    {"JJS", Upos::ADJ},   {"LS", Upos::NUM},    {"MD", Upos::AUX},    {"NN", Upos::NOUN},
    {"NNS", Upos::NOUN},  {"NNP", Upos::PROPN}, {"NNPS", Upos::PROPN}, {"PDT", Upos::DET},
    {"POS", Upos::PART},  {"PRP", Upos::PRON},  {"PRP$", Upos::PRON}, {"RB", Upos::ADV},
    {"RBR", Upos::ADV},   {"RBS", Upos::ADV},   {"RP", Upos::ADP},    {"SYM", Upos::SYM},
    {"TO", Upos::PART},   {"UH", Upos::INTJ},   {"VB", Upos::VERB},   {"VBD", Upos::VERB},
    {"VBG", Upos::VERB},  {"VBN", Upos::VERB},  {"VBP", Upos::VERB},  {"VBZ", Upos::VERB},
    {"WDT", Upos::PRON},  {"WP", Upos::PRON},   {"WP$", Upos::PRON},  {"WRB", Upos::ADV},
    {"ADD", Upos::PROPN}, {"AFX", Upos::X},     {"GW", Upos::X},      {"XX", Upos::X},
    {"NFP", Upos::PUNCT}, {"HYPH", Upos::PUNCT}, {"``", Upos::PUNCT}, {"''", Upos::PUNCT},
    {",", Upos::PUNCT},   {".", Upos::PUNCT},   {":", Upos::PUNCT},   {"-LRB-", Upos::PUNCT},
    {"-RRB-", Upos::PUNCT}, {"-LSB-", Upos::PUNCT}, {"-RSB-", Upos::PUNCT},
    {"-LCB-", Upos::PUNCT}, {"-RCB-", Upos::PUNCT}, {"$", Upos::SYM}, {"#", Upos::SYM},
};

// Tags that some Penn Treebank releases write instead of the bracket names, and the empty
// element tag.
constexpr TagEntry kPennExtra[] = {
    {"(", Upos::PUNCT}, {")", Upos::PUNCT}, {"-NONE-", Upos::X}};

}  // namespace

std::optional<Upos> parse_pos(std::string_view tag) {
  if (tag.empty() || tag == "_") return Upos::none;
  if (tag.size() == 1) {
    switch (tag[0]) {
      case 'n': return Upos::NOUN;
      case 'v': return Upos::VERB;
      case 'a':
      case 's': return Upos::ADJ;
      case 'r': return Upos::ADV;
      default: break;
    }
  }
  for (std::size_t i = 0; i < kUposNames.size(); ++i)
    if (kUposNames[i] == tag) return static_cast<Upos>(i + 1);
  for (const auto& e : kPennTags)
    if (e.tag == tag) return e.upos;
  for (const auto& e : kPennExtra)
    if (e.tag == tag) return e.upos;
  return std::nullopt;
}

std::string_view to_string(Upos p) {
  const auto i = static_cast<std::size_t>(p);
  if (i == 0 || i > kUposNames.size()) return {};
  return kUposNames[i - 1];
}

char wordnet_pos(Upos p) {
  switch (p) {
    case Upos::NOUN:
    case Upos::PROPN: return 'n';
    case Upos::VERB:
    case Upos::AUX: return 'v';
    case Upos::ADJ: return 'a';
    case Upos::ADV: return 'r';
    default: return 0;
  }
}

}  // namespace nlp
