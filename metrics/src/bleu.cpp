#include "nlp/metrics/bleu.hpp"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "ngram_table.hpp"
#include "nlp/error.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/text/normalizer.hpp"

namespace nlp::metrics {
namespace {

// sacreBLEU's my_log: log, floored at -9999999999 for 0.
double floored_log(double x) { return x == 0.0 ? -9999999999.0 : std::log(x); }

// The tokens sacreBLEU's BLEU sees: the text lowercased if asked, trailing whitespace removed,
// tokenized, split at whitespace (views into `buffer`).
void preprocess(std::string_view text, bool lowercase, const SacrebleuTokenizer& tok, std::string& lowered,
                std::string& buffer, std::vector<std::string_view>& words) {
  if (lowercase) {
    apply_case(text, CaseMode::lower, lowered);
    text = lowered;
  }
  tok.words(rstrip_python(text), buffer, words);
}

class Bleu final : public Metric {
 public:
  explicit Bleu(const BleuOptions& o) : o_(o), tok_(make_sacrebleu_tokenizer(o.tokenize)) {
    if (o_.smooth != "exp" && o_.smooth != "floor" && o_.smooth != "add-k" && o_.smooth != "none")
      throw UsageError(fmt::format("BLEU smoothing {:?}: expected exp, floor, add-k or none", o_.smooth));
    if (o_.max_ngram_order < 1 || o_.max_ngram_order > 4)
      throw UsageError(fmt::format("BLEU n-gram order {}: expected 1 to 4", o_.max_ngram_order));
    if (o_.smooth == "floor") value_ = o_.smooth_value.value_or(0.1);
    if (o_.smooth == "add-k") value_ = o_.smooth_value.value_or(1.0);
    if ((o_.smooth == "floor" || o_.smooth == "add-k") && !(value_ >= 0))
      throw UsageError(fmt::format("BLEU smoothing value {}: expected a number >= 0", value_));
  }

  std::string name() const override { return "BLEU"; }
  std::string signature() const override {
    std::string smooth = o_.smooth;
    if (o_.smooth == "floor" || o_.smooth == "add-k") smooth += fmt::format("[{:.2f}]", value_);
    return fmt::format("nrefs:{}|case:{}|eff:{}|tok:{}|smooth:{}|version:2.6.0", nrefs_field(nrefs_),
                       o_.lowercase ? "lc" : "mixed", o_.effective_order ? "yes" : "no", tok_->signature(), smooth);
  }
  std::size_t stats_size() const override { return 2 + 2 * order(); }
  std::vector<std::string> stats_names() const override {
    std::vector<std::string> n{"hyp_len", "ref_len"};
    for (std::size_t k = 1; k <= order(); ++k) n.push_back(fmt::format("matches{}", k));
    for (std::size_t k = 1; k <= order(); ++k) n.push_back(fmt::format("totals{}", k));
    return n;
  }
  void prepare(std::span<const Segment> corpus) override { nrefs_ = common_reference_count(corpus); }

  void segment_stats(const Segment& seg, std::span<double> out) const override {
    struct Scratch {
      std::string lowered, hyp_text;
      std::vector<std::string> ref_text;
      std::vector<std::string_view> words;
      std::vector<std::uint32_t> ids;
      std::vector<std::size_t> ref_lens;
      detail::TokenIds token_ids;
      detail::NgramCounts ref_max, one_ref, hyp;
    };
    thread_local Scratch s;
    const std::size_t n_max = order();
    s.token_ids.clear();
    s.ref_max.clear();
    if (s.ref_text.size() < seg.refs.size()) s.ref_text.resize(seg.refs.size());
    std::vector<std::size_t>& ref_lens = s.ref_lens;
    ref_lens.clear();
    for (std::size_t r = 0; r < seg.refs.size(); ++r) {
      preprocess(seg.refs[r], o_.lowercase, *tok_, s.lowered, s.ref_text[r], s.words);
      ids_of(s);
      ref_lens.push_back(s.ids.size());
      if (seg.refs.size() == 1) {  // the maximum over one reference is its count
        count(s.ids, n_max, s.ref_max);
        continue;
      }
      count(s.ids, n_max, s.one_ref);
      s.one_ref.for_each([&](const detail::NgramKey& k, std::uint32_t c) {
        std::uint32_t& m = s.ref_max[k];
        if (c > m) m = c;
      });
    }
    preprocess(seg.hyp, o_.lowercase, *tok_, s.lowered, s.hyp_text, s.words);
    ids_of(s);
    const std::size_t hyp_len = s.ids.size();
    count(s.ids, n_max, s.hyp);
    // The reference length closest to the hypothesis length; ties: the shorter.
    long closest_diff = -1;
    std::size_t closest = 0;
    for (const std::size_t len : ref_lens) {
      const long diff = std::labs(static_cast<long>(hyp_len) - static_cast<long>(len));
      if (closest_diff == -1 || diff < closest_diff) {
        closest_diff = diff;
        closest = len;
      } else if (diff == closest_diff && len < closest) {
        closest = len;
      }
    }
    std::fill(out.begin(), out.end(), 0.0);
    out[0] = static_cast<double>(hyp_len);
    out[1] = static_cast<double>(closest);
    s.hyp.for_each([&](const detail::NgramKey& k, std::uint32_t c) {
      const std::size_t n = ngram_order(k);
      out[2 + n_max + n - 1] += c;
      out[2 + n - 1] += std::min(c, s.ref_max.get(k));
    });
  }

  // The float32 sums of sacreBLEU's resampling are whole numbers, so its BLEU formula gives the
  // same doubles (only add-k smoothing would add in float32).
  bool float32_resampling() const override { return true; }

  Score score(std::span<const double> sums) const override {
    std::array<double, 4> precisions{};
    double bp = 1.0;
    Score sc;
    sc.score = compute(sums, precisions, bp);
    const double sys_len = sums[0], ref_len = sums[1];
    sc.parts = {{"bp", bp}, {"ratio", ref_len != 0 ? sys_len / ref_len : 0.0}, {"hyp_len", sys_len}, {"ref_len", ref_len}};
    for (std::size_t n = 0; n < order(); ++n) sc.parts.emplace_back(fmt::format("precision{}", n + 1), precisions[n]);
    return sc;
  }
  double value(std::span<const double> sums) const override {
    std::array<double, 4> precisions{};
    double bp = 1.0;
    return compute(sums, precisions, bp);
  }
  double value_float32(std::span<const double> sums) const override { return value(sums); }

  // sacreBLEU's compute_bleu; fills the precisions (percent) and the brevity penalty.
  double compute(std::span<const double> sums, std::array<double, 4>& precisions, double& bp) const {
    const std::size_t n_max = order();
    std::array<double, 4> correct{}, total{};
    for (std::size_t n = 0; n < n_max; ++n) {
      correct[n] = sums[2 + n];
      total[n] = sums[2 + n_max + n];
    }
    const double sys_len = sums[0], ref_len = sums[1];
    bp = 1.0;
    if (sys_len < ref_len) bp = sys_len > 0 ? std::exp(1 - ref_len / sys_len) : 0.0;
    precisions.fill(0.0);
    double result = 0.0;
    bool any = false;
    for (std::size_t n = 0; n < n_max; ++n) any |= correct[n] != 0;
    if (any) {
      double smooth_mteval = 1.0;
      std::size_t eff_order = n_max;
      for (std::size_t n = 1; n <= n_max; ++n) {
        if (o_.smooth == "add-k" && n > 1) {
          correct[n - 1] += value_;
          total[n - 1] += value_;
        }
        if (total[n - 1] == 0) break;
        if (o_.effective_order) eff_order = n;
        if (correct[n - 1] == 0) {
          if (o_.smooth == "exp") {
            smooth_mteval *= 2;
            precisions[n - 1] = 100.0 / (smooth_mteval * total[n - 1]);
          } else if (o_.smooth == "floor") {
            precisions[n - 1] = 100.0 * value_ / total[n - 1];
          }
        } else {
          precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
        }
      }
      double log_sum = 0.0;
      for (std::size_t n = 0; n < eff_order; ++n) log_sum += floored_log(precisions[n]);
      result = bp * std::exp(log_sum / static_cast<double>(eff_order));
    }
    return result;
  }

 private:
  std::size_t order() const { return static_cast<std::size_t>(o_.max_ngram_order); }

  template <typename Scratch>
  static void ids_of(Scratch& s) {
    s.ids.clear();
    for (const std::string_view w : s.words) s.ids.push_back(s.token_ids.id(w));
  }
  // Every n-gram of n = 1..n_max, counted.
  static void count(const std::vector<std::uint32_t>& ids, std::size_t n_max, detail::NgramCounts& counts) {
    counts.clear();
    for (std::size_t n = 1; n <= n_max; ++n)
      for (std::size_t i = 0; i + n <= ids.size(); ++i) ++counts[detail::word_key(ids.data() + i, n)];
  }
  static std::size_t ngram_order(const detail::NgramKey& k) {
    return std::size_t{(k.a & 0xFFFFFFFFu) != 0} + std::size_t{(k.a >> 32) != 0} + std::size_t{(k.b & 0xFFFFFFFFu) != 0} +
           std::size_t{(k.b >> 32) != 0};
  }

  BleuOptions o_;
  std::unique_ptr<SacrebleuTokenizer> tok_;
  double value_ = 0;
  long nrefs_ = -2;
};

}  // namespace

std::unique_ptr<Metric> make_bleu(const BleuOptions& opts) { return std::make_unique<Bleu>(opts); }

}  // namespace nlp::metrics
