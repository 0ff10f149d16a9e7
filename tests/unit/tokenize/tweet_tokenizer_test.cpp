#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/tokenize/tweet_tokenizer.hpp"

using Strings = std::vector<std::string>;

namespace {

Strings toks(std::string_view input) {
  return nlp::tokenize_to_strings(nlp::TweetTokenizer{}, input);
}

nlp::TokenBuffer run(std::string_view input, std::uint64_t base = 0) {
  nlp::TokenBuffer buf;
  nlp::TweetTokenizer{}.tokenize(input, base, buf);
  return buf;
}

std::string_view slice(std::string_view input, const nlp::Token& t) {
  return input.substr(t.source.begin, t.source.size());
}

// True when NLTK's rewriting (references, runs of 4+ identical characters) may have touched the
// token's bytes: an '&' inside, or a run of four equal code points that reaches into the span.
bool may_be_rewritten(std::string_view input, const nlp::Token& t) {
  if (slice(input, t).find('&') != std::string_view::npos) return true;
  std::vector<std::size_t> starts;  // code point starts from up to three code points before
  std::size_t from = static_cast<std::size_t>(t.source.begin);
  for (int k = 0; k < 3 && from > 0; ++k) {
    --from;
    while (from > 0 && (static_cast<unsigned char>(input[from]) & 0xC0) == 0x80) --from;
  }
  for (std::size_t i = from; i < t.source.end;) {
    starts.push_back(i);
    ++i;
    while (i < input.size() && (static_cast<unsigned char>(input[i]) & 0xC0) == 0x80) ++i;
  }
  starts.push_back(static_cast<std::size_t>(t.source.end));
  auto cp = [&](std::size_t k) { return input.substr(starts[k], starts[k + 1] - starts[k]); };
  for (std::size_t k = 3; k + 1 < starts.size(); ++k)
    if (cp(k) == cp(k - 1) && cp(k) == cp(k - 2) && cp(k) == cp(k - 3)) return true;
  return false;
}

// Spans are in bounds, non-empty, in order and disjoint; a token whose bytes were not rewritten
// is exactly its span.
void check_spans(std::string_view input) {
  const auto buf = run(input);
  std::uint64_t last_end = 0;
  for (const auto& t : buf.tokens) {
    INFO("token [" << t.text << "] in [" << input << "]");
    REQUIRE(t.source.begin < t.source.end);
    REQUIRE(t.source.end <= input.size());
    CHECK(t.source.begin >= last_end);
    last_end = t.source.end;
    if (!may_be_rewritten(input, t)) CHECK(slice(input, t) == t.text);
  }
}

}  // namespace

// ---- edge cases -------------------------------------------------------------------------------

TEST_CASE("tweet: empty and whitespace-only input give no tokens", "[tokenize][tweet]") {
  CHECK(toks("").empty());
  CHECK(toks(" ").empty());
  CHECK(toks(" \t\r\n\v\f\u0085\u00A0\u1680\u2003\u2028\u2029\u202F\u205F\u3000").empty());
}

TEST_CASE("tweet: U+001C..U+001F are tokens, not whitespace, as in the regex module", "[tokenize][tweet]") {
  CHECK(toks("a\x1C" "b") == Strings{"a", "\x1C", "b"});
}

TEST_CASE("tweet: CRLF separates tokens and spans skip it", "[tokenize][tweet]") {
  const std::string input = "hola\r\nqué tal\r\n";
  CHECK(toks(input) == Strings{"hola", "qué", "tal"});
  const auto buf = run(input);
  REQUIRE(buf.tokens.size() == 3);
  CHECK(buf.tokens[1].source == nlp::ByteSpan{6, 10});
  check_spans(input);
}

TEST_CASE("tweet: a byte order mark is a token of its own, as in NLTK", "[tokenize][tweet]") {
  CHECK(toks("\xEF\xBB\xBFhello") == Strings{"\xEF\xBB\xBF", "hello"});
}

TEST_CASE("tweet: combining marks are word characters", "[tokenize][tweet]") {
  CHECK(toks("a \u0301 b") == Strings{"a", "\u0301", "b"});
  CHECK(toks("\u0301") == Strings{"\u0301"});
  CHECK(toks("cafe\u0301s nin\u0303o") == Strings{"cafe\u0301s", "nin\u0303o"});
}

TEST_CASE("tweet: ZWJ at the start or end of text", "[tokenize][tweet]") {
  // A ZWJ is a word character (Join_Control), so it starts a word.
  CHECK(toks("\u200D" "abc") == Strings{"\u200D" "abc"});
  CHECK(toks("\U0001F44D\u200D") == Strings{"\U0001F44D", "\u200D"});
  CHECK(toks("\u200D") == Strings{"\u200D"});
}

TEST_CASE("tweet: broken ZWJ sequences", "[tokenize][tweet]") {
  // A doubled ZWJ: the second one is the joined character, as in NLTK.
  CHECK(toks("\U0001F468\u200D\u200D\U0001F469") == Strings{"\U0001F468\u200D\u200D", "\U0001F469"});
  // ZWJ then whitespace ends the sequence; NLTK would glue the space into "👍‍ ".
  CHECK(toks("\U0001F44D\u200D x") == Strings{"\U0001F44D", "\u200D", "x"});
  CHECK(toks("\U0001F44D\u200D\nx") == Strings{"\U0001F44D", "\u200D", "x"});
  // Whitespace never starts a sequence; NLTK gives " \u200Dx" and " 🏽".
  CHECK(toks("a \u200Dx") == Strings{"a", "\u200Dx"});
  CHECK(toks("a \U0001F3FD") == Strings{"a", "\U0001F3FD"});
}

TEST_CASE("tweet: long emoji runs", "[tokenize][tweet]") {
  std::string laughs;
  for (int i = 0; i < 100; ++i) laughs += "\U0001F602";
  // Runs of one repeated character are cut to three; the last token spans the rest of the run.
  const auto buf = run(laughs);
  REQUIRE(buf.tokens.size() == 3);
  for (const auto& t : buf.tokens) CHECK(t.text == "\U0001F602");
  CHECK(buf.tokens[0].source == nlp::ByteSpan{0, 4});
  CHECK(buf.tokens[2].source == nlp::ByteSpan{8, 400});

  std::string mixed, thumbs;
  for (int i = 0; i < 50; ++i) mixed += "\U0001F600\U0001F603\U0001F604\U0001F601";
  CHECK(toks(mixed).size() == 200);
  for (int i = 0; i < 50; ++i) thumbs += "\U0001F44D\U0001F3FD";
  const auto t = toks(thumbs);
  REQUIRE(t.size() == 50);
  CHECK(t[49] == "\U0001F44D\U0001F3FD");
  check_spans(mixed);
  check_spans(thumbs);
}

TEST_CASE("tweet: a 1 MB token", "[tokenize][tweet]") {
  const std::string word(1 << 20, 'a');
  const std::string padded = " " + word + " ";
  auto buf = run(padded);
  REQUIRE(buf.tokens.size() == 1);
  CHECK(buf.tokens[0].text.size() == word.size());
  CHECK(buf.tokens[0].source == nlp::ByteSpan{1, 1 + word.size()});

  const std::string url = "http://example.com/" + std::string(1 << 20, 'x') + "_(y)";
  const std::string sentence = url + ".";  // token texts view their input: keep it alive
  buf = run(sentence);
  REQUIRE(buf.tokens.size() == 2);
  CHECK(buf.tokens[0].text == url);

  // A megabyte of one repeated non-ASCII letter is cut to three, spanning all of it.
  std::string enes;
  for (int i = 0; i < (1 << 19); ++i) enes += "ñ";
  buf = run(enes);
  REQUIRE(buf.tokens.size() == 1);
  CHECK(buf.tokens[0].text == "ñññ");
  CHECK(buf.tokens[0].source == nlp::ByteSpan{0, enes.size()});
}

TEST_CASE("tweet: megabyte inputs that retry rules at every position stay linear", "[tokenize][tweet]") {
  // Each of these makes a naive matcher rescan the rest of the text from every position.
  auto repeat = [](std::string_view unit) {
    std::string out;
    while (out.size() < (1u << 20)) out += unit;
    return out;
  };
  const std::string dots = repeat("a."), tags = repeat("<a"), numbers = repeat("1-"),
                    local = repeat("a.") + "@", opens = "http://x/" + repeat("(a");
  CHECK(toks(dots).size() == dots.size());
  CHECK(toks(tags).size() == tags.size());
  CHECK(toks(numbers).size() == numbers.size() / 4);
  CHECK(toks(local).size() == local.size());
  CHECK(toks(opens).size() == 1 + (opens.size() - 9));
}

// ---- HTML character references ------------------------------------------------------------------

TEST_CASE("tweet: references are decoded and span the reference", "[tokenize][tweet]") {
  const std::string input = "Tom &amp; Jerry &#39;x&#x27; &lt;3";
  CHECK(toks(input) == Strings{"Tom", "&", "Jerry", "'", "x", "'", "<3"});
  const auto buf = run(input);
  REQUIRE(buf.tokens.size() == 7);
  CHECK(slice(input, buf.tokens[1]) == "&amp;");
  CHECK(slice(input, buf.tokens[3]) == "&#39;");
  CHECK(slice(input, buf.tokens[4]) == "x");
  CHECK(slice(input, buf.tokens[5]) == "&#x27;");
  CHECK(slice(input, buf.tokens[6]) == "&lt;3");
  check_spans(input);
}

TEST_CASE("tweet: references that do not decode are deleted", "[tokenize][tweet]") {
  CHECK(toks("&notanentity;").empty());
  CHECK(toks("&AMP; &#X27; &#129; &#1114112; &#-1; &foo;").empty());
  // Deleted inside a word, the word spans the reference too.
  const std::string input = "a&notanentity;b";
  const auto buf = run(input);
  REQUIRE(buf.tokens.size() == 1);
  CHECK(buf.tokens[0].text == "ab");
  CHECK(buf.tokens[0].source == nlp::ByteSpan{0, input.size()});
  // Without ';' there is no reference.
  CHECK(toks("AT&T rocks") == Strings{"AT", "&", "T", "rocks"});
  CHECK(toks("AT&T; rocks") == Strings{"AT", "rocks"});
}

TEST_CASE("tweet: numeric references follow Python's int() and Windows-1252", "[tokenize][tweet]") {
  CHECK(toks("&#150;") == Strings{"\u2013"});
  CHECK(toks("&#x80;") == Strings{"\u20AC"});
  CHECK(toks("&x27;") == Strings{"'"});          // 'x' without '#' still means hex in NLTK
  CHECK(toks("&#3_9; &#+39;") == Strings{"'", "'"});
  CHECK(toks("&#x0x27;") == Strings{"'"});       // int("0x27", 16)
  CHECK(toks("&#\u0663\u0669;") == Strings{"'"});  // Arabic-Indic digits are decimals
  CHECK(toks("&#128512; &#x1F600;") == Strings{"\U0001F600", "\U0001F600"});
  CHECK(toks("&#0;") == Strings{std::string(1, '\0')});
  // Python would produce a lone surrogate; UTF-8 cannot, so it becomes U+FFFD.
  CHECK(toks("&#xD800;") == Strings{"\uFFFD"});
  CHECK(toks("&amp;amp;") == Strings{"&", "amp", ";"});  // decoded once
  CHECK(toks("&xa;") .empty());                          // a newline
  CHECK(toks("&nbsp;x") == Strings{"x"});                 // U+00A0 is whitespace
}

// ---- repeated characters ----------------------------------------------------------------------

TEST_CASE("tweet: runs of 4+ identical characters are cut to three", "[tokenize][tweet]") {
  const std::string input = "no!!!!!! ------> síííííí sooooo";
  CHECK(toks(input) == Strings{"no", "!", "!", "!", "--->", "sííí", "sooooo"});
  const auto buf = run(input);
  REQUIRE(buf.tokens.size() == 7);
  CHECK(slice(input, buf.tokens[3]) == "!!!!");
  CHECK(slice(input, buf.tokens[4]) == "------>");
  CHECK(slice(input, buf.tokens[5]) == "síííííí");
  check_spans(input);
  // Entities count as the character they stand for.
  CHECK(toks("&#33;&#33;&#33;&#33;&#33;") == Strings{"!", "!", "!"});
  CHECK(toks("!!&foo;!!") == Strings{"!", "!", "!"});
}

// ---- the rules --------------------------------------------------------------------------------

TEST_CASE("tweet: URLs, parentheses and trailing punctuation", "[tokenize][tweet]") {
  CHECK(toks("https://en.wikipedia.org/wiki/Python_(programming_language)") ==
        Strings{"https://en.wikipedia.org/wiki/Python_(programming_language)"});
  CHECK(toks("(see http://x.com/a) http://x.com/a. http://x.com/a(b)c)") ==
        Strings{"(", "see", "http://x.com/a", ")", "http://x.com/a", ".", "http://x.com/a(b)c", ")"});
  CHECK(toks("http://example.com/((double)) ok") == Strings{"http://example.com/((double))", "ok"});
  CHECK(toks("HTTPS://EXAMPLE.COM/X!") == Strings{"HTTPS://EXAMPLE.COM/X", "!"});
  CHECK(toks("go to www.example.com/page?id=5&ref=tw now") ==
        Strings{"go", "to", "www.example.com/page?id=5&ref=tw", "now"});
  CHECK(toks("example.com foo.bar.example.org x.y e.g. www.example") ==
        Strings{"example.com", "foo.bar.example.org", "x", ".", "y", "e", ".", "g", ".", "www.example"});
  CHECK(toks("http:/// ftp://a.b/c") == Strings{"http:///", "ftp", ":/", "/", "a", ".", "b", "/", "c"});
}

TEST_CASE("tweet: e-mail addresses", "[tokenize][tweet]") {
  CHECK(toks("jane.doe@mail.example.com.") == Strings{"jane.doe@mail.example.com", "."});
  // URLs come first: "jane.doe" followed by '+' is a bare domain, as in NLTK.
  CHECK(toks("jane.doe+news@mail.example.com") == Strings{"jane.doe", "+news@mail.example.com"});
  CHECK(toks("a@b.cd") == Strings{"a@b.cd"});
  CHECK(toks("a@b.c") == Strings{"a", "@b", ".", "c"});
  // A bare domain right before '@' is not a URL.
  CHECK(toks("foo.na@example.com") == Strings{"foo.na@example.com"});
}

TEST_CASE("tweet: mentions and hashtags", "[tokenize][tweet]") {
  CHECK(toks("@user.name @user_name_123: hi") ==
        Strings{"@user", ".", "name", "@user_name_123", ":", "hi"});
  CHECK(toks("#hash_tag #año #日本 #a #a'b' ##x") ==
        Strings{"#hash_tag", "#año", "#日本", "#", "a", "#a'b", "'", "#", "#", "x"});
  CHECK(toks("@ alone") == Strings{"@", "alone"});
}

TEST_CASE("tweet: emoticons versus words", "[tokenize][tweet]") {
  CHECK(toks(":-) <3 :D D: XD :Dlol 8) d: :p </3 >:(") ==
        Strings{":-)", "<3", ":D", "D:", "XD", ":D", "lol", "8)", "d:", ":p", "</3", ">:("});
  // NLTK's mouth class holds 'D' and 'P' and its nose 'o', so "Do:" is an emoticon.
  CHECK(toks("Do: this") == Strings{"Do:", "this"});
  // 'O' is a nose, not a mouth.
  CHECK(toks("Dogs :O :O)") == Strings{"Dogs", ":", "O", ":O)"});
}

TEST_CASE("tweet: HTML tags and arrows", "[tokenize][tweet]") {
  CHECK(toks("x <b>bold</b> <not a tag>") ==
        Strings{"x", "<b>", "bold", "</b>", "<", "not", "a", "tag", ">"});
  CHECK(toks("-> <- ---> <-- -- <") == Strings{"->", "<-", "--->", "<--", "-", "-", "<"});
}

TEST_CASE("tweet: phone numbers", "[tokenize][tweet]") {
  CHECK(toks("555-123-4567 (555) 987-6543 +1 (212) 555-0147") ==
        Strings{"555-123-4567", "(555) 987-6543", "+1 (212) 555-0147"});
  CHECK(toks("555 1234 12345 555-12") == Strings{"555 1234", "12345", "555-12"});
}

TEST_CASE("tweet: words, numbers and ellipses", "[tokenize][tweet]") {
  CHECK(toks("hello123 don't rock-n-roll 3.14 1/2 -5 +3,5 10:30") ==
        Strings{"hello", "123", "don't", "rock-n-roll", "3.14", "1/2", "-", "5", "+3,5", "10:30"});
  CHECK(toks("wait... . . . ..") == Strings{"wait", "... . . . .."});
  CHECK(toks("¿Qué tal? ¡Bien!") == Strings{"¿", "Qué", "tal", "?", "¡", "Bien", "!"});
}

// ---- emoji sequences --------------------------------------------------------------------------

TEST_CASE("tweet: emoji sequences stay whole", "[tokenize][tweet]") {
  // Kept whole by NLTK too.
  CHECK(toks("\U0001F468\u200D\U0001F469\u200D\U0001F467") ==
        Strings{"\U0001F468\u200D\U0001F469\u200D\U0001F467"});
  CHECK(toks("\U0001F44D\U0001F3FD!") == Strings{"\U0001F44D\U0001F3FD", "!"});
  CHECK(toks("\U0001F1EA\U0001F1F8\U0001F1EB") == Strings{"\U0001F1EA\U0001F1F8", "\U0001F1EB"});
  const std::string scotland = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F";
  CHECK(toks(scotland + "x") == Strings{scotland, "x"});
  // Split by NLTK, whole here.
  CHECK(toks("\u2764\uFE0Flove") == Strings{"\u2764\uFE0F", "love"});
  CHECK(toks("\U0001F3F3\uFE0F\u200D\U0001F308") == Strings{"\U0001F3F3\uFE0F\u200D\U0001F308"});
  CHECK(toks("\U0001F469\U0001F3FD\u200D\U0001F4BB") == Strings{"\U0001F469\U0001F3FD\u200D\U0001F4BB"});
  CHECK(toks("\U0001F44B\U0001F3FB\u200D\u2642\uFE0F") == Strings{"\U0001F44B\U0001F3FB\u200D\u2642\uFE0F"});
  const std::string texas = "\U0001F3F4\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F";
  CHECK(toks(texas) == Strings{texas});
  CHECK(toks("1\uFE0F\u20E3" "2\uFE0F\u20E3") == Strings{"1\uFE0F\u20E3", "2\uFE0F\u20E3"});
  CHECK(toks("#\u20E3 *\uFE0F\u20E3") == Strings{"#\u20E3", "*\uFE0F\u20E3"});
  CHECK(toks("\u263A\uFE0E") == Strings{"\u263A\uFE0E"});
  CHECK(toks("\U0001F1EA\U0001F1F8\u200D\U0001F44D") == Strings{"\U0001F1EA\U0001F1F8\u200D\U0001F44D"});
  // A lone emoji and a lone variation selector.
  CHECK(toks("\U0001F600 \uFE0F") == Strings{"\U0001F600", "\uFE0F"});
  check_spans("\U0001F3F3\uFE0F\u200D\U0001F308 " + texas + " 1\uFE0F\u20E3");
}

// ---- invariants and plumbing ------------------------------------------------------------------

TEST_CASE("tweet: spans slice the input except where text was rewritten", "[tokenize][tweet]") {
  for (std::string_view input : {
           "RT @ana: ¡Qué día! 😂😂😂😂 https://t.co/x_(y) &amp; more...",
           "&#x1F600;&#x1F600;&#x1F600;&#x1F600;&#x1F600; ok",
           "a &#129; b!!!&#129;!!! c",
           "Llámame al 600 123 456 o escribe a ana.garcia@correo.example.es",
       })
    check_spans(input);
}

TEST_CASE("tweet: base offsets shift spans", "[tokenize][tweet]") {
  const auto buf = run("ab &amp; cd", 1000);
  REQUIRE(buf.tokens.size() == 3);
  CHECK(buf.tokens[1].source == nlp::ByteSpan{1003, 1008});
  CHECK(buf.tokens[2].source == nlp::ByteSpan{1009, 1011});
}

TEST_CASE("tweet: token texts view the input when unchanged", "[tokenize][tweet]") {
  const std::string input = "hola &amp; adiós";
  const auto buf = run(input);
  REQUIRE(buf.tokens.size() == 3);
  CHECK(buf.tokens[0].text.data() == input.data());
  CHECK(buf.tokens[2].text.data() == input.data() + 11);
  CHECK(buf.tokens[1].text == "&");
}

TEST_CASE("tweet: the factory builds it by name", "[tokenize][tweet]") {
  nlp::TokenizerOptions opts;
  opts.name = "tweet";
  const auto tok = nlp::make_tokenizer(opts);
  CHECK(tok->id() == "tweet-v1");
  CHECK(nlp::tokenize_to_strings(*tok, "hi @bob :-)") == Strings{"hi", "@bob", ":-)"});
  bool listed = false;
  for (auto name : nlp::tokenizer_names()) listed = listed || name == "tweet";
  CHECK(listed);
}
