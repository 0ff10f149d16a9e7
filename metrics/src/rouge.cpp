#include "nlp/metrics/rouge.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "ngram_table.hpp"
#include "nlp/error.hpp"
#include "nlp/morph/stemmer.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::metrics {
namespace {

enum class Kind { ngram, lcs, lsum, wlcs, skip };

struct Prf {
  double precision = 0, recall = 0, fmeasure = 0;
};

// rouge-score's scoring.fmeasure.
double fmeasure(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

using Tokens = std::vector<std::uint32_t>;

// Length of the longest common subsequence (two rows).
std::size_t lcs_length(const Tokens& a, const Tokens& b, std::vector<std::uint32_t>& row) {
  row.assign(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::uint32_t diag = 0;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::uint32_t up = row[j];
      row[j] = a[i - 1] == b[j - 1] ? diag + 1 : std::max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.size()];
}

// rouge-score's lcs_ind: the indices into `ref` of one LCS with `can`, read back from the full
// table with its tie rule (move left only when the left cell is strictly larger).
void lcs_indices(const Tokens& ref, const Tokens& can, std::vector<std::uint32_t>& table, std::vector<std::size_t>& out) {
  const std::size_t cols = can.size() + 1;
  table.assign((ref.size() + 1) * cols, 0);
  for (std::size_t i = 1; i <= ref.size(); ++i)
    for (std::size_t j = 1; j <= can.size(); ++j)
      table[i * cols + j] = ref[i - 1] == can[j - 1] ? table[(i - 1) * cols + j - 1] + 1
                                                     : std::max(table[(i - 1) * cols + j], table[i * cols + j - 1]);
  out.clear();
  std::size_t i = ref.size(), j = can.size();
  while (i > 0 && j > 0) {
    if (ref[i - 1] == can[j - 1]) {
      out.push_back(i - 1);
      --i;
      --j;
    } else if (table[i * cols + j - 1] > table[(i - 1) * cols + j]) {
      --j;
    } else {
      --i;
    }
  }
}

// Weighted LCS (Lin 2004, section 3.3) with f(k) = k^w: consecutive matches weigh more.
double wlcs(const Tokens& x, const Tokens& y, double w) {
  const std::size_t cols = y.size() + 1;
  std::vector<double> c((x.size() + 1) * cols, 0.0);
  std::vector<std::uint32_t> run((x.size() + 1) * cols, 0);
  for (std::size_t i = 1; i <= x.size(); ++i)
    for (std::size_t j = 1; j <= y.size(); ++j) {
      if (x[i - 1] == y[j - 1]) {
        const std::uint32_t k = run[(i - 1) * cols + j - 1];
        c[i * cols + j] = c[(i - 1) * cols + j - 1] + std::pow(k + 1, w) - std::pow(k, w);
        run[i * cols + j] = k + 1;
      } else {
        c[i * cols + j] = std::max(c[(i - 1) * cols + j], c[i * cols + j - 1]);
      }
    }
  return c[x.size() * cols + y.size()];
}

class Rouge final : public Metric {
 public:
  explicit Rouge(const RougeOptions& o) : o_(o) {
    const std::string& t = o_.type;
    if (t == "rougeL") {
      kind_ = Kind::lcs;
    } else if (t == "rougeLsum") {
      kind_ = Kind::lsum;
    } else if (t == "rougeW") {
      kind_ = Kind::wlcs;
    } else if (t.size() == 6 && t.starts_with("rouge") && t[5] >= '1' && t[5] <= '9') {
      kind_ = Kind::ngram;
      n_ = static_cast<std::size_t>(t[5] - '0');
    } else if (t.starts_with("rougeSU") || t.starts_with("rougeS")) {
      kind_ = Kind::skip;
      unigrams_ = t.starts_with("rougeSU");
      const std::string d = t.substr(unigrams_ ? 7 : 6);
      if (!d.empty()) {
        if (d.find_first_not_of("0123456789") != std::string::npos || d.size() > 6)
          throw UsageError(fmt::format("ROUGE type {:?}: the skip distance must be a number", t));
        skip_ = std::stoul(d);
      }
    } else {
      throw UsageError(fmt::format("unknown ROUGE type {:?}; expected rouge1..rouge9, rougeL, rougeLsum, rougeW, "
                                   "rougeS<d> or rougeSU<d>",
                                   t));
    }
    if (o_.tokenizer != "default" && o_.tokenizer != "unicode")
      throw UsageError(fmt::format("ROUGE tokenizer {:?}: expected default or unicode", o_.tokenizer));
    if (o_.use_stemmer) stemmer_ = make_stemmer({.algorithm = "porter", .lang = "en", .mode = "nltk", .compat = "", .cache_size = 100000});
  }

  std::string name() const override {
    switch (kind_) {
      case Kind::ngram: return fmt::format("ROUGE-{}", n_);
      case Kind::lcs: return "ROUGE-L";
      case Kind::lsum: return "ROUGE-Lsum";
      case Kind::wlcs: return "ROUGE-W-1.2";
      case Kind::skip: return fmt::format("ROUGE-{}{}", unigrams_ ? "SU" : "S", skip_ ? std::to_string(*skip_) : "");
    }
    return "ROUGE";
  }
  std::string signature() const override {
    return fmt::format("type:{}|stem:{}|tok:{}|refs:max-f|version:rouge-score-0.1.2", o_.type, o_.use_stemmer ? "porter" : "no",
                       o_.tokenizer);
  }
  std::size_t stats_size() const override { return 4; }
  std::vector<std::string> stats_names() const override { return {"precision", "recall", "fmeasure", "segments"}; }

  void segment_stats(const Segment& seg, std::span<double> out) const override {
    Prf best;
    bool first = true;
    // rouge-score's score_multi: the reference with the highest F-measure (the first on ties).
    for (const std::string_view ref : seg.refs) {
      const Prf p = score_pair(ref, seg.hyp);
      if (first || p.fmeasure > best.fmeasure) best = p;
      first = false;
    }
    out[0] = best.precision;
    out[1] = best.recall;
    out[2] = best.fmeasure;
    out[3] = 1;
  }

  Score score(std::span<const double> s) const override {
    if (s[3] == 0) return {0.0, {{"precision", 0.0}, {"recall", 0.0}, {"fmeasure", 0.0}}};
    return {s[2] / s[3], {{"precision", s[0] / s[3]}, {"recall", s[1] / s[3]}, {"fmeasure", s[2] / s[3]}}};
  }

 private:
  struct Scratch {
    std::string lowered, stem_buf;
    // Token texts of the current pair, back to back (views are taken once all are stored).
    std::string arena;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    Tokens r, h;
    std::vector<long> count_r, count_c;
    detail::TokenIds ids;
    std::vector<std::uint32_t> row, table;
    std::vector<std::size_t> indices;
    detail::NgramCounts a, b;
    std::unique_ptr<Stemmer> stemmer;
  };

  Scratch& scratch() const {
    thread_local Scratch s;
    if (stemmer_ && !s.stemmer) s.stemmer = stemmer_->clone();
    return s;
  }

  // rouge-score's tokenize(): lowercase (Python str.lower()), every run of characters outside
  // [a-z0-9] a separator, Porter stems of tokens longer than 3 characters; `unicode` keeps the
  // letters and digits of every script instead.
  void tokenize(std::string_view text, Scratch& s, Tokens& out) const {
    apply_case(text, CaseMode::lower, s.lowered);
    out.clear();
    const std::string& t = s.lowered;
    std::size_t i = 0;
    const bool unicode_words = o_.tokenizer == "unicode";
    while (i < t.size()) {
      // Skip separators.
      for (; i < t.size();) {
        std::uint32_t len = 1;
        const auto b = static_cast<unsigned char>(t[i]);
        const char32_t c = b < 0x80 ? b : utf8::decode_valid(t.data() + i, len);
        if (keep(c, unicode_words)) break;
        i += len;
      }
      const std::size_t start = i;
      std::size_t chars = 0;
      for (; i < t.size(); ++chars) {
        std::uint32_t len = 1;
        const auto b = static_cast<unsigned char>(t[i]);
        const char32_t c = b < 0x80 ? b : utf8::decode_valid(t.data() + i, len);
        if (!keep(c, unicode_words)) break;
        i += len;
      }
      if (i == start) break;
      const std::string_view word(t.data() + start, i - start);
      const std::size_t at = s.arena.size();
      if (stemmer_ && chars > 3)
        s.arena.append(s.stemmer->stem(word));
      else
        s.arena.append(word);
      if (s.arena.size() == at) continue;
      s.spans.emplace_back(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(s.arena.size() - at));
      out.push_back(0);  // ids assigned once every text of the pair is stored
    }
  }
  // Token k of the current pair.
  static std::string_view token(const Scratch& s, std::size_t k) {
    return std::string_view(s.arena).substr(s.spans[k].first, s.spans[k].second);
  }
  static bool keep(char32_t c, bool unicode_words) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return unicode_words && (unicode::is_alpha(c) || unicode::is_decimal(c) || unicode::is_mark(c));
  }

  // Tokens of `text` as ids (interned after the text of the pair is stored).
  Prf score_pair(std::string_view ref, std::string_view hyp) const {
    Scratch& s = scratch();
    s.arena.clear();
    s.spans.clear();
    s.ids.clear();
    if (kind_ == Kind::lsum) return lsum(ref, hyp, s);
    Tokens& r = s.r;
    Tokens& h = s.h;
    tokenize(ref, s, r);
    const std::size_t nr = r.size();
    tokenize(hyp, s, h);
    for (std::size_t k = 0; k < r.size(); ++k) r[k] = s.ids.id(token(s, k));
    for (std::size_t k = 0; k < h.size(); ++k) h[k] = s.ids.id(token(s, nr + k));
    switch (kind_) {
      case Kind::ngram: return ngram(r, h, s);
      case Kind::lcs: {
        if (r.empty() || h.empty()) return {};
        const auto l = static_cast<double>(lcs_length(r, h, s.row));
        const double p = l / static_cast<double>(h.size()), rc = l / static_cast<double>(r.size());
        return {p, rc, fmeasure(p, rc)};
      }
      case Kind::wlcs: {
        if (r.empty() || h.empty()) return {};
        const double w = 1.2, score = wlcs(r, h, w);
        const double rc = std::pow(score / std::pow(static_cast<double>(r.size()), w), 1 / w);
        const double p = std::pow(score / std::pow(static_cast<double>(h.size()), w), 1 / w);
        return {p, rc, fmeasure(p, rc)};
      }
      case Kind::skip: return skip_bigrams(r, h, s);
      case Kind::lsum: break;
    }
    return {};
  }

  Prf ngram(const Tokens& r, const Tokens& h, Scratch& s) const {
    std::uint64_t inter = 0, nr = 0, nh = 0;
    if (n_ <= 4) {
      s.a.clear();
      s.b.clear();
      for (std::size_t i = 0; i + n_ <= r.size(); ++i) ++s.a[detail::word_key(r.data() + i, n_)];
      for (std::size_t i = 0; i + n_ <= h.size(); ++i) ++s.b[detail::word_key(h.data() + i, n_)];
      s.a.for_each([&](const detail::NgramKey& k, std::uint32_t c) {
        nr += c;
        inter += std::min(c, s.b.get(k));
      });
      s.b.for_each([&](const detail::NgramKey&, std::uint32_t c) { nh += c; });
    } else {
      std::map<std::vector<std::uint32_t>, std::uint32_t> a, b;
      for (std::size_t i = 0; i + n_ <= r.size(); ++i) ++a[std::vector<std::uint32_t>(r.begin() + static_cast<std::ptrdiff_t>(i), r.begin() + static_cast<std::ptrdiff_t>(i + n_))];
      for (std::size_t i = 0; i + n_ <= h.size(); ++i) ++b[std::vector<std::uint32_t>(h.begin() + static_cast<std::ptrdiff_t>(i), h.begin() + static_cast<std::ptrdiff_t>(i + n_))];
      for (const auto& [k, c] : a) {
        nr += c;
        const auto it = b.find(k);
        inter += std::min(c, it == b.end() ? 0u : it->second);
      }
      for (const auto& [k, c] : b) nh += c;
    }
    const double p = static_cast<double>(inter) / static_cast<double>(std::max<std::uint64_t>(nh, 1));
    const double rc = static_cast<double>(inter) / static_cast<double>(std::max<std::uint64_t>(nr, 1));
    return {p, rc, fmeasure(p, rc)};
  }

  // Skip bigrams (ROUGE-1.5.5's -2 d: at most d words between the pair; no limit without d),
  // with the unigrams too for ROUGE-SU.
  Prf skip_bigrams(const Tokens& r, const Tokens& h, Scratch& s) const {
    const auto count = [&](const Tokens& t, detail::NgramCounts& c) {
      c.clear();
      std::uint64_t total = 0;
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (unigrams_) {
          ++c[detail::word_key(&t[i], 1)];
          ++total;
        }
        const std::size_t last = skip_ ? std::min(t.size(), i + *skip_ + 2) : t.size();
        for (std::size_t j = i + 1; j < last; ++j) {
          const std::uint32_t pair[2] = {t[i], t[j]};
          ++c[detail::word_key(pair, 2)];
          ++total;
        }
      }
      return total;
    };
    const std::uint64_t nr = count(r, s.a), nh = count(h, s.b);
    std::uint64_t inter = 0;
    s.a.for_each([&](const detail::NgramKey& k, std::uint32_t c) { inter += std::min(c, s.b.get(k)); });
    if (nr == 0 || nh == 0) return {};
    const double p = static_cast<double>(inter) / static_cast<double>(nh), rc = static_cast<double>(inter) / static_cast<double>(nr);
    return {p, rc, fmeasure(p, rc)};
  }

  // rouge-score's _summary_level_lcs: sentences are the non-empty lines.
  Prf lsum(std::string_view ref, std::string_view hyp, Scratch& s) const {
    std::vector<Tokens> rs, hs;
    const auto sentences = [&](std::string_view text, std::vector<Tokens>& out) {
      std::size_t at = 0;
      while (at <= text.size()) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        if (nl > at) {
          Tokens t;
          tokenize(text.substr(at, nl - at), s, t);
          out.push_back(std::move(t));
        }
        at = nl + 1;
      }
    };
    sentences(ref, rs);
    sentences(hyp, hs);
    std::size_t k = 0;
    for (auto* side : {&rs, &hs})
      for (Tokens& t : *side)
        for (std::uint32_t& id : t) id = s.ids.id(token(s, k++));
    if (rs.empty() || hs.empty()) return {};
    std::size_t m = 0, n = 0;
    for (const Tokens& t : rs) m += t.size();
    for (const Tokens& t : hs) n += t.size();
    if (m == 0 || n == 0) return {};
    // Token counts by id (ids are dense per pair).
    std::vector<long>& cnt_r = s.count_r;
    std::vector<long>& cnt_c = s.count_c;
    cnt_r.assign(s.ids.size(), 0);
    cnt_c.assign(s.ids.size(), 0);
    for (const Tokens& t : rs)
      for (const std::uint32_t id : t) ++cnt_r[id];
    for (const Tokens& t : hs)
      for (const std::uint32_t id : t) ++cnt_c[id];
    std::size_t hits = 0;
    std::vector<std::size_t> uni;
    for (const Tokens& r : rs) {
      uni.clear();
      for (const Tokens& c : hs) {
        lcs_indices(r, c, s.table, s.indices);
        uni.insert(uni.end(), s.indices.begin(), s.indices.end());
      }
      std::sort(uni.begin(), uni.end());
      uni.erase(std::unique(uni.begin(), uni.end()), uni.end());
      for (const std::size_t i : uni) {
        const std::uint32_t tok = r[i];
        if (cnt_c[tok] > 0 && cnt_r[tok] > 0) {
          ++hits;
          --cnt_c[tok];
          --cnt_r[tok];
        }
      }
    }
    const double rc = static_cast<double>(hits) / static_cast<double>(m), p = static_cast<double>(hits) / static_cast<double>(n);
    return {p, rc, fmeasure(p, rc)};
  }

  RougeOptions o_;
  Kind kind_ = Kind::ngram;
  std::size_t n_ = 1;
  bool unigrams_ = false;
  std::optional<std::size_t> skip_;
  std::unique_ptr<Stemmer> stemmer_;
};

}  // namespace

std::unique_ptr<Metric> make_rouge(const RougeOptions& opts) { return std::make_unique<Rouge>(opts); }

}  // namespace nlp::metrics
