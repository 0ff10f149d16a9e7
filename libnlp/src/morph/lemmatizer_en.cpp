// English lemmatizers over WordNet 3.0: NLTK's WordNetLemmatizer ("wordnet-nltk-v1") and the UD
// English-EWT conventions ("en-ud-v1").
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "morph/morph_internal.hpp"
#include "morph/wordnet.hpp"
#include "nlp/data/bundled.hpp"
#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"

namespace nlp::morph {

namespace {

// NLTK 3.8 WordNetLemmatizer().lemmatize(word, pos):
//   lemmas = wn._morphy(word, pos); return min(lemmas, key=len) if lemmas else word
// The word is used as written (no lowercasing), as NLTK does. Upos::none is NLTK's default
// pos "n"; a tag WordNet has no part of speech for (DET, PRON, ADP, PUNCT, ...) returns the
// word unchanged (NLTK would raise KeyError for such a pos string).
class WordNetLemmatizer final : public Lemmatizer {
 public:
  explicit WordNetLemmatizer(std::shared_ptr<const WordNet> wn) : wn_(std::move(wn)) {}

  std::string_view lemmatize(std::string_view word, Upos pos) override {
    const char p = pos == Upos::none ? 'n' : wordnet_pos(pos);
    if (p != 0) {
      if (auto lemma = wn_->shortest_lemma(word, p, scratch_)) return *lemma;
    }
    result_.assign(word);
    return result_;
  }

  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<WordNetLemmatizer>(wn_);
  }

  std::string id() const override { return "wordnet-nltk-v1"; }

 private:
  std::shared_ptr<const WordNet> wn_;
  MorphyScratch scratch_;
  std::string result_;
};

// ---------------------------------------------------------------------------------------------
// en-ud-v1: lemmas as UD English-EWT writes them.
//
// Per UPOS (the word is looked up lowercased in corpora/data/lemma/en/closed_class.tsv first; a
// hit there is the answer):
//   NOUN, VERB, AUX, ADJ  WordNet, lowercased: a base form from the exception list (saw -> see,
//                         best -> good, men -> man); else for verbs the word itself when it is a
//                         verb lemma, else the first of morphy's candidates (hoping -> hope, not
//                         hop); for nouns and adjectives the shortest of morphy's candidates, as
//                         NLTK (years -> year). Words WordNet does not know get suffix rules
//                         (nouns: -ies -> -y, -(s|x|z|ch|sh)es, -s; verbs: -ing, -ed with
//                         undoubling, -ies, -es, -s). A capitalized adjective keeps its case when
//                         WordNet spells it only capitalized (American, Iraqi, Sunni); a noun
//                         that is a single capital letter stays ("plan B").
//   ADV                   the exception list (better -> well); comparatives and superlatives
//                         -er/-est/-ier/-iest whose base (at least 4 letters) is an adverb or
//                         adjective (later -> late, earlier -> early); else lowercase.
//   PROPN                 the word as written; a capitalized plural whose singular WordNet
//                         knows loses its -s (States -> State, Americans -> American, Iraqis
//                         -> Iraqi; not Paris, a lemma itself, nor Chris).
//   NUM                   digit groups lose their commas (200,000 -> 200000); Roman numerals in
//                         capitals stay; else lowercase.
//   PUNCT, SYM            unchanged (typographic quotes and dashes by the table).
//   X                     lowercase.
//   PRON, DET, PART, ADP, SCONJ, CCONJ, INTJ   the table, else lowercase.
// Upos::none (no tag): in this order, the table's entries for "_" and "*"; a PUNCT entry; the
// entries for PART, AUX, PRON, DET, ADP, SCONJ, CCONJ (so "'s" is the possessive, "me" is "I");
// a word of NLTK's English stopword list is lowercased (be/have/do forms go to their verb:
// "was" -> "be"); a word in capitals keeps its form (NASA); a capitalized word that WordNet knows
// only as a proper name, or not at all, keeps its form; else the first of verb, noun, adjective
// for which morphy finds a lemma decides (of the orders tried, verb first scored best on EWT dev
// without tags); else lowercase.
// Measured (tests/golden/ud/lemma_en_test.cpp): with gold UPOS 98.30 % exact lemmas on EWT dev,
// 98.19 % on test; without tags 93.18 % on dev.

constexpr std::string_view kTablePath = "lemma/en/closed_class.tsv";
constexpr std::string_view kStopwordsPath = "stopwords/nltk/en.txt";

bool ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
bool ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool ends_with(std::string_view s, std::string_view e) noexcept {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}
bool is_vowel(char c) noexcept {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// 1,234 or 12,345,678.9
bool grouped_number(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && ascii_digit(s[i])) ++i;
  if (i == 0 || i > 3) return false;
  bool group = false;
  while (i < s.size() && s[i] == ',') {
    if (i + 4 > s.size()) return false;
    for (std::size_t k = 1; k <= 3; ++k)
      if (!ascii_digit(s[i + k])) return false;
    i += 4;
    group = true;
  }
  if (!group) return false;
  if (i < s.size()) {
    if (s[i] != '.' || i + 1 == s.size()) return false;
    for (++i; i < s.size(); ++i)
      if (!ascii_digit(s[i])) return false;
  }
  return true;
}

bool roman_capitals(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C') return false;
  return true;
}

// The closed-class table: (UPOS, lowercase form) -> lemma. Index 0 holds the entries for a word
// without a tag ("_"); "*" entries go to every index.
class ClosedClassTable {
 public:
  ClosedClassTable() {
    const auto lines = nlp::data::bundled_lines(kTablePath);
    if (lines.empty()) throw Error(std::string("bundled data file ") + std::string(kTablePath) + " is missing");
    std::size_t n = 0;
    for (const std::string_view line : lines) {
      ++n;
      const std::size_t t1 = line.find('\t');
      const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string_view::npos)
        throw FormatError(std::string(kTablePath) + ": entry " + std::to_string(n) +
                          ": expected form, UPOS tags and lemma separated by tabs");
      const std::string form(line.substr(0, t1));
      const std::string_view tags = line.substr(t1 + 1, t2 - t1 - 1);
      const std::string lemma(line.substr(t2 + 1));
      std::size_t b = 0;
      while (b <= tags.size()) {
        std::size_t e = tags.find(',', b);
        if (e == std::string_view::npos) e = tags.size();
        const std::string_view tag = tags.substr(b, e - b);
        if (tag == "*") {
          for (auto& m : maps_) m.emplace(form, lemma);
        } else if (const auto upos = parse_pos(tag)) {
          maps_[static_cast<std::size_t>(*upos)].emplace(form, lemma);
        } else {
          throw FormatError(std::string(kTablePath) + ": entry " + std::to_string(n) +
                            ": unknown UPOS tag '" + std::string(tag) + "'");
        }
        b = e + 1;
      }
    }
    for (const std::string_view w : nlp::data::bundled_lines(kStopwordsPath)) stopwords_.emplace(w);
  }

  bool stopword(std::string_view form) const { return stopwords_.find(form) != stopwords_.end(); }

  const std::string* find(Upos pos, std::string_view form) const {
    const auto& m = maps_[static_cast<std::size_t>(pos)];
    const auto it = m.find(form);
    return it == m.end() ? nullptr : &it->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::array<std::unordered_map<std::string, std::string, Hash, std::equal_to<>>, 18> maps_;
  std::unordered_set<std::string, Hash, std::equal_to<>> stopwords_;
};

const ClosedClassTable& closed_class_table() {
  static const ClosedClassTable table;
  return table;
}

struct EnglishUdData {
  std::shared_ptr<const WordNet> wn;
  std::shared_ptr<const ProperNames> names;
  const ClosedClassTable& table = closed_class_table();
};

class EnglishUdLemmatizer final : public Lemmatizer {
 public:
  explicit EnglishUdLemmatizer(std::shared_ptr<const EnglishUdData> data) : d_(std::move(data)) {}

  std::string_view lemmatize(std::string_view word, Upos pos) override {
    apply_case(word, CaseMode::lower, low_);
    out_.clear();
    if (pos == Upos::none) {
      guess_without_pos(word);
    } else if (const std::string* hit = d_->table.find(pos, pos == Upos::PUNCT ? word : std::string_view(low_))) {
      out_ = *hit;
    } else {
      by_pos(word, pos);
    }
    return out_;
  }

  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<EnglishUdLemmatizer>(d_);
  }

  std::string id() const override { return "en-ud-v1"; }

 private:
  const WordNet& wn() const { return *d_->wn; }

  void by_pos(std::string_view word, Upos pos) {
    switch (pos) {
      case Upos::NOUN:
        if (word.size() == 1 && ascii_upper(word[0])) {  // a letter as a name: "plan B"
          out_ = word;
          return;
        }
        if (!open_class(low_, 'n') && !guess_noun(low_)) out_ = low_;
        return;
      case Upos::VERB:
        if (!open_class(low_, 'v') && !guess_verb(low_)) out_ = low_;
        return;
      case Upos::AUX:
        if (!open_class(low_, 'v')) out_ = low_;
        return;
      case Upos::ADJ:
        if (capitalized(word) && proper_adjective()) {
          out_ = word;
          return;
        }
        if (!open_class(low_, 'a')) out_ = low_;
        return;
      case Upos::ADV:
        adverb();
        return;
      case Upos::PROPN:
        proper_noun(word);
        return;
      case Upos::NUM:
        if (grouped_number(word)) {
          for (char c : word)
            if (c != ',') out_.push_back(c);
        } else if (roman_capitals(word)) {
          out_ = word;
        } else {
          out_ = low_;
        }
        return;
      case Upos::PUNCT:
      case Upos::SYM:
        out_ = word;
        return;
      default:
        out_ = low_;
        return;
    }
  }

  // First letter uppercase (ASCII), no other uppercase ASCII letter, and lowercasing changes
  // only the first letter.
  bool capitalized(std::string_view word) const {
    if (word.size() < 2 || !ascii_upper(word[0])) return false;
    for (std::size_t i = 1; i < word.size(); ++i)
      if (ascii_upper(word[i])) return false;
    return word.size() == low_.size() && word.substr(1) == std::string_view(low_).substr(1);
  }

  // "American", "Sunni": WordNet spells the adjective (or, if it has no such adjective, the
  // noun) only with a capital.
  bool proper_adjective() const {
    if (wn().has_lemma(low_, 'a')) return d_->names->is_proper(low_, 'a');
    if (wn().has_lemma(low_, 'n')) return d_->names->is_proper(low_, 'n');
    return false;
  }

  // WordNet's answer for a lowercase open-class word, or false when it has none.
  bool open_class(const std::string& w, char p) {
    if (const auto exc = wn().exceptions(w, p)) {
      std::string_view best;
      for (const std::string_view base : *exc)
        if (base != w && wn().has_lemma(base, p) && (best.empty() || base.size() < best.size()))
          best = base;
      if (!best.empty()) {
        out_ = best;
        return true;
      }
    }
    if (p == 'v') {
      if (wn().has_lemma(w, 'v')) {
        out_ = w;
        return true;
      }
      wn().morphy(w, 'v', scratch_, found_);
      if (found_.empty()) return false;
      out_ = found_.front();
      return true;
    }
    if (const auto lemma = wn().shortest_lemma(w, p, scratch_)) {
      out_ = *lemma;
      return true;
    }
    return false;
  }

  static bool letters_or_inner_hyphens(std::string_view w) {
    if (w.empty() || w.front() == '-' || w.back() == '-') return false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (ascii_alpha(w[i])) continue;
      if (w[i] == '-' && w[i - 1] != '-') continue;
      return false;
    }
    return true;
  }
  static bool letters_only(std::string_view w) {
    if (w.empty()) return false;
    for (char c : w)
      if (!ascii_alpha(c)) return false;
    return true;
  }
  static bool sibilant_es(std::string_view w) {
    return ends_with(w, "ses") || ends_with(w, "xes") || ends_with(w, "zes") ||
           ends_with(w, "ches") || ends_with(w, "shes");
  }

  // A plural noun WordNet does not know (audiobooks, empanadas, newsgroups).
  bool guess_noun(const std::string& w) {
    if (w.size() <= 3 || !letters_or_inner_hyphens(w)) return false;
    for (std::string_view keep : {"ss", "us", "is", "ous", "ics"})
      if (ends_with(w, keep)) return false;
    if (ends_with(w, "ies") && w.size() > 4) {
      out_.assign(w, 0, w.size() - 3);
      out_ += 'y';
    } else if (sibilant_es(w)) {
      out_.assign(w, 0, w.size() - 2);
    } else if (ends_with(w, "s")) {
      out_.assign(w, 0, w.size() - 1);
    } else {
      return false;
    }
    return true;
  }

  bool known(std::string_view w) const { return wn().has_lemma(w, 'v') || wn().has_lemma(w, 'n'); }

  // An inflected verb WordNet does not know (emailed, googling).
  bool guess_verb(const std::string& w) {
    if (w.size() <= 4 || !letters_only(w)) return false;
    for (std::string_view suffix : {"ing", "ed"}) {
      if (!ends_with(w, suffix)) continue;
      std::string stem = w.substr(0, w.size() - suffix.size());
      const std::size_t n = stem.size();
      if (suffix == "ed" && stem.back() == 'i') {
        stem.back() = 'y';
      } else if (n >= 3 && stem[n - 1] == stem[n - 2] && !is_vowel(stem[n - 1]) &&
                 stem[n - 1] != 'l' && stem[n - 1] != 's' && stem[n - 1] != 'z') {
        stem.pop_back();
      } else if (!known(stem) && known(stem + "e")) {
        stem += 'e';
      }
      out_ = stem;
      return true;
    }
    if (ends_with(w, "ies")) {
      out_.assign(w, 0, w.size() - 3);
      out_ += 'y';
    } else if (sibilant_es(w)) {
      out_.assign(w, 0, w.size() - 2);
    } else if (ends_with(w, "s") && !ends_with(w, "ss")) {
      out_.assign(w, 0, w.size() - 1);
    } else {
      return false;
    }
    return true;
  }

  void adverb() {
    if (const auto exc = wn().exceptions(low_, 'r'); exc && !exc->empty()) {
      out_ = exc->front();
      return;
    }
    static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
        {"ier", "y"}, {"iest", "y"}, {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};
    for (const auto& [suffix, ending] : kRules) {
      if (!ends_with(low_, suffix)) continue;
      base_.assign(low_, 0, low_.size() - suffix.size());
      base_ += ending;
      if (base_.size() >= 4 && (wn().has_lemma(base_, 'r') || wn().has_lemma(base_, 'a'))) {
        out_ = base_;
        return;
      }
    }
    out_ = low_;
  }

  void proper_noun(std::string_view word) {
    out_ = word;
    // Capitalized plural: "States" -> "State" when WordNet knows "state" but not "states".
    if (word.size() > 3 && ascii_upper(word[0]) && ends_with(word, "s") && !ends_with(word, "ss") &&
        !ends_with(word, "us") && !all_capitals(word) &&
        !wn().has_lemma(low_, 'n')) {
      if (const auto lemma = wn().shortest_lemma(low_, 'n', scratch_)) {
        if (low_.compare(0, lemma->size(), *lemma) == 0) out_.resize(lemma->size());
      }
    }
  }

  static bool all_capitals(std::string_view w) {
    bool letter = false;
    for (char c : w) {
      if (c >= 'a' && c <= 'z') return false;
      if (ascii_upper(c)) letter = true;
    }
    return letter;
  }

  void guess_without_pos(std::string_view word) {
    const ClosedClassTable& table = d_->table;
    if (const std::string* hit = table.find(Upos::none, low_)) {
      out_ = *hit;
      return;
    }
    if (const std::string* hit = table.find(Upos::PUNCT, word)) {
      out_ = *hit;
      return;
    }
    for (Upos p : {Upos::PART, Upos::AUX, Upos::PRON, Upos::DET, Upos::ADP, Upos::SCONJ, Upos::CCONJ}) {
      if (const std::string* hit = table.find(p, low_)) {
        out_ = *hit;
        return;
      }
    }
    if (table.stopword(low_)) {  // function words: lowercase, be/have/do forms to their verb
      if (!open_class(low_, 'v')) out_ = low_;
      return;
    }
    if (word.size() >= 2 && all_capitals(word)) {  // acronyms: NASA, CPA
      out_ = word;
      return;
    }
    const bool verb = !wn().morphy_empty(low_, 'v', scratch_);
    const bool noun = !wn().morphy_empty(low_, 'n', scratch_);
    if (capitalized(word) && (d_->names->is_proper(low_, 'n') || (!verb && !noun))) {
      out_ = word;
      return;
    }
    if (verb) return by_pos(word, Upos::VERB);
    if (noun) return by_pos(word, Upos::NOUN);
    if (!wn().morphy_empty(low_, 'a', scratch_)) return by_pos(word, Upos::ADJ);
    out_ = low_;
  }

  std::shared_ptr<const EnglishUdData> d_;
  MorphyScratch scratch_;
  std::vector<std::string_view> found_;
  std::string low_, out_, base_;
};

}  // namespace

std::unique_ptr<Lemmatizer> make_wordnet_lemmatizer(const LemmatizerOptions& opts) {
  return std::make_unique<WordNetLemmatizer>(WordNet::open(opts.wordnet_dir));
}

std::unique_ptr<Lemmatizer> make_english_ud_lemmatizer(const LemmatizerOptions& opts) {
  auto data = std::make_shared<EnglishUdData>();
  data->wn = WordNet::open(opts.wordnet_dir);
  data->names = ProperNames::open(opts.wordnet_dir);
  return std::make_unique<EnglishUdLemmatizer>(std::move(data));
}

}  // namespace nlp::morph
