#pragma once
// Intrinsic evaluation of word vectors, with the results of gensim 4.2's
// KeyedVectors.evaluate_word_analogies and evaluate_word_pairs on the same vectors:
// - analogies: the Google questions-words format (": section" lines, then "a b c d" lines,
//   whitespace-separated); a question counts when all four words are among the first
//   `restrict_vocab` rows, and is correct when the best candidate for b - a + c (inputs and their
//   case variants skipped, among the top 5) is d. Questions with an unknown word are counted as
//   OOV (and as incorrect with dummy4unknown); lines that are not four words are skipped.
// - pairs: "word1 TAB word2 TAB score" lines ('#' lines are comments; other lines that are not
//   three fields with a number last are skipped), the Pearson and Spearman correlation of the
//   scores with the cosine similarities, and the share of pairs with an unknown word.
// With case_insensitive (gensim's default), words are compared in uppercase (Python's
// str.upper()) and a word stands for the most frequent row with the same uppercase form.
//   auto r = nlp::embed::evaluate_analogies(vectors, text, "questions-words.txt", {});
//   r.total.accuracy();
// Thread-safe. Throws InputError (invalid UTF-8, a question before the first section) and Error
// (no question or pair at all).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/embed/similarity.hpp"
#include "nlp/embed/word_vectors.hpp"
#include "nlp/stats/correlation.hpp"

namespace nlp::embed {

struct AnalogyOptions {
  std::size_t restrict_vocab = 300000;  // gensim's default; 0: every row
  bool case_insensitive = true;
  bool dummy4unknown = false;  // OOV questions count as incorrect
  AnalogyMethod method = AnalogyMethod::cos_add;  // gensim evaluates with 3CosAdd only
  unsigned threads = 1;
};

struct AnalogySection {
  std::string name;
  std::size_t correct = 0, incorrect = 0;
  // correct / (correct + incorrect), 0 when the section has no question counted.
  double accuracy() const noexcept {
    return correct + incorrect == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(correct + incorrect);
  }
};

struct AnalogyResult {
  std::vector<AnalogySection> sections;  // in file order
  AnalogySection total;                  // "Total accuracy"
  std::size_t questions = 0;             // lines of four words
  std::size_t oov = 0;                   // questions with a word outside the restricted vocabulary
  double oov_ratio() const noexcept {    // percent, as gensim logs it
    return questions == 0 ? 0.0 : 100.0 * static_cast<double>(oov) / static_cast<double>(questions);
  }
};

// `name` names the text in errors.
AnalogyResult evaluate_analogies(const WordVectors& v, std::string_view text, const std::string& name,
                                 const AnalogyOptions& o);

struct PairOptions {
  std::size_t restrict_vocab = 300000;
  bool case_insensitive = true;
  bool dummy4unknown = false;  // pairs with an unknown word get similarity 0
  char delimiter = '\t';
};

struct PairResult {
  Correlation pearson, spearman;
  std::size_t pairs = 0;  // pairs scored (with dummy4unknown, including the OOV ones)
  std::size_t oov = 0;
  double oov_ratio = 0;   // percent, gensim's formula
};

PairResult evaluate_pairs(const WordVectors& v, std::string_view text, const std::string& name,
                          const PairOptions& o);

}  // namespace nlp::embed
