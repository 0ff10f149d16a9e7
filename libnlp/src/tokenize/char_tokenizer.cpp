#include "nlp/tokenize/char_tokenizer.hpp"

#include <fmt/format.h>

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "text/icu_util.hpp"

namespace nlp {

CharTokenizer::CharTokenizer()
    : iter_(std::make_unique<detail::SharedBreakIterator>(detail::BreakKind::character, "und")) {}

CharTokenizer::~CharTokenizer() = default;

namespace {
bool all_space(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t len;
    if (!unicode::is_space(utf8::decode_valid(s.data() + i, len))) return false;
    i += len;
  }
  return true;
}
}  // namespace

void CharTokenizer::tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const {
  bool ascii = true;
  for (const char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    // Every ASCII character is its own grapheme cluster (CR LF is whitespace either way).
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!unicode::is_space(static_cast<unsigned char>(text[i])))
        out.tokens.push_back({text.substr(i, 1), {base + i, base + i + 1}});
    }
    return;
  }
  detail::Utf8Text ut(text);
  icu::BreakIterator& bi = iter_->local();
  UErrorCode status = U_ZERO_ERROR;
  bi.setText(ut.get(), status);
  if (U_FAILURE(status)) throw Error("ICU: cannot set break iterator text");
  auto start = static_cast<std::size_t>(bi.first());
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; end = bi.next()) {
    const auto e = static_cast<std::size_t>(end);
    const std::string_view seg = text.substr(start, e - start);
    if (!all_space(seg)) out.tokens.push_back({seg, {base + start, base + e}});
    start = e;
  }
}

CharNgramTokenizer::CharNgramTokenizer(std::size_t min_n, std::size_t max_n, bool word_bounded)
    : min_n_(min_n), max_n_(max_n), wb_(word_bounded) {
  if (min_n_ == 0 || min_n_ > max_n_)
    throw UsageError(fmt::format("char n-grams: invalid n-gram range ({}, {}); need 1 <= min <= max",
                                 min_n_, max_n_));
}

namespace {

// One code point of the whitespace-normalized text: its bytes in the normalized text and the
// original span it stands for.
struct Unit {
  std::uint32_t out_begin, out_end;
  std::uint64_t src_begin, src_end;
};

}  // namespace

void CharNgramTokenizer::tokenize(std::string_view text, std::uint64_t base,
                                  TokenBuffer& out) const {
  // Normalize as scikit-learn's _white_spaces.sub(" ", text): a run of 2+ whitespace -> " ".
  std::string norm;
  std::vector<Unit> units;
  norm.reserve(text.size());
  units.reserve(text.size());
  bool changed = false;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t len;
    const char32_t c = utf8::decode_valid(text.data() + i, len);
    if (unicode::is_space(c)) {
      std::size_t j = i + len, run = 1;
      while (j < text.size()) {
        std::uint32_t l2;
        if (!unicode::is_space(utf8::decode_valid(text.data() + j, l2))) break;
        j += l2;
        ++run;
      }
      if (run >= 2) {
        const auto ob = static_cast<std::uint32_t>(norm.size());
        norm.push_back(' ');
        units.push_back({ob, ob + 1, base + i, base + j});
        changed = true;
        i = j;
        continue;
      }
    }
    const auto ob = static_cast<std::uint32_t>(norm.size());
    norm.append(text.data() + i, len);
    units.push_back({ob, ob + len, base + i, base + i + len});
    i += len;
  }
  const std::string_view nv = changed ? out.arena.store(norm) : text;

  if (!wb_) {
    const std::size_t n_units = units.size();
    for (std::size_t n = min_n_; n <= max_n_ && n <= n_units; ++n) {
      for (std::size_t i = 0; i + n <= n_units; ++i) {
        const Unit& a = units[i];
        const Unit& b = units[i + n - 1];
        out.tokens.push_back(
            {nv.substr(a.out_begin, b.out_end - a.out_begin), {a.src_begin, b.src_end}});
      }
    }
    return;
  }

  // char_wb: words are split on whitespace (str.split()), then padded with spaces.
  std::string padded;
  std::vector<const Unit*> chars;
  for (std::size_t i = 0; i < units.size();) {
    std::uint32_t len;
    if (unicode::is_space(utf8::decode_valid(nv.data() + units[i].out_begin, len))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < units.size() &&
           !unicode::is_space(utf8::decode_valid(nv.data() + units[j].out_begin, len)))
      ++j;
    // Padded word: ' ' + units[i..j) + ' '; positions 0 and w_len-1 are padding.
    padded.assign(" ");
    chars.assign(1, nullptr);
    for (std::size_t k = i; k < j; ++k) {
      padded.append(nv.substr(units[k].out_begin, units[k].out_end - units[k].out_begin));
      chars.push_back(&units[k]);
    }
    padded.push_back(' ');
    chars.push_back(nullptr);
    // Byte offset of each padded code point, plus the end.
    std::vector<std::size_t> offs;
    offs.reserve(chars.size() + 1);
    offs.push_back(0);
    for (std::size_t k = 1; k < chars.size(); ++k)
      offs.push_back(k == chars.size() - 1 ? padded.size() - 1 : chars[k]->out_begin - chars[1]->out_begin + 1);
    offs.push_back(padded.size());
    const std::string_view pw = out.arena.store(padded);
    const std::size_t w_len = chars.size();
    const std::uint64_t word_begin = units[i].src_begin, word_end = units[j - 1].src_end;
    auto emit = [&](std::size_t off, std::size_t n) {
      const std::size_t end = std::min(off + n, w_len);
      std::uint64_t sb = word_end, se = word_begin;
      for (std::size_t k = off; k < end; ++k) {
        if (!chars[k]) continue;
        sb = std::min(sb, chars[k]->src_begin);
        se = std::max(se, chars[k]->src_end);
      }
      if (sb > se) sb = se = (off == 0 ? word_begin : word_end);  // only padding
      out.tokens.push_back({pw.substr(offs[off], offs[end] - offs[off]), {sb, se}});
    };
    for (std::size_t n = min_n_; n <= max_n_; ++n) {
      std::size_t offset = 0;
      emit(offset, n);
      while (offset + n < w_len) {
        ++offset;
        emit(offset, n);
      }
      if (offset == 0) break;  // a word shorter than n is counted once
    }
    i = j;
  }
}

}  // namespace nlp
