// Analogy and word-pair evaluation on hand-made vectors: gensim's rules for sections, case,
// OOV questions, skipped lines and line ends.
#include <catch2/catch.hpp>

#include <cmath>

#include "nlp/embed/evaluation.hpp"
#include "nlp/error.hpp"

namespace embed = nlp::embed;
using Catch::Matchers::Contains;

namespace {

embed::WordVectors royals() {
  return embed::WordVectors({"man", "woman", "king", "queen", "apple", "King", "\xC3\x9F" /* ß */}, 2,
                            {1, 0.1f, -1, 0.1f, 1, 1, -1, 1, 0.2f, -1, 5, 5, 0.3f, 0.3f});
}

}  // namespace

TEST_CASE("evaluation: analogies by section, with OOV and skipped lines", "[embed]") {
  const std::string text =
      ": royals\n"
      "man woman king queen\n"
      "MAN WOMAN KING QUEEN\n"        // case-insensitive: the same question
      "man woman king prince\n"       // OOV
      "this line is skipped here\n"   // five words
      "\n"
      ":  second section  \n"
      "woman man queen apple\n";
  const auto r = embed::evaluate_analogies(royals(), text, "q.txt", {});
  REQUIRE(r.sections.size() == 2);
  CHECK(r.sections[0].name == "royals");
  CHECK(r.sections[1].name == "second section");
  CHECK(r.sections[0].correct == 2);
  CHECK(r.sections[0].incorrect == 0);
  CHECK(r.sections[1].correct + r.sections[1].incorrect == 1);
  CHECK(r.questions == 4);
  CHECK(r.oov == 1);
  CHECK(r.oov_ratio() == Approx(25.0));
  CHECK(r.total.correct + r.total.incorrect == 3);
  // dummy4unknown counts the OOV question as incorrect; case-sensitive makes "MAN" unknown.
  auto o = embed::AnalogyOptions{};
  o.dummy4unknown = true;
  CHECK(embed::evaluate_analogies(royals(), text, "q.txt", o).sections[0].incorrect == 1);
  o = {};
  o.case_insensitive = false;
  CHECK(embed::evaluate_analogies(royals(), text, "q.txt", o).oov == 2);
  // restrict_vocab 3: queen is outside.
  o = {};
  o.restrict_vocab = 3;
  CHECK(embed::evaluate_analogies(royals(), text, "q.txt", o).oov == 4);
}

TEST_CASE("evaluation: malformed analogy files", "[embed]") {
  CHECK_THROWS_WITH(embed::evaluate_analogies(royals(), "man woman king queen\n", "q.txt", {}),
                    Contains("q.txt:1") && Contains("before the first section"));
  CHECK_THROWS_WITH(embed::evaluate_analogies(royals(), ": s\nman \xFF king queen\n", "q.txt", {}),
                    Contains("q.txt:2:5 (byte 8)") && Contains("invalid UTF-8"));
  CHECK_THROWS_WITH(embed::evaluate_analogies(royals(), ": s\n", "q.txt", {}), Contains("no analogy questions"));
  CHECK_THROWS_WITH(embed::evaluate_analogies(royals(), "", "q.txt", {}), Contains("no analogy questions"));
}

TEST_CASE("evaluation: word pairs with comments, CRLF, bad lines and OOV", "[embed]") {
  const std::string text =
      "# comment\r\n"
      "man\twoman\t1.5\r\n"
      "king\tqueen\t 2.5 \r\n"
      "man\tking\t9\r"           // a lone CR ends a line too
      "apple\tqueen\tx\n"        // not a number: skipped
      "man\tprince\t3\n"         // OOV
      "one\ttwo\n"               // two fields: skipped
      "KING\tWOMAN\t4\n";
  const auto r = embed::evaluate_pairs(royals(), text, "p.txt", {});
  CHECK(r.pairs == 4);
  CHECK(r.oov == 1);
  CHECK(r.oov_ratio == Approx(20.0));
  CHECK(std::fabs(r.spearman.r) <= 1);
  embed::PairOptions o;
  o.dummy4unknown = true;
  const auto d = embed::evaluate_pairs(royals(), text, "p.txt", o);
  CHECK(d.pairs == 5);
  CHECK(d.oov_ratio == Approx(20.0));  // gensim's formula: oov / pairs scored
  CHECK_THROWS_WITH(embed::evaluate_pairs(royals(), "a\tb\t1\n", "p.txt", {}), Contains("no valid similarity"));
  // Python's str.upper(): "ß" becomes "SS", so it no longer matches the row "ß" case-insensitively
  // unless the pair spells it "SS" too.
  CHECK(embed::evaluate_pairs(royals(), "\xC3\x9F\tman\t1\nman\tqueen\t2\nking\tapple\t3\n", "p.txt", {}).oov == 0);
}
