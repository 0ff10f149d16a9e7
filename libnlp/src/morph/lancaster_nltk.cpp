// NLTK 3.8's LancasterStemmer (nltk/stem/lancaster.py) with its default rules and no prefix
// stripping: the Paice/Husk algorithm as NLTK runs it, including two things the paper does not
// say:
// - the rules tried are those of the last character of the word's leading run of letters
//   (str.isalpha(), so "ab1c" is keyed by "b"), while a rule's ending is matched against the end
//   of the whole word;
// - a rule marked "intact" fires only while the word still equals the lowercased input.
// Letters are those of the Unicode version of the Python NLTK runs on (3.11: Unicode 14.0).
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>

#include "morph/morph_internal.hpp"
#include "morph/porter_lancaster_word.hpp"
#include "nlp/text/unicode.hpp"

namespace nlp::morph {
namespace {

// The default rule table of the Paice/Husk stemmer, in its usual notation: the ending reversed,
// "*" when the word must be intact, the number of characters to remove, the characters to
// append, and ">" to continue or "." to stop.
constexpr std::array<std::string_view, 115> kDefaultRules = {
    "ai*2.",   "a*1.",    "bb1.",     "city3s.",  "ci2>",    "cn1t>",    "dd1.",     "dei3y>",
    "deec2ss.", "dee1.",  "de2>",     "dooh4>",   "e1>",     "feil1v.",  "fi2>",     "gni3>",
    "gai3y.",  "ga2>",    "gg1.",     "ht*2.",    "hsiug5ct.", "hsi3>",  "i*1.",     "i1y>",
    "ji1d.",   "juf1s.",  "ju1d.",    "jo1d.",    "jeh1r.",  "jrev1t.",  "jsim2t.",  "jn1d.",
    "j1s.",    "lbaifi6.", "lbai4y.", "lba3>",    "lbi3.",   "lib2l>",   "lc1.",     "lufi4y.",
    "luf3>",   "lu2.",    "lai3>",    "lau3>",    "la2>",    "ll1.",     "mui3.",    "mu*2.",
    "msi3>",   "mm1.",    "nois4j>",  "noix4ct.", "noi3>",   "nai3>",    "na2>",     "nee0.",
    "ne2>",    "nn1.",    "pihs4>",   "pp1.",     "re2>",    "rae0.",    "ra2.",     "ro2>",
    "ru2>",    "rr1.",    "rt1>",     "rei3y>",   "sei3y>",  "sis2.",    "si2>",     "ssen4>",
    "ss0.",    "suo3>",   "su*2.",    "s*1>",     "s0.",     "tacilp4y.", "ta2>",    "tnem4>",
    "tne3>",   "tna3>",   "tpir2b.",  "tpro2b.",  "tcud1.",  "tpmus2.",  "tpec2iv.", "tulo2v.",
    "tsis0.",  "tsi3>",   "tt1.",     "uqi3.",    "ugo1.",   "vis3j>",   "vie0.",    "vi2>",
    "ylb1>",   "yli3y>",  "ylp0.",    "yl2>",     "ygo1.",   "yhp1.",    "ymo1.",    "ypo1.",
    "yti3>",   "yte3>",   "ytl2.",    "yrtsi5.",  "yra3>",   "yro3>",    "yfi3.",    "ycn2t>",
    "yca3>",   "zi2>",    "zy1s.",
};

struct Rule {
  std::string ending;  // in reading order
  std::string append;
  std::uint64_t key = 0, mask = 0;  // the ending packed for detail::tail_key
  std::uint8_t remove = 0;
  bool intact = false;
  bool stop = false;
};

// The rules grouped by the letter they are keyed by (the ending's last letter), in table order.
class RuleTable {
 public:
  RuleTable() {
    for (const std::string_view text : kDefaultRules) {
      Rule r;
      std::size_t i = 0;
      while (text[i] >= 'a' && text[i] <= 'z') ++i;
      r.ending.assign(text.rbegin() + static_cast<std::ptrdiff_t>(text.size() - i), text.rend());
      if (text[i] == '*') {
        r.intact = true;
        ++i;
      }
      r.remove = static_cast<std::uint8_t>(text[i++] - '0');
      while (text[i] >= 'a' && text[i] <= 'z') r.append.push_back(text[i++]);
      r.stop = text[i] == '.';
      r.key = detail::suffix_key(r.ending);
      r.mask = detail::suffix_mask(r.ending.size());
      by_letter_[static_cast<std::size_t>(text[0] - 'a')].push_back(std::move(r));
    }
  }
  // Rules of a lowercase ASCII letter; empty for any other character.
  const std::vector<Rule>& rules(char32_t c) const noexcept {
    return c >= 'a' && c <= 'z' ? by_letter_[c - 'a'] : none_;
  }

 private:
  std::array<std::vector<Rule>, 26> by_letter_;
  std::vector<Rule> none_;
};

const RuleTable& default_rules() {
  static const RuleTable table;
  return table;
}

// Python 3.11's str.isalpha() (NLTK's letter test) uses the Unicode 14.0 database; ICU knows
// letters assigned since (4,348 of them in Unicode 15.0), which Python sees as unassigned.
bool assigned_by_unicode_14(char32_t c) noexcept {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(c), age);
  return age[0] < 14 || (age[0] == 14 && age[1] == 0);
}

template <class Ch>
bool is_letter(Ch c) noexcept {
  if constexpr (sizeof(Ch) == 1)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  else
    return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : unicode::is_alpha(c) && assigned_by_unicode_14(c);
}

template <class Ch>
bool is_vowel(Ch c) noexcept {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Stems s[0, n) in place (rules never lengthen a word).
template <class Ch>
std::size_t run(Ch* s, std::size_t n, const RuleTable& table) {
  // NLTK compares the word with the lowercased input. With the default rules that is the same
  // as "no rule has fired yet": every rule that fires without stopping changes the word, none
  // lengthens it, and the only ones that keep its length turn a final c into t or i into y,
  // which no rule turns back, so the word can never return to its first form.
  bool intact = true;
  // Long enough after removing `remove` characters: two if it starts with a vowel, else three
  // with a vowel in the second or third place.
  auto acceptable = [&](std::size_t remove) {
    if (is_vowel(s[0])) return n >= remove + 2;
    return n >= remove + 3 && (is_vowel(s[1]) || is_vowel(s[2]));
  };
  // Length of the leading run of letters; a rule changes only the end of the word and appends
  // letters, so the run is updated rather than rescanned (a long word stays linear).
  std::size_t letters = 0;
  while (letters < n && is_letter(s[letters])) ++letters;
  for (;;) {
    if (letters == 0) return n;
    const Rule* fired = nullptr;
    const std::uint64_t tail = detail::tail_key(s, n);
    for (const Rule& r : table.rules(static_cast<char32_t>(s[letters - 1]))) {
      if ((tail & r.mask) != r.key || r.ending.size() > n) continue;
      if ((!r.intact || intact) && acceptable(r.remove)) {
        fired = &r;
        break;
      }
    }
    if (!fired) return n;
    intact = false;
    n -= fired->remove;
    for (const char c : fired->append) s[n++] = static_cast<Ch>(static_cast<unsigned char>(c));
    if (fired->stop) return n;
    const std::size_t kept = n - fired->append.size();
    letters = letters >= kept ? n : letters;
  }
}

class LancasterNltk final : public Stemmer {
 public:
  LancasterNltk() : table_(default_rules()) {}

  std::string_view stem(std::string_view word) override {
    if (word_.load(word, 0)) return word_.bytes_view(run(word_.bytes(), word_.size(), table_));
    return word_.encode(run(word_.wide(), word_.size(), table_));
  }

  std::unique_ptr<Stemmer> clone() const override { return std::make_unique<LancasterNltk>(); }
  std::string id() const override { return "lancaster-nltk-v1"; }

 private:
  const RuleTable& table_;
  detail::LoweredWord word_;
};

}  // namespace

std::unique_ptr<Stemmer> make_lancaster_nltk() { return std::make_unique<LancasterNltk>(); }

}  // namespace nlp::morph
