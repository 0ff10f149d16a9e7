#pragma once
// TER (Snover et al. 2006) as sacreBLEU 2.6.0 computes it (its port of tercom): edit distance
// with block shifts, tercom tokenization and normalization options; per segment the reference
// with the fewest edits (the first on ties); the corpus score is 100 * edits / average reference
// length summed over segments.
//   auto ter = nlp::metrics::make_ter({});
// Statistics per segment: edits, average reference length. Lower is better. Thread-safe after
// prepare().
#include <memory>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct TerOptions {
  bool normalized = false;      // tercom's -N normalization
  bool no_punct = false;        // remove punctuation
  bool asian_support = false;   // split Asian characters (with normalized / no_punct)
  bool case_sensitive = false;  // TER is case-insensitive by default
};

std::unique_ptr<Metric> make_ter(const TerOptions& opts);

}  // namespace nlp::metrics
