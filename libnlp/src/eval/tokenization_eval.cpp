#include "nlp/eval/tokenization_eval.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/tokenize/sentence_splitter.hpp"
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp::eval {
namespace {

double ratio(std::uint64_t num, std::uint64_t den) noexcept {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

// Calls f(begin, length, is_space) for every code point of `s` (invalid bytes count as
// non-space characters of one byte).
template <class F>
void for_each_char(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      f(i, std::size_t{1}, b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F));
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(s, i);
    const std::size_t len = d.length == 0 ? 1 : d.length;
    f(i, len, d.valid && unicode::is_space(d.cp));
    i += len;
  }
}

std::string remove_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_char(s, [&](std::size_t b, std::size_t len, bool space) {
    if (!space) out.append(s.substr(b, len));
  });
  return out;
}

// A short quoted excerpt for messages.
std::string excerpt(std::string_view s, std::size_t from) {
  std::size_t end = std::min(s.size(), from + 24);
  while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
  return fmt::format("{:?}", s.substr(from, end - from));
}

// Byte offsets of `text` -> offsets in `text` without whitespace. Stores the whitespace runs
// only, so memory grows with the number of words, not of bytes.
class UnspacedMap {
 public:
  explicit UnspacedMap(std::string_view text) {
    std::uint64_t removed = 0;
    for_each_char(text, [&](std::size_t b, std::size_t len, bool space) {
      if (!space) return;
      if (!runs_.empty() && runs_.back().end == b) {
        runs_.back().end = b + len;
      } else {
        runs_.push_back({b, b + len, removed});
      }
      removed += len;
    });
  }
  std::uint64_t map(std::uint64_t offset) const {
    // The last run starting before `offset`.
    auto it = std::upper_bound(runs_.begin(), runs_.end(), offset,
                               [](std::uint64_t o, const Run& r) { return o <= r.begin; });
    if (it == runs_.begin()) return offset;
    --it;
    const std::uint64_t in_run = std::min(offset, it->end) - it->begin;
    return offset - it->removed_before - in_run;
  }

 private:
  struct Run {
    std::uint64_t begin, end, removed_before;
  };
  std::vector<Run> runs_;
};

}  // namespace

double PrfCounts::precision() const noexcept { return ratio(matched, system); }
double PrfCounts::recall() const noexcept { return ratio(matched, gold); }
double PrfCounts::f1() const noexcept { return ratio(2 * matched, gold + system); }

PrfCounts& PrfCounts::operator+=(const PrfCounts& o) noexcept {
  gold += o.gold;
  system += o.system;
  matched += o.matched;
  return *this;
}

std::vector<ByteSpan> gold_token_ranges(const GoldSentence& gold) {
  const std::string text = remove_space(gold.text);
  const std::string sid = gold.id.empty() ? std::string("without sent_id") : "'" + gold.id + "'";
  std::vector<ByteSpan> ranges;
  ranges.reserve(gold.forms.size());
  std::uint64_t at = 0;
  for (std::size_t k = 0; k < gold.forms.size(); ++k) {
    const std::string form = remove_space(gold.forms[k]);
    if (form.empty()) {
      throw InputError(gold.pos,
                       fmt::format("sentence {}: token {} has an empty form", sid, k + 1));
    }
    if (std::string_view(text).substr(at, form.size()) != form) {
      throw InputError(
          gold.pos,
          fmt::format("sentence {}: the token forms do not spell the text (whitespace ignored): "
                      "token {} is {:?} but the text continues with {}; fix the forms or "
                      "the '# text' comment",
                      sid, k + 1, gold.forms[k], at < text.size() ? excerpt(text, at) : "nothing"));
    }
    ranges.push_back({at, at + form.size()});
    at += form.size();
  }
  if (at != text.size()) {
    throw InputError(gold.pos,
                     fmt::format("sentence {}: the token forms end before the text, which "
                                 "continues with {}; fix the forms or the '# text' comment",
                                 sid, excerpt(text, at)));
  }
  return ranges;
}

std::vector<ByteSpan> unspaced_ranges(std::string_view text, std::span<const ByteSpan> spans) {
  const UnspacedMap map(text);
  std::vector<ByteSpan> out;
  out.reserve(spans.size());
  for (const ByteSpan& s : spans) {
    if (s.end > text.size() || s.begin > s.end) {
      throw UsageError(fmt::format("span [{}, {}) is not inside a text of {} bytes", s.begin,
                                   s.end, text.size()));
    }
    const ByteSpan r{map.map(s.begin), map.map(s.end)};
    if (r.end > r.begin) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const ByteSpan& a, const ByteSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

PrfCounts match_ranges(std::span<const ByteSpan> gold, std::span<const ByteSpan> system) {
  // Both lists are sorted by (begin, end) without duplicates: count the common ranges. For
  // ranges that do not overlap this is exactly conll18_ud_eval.py's walk over start offsets;
  // overlapping system ranges (character n-grams) are also counted correctly.
  PrfCounts c{gold.size(), system.size(), 0};
  auto less = [](const ByteSpan& a, const ByteSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  };
  std::size_t g = 0, s = 0;
  while (g < gold.size() && s < system.size()) {
    if (less(system[s], gold[g])) {
      ++s;
    } else if (less(gold[g], system[s])) {
      ++g;
    } else {
      ++c.matched;
      ++g;
      ++s;
    }
  }
  return c;
}

PrfCounts score_tokens(const GoldSentence& gold, std::span<const ByteSpan> system) {
  const std::vector<ByteSpan> g = gold_token_ranges(gold);
  const std::vector<ByteSpan> s = unspaced_ranges(gold.text, system);
  return match_ranges(g, s);
}

PrfCounts score_sentences(std::string_view text, std::span<const ByteSpan> gold,
                          std::span<const ByteSpan> system) {
  return match_ranges(unspaced_ranges(text, gold), unspaced_ranges(text, system));
}

TokenizationEvaluator::TokenizationEvaluator(const Tokenizer& tokenizer,
                                             const SentenceSplitter* splitter)
    : tokenizer_(&tokenizer), splitter_(splitter) {}

TokenizationEvaluator::TokenizationEvaluator(const SentenceSplitter* splitter)
    : tokenizer_(nullptr), splitter_(splitter) {}

namespace {
void check_text(const GoldSentence& s) {
  const std::size_t bad = utf8::find_invalid(s.text);
  if (bad != std::string_view::npos) {
    throw InputError(s.pos, fmt::format("sentence '{}': invalid UTF-8 in the text at byte {} ({})",
                                        s.id, bad, utf8::hex_bytes(s.text, bad)));
  }
}
}  // namespace

void TokenizationEvaluator::add(const GoldSentence& s) {
  if (tokenizer_ == nullptr)
    throw UsageError("this evaluator has no tokenizer; pass the system tokens");
  check_text(s);
  TokenBuffer buf;
  tokenizer_->tokenize(s.text, 0, buf);
  std::vector<ByteSpan> spans;
  spans.reserve(buf.tokens.size());
  for (const Token& t : buf.tokens) spans.push_back(t.source);
  add_scored(s, score_tokens(s, spans));
}

void TokenizationEvaluator::add(const GoldSentence& s, std::span<const ByteSpan> system_tokens) {
  check_text(s);
  add_scored(s, score_tokens(s, system_tokens));
}

void TokenizationEvaluator::add_scored(const GoldSentence& s, const PrfCounts& tokens) {
  scores_.tokens += tokens;
  if (s.new_document && doc_open_) flush_document();
  if (!doc_open_) {
    doc_open_ = true;
    ++scores_.documents;
  } else if (splitter_ != nullptr) {
    doc_text_ += s.new_paragraph ? '\n' : ' ';
  }
  if (splitter_ == nullptr) return;
  doc_gold_.push_back({doc_text_.size(), doc_text_.size() + s.text.size()});
  doc_text_ += s.text;
}

void TokenizationEvaluator::flush_document() {
  if (splitter_ != nullptr && doc_open_) {
    std::vector<ByteSpan> spans;
    splitter_->split(doc_text_, 0, spans);
    scores_.sentences += score_sentences(doc_text_, doc_gold_, spans);
  }
  doc_text_.clear();
  doc_gold_.clear();
  doc_open_ = false;
}

TokenizationScores TokenizationEvaluator::finish() {
  flush_document();
  TokenizationScores out = scores_;
  scores_ = {};
  return out;
}

}  // namespace nlp::eval
