#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/tokenize/treebank_tokenizer.hpp"
#include "nlp/tokenize/whitespace_tokenizer.hpp"

// Expected tokens are NLTK 3.8's: TreebankWordTokenizer().tokenize(text) and
// NLTKWordTokenizer().tokenize(text). tests/golden/nltk/ compares whole corpora.

using Strings = std::vector<std::string>;
using Flavor = nlp::TreebankTokenizer::Flavor;

namespace {

struct Case {
  std::string text;
  Strings treebank, word;
};

Strings tokens_of(const nlp::Tokenizer& tok, const std::string& text) {
  return nlp::tokenize_to_strings(tok, text);
}

// The characters NLTK rewrote into a token (`` and '' from quotes, -LRB- etc. from brackets).
bool rewritten_from(std::string_view token, std::string_view original) {
  if (token == "``") return original == "\"" || original == "''";
  if (token == "''") return original == "\"";
  const std::pair<std::string_view, std::string_view> brackets[] = {
      {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"}};
  return std::any_of(std::begin(brackets), std::end(brackets),
                     [&](const auto& b) { return token == b.first && original == b.second; });
}

// Spans are in order and slice the input to the token text, or to the character NLTK rewrote.
void check_spans(const nlp::Tokenizer& tok, const std::string& input, std::uint64_t base = 0) {
  nlp::TokenBuffer buf;
  tok.tokenize(input, base, buf);
  std::uint64_t prev = base;
  for (const auto& t : buf.tokens) {
    INFO("token [" << t.text << "] in [" << input << "]");
    REQUIRE(t.source.begin >= prev);
    REQUIRE(t.source.end <= base + input.size());
    const std::string_view src = std::string_view(input).substr(t.source.begin - base, t.source.size());
    if (src == t.text) {
      // A token that appears verbatim views the input itself.
      CHECK(t.text.data() == input.data() + (t.source.begin - base));
    } else {
      CHECK(rewritten_from(t.text, src));
    }
    prev = t.source.end;
  }
}

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      // Edge cases first.
      {"", {}, {}},
      {" \t\n\u00A0 ", {}, {}},
      {"Hello, world.\r\n", {"Hello", ",", "world", "."}, {"Hello", ",", "world", "."}},
      {"He left.\n", {"He", "left", "."}, {"He", "left", "."}},
      {"He left.\n\n", {"He", "left", "."}, {"He", "left", "."}},
      {"\"", {"``"}, {"``"}},
      // A BOM is neither whitespace nor \w: it stays on the first word.
      {"\uFEFFHello, \"you\".",
       {"\uFEFFHello", ",", "``", "you", "''", "."},
       {"\uFEFFHello", ",", "``", "you", "''", "."}},
      // Quotes at the start, '' and ``.
      {"\"Hi,\" she said.",
       {"``", "Hi", ",", "''", "she", "said", "."},
       {"``", "Hi", ",", "''", "she", "said", "."}},
      {"''Hi,'' she said.",
       {"''", "Hi", ",", "''", "she", "said", "."},
       {"''", "Hi", ",", "''", "she", "said", "."}},
      {"``a''", {"``", "a", "''"}, {"``", "a", "''"}},
      {"He said \"stop.\"",
       {"He", "said", "``", "stop", ".", "''"},
       {"He", "said", "``", "stop", ".", "''"}},
      // Contractions, with the case variants NLTK knows (and one it does not).
      {"I can't, won't; THEY'LL go. They'Ll?",
       {"I", "ca", "n't", ",", "wo", "n't", ";", "THEY", "'LL", "go.", "They'Ll", "?"},
       {"I", "ca", "n't", ",", "wo", "n't", ";", "THEY", "'LL", "go.", "They'Ll", "?"}},
      {"She'd've", {"She'd", "'ve"}, {"She'd", "'ve"}},
      {"the dogs' bones", {"the", "dogs", "'", "bones"}, {"the", "dogs", "'", "bones"}},
      {"x'  y", {"x", "'", "y"}, {"x", "'", "y"}},
      {"'a 'b 'S", {"'a", "'b", "'S"}, {"'", "a", "'", "b", "'S"}},
      {"cannot Cannot CANNOT",
       {"can", "not", "Can", "not", "CAN", "NOT"},
       {"can", "not", "Can", "not", "CAN", "NOT"}},
      {"gonna gotta wanna go gimme lemme",
       {"gon", "na", "got", "ta", "wan", "na", "go", "gim", "me", "lem", "me"},
       {"gon", "na", "got", "ta", "wan", "na", "go", "gim", "me", "lem", "me"}},
      {"d'ye more'n", {"d", "'ye", "more", "'n"}, {"d", "'ye", "more", "'n"}},
      {"'Tis true, 'twas.",
       {"'T", "is", "true", ",", "'t", "was", "."},
       {"'T", "is", "true", ",", "'t", "was", "."}},
      // (?i) folds U+017F to s and U+0130 to i.
      {"'ti\u017F 't\u0130s g\u0130mme",
       {"'t", "i\u017F", "'t", "\u0130s", "g\u0130m", "me"},
       {"'t", "i\u017F", "'t", "\u0130s", "g\u0130m", "me"}},
      // Dashes, ellipses, periods.
      {"a--b---c", {"a", "--", "b", "--", "-c"}, {"a", "--", "b", "--", "-c"}},
      {"Wait... what.... no..",
       {"Wait", "...", "what", "...", ".", "no.."},
       {"Wait", "...", "what", "....", "no", ".."}},
      {"Mr. Smith. Mrs. Jones.",
       {"Mr.", "Smith.", "Mrs.", "Jones", "."},
       {"Mr.", "Smith.", "Mrs.", "Jones", "."}},
      // Punctuation.
      {"$3.88 @ 5% #1 & co.",
       {"$", "3.88", "@", "5", "%", "#", "1", "&", "co", "."},
       {"$", "3.88", "@", "5", "%", "#", "1", "&", "co", "."}},
      {"What?! No!!", {"What", "?", "!", "No", "!", "!"}, {"What", "?", "!", "No", "!", "!"}},
      {"*bold*", {"*bold*"}, {"*", "bold", "*"}},
      {"(a) [b] {c} <d>",
       {"(", "a", ")", "[", "b", "]", "{", "c", "}", "<", "d", ">"},
       {"(", "a", ")", "[", "b", "]", "{", "c", "}", "<", "d", ">"}},
      // A comma stays before any decimal digit (\d is Unicode Nd), splits before anything else.
      {"1,000 and ,\u0661\u0662 and ,x",
       {"1,000", "and", ",\u0661\u0662", "and", ",", "x"},
       {"1,000", "and", ",\u0661\u0662", "and", ",", "x"}},
      // Combining marks, emoji, curly quotes (split by word only).
      {"cafe\u0301's", {"cafe\u0301", "'s"}, {"cafe\u0301", "'s"}},
      {"I \u2764\uFE0F NY \U0001F44D\U0001F3FD!",
       {"I", "\u2764\uFE0F", "NY", "\U0001F44D\U0001F3FD", "!"},
       {"I", "\u2764\uFE0F", "NY", "\U0001F44D\U0001F3FD", "!"}},
      {"Family: \U0001F468\u200D\U0001F469\u200D\U0001F467!",
       {"Family", ":", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "!"},
       {"Family", ":", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "!"}},
      {"RTL \u05E9\u05DC\u05D5\u05DD, \u0645\u0631\u062D\u0628\u0627.",
       {"RTL", "\u05E9\u05DC\u05D5\u05DD", ",", "\u0645\u0631\u062D\u0628\u0627", "."},
       {"RTL", "\u05E9\u05DC\u05D5\u05DD", ",", "\u0645\u0631\u062D\u0628\u0627", "."}},
      {"\u201CYes,\u201D he said \u2018no\u2019.",
       {"\u201CYes", ",", "\u201D", "he", "said", "\u2018no\u2019", "."},
       {"\u201C", "Yes", ",", "\u201D", "he", "said", "\u2018", "no", "\u2019", "."}},
  };
  return table;
}

}  // namespace

TEST_CASE("treebank: tokens match NLTK's TreebankWordTokenizer", "[tokenize][treebank]") {
  const nlp::TreebankTokenizer tok;
  for (const Case& c : cases()) {
    INFO("[" << c.text << "]");
    CHECK(tokens_of(tok, c.text) == c.treebank);
    check_spans(tok, c.text);
  }
}

TEST_CASE("word: tokens match NLTK's word_tokenize with preserve_line", "[tokenize][treebank]") {
  const nlp::TreebankTokenizer tok(Flavor::word);
  for (const Case& c : cases()) {
    INFO("[" << c.text << "]");
    CHECK(tokens_of(tok, c.text) == c.word);
    check_spans(tok, c.text);
  }
}

TEST_CASE("treebank: convert_parentheses writes PTB bracket symbols", "[tokenize][treebank]") {
  for (const Flavor f : {Flavor::treebank, Flavor::word}) {
    const nlp::TreebankTokenizer tok(f, true);
    CHECK(tokens_of(tok, "(a) [b] {c} <d>") ==
          Strings{"-LRB-", "a", "-RRB-", "-LSB-", "b", "-RSB-", "-LCB-", "c", "-RCB-", "<", "d", ">"});
    CHECK(tokens_of(tok, "f(x)=[y]{z}") ==
          Strings{"f", "-LRB-", "x", "-RRB-", "=", "-LSB-", "y", "-RSB-", "-LCB-", "z", "-RCB-"});
    // A literal -LRB- in the text is kept and points at itself; the converted one at "(".
    const std::string input = "-LRB- ( -RRB-";
    nlp::TokenBuffer buf;
    tok.tokenize(input, 0, buf);
    REQUIRE(buf.tokens.size() == 3);
    CHECK(buf.tokens[0].source == nlp::ByteSpan{0, 5});
    CHECK(buf.tokens[1].text == "-LRB-");
    CHECK(buf.tokens[1].source == nlp::ByteSpan{6, 7});
    check_spans(tok, input);
    check_spans(tok, "f(x)=[y]{z} \"(\" ''[''");
  }
}

TEST_CASE("treebank: converted quotes point at the original characters", "[tokenize][treebank]") {
  const nlp::TreebankTokenizer tok;
  const std::string input = "\"a\" (''b'') c";
  nlp::TokenBuffer buf;
  tok.tokenize(input, 10, buf);
  REQUIRE(tokens_of(tok, input) == Strings{"``", "a", "''", "(", "``", "b", "''", ")", "c"});
  CHECK(buf.tokens[0].source == nlp::ByteSpan{10, 11});  // `` from "
  CHECK(buf.tokens[2].source == nlp::ByteSpan{12, 13});  // '' from "
  CHECK(buf.tokens[4].source == nlp::ByteSpan{15, 17});  // `` from ''
  CHECK(buf.tokens[6].source == nlp::ByteSpan{18, 20});  // '' kept
  check_spans(tok, input, 10);
}

TEST_CASE("treebank: spans slice the input for every kind of token", "[tokenize][treebank]") {
  const std::vector<std::string> inputs = {
      "  Don't \"stop\" (me) now... 'tis 3,000\u00A0$ — cannot!\r\n",
      "\u201CDon\u2019t,\u201D \u00ABoui\u00BB. gonna\u3000wanna\u2028x.\n",
      "''a'' ``b`` \"\"c\"\" d'ye more'n *x* a--b .",
  };
  for (const Flavor f : {Flavor::treebank, Flavor::word})
    for (const bool cp : {false, true})
      for (const std::string& in : inputs) check_spans(nlp::TreebankTokenizer(f, cp), in, 7);
}

TEST_CASE("treebank: a 1 MB token stays whole and its final period splits", "[tokenize][treebank]") {
  const std::string big(1 << 20, 'a');
  for (const Flavor f : {Flavor::treebank, Flavor::word}) {
    const nlp::TreebankTokenizer tok(f);
    nlp::TokenBuffer buf;
    tok.tokenize(big + ".", 0, buf);
    REQUIRE(buf.tokens.size() == 2);
    CHECK(buf.tokens[0].text.size() == big.size());
    CHECK(buf.tokens[1].source == nlp::ByteSpan{big.size(), big.size() + 1});
    // Many tokens at once: commas between letters.
    std::string many;
    for (int i = 0; i < 200000; ++i) many += "x, ";
    buf.clear();
    tok.tokenize(many, 0, buf);
    CHECK(buf.tokens.size() == 400000);
  }
}

TEST_CASE("treebank: text without punctuation splits like str.split at any block offset",
          "[tokenize][treebank]") {
  // Letters and every kind of whitespace, including multi-byte characters that straddle the
  // 64-byte blocks the splitter works in; the result must equal the whitespace tokenizer's.
  const std::vector<std::string> pieces = {"x", "yz", "\u00E9", " ", "\t", "\r\n", "\x1C", "\u0085",
                                           "\u00A0", "\u1680", "\u2003", "\u2028", "\u3000", "\u200B"};
  const nlp::WhitespaceTokenizer ws;
  std::uint64_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t target = 40 + static_cast<std::size_t>(round % 160);
    while (text.size() < target) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      text += pieces[(state >> 33) % pieces.size()];
    }
    nlp::TokenBuffer expected;
    ws.tokenize(text, 5, expected);
    for (const Flavor f : {Flavor::treebank, Flavor::word}) {
      nlp::TokenBuffer got;
      nlp::TreebankTokenizer(f).tokenize(text, 5, got);
      REQUIRE(got.tokens.size() == expected.tokens.size());
      for (std::size_t i = 0; i < got.tokens.size(); ++i) {
        CHECK(got.tokens[i].text == expected.tokens[i].text);
        CHECK(got.tokens[i].source == expected.tokens[i].source);
      }
    }
  }
}

TEST_CASE("treebank: the factory builds both names with their ids", "[tokenize][treebank]") {
  const auto names = nlp::tokenizer_names();
  CHECK(std::find(names.begin(), names.end(), "treebank") != names.end());
  CHECK(std::find(names.begin(), names.end(), "word") != names.end());
  nlp::TokenizerOptions opts;
  opts.name = "treebank";
  CHECK(nlp::make_tokenizer(opts)->id() == "treebank-v1");
  opts.name = "word";
  CHECK(nlp::make_tokenizer(opts)->id() == "word-v1");
  opts.convert_parentheses = true;
  CHECK(tokens_of(*nlp::make_tokenizer(opts), "(x)") == Strings{"-LRB-", "x", "-RRB-"});
}

TEST_CASE("treebank: one instance serves several threads", "[tokenize][treebank]") {
  const nlp::TreebankTokenizer tok(Flavor::word);
  const std::string text = "\"I can't,\" she said -- 'twas (gonna) be... fine.";
  const Strings expected = tokens_of(tok, text);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      int good = 0;
      for (int i = 0; i < 2000; ++i) good += tokens_of(tok, text) == expected;
      ok[static_cast<std::size_t>(t)] = good;
    });
  }
  for (auto& th : threads) th.join();
  for (const int good : ok) CHECK(good == 2000);
}
