// gensim-compatible phrase detection on small inputs whose expected outputs come from gensim 4.2
// (gensim.models.phrases.Phrases with the same options), and the edge cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/ngrams/phrases.hpp"

using nlp::ngrams::PhraseModel;
using nlp::ngrams::PhrasesLearner;
using nlp::ngrams::PhrasesOptions;
using nlp::ngrams::PhraseScoring;
using Sentence = std::vector<std::string_view>;

namespace {

PhrasesOptions opts(std::uint64_t min_count, double threshold, PhraseScoring scoring = PhraseScoring::kDefault,
                    std::uint64_t max_vocab_size = 40'000'000) {
  PhrasesOptions o;
  o.min_count = min_count;
  o.threshold = threshold;
  o.scoring = scoring;
  o.max_vocab_size = max_vocab_size;
  return o;
}

const std::span<const std::string_view> kNone;

PhraseModel learn(const std::vector<Sentence>& corpus, PhrasesOptions o) {
  PhrasesLearner l(std::move(o));
  for (const Sentence& s : corpus) l.add_sentence(s);
  return l.freeze();
}

std::vector<std::string> apply(const PhraseModel& m, const Sentence& s) {
  std::vector<std::string> out;
  m.apply(s, out);
  return out;
}

// gensim's documentation example corpus.
const std::vector<Sentence> kCorpus = {
    {"the", "mayor", "of", "new", "york", "was", "there"},
    {"machine", "learning", "can", "be", "new", "york", "sometimes"},
    {"new", "york", "mayor", "was", "present"},
    {"the", "bank", "of", "america", "is", "in", "new", "york"},
    {"bank", "of", "america", "and", "new", "york"},
};

}  // namespace

TEST_CASE("phrases: empty input, empty sentences and single tokens", "[phrases]") {
  PhrasesLearner l(opts(1, 1.0));
  const Sentence empty, alone{"alone"};
  l.add_sentence(empty);
  l.add_sentence(alone);
  CHECK(l.corpus_words() == 1);
  CHECK(l.vocabulary_size() == 1);
  const PhraseModel m = l.freeze();
  CHECK(m.phrases().empty());
  CHECK(apply(m, empty).empty());
  CHECK(apply(m, alone) == std::vector<std::string>{"alone"});
}

TEST_CASE("phrases: counts and default scores as gensim computes them", "[phrases]") {
  // gensim: Phrases(kCorpus, min_count=1, threshold=1): 33 words, 40 entries, new_york scores 6.4
  PhrasesLearner l(opts(1, 1.0));
  for (const Sentence& s : kCorpus) l.add_sentence(s);
  CHECK(l.corpus_words() == 33);
  CHECK(l.vocabulary_size() == 40);
  CHECK(l.count("new") == 5);
  CHECK(l.count("new_york") == 5);
  std::string phrase;
  double score = 0;
  REQUIRE(l.score("new", "york", kNone, phrase, score));
  CHECK(phrase == "new_york");
  // (5 - 1) / (5 * 5) * vocabulary size
  CHECK(score == 4.0 / 25.0 * 40.0);
  CHECK(score == 6.4);
  CHECK_FALSE(l.score("new", "unknown", kNone, phrase, score));
}

TEST_CASE("phrases: connector words join phrases and never start or end one", "[phrases]") {
  PhrasesOptions o = opts(1, 1.0);
  o.connector_words = nlp::ngrams::english_connector_words();
  const PhraseModel m = learn(kCorpus, o);
  const Sentence s1{"bank", "of", "america", "is", "in", "new", "york"};
  CHECK(apply(m, s1) ==
        std::vector<std::string>{"bank_of_america", "is", "in", "new_york"});
  // Connector words at the start and the end stay single tokens.
  const Sentence s2{"of", "the", "new", "york", "of"};
  CHECK(apply(m, s2) == std::vector<std::string>{"of", "the", "new_york", "of"});
  // Only connector words.
  const Sentence s3{"the", "of", "and"};
  CHECK(apply(m, s3) == std::vector<std::string>{"the", "of", "and"});
}

TEST_CASE("phrases: a phrase consumes its end word; the next candidate starts after it", "[phrases]") {
  const std::vector<Sentence> corpus(10, Sentence{"a1", "b1", "c1"});
  const PhraseModel m = learn(corpus, opts(1, 0.1));
  // a1_b1 is a phrase, so b1 cannot also start b1_c1.
  const Sentence s4{"a1", "b1", "c1"};
  CHECK(apply(m, s4) == std::vector<std::string>{"a1_b1", "c1"});
  const Sentence s5{"b1", "c1"};
  CHECK(apply(m, s5) == std::vector<std::string>{"b1_c1"});
}

TEST_CASE("phrases: the threshold is exclusive", "[phrases]") {
  PhrasesLearner l(opts(1, 1.0));
  for (const Sentence& s : kCorpus) l.add_sentence(s);
  std::string phrase;
  double score = 0;
  REQUIRE(l.score("new", "york", kNone, phrase, score));
  PhrasesOptions at = opts(1, score);
  PhrasesLearner same(at);
  for (const Sentence& s : kCorpus) same.add_sentence(s);
  CHECK_FALSE(same.score("new", "york", kNone, phrase, score));
}

TEST_CASE("phrases: npmi scores lie in [-1, 1] and min_count applies", "[phrases]") {
  PhrasesOptions o = opts(2, 0.0, PhraseScoring::kNpmi);
  PhrasesLearner l(o);
  for (const Sentence& s : kCorpus) l.add_sentence(s);
  std::string phrase;
  double score = 0;
  REQUIRE(l.score("new", "york", kNone, phrase, score));
  const double n = 33, pa = 5 / n, pb = 5 / n, pab = 5 / n;
  CHECK(score == std::log(pab / (pa * pb)) / -std::log(pab));
  CHECK(score == 1.0);  // gensim: 1.0
  CHECK_FALSE(l.score("machine", "learning", kNone, phrase, score));  // seen once < min_count 2
}

TEST_CASE("phrases: unicode tokens and a multi-byte delimiter", "[phrases]") {
  const std::vector<Sentence> corpus(6, Sentence{"nueva", "york", "\xC3\xA9t\xC3\xA9", "\xF0\x9F\x98\x80"});
  PhrasesOptions o = opts(1, 0.1);
  o.delimiter = "\xE2\x80\xBF";  // U+203F UNDERTIE
  const PhraseModel m = learn(corpus, o);
  const Sentence s6{"\xC3\xA9t\xC3\xA9", "\xF0\x9F\x98\x80"};
  CHECK(apply(m, s6) ==
        std::vector<std::string>{"\xC3\xA9t\xC3\xA9\xE2\x80\xBF\xF0\x9F\x98\x80"});
}

TEST_CASE("phrases: pruning drops rare entries once the vocabulary is too large", "[phrases]") {
  PhrasesLearner l(opts(1, 1.0, PhraseScoring::kDefault, 4));
  const Sentence abc{"a", "b", "c"}, ab{"a", "b"};
  l.add_sentence(abc);  // 5 entries > 4: prune count < 1 (nothing), limit 2 next
  CHECK(l.vocabulary_size() == 5);
  l.add_sentence(ab);  // a=2 b=2 a_b=2 c=1 b_c=1 -> drop counts < 2
  CHECK(l.vocabulary_size() == 3);
  CHECK(l.count("c") == 0);
  CHECK(l.prunes() == 2);
}

TEST_CASE("phrases: invalid options and model files", "[phrases]") {
  CHECK_THROWS_AS(PhrasesLearner(opts(0, 10.0)), nlp::UsageError);
  CHECK_THROWS_AS(PhrasesLearner(opts(5, 0.0)), nlp::UsageError);
  CHECK_THROWS_AS(PhrasesLearner(opts(5, 1.5, PhraseScoring::kNpmi)), nlp::UsageError);
  PhrasesOptions empty_delim;
  empty_delim.delimiter = "";
  CHECK_THROWS_AS(PhrasesLearner(empty_delim), nlp::UsageError);
  const PhraseModel m = learn(kCorpus, opts(1, 1.0));
  const std::vector<PhraseModel> layers{m};
  const std::string json = nlp::ngrams::phrase_models_to_json(layers, "{}");
  std::string pipeline;
  const auto back = nlp::ngrams::phrase_models_from_json(json, "p.json", pipeline);
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].phrases().size() == m.phrases().size());
  for (std::size_t i = 0; i < m.phrases().size(); ++i) {
    CHECK(back[0].phrases()[i].phrase == m.phrases()[i].phrase);
    CHECK(back[0].phrases()[i].score == m.phrases()[i].score);  // bit for bit
  }
  CHECK(pipeline == "{}");
  for (const std::string& bad : {std::string(""), std::string("{"), std::string("[]"), std::string("{\"format\": \"nlp.vectorizer\"}"),
                                json.substr(0, json.size() / 2),
                                std::string("{\"format\": \"nlp.phrases\", \"format_version\": 9, \"pipeline\": {}, \"layers\": []}")}) {
    INFO(bad.substr(0, 60));
    CHECK_THROWS_AS(nlp::ngrams::phrase_models_from_json(bad, "p.json", pipeline), nlp::FormatError);
  }
}
