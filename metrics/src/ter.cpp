#include "nlp/metrics/ter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "mteval.hpp"
#include "ngram_table.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::metrics {
namespace {

// sacreBLEU's lib_ter constants (after tercom).
constexpr int kMaxShiftSize = 10;
constexpr int kMaxShiftDist = 50;
constexpr int kBeamWidth = 25;
constexpr int kMaxShiftCandidates = 1000;
constexpr std::int64_t kInfinity = 10000000000000000;

enum Op : char { kNop = ' ', kSub = 's', kIns = 'i', kDel = 'd', kUndef = 'x' };

using detail::replace_all;

bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }
bool is_asian_punct(char32_t c) {
  return c == 0x3001 || c == 0x3002 || in(c, 0x3008, 0x3011) || in(c, 0x3014, 0x301F) || in(c, 0xFF61, 0xFF65) || c == 0x30FB;
}
bool is_full_width_punct(char32_t c) {
  return c == 0xFF0E || c == 0xFF0C || c == 0xFF1F || c == 0xFF1A || c == 0xFF1B || c == 0xFF01 || c == 0xFF02 || c == 0xFF08 ||
         c == 0xFF09;
}
bool is_asian_split(char32_t c) {
  return in(c, 0x4E00, 0x9FFF) || in(c, 0x3400, 0x4DBF) || in(c, 0x31C0, 0x31EF) || in(c, 0x2E80, 0x2EFF) || in(c, 0x3300, 0x33FF) ||
         in(c, 0xF900, 0xFAFF) || in(c, 0xFE30, 0xFE4F) || in(c, 0x3200, 0x3F22) || is_asian_punct(c) || is_full_width_punct(c);
}

// Every code point for which keep(c) is false removed; or, with `isolate`, surrounded by spaces.
template <typename Pred>
void map_chars(std::string& s, Pred&& pred, bool isolate) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t len = 0;
    const char32_t c = utf8::decode_valid(s.data() + i, len);
    if (!pred(c)) {
      out.append(s, i, len);
    } else if (isolate) {
      out += ' ';
      out.append(s, i, len);
      out += ' ';
    }
    i += len;
  }
  s = std::move(out);
}

// The whole text one run of the kana block [lo, hi]: sacreBLEU's anchored kana patterns can only
// match such a text.
bool all_in(const std::string& s, char32_t lo, char32_t hi) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t len = 0;
    if (!in(utf8::decode_valid(s.data() + i, len), lo, hi)) return false;
    i += len;
  }
  return true;
}

// sacreBLEU's TercomTokenizer.
class TercomTokenizer {
 public:
  explicit TercomTokenizer(const TerOptions& o) : o_(o) {}
  void operator()(std::string_view text, std::string& out) const {
    if (text.empty()) {
      out.clear();
      return;
    }
    std::string s;
    if (!o_.case_sensitive)
      apply_case(text, CaseMode::lower, s);
    else
      s.assign(text);
    if (o_.normalized) {
      replace_all(s, "\n-", "");
      replace_all(s, "\n", " ");
      replace_all(s, "&quot;", "\"");
      replace_all(s, "&amp;", "&");
      replace_all(s, "&lt;", "<");
      replace_all(s, "&gt;", ">");
      s = " " + s + " ";
      // The mteval substitutions, with "'s" split off between the symbols and the numbers.
      std::string t;
      detail::mteval_symbols(s, t);
      replace_all(t, "'s ", " 's ");
      if (t.size() >= 2 && t.compare(t.size() - 2, 2, "'s") == 0) t.insert(t.size() - 2, " ");
      detail::mteval_numbers(t, s);
      if (o_.asian_support) {
        map_chars(s, is_asian_split, true);
        if (all_in(s, 0x3040, 0x309F) || all_in(s, 0x30A0, 0x30FF) || all_in(s, 0x31F0, 0x31FF)) s = " " + s + " ";
      }
    }
    if (o_.no_punct) {
      map_chars(s, [](char32_t c) { return c < 0x80 && std::string_view(".,?:;!\"()").find(static_cast<char>(c)) != std::string_view::npos; }, false);
      if (o_.asian_support) map_chars(s, [](char32_t c) { return is_asian_punct(c) || is_full_width_punct(c); }, false);
    }
    std::vector<std::string_view> words;
    split_python_whitespace(s, words);
    out.clear();
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i) out += ' ';
      out += words[i];
    }
  }

 private:
  TerOptions o_;
};

using Words = std::vector<std::uint32_t>;

struct Cell {
  std::int64_t cost;
  char op;
};

// sacreBLEU's BeamEditDistance for one reference: the edit distance of hypothesis word sequences
// (rows) to the reference (columns) within a beam around the length-scaled diagonal, first
// minimal operation in the order substitution, deletion, insertion. Rows of the last full
// computation are kept, so that a hypothesis sharing a prefix with it only computes the rest
// (sacreBLEU keeps a trie of rows; for the same hypothesis length the rows are the same).
class BeamEditDistance {
 public:
  explicit BeamEditDistance(const Words& ref) : ref_(ref) {}

  // Distance of `hyp`, reusing the rows of the previous call for the first `same_prefix` words.
  std::int64_t distance(const Words& hyp, std::size_t same_prefix, std::vector<Cell>& rows) const {
    const std::size_t nh = hyp.size(), nr = ref_.size(), cols = nr + 1;
    rows.resize((nh + 1) * cols);
    if (same_prefix == 0)
      for (std::size_t j = 0; j <= nr; ++j) rows[j] = {static_cast<std::int64_t>(j), kIns};
    const double ratio = nh ? static_cast<double>(nr) / static_cast<double>(nh) : 1.0;
    const std::int64_t beam = kBeamWidth < ratio / 2 ? static_cast<std::int64_t>(std::ceil(ratio / 2 + kBeamWidth)) : kBeamWidth;
    for (std::size_t i = std::max<std::size_t>(same_prefix, 0) + 1; i <= nh; ++i) {
      Cell* row = rows.data() + i * cols;
      const Cell* up = row - cols;
      for (std::size_t j = 0; j <= nr; ++j) row[j] = {kInfinity, kUndef};
      const auto diag = static_cast<std::int64_t>(std::floor(static_cast<double>(i) * ratio));
      const std::int64_t min_j = std::max<std::int64_t>(0, diag - beam);
      std::int64_t max_j = std::min<std::int64_t>(static_cast<std::int64_t>(nr) + 1, diag + beam);
      if (i == nh) max_j = static_cast<std::int64_t>(nr) + 1;
      for (std::int64_t jj = min_j; jj < max_j; ++jj) {
        const auto j = static_cast<std::size_t>(jj);
        if (j == 0) {
          row[0] = {up[0].cost + 1, kDel};
          continue;
        }
        const bool same = hyp[i - 1] == ref_[j - 1];
        Cell best = row[j];
        const std::int64_t sub = up[j - 1].cost + (same ? 0 : 1), del = up[j].cost + 1, ins = row[j - 1].cost + 1;
        if (best.cost > sub) best = {sub, same ? kNop : kSub};
        if (best.cost > del) best = {del, kDel};
        if (best.cost > ins) best = {ins, kIns};
        row[j] = best;
      }
    }
    return rows[nh * cols + nr].cost;
  }

  // The operations from (0, 0) to the end of the last distance() (hypothesis rows).
  std::string trace(std::size_t nh, const std::vector<Cell>& rows) const {
    const std::size_t cols = ref_.size() + 1;
    std::string t;
    std::size_t i = nh, j = ref_.size();
    while (i > 0 || j > 0) {
      const char op = rows[i * cols + j].op;
      t.push_back(op);
      if (op == kSub || op == kNop) {
        --i;
        --j;
      } else if (op == kIns) {
        --j;
      } else if (op == kDel) {
        --i;
      } else {
        break;  // outside the beam: cannot happen for the last row and column
      }
    }
    std::reverse(t.begin(), t.end());
    return t;
  }

 private:
  const Words& ref_;
};

void perform_shift(const Words& w, std::size_t start, std::size_t length, std::size_t target, Words& out) {
  out.clear();
  const auto b = w.begin();
  const auto at = [&](std::size_t k) { return b + static_cast<std::ptrdiff_t>(k); };
  if (target < start) {
    out.insert(out.end(), b, at(target));
    out.insert(out.end(), at(start), at(start + length));
    out.insert(out.end(), at(target), at(start));
    out.insert(out.end(), at(start + length), w.end());
  } else if (target > start + length) {
    out.insert(out.end(), b, at(start));
    out.insert(out.end(), at(start + length), at(target));
    out.insert(out.end(), at(start), at(start + length));
    out.insert(out.end(), at(target), w.end());
  } else {  // Python's slices stop at the end
    const std::size_t cut = std::min(w.size(), length + target);
    out.insert(out.end(), b, at(start));
    out.insert(out.end(), at(start + length), at(cut));
    out.insert(out.end(), at(start), at(start + length));
    out.insert(out.end(), at(cut), w.end());
  }
}

// sacreBLEU's translation_edit_rate: greedy block shifts while they lower the edit distance (at
// most 1,000 candidates in all), then the edit distance; returns the number of edits.
std::int64_t translation_edit_rate(const Words& hyp_in, const Words& ref) {
  if (ref.empty()) return static_cast<std::int64_t>(hyp_in.size());
  BeamEditDistance ed(ref);
  std::vector<Cell> rows, cand_rows;
  Words hyp = hyp_in, shifted, best_words;
  std::int64_t shifts = 0;
  int checked = 0;
  const std::size_t nh = hyp.size(), nr = ref.size();
  std::vector<int> hyp_err, ref_err;
  std::vector<std::int64_t> align;
  while (true) {
    const std::int64_t pre = ed.distance(hyp, 0, rows);
    // The trace with insertions and deletions seen from the hypothesis side.
    std::string trace = ed.trace(nh, rows);
    for (char& c : trace) c = c == kIns ? static_cast<char>(kDel) : c == kDel ? static_cast<char>(kIns) : c;
    hyp_err.clear();
    ref_err.clear();
    align.assign(nr, -1);
    std::int64_t ph = -1, pr = -1;
    for (const char op : trace) {
      if (op == kNop || op == kSub) {
        ++ph;
        ++pr;
        align[static_cast<std::size_t>(pr)] = ph;
        hyp_err.push_back(op == kSub);
        ref_err.push_back(op == kSub);
      } else if (op == kIns) {
        ++ph;
        hyp_err.push_back(1);
      } else if (op == kDel) {
        ++pr;
        align[static_cast<std::size_t>(pr)] = ph;
        ref_err.push_back(1);
      }
    }
    bool have_best = false;
    std::int64_t best_score = 0, best_len = 0, best_neg_start = 0, best_neg_idx = 0;
    bool stop = false;
    for (std::size_t sh = 0; sh < nh && !stop; ++sh)
      for (std::size_t sr = 0; sr < nr && !stop; ++sr) {
        if (std::llabs(static_cast<long long>(sr) - static_cast<long long>(sh)) > kMaxShiftDist) continue;
        for (std::size_t length = 0; length < static_cast<std::size_t>(kMaxShiftSize) && hyp[sh + length] == ref[sr + length];) {
          ++length;
          // Candidate (sh, sr, length).
          bool usable = true;
          int herr = 0, rerr = 0;
          for (std::size_t k = sh; k < sh + length; ++k) herr += hyp_err[k];
          for (std::size_t k = sr; k < sr + length; ++k) rerr += ref_err[k];
          if (herr == 0 || rerr == 0) usable = false;
          const std::int64_t a = align[sr];
          if (usable && static_cast<std::int64_t>(sh) <= a && a < static_cast<std::int64_t>(sh + length)) usable = false;
          if (usable) {
            std::int64_t prev_idx = -1;
            for (std::int64_t offset = -1; offset < static_cast<std::int64_t>(length); ++offset) {
              const std::int64_t pos = static_cast<std::int64_t>(sr) + offset;
              std::int64_t idx;
              if (pos == -1)
                idx = 0;
              else if (pos < static_cast<std::int64_t>(nr))
                idx = align[static_cast<std::size_t>(pos)] + 1;
              else
                break;
              if (idx == prev_idx) continue;
              prev_idx = idx;
              perform_shift(hyp, sh, length, static_cast<std::size_t>(idx), shifted);
              cand_rows.assign(rows.begin(), rows.end());
              const std::size_t prefix = std::min(sh, static_cast<std::size_t>(idx));
              const std::int64_t score = pre - ed.distance(shifted, prefix, cand_rows);
              ++checked;
              const auto key = std::make_tuple(score, static_cast<std::int64_t>(length), -static_cast<std::int64_t>(sh), -idx);
              if (!have_best || key > std::make_tuple(best_score, best_len, best_neg_start, best_neg_idx)) {
                have_best = true;
                std::tie(best_score, best_len, best_neg_start, best_neg_idx) = key;
                best_words = shifted;
              }
            }
            if (checked >= kMaxShiftCandidates) stop = true;
          }
          if (stop || sh + length == nh || sr + length == nr) break;
        }
      }
    if (checked >= kMaxShiftCandidates) break;
    if (!have_best || best_score <= 0) break;
    ++shifts;
    hyp = best_words;
  }
  return shifts + ed.distance(hyp, 0, rows);
}

class Ter final : public Metric {
 public:
  explicit Ter(const TerOptions& o) : o_(o), tok_(o) {}

  std::string name() const override { return "TER"; }
  std::string signature() const override {
    return fmt::format("nrefs:{}|case:{}|tok:tercom|norm:{}|punct:{}|asian:{}|version:2.6.0",
                       nrefs_field(nrefs_), o_.case_sensitive ? "mixed" : "lc",
                       o_.normalized ? "yes" : "no", o_.no_punct ? "no" : "yes", o_.asian_support ? "yes" : "no");
  }
  std::size_t stats_size() const override { return 2; }
  std::vector<std::string> stats_names() const override { return {"num_edits", "ref_length"}; }
  bool higher_is_better() const override { return false; }
  void prepare(std::span<const Segment> corpus) override { nrefs_ = common_reference_count(corpus); }

  void segment_stats(const Segment& seg, std::span<double> out) const override {
    thread_local std::string text;
    thread_local std::vector<std::string> ref_texts;
    thread_local std::vector<std::string_view> words;
    thread_local detail::TokenIds ids;
    ids.clear();
    ref_texts.resize(seg.refs.size() + 1);
    const auto to_words = [&](std::string_view s, std::string& store, Words& w) {
      // rstrip(), then the tokenizer, then split().
      tok_(rstrip_python(s), store);
      split_python_whitespace(store, words);
      w.clear();
      for (const std::string_view x : words) w.push_back(ids.id(x));
    };
    Words hyp;
    to_words(seg.hyp, ref_texts[seg.refs.size()], hyp);
    std::int64_t best = 10000000000000000;
    double ref_lengths = 0;
    Words ref;
    for (std::size_t r = 0; r < seg.refs.size(); ++r) {
      to_words(seg.refs[r], ref_texts[r], ref);
      const std::int64_t edits = translation_edit_rate(hyp, ref);
      ref_lengths += static_cast<double>(ref.size());
      if (edits < best) best = edits;
    }
    out[0] = static_cast<double>(best);
    out[1] = seg.refs.empty() ? 0.0 : ref_lengths / static_cast<double>(seg.refs.size());
  }

  Score score(std::span<const double> s) const override {
    double v = 0.0;
    if (s[1] > 0)
      v = s[0] / s[1];
    else if (s[0] > 0)
      v = 1.0;
    return {100 * v, {{"num_edits", s[0]}, {"ref_length", s[1]}}};
  }
  // sacreBLEU resamples float32 statistics: the sums and the quotient are float32 there.
  bool float32_resampling() const override { return true; }
  Score score_float32(std::span<const double> s) const override {
    const auto edits = static_cast<float>(s[0]), len = static_cast<float>(s[1]);
    double v = 0.0;
    if (len > 0)
      v = static_cast<double>(edits / len);
    else if (edits > 0)
      v = 1.0;
    return {100 * v, {{"num_edits", s[0]}, {"ref_length", s[1]}}};
  }

 private:
  TerOptions o_;
  TercomTokenizer tok_;
  long nrefs_ = -2;
};

}  // namespace

std::unique_ptr<Metric> make_ter(const TerOptions& opts) { return std::make_unique<Ter>(opts); }

}  // namespace nlp::metrics
