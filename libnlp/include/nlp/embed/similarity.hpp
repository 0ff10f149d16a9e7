#pragma once
// Nearest neighbours, analogies and similarity over word vectors, with gensim 4.2's
// KeyedVectors semantics:
// - cos_add (most_similar, 3CosAdd): the candidates' cosine with the unit vector of the sum of
//   the positive words' unit vectors minus the negative ones'.
// - cos_mul (most_similar_cosmul, 3CosMul; Levy and Goldberg 2014, eq. 4 with cosines shifted
//   to [0, 1]): prod (1 + cos(x, p)) / 2 over the positive words, divided by
//   prod (1 + cos(x, n)) / 2 over the negative ones plus 1e-6.
// The input words are never returned; candidates are the first `restrict_vocab` rows (0: all);
// ties go to the lower row. A row of norm 0 scores 0 (gensim gives NaN).
//   nlp::embed::Query q{.positive = {king, woman}, .negative = {man}};
//   auto best = nlp::embed::most_similar(vectors, q, {.topn = 1});   // best[0].index: queen?
// Thread-safe (pure functions; `threads` workers for a batch of queries). Throws UsageError on
// a query without positive terms, a row index out of range or a vector of the wrong length.
#include <cstddef>
#include <span>
#include <vector>

#include "nlp/embed/word_vectors.hpp"

namespace nlp::embed {

enum class AnalogyMethod { cos_add, cos_mul };
const char* to_string(AnalogyMethod m);
AnalogyMethod parse_analogy_method(std::string_view s);  // cos_add|3cosadd|cos_mul|3cosmul

struct Query {
  std::vector<std::size_t> positive, negative;  // rows
  // Terms given as vectors of dim() values (unknown words' vectors from a subword model); they
  // count like rows but exclude nothing from the answers.
  std::vector<std::vector<float>> positive_vectors, negative_vectors;
};

struct QueryOptions {
  std::size_t topn = 10;
  std::size_t restrict_vocab = 0;  // 0: every row
  AnalogyMethod method = AnalogyMethod::cos_add;
  unsigned threads = 1;
};

struct Neighbour {
  std::size_t index = 0;
  double score = 0;
};

// The best `topn` rows for each query, best first.
std::vector<std::vector<Neighbour>> most_similar(const WordVectors& v, std::span<const Query> queries,
                                                 const QueryOptions& o);
std::vector<Neighbour> most_similar(const WordVectors& v, const Query& q, const QueryOptions& o);

// Cosine similarity of rows a and b (0 when either has norm 0).
double similarity(const WordVectors& v, std::size_t a, std::size_t b);
// Cosine of two vectors of equal length, accumulated in double (0 when either has norm 0).
double cosine(std::span<const float> a, std::span<const float> b);

}  // namespace nlp::embed
