#include "nlp/metrics/chrf.hpp"

#include <fmt/format.h>

#include "ngram_table.hpp"
#include "nlp/error.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::metrics {
namespace {

bool is_chrf_punct(char32_t c) {
  return c < 0x80 && std::string_view("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos;
}

class Chrf final : public Metric {
 public:
  explicit Chrf(const ChrfOptions& o) : o_(o) {
    if (o_.char_order < 0 || o_.char_order > 6)
      throw UsageError(fmt::format("chrF character order {}: expected 0 to 6", o_.char_order));
    if (o_.word_order < 0 || o_.word_order > 4)
      throw UsageError(fmt::format("chrF word order {}: expected 0 to 4", o_.word_order));
    if (o_.char_order + o_.word_order == 0) throw UsageError("chrF needs a character or a word order above 0");
    if (!(o_.beta > 0)) throw UsageError(fmt::format("chrF beta {}: expected a number above 0", o_.beta));
  }

  // chrF2, chrF2++: beta as Python prints an int (sacreBLEU's beta is an int) or a float.
  std::string name() const override {
    const std::string beta = o_.beta == static_cast<double>(static_cast<long>(o_.beta))
                                 ? std::to_string(static_cast<long>(o_.beta))
                                 : fmt::format("{}", o_.beta);
    return "chrF" + beta + std::string(static_cast<std::size_t>(o_.word_order), '+');
  }
  std::string signature() const override {
    return fmt::format("nrefs:{}|case:{}|eff:{}|nc:{}|nw:{}|space:{}|version:2.6.0", nrefs_field(nrefs_),
                       o_.lowercase ? "lc" : "mixed", o_.eps_smoothing ? "no" : "yes", o_.char_order, o_.word_order,
                       o_.whitespace ? "yes" : "no");
  }
  std::size_t stats_size() const override { return 3 * orders(); }
  std::vector<std::string> stats_names() const override {
    std::vector<std::string> n;
    for (int k = 1; k <= o_.char_order + o_.word_order; ++k) {
      const std::string what = k <= o_.char_order ? fmt::format("char{}", k) : fmt::format("word{}", k - o_.char_order);
      for (const char* s : {"_hyp", "_ref", "_matches"}) n.push_back(what + s);
    }
    return n;
  }
  void prepare(std::span<const Segment> corpus) override { nrefs_ = common_reference_count(corpus); }

  void segment_stats(const Segment& seg, std::span<double> out) const override {
    thread_local Side hyp, ref;
    thread_local detail::TokenIds ids;
    thread_local std::vector<double> stats;
    // Word ids: the hypothesis' words are interned (its text stays put during the segment); a
    // reference word the hypothesis lacks gets an id of its own, which matches nothing.
    ids.clear();
    count(seg.hyp, hyp, ids, true);
    std::fill(out.begin(), out.end(), 0.0);
    double best = -1.0;
    stats.assign(out.size(), 0.0);
    for (const std::string_view r : seg.refs) {
      count(r, ref, ids, false);
      for (std::size_t k = 0; k < orders(); ++k) {
        std::uint64_t matches = 0, hyp_count = 0, ref_count = 0;
        hyp.counts[k].for_each([&](const detail::NgramKey& key, std::uint32_t c) {
          hyp_count += c;
          matches += std::min(c, ref.counts[k].get(key));
        });
        ref.counts[k].for_each([&](const detail::NgramKey&, std::uint32_t c) { ref_count += c; });
        stats[3 * k] = ref.counts[k].size() ? static_cast<double>(hyp_count) : 0.0;
        stats[3 * k + 1] = static_cast<double>(ref_count);
        stats[3 * k + 2] = static_cast<double>(matches);
      }
      const double f = f_score(stats);
      if (f > best) {
        best = f;
        std::copy(stats.begin(), stats.end(), out.begin());
      }
    }
  }

  Score score(std::span<const double> sums) const override { return {f_score(sums), {}}; }
  // With float32 statistics, sacreBLEU's precision and recall of each order are float32 quotients.
  bool float32_resampling() const override { return true; }
  Score score_float32(std::span<const double> sums) const override { return {f_score(sums, true), {}}; }
  double value(std::span<const double> sums) const override { return f_score(sums); }
  double value_float32(std::span<const double> sums) const override { return f_score(sums, true); }

 private:
  struct Side {
    std::string lowered, text, words_text;
    std::u32string chars;
    std::vector<std::string_view> words;
    std::vector<std::uint32_t> word_ids;
    std::vector<detail::NgramCounts> counts;
  };

  std::size_t orders() const { return static_cast<std::size_t>(o_.char_order + o_.word_order); }

  // Character n-grams of orders 1..char_order (whitespace removed unless kept), then word n-grams
  // of orders 1..word_order over the words with punctuation split off.
  void count(std::string_view text, Side& s, detail::TokenIds& ids, bool intern) const {
    std::uint32_t fresh = 0x80000000u;  // ids of reference-only words
    const auto id_of = [&](std::string_view w) { return intern ? ids.id(w) : ids.find(w, fresh++); };
    if (o_.lowercase) {
      apply_case(text, CaseMode::lower, s.lowered);
      s.text = s.lowered;
    } else {
      s.text.assign(text);
    }
    s.counts.resize(orders());
    for (auto& c : s.counts) c.clear();
    split_python_whitespace(s.text, s.words);
    s.chars.clear();
    const auto append_chars = [&](std::string_view piece) {
      for (std::size_t i = 0; i < piece.size();) {
        std::uint32_t len = 0;
        s.chars.push_back(utf8::decode_valid(piece.data() + i, len));
        i += len;
      }
    };
    if (o_.whitespace)
      append_chars(s.text);
    else
      for (const std::string_view w : s.words) append_chars(w);
    for (std::size_t n = 1; n <= static_cast<std::size_t>(o_.char_order); ++n)
      for (std::size_t i = 0; i + n <= s.chars.size(); ++i) ++s.counts[n - 1][detail::char_key(s.chars.data() + i, n)];
    if (o_.word_order == 0) return;
    // chrF++'s punctuation split: a word longer than one character loses a punctuation mark at
    // its end, or else at its start, as a token of its own.
    s.word_ids.clear();
    for (const std::string_view w : s.words) {
      std::uint32_t first_len = 0;
      utf8::decode_valid(w.data(), first_len);
      if (first_len == w.size()) {
        s.word_ids.push_back(id_of(w));
        continue;
      }
      std::uint32_t last_len = 0;
      const char32_t last = utf8::decode_before(w, w.size(), last_len);
      char32_t first = utf8::decode_valid(w.data(), first_len);
      if (is_chrf_punct(last)) {
        s.word_ids.push_back(id_of(w.substr(0, w.size() - last_len)));
        s.word_ids.push_back(id_of(w.substr(w.size() - last_len)));
      } else if (is_chrf_punct(first)) {
        s.word_ids.push_back(id_of(w.substr(0, first_len)));
        s.word_ids.push_back(id_of(w.substr(first_len)));
      } else {
        s.word_ids.push_back(id_of(w));
      }
    }
    for (std::size_t n = 1; n <= static_cast<std::size_t>(o_.word_order); ++n)
      for (std::size_t i = 0; i + n <= s.word_ids.size(); ++i)
        ++s.counts[static_cast<std::size_t>(o_.char_order) + n - 1][detail::word_key(s.word_ids.data() + i, n)];
  }

  // sacreBLEU's CHRF._compute_f_score, in its order of operations.
  double f_score(std::span<const double> st, bool float32 = false) const {
    const double eps = 1e-16;
    const double factor = o_.beta * o_.beta;
    double score = 0.0, avg_prec = 0.0, avg_rec = 0.0;
    int effective_order = 0;
    for (std::size_t i = 0; i < orders(); ++i) {
      const double n_hyp = st[3 * i], n_ref = st[3 * i + 1], n_match = st[3 * i + 2];
      double prec = n_hyp > 0 ? n_match / n_hyp : eps;
      double rec = n_ref > 0 ? n_match / n_ref : eps;
      if (float32) {
        if (n_hyp > 0) prec = static_cast<float>(n_match) / static_cast<float>(n_hyp);
        if (n_ref > 0) rec = static_cast<float>(n_match) / static_cast<float>(n_ref);
      }
      const double denom = factor * prec + rec;
      if (float32 && n_hyp > 0 && n_ref > 0) {  // every operand a float32 (beta a whole number)
        const auto f = static_cast<float>(factor), p = static_cast<float>(prec), r = static_cast<float>(rec);
        const float d = f * p + r;
        score += d > 0 ? static_cast<double>((1 + f) * p * r / d) : eps;
      } else {
        score += denom > 0 ? ((1 + factor) * prec * rec / denom) : eps;
      }
      if (n_hyp > 0 && n_ref > 0) {
        avg_prec += prec;
        avg_rec += rec;
        ++effective_order;
      }
    }
    if (o_.eps_smoothing) return 100 * score / static_cast<double>(orders());
    if (effective_order == 0) {
      avg_prec = avg_rec = 0.0;
    } else {
      avg_prec /= effective_order;
      avg_rec /= effective_order;
    }
    if (avg_prec + avg_rec != 0) {
      double s = (1 + factor) * avg_prec * avg_rec;
      s /= (factor * avg_prec) + avg_rec;
      return 100 * s;
    }
    return 0.0;
  }

  ChrfOptions o_;
  long nrefs_ = -2;
};

}  // namespace

std::unique_ptr<Metric> make_chrf(const ChrfOptions& opts) { return std::make_unique<Chrf>(opts); }

}  // namespace nlp::metrics
