#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/eval/tokenization_eval.hpp"
#include "nlp/tokenize/sentence_splitter.hpp"
#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/tokenize/whitespace_tokenizer.hpp"

using nlp::ByteSpan;
using nlp::eval::GoldSentence;
using nlp::eval::PrfCounts;

namespace {

GoldSentence gold(std::string text, std::vector<std::string> forms, std::string id = "s1") {
  GoldSentence g;
  g.id = std::move(id);
  g.text = std::move(text);
  g.forms = std::move(forms);
  return g;
}

// System spans given as the substrings they cover, found left to right in `text`.
std::vector<ByteSpan> spans_of(const std::string& text, const std::vector<std::string>& tokens) {
  std::vector<ByteSpan> out;
  std::size_t at = 0;
  for (const auto& t : tokens) {
    const std::size_t b = text.find(t, at);
    REQUIRE(b != std::string::npos);
    out.push_back({b, b + t.size()});
    at = b + t.size();
  }
  return out;
}

// A tokenizer that returns fixed spans (for the evaluator tests).
class FixedTokenizer final : public nlp::Tokenizer {
 public:
  explicit FixedTokenizer(std::vector<std::vector<ByteSpan>> per_call) : spans_(std::move(per_call)) {}
  void tokenize(std::string_view text, std::uint64_t base, nlp::TokenBuffer& out) const override {
    for (const ByteSpan& s : spans_.at(calls_++)) {
      out.tokens.push_back({text.substr(s.begin, s.size()), {base + s.begin, base + s.end}});
    }
  }
  std::string_view id() const override { return "fixed"; }

 private:
  std::vector<std::vector<ByteSpan>> spans_;
  mutable std::size_t calls_ = 0;
};

}  // namespace

TEST_CASE("tokenization eval: precision, recall and F1 follow conll18_ud_eval", "[eval]") {
  const PrfCounts c{10, 8, 6};
  CHECK(c.precision() == Approx(0.75));
  CHECK(c.recall() == Approx(0.6));
  CHECK(c.f1() == Approx(12.0 / 18.0));
  // Zero denominators give 0, not NaN.
  const PrfCounts none{};
  CHECK(none.precision() == 0.0);
  CHECK(none.recall() == 0.0);
  CHECK(none.f1() == 0.0);
  CHECK(PrfCounts{3, 0, 0}.precision() == 0.0);
  CHECK(PrfCounts{3, 0, 0}.f1() == 0.0);
  PrfCounts sum{1, 2, 1};
  sum += PrfCounts{3, 4, 2};
  CHECK(sum == PrfCounts{4, 6, 3});
}

TEST_CASE("tokenization eval: empty sentences and whitespace-only text score nothing", "[eval]") {
  const GoldSentence empty = gold("", {});
  CHECK(nlp::eval::score_tokens(empty, {}) == PrfCounts{0, 0, 0});
  const GoldSentence blank = gold(" \t\u00A0 ", {});
  const std::vector<ByteSpan> ws{{0, 2}};
  CHECK(nlp::eval::score_tokens(blank, ws) == PrfCounts{0, 0, 0});
}

TEST_CASE("tokenization eval: exact character ranges match, whitespace ignored", "[eval]") {
  const GoldSentence g = gold("Don't stop.", {"Do", "n't", "stop", "."});
  // Perfect.
  CHECK(nlp::eval::score_tokens(g, spans_of(g.text, {"Do", "n't", "stop", "."})) == PrfCounts{4, 4, 4});
  // "Don't" as one token: Do and n't are missed, stop and . match.
  const PrfCounts c = nlp::eval::score_tokens(g, spans_of(g.text, {"Don't", "stop", "."}));
  CHECK(c == PrfCounts{4, 3, 2});
  CHECK(c.precision() == Approx(2.0 / 3.0));
  CHECK(c.recall() == Approx(0.5));
  CHECK(c.f1() == Approx(4.0 / 7.0));
  // "stop." as one token: only Do and n't match.
  CHECK(nlp::eval::score_tokens(g, spans_of(g.text, {"Do", "n't", "stop."})) == PrfCounts{4, 3, 2});
  // A span that includes the space before a token covers the same characters.
  const std::vector<ByteSpan> padded{{0, 2}, {2, 5}, {5, 10}, {10, 11}};
  CHECK(nlp::eval::score_tokens(g, padded) == PrfCounts{4, 4, 4});
}

TEST_CASE("tokenization eval: a multiword token is one surface token", "[eval]") {
  // AnCora: "del" is the multiword token of "de" + "el"; the surface token is "del".
  const GoldSentence g = gold("Vino del sur.", {"Vino", "del", "sur", "."});
  // Words "de" and "el" emitted with the span of "del" count once and match.
  const std::vector<ByteSpan> words{{0, 4}, {5, 8}, {5, 8}, {9, 12}, {12, 13}};
  CHECK(nlp::eval::score_tokens(g, words) == PrfCounts{4, 4, 4});
  // Splitting the surface string itself is wrong twice (two system tokens, no match).
  const std::vector<ByteSpan> split{{0, 4}, {5, 7}, {7, 8}, {9, 12}, {12, 13}};
  CHECK(nlp::eval::score_tokens(g, split) == PrfCounts{4, 5, 3});
}

TEST_CASE("tokenization eval: forms with spaces, overlapping and unsorted system spans", "[eval]") {
  // A gold form written with a space ("10 000") matches a text with the space.
  const GoldSentence g = gold("Pay 10 000 now", {"Pay", "10 000", "now"});
  CHECK(nlp::eval::score_tokens(g, spans_of(g.text, {"Pay", "10 000", "now"})) == PrfCounts{3, 3, 3});
  CHECK(nlp::eval::score_tokens(g, spans_of(g.text, {"Pay", "10", "000", "now"})) == PrfCounts{3, 4, 2});
  // Character n-grams overlap; spans are sorted before matching.
  const GoldSentence ab = gold("ab c", {"ab", "c"});
  const std::vector<ByteSpan> grams{{3, 4}, {1, 2}, {0, 2}, {0, 1}};
  CHECK(nlp::eval::score_tokens(ab, grams) == PrfCounts{2, 4, 2});
}

TEST_CASE("tokenization eval: forms that do not spell the text are an InputError", "[eval]") {
  GoldSentence g = gold("Hello word", {"Hello", "world"}, "doc1-0007");
  g.pos = {"gold.conllu", 42, 1, 1234};
  try {
    nlp::eval::gold_token_ranges(g);
    FAIL("no error");
  } catch (const nlp::InputError& e) {
    const std::string msg = e.what();
    CHECK(msg.find("doc1-0007") != std::string::npos);
    CHECK(msg.find("gold.conllu:42") != std::string::npos);
    CHECK(msg.find("world") != std::string::npos);
    CHECK(e.pos().line == 42);
  }
  CHECK_THROWS_AS(nlp::eval::gold_token_ranges(gold("Hello world", {"Hello"})), nlp::InputError);
  CHECK_THROWS_AS(nlp::eval::gold_token_ranges(gold("Hi", {"Hi", "there"})), nlp::InputError);
  CHECK_THROWS_AS(nlp::eval::gold_token_ranges(gold("a b", {"a", " ", "b"})), nlp::InputError);
  // A system span outside the text is a caller error.
  const std::vector<ByteSpan> bad{{0, 50}};
  CHECK_THROWS_AS(nlp::eval::unspaced_ranges("short", bad), nlp::UsageError);
}

TEST_CASE("tokenization eval: unspaced ranges map bytes to the text without whitespace", "[eval]") {
  const std::string text = " a\u00A0bc\r\n d ";
  const std::vector<ByteSpan> spans{{1, 2}, {4, 6}, {6, 10}, {9, 10}, {0, 1}};
  const auto r = nlp::eval::unspaced_ranges(text, spans);
  // "a" -> [0,1), "bc" -> [1,3), "\r\n d" -> [3,4) and its duplicate "d"; the blank drops.
  REQUIRE(r.size() == 3);
  CHECK(r[0] == ByteSpan{0, 1});
  CHECK(r[1] == ByteSpan{1, 3});
  CHECK(r[2] == ByteSpan{3, 4});
}

TEST_CASE("tokenization eval: sentence extents are compared per document", "[eval]") {
  const std::string text = "One two. Three four. Five.";
  const std::vector<ByteSpan> g{{0, 8}, {9, 20}, {21, 26}};
  CHECK(nlp::eval::score_sentences(text, g, g) == PrfCounts{3, 3, 3});
  const std::vector<ByteSpan> merged{{0, 20}, {21, 26}};
  CHECK(nlp::eval::score_sentences(text, g, merged) == PrfCounts{3, 2, 1});
  // Trailing whitespace inside a system span does not matter.
  const std::vector<ByteSpan> padded{{0, 9}, {9, 21}, {21, 26}};
  CHECK(nlp::eval::score_sentences(text, g, padded) == PrfCounts{3, 3, 3});
}

TEST_CASE("tokenization eval: the evaluator sums sentences and splits documents", "[eval]") {
  std::vector<GoldSentence> doc;
  doc.push_back(gold("Hello there.", {"Hello", "there", "."}, "d1-1"));
  doc.push_back(gold("How are you?", {"How", "are", "you", "?"}, "d1-2"));
  doc.push_back(gold("Fine.", {"Fine", "."}, "d2-1"));
  doc[0].new_document = true;
  doc[2].new_document = true;
  doc[2].new_paragraph = true;
  const nlp::WhitespaceTokenizer ws;
  const nlp::SentenceSplitter splitter("en");
  nlp::eval::TokenizationEvaluator ev(ws, &splitter);
  for (const auto& s : doc) ev.add(s);
  const auto scores = ev.finish();
  // Whitespace tokens: "there." and "you?" and "Fine." miss two gold tokens each.
  CHECK(scores.tokens == PrfCounts{9, 6, 3});
  CHECK(scores.sentences == PrfCounts{3, 3, 3});
  CHECK(scores.documents == 2);
  // The evaluator starts again after finish().
  ev.add(doc[2]);
  CHECK(ev.finish().tokens == PrfCounts{2, 1, 0});
}

TEST_CASE("tokenization eval: without a splitter only tokens are scored", "[eval]") {
  const GoldSentence a = gold("a b", {"a", "b"});
  const GoldSentence c = gold("c", {"c"});
  const FixedTokenizer fixed({{{0, 1}, {2, 3}}, {{0, 1}}});
  nlp::eval::TokenizationEvaluator ev(fixed);
  ev.add(a);
  ev.add(c);
  const auto scores = ev.finish();
  CHECK(scores.tokens == PrfCounts{3, 3, 3});
  CHECK(scores.sentences == PrfCounts{0, 0, 0});
  CHECK(scores.documents == 1);
}

TEST_CASE("tokenization eval: invalid UTF-8 in a sentence text is an InputError", "[eval]") {
  const nlp::WhitespaceTokenizer ws;
  nlp::eval::TokenizationEvaluator ev(ws);
  CHECK_THROWS_AS(ev.add(gold("bad \xFF byte", {"bad", "\xFF", "byte"}, "x")), nlp::InputError);
}

TEST_CASE("tokenization eval: system spans from elsewhere are scored like a tokenizer's", "[eval]") {
  const nlp::SentenceSplitter splitter("en");
  nlp::eval::TokenizationEvaluator ev(&splitter);
  GoldSentence a = gold("I can't.", {"I", "ca", "n't", "."}, "a");
  a.new_document = true;
  const std::vector<ByteSpan> sys{{0, 1}, {2, 7}, {7, 8}};
  ev.add(a, sys);
  CHECK_THROWS_AS(ev.add(a), nlp::UsageError);  // no tokenizer to run
  const std::vector<ByteSpan> outside{{0, 9}};
  CHECK_THROWS_AS(ev.add(a, outside), nlp::UsageError);
  const auto scores = ev.finish();
  CHECK(scores.tokens == PrfCounts{4, 3, 2});
  CHECK(scores.sentences == PrfCounts{1, 1, 1});
}
