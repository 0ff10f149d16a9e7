#pragma once
// Word lists of the `ud` tokenizer (private): abbreviations that keep their period, English
// prefixes that keep their hyphen, emoticons, contractions and clitics split into words.
#include <cstdint>
#include <string_view>

namespace nlp::detail::ud {

enum class Lang : std::uint8_t { en, es, other };

// `word` (without its final period) is an abbreviation written with a period in `lang`, e.g.
// "Mr", "etc", "Sra", "pág". Case-sensitive, with a capitalized first letter also accepted.
bool is_abbreviation(Lang lang, std::string_view word);

// English prefixes written with a hyphen that stay inside their word (UD English-EWT follows
// the OntoNotes/Penn Treebank rule: "non-stop", "co-workers", "e-mail"). Lowercase ASCII.
bool is_hyphen_prefix(std::string_view lowercase_word);

// Emoticons such as ":)", ":-(", ";D", "^_^", "<3".
bool is_emoticon(std::string_view s);
// Longest emoticon length, for bounded lookahead.
inline constexpr std::size_t kMaxEmoticonBytes = 3;

// Lowercase unit or time written after a number ("pm", "mm", "k", "p.m").
bool is_unit(std::string_view lowercase_word);

// Lowercase file name extension ("doc", "xls", "pdf").
bool is_file_extension(std::string_view lowercase_word);

// Words written after an apostrophe that form one token with it: 'em, 'cause, 'til, 'n'.
bool is_apostrophe_word(std::string_view lowercase_word);

}  // namespace nlp::detail::ud
