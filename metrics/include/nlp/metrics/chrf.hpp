#pragma once
// chrF and chrF++ as sacreBLEU 2.6.0 computes them (Popović 2015, 2017): character n-grams of
// orders 1..char_order (whitespace removed unless `whitespace`), word n-grams of orders
// 1..word_order (chrF++: 2), F-beta averaged over orders; per segment the statistics of the
// reference with the highest segment chrF (the first on ties).
//   auto chrf = nlp::metrics::make_chrf({.word_order = 2});   // chrF2++
// Statistics per segment: for each character order then each word order, hypothesis n-grams,
// reference n-grams, matches. Thread-safe after prepare(). Throws UsageError for orders < 0 or
// beta <= 0.
#include <memory>

#include "nlp/metrics/metric.hpp"

namespace nlp::metrics {

struct ChrfOptions {
  int char_order = 6;
  int word_order = 0;  // 2 for chrF++
  double beta = 2;
  bool lowercase = false;
  bool whitespace = false;     // keep whitespace in character n-grams
  bool eps_smoothing = false;  // chrF++.py's epsilon smoothing instead of effective order
};

std::unique_ptr<Metric> make_chrf(const ChrfOptions& opts);

}  // namespace nlp::metrics
