// NLTK 3.8's own Snowball stemmers for English and Spanish (nltk/stem/snowball.py, EnglishStemmer
// and SpanishStemmer with ignore_stopwords=False), reproduced step by step, quirks included:
//   English: the special-word table, the apostrophe handling (U+2018, U+2019 and U+201B become
//     "'", one leading "'" is dropped), Step 1a's vowel search that skips the last two letters,
//     Step 1b's "short word" test, R2 set to "e" after -ational/-ation/-ator/-iveness/-iviti when
//     R2 was shorter than the suffix, and Step 5's test for a short syllable.
//   Spanish: Step 2b runs even when Step 2a removed a suffix, the accents are removed from the
//     whole word after an attached pronoun, and again at the end.
// Regions are kept as lengths of suffixes of the word. In NLTK they are strings that are
// suffixes of the word whenever they are read (each slice of the word is applied to them too, and
// a slice of a shorter region leaves it empty), so "r1.endswith(s)" for a suffix s of the word is
// "r1 is at least as long as s". Where NLTK stops updating a region and reads it again (Spanish
// Step 1 after -idad, Step 2b after "gu"), the code says why the result is the same.
// Lengths count code points, as Python's str does. The steps work on "word bytes", one byte per
// code point of the lowercased word, with 8 readable bytes before the word (suffixes are compared
// as 64-bit words) and room for one more byte after it (English Step 1b may add an "e"):
//   - an ASCII word is its own bytes;
//   - otherwise a code point below U+0100 is its Latin-1 byte, and every other code point (and
//     each invalid byte) is the stand-in byte 0x80. Both algorithms treat all code points outside
//     Latin-1 alike (a non-vowel in no suffix) and never change or move them, except that English
//     drops a leading apostrophe; so a 0x80 at position j of the stem is the code point at
//     position j (or j + 1) of the word. For English, U+2018, U+2019 and U+201B become "'" there,
//     as NLTK does after its special-word and length tests, which no word with them can pass.
// Lowercasing is Python's str.lower(): ASCII and Latin-1 inline, other code points by their
// simple lowercase mapping, words with U+0130 or a capital sigma by ICU's full mapping
// (nlp::apply_case). Bytes that are not valid UTF-8 are kept as they are and count as one
// non-letter each, which is what Python does with a word decoded with errors="surrogateescape".
// A stemmer object owns its buffers: one object per thread (clone()).
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "morph/morph_internal.hpp"
#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::morph {
namespace {

using Suffix = std::u32string_view;

// ---- characters ----

inline std::uint32_t cp(char c) noexcept { return static_cast<unsigned char>(c); }

// Membership in a set of code points below U+0100 (vowel sets and the like), one table load.
class Latin1Set {
 public:
  constexpr explicit Latin1Set(std::u32string_view members) {
    for (const char32_t c : members) member_[c] = true;
  }
  constexpr bool has(std::uint32_t c) const noexcept { return c < 256 && member_[c]; }

 private:
  std::array<bool, 256> member_{};
};

// ---- suffix lists, searched in NLTK's order ----

// A suffix list kept in the order NLTK tries it, bucketed by last code point, so finding the first
// suffix the word ends with (NLTK's "for suffix in ...: if word.endswith(suffix)") looks only at
// the suffixes ending in the word's last letter, still in list order. Suffixes have 1 to 8 code
// points, all below U+0100, so each is compared as one masked 64-bit word with the last eight
// bytes of the word (word bytes have 8 readable bytes before them, for short words).
template <std::size_t N>
class SuffixList {
 public:
  constexpr explicit SuffixList(const std::array<Suffix, N>& list) : list_(list) {
    std::array<std::uint8_t, 257> count{};
    for (const Suffix s : list_) {
      if (s.empty() || s.size() > 8) throw "suffixes have 1 to 8 code points";
      for (const char32_t c : s)
        if (c > 0xFF) throw "suffixes are Latin-1";
      ++count[s.back() + 1];
    }
    for (std::size_t b = 1; b < 257; ++b) begin_[b] = static_cast<std::uint8_t>(begin_[b - 1] + count[b]);
    std::array<std::uint8_t, 256> fill{};
    for (std::size_t i = 0; i < N; ++i) {
      const Suffix s = list_[i];
      const std::size_t k = begin_[s.back()] + fill[s.back()]++;
      index_[k] = static_cast<std::uint8_t>(i);
      length_[k] = static_cast<std::uint8_t>(s.size());
      // Byte j of the last eight bytes of the word is bits 8j..8j+7 of a little-endian load and
      // bits 56-8j..63-8j of a big-endian one.
      for (std::size_t j = 8 - s.size(); j < 8; ++j) {
        const std::size_t shift = std::endian::native == std::endian::little ? 8 * j : 56 - 8 * j;
        packed_[k] |= std::uint64_t{s[j - (8 - s.size())]} << shift;
        mask_[k] |= std::uint64_t{0xFF} << shift;
      }
    }
  }

  const Suffix& operator[](int i) const noexcept { return list_[static_cast<std::size_t>(i)]; }

  // Index of the first suffix (in list order) of length <= max_len that w[0, n) ends with and
  // that satisfies accept(index), or -1. The 8 bytes before w + n must be readable.
  template <class Accept>
  int find(const char* w, std::size_t n, std::size_t max_len, Accept accept) const {
    if (n == 0) return -1;
    const std::uint32_t last = cp(w[n - 1]);
    std::uint64_t tail = 0;
    std::memcpy(&tail, w + n - 8, 8);
    const std::size_t limit = std::min(n, max_len);
    for (std::size_t k = begin_[last]; k < begin_[last + 1]; ++k) {
      if (length_[k] <= limit && (tail & mask_[k]) == packed_[k] && accept(static_cast<int>(index_[k])))
        return index_[k];
    }
    return -1;
  }
  int find(const char* w, std::size_t n, std::size_t max_len = SIZE_MAX) const {
    return find(w, n, max_len, [](int) { return true; });
  }

 private:
  std::array<Suffix, N> list_;
  std::array<std::uint8_t, 257> begin_{};
  std::array<std::uint8_t, N> index_{}, length_{};
  std::array<std::uint64_t, N> packed_{}, mask_{};
};

template <std::size_t N>
constexpr int index_of(const std::array<Suffix, N>& list, Suffix s) {
  for (std::size_t i = 0; i < N; ++i)
    if (list[i] == s) return static_cast<int>(i);
  throw "suffix not in list";
}

bool ends_with(const char* w, std::size_t n, Suffix s) noexcept {
  if (s.size() > n) return false;
  const char* tail = w + (n - s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (cp(tail[i]) != s[i]) return false;
  return true;
}

bool starts_with(const char* w, std::size_t n, Suffix s) noexcept {
  if (s.size() > n) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (cp(w[i]) != s[i]) return false;
  return true;
}

// Python's region[:-k] on a region of length r.
constexpr std::size_t cut(std::size_t r, std::size_t k) noexcept { return r > k ? r - k : 0; }

// Replaces the last `k` code points of w[0, n) with `with`; returns the new length.
std::size_t replace_tail(char* w, std::size_t n, std::size_t k, Suffix with) noexcept {
  n -= k;
  for (const char32_t c : with) w[n++] = static_cast<char>(c);
  return n;
}

// Python's region of a word scanned from `start`: the length of what follows the first non-vowel
// that follows a vowel (positions > start), or 0. NLTK's _r1r2_standard.
template <class IsVowel>
std::size_t region_after(const char* w, std::size_t start, std::size_t n, IsVowel vowel) {
  for (std::size_t i = start + 1; i < n; ++i)
    if (!vowel(cp(w[i])) && vowel(cp(w[i - 1]))) return n - i - 1;
  return 0;
}

// ======================= English =======================

constexpr Latin1Set kEnVowels{U"aeiouy"};
constexpr Latin1Set kWxY{U"wxY"};
constexpr Latin1Set kLiEnding{U"cdeghkmnrt"};
inline bool en_vowel(std::uint32_t c) noexcept { return kEnVowels.has(c); }

struct SpecialWord {
  std::string_view word, stem;
};
constexpr std::array<SpecialWord, 40> kEnSpecial = {{
    {"skis", "ski"},         {"skies", "sky"},         {"dying", "die"},
    {"lying", "lie"},        {"tying", "tie"},         {"idly", "idl"},
    {"gently", "gentl"},     {"ugly", "ugli"},         {"early", "earli"},
    {"only", "onli"},        {"singly", "singl"},      {"sky", "sky"},
    {"news", "news"},        {"howe", "howe"},         {"atlas", "atlas"},
    {"cosmos", "cosmos"},    {"bias", "bias"},         {"andes", "andes"},
    {"inning", "inning"},    {"innings", "inning"},    {"outing", "outing"},
    {"outings", "outing"},   {"canning", "canning"},   {"cannings", "canning"},
    {"herring", "herring"},  {"herrings", "herring"},  {"earring", "earring"},
    {"earrings", "earring"}, {"proceed", "proceed"},   {"proceeds", "proceed"},
    {"proceeded", "proceed"}, {"proceeding", "proceed"}, {"exceed", "exceed"},
    {"exceeds", "exceed"},   {"exceeded", "exceed"},   {"exceeding", "exceed"},
    {"succeed", "succeed"},  {"succeeds", "succeed"},  {"succeeded", "succeed"},
    {"succeeding", "succeed"},
}};
constexpr std::size_t kEnSpecialMaxLength = 10;

// The special words grouped by length and first letter: those of key length * 26 + letter are
// kEnSpecial[kEnSpecialOrder[i]] for i in [kEnSpecialBegin[key], kEnSpecialBegin[key + 1]).
constexpr std::size_t kEnSpecialKeys = (kEnSpecialMaxLength + 1) * 26;
constexpr std::size_t special_key(std::size_t length, std::uint32_t letter) { return length * 26 + letter; }
constexpr std::array<std::uint8_t, kEnSpecialKeys + 1> kEnSpecialBegin = [] {
  std::array<std::uint8_t, kEnSpecialKeys + 1> begin{};
  for (const SpecialWord& s : kEnSpecial) ++begin[special_key(s.word.size(), static_cast<std::uint32_t>(s.word[0] - 'a')) + 1];
  for (std::size_t k = 1; k <= kEnSpecialKeys; ++k) begin[k] = static_cast<std::uint8_t>(begin[k] + begin[k - 1]);
  return begin;
}();
constexpr std::array<std::uint8_t, kEnSpecial.size()> kEnSpecialOrder = [] {
  std::array<std::uint8_t, kEnSpecial.size()> order{};
  std::array<std::uint8_t, kEnSpecialKeys> fill{};
  for (std::size_t i = 0; i < kEnSpecial.size(); ++i) {
    const std::size_t key = special_key(kEnSpecial[i].word.size(), static_cast<std::uint32_t>(kEnSpecial[i].word[0] - 'a'));
    order[kEnSpecialBegin[key] + fill[key]++] = static_cast<std::uint8_t>(i);
  }
  return order;
}();

// The special word w[0, n) is, or nullptr.
const SpecialWord* en_special(const char* w, std::size_t n) noexcept {
  if (n > kEnSpecialMaxLength) return nullptr;
  const std::uint32_t letter = cp(w[0]) - 'a';
  if (letter >= 26) return nullptr;
  const std::size_t key = special_key(n, letter);
  for (std::size_t k = kEnSpecialBegin[key]; k < kEnSpecialBegin[key + 1]; ++k) {
    const SpecialWord& s = kEnSpecial[kEnSpecialOrder[k]];
    bool same = true;
    for (std::size_t i = 1; i < n && same; ++i) same = cp(w[i]) == static_cast<unsigned char>(s.word[i]);
    if (same) return &s;
  }
  return nullptr;
}

constexpr Suffix kGener = U"gener", kArsen = U"arsen", kCommun = U"commun";
constexpr std::array<Suffix, 3> kEnStep0List = {U"'s'", U"'s", U"'"};
constexpr std::array<Suffix, 6> kEnStep1aList = {U"sses", U"ied", U"ies", U"us", U"ss", U"s"};
constexpr std::array<Suffix, 6> kEnStep1bList = {U"eedly", U"ingly", U"edly", U"eed", U"ing", U"ed"};
constexpr std::array<Suffix, 24> kEnStep2List = {
    U"ization", U"ational", U"fulness", U"ousness", U"iveness", U"tional", U"biliti", U"lessli",
    U"entli",   U"ation",   U"alism",   U"aliti",   U"ousli",   U"iviti",  U"fulli",  U"enci",
    U"anci",    U"abli",    U"izer",    U"ator",    U"alli",    U"bli",    U"ogi",    U"li"};
constexpr std::array<Suffix, 9> kEnStep3List = {U"ational", U"tional", U"alize", U"icate", U"iciti",
                                                U"ative",   U"ical",   U"ness",  U"ful"};
constexpr std::array<Suffix, 18> kEnStep4List = {U"ement", U"ance", U"ence", U"able", U"ible", U"ment",
                                                 U"ant",   U"ent",  U"ism",  U"ate",  U"iti",  U"ous",
                                                 U"ive",   U"ize",  U"ion",  U"al",   U"er",   U"ic"};
constexpr std::array<Suffix, 9> kEnDoubles = {U"bb", U"dd", U"ff", U"gg", U"mm", U"nn", U"pp", U"rr", U"tt"};

bool ends_with_double(const char* w, std::size_t n) noexcept {
  for (const Suffix d : kEnDoubles)
    if (ends_with(w, n, d)) return true;
  return false;
}

constexpr SuffixList<3> kEnStep0{kEnStep0List};
constexpr SuffixList<6> kEnStep1a{kEnStep1aList};
constexpr SuffixList<6> kEnStep1b{kEnStep1bList};
constexpr SuffixList<24> kEnStep2{kEnStep2List};
constexpr SuffixList<9> kEnStep3{kEnStep3List};
constexpr SuffixList<18> kEnStep4{kEnStep4List};

// EnglishStemmer.stem after lowercasing, on word bytes; returns the length of the stem,
// written over w.
std::size_t english(char* w, std::size_t n) {
  if (n <= 2) return n;
  if (const SpecialWord* s = en_special(w, n)) {
    for (std::size_t i = 0; i < s->stem.size(); ++i) w[i] = static_cast<char>(s->stem[i]);
    return s->stem.size();
  }
  // (Typographic apostrophes became "'" when the word was made bytes.) One leading "'" goes.
  if (w[0] == '\'') {
    std::memmove(w, w + 1, n - 1);
    --n;
  }
  // One pass, left to right: "y" at the start or after a vowel becomes "Y" (a consonant); R1 and
  // R2 start after the first and the second non-vowel that follows a vowel (the second such
  // position is always inside R1); and the first vowel is noted for Steps 1a and 1b, which look
  // for a vowel before the suffix (only the end of the word changes before them).
  bool marked = false;
  if (cp(w[0]) == 'y') {
    w[0] = static_cast<char>('Y');
    marked = true;
  }
  bool prev_vowel = en_vowel(cp(w[0]));
  std::size_t first_vowel = prev_vowel ? 0 : n, r1_start = n, r2_start = n;
  for (std::size_t i = 1; i < n; ++i) {
    std::uint32_t c = cp(w[i]);
    if (c == 'y' && prev_vowel) {
      w[i] = static_cast<char>('Y');
      c = 'Y';
      marked = true;
    }
    const bool vowel = en_vowel(c);
    if (vowel && first_vowel == n) first_vowel = i;
    if (!vowel && prev_vowel) {
      if (r1_start == n) {
        r1_start = i + 1;
      } else if (r2_start == n) {
        r2_start = i + 1;
      }
    }
    prev_vowel = vowel;
  }
  std::size_t r1 = n - std::min(r1_start, n), r2 = n - std::min(r2_start, n);
  if (starts_with(w, n, kGener) || starts_with(w, n, kArsen) || starts_with(w, n, kCommun)) {
    r1 = n - (cp(w[0]) == 'c' ? 6 : 5);  // word[5:] or word[6:]
    r2 = region_after(w, n - r1, n, en_vowel);
  }
  // Removes k code points from the word and (as far as they reach) from both regions.
  auto drop = [&](std::size_t k) {
    n -= k;
    r1 = cut(r1, k);
    r2 = cut(r2, k);
  };
  // suffix_replace of a suffix of length k by `with` on the word and on R1; R2 keeps the
  // replacement when it held the whole suffix, else becomes `r2_short` long ("" or "e").
  auto replace = [&](std::size_t k, Suffix with, std::size_t r2_short) {
    n = replace_tail(w, n, k, with);
    r1 = r1 >= k ? r1 - k + with.size() : 0;
    r2 = r2 >= k ? r2 - k + with.size() : r2_short;
  };
  auto has_vowel = [&](std::size_t end) { return first_vowel < end; };

  // Step 0
  if (const int m = kEnStep0.find(w, n); m >= 0) drop(kEnStep0[m].size());

  // Step 1a
  switch (kEnStep1a.find(w, n)) {
    case index_of(kEnStep1aList, U"sses"): drop(2); break;
    case index_of(kEnStep1aList, U"ied"):
    case index_of(kEnStep1aList, U"ies"): drop(n - 3 > 1 ? 2 : 1); break;
    case index_of(kEnStep1aList, U"s"):
      if (has_vowel(cut(n, 2))) drop(1);
      break;
    default: break;  // "us", "ss" or none
  }

  // Step 1b
  if (const int m = kEnStep1b.find(w, n); m >= 0) {
    const std::size_t k = kEnStep1b[m].size();
    if (m == index_of(kEnStep1bList, U"eed") || m == index_of(kEnStep1bList, U"eedly")) {
      if (r1 >= k) replace(k, U"ee", 0);
    } else if (has_vowel(n - k)) {
      drop(k);
      if (ends_with(w, n, U"at") || ends_with(w, n, U"bl") || ends_with(w, n, U"iz")) {
        w[n++] = static_cast<char>('e');
        ++r1;
        if (n > 5 || r1 >= 3) ++r2;
      } else if (ends_with_double(w, n)) {
        drop(1);
      } else if ((r1 == 0 && n >= 3 && !en_vowel(cp(w[n - 1])) && !kWxY.has(cp(w[n - 1])) &&
                  en_vowel(cp(w[n - 2])) && !en_vowel(cp(w[n - 3]))) ||
                 (r1 == 0 && n == 2 && en_vowel(cp(w[0])) && !en_vowel(cp(w[1])))) {
        w[n++] = static_cast<char>('e');
        if (r1 > 0) ++r1;
        if (r2 > 0) ++r2;
      }
    }
  }

  // Step 1c: a final y or Y after a non-vowel becomes i (the regions keep their lengths).
  if (n > 2 && (cp(w[n - 1]) == 'y' || cp(w[n - 1]) == 'Y') && !en_vowel(cp(w[n - 2])))
    w[n - 1] = static_cast<char>('i');

  // Step 2
  if (const int m = kEnStep2.find(w, n); m >= 0 && r1 >= kEnStep2[m].size()) {
    const std::size_t k = kEnStep2[m].size();
    switch (m) {
      case index_of(kEnStep2List, U"tional"):
      case index_of(kEnStep2List, U"entli"):
      case index_of(kEnStep2List, U"fulli"):
      case index_of(kEnStep2List, U"lessli"): drop(2); break;
      case index_of(kEnStep2List, U"enci"):
      case index_of(kEnStep2List, U"anci"):
      case index_of(kEnStep2List, U"abli"): w[n - 1] = static_cast<char>('e'); break;
      case index_of(kEnStep2List, U"izer"):
      case index_of(kEnStep2List, U"ization"): replace(k, U"ize", 0); break;
      case index_of(kEnStep2List, U"ational"):
      case index_of(kEnStep2List, U"ation"):
      case index_of(kEnStep2List, U"ator"): replace(k, U"ate", 1); break;
      case index_of(kEnStep2List, U"alism"):
      case index_of(kEnStep2List, U"aliti"):
      case index_of(kEnStep2List, U"alli"): replace(k, U"al", 0); break;
      case index_of(kEnStep2List, U"fulness"): drop(4); break;
      case index_of(kEnStep2List, U"ousli"):
      case index_of(kEnStep2List, U"ousness"): replace(k, U"ous", 0); break;
      case index_of(kEnStep2List, U"iveness"):
      case index_of(kEnStep2List, U"iviti"): replace(k, U"ive", 1); break;
      case index_of(kEnStep2List, U"biliti"):
      case index_of(kEnStep2List, U"bli"): replace(k, U"ble", 0); break;
      case index_of(kEnStep2List, U"ogi"):
        if (n >= 4 && cp(w[n - 4]) == 'l') drop(1);
        break;
      case index_of(kEnStep2List, U"li"):
        if (n >= 3 && kLiEnding.has(cp(w[n - 3]))) drop(2);
        break;
      default: break;
    }
  }

  // Step 3
  if (const int m = kEnStep3.find(w, n); m >= 0 && r1 >= kEnStep3[m].size()) {
    const std::size_t k = kEnStep3[m].size();
    switch (m) {
      case index_of(kEnStep3List, U"tional"): drop(2); break;
      case index_of(kEnStep3List, U"ational"): replace(k, U"ate", 0); break;
      case index_of(kEnStep3List, U"alize"): drop(3); break;
      case index_of(kEnStep3List, U"icate"):
      case index_of(kEnStep3List, U"iciti"):
      case index_of(kEnStep3List, U"ical"): replace(k, U"ic", 0); break;
      case index_of(kEnStep3List, U"ful"):
      case index_of(kEnStep3List, U"ness"): drop(k); break;
      case index_of(kEnStep3List, U"ative"):
        if (r2 >= 5) drop(5);
        break;
      default: break;
    }
  }

  // Step 4
  if (const int m = kEnStep4.find(w, n); m >= 0 && r2 >= kEnStep4[m].size()) {
    if (m == index_of(kEnStep4List, U"ion")) {
      if (n >= 4 && (cp(w[n - 4]) == 's' || cp(w[n - 4]) == 't')) drop(3);
    } else {
      drop(kEnStep4[m].size());
    }
  }

  // Step 5
  if (r2 >= 1 && n >= 2 && cp(w[n - 1]) == 'l' && cp(w[n - 2]) == 'l') {
    --n;
  } else if (r2 >= 1 && cp(w[n - 1]) == 'e') {
    --n;
  } else if (r1 >= 1 && cp(w[n - 1]) == 'e') {
    if (n >= 4 && (en_vowel(cp(w[n - 2])) || kWxY.has(cp(w[n - 2])) || !en_vowel(cp(w[n - 3])) ||
                   en_vowel(cp(w[n - 4]))))
      --n;
  }

  if (marked) {
    for (std::size_t i = 0; i < n; ++i)
      if (cp(w[i]) == 'Y') w[i] = static_cast<char>('y');
  }
  return n;
}

// ======================= Spanish =======================

constexpr Latin1Set kEsVowels{U"aeiou\u00E1\u00E9\u00ED\u00F3\u00FA\u00FC"};
inline bool es_vowel(std::uint32_t c) noexcept { return kEsVowels.has(c); }

constexpr std::array<Suffix, 13> kEsStep0List = {U"selas", U"selos", U"sela", U"selo", U"las",
                                                 U"les",   U"los",   U"nos",  U"me",   U"se",
                                                 U"la",    U"le",    U"lo"};
constexpr std::array<Suffix, 10> kEsStep0BeforeList = {U"ando", U"\u00E1ndo", U"ar",  U"\u00E1r",
                                                       U"er",   U"\u00E9r",   U"iendo", U"i\u00E9ndo",
                                                       U"ir",   U"\u00EDr"};
constexpr std::array<Suffix, 47> kEsStep1List = {
    U"amientos", U"imientos", U"amiento", U"imiento",    U"acion",      U"aciones",   U"uciones",
    U"adoras",   U"adores",   U"ancias",  U"log\u00EDas", U"encias",    U"amente",    U"idades",
    U"anzas",    U"ismos",    U"ables",   U"ibles",      U"istas",      U"adora",     U"aci\u00F3n",
    U"antes",    U"ancia",    U"log\u00EDa", U"uci\u00F3n", U"encia",   U"mente",     U"anza",
    U"icos",     U"icas",     U"ismo",    U"able",       U"ible",       U"ista",      U"osos",
    U"osas",     U"ador",     U"ante",    U"idad",       U"ivas",       U"ivos",      U"ico",
    U"ica",      U"oso",      U"osa",     U"iva",        U"ivo"};
constexpr std::array<Suffix, 12> kEsStep2aList = {U"yeron", U"yendo", U"yamos", U"yais", U"yan", U"yen",
                                                  U"yas",   U"yes",   U"ya",    U"ye",   U"yo",  U"y\u00F3"};
constexpr std::array<Suffix, 96> kEsStep2bList = {
    U"ar\u00EDamos", U"er\u00EDamos", U"ir\u00EDamos", U"i\u00E9ramos", U"i\u00E9semos", U"ar\u00EDais",
    U"aremos",       U"er\u00EDais",  U"eremos",       U"ir\u00EDais",  U"iremos",       U"ierais",
    U"ieseis",       U"asteis",       U"isteis",       U"\u00E1bamos",  U"\u00E1ramos",  U"\u00E1semos",
    U"ar\u00EDan",   U"ar\u00EDas",   U"ar\u00E9is",   U"er\u00EDan",   U"er\u00EDas",   U"er\u00E9is",
    U"ir\u00EDan",   U"ir\u00EDas",   U"ir\u00E9is",   U"ieran",        U"iesen",        U"ieron",
    U"iendo",        U"ieras",        U"ieses",        U"abais",        U"arais",        U"aseis",
    U"\u00E9amos",   U"ar\u00E1n",    U"ar\u00E1s",    U"ar\u00EDa",    U"er\u00E1n",    U"er\u00E1s",
    U"er\u00EDa",    U"ir\u00E1n",    U"ir\u00E1s",    U"ir\u00EDa",    U"iera",         U"iese",
    U"aste",         U"iste",         U"aban",         U"aran",         U"asen",         U"aron",
    U"ando",         U"abas",         U"adas",         U"idas",         U"aras",         U"ases",
    U"\u00EDais",    U"ados",         U"idos",         U"amos",         U"imos",         U"emos",
    U"ar\u00E1",     U"ar\u00E9",     U"er\u00E1",     U"er\u00E9",     U"ir\u00E1",     U"ir\u00E9",
    U"aba",          U"ada",          U"ida",          U"ara",          U"ase",          U"\u00EDan",
    U"ado",          U"ido",          U"\u00EDas",     U"\u00E1is",     U"\u00E9is",     U"\u00EDa",
    U"ad",           U"ed",           U"id",           U"an",           U"i\u00F3",      U"ar",
    U"er",           U"ir",           U"as",           U"\u00EDs",      U"en",           U"es"};
constexpr std::array<Suffix, 8> kEsStep3List = {U"os",     U"a",      U"e",      U"o",
                                                U"\u00E1", U"\u00E9", U"\u00ED", U"\u00F3"};

constexpr SuffixList<13> kEsStep0{kEsStep0List};
constexpr SuffixList<10> kEsStep0Before{kEsStep0BeforeList};
constexpr SuffixList<47> kEsStep1{kEsStep1List};
constexpr SuffixList<12> kEsStep2a{kEsStep2aList};
constexpr SuffixList<96> kEsStep2b{kEsStep2bList};
constexpr SuffixList<8> kEsStep3{kEsStep3List};

// á é í ó ú -> a e i o u (ü stays), NLTK's __replace_accented.
void es_unaccent(char* w, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    switch (cp(w[i])) {
      case 0xE1: w[i] = 'a'; break;
      case 0xE9: w[i] = 'e'; break;
      case 0xED: w[i] = 'i'; break;
      case 0xF3: w[i] = 'o'; break;
      case 0xFA: w[i] = 'u'; break;
      default: break;
    }
  }
}

// SpanishStemmer.stem after lowercasing, on word bytes; returns the length of the stem,
// written over w.
std::size_t spanish(char* w, std::size_t n) {
  std::size_t r1 = region_after(w, 0, n, es_vowel);
  std::size_t r2 = region_after(w, n - r1, n, es_vowel);
  // RV (NLTK's _rv_standard).
  std::size_t rv = 0;
  if (n >= 2) {
    if (!es_vowel(cp(w[1]))) {
      for (std::size_t i = 2; i < n; ++i)
        if (es_vowel(cp(w[i]))) {
          rv = n - i - 1;
          break;
        }
    } else if (es_vowel(cp(w[0]))) {
      for (std::size_t i = 2; i < n; ++i)
        if (!es_vowel(cp(w[i]))) {
          rv = n - i - 1;
          break;
        }
    } else {
      rv = cut(n, 3);
    }
  }

  // Step 0: an attached pronoun, in RV, after a gerund or infinitive (in RV too). The first
  // pronoun that the word and RV end with decides, whether or not the rest qualifies.
  if (const int m = kEsStep0.find(w, n, rv); m >= 0) {
    const std::size_t k = kEsStep0[m].size();
    const std::size_t rest = n - k, rv_rest = rv - k;
    if (kEsStep0Before.find(w, rest, rv_rest) >= 0 ||
        (rv_rest >= 5 && ends_with(w, rest, U"uyendo"))) {
      n = rest;
      r1 = cut(r1, k);
      r2 = cut(r2, k);
      rv = rv_rest;
      es_unaccent(w, n);
    }
  }

  // Step 1: the first suffix of the list that the word ends with decides.
  bool step1_success = false;
  if (const int m = kEsStep1.find(w, n); m >= 0) {
    const std::size_t k = kEsStep1[m].size();
    // Both drop k from the word and RV, and from R2 (which later tests read); the rest leave R2.
    auto drop = [&](std::size_t d) {
      n -= d;
      r2 = cut(r2, d);
      rv = cut(rv, d);
    };
    auto drop_word_rv = [&](std::size_t d) {
      n -= d;
      rv = cut(rv, d);
    };
    auto replace = [&](Suffix with) {
      n = replace_tail(w, n, k, with);
      rv = cut(rv, k) + with.size();
    };
    auto r2_ends = [&](Suffix s) { return r2 >= s.size() && ends_with(w, n, s); };
    if (m == index_of(kEsStep1List, U"amente") && r1 >= k) {
      step1_success = true;
      drop(6);
      if (r2_ends(U"iv")) {
        drop(2);
        if (r2_ends(U"at")) drop_word_rv(2);
      } else if (r2_ends(U"os") || r2_ends(U"ic") || r2_ends(U"ad")) {
        drop_word_rv(2);
      }
    } else if (r2 >= k) {
      step1_success = true;
      switch (m) {
        case index_of(kEsStep1List, U"adora"):
        case index_of(kEsStep1List, U"ador"):
        case index_of(kEsStep1List, U"aci\u00F3n"):
        case index_of(kEsStep1List, U"adoras"):
        case index_of(kEsStep1List, U"adores"):
        case index_of(kEsStep1List, U"acion"):
        case index_of(kEsStep1List, U"aciones"):
        case index_of(kEsStep1List, U"ante"):
        case index_of(kEsStep1List, U"antes"):
        case index_of(kEsStep1List, U"ancia"):
        case index_of(kEsStep1List, U"ancias"):
          drop(k);
          if (r2_ends(U"ic")) drop_word_rv(2);
          break;
        case index_of(kEsStep1List, U"log\u00EDa"):
        case index_of(kEsStep1List, U"log\u00EDas"): replace(U"log"); break;
        case index_of(kEsStep1List, U"uci\u00F3n"):
        case index_of(kEsStep1List, U"uciones"): replace(U"u"); break;
        case index_of(kEsStep1List, U"encia"):
        case index_of(kEsStep1List, U"encias"): replace(U"ente"); break;
        case index_of(kEsStep1List, U"mente"):
          drop(k);
          if (r2_ends(U"ante") || r2_ends(U"able") || r2_ends(U"ible")) drop_word_rv(4);
          break;
        case index_of(kEsStep1List, U"idad"):
        case index_of(kEsStep1List, U"idades"):
          // NLTK tries "abil", "ic" and "iv" in turn without shortening R2 after a removal; no
          // string ends with two of them, so at most one is removed.
          drop(k);
          if (r2_ends(U"abil")) drop_word_rv(4);
          else if (r2_ends(U"ic") || r2_ends(U"iv")) drop_word_rv(2);
          break;
        case index_of(kEsStep1List, U"ivo"):
        case index_of(kEsStep1List, U"iva"):
        case index_of(kEsStep1List, U"ivos"):
        case index_of(kEsStep1List, U"ivas"):
          drop(k);
          if (r2_ends(U"at")) drop_word_rv(2);
          break;
        default: drop_word_rv(k); break;
      }
    }
  }

  if (!step1_success) {
    // Step 2a: a suffix beginning with y, in RV, after a "u" of the word.
    const int a = kEsStep2a.find(w, n, rv, [&](int i) {
      const std::size_t k = kEsStep2a[i].size();
      return n > k && cp(w[n - k - 1]) == 'u';
    });
    if (a >= 0) {
      n -= kEsStep2a[a].size();
      rv -= kEsStep2a[a].size();
    }
    // Step 2b runs whether or not Step 2a removed something.
    if (const int b = kEsStep2b.find(w, n, rv); b >= 0) {
      const std::size_t k = kEsStep2b[b].size();
      n -= k;
      rv -= k;
      if (b == index_of(kEsStep2bList, U"en") || b == index_of(kEsStep2bList, U"es") ||
          b == index_of(kEsStep2bList, U"\u00E9is") || b == index_of(kEsStep2bList, U"emos")) {
        if (ends_with(w, n, U"gu")) {
          --n;
          // NLTK shortens RV only when RV itself ends with "gu"; an RV of just "u" stays "u",
          // no longer a suffix of the word. No Step 3 suffix ends with "u", so an empty RV
          // behaves the same from here on.
          rv = rv >= 2 ? rv - 1 : 0;
        }
      }
    }
  }

  // Step 3: a residual suffix in RV.
  if (const int m = kEsStep3.find(w, n, rv); m >= 0) {
    const std::size_t k = kEsStep3[m].size();
    n -= k;
    if (m == index_of(kEsStep3List, U"e") || m == index_of(kEsStep3List, U"\u00E9")) {
      rv -= k;
      if (ends_with(w, n, U"gu") && rv >= 1) --n;
    }
  }

  es_unaccent(w, n);
  return n;
}

// ======================= the stemmer object =======================

enum class Language { english, spanish };

// Word bytes (see the top of the file): the padding before the word and the stand-in byte.
constexpr std::size_t kPad = 8;
constexpr unsigned char kStandIn = 0x80;

// ASCII letters and Latin-1 capitals (U+00C0..U+00DE except U+00D7) lowercase by +0x20; every
// other code point below U+0100 is its own lowercase in Python's str.lower().
inline std::uint32_t lower_latin1(std::uint32_t c) noexcept {
  return (c - 'A' < 26u || (c - 0xC0u < 0x1Fu && c != 0xD7u)) ? c + 0x20 : c;
}

constexpr std::uint64_t kHighBits = 0x8080808080808080u;

// ASCII capitals of eight ASCII bytes to lowercase (bytes with the high bit set give garbage).
inline std::uint64_t lower_ascii8(std::uint64_t x) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  const std::uint64_t ge_a = x + kOnes * (0x80 - 'A');      // high bit: byte >= 'A'
  const std::uint64_t gt_z = x + kOnes * (0x80 - 'Z' - 1);  // high bit: byte > 'Z'
  return x | (((ge_a & ~gt_z) & kHighBits) >> 2);
}

// Surrogate escapes of invalid bytes (Python's errors="surrogateescape").
constexpr char32_t kEscapeBase = 0xDC00;

inline bool is_apostrophe(char32_t c) noexcept { return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201B; }

// Appends the UTF-8 of `c` at o[len] (an escaped invalid byte as that byte).
inline void put_utf8(char* o, std::size_t& len, char32_t c) noexcept {
  if (c < 0x80) {
    o[len++] = static_cast<char>(c);
  } else if (c < 0x800) {
    o[len++] = static_cast<char>(0xC0 | (c >> 6));
    o[len++] = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c - (kEscapeBase + 0x80) < 0x80u) {
    o[len++] = static_cast<char>(c - kEscapeBase);
  } else if (c < 0x10000) {
    o[len++] = static_cast<char>(0xE0 | (c >> 12));
    o[len++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    o[len++] = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    o[len++] = static_cast<char>(0xF0 | (c >> 18));
    o[len++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    o[len++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    o[len++] = static_cast<char>(0x80 | (c & 0x3F));
  }
}

class SnowballNltkStemmer final : public Stemmer {
 public:
  explicit SnowballNltkStemmer(Language lang) : lang_(lang) {}

  std::string_view stem(std::string_view word) override {
    // Lowercase eight bytes at a time while checking that they are ASCII.
    const std::size_t size = word.size();
    if (bytes_.size() < kPad + size + 8) bytes_.resize(kPad + size + 8);
    char* w = bytes_.data() + kPad;
    std::uint64_t high = 0;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t x = 0;
      std::memcpy(&x, word.data() + i, 8);
      high |= x;
      x = lower_ascii8(x);
      std::memcpy(w + i, &x, 8);
    }
    if (i < size) {
      std::uint64_t x = 0;
      std::memcpy(&x, word.data() + i, size - i);
      high |= x;
      x = lower_ascii8(x);
      std::memcpy(w + i, &x, 8);
    }
    if (!(high & kHighBits)) return {w, run(w, size)};
    return stem_code_points(word);
  }

  std::unique_ptr<Stemmer> clone() const override { return std::make_unique<SnowballNltkStemmer>(lang_); }

  std::string id() const override {
    return lang_ == Language::english ? "snowball-english-nltk-v1" : "snowball-spanish-nltk-v1";
  }

 private:
  std::size_t run(char* w, std::size_t n) const {
    return lang_ == Language::english ? english(w, n) : spanish(w, n);
  }

  // A word with a byte >= 0x80: its lowercased code points go to cps_ and their bytes (see above)
  // to bytes_, and the stem is written as UTF-8 to out_.
  std::string_view stem_code_points(std::string_view word) {
    std::size_t m = lower_to_bytes(word, true);
    if (m == kNeedsFullMapping) {
      lower_full(word);
      m = lower_to_bytes(lowered_, false);
    }
    if (out_.size() < 4 * m + 4) out_.resize(4 * m + 4);
    char* o = out_.data();
    std::size_t len = 0;
    if (lang_ == Language::english && m <= 2) {  // NLTK returns such a word lowercased
      for (std::size_t k = 0; k < m; ++k) put_utf8(o, len, cps_[k]);
      return {o, len};
    }
    char* w = bytes_.data() + kPad;
    const std::size_t shift = lang_ == Language::english && is_apostrophe(cps_[0]) ? 1 : 0;
    const std::size_t n = run(w, m);
    for (std::size_t j = 0; j < n; ++j) {
      const auto b = static_cast<unsigned char>(w[j]);
      put_utf8(o, len, b == kStandIn ? cps_[j + shift] : b);
    }
    return {o, len};
  }

  static constexpr std::size_t kNeedsFullMapping = SIZE_MAX;

  // Decodes `in` (an invalid byte as its surrogate escape) into cps_, lowercasing each code point
  // when `lower` is set, and writes the bytes the algorithms see to bytes_ (after kPad). Returns
  // the number of code points, or kNeedsFullMapping when `in` has U+0130 or a capital sigma.
  // Python's lowercase of a code point is its simple lowercase mapping (UnicodeData.txt) except
  // for U+0130, which becomes two code points, and capital sigma, which depends on its neighbours
  // (Final_Sigma).
  std::size_t lower_to_bytes(std::string_view in, bool lower) {
    if (cps_.size() < in.size()) cps_.resize(in.size());
    if (bytes_.size() < kPad + in.size() + 8) bytes_.resize(kPad + in.size() + 8);
    char32_t* out = cps_.data();
    char* w = bytes_.data() + kPad;
    const bool english = lang_ == Language::english;
    std::size_t m = 0;
    for (std::size_t i = 0; i < in.size();) {
      const auto b = static_cast<unsigned char>(in[i]);
      char32_t c = 0;
      if (b < 0x80) {
        c = b;
        ++i;
      } else if (b >= 0xC2 && b < 0xE0 && i + 1 < in.size() &&
                 (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
        c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3Fu);
        i += 2;
      } else {
        const utf8::Decoded d = utf8::decode(in, i);
        c = d.valid ? d.cp : kEscapeBase + b;
        i += d.valid ? d.length : 1;  // each invalid byte is escaped on its own
      }
      if (lower) {
        if (c < 0x100) {
          c = lower_latin1(c);
        } else if (c - 0x2000u < 0x100u) {
          // General Punctuation, super- and subscripts, currency symbols and combining marks
          // for symbols (quotes, dashes, ...): no case mappings.
        } else if (c == 0x130 || c == 0x3A3) {
          return kNeedsFullMapping;
        } else {
          c = unicode::simple_lower(c);
        }
      }
      out[m] = c;
      w[m] = english && is_apostrophe(c) ? '\'' : static_cast<char>(c < 0x100 ? c : kStandIn);
      ++m;
    }
    return m;
  }

  // lowered_ = Python's word.lower() through ICU's full mapping, one valid stretch at a time: an
  // invalid byte is neither cased nor case-ignorable, so it ends the context of a final sigma
  // just as the end of a string does; invalid bytes are copied.
  void lower_full(std::string_view word) {
    lowered_.clear();
    std::size_t i = 0;
    while (i < word.size()) {
      std::size_t j = i;
      while (j < word.size()) {
        if (static_cast<unsigned char>(word[j]) < 0x80) {
          ++j;
          continue;
        }
        const utf8::Decoded d = utf8::decode(word, j);
        if (!d.valid) break;
        j += d.length;
      }
      if (j > i) {
        apply_case(word.substr(i, j - i), CaseMode::lower, piece_);
        lowered_ += piece_;
      }
      if (j < word.size()) {
        const utf8::Decoded d = utf8::decode(word, j);
        lowered_.append(word.substr(j, d.length));
        j += d.length;
      }
      i = j;
    }
  }

  Language lang_;
  std::string bytes_;   // kPad bytes, then the word being stemmed, one byte per code point
  std::string out_;     // UTF-8 stem of a non-ASCII word
  std::u32string cps_;  // lowercased code points of a non-ASCII word
  std::string lowered_, piece_;
};

}  // namespace

std::unique_ptr<Stemmer> make_snowball_nltk(const std::string& language) {
  if (language == "english") return std::make_unique<SnowballNltkStemmer>(Language::english);
  if (language == "spanish") return std::make_unique<SnowballNltkStemmer>(Language::spanish);
  throw UsageError("snowball (nltk compatibility): unknown language '" + language +
                   "'; NLTK's own Snowball ports are available for: english, spanish");
}

}  // namespace nlp::morph
