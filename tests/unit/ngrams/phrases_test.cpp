#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/ngrams/phrases.hpp"

using nlp::ngrams::FrozenPhrases;
using nlp::ngrams::PhraseScoring;
using nlp::ngrams::Phrases;
using nlp::ngrams::PhrasesModelFile;
using nlp::ngrams::PhrasesOptions;
using nlp::ngrams::TokenCorpus;

namespace {

using Sentences = std::vector<std::vector<std::string>>;

TokenCorpus corpus_of(const Sentences& sentences) {
  TokenCorpus c;
  for (const auto& s : sentences) c.add(std::span<const std::string>(s));
  return c;
}

std::vector<std::string> rewrite(const auto& model, const std::vector<std::string>& sentence) {
  std::vector<std::string_view> in(sentence.begin(), sentence.end()), out;
  nlp::StringArena arena;
  model.apply(in, out, arena);
  return {out.begin(), out.end()};
}

PhrasesOptions options(std::uint64_t min_count, double threshold, bool english = false) {
  PhrasesOptions o;
  o.min_count = min_count;
  o.threshold = threshold;
  if (english) o.connector_words = nlp::ngrams::english_connector_words();
  return o;
}

// gensim's Phrases written the obvious way: a std::map vocabulary, _learn_vocab with prune_vocab
// after every sentence, and score_candidate on the map. The library must agree with it.
struct Reference {
  std::map<std::string, std::uint64_t> vocab;
  std::uint64_t words = 0, min_reduce = 1;
  PhrasesOptions o;

  bool connector(const std::string& w) const {
    for (const auto& c : o.connector_words)
      if (c == w) return true;
    return false;
  }
  std::string join(const std::string& a, const std::vector<std::string>& mid, const std::string& b) const {
    std::string s = a;
    for (const auto& m : mid) s += o.delimiter + m;
    return s + o.delimiter + b;
  }
  Reference(const Sentences& sentences, PhrasesOptions opts) : o(std::move(opts)) {
    for (const auto& s : sentences) {
      const std::string* start = nullptr;
      std::vector<std::string> mid;
      for (const auto& w : s) {
        if (!connector(w)) {
          ++vocab[w];
          if (start) ++vocab[join(*start, mid, w)];
          start = &w;
          mid.clear();
        } else if (start) {
          mid.push_back(w);
        }
        ++words;
      }
      if (vocab.size() > o.max_vocab_size) {
        for (auto it = vocab.begin(); it != vocab.end();) it = it->second < min_reduce ? vocab.erase(it) : std::next(it);
        ++min_reduce;
      }
    }
  }
  std::uint64_t count(const std::string& k) const {
    const auto it = vocab.find(k);
    return it == vocab.end() ? 0 : it->second;
  }
  std::vector<std::string> apply(const std::vector<std::string>& sentence) const {
    std::vector<std::string> out, mid;
    std::string start;
    for (const auto& w : sentence) {
      if (!connector(w)) {
        if (!start.empty()) {
          const std::uint64_t ca = count(start), cb = count(w), cab = count(join(start, mid, w));
          double score = 0;
          const bool ok = ca && cb && cab &&
                          !((score = nlp::ngrams::phrase_score(o.scoring, ca, cb, cab, vocab.size(), o.min_count,
                                                               words)) <= o.threshold);
          if (ok) {
            out.push_back(join(start, mid, w));
            start.clear();
          } else {
            out.push_back(start);
            out.insert(out.end(), mid.begin(), mid.end());
            start = w;
          }
          mid.clear();
        } else {
          start = w;
          mid.clear();
        }
      } else if (!start.empty()) {
        mid.push_back(w);
      } else {
        out.push_back(w);
      }
    }
    if (!start.empty()) {
      out.push_back(start);
      out.insert(out.end(), mid.begin(), mid.end());
    }
    return out;
  }
};

// Sentences over a small vocabulary with connector words, words holding the delimiter, empty
// tokens and multi-byte characters, so that every rule gets exercised.
Sentences random_sentences(std::size_t n, std::uint32_t seed, std::size_t max_len = 12) {
  static const std::vector<std::string> kWords = {
      "new", "york", "city", "new_york", "bank", "of", "the", "america", "a", "and", "x", "y", "x_y",
      "_", "", "café", "naïve", "日本", "👩‍💻", "z", "york_city", "the_"};
  std::mt19937 rng(seed);
  Sentences out(n);
  for (auto& s : out) {
    const std::size_t len = rng() % (max_len + 1);
    for (std::size_t i = 0; i < len; ++i) {
      // Skewed choice so that some pairs are frequent.
      const std::size_t r = rng() % 100;
      s.push_back(kWords[r < 50 ? r % 6 : r % kWords.size()]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("phrases: an empty corpus learns nothing and rewrites nothing") {
  const Phrases m = Phrases::learn(TokenCorpus{}, options(1, 1.0));
  CHECK(m.len_vocab() == 0);
  CHECK(m.corpus_word_count() == 0);
  CHECK(m.export_phrases().empty());
  const FrozenPhrases f = m.freeze();
  CHECK(f.rules().empty());
  CHECK(rewrite(m, {}).empty());
  CHECK(rewrite(f, {}).empty());
  CHECK(rewrite(f, {"a", "b"}) == std::vector<std::string>{"a", "b"});
  const Phrases empties = Phrases::learn(corpus_of({{}, {}, {}}), options(1, 1.0));
  CHECK(empties.len_vocab() == 0);
}

TEST_CASE("phrases: a single token is counted and left alone") {
  const Phrases m = Phrases::learn(corpus_of({{"solo"}}), options(1, 0.001));
  CHECK(m.len_vocab() == 1);
  CHECK(m.count("solo") == 1);
  CHECK(m.corpus_word_count() == 1);
  CHECK(rewrite(m, {"solo"}) == std::vector<std::string>{"solo"});
  CHECK(rewrite(m, {"solo", "solo"}) == std::vector<std::string>{"solo", "solo"});  // "solo_solo" never seen
}

TEST_CASE("phrases: connector words alone are counted as words but never as keys") {
  const Sentences s = {{"the", "of", "a"}, {"and", "the"}};
  const Phrases m = Phrases::learn(corpus_of(s), options(1, 1.0, true));
  CHECK(m.len_vocab() == 0);
  CHECK(m.corpus_word_count() == 5);
  CHECK(rewrite(m, s[0]) == s[0]);
  CHECK(rewrite(m.freeze(), s[1]) == s[1]);
}

TEST_CASE("phrases: counts, scores and rewrites of gensim's example with connector words") {
  const Sentences s = {{"new", "york", "is", "big"},          {"new", "york", "city"},
                       {"new", "york"},                        {"bank", "of", "america"},
                       {"bank", "of", "america", "and", "new", "york"}, {"of", "the", "bank", "of", "america"}};
  const Phrases m = Phrases::learn(corpus_of(s), options(1, 1.0, true));
  // Keys: new york is big city bank america and the pairs new_york york_is is_big york_city
  // bank_of_america america_and_new.
  CHECK(m.len_vocab() == 13);
  CHECK(m.corpus_word_count() == 23);
  CHECK(m.count("new_york") == 4);
  CHECK(m.count("bank_of_america") == 3);
  CHECK(m.count("america_and_new") == 1);
  CHECK(m.count("of") == 0);
  const auto exported = m.export_phrases();
  REQUIRE(exported.size() == 2);
  CHECK(exported[0].first == "bank_of_america");
  CHECK(exported[0].second == (3.0 - 1.0) / 9.0 * 13.0);
  CHECK(exported[1].first == "new_york");
  CHECK(exported[1].second == 2.4375);  // (4 - 1) / 16 * 13
  using V = std::vector<std::string>;
  CHECK(rewrite(m, s[0]) == V{"new_york", "is", "big"});
  CHECK(rewrite(m, s[2]) == V{"new_york"});                          // a phrase at the end of a sentence
  CHECK(rewrite(m, s[4]) == V{"bank_of_america", "and", "new_york"});  // the phrase's last word starts nothing
  CHECK(rewrite(m, s[5]) == V{"of", "the", "bank_of_america"});        // connector words at the start
  CHECK(rewrite(m, {"bank", "of", "america", "of"}) == V{"bank_of_america", "of"});  // and at the end
  CHECK(rewrite(m, {"bank", "of", "the"}) == V{"bank", "of", "the"});  // an unfinished candidate
  CHECK(rewrite(m, {"is", "new", "york"}) == V{"is", "new_york"});
}

TEST_CASE("phrases: a score equal to the threshold is rejected, as gensim's score <= threshold") {
  const Sentences s = {{"new", "york", "is", "big"}, {"new", "york", "city"}, {"new", "york"},
                       {"bank", "of", "america"}, {"bank", "of", "america", "and", "new", "york"},
                       {"of", "the", "bank", "of", "america"}};
  using V = std::vector<std::string>;
  const Phrases at = Phrases::learn(corpus_of(s), options(1, 2.4375, true));
  CHECK(rewrite(at, {"new", "york"}) == V{"new", "york"});
  CHECK(rewrite(at.freeze(), {"new", "york"}) == V{"new", "york"});
  const Phrases below = Phrases::learn(corpus_of(s), options(1, std::nextafter(2.4375, 0.0), true));
  CHECK(rewrite(below, {"new", "york"}) == V{"new_york"});
  CHECK(rewrite(below.freeze(), {"new", "york"}) == V{"new_york"});

  // NPMI: a pair that always occurs together and whose words occur nowhere else.
  PhrasesOptions o = options(1, 0.0);
  o.scoring = PhraseScoring::kNpmi;
  const Sentences t = {{"a1", "b1"}, {"c", "d"}, {"c", "e"}};
  const double npmi = nlp::ngrams::phrase_score(PhraseScoring::kNpmi, 1, 1, 1, 0, 1, 6);
  CHECK(npmi == std::log((1.0 / 6) / ((1.0 / 6) * (1.0 / 6))) / -std::log(1.0 / 6));
  o.threshold = npmi;
  CHECK(rewrite(Phrases::learn(corpus_of(t), o), {"a1", "b1"}) == V{"a1", "b1"});
  o.threshold = std::nextafter(npmi, -1.0);
  CHECK(rewrite(Phrases::learn(corpus_of(t), o), {"a1", "b1"}) == V{"a1_b1"});
}

TEST_CASE("phrases: scores follow gensim's formulas and operation order") {
  // (bigram - min_count) / float(a * b) * len_vocab
  CHECK(nlp::ngrams::phrase_score(PhraseScoring::kDefault, 3, 7, 5, 1000, 2, 0) == 3.0 / 21.0 * 1000.0);
  CHECK(nlp::ngrams::phrase_score(PhraseScoring::kDefault, 3, 7, 1, 1000, 2, 0) == -1.0 / 21.0 * 1000.0);
  CHECK(std::isinf(nlp::ngrams::phrase_score(PhraseScoring::kDefault, 0, 7, 1, 10, 1, 0)));
  // a * b beyond 2^64 is exact before rounding, as Python's integers.
  const std::uint64_t big = 1ull << 40;
  CHECK(nlp::ngrams::phrase_score(PhraseScoring::kDefault, big, big, 2, 1, 1, 0) == 1.0 / std::ldexp(1.0, 80));
  // NPMI below min_count is -inf.
  CHECK(nlp::ngrams::phrase_score(PhraseScoring::kNpmi, 3, 3, 1, 0, 2, 100) ==
        -std::numeric_limits<double>::infinity());
  const double n = 100, pa = 3 / n, pb = 4 / n, pab = 2 / n;
  CHECK(nlp::ngrams::phrase_score(PhraseScoring::kNpmi, 3, 4, 2, 0, 1, 100) ==
        std::log(pab / (pa * pb)) / -std::log(pab));
}

TEST_CASE("phrases: invalid options are usage errors") {
  auto learn = [](PhrasesOptions o) { return Phrases::learn(TokenCorpus{}, std::move(o)); };
  CHECK_THROWS_AS(learn(options(0, 1.0)), nlp::UsageError);
  CHECK_THROWS_AS(learn(options(1, 0.0)), nlp::UsageError);  // default scoring needs threshold > 0
  CHECK_THROWS_AS(learn(options(1, -1.0)), nlp::UsageError);
  PhrasesOptions o = options(1, 1.5);
  o.scoring = PhraseScoring::kNpmi;
  CHECK_THROWS_AS(learn(o), nlp::UsageError);
  o.threshold = -1.0;
  CHECK_NOTHROW(learn(o));
  o.threshold = std::nan("");
  CHECK_THROWS_AS(learn(o), nlp::UsageError);
  PhrasesOptions d = options(1, 1.0);
  d.delimiter = "";
  CHECK_THROWS_AS(learn(d), nlp::UsageError);
  CHECK_THROWS_AS(nlp::ngrams::parse_phrase_scoring("pmi"), nlp::UsageError);
}

TEST_CASE("phrases: an empty token never starts a phrase and is dropped there, as in gensim") {
  // gensim tests the start token's truthiness in analyze_sentence but counts "" while learning.
  const Sentences s = {{"", "x", "y"}, {"x", "y", ""}, {"x", "", "y"}, {"of", "x", "y", "of"}};
  const Phrases m = Phrases::learn(corpus_of(s), options(1, 0.5, true));
  CHECK(m.count("") == 3);
  CHECK(m.count("_x") == 1);
  CHECK(m.corpus_word_count() == 13);
  using V = std::vector<std::string>;
  CHECK(rewrite(m, s[0]) == V{"x_y"});
  CHECK(rewrite(m, s[1]) == V{"x_y"});
  CHECK(rewrite(m, s[2]) == V{"x", "y"});
  CHECK(rewrite(m, s[3]) == V{"of", "x_y", "of"});
  CHECK(rewrite(m.freeze(), s[2]) == V{"x", "y"});
}

TEST_CASE("phrases: a word holding the delimiter shares its count with the pair it spells") {
  const Sentences s = {{"new_york", "city"}, {"new", "york"}, {"new", "york", "city"}, {"new_york", "city"}};
  const Phrases m = Phrases::learn(corpus_of(s), options(1, 0.1));
  CHECK(m.count("new_york") == 4);  // two unigrams and two pairs
  CHECK(m.count("new_york_city") == 2);
  CHECK(m.len_vocab() == 6);
  // export_phrases splits at every delimiter: new_york_city is scored as (new, york, city).
  const auto exported = m.export_phrases();
  REQUIRE(exported.size() == 2);
  CHECK(exported[0] == std::pair<std::string, double>{"new_york", (4.0 - 1) / 4 * 6});
  CHECK(exported[1] == std::pair<std::string, double>{"new_york_city", (2.0 - 1) / 6 * 6});
  // Applying scores (new_york, city) with the counts of new_york: (2 - 1) / 12 * 6 = 0.5.
  using V = std::vector<std::string>;
  const FrozenPhrases f = m.freeze();
  for (const auto& sentence : s) CHECK(rewrite(f, sentence) == rewrite(m, sentence));
  CHECK(rewrite(m, s[0]) == V{"new_york_city"});
  CHECK(rewrite(m, s[2]) == V{"new_york", "city"});
  // The frozen rules hold the extra split; export keeps gensim's.
  CHECK(f.export_phrases() == exported);
  CHECK(f.rules().size() > exported.size());
}

TEST_CASE("phrases: unicode words and a multi-byte delimiter") {
  PhrasesOptions o = options(1, 0.5);
  o.delimiter = "·";
  const Sentences s = {{"naïve", "café"}, {"naïve", "café", "👩‍💻"}, {"日本", "語"}, {"naïve", "café"}};
  const Phrases m = Phrases::learn(corpus_of(s), o);
  CHECK(m.count("naïve·café") == 3);
  using V = std::vector<std::string>;
  CHECK(rewrite(m, s[1]) == V{"naïve·café", "👩‍💻"});
  CHECK(rewrite(m.freeze(), s[1]) == V{"naïve·café", "👩‍💻"});
  CHECK(rewrite(m, s[2]) == V{"日本", "語"});  // (1 - 1) / (1 * 1) * 8 = 0 is not above 0.5
}

TEST_CASE("phrases: a 1 MB token is joined like any other") {
  const std::string big(1 << 20, 'x');
  const Sentences s = {{big, "tail"}, {big, "tail"}, {"tail"}};
  const Phrases m = Phrases::learn(corpus_of(s), options(1, 0.1));
  const auto out = rewrite(m, {big, "tail"});
  REQUIRE(out.size() == 1);
  CHECK(out[0] == big + "_tail");
}

TEST_CASE("phrases: the library equals a plain reimplementation of gensim, pruning included") {
  const Sentences s = random_sentences(9000, 7);
  for (const std::uint64_t max_vocab : {std::uint64_t{40000000}, std::uint64_t{60}, std::uint64_t{25}}) {
    for (const bool english : {false, true}) {
      PhrasesOptions o = options(2, 0.5, english);
      o.max_vocab_size = max_vocab;
      o.connector_words.push_back("_");
      const Reference ref(s, o);
      for (const std::size_t threads : {1u, 3u}) {
        o.threads = threads;
        const Phrases m = Phrases::learn(corpus_of(s), o);
        INFO("max_vocab_size " << max_vocab << ", english " << english << ", threads " << threads);
        CHECK(m.len_vocab() == ref.vocab.size());
        CHECK(m.corpus_word_count() == ref.words);
        CHECK(m.min_reduce() == ref.min_reduce);
        std::size_t wrong = 0;
        for (const auto& [k, c] : ref.vocab) wrong += m.count(k) != c;
        CHECK(wrong == 0);
        const FrozenPhrases f = m.freeze();
        std::size_t differ = 0;
        for (std::size_t i = 0; i < s.size(); i += 3) {
          const auto expected = ref.apply(s[i]);
          differ += rewrite(m, s[i]) != expected;
          differ += rewrite(f, s[i]) != expected;
        }
        CHECK(differ == 0);
      }
    }
  }
}

TEST_CASE("phrases: learning, freezing and rewriting do not depend on the thread count") {
  const Sentences s = random_sentences(12000, 11);
  const TokenCorpus c = corpus_of(s);
  PhrasesOptions o = options(3, 0.2, true);
  o.scoring = PhraseScoring::kNpmi;
  const Phrases one = Phrases::learn(c, o);
  const FrozenPhrases f1 = one.freeze();
  const TokenCorpus out1 = nlp::ngrams::apply_corpus(f1, c, 1);
  o.threads = 4;
  const Phrases four = Phrases::learn(c, o);
  const FrozenPhrases f4 = four.freeze();
  CHECK(four.export_phrases() == one.export_phrases());
  REQUIRE(f4.rules().size() == f1.rules().size());
  for (std::size_t i = 0; i < f1.rules().size(); ++i) {
    CHECK(f4.rules()[i].phrase == f1.rules()[i].phrase);
    CHECK(f4.rules()[i].score == f1.rules()[i].score);
  }
  const TokenCorpus out4 = nlp::ngrams::apply_corpus(f4, c, 4);
  const TokenCorpus direct = nlp::ngrams::apply_corpus(one, c, 3);
  REQUIRE(out4.size() == out1.size());
  REQUIRE(direct.size() == out1.size());
  std::vector<std::string_view> a, b, d;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < out1.size(); ++i) {
    out1.sentence(i, a);
    out4.sentence(i, b);
    direct.sentence(i, d);
    differ += a != b || a != d;
  }
  CHECK(differ == 0);
}

TEST_CASE("phrases: a second pass on the first pass's output forms longer phrases") {
  Sentences s;
  for (int i = 0; i < 20; ++i) {
    s.push_back({"new", "york", "city", "hall"});
    s.push_back({"city", "hall", "of", "new", "york"});
    s.push_back({"the", "new", "car"});
  }
  for (int i = 0; i < 100; ++i) s.push_back({"w" + std::to_string(i), "v" + std::to_string(i)});
  const PhrasesOptions o = options(2, 1.0, true);
  const Phrases first = Phrases::learn(corpus_of(s), o);
  CHECK(first.len_vocab() == 310);
  const TokenCorpus once = nlp::ngrams::apply_corpus(first.freeze(), corpus_of(s), 2);
  std::vector<std::string_view> w;
  once.sentence(0, w);
  CHECK(w == std::vector<std::string_view>{"new_york", "city_hall"});
  once.sentence(2, w);
  CHECK(w == std::vector<std::string_view>{"the", "new_car"});
  const Phrases second = Phrases::learn(once, o);
  const TokenCorpus twice = nlp::ngrams::apply_corpus(second.freeze(), once, 2);
  twice.sentence(0, w);
  CHECK(w == std::vector<std::string_view>{"new_york_city_hall"});
  twice.sentence(1, w);
  CHECK(w == std::vector<std::string_view>{"city_hall_of_new_york"});
  // gensim's export splits new_york_city_hall at every delimiter and finds no "new" left: the
  // second model exports nothing although it joins phrases; the frozen rules keep the split.
  CHECK(second.export_phrases().empty());
  CHECK(second.freeze().export_phrases().empty());
  CHECK_FALSE(second.freeze().rules().empty());
}

TEST_CASE("phrases model file: save, load and save again give the same bytes and rewrites") {
  const Sentences s = random_sentences(3000, 5);
  PhrasesOptions o = options(2, 0.3, true);
  PhrasesModelFile file;
  file.options = o;
  file.connector_source = "english";
  file.pipeline_json = R"({"format": "nlp.pipeline", "format_version": 1})";
  const Phrases m = Phrases::learn(corpus_of(s), o);
  file.passes.push_back(m.freeze());
  const std::string json = file.to_json();
  const PhrasesModelFile back = PhrasesModelFile::from_json(json, "m.json");
  CHECK(back.to_json() == json);
  REQUIRE(back.passes.size() == 1);
  CHECK(back.passes[0].rules().size() == file.passes[0].rules().size());
  for (std::size_t i = 0; i < s.size(); i += 7) CHECK(rewrite(back.passes[0], s[i]) == rewrite(m, s[i]));
  CHECK(back.options.connector_words == nlp::ngrams::english_connector_words());
  CHECK(back.options.threshold == 0.3);
}

TEST_CASE("phrases model file: corrupt, truncated and newer files are format errors naming the place") {
  PhrasesModelFile file;
  file.options = options(1, 0.5);
  file.connector_source = "none";
  file.passes.push_back(Phrases::learn(corpus_of({{"a", "b"}, {"a", "b"}}), file.options).freeze());
  const std::string json = file.to_json();
  REQUIRE(file.passes[0].rules().size() == 1);  // a_b: (2 - 1) / (2 * 2) * 3 = 0.75
  auto message = [](std::string_view text) {
    try {
      (void)PhrasesModelFile::from_json(text, "m.json");
    } catch (const nlp::FormatError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message(""), Catch::Contains("m.json: byte 0: file is truncated"));
  CHECK_THAT(message(json.substr(0, json.size() / 2)), Catch::Contains("file is truncated"));
  CHECK_THAT(message("{\"format\": \"nlp.phrases\",, }"), Catch::Contains("m.json: byte 25: not valid JSON"));
  CHECK_THAT(message("{\"format\": \"nlp.word2vec\", \"format_version\": 1}"), Catch::Contains("not a phrase model"));
  std::string newer = json;
  newer.replace(newer.find("\"format_version\": 1"), 19, "\"format_version\": 9");
  CHECK_THAT(message(newer), Catch::Contains("format version 9 is newer than this build supports (1)"));
  std::string bad_rule = json;
  bad_rule.replace(bad_rule.find("[\"a_b\", "), 8, "[\"ab\", ");
  CHECK_THAT(message(bad_rule), Catch::Contains("pass 1: phrase 1 (\"ab\") does not contain the delimiter"));
  std::string bad_count = json;
  bad_count.replace(bad_count.find("\"rules\": 1"), 10, "\"rules\": 2");
  CHECK_THAT(message(bad_count), Catch::Contains("the file is corrupt"));
}
