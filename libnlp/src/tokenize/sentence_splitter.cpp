#include "nlp/tokenize/sentence_splitter.hpp"

#include <string>
#include <unordered_set>

#include "nlp/data/bundled.hpp"
#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "text/icu_util.hpp"

namespace nlp {

struct SentenceSplitter::Abbreviations {
  std::unordered_set<std::string> title;  // never ends a sentence
  std::unordered_set<std::string> may;    // ends one unless lowercase or a digit follows
  bool continue_after_question = false;   // "?" or "!" + lowercase word: same sentence
};

namespace {

std::string primary_language(const std::string& tag) {
  std::string lang;
  for (const char c : tag) {
    if (c == '-' || c == '_') break;
    lang.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return lang;
}

bool is_space_at(std::string_view s, std::size_t i, std::uint32_t& len) {
  return unicode::is_space(utf8::decode_valid(s.data() + i, len));
}

// Opening punctuation that may precede a word: ( [ { " ' « “ ‘ ¿ ¡ and the like.
bool is_opening(char32_t c) {
  return c == U'(' || c == U'[' || c == U'{' || c == U'"' || c == U'\'' || c == U'«' ||
         c == U'“' || c == U'‘' || c == U'¿' || c == U'¡' || c == U'„';
}

}  // namespace

SentenceSplitter::SentenceSplitter(const std::string& lang)
    : lang_(lang),
      iter_(std::make_unique<detail::SharedBreakIterator>(detail::BreakKind::sentence, lang)),
      abbrev_(std::make_unique<Abbreviations>()) {
  const std::string primary = primary_language(lang);
  abbrev_->continue_after_question = primary == "es";
  const std::string file = "abbreviations/" + primary + ".tsv";
  for (const std::string_view line : data::bundled_lines(file)) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string word(line.substr(0, tab));
    if (line.substr(tab + 1) == "title") abbrev_->title.insert(std::move(word));
    else abbrev_->may.insert(std::move(word));
  }
}

SentenceSplitter::~SentenceSplitter() = default;

void SentenceSplitter::split(std::string_view text, std::uint64_t base,
                             std::vector<ByteSpan>& out) const {
  if (text.empty()) return;
  detail::Utf8Text ut(text);
  icu::BreakIterator& bi = iter_->local();
  UErrorCode status = U_ZERO_ERROR;
  bi.setText(ut.get(), status);
  if (U_FAILURE(status)) throw Error("ICU: cannot set break iterator text");

  // Decides whether the ICU boundary at `b` (segment [start, b)) should be dropped.
  auto keep_together = [&](std::size_t start, std::size_t b) {
    std::size_t e = b;
    while (e > start) {
      std::uint32_t len;
      const char32_t c = utf8::decode_before(text, e, len);
      if (!unicode::is_space(c)) break;
      e -= len;
    }
    if (e == start) return false;
    // Spanish: "¿Qué pasó? dijo él": after ! or ? a lowercase word continues the sentence (in
    // English informal text it mostly starts a new one).
    if (abbrev_->continue_after_question) {
      std::size_t k = e;
      std::uint32_t len;
      while (k > start) {
        const char32_t c = utf8::decode_before(text, k, len);
        if (c != U'"' && c != U'\'' && c != U')' && c != U'\u201D' && c != U'\u2019' && c != U'\u00BB') break;
        k -= len;
      }
      if (k > start && (text[k - 1] == '!' || text[k - 1] == '?')) {
        std::size_t i = b;
        while (i < text.size() && is_space_at(text, i, len)) i += len;
        if (i < text.size()) {
          const char32_t c = utf8::decode_valid(text.data() + i, len);
          if (unicode::is_alpha(c) && unicode::simple_lower(c) == c) return true;
        }
        return false;
      }
    }
    if (text[e - 1] != '.') return false;
    // The last whitespace-separated word (and the last two, for "p. ej.").
    auto word_start = [&](std::size_t end) {
      std::size_t w = end;
      while (w > start) {
        std::uint32_t len;
        const char32_t c = utf8::decode_before(text, w, len);
        if (unicode::is_space(c)) break;
        w -= len;
      }
      return w;
    };
    const std::size_t raw_w1 = word_start(e);
    std::size_t w1 = raw_w1;
    while (w1 < e) {  // strip opening punctuation: "(Dr." -> "Dr."
      std::uint32_t len;
      if (!is_opening(utf8::decode_valid(text.data() + w1, len))) break;
      w1 += len;
    }
    const std::string_view word = text.substr(w1, e - w1);
    std::string_view two;
    std::size_t s = raw_w1;
    while (s > start) {
      std::uint32_t len;
      if (!unicode::is_space(utf8::decode_before(text, s, len))) break;
      s -= len;
    }
    if (s < raw_w1 && s > start) two = text.substr(word_start(s), e - word_start(s));
    // The first character of the next sentence, after opening punctuation.
    char32_t next = 0;
    for (std::size_t i = b; i < text.size();) {
      std::uint32_t len;
      const char32_t c = utf8::decode_valid(text.data() + i, len);
      i += len;
      if (unicode::is_space(c) || is_opening(c)) continue;
      next = c;
      break;
    }
    const std::string w(word);
    // The first half of a two-word abbreviation ("EE." of "EE. UU.", "p." of "p. ej.").
    std::size_t nb = b, ne = b;
    while (ne < text.size()) {
      std::uint32_t len;
      if (is_space_at(text, ne, len)) break;
      ne += len;
    }
    if (ne > nb) {
      const std::string joined = w + " " + std::string(text.substr(nb, ne - nb));
      if (abbrev_->title.count(joined) || abbrev_->may.count(joined)) return true;
    }
    if (abbrev_->title.count(w) || (!two.empty() && abbrev_->title.count(std::string(two))))
      return true;
    const bool lower_or_digit =
        next != 0 && (unicode::is_decimal(next) || unicode::simple_lower(next) == next) &&
        unicode::is_word(next);
    if ((abbrev_->may.count(w) || (!two.empty() && abbrev_->may.count(std::string(two)))) &&
        lower_or_digit)
      return true;
    // An initial ("J.") before a capitalized word is part of a name.
    std::uint32_t len = 0;
    if (word.size() >= 2) {
      const char32_t c = utf8::decode_valid(word.data(), len);
      if (len + 1 == word.size() && unicode::is_alpha(c) && unicode::simple_lower(c) != c &&
          next != 0 && unicode::is_alpha(next) && unicode::simple_lower(next) != next)
        return true;
    }
    return false;
  };

  auto emit = [&](std::size_t s, std::size_t e) {
    std::uint32_t len;
    while (s < e && is_space_at(text, s, len)) s += len;
    while (e > s) {
      const char32_t c = utf8::decode_before(text, e, len);
      if (!unicode::is_space(c)) break;
      e -= len;
    }
    if (s < e) out.push_back({base + s, base + e});
  };

  // UAX #29 never ends a sentence at "." when the next word is lowercase (SB8), even after a
  // digit or a dash ("palestinos. 28 de noviembre", "nada. - Dijo"), which informal text and
  // news datelines break all the time. Break there when the word before the period is an
  // ordinary lowercase-bearing word of two or more letters and no abbreviation.
  auto lowercase_breaks = [&](std::size_t from, std::size_t to, std::vector<std::size_t>& cuts) {
    for (std::size_t p = text.find('.', from); p != std::string_view::npos && p < to;
         p = text.find('.', p + 1)) {
      std::size_t q = p + 1;
      std::size_t spaces = 0;
      while (q < to) {
        std::uint32_t len;
        if (!is_space_at(text, q, len)) break;
        q += len;
        ++spaces;
      }
      if (spaces == 0 || q >= to) continue;
      std::uint32_t len;
      const char32_t next = utf8::decode_valid(text.data() + q, len);
      const bool starts_low = unicode::is_alpha(next) && unicode::simple_lower(next) == next;
      const bool starts_other = unicode::is_decimal(next) || next == U'-' || next == U'\u2013' ||
                                next == U'\u2014';
      if (!starts_low && !starts_other) continue;
      std::size_t w = p;
      std::size_t letters = 0;
      bool lower = false, ok = true;
      while (w > from) {
        const char32_t c = utf8::decode_before(text, w, len);
        if (unicode::is_space(c) || is_opening(c)) break;
        if (!unicode::is_alpha(c)) {
          ok = false;
          break;
        }
        lower |= unicode::simple_lower(c) == c;
        ++letters;
        w -= len;
      }
      if (!ok || letters < 2 || !lower) continue;
      const std::string word(text.substr(w, p + 1 - w));
      if (abbrev_->title.count(word) || abbrev_->may.count(word)) continue;
      cuts.push_back(q);
    }
  };

  std::size_t sent_start = 0;
  std::size_t seg_start = static_cast<std::size_t>(bi.first());
  std::vector<std::size_t> cuts;
  for (int32_t next = bi.next(); next != icu::BreakIterator::DONE; next = bi.next()) {
    const auto b = static_cast<std::size_t>(next);
    cuts.clear();
    lowercase_breaks(seg_start, b, cuts);
    for (const std::size_t c : cuts) {
      emit(sent_start, c);
      sent_start = c;
    }
    if (b < text.size() && keep_together(seg_start, b)) {
      seg_start = b;
      continue;
    }
    emit(sent_start, b);
    sent_start = seg_start = b;
  }
  if (sent_start < text.size()) emit(sent_start, text.size());
}

}  // namespace nlp
