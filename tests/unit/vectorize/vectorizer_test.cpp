// nlp::Vectorizer on small inputs whose expected vocabularies and values come from
// scikit-learn 1.2.1 (CountVectorizer / TfidfVectorizer with the same options), plus the
// edge cases of the input and the options. The large parity grid is in tests/golden/sklearn.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/pipeline/filters.hpp"
#include "nlp/vectorize/hashing.hpp"
#include "nlp/vectorize/vectorizer.hpp"

namespace {

std::vector<std::string> vocab_of(const nlp::Vectorizer& v) {
  return {v.vocabulary().begin(), v.vocabulary().end()};
}

std::vector<std::vector<double>> dense(const nlp::CsrMatrix& m) {
  std::vector<std::vector<double>> out(m.rows, std::vector<double>(m.cols, 0.0));
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::uint64_t k = m.indptr[r]; k < m.indptr[r + 1]; ++k) out[r][m.indices[k]] = m.data[k];
  return out;
}

void check_sorted_rows(const nlp::CsrMatrix& m) {
  REQUIRE(m.indptr.size() == m.rows + 1);
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::uint64_t k = m.indptr[r] + 1; k < m.indptr[r + 1]; ++k)
      CHECK(m.indices[k - 1] < m.indices[k]);
}

const std::vector<std::string> kDocs = {"The cat sat on the mat.", "The dog sat.",
                                        "Caf\u00e9 CAF\u00c9 cafe",
                                        "\ufeffbom line\r\nsecond line"};

}  // namespace

TEST_CASE("vectorizer: empty input, whitespace only and only stop words", "[vectorize]") {
  nlp::Vectorizer v({});
  CHECK_THROWS_AS(v.fit_transform(std::vector<std::string>{}), nlp::Error);
  CHECK_THROWS_AS(v.fit_transform(std::vector<std::string>{"", " \t\r\n "}), nlp::Error);
  nlp::VectorizerOptions o;
  o.stop_words = nlp::stopword_list("sklearn:en");
  nlp::Vectorizer s(o);
  CHECK_THROWS_WITH(s.fit_transform(std::vector<std::string>{"the and of", "a"}),
                    Catch::Contains("empty vocabulary"));
  CHECK_FALSE(s.fitted());
  CHECK_THROWS_AS(s.transform(std::vector<std::string>{"x"}), nlp::UsageError);
}

TEST_CASE("vectorizer: scikit-learn's English stop words are the bundled sklearn:en list",
          "[vectorize]") {
  CHECK(nlp::stopword_list("sklearn:en").size() == 318);
}

TEST_CASE("vectorizer: default counts match CountVectorizer (BOM and CRLF included)",
          "[vectorize]") {
  nlp::Vectorizer v({});
  const nlp::CsrMatrix m = v.fit_transform(kDocs);
  check_sorted_rows(m);
  CHECK(vocab_of(v) == std::vector<std::string>{"bom", "cafe", "caf\u00e9", "cat", "dog", "line",
                                                 "mat", "on", "sat", "second", "the"});
  CHECK(dense(m) == std::vector<std::vector<double>>{{0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 2},
                                                     {0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1},
                                                     {0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0},
                                                     {1, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0}});
  CHECK(std::vector<std::uint64_t>(v.document_frequencies().begin(),
                                   v.document_frequencies().end()) ==
        std::vector<std::uint64_t>{1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2});
  CHECK(v.column("sat") == 8u);
  CHECK_FALSE(v.column("zebra"));
}

TEST_CASE("vectorizer: accents stripped, bigrams and stop words", "[vectorize]") {
  nlp::VectorizerOptions o;
  o.strip_accents = nlp::AccentMode::unicode;
  o.ngram_max = 2;
  o.stop_words = nlp::stopword_list("sklearn:en");
  nlp::Vectorizer v(o);
  const nlp::CsrMatrix m = v.fit_transform(kDocs);
  check_sorted_rows(m);
  CHECK(vocab_of(v) == std::vector<std::string>{"bom", "bom line", "cafe", "cafe cafe", "cat",
                                                 "cat sat", "dog", "dog sat", "line",
                                                 "line second", "mat", "sat", "sat mat", "second",
                                                 "second line"});
  CHECK(dense(m)[2] == std::vector<double>{0, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(dense(m)[3] == std::vector<double>{1, 1, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 1, 1});
}

TEST_CASE("vectorizer: combining marks split words unless accents are stripped", "[vectorize]") {
  const std::vector<std::string> docs = {"cafe\u0301 na\u0308ive"};
  nlp::Vectorizer keep({});
  keep.fit(docs);
  CHECK(vocab_of(keep) == std::vector<std::string>{"cafe", "ive", "na"});
  nlp::VectorizerOptions o;
  o.strip_accents = nlp::AccentMode::ascii;
  nlp::Vectorizer strip(o);
  strip.fit(docs);
  CHECK(vocab_of(strip) == std::vector<std::string>{"cafe", "naive"});
}

TEST_CASE("vectorizer: char_wb n-grams pad each word", "[vectorize]") {
  nlp::VectorizerOptions o;
  o.analyzer = nlp::Analyzer::char_wb;
  o.ngram_min = 2;
  o.ngram_max = 3;
  nlp::Vectorizer v(o);
  const nlp::CsrMatrix m = v.fit_transform(std::vector<std::string>{"ab  c"});
  CHECK(vocab_of(v) ==
        std::vector<std::string>{" a", " ab", " c", " c ", "ab", "ab ", "b ", "c "});
  CHECK(m.data == nlp::NumberArray<double>(8, 1.0));
}

TEST_CASE("vectorizer: emoji ZWJ sequences and a 1 MB token", "[vectorize]") {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  const std::string big(1 << 20, 'x');
  nlp::Vectorizer v({});
  const nlp::CsrMatrix m = v.fit_transform(std::vector<std::string>{family + " ok " + big, big});
  CHECK(vocab_of(v) == std::vector<std::string>{"ok", big});
  CHECK(dense(m) == std::vector<std::vector<double>>{{1, 1}, {0, 1}});
}

TEST_CASE("vectorizer: invalid UTF-8 is an input error naming the document", "[vectorize]") {
  nlp::Vectorizer v({});
  try {
    v.fit(std::vector<std::string>{"fine", "bad \xC3\x28 byte"});
    FAIL("no exception");
  } catch (const nlp::InputError& e) {
    CHECK(e.pos().line == 2);
    CHECK(e.pos().byte == 4);
    CHECK(e.pos().column == 5);
  }
}

TEST_CASE("vectorizer: TF-IDF matches TfidfVectorizer", "[vectorize]") {
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  nlp::Vectorizer v(o);
  const nlp::CsrMatrix m =
      v.fit_transform(std::vector<std::string>{kDocs[0], kDocs[1]});
  CHECK(vocab_of(v) == std::vector<std::string>{"cat", "dog", "mat", "on", "sat", "the"});
  const std::vector<std::vector<double>> expected = {
      {0.42519636159088015, 0.0, 0.42519636159088015, 0.42519636159088015, 0.30253071324069974,
       0.6050614264813995},
      {0.0, 0.7049094889309326, 0.0, 0.0, 0.5015489070943787, 0.5015489070943787}};
  const auto got = dense(m);
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < 6; ++c) CHECK(std::fabs(got[r][c] - expected[r][c]) < 1e-15);
  REQUIRE(v.idf().size() == 6);
  CHECK(std::fabs(v.idf()[0] - 1.4054651081081644) < 1e-15);
  CHECK(v.idf()[4] == 1.0);
}

TEST_CASE("vectorizer: sublinear tf, l1 norm, no idf and no norm follow the formulas",
          "[vectorize]") {
  const std::vector<std::string> docs = {"a1 a1 a1 b2", "b2 c3", "a1 c3 c3"};
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  o.sublinear_tf = true;
  o.smooth_idf = false;
  o.norm = nlp::VectorNorm::l1;
  nlp::Vectorizer v(o);
  const auto got = dense(v.fit_transform(docs));
  // Row 0: a1 tf 3, df 2; b2 tf 1, df 2. idf = ln(3/2) + 1 for both.
  const double idf = std::log(3.0 / 2.0) + 1.0;
  const double w_a = (1.0 + std::log(3.0)) * idf, w_b = idf;
  CHECK(std::fabs(got[0][0] - w_a / (w_a + w_b)) < 1e-15);
  CHECK(std::fabs(got[0][1] - w_b / (w_a + w_b)) < 1e-15);
  o.use_idf = false;
  o.sublinear_tf = false;
  o.norm = nlp::VectorNorm::none;
  nlp::Vectorizer raw(o);
  CHECK(dense(raw.fit_transform(docs))[2] == std::vector<double>{1, 0, 2});
  CHECK(raw.idf().empty());
}

TEST_CASE("vectorizer: min_df, max_df as counts and proportions, and max_features", "[vectorize]") {
  const std::vector<std::string> docs = {"aa bb cc", "aa bb", "aa dd", "aa ee ee ee"};
  nlp::VectorizerOptions o;
  o.min_df = nlp::DfBound::count(2);
  o.max_df = nlp::DfBound::fraction(0.75);
  nlp::Vectorizer v(o);
  v.fit(docs);
  CHECK(vocab_of(v) == std::vector<std::string>{"bb"});
  CHECK(v.pruned_terms() == std::vector<std::string>{"aa", "cc", "dd", "ee"});
  nlp::VectorizerOptions f;
  f.max_features = 2;
  nlp::Vectorizer top(f);
  top.fit(docs);
  CHECK(vocab_of(top) == std::vector<std::string>{"aa", "ee"});
  nlp::VectorizerOptions bad;
  bad.min_df = nlp::DfBound::count(3);
  bad.max_df = nlp::DfBound::count(2);
  CHECK_THROWS_AS(nlp::Vectorizer(bad).fit(docs), nlp::UsageError);
  nlp::VectorizerOptions none;
  none.min_df = nlp::DfBound::count(3);
  none.max_df = nlp::DfBound::count(3);
  CHECK_THROWS_WITH(nlp::Vectorizer(none).fit(docs), Catch::Contains("no terms remain"));
  nlp::VectorizerOptions wrong;
  wrong.max_df = nlp::DfBound::fraction(1.5);
  CHECK_THROWS_AS(nlp::Vectorizer(wrong), nlp::UsageError);
}

TEST_CASE("vectorizer: max_features breaks count ties as numpy's argsort", "[vectorize]") {
  // 25 terms t00..t24 with these totals; scikit-learn keeps the columns whose positions come
  // first in np.argsort(-totals) = [0, 14, 13, 11, 9, 7, 17, 21, 4, 2, ...].
  const std::vector<int> totals = {3, 1, 3, 2, 3, 1, 1, 3, 2, 3, 1, 3, 1,
                                   3, 3, 2, 1, 3, 1, 2, 3, 3, 1, 1, 1};
  std::string doc;
  for (std::size_t t = 0; t < totals.size(); ++t)
    for (int k = 0; k < totals[t]; ++k) doc += "t" + std::string(t < 10 ? "0" : "") + std::to_string(t) + " ";
  nlp::VectorizerOptions o;
  o.max_features = 6;
  nlp::Vectorizer v(o);
  v.fit(std::vector<std::string>{doc});
  CHECK(vocab_of(v) == std::vector<std::string>{"t00", "t07", "t09", "t11", "t13", "t14"});
}

TEST_CASE("vectorizer: a given vocabulary fixes the columns", "[vectorize]") {
  nlp::VectorizerOptions o;
  o.vocabulary = {"sat", "the", "zebra"};
  o.binary = true;
  nlp::Vectorizer v(o);
  const nlp::CsrMatrix m = v.fit_transform(kDocs);
  CHECK(vocab_of(v) == o.vocabulary);
  CHECK(dense(m) == std::vector<std::vector<double>>{{1, 1, 0}, {1, 1, 0}, {0, 0, 0}, {0, 0, 0}});
  o.vocabulary = {"a", "b", "a"};
  CHECK_THROWS_WITH(nlp::Vectorizer(o).fit(kDocs), Catch::Contains("repeats"));
}

TEST_CASE("vectorizer: transform ignores unknown terms and keeps the fitted idf", "[vectorize]") {
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  o.norm = nlp::VectorNorm::none;
  nlp::Vectorizer v(o);
  v.fit(std::vector<std::string>{"aa bb", "aa"});
  const auto got = dense(v.transform(std::vector<std::string>{"bb bb zz", ""}));
  CHECK(got.size() == 2);
  CHECK(got[0][0] == 0.0);
  CHECK(std::fabs(got[0][1] - 2.0 * (std::log(3.0 / 2.0) + 1.0)) < 1e-15);
  CHECK(got[1] == std::vector<double>{0, 0});
}

TEST_CASE("vectorizer: results do not depend on the thread count", "[vectorize]") {
  std::vector<std::string> docs;
  for (int i = 0; i < 9000; ++i)
    docs.push_back("w" + std::to_string(i % 97) + " x" + std::to_string(i % 13) + " w" +
                   std::to_string((i * 7) % 89) + " y" + std::to_string(i));
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  o.ngram_max = 2;
  o.max_features = 500;
  nlp::Vectorizer one(o);
  const nlp::CsrMatrix a = one.fit_transform(docs);
  o.threads = 4;
  nlp::Vectorizer four(o);
  const nlp::CsrMatrix b = four.fit_transform(docs);
  CHECK(vocab_of(one) == vocab_of(four));
  CHECK(a.indptr == b.indptr);
  CHECK(a.indices == b.indices);
  CHECK(a.data == b.data);
  CHECK(one.transform(docs).data == four.transform(docs).data);
}

TEST_CASE("vectorizer: word n-grams counted as word sequences order like joined strings",
          "[vectorize]") {
  // The default token pattern counts n-grams (n <= 4) as sequences of word ids and orders them
  // by their words' ranks; the same pattern spelled out goes through the joined strings. Words
  // that are prefixes of others ("ab", "abc"), digits, '_' and non-ASCII words must come out in
  // the same order either way, as must stop words and more documents than one batch.
  std::vector<std::string> docs = {"ab abc ab_ ab9 abc ab", "abc ab x\xC3\xA9t\xC3\xA9 ab",
                                   "zz ab zz abc zz", "the ab of abc and", "\xC3\xA9t\xC3\xA9 ab abc"};
  for (int i = 0; i < 20000; ++i)
    docs.push_back("w" + std::to_string(i % 101) + " ab w" + std::to_string((i * 7) % 103) + " abc");
  for (const auto& [lo, hi] : {std::pair{1, 2}, {2, 2}, {1, 3}, {2, 4}})
    for (const bool stop : {false, true}) {
      nlp::VectorizerOptions o;
      o.ngram_min = static_cast<unsigned>(lo);
      o.ngram_max = static_cast<unsigned>(hi);
      o.threads = 2;
      if (stop) {
        o.stop_words = {"the", "of", "and", "zz"};
        o.min_df = nlp::DfBound::count(2);  // and pruned terms to compare
      }
      nlp::Vectorizer sequences(o);
      o.token_pattern = R"((?u)\b\w\w+\b)";
      nlp::Vectorizer strings(o);
      INFO("ngram " << lo << "," << hi << " stop words " << stop);
      const nlp::CsrMatrix a = sequences.fit_transform(docs);
      const nlp::CsrMatrix b = strings.fit_transform(docs);
      CHECK(vocab_of(sequences) == vocab_of(strings));
      CHECK(sequences.pruned_terms() == strings.pruned_terms());
      CHECK(a.indptr == b.indptr);
      CHECK(a.indices == b.indices);
      CHECK(a.data == b.data);
    }
}

TEST_CASE("vectorizer: word 4-grams over more than 65,535 words order like joined strings",
          "[vectorize]") {
  // Four ranks of 17 bits do not fit a 64-bit sort key: the 128-bit keys must give the same
  // columns as the joined strings.
  std::vector<std::string> docs;
  for (int i = 0; i < 70000; ++i)
    docs.push_back("a" + std::to_string(i) + " b" + std::to_string(i % 7) + " a" + std::to_string(i + 1) +
                   " c" + std::to_string(i % 3) + " b" + std::to_string(i % 5) + " a" +
                   std::to_string(i % 500) + " a" + std::to_string(69000 + i % 500));
  nlp::VectorizerOptions o;
  o.ngram_min = 3;
  o.ngram_max = 4;
  o.min_df = nlp::DfBound::count(2);
  o.threads = 2;
  nlp::Vectorizer sequences(o);
  o.token_pattern = R"((?u)\b\w\w+\b)";
  nlp::Vectorizer strings(o);
  const nlp::CsrMatrix a = sequences.fit_transform(docs);
  const nlp::CsrMatrix b = strings.fit_transform(docs);
  CHECK(sequences.vocabulary().size() > 10);
  CHECK(vocab_of(sequences) == vocab_of(strings));
  CHECK(sequences.pruned_terms() == strings.pruned_terms());
  CHECK(a.indptr == b.indptr);
  CHECK(a.indices == b.indices);
  CHECK(a.data == b.data);
}

TEST_CASE("vectorizer: concurrent transforms after fit build the index once", "[vectorize]") {
  // fit_transform leaves the term index to be built on first use; const transforms on several
  // threads must all see it whole.
  std::vector<std::string> docs;
  for (int i = 0; i < 3000; ++i) docs.push_back("w" + std::to_string(i % 211) + " v" + std::to_string(i % 17));
  nlp::VectorizerOptions o;
  o.ngram_max = 2;
  nlp::Vectorizer v(o);
  const nlp::CsrMatrix fitted = v.fit_transform(docs);
  std::vector<nlp::CsrMatrix> out(4);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < out.size(); ++t) workers.emplace_back([&, t] { out[t] = v.transform(docs); });
  for (auto& w : workers) w.join();
  for (const nlp::CsrMatrix& m : out) {
    CHECK(m.indices == fitted.indices);
    CHECK(m.data == fitted.data);
  }
  CHECK(v.column("w7 v7") == v.column("w7 v7"));
  CHECK(v.column("w7 v7").has_value());
  CHECK_FALSE(v.column("absent").has_value());
}

TEST_CASE("vectorizer: option names parse and print", "[vectorize]") {
  CHECK(nlp::parse_analyzer("char_wb") == nlp::Analyzer::char_wb);
  CHECK(std::string(nlp::to_string(nlp::Analyzer::char_)) == "char");
  CHECK(nlp::parse_vector_norm("l1") == nlp::VectorNorm::l1);
  CHECK(nlp::parse_vectorizer_kind("tfidf") == nlp::VectorizerKind::tfidf);
  CHECK_THROWS_AS(nlp::parse_analyzer("words"), nlp::UsageError);
  nlp::VectorizerOptions o;
  o.ngram_min = 3;
  o.ngram_max = 2;
  CHECK_THROWS_AS(nlp::Vectorizer(o), nlp::UsageError);
}

TEST_CASE("vectorizer: hashing rows are hash_features of the analyzer's terms", "[vectorize][hashing]") {
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::hashing;
  o.n_features = 32;
  o.ngram_max = 2;
  nlp::Vectorizer v(o);
  CHECK(v.vocabulary().empty());
  // transform() needs no fit for hashing; fit() learns nothing.
  const nlp::CsrMatrix m = v.transform(kDocs);
  CHECK(m.rows == kDocs.size());
  CHECK(m.cols == 32);
  check_sorted_rows(m);
  nlp::VectorizerOptions counting = o;
  counting.kind = nlp::VectorizerKind::count;
  nlp::Vectorizer c(counting);
  c.fit(kDocs);
  nlp::HashingOptions h;
  h.n_features = 32;
  std::vector<std::pair<std::uint32_t, double>> row;
  for (std::size_t r = 0; r < kDocs.size(); ++r) {
    // The terms of document r with their counts, from the count vectorizer.
    const nlp::CsrMatrix one = c.transform(std::vector<std::string>{kDocs[r]});
    std::vector<std::string_view> features;
    for (std::uint64_t k = one.indptr[0]; k < one.indptr[1]; ++k)
      for (int n = 0; n < static_cast<int>(one.data[k]); ++n) features.push_back(c.vocabulary()[one.indices[k]]);
    nlp::hash_features(features, h, row);
    REQUIRE(m.indptr[r + 1] - m.indptr[r] == row.size());
    for (std::size_t k = 0; k < row.size(); ++k) {
      CHECK(m.indices[m.indptr[r] + k] == row[k].first);
      CHECK(m.data[m.indptr[r] + k] == Approx(row[k].second).margin(1e-15));
    }
  }
  o.threads = 3;
  nlp::Vectorizer t(o);
  CHECK(t.fit_transform(kDocs).data == m.data);
  CHECK_THROWS_AS([] {
    nlp::VectorizerOptions bad;
    bad.kind = nlp::VectorizerKind::hashing;
    bad.n_features = 0;
    nlp::Vectorizer x(bad);
  }(), nlp::UsageError);
}
