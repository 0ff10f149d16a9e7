#pragma once
// BLEU as sacreBLEU 2.6.0 computes it (Papineni et al. 2002; sacreBLEU, Post 2018): clipped n-gram
// matches against the maximum count over the references, the reference length closest to the
// hypothesis length (ties: the shorter), brevity penalty, smoothing, corpus or sentence level.
//   auto bleu = nlp::metrics::make_bleu({.tokenize = "13a"});
// Statistics per segment: hyp_len, ref_len, then matches and totals for n = 1..max_ngram_order.
// Thread-safe after prepare(). make_bleu throws UsageError for an unknown tokenizer or smoothing.
#include <memory>
#include <optional>
#include <string>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct BleuOptions {
  std::string tokenize = "13a";  // 13a | intl | char | none | zh (sacrebleu_tokenizers.hpp)
  std::string smooth = "exp";    // exp | floor | add-k | none
  // floor: 0.1 and add-k: 1 when not given (sacreBLEU's defaults).
  std::optional<double> smooth_value;
  bool lowercase = false;
  // Orders without hypothesis n-grams are left out of the geometric mean (sentence BLEU).
  bool effective_order = false;
  int max_ngram_order = 4;
};

std::unique_ptr<Metric> make_bleu(const BleuOptions& opts);

}  // namespace nlp::metrics
