#pragma once
// ROUGE as Google's rouge-score computes it (Lin 2004): ROUGE-N (n = 1..9), ROUGE-L (longest
// common subsequence) and ROUGE-Lsum (union LCS over sentences split at '\n'), with its
// tokenizer (lowercase, every character outside [a-z0-9] a space) and optional Porter stemming
// (NLTK's PorterStemmer on tokens longer than 3 characters); with several references the one
// with the highest F-measure counts (rouge-score's score_multi). Extensions beyond rouge-score:
// ROUGE-W (weighted LCS), ROUGE-S and ROUGE-SU (skip bigrams), and a Unicode tokenizer that
// keeps letters and digits of every script (rouge-score's drops them, scoring such text 0).
//   auto r = nlp::metrics::make_rouge({.type = "rougeL", .use_stemmer = true});
// Statistics per segment: precision, recall, F-measure, 1 (the corpus score is the mean
// F-measure, as rouge-score's callers average it). Thread-safe after prepare(). make_rouge throws
// UsageError for an unknown type or tokenizer.
#include <memory>
#include <string>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct RougeOptions {
  // rouge1 .. rouge9 | rougeL | rougeLsum | rougeW (weight 1.2) | rougeS<d> | rougeSU<d>
  // (skip distance d, e.g. rougeS4; rougeS / rougeSU without d: unlimited).
  std::string type = "rouge1";
  bool use_stemmer = false;
  std::string tokenizer = "default";  // default (rouge-score's) | unicode
};

std::unique_ptr<Metric> make_rouge(const RougeOptions& opts);

}  // namespace nlp::metrics
