// Edge cases of every metric: empty hypotheses and references, identical texts, several
// references, invalid options, huge segments, Unicode; and the tokenizers' corner cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/metrics/bleu.hpp"
#include "nlp/metrics/chrf.hpp"
#include "nlp/metrics/cider.hpp"
#include "nlp/metrics/meteor.hpp"
#include "nlp/metrics/rouge.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/metrics/ter.hpp"

namespace m = nlp::metrics;

namespace {

double corpus(m::Metric& metric, const std::vector<m::Segment>& c) {
  metric.prepare(c);
  return metric.score(m::column_sums(m::segment_statistics(metric, c, 2), metric.stats_size())).score;
}

std::string tok(const char* name, std::string_view line) {
  std::string out;
  m::make_sacrebleu_tokenizer(name)->tokenize(line, out);
  return out;
}

}  // namespace

TEST_CASE("metrics edge: sacreBLEU tokenizers on punctuation, numbers and Unicode", "[metrics]") {
  CHECK(tok("13a", "Hello, world! It costs $3.50 (or 1,000 yen).") ==
        "Hello , world ! It costs $ 3.50 ( or 1,000 yen ) .");
  CHECK(tok("13a", "a &amp; b &quot;c&quot; <skipped> well-known 1990-2000") == "a & b \" c \" well-known 1990 - 2000");
  CHECK(tok("13a", "") == "");
  CHECK(tok("13a", " \t ") == "");
  CHECK(tok("intl", "Preis: 3,50€. «Gut»!") == "Preis : 3,50 € . « Gut » !");
  CHECK(tok("char", "ab c") == "a b   c");
  CHECK(tok("none", " a  b ") == " a  b ");
  CHECK(tok("zh", "我喜欢NLP。") == "我 喜 欢 NLP 。");
  // sacreBLEU's zh ranges as Python compares them: U+2014 (em dash) is split off too.
  CHECK(tok("zh", "a\u2014b") == "a \u2014 b");
  CHECK_THROWS_AS(m::make_sacrebleu_tokenizer("ja-mecab"), nlp::UsageError);
  std::vector<std::string_view> w;
  m::split_python_whitespace("a\u00a0b\u2003c\x1f" "d", w);  // NBSP, em space, unit separator
  CHECK(w.size() == 4);
  CHECK(m::rstrip_python("ab \u3000\t") == "ab");
}

TEST_CASE("metrics edge: empty hypotheses and references give the references' conventions", "[metrics]") {
  const std::vector<m::Segment> empty_hyp{{"", {"the cat sat"}}};
  const std::vector<m::Segment> empty_ref{{"the cat sat", {""}}};
  const std::vector<m::Segment> both{{"", {""}}};
  CHECK(corpus(*m::make_bleu({}), empty_hyp) == 0.0);
  CHECK(corpus(*m::make_chrf({}), empty_hyp) == 0.0);
  CHECK(corpus(*m::make_ter({}), empty_hyp) == 100.0);   // three deletions over three words
  CHECK(corpus(*m::make_ter({}), empty_ref) == 100.0);   // edits over an empty reference: 1
  CHECK(corpus(*m::make_ter({}), both) == 0.0);
  for (const char* type : {"rouge1", "rouge2", "rougeL", "rougeLsum", "rougeW", "rougeS4", "rougeSU4"}) {
    INFO(type);
    CHECK(corpus(*m::make_rouge({.type = type, .use_stemmer = false, .tokenizer = "default"}), empty_hyp) == 0.0);
    CHECK(corpus(*m::make_rouge({.type = type, .use_stemmer = false, .tokenizer = "default"}), both) == 0.0);
  }
  CHECK(corpus(*m::make_meteor({}), empty_hyp) == 0.0);
  CHECK(corpus(*m::make_cider({}), empty_hyp) == 0.0);
}

TEST_CASE("metrics edge: identical texts score the maximum", "[metrics]") {
  const std::vector<m::Segment> same{{"the quick brown fox jumps over the lazy dog", {"the quick brown fox jumps over the lazy dog"}},
                                     {"a second sentence here", {"a second sentence here"}}};
  CHECK(corpus(*m::make_bleu({}), same) == Approx(100.0));
  CHECK(corpus(*m::make_chrf({}), same) == Approx(100.0));
  CHECK(corpus(*m::make_ter({}), same) == 0.0);
  for (const char* type : {"rouge1", "rouge2", "rougeL", "rougeLsum", "rougeW", "rougeS4", "rougeSU4"}) {
    INFO(type);
    CHECK(corpus(*m::make_rouge({.type = type, .use_stemmer = true, .tokenizer = "default"}), same) == Approx(1.0));
  }
  // One chunk each: the penalty is 0.5 / m^3 (m = 9 and 4 matches).
  CHECK(corpus(*m::make_meteor({}), same) == Approx((1 - 0.5 / 729 + 1 - 0.5 / 64) / 2));
}

TEST_CASE("metrics edge: with several references the best counts", "[metrics]") {
  const m::Segment one{"the cat sat on the mat", {"a dog barked"}};
  const m::Segment two{"the cat sat on the mat", {"a dog barked", "the cat sat on the mat"}};
  CHECK(corpus(*m::make_chrf({}), {two}) == Approx(100.0));
  CHECK(corpus(*m::make_ter({}), {two}) == 0.0);
  CHECK(corpus(*m::make_rouge({.type = "rougeL", .use_stemmer = false, .tokenizer = "default"}), {two}) == 1.0);
  CHECK(corpus(*m::make_meteor({}), {two}) > corpus(*m::make_meteor({}), {one}));
  const auto bleu = m::make_bleu({});
  std::vector<m::Segment> c{two};
  bleu->prepare(c);
  CHECK(bleu->signature().find("nrefs:2|") == 0);
  std::vector<m::Segment> mixed{one, two};
  bleu->prepare(mixed);
  CHECK(bleu->signature().find("nrefs:var|") == 0);
}

TEST_CASE("metrics edge: invalid options are usage errors", "[metrics]") {
  m::BleuOptions laplace, nope;
  laplace.smooth = "laplace";
  nope.tokenize = "nope";
  CHECK_THROWS_AS(m::make_bleu(laplace), nlp::UsageError);
  CHECK_THROWS_AS(m::make_bleu(nope), nlp::UsageError);
  m::BleuOptions five;
  five.max_ngram_order = 5;
  CHECK_THROWS_AS(m::make_bleu(five), nlp::UsageError);
  CHECK_THROWS_AS(m::make_chrf({.char_order = 0, .word_order = 0}), nlp::UsageError);
  CHECK_THROWS_AS(m::make_chrf({.char_order = 6, .word_order = 0, .beta = 0}), nlp::UsageError);
  CHECK_THROWS_AS(m::make_rouge({.type = "rougeX", .use_stemmer = false, .tokenizer = "default"}), nlp::UsageError);
  CHECK_THROWS_AS(m::make_rouge({.type = "rouge1", .use_stemmer = false, .tokenizer = "nope"}), nlp::UsageError);
  CHECK_THROWS_AS(m::make_cider({.variant = "cider-x"}), nlp::UsageError);
  CHECK_THROWS_AS(m::make_meteor({.alpha = 0.9, .beta = 3, .gamma = 0.5, .wordnet_dir = "/nonexistent/wordnet"}), nlp::Error);
  const auto cider = m::make_cider({});
  double out[2];
  CHECK_THROWS_AS(cider->segment_stats({"a b", {"a b"}}, out), nlp::UsageError);
}

TEST_CASE("metrics edge: ROUGE's tokenizers on non-Latin text", "[metrics]") {
  const std::vector<m::Segment> greek{{"ο σκύλος τρέχει", {"ο σκύλος τρέχει γρήγορα"}}};
  // rouge-score's tokenizer keeps nothing of Greek: no token, score 0.
  CHECK(corpus(*m::make_rouge({.type = "rouge1", .use_stemmer = false, .tokenizer = "default"}), greek) == 0.0);
  CHECK(corpus(*m::make_rouge({.type = "rouge1", .use_stemmer = false, .tokenizer = "unicode"}), greek) ==
        Approx(2 * 1.0 * 0.75 / 1.75));
  // Python lowercases U+0130 to "i" + U+0307: the default tokenizer then keeps the "i".
  const std::vector<m::Segment> dotted{{"\u0130stanbul", {"istanbul"}}};
  CHECK(corpus(*m::make_rouge({.type = "rouge1", .use_stemmer = false, .tokenizer = "default"}), dotted) == 0.0);
}

TEST_CASE("metrics edge: skip bigrams and weighted LCS follow their definitions", "[metrics]") {
  // "a b c" vs "a c b": skip bigrams ab ac bc vs ac ab cb: 2 of 3 each side.
  double out[4];
  m::make_rouge({.type = "rougeS", .use_stemmer = false, .tokenizer = "default"})->segment_stats({"a c b", {"a b c"}}, out);
  CHECK(out[0] == Approx(2.0 / 3));
  CHECK(out[1] == Approx(2.0 / 3));
  // With a skip distance of 0 only adjacent pairs count: ab bc vs ac cb: none shared.
  m::make_rouge({.type = "rougeS0", .use_stemmer = false, .tokenizer = "default"})->segment_stats({"a c b", {"a b c"}}, out);
  CHECK(out[2] == 0.0);
  // WLCS of two consecutive matches out of three words: 2^1.2 over 3^1.2.
  m::make_rouge({.type = "rougeW", .use_stemmer = false, .tokenizer = "default"})->segment_stats({"a b x", {"a b y"}}, out);
  CHECK(out[1] == Approx(std::pow(std::pow(2.0, 1.2) / std::pow(3.0, 1.2), 1 / 1.2)));
}

TEST_CASE("metrics edge: a 1 MB segment is scored without trouble", "[metrics]") {
  std::string big;
  for (int i = 0; i < 100000; ++i) big += "word" + std::to_string(i % 5000) + " ";
  const std::vector<m::Segment> c{{big, {big}}};
  CHECK(corpus(*m::make_bleu({}), c) == Approx(100.0));
  CHECK(corpus(*m::make_chrf({}), c) == Approx(100.0));
  CHECK(corpus(*m::make_rouge({.type = "rouge2", .use_stemmer = false, .tokenizer = "default"}), c) == Approx(1.0));
  CHECK(corpus(*m::make_cider({}), c) == 0.0);  // one segment: every document frequency is the segment count
}
