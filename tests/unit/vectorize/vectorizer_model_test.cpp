// The nlp.vectorizer model file: save and load give back a vectorizer whose transform() is
// identical, and every damaged file is a FormatError naming the byte.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/vectorize/hashing.hpp"
#include "nlp/vectorize/vectorizer.hpp"
#include "support/test_support.hpp"

namespace {

const std::vector<std::string> kTrain = {"The cat sat on the mat.", "The dog sat.",
                                         "Caf\u00e9 CAF\u00c9 cafe na\u00efve", "the the the cat",
                                         "\ufeffbom line\r\nsecond line"};
const std::vector<std::string> kTest = {"", "a cat and a dog", "unseen words only", "caf\u00e9 sat sat"};

std::string error_of(std::string_view bytes) {
  try {
    (void)nlp::Vectorizer::deserialize(bytes, "m.bin");
  } catch (const nlp::FormatError& e) {
    return e.what();
  }
  return "";
}

nlp::VectorizerOptions tfidf_options() {
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  o.ngram_max = 2;
  o.sublinear_tf = true;
  o.min_df = nlp::DfBound::count(1);
  o.max_df = nlp::DfBound::fraction(0.9);
  o.strip_accents = nlp::AccentMode::unicode;
  o.stop_words = {"on", "and"};
  return o;
}

}  // namespace

TEST_CASE("vectorizer model: a reloaded model transforms exactly as the fitted one", "[vectorize][model]") {
  std::vector<nlp::VectorizerOptions> cases;
  cases.push_back(tfidf_options());
  nlp::VectorizerOptions count;
  count.analyzer = nlp::Analyzer::char_wb;
  count.ngram_min = 2;
  count.ngram_max = 3;
  count.max_features = 20;
  count.binary = true;
  cases.push_back(count);
  nlp::VectorizerOptions given;
  given.kind = nlp::VectorizerKind::tfidf;
  given.vocabulary = {"zebra", "cat", "sat"};
  given.smooth_idf = false;
  given.norm = nlp::VectorNorm::l1;
  cases.push_back(given);
  nlp::VectorizerOptions hashing;
  hashing.kind = nlp::VectorizerKind::hashing;
  hashing.n_features = 17;
  hashing.alternate_sign = false;
  hashing.norm = nlp::VectorNorm::none;
  cases.push_back(hashing);
  for (const nlp::VectorizerOptions& o : cases) {
    INFO("kind " << nlp::to_string(o.kind) << " analyzer " << nlp::to_string(o.analyzer));
    nlp::Vectorizer v(o);
    v.fit(kTrain);
    const std::string bytes = v.serialize();
    const nlp::Vectorizer back = nlp::Vectorizer::deserialize(bytes, "m.bin");
    CHECK(back.serialize() == bytes);
    CHECK(std::vector<std::string_view>(back.vocabulary().begin(), back.vocabulary().end()) ==
          std::vector<std::string_view>(v.vocabulary().begin(), v.vocabulary().end()));
    CHECK(std::vector<double>(back.idf().begin(), back.idf().end()) ==
          std::vector<double>(v.idf().begin(), v.idf().end()));
    CHECK(back.fit_documents() == v.fit_documents());
    for (const auto* docs : {&kTrain, &kTest}) {
      const nlp::CsrMatrix a = v.transform(*docs), b = back.transform(*docs);
      CHECK(a.cols == b.cols);
      CHECK(a.indptr == b.indptr);
      CHECK(a.indices == b.indices);
      CHECK(a.data == b.data);
    }
    const auto path = nlp::test::temp_dir("vectorizer-model") / "m.bin";
    v.save(path.string());
    CHECK(nlp::test::read_file(path) == bytes);
    CHECK(nlp::Vectorizer::load(path.string()).serialize() == bytes);
  }
}

TEST_CASE("vectorizer model: the options survive, the thread count is not stored", "[vectorize][model]") {
  nlp::VectorizerOptions o = tfidf_options();
  o.threads = 3;
  nlp::Vectorizer v(o);
  v.fit(kTrain);
  const nlp::Vectorizer back = nlp::Vectorizer::deserialize(v.serialize(), "m.bin");
  const nlp::VectorizerOptions& b = back.options();
  CHECK(b.kind == nlp::VectorizerKind::tfidf);
  CHECK(b.ngram_max == 2);
  CHECK(b.sublinear_tf);
  CHECK(b.max_df.proportion);
  CHECK(b.max_df.value == 0.9);
  CHECK_FALSE(b.min_df.proportion);
  CHECK(b.min_df.value == 1.0);
  CHECK(b.strip_accents == nlp::AccentMode::unicode);
  CHECK(b.stop_words == std::vector<std::string>{"on", "and"});
  CHECK(b.threads == 1);
}

TEST_CASE("vectorizer model: unfitted vectorizers cannot be saved, except hashing", "[vectorize][model]") {
  nlp::Vectorizer v(tfidf_options());
  CHECK_THROWS_AS(v.serialize(), nlp::UsageError);
  nlp::VectorizerOptions h;
  h.kind = nlp::VectorizerKind::hashing;
  nlp::Vectorizer hv(h);
  CHECK_NOTHROW(nlp::Vectorizer::deserialize(hv.serialize(), "h.bin"));
}

TEST_CASE("vectorizer model: damaged files are format errors naming the byte", "[vectorize][model]") {
  nlp::Vectorizer v(tfidf_options());
  v.fit(kTrain);
  const std::string good = v.serialize();
  SECTION("empty and every truncation") {
    CHECK_THAT(error_of(""), Catch::Contains("not an nlp vectorizer model"));
    for (std::size_t n = 1; n < good.size(); ++n) {
      const std::string msg = error_of(good.substr(0, n));
      INFO("truncated to " << n << " bytes: " << msg);
      CHECK_THAT(msg, Catch::StartsWith("m.bin: byte "));
    }
  }
  SECTION("every flipped byte") {
    for (std::size_t i = 0; i < good.size(); ++i) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ 0x20);
      INFO("flipped byte " << i);
      CHECK_THAT(error_of(bad), Catch::StartsWith("m.bin: byte "));
    }
  }
  SECTION("a lemmatizer model or text is not a vectorizer model") {
    CHECK_THAT(error_of("NLPLEMMA\x01\0\0\0"), Catch::Contains("expected the magic bytes \"NLPVECTZ\""));
    CHECK_THAT(error_of("column\tterm\n"), Catch::Contains("not an nlp vectorizer model"));
  }
  SECTION("a newer version") {
    std::string bad = good;
    bad[8] = 9;
    CHECK_THAT(error_of(bad), Catch::Contains("format version 9 is newer than this build supports (1)"));
  }
  SECTION("bytes after the checksum") {
    CHECK_THAT(error_of(good + "x"), Catch::Contains("unexpected bytes after the checksum"));
  }
  SECTION("load names the file when it is missing") {
    CHECK_THROWS_AS(nlp::Vectorizer::load("/nonexistent/dir/m.bin"), nlp::IoError);
  }
}
