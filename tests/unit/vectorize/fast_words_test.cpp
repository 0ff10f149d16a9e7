// The default word analysis fast path (libnlp/src/vectorize/fast_words.hpp) against the general
// pipeline (lowercase normalizer + regex tokenizer with scikit-learn's token pattern).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/pipeline/pipeline.hpp"
#include "vectorize/fast_words.hpp"

namespace {

std::vector<std::string> general(std::string_view doc, bool lowercase) {
  nlp::PipelineConfig cfg;
  cfg.normalize.case_mode = lowercase ? nlp::CaseMode::lower : nlp::CaseMode::keep;
  cfg.tokenizer.name = "regex";
  const nlp::Pipeline p(cfg);
  nlp::PipelineScratch s;
  p.process(doc, s);
  std::vector<std::string> out;
  for (const nlp::Token& t : s.tokens()) out.emplace_back(t.text);
  return out;
}

// nullopt when the fast path declines the document.
std::optional<std::vector<std::string>> fast(std::string_view doc, bool lowercase) {
  std::string buf;
  std::vector<std::string_view> words;
  if (!nlp::detail::fast_default_words(doc, lowercase, buf, words)) return std::nullopt;
  return std::vector<std::string>(words.begin(), words.end());
}

}  // namespace

TEST_CASE("fast words: the same tokens as the general pipeline where it applies", "[vectorize]") {
  const std::vector<std::string> docs = {
      "", " ", "a", "ab", "A B cd", "The CAT sat on the mat.", "don't stop_me now", "x1 22 3",
      "__init__ a_b", "tab\there\r\nCRLF", "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 dash\xE2\x80\xA6",
      "no\xC2\xA0" "break space", "\xEF\xBB\xBF" "bom first", "emoji \xF0\x9F\x98\x80 here ok",
      "zwj \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 x", std::string(1 << 20, 'A'),
      "MiXeD CaSe WORDS with123digits",
      // A combining mark is not a word character for Python's \w: it splits "cafe" from "".
      "cafe\xCC\x81 ok"};
  for (const std::string& d : docs)
    for (const bool lower : {true, false}) {
      INFO("document " << d.substr(0, 40) << " lowercase " << lower);
      const auto f = fast(d, lower);
      REQUIRE(f.has_value());
      CHECK(*f == general(d, lower));
    }
}

TEST_CASE("fast words: non-ASCII word characters go to the general path", "[vectorize]") {
  // é, Turkish dotted I (lowercases to two code points), final sigma, Devanagari digits, CJK.
  for (const char* d : {"caf\xC3\xA9", "\xC4\xB0stanbul", "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3", "\xE0\xA5\xA7\xE0\xA5\xA8",
                        "\xE6\x97\xA5\xE6\x9C\xAC"}) {
    INFO(d);
    CHECK_FALSE(fast(d, true).has_value());
  }
}

TEST_CASE("fast words: random documents across block boundaries", "[vectorize]") {
  // Word runs of every length around the 64-byte blocks, separators ASCII and not.
  const std::vector<std::string> pieces = {"a", "B", "z9", "_", "Word", " ", ".", "\t", "-",
                                           "\xE2\x80\x9C", "\xC2\xA0", "\xF0\x9F\x98\x80", "x"};
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int round = 0; round < 500; ++round) {
    std::string d;
    const std::size_t parts = next() % 80;
    for (std::size_t k = 0; k < parts; ++k) d += pieces[next() % pieces.size()];
    for (const bool lower : {true, false}) {
      INFO("document " << d << " lowercase " << lower);
      const auto f = fast(d, lower);
      REQUIRE(f.has_value());
      CHECK(*f == general(d, lower));
    }
  }
}
