#pragma once
// The common shape of the reference-based metrics (BLEU, chrF, TER, ROUGE, METEOR, CIDEr): each
// turns one segment (a hypothesis and its references) into a fixed number of sufficient
// statistics, and a corpus score is computed from the sum of those statistics over the
// segments. Bootstrap resampling and the paired significance tests reuse the statistics.
//   auto bleu = nlp::metrics::make_bleu({});
//   std::vector<nlp::metrics::Segment> corpus = ...;
//   bleu->prepare(corpus);
//   std::vector<double> stats = nlp::metrics::segment_statistics(*bleu, corpus, 2);
//   nlp::metrics::Score s = bleu->score(nlp::metrics::column_sums(stats, bleu->stats_size()));
// Metrics that the reference averages over segments (ROUGE, METEOR, CIDEr) keep per-segment
// values and a count among their statistics, so that the same sum-then-score rule holds.
// A Metric is const after prepare(): segment_stats() and score() may be called from any number
// of threads at once. Throws: see each metric's factory.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nlp::metrics {

// One segment: a hypothesis and its references (views; the caller keeps the text alive).
struct Segment {
  std::string_view hyp;
  std::vector<std::string_view> refs;
};

// A corpus score with its named parts (BLEU: the brevity penalty, the n-gram precisions, ...).
struct Score {
  double score = 0;  // on the scale the reference prints (BLEU, chrF, TER: 0-100; ROUGE: 0-1)
  std::vector<std::pair<std::string, double>> parts;
  // The value of a named part; throws std::out_of_range if there is none.
  double part(std::string_view name) const;
};

class Metric {
 public:
  virtual ~Metric() = default;
  // Short name as the reference prints it: "BLEU", "chrF2", "chrF2++", "TER", "ROUGE-L".
  virtual std::string name() const = 0;
  // The reproducibility signature: "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"
  // (sacreBLEU's fields where sacreBLEU has the metric; `nrefs` from prepare()).
  virtual std::string signature() const = 0;
  // Number and names of the statistics per segment.
  virtual std::size_t stats_size() const = 0;
  virtual std::vector<std::string> stats_names() const = 0;
  // Sees the whole corpus once before any segment_stats() call: the number of references,
  // CIDEr's document frequencies. The default does nothing.
  virtual void prepare(std::span<const Segment> corpus);
  // Writes the statistics of one segment to out (stats_size() values).
  virtual void segment_stats(const Segment& segment, std::span<double> out) const = 0;
  // The corpus score of statistics summed over any set of segments (the whole corpus, one
  // segment, a bootstrap resample).
  virtual Score score(std::span<const double> sums) const = 0;
  // False for error rates (TER), where lower is better.
  virtual bool higher_is_better() const { return true; }

  // Resampling as sacreBLEU does it: sacreBLEU converts the statistics to float32 before its
  // bootstrap resampling, sums them in float32, and some of its formulas then run partly in
  // float32. A metric that sacreBLEU has (BLEU, chrF, TER) returns true, and score_float32()
  // reproduces that arithmetic on sums that are float32 values; the significance tests then
  // give sacreBLEU's numbers exactly. The defaults: false, and score().
  virtual bool float32_resampling() const { return false; }
  virtual Score score_float32(std::span<const double> sums) const { return score(sums); }
  // score(sums).score and score_float32(sums).score without the parts: the resampling loops call
  // them many thousand times. Overridden where the parts cost more than the score.
  virtual double value(std::span<const double> sums) const { return score(sums).score; }
  virtual double value_float32(std::span<const double> sums) const { return score_float32(sums).score; }
};

// Every segment's statistics, row-major (segment i at [i * stats_size(), (i + 1) * stats_size())),
// computed on `threads` threads; the same values for any thread count.
std::vector<double> segment_statistics(const Metric& metric, std::span<const Segment> corpus,
                                       unsigned threads = 1);

// The number of references every segment of `corpus` has (0 for an empty corpus), or -1 when
// they differ; and sacreBLEU's signature field for it ("var" for -1).
long common_reference_count(std::span<const Segment> corpus);
std::string nrefs_field(long count);

// The sums of the columns of a row-major table with `width` columns.
std::vector<double> column_sums(std::span<const double> table, std::size_t width);

}  // namespace nlp::metrics
