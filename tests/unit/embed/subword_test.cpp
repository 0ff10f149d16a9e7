// fastText-style subwords: n-grams and hashes as fastText (and gensim, which reproduces it)
// computes them, training with subwords, vectors for unknown words, and the model file.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "nlp/embed/similarity.hpp"
#include "nlp/embed/subword.hpp"
#include "nlp/embed/vector_io.hpp"
#include "nlp/embed/word2vec.hpp"
#include "nlp/error.hpp"
#include "unit/embed/embed_test_support.hpp"
#include "support/test_support.hpp"

namespace embed = nlp::embed;
namespace t = nlp::test;

TEST_CASE("subwords: n-gram buckets as fastText computes them", "[embed]") {
  // Expected values from gensim 4.2's compute_ngrams_bytes and ft_hash_bytes (fastText's FNV-1a
  // over signed bytes), bucket 2,000,000.
  CHECK(embed::fasttext_hash("<where>") == 2319392596u);
  CHECK(embed::fasttext_hash("caf\xC3\xA9") == 1970454601u);
  CHECK(embed::subword_buckets("where", 3, 6, 2000000) ==
        std::vector<std::uint32_t>{167652, 989715, 1526707, 1071586, 420941, 312621, 969176, 121234, 1473420,
                                   1540811, 114991, 1529033, 1568469, 867498});
  CHECK(embed::subword_buckets("caf\xC3\xA9", 3, 6, 2000000) ==
        std::vector<std::uint32_t>{916747, 1991831, 794639, 17187, 369661, 454601, 761685, 960362, 1966012, 1609697});
  CHECK(embed::subword_buckets("ni\xC3\xB1o", 3, 6, 2000000) ==
        std::vector<std::uint32_t>{1585938, 154038, 1677339, 581311, 250336, 1433629, 527257, 1903433, 957909, 1308308});
  CHECK(embed::subword_buckets("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3, 6, 2000000) ==
        std::vector<std::uint32_t>{758587, 4581, 524609, 35559, 928923, 1674355});
  CHECK(embed::subword_buckets("where", 3, 0, 2000000).empty());
}

TEST_CASE("subwords: fastText training gives unknown words their n-grams' neighbours", "[embed]") {
  // Two topics whose words share stems within a topic: "walking", "walked", ... and "singer",
  // "singing", ...; "walks" and "sings" are never seen.
  const std::vector<std::string> words = {"walking", "walked", "walker", "walkway", "sleepwalk",
                                          "singing", "singer", "sings_", "sang", "singsong"};
  const nlp::test::Topics t = nlp::test::topics(words, 2, 2000, 3);
  const embed::Vocabulary& vocab = t.vocab;
  const nlp::test::VectorCorpus& corpus = t.corpus;
  embed::Word2VecOptions o;
  o.dim = 24;
  o.window = 3;
  o.epochs = 5;
  o.sample = 0;
  o.bucket = 5000;
  o.alpha = 0.05;
  const embed::SubwordModel m = embed::train_fasttext(vocab, corpus, o);
  m.check();
  CHECK(m.words.size() == words.size());
  const auto walks = m.vector_of("walks");
  REQUIRE(walks);
  double walk = 0, sing = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    walk += embed::cosine(*walks, m.words.vector(i));
    sing += embed::cosine(*walks, m.words.vector(5 + i));
  }
  CHECK(walk > sing);
  // A vocabulary word's vector is its row.
  const auto singer = m.vector_of("singer");
  REQUIRE(singer);
  CHECK(std::equal(singer->begin(), singer->end(), m.words.vector(6).begin()));

  // The model file keeps everything; read as plain vectors it gives the vocabulary.
  const auto dir = t::temp_dir("subword-model");
  const std::string path = (dir / "m.nlpv").string();
  embed::write_subword_model(m, path, R"({"trainer":"fasttext"})");
  std::string info;
  const embed::SubwordModel back = embed::read_subword_model(path, &info);
  CHECK(info == R"({"trainer":"fasttext"})");
  CHECK(back.bucket_rows == m.bucket_rows);
  CHECK(back.minn == 3);
  CHECK(back.maxn == 6);
  CHECK(*back.vector_of("walks") == *walks);
  CHECK(embed::read_vectors(path).words() == m.words.words());
  // Truncated or corrupt: a FormatError, never a crash.
  const std::string bytes = t::read_file(path);
  for (const std::size_t cut : {std::size_t{10}, bytes.size() / 3, bytes.size() - 4})
    CHECK_THROWS_AS(embed::parse_subword_model(bytes.substr(0, cut), "m"), nlp::FormatError);
  CHECK_THROWS_AS(embed::parse_subword_model(embed::format_vectors(m.words, embed::VectorFormat::nlp), "m"),
                  nlp::FormatError);
}
