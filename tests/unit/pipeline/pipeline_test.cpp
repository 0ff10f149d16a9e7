#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/util/ordered_pool.hpp"

using Strings = std::vector<std::string>;

namespace {
Strings run(const nlp::PipelineConfig& cfg, const std::string& text) {
  nlp::Pipeline p(cfg);
  nlp::PipelineScratch s;
  p.process(text, s);
  Strings out;
  for (const auto& t : s.tokens()) out.emplace_back(t.text);
  return out;
}
nlp::PipelineConfig ws() {
  nlp::PipelineConfig c;
  c.tokenizer.name = "whitespace";
  return c;
}
}  // namespace

TEST_CASE("pipeline: empty input gives no tokens", "[pipeline]") {
  CHECK(run(ws(), "").empty());
  CHECK(run(ws(), " \t ").empty());
}

TEST_CASE("pipeline: normalized tokens keep spans in the original text", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.normalize.case_mode = nlp::CaseMode::lower;
  c.normalize.strip_accents = nlp::AccentMode::unicode;
  nlp::Pipeline p(c);
  nlp::PipelineScratch s;
  const std::string text = "\xC3\x89T\xC3\x89  Caf\xC3\xA9";  // "ÉTÉ  Café"
  p.process(text, s);
  REQUIRE(s.tokens().size() == 2);
  CHECK(s.tokens()[0].text == "ete");
  CHECK(text.substr(s.tokens()[0].source.begin, s.tokens()[0].source.size()) == "\xC3\x89T\xC3\x89");
  CHECK(s.tokens()[1].text == "cafe");
  CHECK(text.substr(s.tokens()[1].source.begin, s.tokens()[1].source.size()) == "Caf\xC3\xA9");
}

TEST_CASE("filters: token kinds are recognized", "[pipeline]") {
  using K = nlp::TokenKind;
  CHECK(nlp::classify_token("https://example.org/a?b=1") == K::url);
  CHECK(nlp::classify_token("www.example.org") == K::url);
  CHECK(nlp::classify_token("ana.lopez@example.es") == K::email);
  CHECK(nlp::classify_token("@nlp_tool") == K::mention);
  CHECK(nlp::classify_token("#NLP2024") == K::hashtag);
  CHECK(nlp::classify_token("#2024") != K::hashtag);
  CHECK(nlp::classify_token("3.88") == K::number);
  CHECK(nlp::classify_token("1,000,000") == K::number);
  CHECK(nlp::classify_token("\xD9\xA3") == K::number);  // Arabic-Indic three
  CHECK(nlp::classify_token("...") == K::punctuation);
  CHECK(nlp::classify_token("``") == K::punctuation);
  CHECK(nlp::classify_token("-LRB-") == K::punctuation);
  CHECK(nlp::classify_token("`") == K::symbol);
  CHECK(nlp::classify_token("\xC2\xBF") == K::punctuation);  // ¿
  CHECK(nlp::classify_token("+") == K::symbol);
  CHECK(nlp::classify_token("\xF0\x9F\x98\x80") == K::symbol);  // 😀
  CHECK(nlp::classify_token("don't") == K::word);
  CHECK(nlp::classify_token("@") == K::punctuation);
}

TEST_CASE("filters: drop and replace by kind", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.urls = nlp::KindAction::replace;
  c.filters.numbers = nlp::KindAction::drop;
  c.filters.mentions = nlp::KindAction::replace;
  c.filters.drop_punctuation = true;
  CHECK(run(c, "@ana see http://x.org/p , 42 times !") == Strings{"<user>", "see", "<url>", "times"});
}

TEST_CASE("filters: case and stopwords compare case-insensitively", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.stopword_lists = {"en"};
  CHECK(run(c, "The cat and THE dog") == Strings{"cat", "dog"});
  c.filters.case_mode = nlp::CaseMode::lower;
  c.filters.stopword_lists = {"nltk:spanish"};
  CHECK(run(c, "El Gato y LA casa") == Strings{"gato", "casa"});
  c.filters.stopword_lists = {};
  c.filters.stopwords = {"gato"};
  CHECK(run(c, "El GATO") == Strings{"el"});
}

TEST_CASE("filters: every stopword of a large list is found and nothing else", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  std::string text, kept;
  for (int i = 0; i < 5000; ++i) {
    c.filters.stopwords.push_back("w" + std::to_string(i * 7));
    c.filters.stopwords.push_back("w" + std::to_string(i * 7));  // duplicates count once
  }
  c.filters.stopwords.push_back(std::string(70, 'x'));  // beyond the length mask's range
  Strings want;
  for (int i = 0; i < 36000; ++i) {
    const std::string w = "w" + std::to_string(i);
    text += w + " ";
    if (i % 7 != 0 || i >= 35000) want.push_back(w);
  }
  text += std::string(70, 'x') + " " + std::string(71, 'x') + " " + std::string(70, 'X');
  want.push_back(std::string(71, 'x'));
  CHECK(nlp::TokenFilter(c.filters).stopword_count() == 5001);
  CHECK(run(c, text) == want);
}

TEST_CASE("filters: unknown stopword lists are usage errors", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.stopword_lists = {"klingon"};
  CHECK_THROWS_AS(nlp::Pipeline(c), nlp::UsageError);
  CHECK(nlp::stopword_list("iso:es").size() == 732);
  CHECK(nlp::stopword_list("sklearn:en").size() == 318);
  CHECK(nlp::stopword_list_names().size() >= 70);
}

TEST_CASE("filters: contractions expand with their case and span", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.expand_contractions = true;
  CHECK(run(c, "I'm sure you WON'T mind, it\xE2\x80\x99s fine") ==
        Strings{"I", "am", "sure", "you", "WILL", "NOT", "mind,", "it", "is", "fine"});
  nlp::Pipeline p(c);
  nlp::PipelineScratch s;
  p.process("Don't", s);
  REQUIRE(s.tokens().size() == 2);
  CHECK(s.tokens()[0].text == "Do");
  CHECK(s.tokens()[1].source == nlp::ByteSpan{0, 5});
}

TEST_CASE("filters: split clitics expand including changed stems", "[pipeline]") {
  nlp::PipelineConfig c;
  c.tokenizer.name = "regex";
  c.tokenizer.pattern = R"(\w+(?=n't)|n't|'\w+|\w+)";
  c.filters.expand_contractions = true;
  // "wo" + "n't" -> "will not"; "ca" + "n't" -> "can not"; "'ll" -> "will"
  CHECK(run(c, "I won't, you can't, we'll") ==
        Strings{"I", "will", "not", "you", "can", "not", "we", "will"});
}

TEST_CASE("filters: special characters are stripped inside words", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.strip_special = true;
  CHECK(run(c, "hello!!! wo*rld rock'n'roll e-mail -- :)") ==
        Strings{"hello", "world", "rock'n'roll", "e-mail"});
}

TEST_CASE("filters: length limits count code points", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.min_length = 2;
  c.filters.max_length = 4;
  CHECK(run(c, "a \xC3\xB1\xC3\xB1 abcd abcde") == Strings{"\xC3\xB1\xC3\xB1", "abcd"});
}

TEST_CASE("config: JSON round-trips and rejects unknown members", "[pipeline]") {
  nlp::PipelineConfig c;
  c.tokenizer.name = "regex";
  c.tokenizer.pattern = R"(\S+)";
  c.normalize.form = nlp::UnicodeForm::nfkc;
  c.filters.stopword_lists = {"en", "iso:es"};
  c.filters.stopwords = {"foo"};
  c.filters.numbers = nlp::KindAction::replace;
  c.filters.min_length = 3;
  const std::string json = c.to_json();
  const auto back = nlp::PipelineConfig::from_json(json);
  CHECK(back.to_json() == json);
  CHECK(back.filters == c.filters);
  CHECK(back.normalize == c.normalize);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json(R"({"filters": {"stopwrds": {}}})"), nlp::FormatError);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json(R"({"format_version": 99})"), nlp::FormatError);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json(R"({"normalize": {"form": "xyz"}})"), nlp::FormatError);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json("{"), nlp::FormatError);
  CHECK(nlp::PipelineConfig::from_json("{}").to_json() == nlp::PipelineConfig{}.to_json());
}

TEST_CASE("morphology: stems replace token texts and keep their spans", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.filters.stopword_lists = {"en"};
  c.morphology.stem = true;
  c.morphology.stemmer.lang = "en";
  CHECK(run(c, "The Running dogs were jumping") == Strings{"run", "dog", "jump"});
  nlp::Pipeline p(c);
  nlp::PipelineScratch s;
  p.process("Running  dogs", s);
  REQUIRE(s.tokens().size() == 2);
  CHECK(s.tokens()[1].text == "dog");
  CHECK(s.tokens()[1].source == nlp::ByteSpan{9, 13});
  // A scratch moved to another pipeline takes that pipeline's stemmer.
  nlp::PipelineConfig es = ws();
  es.morphology.stem = true;
  es.morphology.stemmer.lang = "es";
  nlp::Pipeline q(es);
  q.process("canciones", s);
  CHECK(s.tokens()[0].text == "cancion");
  p.process("canciones", s);
  CHECK(s.tokens()[0].text == "cancion");  // Porter2 agrees here
  p.process("running", s);
  CHECK(s.tokens()[0].text == "run");
}

TEST_CASE("morphology: the configuration round-trips and checks the stemmer id", "[pipeline]") {
  nlp::PipelineConfig c;
  c.morphology.stem = true;
  c.morphology.stemmer.algorithm = "snowball";
  c.morphology.stemmer.lang = "es";
  const std::string json = c.to_json();
  CHECK(json.find(R"("id":"snowball-spanish-libstemmer")") != std::string::npos);
  CHECK(json.find(R"("lemmatize":null)") != std::string::npos);
  const auto back = nlp::PipelineConfig::from_json(json);
  CHECK(back.morphology.stem);
  CHECK_FALSE(back.morphology.lemmatize);
  CHECK(back.to_json() == json);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json(
                      R"({"morphology": {"stem": {"algorithm": "snowball", "lang": "es", "id": "snowball-spanish-v9"}}})"),
                  nlp::FormatError);
  // Options are checked when the pipeline is built (as for tokenizer names).
  CHECK_THROWS_AS(nlp::Pipeline(nlp::PipelineConfig::from_json(R"({"morphology": {"stem": {"algorithm": "nope"}}})")),
                  nlp::UsageError);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json(R"({"morphology": {"stemm": null}})"), nlp::FormatError);
  CHECK_THROWS_AS(nlp::PipelineConfig::from_json(R"({"morphology": {"stem": 3}})"), nlp::FormatError);
  CHECK_THROWS_AS(nlp::Pipeline([] {
                    nlp::PipelineConfig bad;
                    bad.morphology.stem = true;
                    bad.morphology.stemmer.lang = "xx";
                    return bad;
                  }()),
                  nlp::UsageError);
}

TEST_CASE("ordered pool: output order and results do not depend on the thread count", "[pipeline]") {
  for (std::size_t threads : {1u, 2u, 3u, 8u}) {
    int next = 0;
    std::vector<int> out;
    nlp::run_ordered<std::vector<int>>(
        threads,
        [&](std::vector<int>& b) {
          if (next >= 1000) return false;
          for (int k = 0; k < 7 && next < 1000; ++k) b.push_back(next++);
          return true;
        },
        [&](std::vector<int>& b, std::size_t) {
          for (int& x : b) x = x * x;
        },
        [&](std::vector<int>& b) { out.insert(out.end(), b.begin(), b.end()); });
    REQUIRE(out.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(out[static_cast<std::size_t>(i)] == i * i);
  }
}

TEST_CASE("ordered pool: a worker exception reaches the caller", "[pipeline]") {
  int next = 0;
  CHECK_THROWS_AS(nlp::run_ordered<std::vector<int>>(
                      4,
                      [&](std::vector<int>& b) {
                        b.push_back(next++);
                        return next < 100;
                      },
                      [&](std::vector<int>& b, std::size_t) {
                        if (b.at(0) == 50) throw std::runtime_error("boom");
                      },
                      [&](std::vector<int>&) {}),
                  std::runtime_error);
}

TEST_CASE("pipeline: edge inputs keep spans and lose nothing", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.normalize.form = nlp::UnicodeForm::nfc;
  c.filters.case_mode = nlp::CaseMode::lower;
  nlp::Pipeline p(c);
  nlp::PipelineScratch s;
  struct Case {
    const char* name;
    std::string input;
    Strings tokens;
  };
  const std::vector<Case> cases = {
      {"CRLF", "A\r\nB\r\n", {"a", "b"}},
      {"BOM kept as a character", "\xEF\xBB\xBFX y", {"\xEF\xBB\xBFx", "y"}},
      {"combining mark composed by NFC", "Cafe\xCC\x81 ok", {"caf\xC3\xA9", "ok"}},
      {"emoji ZWJ sequence", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 Hi",
       {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "hi"}},
      {"right-to-left text", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7",
       {"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7"}},
  };
  for (const auto& tc : cases) {
    INFO(tc.name);
    p.process(tc.input, s);
    Strings got;
    for (const auto& t : s.tokens()) {
      got.emplace_back(t.text);
      REQUIRE(t.source.end <= tc.input.size());
    }
    CHECK(got == tc.tokens);
  }
}

TEST_CASE("pipeline: a 1 MB token survives normalization and filters", "[pipeline]") {
  nlp::PipelineConfig c = ws();
  c.normalize.case_mode = nlp::CaseMode::lower;
  c.normalize.strip_accents = nlp::AccentMode::unicode;
  c.filters.max_length = 0;
  c.filters.stopword_lists = {"en"};
  std::string big;
  for (int i = 0; i < (1 << 19); ++i) big += "\xC3\x89";  // É, 2 bytes each: 1 MiB
  const std::string input = "the " + big + " END";
  nlp::Pipeline p(c);
  nlp::PipelineScratch s;
  p.process(input, s);
  REQUIRE(s.tokens().size() == 2);
  CHECK(s.tokens()[0].text == std::string(1 << 19, 'e'));
  CHECK(s.tokens()[0].source == nlp::ByteSpan{4, 4 + (1u << 20)});
  CHECK(s.tokens()[1].text == "end");
  CHECK(s.tokens()[1].source == nlp::ByteSpan{5 + (1u << 20), 8 + (1u << 20)});
}
