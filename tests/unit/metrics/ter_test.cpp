// TER's options and search limits against values sacreBLEU 2.6.0 gives for the same calls
// (`TER(**options).corpus_score([hyp], [[ref]])`, its num_edits and ref_length): a pure block
// shift, case, tercom normalization, punctuation removal, Asian character splitting, several
// references, and a long segment where the shift search stops at its candidate limit.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/metrics/ter.hpp"

namespace m = nlp::metrics;

namespace {

std::vector<double> sums(const m::TerOptions& o, const std::string& hyp, const std::vector<std::string>& refs) {
  const auto ter = m::make_ter(o);
  m::Segment s{hyp, {}};
  for (const auto& r : refs) s.refs.push_back(r);
  std::vector<double> out(2);
  ter->segment_stats(s, out);
  return out;
}

}  // namespace

TEST_CASE("ter: options and limits give sacreBLEU's edits and lengths", "[metrics][ter]") {
  struct Case {
    const char* hyp;
    const char* ref;
    m::TerOptions options;
    double edits, length;
  };
  const Case cases[] = {
      {"d e f g h a b c", "a b c d e f g h", {}, 1, 8},  // one block shift
      {"The Cat sat", "the cat sat", {.case_sensitive = true}, 2, 3},
      {"The Cat sat", "the cat sat", {}, 0, 3},
      {"Hello, world! It's fine.", "hello , world ! it 's fine .", {.normalized = true}, 0, 8},
      {"hello, world! (yes)", "hello world yes", {.no_punct = true}, 0, 3},
      {"我喜欢自然语言处理。", "我 喜欢 自然 语言 处理", {.normalized = true, .asian_support = true}, 1, 9},
      {"我喜欢自然语言处理。", "我喜欢自然语言处理", {.no_punct = true, .asian_support = true}, 0, 1},
  };
  for (const Case& c : cases) {
    INFO(c.hyp << " | " << c.ref);
    const std::vector<double> s = sums(c.options, c.hyp, {c.ref});
    CHECK(s[0] == c.edits);
    CHECK(s[1] == c.length);
  }
  // Several references: the fewest edits, the average length.
  const std::vector<double> multi = sums({}, "a b c", {"x y z", "a b d", "a b e"});
  CHECK(multi[0] == 1);
  CHECK(multi[1] == 3);
}

TEST_CASE("ter: a long repetitive segment stops the shift search where sacreBLEU stops", "[metrics][ter]") {
  std::string hyp, ref;
  for (int i = 0; i < 120; ++i) hyp += (i ? " w" : "w") + std::to_string(i % 7);
  for (int i = 0; i < 140; ++i) ref += (i ? " w" : "w") + std::to_string(i * 3 % 7);
  const std::vector<double> s = sums({}, hyp, {ref});
  CHECK(s[0] == 108);
  CHECK(s[1] == 140);
}
