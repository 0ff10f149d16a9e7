#pragma once
// Tokenizer for tweets and other casual text: the rules of NLTK 3.8's
// TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False,
// match_phone_numbers=True), implemented as hand-written matchers (no regex engine), plus whole
// emoji sequences.
//   nlp::TweetTokenizer tok;
//   nlp::tokenize_to_strings(tok, "@ana I ❤️ #nlp :-) see https://x.co/a_(b)!! &amp; more")
//     // @ana  I  ❤️  #nlp  :-)  see  https://x.co/a_(b)  !  !  &  more
// Thread-safe (const, no shared mutable state). Never throws except std::bad_alloc. Token texts
// view the input, or `out.arena` for tokens whose text differs from their source bytes.
//
// What it does, in NLTK's order:
//  1. HTML character references are decoded (&amp; &#39; &#x27; &x27;). References that do not
//     decode are deleted, as NLTK's remove_illegal=True does: &notanentity; &AMP; &#X27; (capital
//     X is not hex there) and &#129; (a byte Windows-1252 leaves undefined). &#128;..&#159; are
//     read as Windows-1252; numbers are read as Python's int() reads them.
//  2. Runs of four or more identical characters other than ASCII letters and digits are cut to
//     three ("!!!!!" gives three "!" tokens, "------>" gives "--->", "síííí" gives "sííí").
//  3. At each position the first rule that matches gives the token: URLs (John Gruber's pattern
//     with balanced parentheses, and bare domains such as example.com), phone numbers, ASCII
//     emoticons (:-) ;P D: <3), HTML tags, ASCII arrows (-> <--), @mentions, #hashtags, e-mail
//     addresses, emoji sequences, words with inner apostrophes, dashes or underscores, signed
//     numbers with one separator (3.14, 1/2, 10:30), runs of word characters, ellipses (". . ."),
//     and finally any other single non-space character. Whitespace separates tokens but ellipses
//     and phone numbers may contain it.
//  Character classes are those of the Python `regex` module NLTK uses: \w is the UTS #18 word
//  class (letters, marks, digits, Pc, ZWJ), \d is Nd, \s is White_Space, and letters in URLs and
//  emoticons match case-insensitively. Faithful quirks that follow: "hello123" gives "hello" and
//  "123"; "Do:" is an emoticon; a combining mark continues a word.
//
// Spans: a token's source is the byte range of the input it came from. It slices the input to
// the token text except where step 1 or 2 changed the text: a token made from a reference spans
// the reference ("&amp;" for "&"), and the last kept character of a shortened run spans the
// characters cut after it (the third "!" of "!!!!!" spans "!!!"). A deleted reference belongs to
// the token around it, if any. Tokens are in input order and their spans do not overlap.
//
// Intended divergences from NLTK 3.8 (everything else gives identical tokens):
//  - Emoji sequences stay whole. An emoji (Extended_Pictographic, a skin tone or a regional
//    indicator; two regional indicators form a flag), or a keycap base [0-9#*] followed by U+20E3
//    (with or without U+FE0F), takes every emoji component that follows it (U+FE0E, U+FE0F,
//    U+20E3, skin tones U+1F3FB..U+1F3FF, tags U+E0020..U+E007F), and a ZWJ joins the next emoji
//    with its own components. NLTK joins only one skin tone and ZWJ links and cuts the rest off,
//    or glues it to the next word: "❤️" gives "❤" + U+FE0F there, "❤️love" gives "❤" +
//    "\uFE0Flove", "🏳️‍🌈" gives "🏳" + "\uFE0F\u200D🌈", "👋🏻‍♂️" leaves U+FE0F alone,
//    "1️⃣2️⃣" and "1️⃣U" are one token, "#⃣" is two, a tag flag other than England, Scotland or
//    Wales is the black flag plus one token per tag character, and a flag cannot start a ZWJ
//    sequence. Here each emoji sequence is one token. A lone emoji, a sequence NLTK already keeps
//    (👍🏽, 👨‍👩‍👧, 🇪🇸, the England flag) and a keycap its hashtag rule takes first ("#️⃣",
//    "#️⃣abc") give the same tokens as NLTK.
//  - Whitespace never joins a token through ZWJ or a skin tone. NLTK's ZWJ rule starts at any
//    character, so " \u200Dx" is one token and "a 🏽" gives " 🏽"; and "👍\u200D x" gives "👍\u200D ".
//    Here whitespace is skipped as everywhere else, and a ZWJ followed by whitespace ends the
//    sequence (the ZWJ then forms a token on its own, as NLTK does before a newline).
//  - A reference to a surrogate (&#xD800;) decodes to U+FFFD; NLTK yields a lone surrogate,
//    which no UTF-8 output can carry.
//  - Unicode properties come from the ICU the build links; the `regex` module carries its own
//    tables, so characters assigned in a Unicode version only one of them knows may differ.
// Time is linear in the input length: scans that every start inside a run would repeat (for
// "a.a.a.a..." or "<a<a<a...") are done once per run.
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

class TweetTokenizer final : public Tokenizer {
 public:
  void tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const override;
  std::string_view id() const override { return "tweet-v1"; }
};

}  // namespace nlp
