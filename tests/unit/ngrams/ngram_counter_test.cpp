#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/ngrams/ngram_counter.hpp"

using nlp::ngrams::NgramCounter;
using nlp::ngrams::NgramEntry;
using nlp::ngrams::NgramOptions;
using nlp::ngrams::NgramOrder;
using nlp::ngrams::NgramUnit;
using nlp::ngrams::TopOptions;
using Words = std::vector<std::string_view>;

namespace {

std::vector<std::string> shown(const NgramCounter& c, const std::vector<NgramEntry>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(c.display(e) + "|" + std::to_string(e.count) + "|" + std::to_string(e.df));
  return out;
}

}  // namespace

TEST_CASE("ngrams: empty documents count as documents and add no n-grams") {
  NgramCounter c({NgramUnit::kWord, 1, 3});
  c.add_document(Words{});
  c.add_document(Words{});
  CHECK(c.documents() == 2);
  CHECK(c.distinct() == 0);
  CHECK(c.top({}).empty());
  NgramCounter ch({NgramUnit::kChar, 1, 2});
  ch.add_document(Words{});
  CHECK(ch.distinct() == 0);
}

TEST_CASE("ngrams: word counts and document frequencies") {
  NgramCounter c({NgramUnit::kWord, 1, 2});
  c.add_document(Words{"a", "b", "a", "b"});
  c.add_document(Words{"b", "a"});
  const Words a = {"a"}, ab = {"a", "b"}, ba = {"b", "a"}, abab = {"a", "b", "a"};
  CHECK(c.count(a) == 3);
  CHECK(c.df(a) == 2);
  CHECK(c.count(ab) == 2);
  CHECK(c.df(ab) == 1);
  CHECK(c.count(ba) == 2);
  CHECK(c.df(ba) == 2);
  CHECK(c.count(abab) == 0);  // longer than max_n
  CHECK(shown(c, c.top({})) == std::vector<std::string>{"a|3|2", "b|3|2", "b a|2|2", "a b|2|1"});
  TopOptions by_df;
  by_df.order = NgramOrder::kDocumentFrequency;
  by_df.min_df = 2;
  CHECK(shown(c, c.top(by_df)) == std::vector<std::string>{"a|3|2", "b|3|2", "b a|2|2"});
  TopOptions best;
  best.top = 1;
  best.min_count = 3;
  CHECK(shown(c, c.top(best)) == std::vector<std::string>{"a|3|2"});
}

TEST_CASE("ngrams: words holding spaces or separators never collide") {
  NgramCounter c({NgramUnit::kWord, 1, 2});
  c.add_document(Words{"a b", "c"});
  c.add_document(Words{"a", "b c"});
  const Words x = {"a b", "c"}, y = {"a", "b c"};
  CHECK(c.count(x) == 1);
  CHECK(c.count(y) == 1);
  CHECK(c.distinct() == 6);
}

TEST_CASE("ngrams: character n-grams are code points of the tokens joined by a space") {
  NgramCounter c({NgramUnit::kChar, 2, 2});
  c.add_document(Words{"\xC3\xA9t\xC3\xA9", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"});  // été, woman ZWJ laptop
  const Words et = {"\xC3\xA9t"}, te = {"t\xC3\xA9"}, sp = {"\xC3\xA9 "}, zwj = {"\xF0\x9F\x91\xA9\xE2\x80\x8D"};
  CHECK(c.count(et) == 1);
  CHECK(c.count(te) == 1);
  CHECK(c.count(sp) == 1);
  CHECK(c.count(zwj) == 1);
  CHECK(c.distinct() == 6);  // 7 code points: 6 bigrams, all distinct
}

TEST_CASE("ngrams: merge equals counting everything in one counter") {
  std::vector<std::string> words;
  for (int i = 0; i < 500; ++i) words.push_back("w" + std::to_string((i * 7919) % 17));
  std::vector<Words> docs(25);
  for (std::size_t i = 0; i < words.size(); ++i) docs[i / 20].push_back(words[i]);
  for (const auto unit : {NgramUnit::kWord, NgramUnit::kChar}) {
    NgramCounter one({unit, 1, 3});
    for (const auto& d : docs) one.add_document(d);
    for (std::size_t parts : {2u, 5u}) {
      std::vector<NgramCounter> cs(parts, NgramCounter({unit, 1, 3}));
      for (std::size_t i = 0; i < docs.size(); ++i) cs[(i * 3) % parts].add_document(docs[i]);
      for (std::size_t p = 1; p < parts; ++p) cs[0].merge(cs[p]);
      CHECK(cs[0].documents() == one.documents());
      CHECK(shown(cs[0], cs[0].top({})) == shown(one, one.top({})));
    }
  }
}

TEST_CASE("ngrams: a 1 MB token and invalid options") {
  const std::string big(1 << 20, 'x');
  NgramCounter c({NgramUnit::kWord, 1, 2});
  c.add_document(Words{big, big});
  const Words one = {big}, two = {big, big};
  CHECK(c.count(one) == 2);
  CHECK(c.count(two) == 1);
  CHECK(c.bytes_used() > 3 * (1u << 20));
  CHECK_THROWS_AS(NgramCounter({NgramUnit::kWord, 0, 1}), nlp::UsageError);
  CHECK_THROWS_AS(NgramCounter({NgramUnit::kWord, 3, 2}), nlp::UsageError);
  NgramCounter ch({NgramUnit::kChar, 1, 1});
  CHECK_THROWS_AS(c.merge(ch), nlp::UsageError);
}

TEST_CASE("ngrams: pruning bounds memory and the reported error bound holds") {
  // A Zipf-like stream: word k appears in about 1 / k of the documents, with many hapaxes.
  std::vector<std::string> vocab;
  for (int k = 0; k < 3000; ++k) vocab.push_back("w" + std::to_string(k));
  NgramCounter exact({NgramUnit::kWord, 1, 2});
  NgramCounter pruned({NgramUnit::kWord, 1, 2});
  std::uint64_t state = 12345;
  const std::size_t budget = 64 * 1024;
  std::size_t max_seen = 0;
  for (int d = 0; d < 400; ++d) {
    Words doc;
    for (int i = 0; i < 30; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
      doc.push_back(vocab[static_cast<std::size_t>(std::min(2999.0, 1.0 / (u + 1e-3)))]);
    }
    exact.add_document(doc);
    pruned.add_document(doc);
    max_seen = std::max(max_seen, pruned.bytes_used());
    if (pruned.bytes_used() > budget) CHECK(pruned.prune_to(budget / 2) > 0);
    CHECK(pruned.bytes_used() <= budget);
  }
  REQUIRE(pruned.prunes() > 0);
  REQUIRE(pruned.error_bound() > 0);
  CHECK(exact.error_bound() == 0);
  std::uint64_t worst = 0;
  for (const NgramEntry& e : pruned.top({})) {
    // Reported figures never exceed the truth and fall short by at most the bound.
    const std::string text = pruned.display(e);
    std::vector<std::string> parts;
    for (std::size_t pos = 0;;) {
      const std::size_t sp = text.find(' ', pos);
      parts.push_back(text.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos));
      if (sp == std::string::npos) break;
      pos = sp + 1;
    }
    const Words w(parts.begin(), parts.end());
    const std::uint64_t truth = exact.count(w), truth_df = exact.df(w);
    REQUIRE(truth >= e.count);
    REQUIRE(truth_df >= e.df);
    worst = std::max({worst, truth - e.count, truth_df - e.df});
  }
  CHECK(worst <= pruned.error_bound());
  // The most frequent word survives with its exact rank.
  CHECK(pruned.top({.top = 1})[0].key == exact.top({.top = 1})[0].key);
  pruned.clear();
  CHECK(pruned.distinct() == 0);
  CHECK(pruned.error_bound() == 0);
  CHECK(pruned.prunes() == 0);
}
