#pragma once
// Syntactic words of a surface token for the `ud` tokenizer with split_contractions (private):
// English clitics and contractions as UD English-EWT splits them ("don't" -> do n't, "cannot" ->
// can not, "gonna" -> gon na, "Bush's" -> Bush 's), Spanish "del"/"al" and verb + clitic
// pronouns as UD Spanish-AnCora does ("dárselo" -> dar se lo, "dándole" -> dando le).
#include <string_view>

#include "nlp/tokenize/tokenizer.hpp"
#include "tokenize/ud_data.hpp"

namespace nlp::detail::ud {

// Appends the words of `surface` (its bytes in the input are `span`) to `out`, each with `span`:
// one token (`surface` itself) when it is not a contraction. Word texts view `surface`, static
// storage, or out.arena (a Spanish stem losing its written accent).
void append_words(Lang lang, std::string_view surface, ByteSpan span, TokenBuffer& out);

}  // namespace nlp::detail::ud
