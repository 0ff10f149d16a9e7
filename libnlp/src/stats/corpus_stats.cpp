// Corpus statistics: counting, merging, summaries, the Zipf fit and the text and JSON reports.
#include "nlp/stats/corpus_stats.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "nlp/error.hpp"
#include "nlp/util/json.hpp"

namespace nlp::stats {

namespace {

std::uint64_t mix(std::uint64_t h) {  // splitmix64 finalizer
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

std::uint64_t hash_ids(const std::uint32_t* ids, std::size_t n) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (std::size_t k = 0; k < n; ++k) h = mix(h ^ ids[k]) + k;
  return h;
}

}  // namespace

CorpusCounts::CorpusCounts(const CorpusCounts& other)
    : ngram_order_(other.ngram_order_),
      tokens_(other.tokens_),
      doc_lengths_(other.doc_lengths_),
      word_index_(other.word_index_),
      word_text_(other.word_text_.size()),
      word_count_(other.word_count_),
      ngram_ids_(other.ngram_ids_),
      ngram_hash_(other.ngram_hash_),
      ngram_count_(other.ngram_count_),
      slots_(other.slots_) {
  // The text views point into this object's own keys.
  for (const auto& [text, id] : word_index_) word_text_[id] = &text;
}

CorpusCounts& CorpusCounts::operator=(const CorpusCounts& other) {
  if (this != &other) *this = CorpusCounts(other);
  return *this;
}

std::uint32_t CorpusCounts::intern(std::string_view w) {
  auto it = word_index_.find(w);
  if (it != word_index_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(word_count_.size());
  it = word_index_.emplace(std::string(w), id).first;
  word_text_.push_back(&it->first);
  word_count_.push_back(0);
  return id;
}

void CorpusCounts::add_ngram(const std::uint32_t* ids, std::uint64_t count) {
  const std::size_t n = ngram_order_;
  if (2 * (ngram_count_.size() + 1) > slots_.size()) {
    std::vector<std::uint32_t> bigger(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    const std::size_t mask = bigger.size() - 1;
    for (std::size_t e = 0; e < ngram_count_.size(); ++e) {
      std::size_t i = ngram_hash_[e] & mask;
      while (bigger[i]) i = (i + 1) & mask;
      bigger[i] = static_cast<std::uint32_t>(e + 1);
    }
    slots_.swap(bigger);
  }
  const std::uint64_t h = hash_ids(ids, n);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (!slot) {
      slots_[i] = static_cast<std::uint32_t>(ngram_count_.size() + 1);
      ngram_ids_.insert(ngram_ids_.end(), ids, ids + n);
      ngram_hash_.push_back(h);
      ngram_count_.push_back(count);
      return;
    }
    const std::size_t e = slot - 1;
    if (ngram_hash_[e] == h && std::equal(ids, ids + n, ngram_ids_.begin() + static_cast<std::ptrdiff_t>(e * n))) {
      ngram_count_[e] += count;
      return;
    }
  }
}

std::string CorpusCounts::ngram(std::size_t i) const {
  std::string out;
  for (std::size_t k = 0; k < ngram_order_; ++k) {
    if (k) out.push_back(' ');
    out.append(*word_text_[ngram_ids_[i * ngram_order_ + k]]);
  }
  return out;
}

void CorpusCounts::add_document(std::span<const std::string_view> tokens) {
  doc_lengths_.push_back(tokens.size());
  tokens_ += tokens.size();
  doc_ids_.clear();
  for (const auto t : tokens) {
    const std::uint32_t id = intern(t);
    ++word_count_[id];
    doc_ids_.push_back(id);
  }
  if (ngram_order_ == 0 || tokens.size() < ngram_order_) return;
  for (std::size_t i = 0; i + ngram_order_ <= doc_ids_.size(); ++i) add_ngram(doc_ids_.data() + i, 1);
}

void CorpusCounts::merge(const CorpusCounts& other) {
  if (other.ngram_order_ != ngram_order_)
    throw UsageError(fmt::format("cannot merge {}-gram counts into {}-gram counts", other.ngram_order_, ngram_order_));
  tokens_ += other.tokens_;
  doc_lengths_.insert(doc_lengths_.end(), other.doc_lengths_.begin(), other.doc_lengths_.end());
  std::vector<std::uint32_t> to_mine(other.word_count_.size());
  for (std::size_t j = 0; j < other.word_count_.size(); ++j) {
    to_mine[j] = intern(*other.word_text_[j]);
    word_count_[to_mine[j]] += other.word_count_[j];
  }
  std::vector<std::uint32_t> ids(ngram_order_);
  for (std::size_t e = 0; e < other.ngram_count_.size(); ++e) {
    for (std::size_t k = 0; k < ngram_order_; ++k) ids[k] = to_mine[other.ngram_ids_[e * ngram_order_ + k]];
    add_ngram(ids.data(), other.ngram_count_[e]);
  }
}

std::optional<double> percentile(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  const double h = static_cast<double>(sorted.size() - 1) * p / 100.0;
  const double lo_f = std::floor(h);
  const auto lo = static_cast<std::size_t>(lo_f);
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - lo_f) * (sorted[lo + 1] - sorted[lo]);
}

std::optional<ZipfFit> fit_zipf(std::span<const std::uint64_t> frequencies) {
  const std::size_t n = frequencies.size();
  if (n < 2) return std::nullopt;
  // Two passes (means, then centred sums) keep the fit accurate for millions of ranks.
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += std::log(static_cast<double>(i + 1));
    my += std::log(static_cast<double>(frequencies[i]));
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = std::log(static_cast<double>(i + 1)) - mx;
    const double dy = std::log(static_cast<double>(frequencies[i])) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  ZipfFit f;
  f.ranks = n;
  f.slope = sxy / sxx;
  f.exponent = -f.slope;
  f.intercept = my - f.slope * mx;
  // SS_res = syy - slope * sxy for the least-squares line.
  f.r_squared = syy > 0 ? std::clamp(1.0 - (syy - f.slope * sxy) / syy, 0.0, 1.0) : 1.0;
  return f;
}

namespace {

// The k items with the highest counts, ties broken by text. Only items whose count reaches the
// k-th highest count are turned into text.
template <class TextOf>
std::vector<CountedItem> top_items(std::span<const std::uint64_t> counts, std::size_t k, const TextOf& text_of) {
  k = std::min(k, counts.size());
  if (k == 0) return {};
  std::vector<std::uint64_t> sorted(counts.begin(), counts.end());
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k - 1), sorted.end(),
                   std::greater<>());
  const std::uint64_t threshold = sorted[k - 1];
  std::vector<CountedItem> out;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] >= threshold) out.push_back({std::string(text_of(i)), counts[i]});
  std::sort(out.begin(), out.end(), [](const CountedItem& a, const CountedItem& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });
  out.resize(k);
  return out;
}

// Shortest round-trip form; integral values print without a fraction.
std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{}", v);
}

}  // namespace

CorpusStats summarize(const CorpusCounts& counts, const StatsOptions& options) {
  CorpusStats s;
  s.documents = counts.documents();
  s.tokens = counts.tokens();
  s.types = counts.types();
  s.type_token_ratio = s.tokens ? static_cast<double>(s.types) / static_cast<double>(s.tokens) : 0.0;
  s.frequencies.reserve(counts.types());
  for (std::size_t i = 0; i < counts.types(); ++i) {
    const std::uint64_t c = counts.word_count(i);
    s.frequencies.push_back(c);
    s.hapaxes += c == 1;
    s.dis_legomena += c == 2;
  }
  std::sort(s.frequencies.begin(), s.frequencies.end(), std::greater<>());
  s.zipf = fit_zipf(s.frequencies);
  s.doc_lengths = counts.doc_lengths();
  std::sort(s.doc_lengths.begin(), s.doc_lengths.end());
  if (!s.doc_lengths.empty()) {
    LengthSummary l;
    l.min = s.doc_lengths.front();
    l.max = s.doc_lengths.back();
    const double n = static_cast<double>(s.doc_lengths.size());
    l.mean = static_cast<double>(s.tokens) / n;  // exact integer sum
    double ss = 0;
    for (const auto v : s.doc_lengths) ss += (static_cast<double>(v) - l.mean) * (static_cast<double>(v) - l.mean);
    l.stdev = std::sqrt(ss / n);
    std::vector<double> sorted(s.doc_lengths.begin(), s.doc_lengths.end());
    for (const double p : kPercentiles) l.percentiles.emplace_back(p, *percentile(sorted, p));
    l.median = *percentile(sorted, 50);
    s.lengths = std::move(l);
  }
  s.ngram_order = counts.ngram_order();
  s.ngram_types = counts.ngram_types();
  std::vector<std::uint64_t> wc(counts.types()), nc(counts.ngram_types());
  for (std::size_t i = 0; i < wc.size(); ++i) wc[i] = counts.word_count(i);
  for (std::size_t i = 0; i < nc.size(); ++i) s.ngram_tokens += nc[i] = counts.ngram_count(i);
  s.top_words = top_items(wc, options.top_words, [&](std::size_t i) { return counts.word(i); });
  s.top_ngrams = top_items(nc, options.top_ngrams, [&](std::size_t i) { return counts.ngram(i); });
  return s;
}

std::string to_text(const CorpusStats& s) {
  std::string o;
  auto line = [&](std::string_view k, const std::string& v) { o += fmt::format("{:<22}{}\n", k, v); };
  line("documents", fmt::format("{}", s.documents));
  line("tokens", fmt::format("{}", s.tokens));
  line("types", fmt::format("{}", s.types));
  line("type/token ratio", fmt::format("{:.4f}", s.type_token_ratio));
  line("hapaxes", s.types ? fmt::format("{} ({:.1f}% of types)", s.hapaxes,
                                        100.0 * static_cast<double>(s.hapaxes) / static_cast<double>(s.types))
                          : "0");
  line("dis legomena", fmt::format("{}", s.dis_legomena));
  if (s.lengths) {
    const auto& l = *s.lengths;
    o += "\ntokens per document\n";
    line("  min / max", fmt::format("{} / {}", l.min, l.max));
    line("  mean (stdev)", fmt::format("{:.2f} ({:.2f})", l.mean, l.stdev));
    line("  median", num(l.median));
    std::string ps;
    for (const auto& [p, v] : l.percentiles) ps += fmt::format("{}p{}={}", ps.empty() ? "" : "  ", num(p), num(v));
    line("  percentiles", ps);
  }
  if (s.zipf) {
    o += fmt::format("\nZipf fit (least squares of ln f on ln rank, ranks 1..{})\n", s.zipf->ranks);
    line("  exponent s", fmt::format("{:.4f}  (slope {:.4f})", s.zipf->exponent, s.zipf->slope));
    line("  R^2", fmt::format("{:.4f}", s.zipf->r_squared));
  }
  auto table = [&](const std::string& title, const std::vector<CountedItem>& items, std::uint64_t total) {
    if (items.empty()) return;
    o += "\n" + title + "\n";
    std::size_t w = 4;
    for (const auto& it : items) w = std::max(w, it.text.size());
    for (std::size_t i = 0; i < items.size(); ++i)
      o += fmt::format("{:>4}  {:<{}}  {:>10}  {:6.3f}%\n", i + 1, items[i].text, w, items[i].count,
                       100.0 * static_cast<double>(items[i].count) / static_cast<double>(total));
  };
  table("most frequent words", s.top_words, s.tokens);
  table(fmt::format("most frequent {}-grams", s.ngram_order), s.top_ngrams, s.ngram_tokens);
  return o;
}

std::string to_json(const CorpusStats& s) {
  std::string o = "{";
  o += fmt::format("\"documents\": {}, \"tokens\": {}, \"types\": {}, \"type_token_ratio\": {}, \"hapaxes\": {}, "
                   "\"dis_legomena\": {}, ",
                   s.documents, s.tokens, s.types, num(s.type_token_ratio), s.hapaxes, s.dis_legomena);
  o += "\"document_length\": ";
  if (s.lengths) {
    const auto& l = *s.lengths;
    o += fmt::format("{{\"unit\": \"tokens\", \"min\": {}, \"max\": {}, \"mean\": {}, \"stdev\": {}, \"median\": {}, "
                     "\"percentile_method\": \"linear\", \"percentiles\": {{",
                     l.min, l.max, num(l.mean), num(l.stdev), num(l.median));
    for (std::size_t i = 0; i < l.percentiles.size(); ++i)
      o += fmt::format("{}\"{}\": {}", i ? ", " : "", num(l.percentiles[i].first), num(l.percentiles[i].second));
    o += "}}";
  } else {
    o += "null";
  }
  o += ", \"zipf\": ";
  if (s.zipf)
    o += fmt::format("{{\"ranks\": {}, \"exponent\": {}, \"slope\": {}, \"intercept\": {}, \"r_squared\": {}}}",
                     s.zipf->ranks, num(s.zipf->exponent), num(s.zipf->slope), num(s.zipf->intercept),
                     num(s.zipf->r_squared));
  else
    o += "null";
  auto items = [&](const char* key, const std::vector<CountedItem>& v) {
    o += fmt::format(", \"{}\": [", key);
    for (std::size_t i = 0; i < v.size(); ++i) {
      o += i ? ", [" : "[";
      append_json_string(o, v[i].text);
      o += fmt::format(", {}]", v[i].count);
    }
    o += "]";
  };
  items("top_words", s.top_words);
  o += fmt::format(", \"ngram_order\": {}, \"ngram_tokens\": {}, \"ngram_types\": {}", s.ngram_order, s.ngram_tokens,
                   s.ngram_types);
  items("top_ngrams", s.top_ngrams);
  o += "}\n";
  return o;
}

}  // namespace nlp::stats
