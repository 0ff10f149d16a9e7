// NLTK 3.8's PorterStemmer (nltk/stem/porter.py) in its three modes, rule for rule, including the
// places where NLTK's code does something the paper does not say:
// - a rule list stops at the first rule whose suffix matches, even when its condition fails;
// - in Step 1b the "*d" rule, when the stem does not end in a double consonant, is also tried as
//   the literal suffix "*d" (so "ha*ding" gives "had");
// - the special-word pool (NLTK_EXTENSIONS) is looked up with the word as given, before
//   lowercasing, and the length <= 2 shortcut counts the code points of the word as given;
// - every character other than a, e, i, o, u (and y after a vowel) is a consonant: digits,
//   punctuation and non-ASCII letters alike, one code point at a time.
#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "morph/morph_internal.hpp"
#include "morph/porter_lancaster_word.hpp"

namespace nlp::morph {
namespace {

// When a rule whose suffix matched may fire; `stem` is the word without the suffix.
enum class Cond : std::uint8_t {
  none,
  m_gt0,      // measure(stem) > 0
  m_gt1,      // measure(stem) > 1
  ion,        // measure(stem) > 1 and stem ends in s or t
  logi_nltk,  // measure(word[:-3]) > 0: the "l" of "logi" stays with the stem
  y_nltk,     // len(stem) > 1 and the stem ends in a consonant
  y_vowel,    // the stem contains a vowel
  ll,         // measure(word[:-1]) > 1
};

struct Rule {
  std::string_view suffix, replacement;
  Cond cond;
};

// Rules of one step in order, with the rules each last letter can reach as a bit mask, so a
// word only tries the rules whose suffix ends in its last letter (order kept: lowest bit first).
class RuleList {
 public:
  explicit RuleList(std::vector<Rule> rules) : rules_(std::move(rules)) {
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      by_last_[static_cast<unsigned char>(rules_[i].suffix.back())] |= std::uint32_t{1} << i;
      keys_.push_back(detail::suffix_key(rules_[i].suffix));  // suffixes have at most 7 letters
      masks_.push_back(detail::suffix_mask(rules_[i].suffix.size()));
    }
  }
  std::uint32_t candidates(char32_t last) const noexcept { return last < 128 ? by_last_[last] : 0; }
  const Rule& rule(unsigned i) const noexcept { return rules_[i]; }
  // Whether a word of `length` characters whose detail::tail_key is `tail` ends with rule i.
  bool matches(unsigned i, std::uint64_t tail, std::size_t length) const noexcept {
    return (tail & masks_[i]) == keys_[i] && rules_[i].suffix.size() <= length;
  }

 private:
  std::vector<Rule> rules_;
  std::vector<std::uint64_t> keys_, masks_;
  std::array<std::uint32_t, 128> by_last_{};
};

struct ModeRules {
  RuleList step1a, step1c, step2, step3, step4, step5b;
};

ModeRules make_rules(PorterMode mode) {
  std::vector<Rule> step2 = {
      {"ational", "ate", Cond::m_gt0}, {"tional", "tion", Cond::m_gt0}, {"enci", "ence", Cond::m_gt0},
      {"anci", "ance", Cond::m_gt0},   {"izer", "ize", Cond::m_gt0},
      mode == PorterMode::original ? Rule{"abli", "able", Cond::m_gt0} : Rule{"bli", "ble", Cond::m_gt0},
      {"alli", "al", Cond::m_gt0},     {"entli", "ent", Cond::m_gt0},   {"eli", "e", Cond::m_gt0},
      {"ousli", "ous", Cond::m_gt0},   {"ization", "ize", Cond::m_gt0}, {"ation", "ate", Cond::m_gt0},
      {"ator", "ate", Cond::m_gt0},    {"alism", "al", Cond::m_gt0},    {"iveness", "ive", Cond::m_gt0},
      {"fulness", "ful", Cond::m_gt0}, {"ousness", "ous", Cond::m_gt0}, {"aliti", "al", Cond::m_gt0},
      {"iviti", "ive", Cond::m_gt0},   {"biliti", "ble", Cond::m_gt0},
  };
  if (mode == PorterMode::nltk) {
    step2.push_back({"fulli", "ful", Cond::m_gt0});
    step2.push_back({"logi", "log", Cond::logi_nltk});
  } else if (mode == PorterMode::martin) {
    step2.push_back({"logi", "log", Cond::m_gt0});
  }
  return ModeRules{
      RuleList({{"sses", "ss", Cond::none}, {"ies", "i", Cond::none}, {"ss", "ss", Cond::none},
                {"s", "", Cond::none}}),
      RuleList({{"y", "i", mode == PorterMode::nltk ? Cond::y_nltk : Cond::y_vowel}}),
      RuleList(std::move(step2)),
      RuleList({{"icate", "ic", Cond::m_gt0}, {"ative", "", Cond::m_gt0}, {"alize", "al", Cond::m_gt0},
                {"iciti", "ic", Cond::m_gt0}, {"ical", "ic", Cond::m_gt0}, {"ful", "", Cond::m_gt0},
                {"ness", "", Cond::m_gt0}}),
      RuleList({{"al", "", Cond::m_gt1},   {"ance", "", Cond::m_gt1}, {"ence", "", Cond::m_gt1},
                {"er", "", Cond::m_gt1},   {"ic", "", Cond::m_gt1},   {"able", "", Cond::m_gt1},
                {"ible", "", Cond::m_gt1}, {"ant", "", Cond::m_gt1},  {"ement", "", Cond::m_gt1},
                {"ment", "", Cond::m_gt1}, {"ent", "", Cond::m_gt1},  {"ion", "", Cond::ion},
                {"ou", "", Cond::m_gt1},   {"ism", "", Cond::m_gt1},  {"ate", "", Cond::m_gt1},
                {"iti", "", Cond::m_gt1},  {"ous", "", Cond::m_gt1},  {"ive", "", Cond::m_gt1},
                {"ize", "", Cond::m_gt1}}),
      RuleList({{"ll", "l", Cond::ll}}),
  };
}

const ModeRules& rules_for(PorterMode mode) {
  static const ModeRules nltk = make_rules(PorterMode::nltk);
  static const ModeRules martin = make_rules(PorterMode::martin);
  static const ModeRules original = make_rules(PorterMode::original);
  return mode == PorterMode::nltk ? nltk : mode == PorterMode::martin ? martin : original;
}

// NLTK_EXTENSIONS' irregular forms, matched against the word exactly as given.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kPool = {{
    {"sky", "sky"},         {"skies", "sky"},     {"dying", "die"},     {"lying", "lie"},
    {"tying", "tie"},       {"news", "news"},     {"innings", "inning"}, {"inning", "inning"},
    {"outings", "outing"},  {"outing", "outing"}, {"cannings", "canning"}, {"canning", "canning"},
    {"howe", "howe"},       {"proceed", "proceed"}, {"exceed", "exceed"}, {"succeed", "succeed"},
}};

// One run of the steps over s[0, n), where Ch is char (an ASCII word) or char32_t (code points).
// The buffer has room for the one character Step 1b may add.
template <class Ch>
class Steps {
 public:
  Steps(Ch* s, std::size_t n, PorterMode mode, const ModeRules& rules)
      : s_(s), n_(n), nltk_(mode == PorterMode::nltk), rules_(rules) {}

  std::size_t run() {
    step1a();
    step1b();
    apply(rules_.step1c);
    step2();
    apply(rules_.step3);
    apply(rules_.step4);
    step5a();
    apply(rules_.step5b);
    return n_;
  }

 private:
  static bool vowel(Ch c) noexcept { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

  // NLTK's _is_consonant: y is a consonant at the start and after a vowel; runs of y alternate.
  bool consonant(std::size_t i) const noexcept {
    std::size_t j = i;
    while (j > 0 && s_[j] == 'y') --j;
    const bool c = s_[j] == 'y' || !vowel(s_[j]);
    return ((i - j) & 1u) ? !c : c;
  }

  // The number of vowel-consonant boundaries in s[0, len).
  unsigned measure(std::size_t len) const noexcept {
    unsigned m = 0;
    bool prev_c = true;  // nothing before the first character counts as a vowel
    for (std::size_t i = 0; i < len; ++i) {
      const Ch ch = s_[i];
      const bool c = vowel(ch) ? false : ch == 'y' ? (i == 0 || !prev_c) : true;
      if (c && !prev_c && i > 0) ++m;
      prev_c = c;
    }
    return m;
  }

  bool contains_vowel(std::size_t len) const noexcept {
    bool prev_c = true;
    for (std::size_t i = 0; i < len; ++i) {
      const Ch ch = s_[i];
      const bool c = vowel(ch) ? false : ch == 'y' ? (i == 0 || !prev_c) : true;
      if (!c) return true;
      prev_c = c;
    }
    return false;
  }

  bool ends_double_consonant(std::size_t len) const noexcept {
    return len >= 2 && s_[len - 1] == s_[len - 2] && consonant(len - 1);
  }

  // Condition *o; NLTK_EXTENSIONS also accepts a two-letter vowel-consonant stem.
  bool ends_cvc(std::size_t len) const noexcept {
    if (len >= 3 && consonant(len - 3) && !consonant(len - 2) && consonant(len - 1)) {
      const Ch last = s_[len - 1];
      if (last != 'w' && last != 'x' && last != 'y') return true;
    }
    return nltk_ && len == 2 && !consonant(0) && consonant(1);
  }

  bool ends(std::string_view suffix) const noexcept {
    if (suffix.size() > n_) return false;
    const Ch* tail = s_ + (n_ - suffix.size());
    for (std::size_t i = 0; i < suffix.size(); ++i)
      if (tail[i] != static_cast<Ch>(static_cast<unsigned char>(suffix[i]))) return false;
    return true;
  }

  void append(std::string_view text) noexcept {
    for (const char c : text) s_[n_++] = static_cast<Ch>(static_cast<unsigned char>(c));
  }

  bool holds(Cond cond, std::size_t stem) const noexcept {
    switch (cond) {
      case Cond::none: return true;
      case Cond::m_gt0: return measure(stem) > 0;
      case Cond::m_gt1: return measure(stem) > 1;
      case Cond::ion: return measure(stem) > 1 && (s_[stem - 1] == 's' || s_[stem - 1] == 't');
      case Cond::logi_nltk: return measure(n_ - 3) > 0;
      case Cond::y_nltk: return stem > 1 && consonant(stem - 1);
      case Cond::y_vowel: return contains_vowel(stem);
      case Cond::ll: return measure(n_ - 1) > 1;
    }
    return false;
  }

  // NLTK's _apply_rule_list without the Step 1b specials: the first rule whose suffix matches
  // decides, whether or not its condition holds.
  void apply(const RuleList& list) noexcept {
    if (n_ == 0) return;
    std::uint32_t mask = list.candidates(static_cast<char32_t>(s_[n_ - 1]));
    if (!mask) return;
    const std::uint64_t tail = detail::tail_key(s_, n_);
    for (; mask; mask &= mask - 1) {
      const auto i = static_cast<unsigned>(std::countr_zero(mask));
      if (!list.matches(i, tail, n_)) continue;
      const Rule& r = list.rule(i);
      const std::size_t stem = n_ - r.suffix.size();
      if (holds(r.cond, stem)) {
        n_ = stem;
        append(r.replacement);
      }
      return;
    }
  }

  void step1a() noexcept {
    if (nltk_ && n_ == 4 && ends("ies")) {  // "dies" -> "die", but "flies" -> "fli"
      n_ = 3;
      return;
    }
    apply(rules_.step1a);
  }

  void step1b() noexcept {
    if (nltk_ && ends("ied")) {  // "died" -> "die", "spied" -> "spi"
      n_ -= n_ == 4 ? 1 : 2;
      return;
    }
    if (ends("eed")) {
      if (measure(n_ - 3) > 0) --n_;
      return;
    }
    if (ends("ed") && contains_vowel(n_ - 2))
      n_ -= 2;
    else if (ends("ing") && contains_vowel(n_ - 3))
      n_ -= 3;
    else
      return;
    if (ends("at") || ends("bl") || ends("iz")) {
      append("e");
    } else if (ends_double_consonant(n_)) {
      const Ch last = s_[n_ - 1];
      if (last != 'l' && last != 's' && last != 'z') --n_;
    } else if (ends("*d")) {
      s_[n_ - 2] = 'd';  // "*d" -> the stem's last letter, "d"
      --n_;
    } else if (measure(n_) == 1 && ends_cvc(n_)) {
      append("e");
    }
  }

  void step2() noexcept {
    // NLTK_EXTENSIONS tries ALLI -> AL first and, if it fires, runs Step 2 again on the result.
    if (nltk_ && ends("alli") && measure(n_ - 4) > 0) n_ -= 2;
    apply(rules_.step2);
  }

  // Both E rules are tried (NLTK does not use a rule list here).
  void step5a() noexcept {
    if (!ends("e")) return;
    const unsigned m = measure(n_ - 1);
    if (m > 1 || (m == 1 && !ends_cvc(n_ - 1))) --n_;
  }

  Ch* s_;
  std::size_t n_;
  bool nltk_;
  const ModeRules& rules_;
};

class PorterNltk final : public Stemmer {
 public:
  explicit PorterNltk(PorterMode mode) : mode_(mode), rules_(rules_for(mode)) {}

  std::string_view stem(std::string_view word) override {
    if (mode_ == PorterMode::nltk && word.size() >= 3 && word.size() <= 8)
      for (const auto& [form, stem] : kPool)
        if (word == form) return stem;
    const bool ascii = word_.load(word, 1);
    // Words of up to two characters (as given, before lowercasing) are only lowercased.
    const bool short_word = mode_ != PorterMode::original &&
                            (word.size() <= 2 || (word.size() <= 8 && detail::code_points(word) <= 2));
    if (ascii) {
      const std::size_t n =
          short_word ? word_.size() : Steps<char>(word_.bytes(), word_.size(), mode_, rules_).run();
      return word_.bytes_view(n);
    }
    const std::size_t n =
        short_word ? word_.size() : Steps<char32_t>(word_.wide(), word_.size(), mode_, rules_).run();
    return word_.encode(n);
  }

  std::unique_ptr<Stemmer> clone() const override { return std::make_unique<PorterNltk>(mode_); }

  std::string id() const override {
    return mode_ == PorterMode::nltk     ? "porter-nltk-v1"
           : mode_ == PorterMode::martin ? "porter-martin-v1"
                                         : "porter-original-v1";
  }

 private:
  PorterMode mode_;
  const ModeRules& rules_;
  detail::LoweredWord word_;
};

}  // namespace

std::unique_ptr<Stemmer> make_porter_nltk(PorterMode mode) { return std::make_unique<PorterNltk>(mode); }

}  // namespace nlp::morph
