#pragma once
// Rule-based tokenizer that follows the tokenization of Universal Dependencies treebanks: the
// surface tokens of UD English-EWT for "en", of UD Spanish-AnCora for "es", generic UD-like rules
// for other languages.
//   nlp::UdTokenizer tok("en");
//   tok.tokenize("I can't go to the U.S. on 5/18, e-mail me at a@b.com :)", 0, buf);
//   // I | can't | go | to | the | U.S. | on | 5/18 | , | e-mail | me | at | a@b.com | :)
// Punctuation is split off; URLs, e-mail addresses, emoticons, numbers with separators (3.14,
// 15,000, 7:30, 11/28/2000, 713-853-3989; Spanish 3,5), abbreviations with their period (Mr.,
// e.g., U.S., Sra., pág.) stay whole; runs of "." "!" "?" are one token. English splits hyphens
// except after prefixes (non-stop, co-workers, e-mail) and in phone numbers, and at the end of the
// text splits the period of an abbreviation, as EWT does. Spanish keeps hyphenated words and
// "60%" whole and splits ¿ ¡.
// Contractions and clitics are multiword tokens in UD: one surface token ("don't", "del",
// "dárselo"). With split_contractions the tokenizer emits their syntactic words instead ("do"
// "n't", "de" "el", "dar" "se" "lo"), each with the span of the whole surface token.
// Spans always slice the input; token texts view the input, static storage or out.arena.
// Thread-safe (const, no shared mutable state). Never throws.
#include <cstdint>
#include <string>

#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

class UdTokenizer final : public Tokenizer {
 public:
  // `lang` is a BCP 47 tag; its primary subtag picks the rules ("en", "es", anything else).
  explicit UdTokenizer(const std::string& lang = "en", bool split_contractions = false);
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return "ud-v1"; }
  // "en", "es" or "" (generic rules).
  std::string_view rules() const noexcept;

 private:
  std::uint8_t lang_;
  bool split_contractions_;
};

}  // namespace nlp
