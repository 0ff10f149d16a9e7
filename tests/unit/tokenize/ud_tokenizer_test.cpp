#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/tokenize/ud_tokenizer.hpp"

using Strings = std::vector<std::string>;

namespace {

struct Case {
  const char* input;
  Strings tokens;
};

// Tokens joined by " | " so a failure shows the whole segmentation.
std::string joined(const Strings& s) {
  std::string out;
  for (const auto& t : s) out += (out.empty() ? "" : " | ") + t;
  return out;
}

void check_cases(const nlp::Tokenizer& tok, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO("input: " << c.input);
    CHECK(joined(nlp::tokenize_to_strings(tok, c.input)) == joined(c.tokens));
  }
}

// Without split_contractions every token slices the input, tokens follow each other without
// overlap, and every non-space character is inside a token.
void check_span_invariant(const nlp::Tokenizer& tok, const std::string& input,
                          std::uint64_t base = 0) {
  nlp::TokenBuffer buf;
  tok.tokenize(input, base, buf);
  std::uint64_t prev = base;
  std::vector<bool> covered(input.size(), false);
  for (const auto& t : buf.tokens) {
    REQUIRE(t.source.begin >= prev);
    REQUIRE(t.source.end > t.source.begin);
    REQUIRE(t.source.end <= base + input.size());
    CHECK(input.substr(t.source.begin - base, t.source.size()) == t.text);
    for (auto k = t.source.begin; k < t.source.end; ++k) covered[k - base] = true;
    prev = t.source.end;
  }
  for (std::size_t i = 0; i < input.size();) {
    const nlp::utf8::Decoded d = nlp::utf8::decode(input, i);
    const std::size_t len = d.length == 0 ? 1 : d.length;
    const bool separator = d.valid && (nlp::unicode::is_space(d.cp) || d.cp == 0xFEFF || d.cp == 0x200B);
    if (!separator) {
      INFO("byte " << i << " of " << input);
      CHECK(covered[i]);
    }
    i += len;
  }
}

}  // namespace

TEST_CASE("ud: empty and whitespace-only input give no tokens", "[tokenize][ud]") {
  for (const char* lang : {"en", "es", "fr"}) {
    nlp::UdTokenizer tok(lang);
    CHECK(nlp::tokenize_to_strings(tok, "").empty());
    CHECK(nlp::tokenize_to_strings(tok, " \t\r\n\u00A0\u3000\u2028").empty());
    CHECK(nlp::tokenize_to_strings(tok, "\xEF\xBB\xBF").empty());  // a lone byte order mark
  }
}

TEST_CASE("ud: CRLF, BOM, combining marks, emoji sequences", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  check_cases(en, {
      {"one\r\ntwo\r\n", {"one", "two"}},
      {"\xEF\xBB\xBFHello, world", {"Hello", ",", "world"}},
      {"cafe\u0301s, nai\u0308ve.", {"cafe\u0301s", ",", "nai\u0308ve", "."}},
      {"family \U0001F469\u200D\U0001F469\u200D\U0001F467 ok", {"family", "\U0001F469\u200D\U0001F469\u200D\U0001F467", "ok"}},
      {"thumbs\U0001F44D\U0001F3FD \U0001F1EA\U0001F1F8\U0001F1EB\U0001F1F7",
       {"thumbs", "\U0001F44D\U0001F3FD", "\U0001F1EA\U0001F1F8", "\U0001F1EB\U0001F1F7"}},
      {"zero\u200Bwidth", {"zero", "width"}},
      {"Texas \U0001F3F4\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F flag, 1\uFE0F\u20E3",
       {"Texas", "\U0001F3F4\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F", "flag", ",", "1\uFE0F\u20E3"}},
  });
  check_span_invariant(en, "\xEF\xBB\xBF" "cafe\u0301s \U0001F469\u200D\U0001F467! \r\n");
}

TEST_CASE("ud: invalid UTF-8 bytes become tokens of their own and spans stay exact", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  const std::string bad = "ab\xFF" "cd \xC3 e\xE2\x82";
  check_span_invariant(en, bad);
  nlp::TokenBuffer buf;
  en.tokenize(bad, 0, buf);
  CHECK(buf.tokens.front().text == "ab");
}

TEST_CASE("ud: a 1 MB token and long symbol runs take linear time", "[tokenize][ud]") {
  nlp::UdTokenizer en("en"), es("es");
  const std::string word(1 << 20, 'a');
  CHECK(nlp::tokenize_to_strings(en, word) == Strings{word});
  const auto start = std::chrono::steady_clock::now();
  std::string hyphens;
  for (int i = 0; i < (1 << 18); ++i) hyphens += "ab-";
  CHECK(nlp::tokenize_to_strings(en, hyphens).size() == 2 * (1u << 18));
  CHECK(nlp::tokenize_to_strings(es, hyphens).size() == 2);  // Spanish keeps hyphens: one word and "-"
  std::string digits;
  for (int i = 0; i < (1 << 18); ++i) digits += "12-";
  digits += "x";
  CHECK_FALSE(nlp::tokenize_to_strings(en, digits).empty());
  std::string url = "http://example.com/";
  url += std::string(1 << 20, ')');
  CHECK(nlp::tokenize_to_strings(en, url).front() == "http://example.com/");
  CHECK(nlp::tokenize_to_strings(en, std::string(1 << 20, '.')).size() == 1);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20.0);
}

TEST_CASE("ud en: punctuation, clitics and contractions (EWT surface tokens)", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  check_cases(en, {
      {"Hello, world!", {"Hello", ",", "world", "!"}},
      {"I don't know, I'm sure you can't.", {"I", "don't", "know", ",", "I'm", "sure", "you", "can't", "."}},
      {"We cannot, we're gonna wait.", {"We", "cannot", ",", "we're", "gonna", "wait", "."}},
      {"Bush's plan and the bees' knees", {"Bush's", "plan", "and", "the", "bees'", "knees"}},
      {"It\u2019s John\u2019s", {"It\u2019s", "John\u2019s"}},
      {"the '90s and '72", {"the", "'90s", "and", "'72"}},
      {"it 's done", {"it", "'s", "done"}},
      {"He said ''no'' and \u2018\u2019yes\u2019\u2019", {"He", "said", "''", "no", "''", "and", "\u2018\u2019", "yes", "\u2019\u2019"}},
      {"(\"quoted\")", {"(", "\"", "quoted", "\"", ")"}},
      {"cookin' and I'ma go", {"cookin'", "and", "I'm", "a", "go"}},
  });
}

TEST_CASE("ud en: abbreviations keep their period, except at the end of the text", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  check_cases(en, {
      {"Mr. Smith met Dr. J. Jones of Acme Inc. in the U.S. today",
       {"Mr.", "Smith", "met", "Dr.", "J.", "Jones", "of", "Acme", "Inc.", "in", "the", "U.S.", "today"}},
      {"e.g. apples, i.e. fruit, etc. are fine", {"e.g.", "apples", ",", "i.e.", "fruit", ",", "etc.", "are", "fine"}},
      {"Apples, pears, etc.", {"Apples", ",", "pears", ",", "etc", "."}},
      {"She lives in the U.S.", {"She", "lives", "in", "the", "U.S", "."}},
      {"at 5 p.m. sharp", {"at", "5", "p.m.", "sharp"}},
      {"(etc.) and ACME LTD. too", {"(", "etc.", ")", "and", "ACME", "LTD.", "too"}},
      {"the end. Next", {"the", "end", ".", "Next"}},
      {"Acme Inc.. Next", {"Acme", "Inc.", ".", "Next"}},
  });
}

TEST_CASE("ud en: numbers, times, dates, money and units", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  check_cases(en, {
      {"$15,000.50 or 3.14% of 1,000,000", {"$", "15,000.50", "or", "3.14", "%", "of", "1,000,000"}},
      {"1,2,3", {"1", ",", "2", ",", "3"}},
      {"rose .04 to -5 (.15)", {"rose", ".04", "to", "-", "5", "(", ".15", ")"}},
      {"at 7:30, 5pm, 7:30PM or 10am", {"at", "7:30", ",", "5", "pm", ",", "7:30", "PM", "or", "10", "am"}},
      {"35mm film, 65k, 2nd and 1980s", {"35", "mm", "film", ",", "65", "k", ",", "2nd", "and", "1980s"}},
      {"on 9/11, 11/28/2000 and 03/15", {"on", "9/11", ",", "11/28/2000", "and", "03/15"}},
      {"1/2 cup, 3/4 and 2001/02", {"1", "/", "2", "cup", ",", "3", "/", "4", "and", "2001", "/", "02"}},
      {"call 713-853-3989, 345-9945 or 1-800-991-9019", {"call", "713-853-3989", ",", "345-9945", "or", "1-800-991-9019"}},
      {"in 1969-1970 and 5-10 days", {"in", "1969", "-", "1970", "and", "5", "-", "10", "days"}},
      {"+44 20 and US$5", {"+44", "20", "and", "US$", "5"}},
  });
}

TEST_CASE("ud en: hyphens split except after prefixes, in host and file names", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  check_cases(en, {
      {"a long-term, well-known plan", {"a", "long", "-", "term", ",", "well", "-", "known", "plan"}},
      {"non-stop e-mail to co-workers, re-run", {"non-stop", "e-mail", "to", "co-workers", ",", "re-run"}},
      {"state-of-the-art", {"state", "-", "of", "-", "the", "-", "art"}},
      {"a two-fold rise", {"a", "two-fold", "rise"}},
      {"see world-nuclear.org and ld2d-#69366-1.DOC", {"see", "world-nuclear.org", "and", "ld2d-#69366-1.DOC"}},
      {"misc.consumers.frugal-living", {"misc.consumers.frugal-living"}},
      {"wait -- no", {"wait", "--", "no"}},
      {"==---- ->", {"==----", "->"}},
  });
}

TEST_CASE("ud en: URLs, e-mail, mentions, emoticons and slashes", "[tokenize][ud]") {
  nlp::UdTokenizer en("en");
  check_cases(en, {
      {"See http://en.wikipedia.org/wiki/Mercury_(planet).", {"See", "http://en.wikipedia.org/wiki/Mercury_(planet)", "."}},
      {"(www.example.com/a?b=c&d=e)", {"(", "www.example.com/a?b=c&d=e", ")"}},
      {"<http://x.org/>,", {"<", "http://x.org/", ">", ","}},
      {"Mail john.doe@example.com or jodud...@aol.com.", {"Mail", "john.doe@example.com", "or", "jodud...@aol.com", "."}},
      {"#audiobooks by @Ryan_M", {"#audiobooks", "by", "@Ryan_M"}},
      {"Great :) and ;-) but :( :D", {"Great", ":)", "and", ";-)", "but", ":(", ":D"}},
      {"great:) ^_^ <3", {"great", ":)", "^_^", "<3"}},
      {"at 10:30 a:b", {"at", "10:30", "a", ":", "b"}},
      {"and/or, l/c, w/o, w/ it", {"and", "/", "or", ",", "l/c", ",", "w/o", ",", "w/", "it"}},
      {"AT&T and Q&A, f*ck", {"AT&T", "and", "Q&A", ",", "f*ck"}},
      {"Wait... what?! Really..? Yes!!!", {"Wait", "...", "what", "?!", "Really", "..", "?", "Yes", "!!!"}},
      {"report.doc and .NET", {"report.doc", "and", ".NET"}},
      {"a &lt; b &amp;&#39;c", {"a", "&lt;", "b", "&amp;", "&#39;", "c"}},
  });
}

TEST_CASE("ud es: AnCora conventions", "[tokenize][ud]") {
  nlp::UdTokenizer es("es");
  check_cases(es, {
      {"¿Qué pasa? ¡Nada!", {"¿", "Qué", "pasa", "?", "¡", "Nada", "!"}},
      {"El Sr. García pagó 3,5 millones (un 60%).", {"El", "Sr.", "García", "pagó", "3,5", "millones", "(", "un", "60%", ")", "."}},
      {"Vive en EE.UU. desde 1999-2000 con la Sra. Pérez", {"Vive", "en", "EE.UU.", "desde", "1999-2000", "con", "la", "Sra.", "Pérez"}},
      {"p. ej. la Coca-Cola, pág. 4", {"p.", "ej.", "la", "Coca-Cola", ",", "pág.", "4"}},
      {"Llegó del sur al norte.", {"Llegó", "del", "sur", "al", "norte", "."}},
      {"Quiere dárselo", {"Quiere", "dárselo"}},
      {"¿Vienes?. Sí...", {"¿", "Vienes", "?", ".", "Sí", "..."}},
      {"y luego.... nada", {"y", "luego", "...", ".", "nada"}},
      {"ganó 2-1 a las 10:30 en 6.097,9 km²", {"ganó", "2-1", "a", "las", "10:30", "en", "6.097,9", "km", "²"}},
      {"Reynard/Honda y d'Anthes", {"Reynard/Honda", "y", "d'Anthes"}},
      {"los EE.UU.", {"los", "EE.UU."}},
  });
}

TEST_CASE("ud: other languages use the generic rules", "[tokenize][ud]") {
  nlp::UdTokenizer fr("fr-CA");
  CHECK(fr.rules().empty());
  CHECK(nlp::UdTokenizer("EN-us").rules() == "en");
  CHECK(nlp::UdTokenizer("es_MX").rules() == "es");
  check_cases(fr, {
      {"«Bonjour», dit-il, etc.", {"«", "Bonjour", "»", ",", "dit-il", ",", "etc."}},
      {"3,5 kg à 10:30.", {"3,5", "kg", "à", "10:30", "."}},
      {"日本語のテキスト。", {"日本語のテキスト", "。"}},
  });
}

TEST_CASE("ud: split_contractions emits syntactic words with the surface span", "[tokenize][ud]") {
  nlp::UdTokenizer en("en", true), es("es", true);
  check_cases(en, {
      {"I don't know", {"I", "do", "n't", "know"}},
      {"I'm sure you can't", {"I", "'m", "sure", "you", "ca", "n't"}},
      {"We cannot, we're gonna wanna go", {"We", "can", "not", ",", "we", "'re", "gon", "na", "wan", "na", "go"}},
      {"Bush\u2019s plan", {"Bush", "\u2019s", "plan"}},
  });
  check_cases(es, {
      {"Llegó del sur al norte", {"Llegó", "de", "el", "sur", "a", "el", "norte"}},
      {"Del dicho AL hecho", {"De", "el", "dicho", "A", "EL", "hecho"}},
      {"Quiere dárselo", {"Quiere", "dar", "se", "lo"}},
      {"dándole y darle, irse, haciéndolo", {"dando", "le", "y", "dar", "le", ",", "ir", "se", ",", "haciendo", "lo"}},
      {"Carla y la charla", {"Carla", "y", "la", "charla"}},
      {"hablar y comer", {"hablar", "y", "comer"}},
  });
  nlp::TokenBuffer buf;
  es.tokenize("xx del", 100, buf);
  REQUIRE(buf.tokens.size() == 3);
  CHECK(buf.tokens[1].source == nlp::ByteSpan{103, 106});
  CHECK(buf.tokens[2].source == nlp::ByteSpan{103, 106});
}

TEST_CASE("ud: the span invariant holds on mixed text", "[tokenize][ud]") {
  const std::string text =
      "Mr. O'Neil's e-mail (j.o@x.com) said: \"Don't pay $1,000.50 by 5/18!!\" :-) "
      "¿Qué tal, Sra. Núñez? Pagó 3,5€ en EE.UU... #tag @user http://a.b/c_(d)). "
      "\t\u00A0naïve cafe\u0301 \U0001F469\u200D\U0001F467 \xE2\x80\x94 -- ---> 10:30PM";
  for (const char* lang : {"en", "es", "de"}) {
    INFO("lang " << lang);
    check_span_invariant(nlp::UdTokenizer(lang), text, 1000);
  }
}

TEST_CASE("ud: the factory builds it by name with its options", "[tokenize][ud]") {
  nlp::TokenizerOptions o;
  o.name = "ud";
  o.lang = "es";
  o.split_contractions = true;
  const auto tok = nlp::make_tokenizer(o);
  CHECK(tok->id() == "ud-v1");
  CHECK(nlp::tokenize_to_strings(*tok, "del") == Strings{"de", "el"});
}
