#pragma once
// The mteval-v13a substitutions that sacreBLEU's 13a and zh tokenizers and its TER normalization
// share, each a left-to-right, non-overlapping pass as Python's re.sub makes it. Every pattern's
// characters are ASCII and a match never starts inside a multi-byte character's continuation
// bytes, so working on bytes gives what Python gives on code points.
#include <string>
#include <string_view>

namespace nlp::metrics::detail {

// ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 ": ASCII punctuation and symbols (not ' , - .) set apart.
void mteval_symbols(std::string_view in, std::string& out);

// ([^0-9])([\.,]) -> "\1 \2 ", then ([\.,])([^0-9]) -> " \1 \2", then ([0-9])(-) -> "\1 \2 ":
// periods and commas set apart except between digits, a hyphen after a digit.
void mteval_numbers(std::string_view in, std::string& out);

// Every occurrence of `from` (not empty) replaced by `to`, left to right.
void replace_all(std::string& s, std::string_view from, std::string_view to);

}  // namespace nlp::metrics::detail
