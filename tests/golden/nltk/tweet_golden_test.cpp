// The tweet tokenizer against NLTK 3.8's TweetTokenizer on tests/data/tweets.txt: the committed
// golden file (scripts/goldens/nltk_tweet.py), and NLTK itself when /usr/bin/python3 has it.
// Identical tokens are required on every line except the emoji sequences listed below, which
// this tokenizer keeps whole on purpose (see nlp/tokenize/tweet_tokenizer.hpp); those lines are
// checked against our own expected tokens, and must still differ from NLTK's.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "nlp/tokenize/tweet_tokenizer.hpp"
#include "support/test_support.hpp"

namespace {

using Strings = std::vector<std::string>;

// Inputs of the fixture where NLTK splits an emoji sequence (or lets whitespace start one), with
// the tokens we produce instead. Invisible characters are escaped: U+200D ZWJ, U+FE0E/U+FE0F
// variation selectors, U+20E3 keycap, U+E00xx tags.
const std::map<std::string, Strings>& divergences() {
  static const std::map<std::string, Strings> table = {
    {"Hoy es un día precioso en Sevilla ☀\uFE0F",
     {"Hoy", "es", "un", "día", "precioso", "en", "Sevilla", "☀\uFE0F"}},
    {"Qué ganas de vacaciones 🏖\uFE0F",
     {"Qué", "ganas", "de", "vacaciones", "🏖\uFE0F"}},
    {"Gracias por todo ❤\uFE0F",
     {"Gracias", "por", "todo", "❤\uFE0F"}},
    {"Orgullo 🏳\uFE0F\u200D🌈 en Madrid este finde",
     {"Orgullo", "🏳\uFE0F\u200D🌈", "en", "Madrid", "este", "finde"}},
    {"love you ❤\uFE0F❤\uFE0F❤\uFE0F",
     {"love", "you", "❤\uFE0F", "❤\uFE0F", "❤\uFE0F"}},
    {"heart on fire ❤\uFE0F\u200D🔥",
     {"heart", "on", "fire", "❤\uFE0F\u200D🔥"}},
    {"man raising hand 🙋\u200D♂\uFE0F",
     {"man", "raising", "hand", "🙋\u200D♂\uFE0F"}},
    {"waving 👋🏻\u200D♂\uFE0F hmm",
     {"waving", "👋🏻\u200D♂\uFE0F", "hmm"}},
    {"rainbow flag 🏳\uFE0F\u200D🌈 pride",
     {"rainbow", "flag", "🏳\uFE0F\u200D🌈", "pride"}},
    {"trans flag 🏳\uFE0F\u200D⚧\uFE0F",
     {"trans", "flag", "🏳\uFE0F\u200D⚧\uFE0F"}},
    {"pirate flag 🏴\u200D☠\uFE0F arr",
     {"pirate", "flag", "🏴\u200D☠\uFE0F", "arr"}},
    {"Texas 🏴\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F flag",
     {"Texas", "🏴\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F", "flag"}},
    {"keycaps 1\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E3 in a row",
     {"keycaps", "1\uFE0F\u20E3", "2\uFE0F\u20E3", "3\uFE0F\u20E3", "in", "a", "row"}},
    {"hash key #\uFE0F\u20E3 and star *\uFE0F\u20E3",
     {"hash", "key", "#\uFE0F\u20E3", "and", "star", "*\uFE0F\u20E3"}},
    {"copyright ©\uFE0F and trademark ™\uFE0F",
     {"copyright", "©\uFE0F", "and", "trademark", "™\uFE0F"}},
    {"text style ☺\uFE0E vs emoji ☺\uFE0F",
     {"text", "style", "☺\uFE0E", "vs", "emoji", "☺\uFE0F"}},
    {"eye in bubble 👁\uFE0F\u200D🗨\uFE0F",
     {"eye", "in", "bubble", "👁\uFE0F\u200D🗨\uFE0F"}},
    {"couple kissing 👩\u200D❤\uFE0F\u200D💋\u200D👨",
     {"couple", "kissing", "👩\u200D❤\uFE0F\u200D💋\u200D👨"}},
    {"red heart then word ❤\uFE0Flove",
     {"red", "heart", "then", "word", "❤\uFE0F", "love"}},
    {"face in clouds 😶\u200D🌫\uFE0F",
     {"face", "in", "clouds", "😶\u200D🌫\uFE0F"}},
    {"Eso es lo que hay... 🤷\u200D♀\uFE0F",
     {"Eso", "es", "lo", "que", "hay", "...", "🤷\u200D♀\uFE0F"}},
    {"ojalá llueva 🌧\uFE0F",
     {"ojalá", "llueva", "🌧\uFE0F"}},
    {"El mejor café ☕\uFE0F del barrio",
     {"El", "mejor", "café", "☕\uFE0F", "del", "barrio"}},
    {"¡Gol! ⚽\uFE0F⚽\uFE0F⚽\uFE0F",
     {"¡", "Gol", "!", "⚽\uFE0F", "⚽\uFE0F", "⚽\uFE0F"}},
    {"gm ☀\uFE0F",
     {"gm", "☀\uFE0F"}},
    {"🏳\uFE0F\u200D🌈",
     {"🏳\uFE0F\u200D🌈"}},
    {"❤\uFE0F",
     {"❤\uFE0F"}},
    {"broken ZWJ \u200D\u200D sequence",
     {"broken", "ZWJ", "\u200D\u200D", "sequence"}},
    {"skin tone alone 🏽 here",
     {"skin", "tone", "alone", "🏽", "here"}},
    {"double skin tone 👍🏽🏽",
     {"double", "skin", "tone", "👍🏽🏽"}},
    {"Just finished my first marathon!!! 42km in 4:05:33 🏃\u200D♀\uFE0F🏅 thanks @runclub_madrid #running #42k",
     {"Just", "finished", "my", "first", "marathon", "!", "!", "!", "42km", "in", "4:05", ":", "33", "🏃\u200D♀\uFE0F", "🏅", "thanks", "@runclub_madrid", "#running", "#42k"}},
    {"Weather update: 31°C and sunny ☀\uFE0F in Barcelona, 12°C and rainy 🌧\uFE0F in London",
     {"Weather", "update", ":", "31", "°", "C", "and", "sunny", "☀\uFE0F", "in", "Barcelona", ",", "12", "°", "C", "and", "rainy", "🌧\uFE0F", "in", "London"}},
    {"Por fin vacaciones!!!! 🏝\uFE0F🏝\uFE0F nos vemos en septiembre",
     {"Por", "fin", "vacaciones", "!", "!", "!", "🏝\uFE0F", "🏝\uFE0F", "nos", "vemos", "en", "septiembre"}},
    {"brb getting coffee ☕\uFE0F☕\uFE0F",
     {"brb", "getting", "coffee", "☕\uFE0F", "☕\uFE0F"}},
    {"just realized i've been saying it wrong for 20 years 🤦\u200D♂\uFE0F",
     {"just", "realized", "i've", "been", "saying", "it", "wrong", "for", "20", "years", "🤦\u200D♂\uFE0F"}},
    {"Happy Pride 🏳\uFE0F\u200D🌈🏳\uFE0F\u200D⚧\uFE0F everyone!",
     {"Happy", "Pride", "🏳\uFE0F\u200D🌈", "🏳\uFE0F\u200D⚧\uFE0F", "everyone", "!"}},
  };
  return table;
}

constexpr std::string_view kSep = "\u2581";

struct Case {
  std::string input;
  Strings tokens;
};

// Lines "input TAB tokens joined by U+2581" (see tests/golden/nltk/README-tweet.md).
std::vector<Case> parse_cases(const std::string& tsv) {
  std::vector<Case> cases;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string::npos) end = tsv.size();
    const std::string_view line(tsv.data() + start, end - start);
    start = end + 1;
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string_view::npos);
    Case c;
    c.input = std::string(line.substr(0, tab));
    std::string_view rest = line.substr(tab + 1);
    while (!rest.empty()) {
      const std::size_t sep = rest.find(kSep);
      c.tokens.emplace_back(rest.substr(0, sep));
      if (sep == std::string_view::npos) break;
      rest.remove_prefix(sep + kSep.size());
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<std::string> fixture_lines() {
  return nlp::test::read_lines(nlp::test::source_dir() / "tests/data/tweets.txt");
}

// Compares our tokens with NLTK's for every case; every listed divergence must occur.
void compare(const std::vector<Case>& cases) {
  const nlp::TweetTokenizer tok;
  const auto& diverging = divergences();
  std::size_t seen = 0, mismatches = 0;
  for (const auto& c : cases) {
    const Strings ours = nlp::tokenize_to_strings(tok, c.input);
    const auto it = diverging.find(c.input);
    if (it != diverging.end()) {
      ++seen;
      INFO("intended divergence: " << c.input);
      CHECK(ours == it->second);
      CHECK(c.tokens != it->second);
      continue;
    }
    if (ours != c.tokens) {
      ++mismatches;
      INFO("input: " << c.input);
      CHECK(ours == c.tokens);
    }
  }
  CHECK(mismatches == 0);
  CHECK(seen == diverging.size());
}

}  // namespace

TEST_CASE("tweet golden: the golden file covers the fixture line by line", "[tokenize][nltk]") {
  const auto lines = fixture_lines();
  const auto cases =
      parse_cases(nlp::test::read_file(nlp::test::source_dir() / "tests/golden/nltk/tweet_cases.tsv"));
  REQUIRE(cases.size() == lines.size());
  REQUIRE(cases.size() >= 300);
  for (std::size_t i = 0; i < lines.size(); ++i) CHECK(cases[i].input == lines[i]);
}

TEST_CASE("tweet golden: tokens equal NLTK 3.8 except the listed emoji sequences", "[tokenize][nltk]") {
  compare(parse_cases(
      nlp::test::read_file(nlp::test::source_dir() / "tests/golden/nltk/tweet_cases.tsv")));
}

TEST_CASE("tweet golden: live NLTK through /usr/bin/python3 agrees on the fixture", "[tokenize][nltk]") {
  const auto probe = nlp::test::run("/usr/bin/python3 -c 'import nltk.tokenize.casual'");
  if (probe.exit_code != 0) nlp::test::skip("/usr/bin/python3 cannot import nltk");
  const auto script = nlp::test::source_dir() / "scripts/goldens/nltk_tweet.py";
  const auto fixture = nlp::test::source_dir() / "tests/data/tweets.txt";
  const auto r = nlp::test::run("/usr/bin/python3 " + nlp::test::shell_quote(script.string()) + " " +
                                nlp::test::shell_quote(fixture.string()) + " -");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto cases = parse_cases(r.out);
  REQUIRE(cases.size() == fixture_lines().size());
  compare(cases);
}

TEST_CASE("tweet golden: live regex module classes equal ours on assigned code points", "[tokenize][nltk][unicode]") {
  // The patterns' \w, \s and \d are the `regex` module's, not `re`'s: UTS #18 word characters
  // (marks and ZWJ included), White_Space and Nd.
  const auto probe = nlp::test::run("/usr/bin/python3 -c 'import regex'");
  if (probe.exit_code != 0) nlp::test::skip("/usr/bin/python3 cannot import regex");
  const auto script = nlp::test::source_dir() / "scripts/goldens/nltk_tweet.py";
  const auto r = nlp::test::run("/usr/bin/python3 " + nlp::test::shell_quote(script.string()) + " --classes");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::vector<bool>> member;
  for (const char* name : {"assigned", "word", "space", "decimal"}) member[name].assign(0x110000, false);
  std::istringstream in(r.out);
  std::string name;
  unsigned long first = 0, last = 0;
  while (in >> name >> std::hex >> first >> last)
    for (unsigned long cp = first; cp <= last; ++cp) member.at(name)[cp] = true;
  const auto& assigned = member.at("assigned");
  std::size_t compared = 0, mismatches = 0;
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (!assigned[cp]) continue;
    ++compared;
    const bool ours[] = {nlp::unicode::is_uts18_word(cp), nlp::unicode::is_white_space(cp),
                         nlp::unicode::is_decimal(cp)};
    const bool theirs[] = {member.at("word")[cp], member.at("space")[cp], member.at("decimal")[cp]};
    for (int k = 0; k < 3; ++k) {
      if (ours[k] != theirs[k] && ++mismatches <= 10) {
        INFO("class " << k << " differs at U+" << std::hex << static_cast<unsigned long>(cp));
        CHECK(ours[k] == theirs[k]);
      }
    }
  }
  CHECK(compared > 100000);
  CHECK(mismatches == 0);
}
