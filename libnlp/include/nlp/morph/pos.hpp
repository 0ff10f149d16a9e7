#pragma once
// Part-of-speech tags for lemmatizers: Universal POS, Penn Treebank and WordNet's n/v/a/s/r are
// all read into a Universal POS tag.
//   nlp::parse_pos("VBD") == nlp::Upos::VERB;  nlp::parse_pos("n") == nlp::Upos::NOUN
#include <optional>
#include <string_view>

namespace nlp {

enum class Upos {
  none,  // not given
  ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X
};

// UPOS (NOUN, ...), WordNet (n, v, a, s, r) or Penn Treebank (NN, VBD, JJR, RB, PRP$, ...)
// tags, case-sensitive as written in those tag sets; "" and "_" give Upos::none. nullopt for
// anything else.
std::optional<Upos> parse_pos(std::string_view tag);

// "NOUN", ...; "" for Upos::none.
std::string_view to_string(Upos p);

// WordNet's part of speech for a UPOS tag: 'n' (NOUN, PROPN), 'v' (VERB, AUX), 'a' (ADJ),
// 'r' (ADV); 0 when WordNet has none.
char wordnet_pos(Upos p);

}  // namespace nlp
