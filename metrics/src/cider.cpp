#include "nlp/metrics/cider.hpp"

#include <cmath>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "ngram_table.hpp"
#include "nlp/error.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::metrics {
namespace {

// numpy's e, raised as Python raises it (pow, not exp).
constexpr double kE = 2.718281828459045;

class Cider final : public Metric {
 public:
  explicit Cider(const CiderOptions& o) : o_(o) {
    if (o_.variant != "cider-d" && o_.variant != "cider")
      throw UsageError(fmt::format("CIDEr variant {:?}: expected cider-d or cider", o_.variant));
    if (o_.n < 1 || o_.n > 4) throw UsageError(fmt::format("CIDEr n-gram order {}: expected 1 to 4", o_.n));
    if (!(o_.sigma > 0)) throw UsageError(fmt::format("CIDEr sigma {}: expected a number above 0", o_.sigma));
  }

  std::string name() const override { return o_.variant == "cider-d" ? "CIDEr-D" : "CIDEr"; }
  std::string signature() const override {
    return fmt::format("n:{}|sigma:{}|df:corpus|tok:split|variant:{}|version:pycocoevalcap-1.2", o_.n, o_.sigma, o_.variant);
  }
  std::size_t stats_size() const override { return 2; }
  std::vector<std::string> stats_names() const override { return {"score_sum", "segments"}; }

  // Document frequencies: in how many segments' reference sets each n-gram occurs; ref_len is the
  // log of the number of segments.
  void prepare(std::span<const Segment> corpus) override {
    ids_.clear();
    df_.clear();
    std::vector<std::string_view> words;
    std::vector<std::uint32_t> ids;
    detail::NgramCounts seen;
    for (const Segment& s : corpus) {
      seen.clear();
      for (const std::string_view ref : s.refs) {
        split_python_whitespace(ref, words);
        ids.clear();
        for (const std::string_view w : words) ids.push_back(ids_.try_emplace(std::string(w), static_cast<std::uint32_t>(ids_.size())).first->second);
        for (std::size_t k = 1; k <= order(); ++k)
          for (std::size_t i = 0; i + k <= ids.size(); ++i) seen[detail::word_key(ids.data() + i, k)] = 1;
      }
      seen.for_each([&](const detail::NgramKey& key, std::uint32_t) { ++df_[key]; });
    }
    ref_len_ = std::log(static_cast<double>(corpus.size()));
    prepared_ = true;
  }

  void segment_stats(const Segment& seg, std::span<double> out) const override {
    if (!prepared_) throw UsageError("CIDEr needs prepare(corpus) first: its document frequencies come from the references");
    thread_local Vec hyp, ref;
    thread_local std::vector<std::string_view> words;
    thread_local std::vector<std::uint32_t> ids;
    thread_local detail::TokenIds unseen;
    unseen.clear();
    const auto to_ids = [&](std::string_view text) {
      split_python_whitespace(text, words);
      ids.clear();
      for (const std::string_view w : words) {
        const auto it = ids_.find(w);
        ids.push_back(it != ids_.end() ? it->second : static_cast<std::uint32_t>(ids_.size()) + unseen.id(w));
      }
    };
    to_ids(seg.hyp);
    vectorize(ids, hyp);
    std::vector<double> score(order(), 0.0);
    for (const std::string_view r : seg.refs) {
      to_ids(r);
      vectorize(ids, ref);
      const double delta = static_cast<double>(hyp.length) - static_cast<double>(ref.length);
      for (std::size_t n = 0; n < order(); ++n) {
        double val = 0.0;
        hyp.vec[n].for_each([&](const detail::NgramKey& key, std::uint32_t slot) {
          const double h = hyp.weights[n][slot - 1];
          const std::uint32_t rs = ref.vec[n].get(key);
          const double rv = rs ? ref.weights[n][rs - 1] : 0.0;
          val += cider_d() ? std::min(h, rv) * rv : h * rv;
        });
        if (hyp.norm[n] != 0 && ref.norm[n] != 0) val /= hyp.norm[n] * ref.norm[n];
        if (cider_d()) val *= std::pow(kE, -(delta * delta) / (2 * o_.sigma * o_.sigma));
        score[n] += val;
      }
    }
    // numpy's mean of the orders (the first, then the rest), over the references, times 10.
    double rest = 0.0;
    for (std::size_t n = 1; n < order(); ++n) rest += score[n];
    double avg = (score[0] + rest) / static_cast<double>(order());
    if (!seg.refs.empty()) avg /= static_cast<double>(seg.refs.size());
    if (cider_d()) avg *= 10.0;
    out[0] = avg;
    out[1] = 1;
  }

  Score score(std::span<const double> s) const override { return {s[1] == 0 ? 0.0 : s[0] / s[1], {}}; }

 private:
  // TF-IDF vectors per order: vec maps an n-gram to 1 + its index in weights.
  struct Vec {
    std::vector<detail::NgramCounts> vec;
    std::vector<std::vector<double>> weights;
    std::vector<double> norm;
    std::uint64_t length = 0;
  };

  bool cider_d() const { return o_.variant == "cider-d"; }
  std::size_t order() const { return static_cast<std::size_t>(o_.n); }

  // pycocoevalcap's counts2vec: tf * (ref_len - log(max(1, df))) per n-gram, in the order the
  // n-grams first occur (orders 1..n); `length` counts the bigrams, as pycocoevalcap's does.
  void vectorize(const std::vector<std::uint32_t>& ids, Vec& v) const {
    v.vec.resize(order());
    v.weights.resize(order());
    v.norm.assign(order(), 0.0);
    v.length = 0;
    thread_local detail::NgramCounts counts;
    counts.clear();
    for (std::size_t k = 1; k <= order(); ++k)
      for (std::size_t i = 0; i + k <= ids.size(); ++i) ++counts[detail::word_key(ids.data() + i, k)];
    for (std::size_t n = 0; n < order(); ++n) {
      v.vec[n].clear();
      v.weights[n].clear();
    }
    counts.for_each([&](const detail::NgramKey& key, std::uint32_t tf) {
      const std::size_t n = order_of(key) - 1;
      const auto it = df_.get(key);
      const double df = std::log(std::max(1.0, static_cast<double>(it)));
      const double w = static_cast<double>(tf) * (ref_len_ - df);
      v.weights[n].push_back(w);
      v.vec[n][key] = static_cast<std::uint32_t>(v.weights[n].size());
      v.norm[n] += std::pow(w, 2);
      if (n == 1) v.length += tf;
    });
    for (double& x : v.norm) x = std::sqrt(x);
  }
  static std::size_t order_of(const detail::NgramKey& k) {
    return std::size_t{(k.a & 0xFFFFFFFFu) != 0} + std::size_t{(k.a >> 32) != 0} + std::size_t{(k.b & 0xFFFFFFFFu) != 0} +
           std::size_t{(k.b >> 32) != 0};
  }

  CiderOptions o_;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_;
  detail::NgramCounts df_;
  double ref_len_ = 0;
  bool prepared_ = false;
};

}  // namespace

std::unique_ptr<Metric> make_cider(const CiderOptions& opts) { return std::make_unique<Cider>(opts); }

}  // namespace nlp::metrics
