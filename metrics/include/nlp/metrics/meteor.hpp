#pragma once
// METEOR as NLTK 3.8's meteor_score computes it (Banerjee and Lavie 2005): tokens split at
// whitespace and lowercased, alignment by exact match, then Porter stem match, then WordNet 3.0
// synonym match; F-mean with alpha, fragmentation penalty with beta and gamma; with several
// references the best score.
//   auto m = nlp::metrics::make_meteor({});
// Statistics per segment: the segment score, 1 (the corpus score is the mean, as NLTK users
// average it). Thread-safe after prepare(). make_meteor throws nlp::Error when WordNet cannot be
// loaded (naming the folder and the Debian package wordnet-base).
#include <memory>
#include <string>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct MeteorOptions {
  double alpha = 0.9, beta = 3.0, gamma = 0.5;
  std::string wordnet_dir;  // "" = $NLP_WORDNET_DIR or /usr/share/wordnet
};

std::unique_ptr<Metric> make_meteor(const MeteorOptions& opts);

}  // namespace nlp::metrics
