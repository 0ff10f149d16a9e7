#pragma once
// CIDEr-D as pycocoevalcap's Cider computes it (Vedantam et al. 2015): TF-IDF vectors of
// n-grams (n = 1..4) with document frequencies from the references of the scored set, cosine
// with clipped counts and a Gaussian length penalty (sigma 6), times 10, averaged over
// references; and the original CIDEr (no clipping, no length penalty). Tokens are the
// whitespace-separated pieces of each text, as pycocoevalcap splits them.
//   auto c = nlp::metrics::make_cider({});
//   c->prepare(corpus);   // required: document frequencies from the corpus' references
// Statistics per segment: the segment score, 1 (the corpus score is the mean). Thread-safe after
// prepare(); segment_stats before prepare() throws UsageError.
#include <memory>
#include <string>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct CiderOptions {
  std::string variant = "cider-d";  // cider-d | cider
  int n = 4;
  double sigma = 6.0;
};

std::unique_ptr<Metric> make_cider(const CiderOptions& opts);

}  // namespace nlp::metrics
