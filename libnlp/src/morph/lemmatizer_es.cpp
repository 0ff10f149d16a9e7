// Spanish lemmatizers: "es-ud-v1" (Hunspell's es_ES dictionary as the list of known words, rules
// for Spanish inflection, closed-class and irregular-verb tables, UD Spanish conventions) and
// "es-hunspell-v1" (the first stem Hunspell gives, else the word as written: the usual baseline).
//
// es-ud-v1 generates candidate lemmas by part of speech and keeps the first one the dictionary
// knows, preferring dictionary roots (the words of es_ES.dic) to words it only accepts through
// affixes:
//   NOUN      plural -> singular ("meses" -> "mes", "canciones" -> "canción", "luces" -> "luz")
//   ADJ       plural and feminine -> masculine singular ("españolas" -> "español")
//   VERB/AUX  irregular forms (table), else the regular endings of the three conjugations with
//             stem changes (o/ue, e/ie, e/i) and spelling changes (c/qu, g/gu, z/c, -zco, -go),
//             weighted by how common each reading is; else enclitic pronouns are removed
//             ("dámelo" -> "dar"). UD AnCora: "fue" is "ser" as AUX and "ir" as VERB.
//   DET/PRON  table of articles and pronouns ("la" -> "el" / "él", "nos" -> "yo"), else
//             gender and number removed when the result is a known determiner
//   NUM       "10.000" -> "10000", "3,5" -> "3.5"; SYM "20%" -> "20/100"
//   PROPN, PUNCT, SYM  unchanged; everything else lowercased.
// Words over 100 bytes (no Spanish word is) are only lowercased.
// With LemmatizerOptions::model set, that model's lexicon is consulted first.
#include "morph/lemmatizer_es.hpp"

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "morph/lemma_model_impl.hpp"
#include "morph/morph_internal.hpp"
#include "nlp/data/bundled.hpp"
#include "nlp/error.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::morph::es {

namespace {

constexpr std::array<std::string_view, 18> kUposNames = {
    "",    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

std::uint32_t upos_bit(Upos p) { return 1u << static_cast<unsigned>(p); }

std::uint32_t parse_upos_list(std::string_view s) {
  if (s == "*") return ~0u;
  std::uint32_t mask = 0;
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    const std::string_view tag = s.substr(0, comma);
    for (std::size_t i = 1; i < kUposNames.size(); ++i)
      if (kUposNames[i] == tag) mask |= 1u << i;
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
  }
  return mask;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t i = s.find(sep);
    if (i != 0 || s.empty()) {
      if (!s.substr(0, i).empty()) out.push_back(s.substr(0, i));
    }
    if (i == std::string_view::npos) break;
    s.remove_prefix(i + 1);
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suf) { return s.ends_with(suf); }

// The vowels with and without an acute accent, as UTF-8.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kAccents = {
    {{"a", "á"}, {"e", "é"}, {"i", "í"}, {"o", "ó"}, {"u", "ú"}}};

bool is_vowel_byte(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// `s` with the acute accents removed (á -> a ..., ü kept).
std::string remove_accents(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    for (const auto& [plain, acc] : kAccents)
      if (s.substr(i, acc.size()) == acc) {
        out += plain;
        i += acc.size();
        done = true;
        break;
      }
    if (!done) out += s[i++];
  }
  return out;
}

bool has_accent(std::string_view s) {
  for (const auto& [plain, acc] : kAccents)
    if (s.find(acc) != std::string_view::npos) return true;
  return false;
}

// `s` with an acute accent on its last vowel ("cancion" -> "canción"); "" if it has none.
std::string accent_last_vowel(std::string_view s) {
  for (std::size_t i = s.size(); i-- > 0;) {
    if (is_vowel_byte(s[i])) {
      for (const auto& [plain, acc] : kAccents)
        if (plain[0] == s[i])
          return std::string(s.substr(0, i)) + std::string(acc) + std::string(s.substr(i + 1));
    }
  }
  return {};
}

bool ends_in_consonant(std::string_view s) {
  if (s.empty()) return false;
  const char c = s.back();
  return !is_vowel_byte(c) && static_cast<unsigned char>(c) < 0x80;
}

// ---- regular verb endings ----

struct Ending {
  std::string_view suffix;
  std::string_view infinitive;  // "ar", "er", "ir"
  int weight;
};

const std::vector<Ending>& verb_endings() {
  static const std::vector<Ending> table = [] {
    std::vector<Ending> v;
    auto add = [&](std::string_view inf, int w, std::initializer_list<std::string_view> list) {
      for (const auto s : list) v.push_back({s, inf, w});
    };
    // -ar
    add("ar", 10,
        {"ar", "o", "as", "a", "amos", "áis", "an", "ando", "ado", "ada", "ados", "adas"});
    add("ar", 9, {"é", "aste", "ó", "asteis", "aron", "aba", "abas", "ábamos", "abais", "aban"});
    add("ar", 8,
        {"aré", "arás", "ará", "aremos", "aréis", "arán", "aría", "arías", "aríamos", "aríais",
         "arían"});
    add("ar", 7,
        {"ara", "aras", "áramos", "arais", "aran", "ase", "ases", "ásemos", "aseis", "asen"});
    add("ar", 6, {"e", "es", "emos", "éis", "en"});
    add("ar", 3, {"are", "ares", "áremos", "areis", "aren", "ad", "ás"});
    // -er and -ir share most endings.
    for (const std::string_view inf : {std::string_view("er"), std::string_view("ir")}) {
      add(inf, 10, {"o", "es", "e", "en", "iendo", "ido", "ida", "idos", "idas"});
      add(inf, 9,
          {"í", "iste", "ió", "imos", "isteis", "ieron", "ía", "ías", "íamos", "íais", "ían"});
      add(inf, 8, {"yó", "yeron", "yendo", "ído", "ída", "ídos", "ídas"});
      add(inf, 7,
          {"iera", "ieras", "iéramos", "ierais", "ieran", "iese", "ieses", "iésemos", "ieseis",
           "iesen", "yera", "yeras", "yeran", "yese", "yesen"});
      add(inf, 6, {"a", "as", "amos", "áis", "an"});
      add(inf, 3, {"iere", "ieres", "iéremos", "iereis", "ieren"});
    }
    add("er", 10, {"er", "emos"});
    add("er", 8,
        {"eré", "erás", "erá", "eremos", "eréis", "erán", "ería", "erías", "eríamos", "eríais",
         "erían"});
    add("er", 3, {"éis", "ed", "és"});
    add("ir", 10, {"ir", "ís"});
    add("ir", 8,
        {"iré", "irás", "irá", "iremos", "iréis", "irán", "iría", "irías", "iríamos", "iríais",
         "irían"});
    add("ir", 3, {"id"});
    return v;
  }();
  return table;
}

// Stems that an irregular or spelling-changing conjugation may have produced from `stem`, each
// with the number of changes undone (a penalty).
void stem_variants(const std::string& stem, std::string_view inf,
                   std::vector<std::pair<std::string, int>>& out) {
  out.clear();
  out.emplace_back(stem, 0);
  auto replace_end = [&](std::string_view from, std::string_view to) {
    if (stem.size() > from.size() && ends_with(stem, from))
      out.emplace_back(stem.substr(0, stem.size() - from.size()) + std::string(to), 1);
  };
  if (inf == "ar") {
    replace_end("qu", "c");   // busqué
    replace_end("gu", "g");   // llegué
    replace_end("gü", "gu");  // averigüé
    replace_end("c", "z");    // comencé
  } else {
    replace_end("zc", "c");  // conozco
    replace_end("z", "c");   // venzo
    replace_end("j", "g");   // escojo, elijo
    replace_end("ig", "");   // caigo, traigo, oigo
    replace_end("g", "");    // tengo, salgo, pongo
    if (inf == "ir") {
      replace_end("g", "gu");  // distingo, sigo
      replace_end("y", "");    // construyo
    }
  }
  // Vowel changes in the last syllable of each stem so far.
  const std::size_t n = out.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::string s = out[k].first;
    const int pen = out[k].second + 1;
    auto last_swap = [&](std::string_view from, std::string_view to) {
      const std::size_t i = s.rfind(from);
      if (i == std::string::npos || i == 0) return;
      // Only the stem's last vowel group: nothing but consonants may follow.
      // (the u of gu and qu is not a vowel: sigue -> seguir).
      for (std::size_t j = i + from.size(); j < s.size(); ++j) {
        if (s[j] == 'u' && j > 0 && (s[j - 1] == 'g' || s[j - 1] == 'q')) continue;
        if (is_vowel_byte(s[j]) || static_cast<unsigned char>(s[j]) >= 0x80) return;
      }
      out.emplace_back(s.substr(0, i) + std::string(to) + s.substr(i + from.size()), pen);
    };
    last_swap("ie", "e");  // piensa -> pensar
    last_swap("ue", "o");  // cuenta -> contar
    last_swap("ue", "u");  // juega -> jugar
    last_swap("í", "i");   // envía -> enviar
    last_swap("ú", "u");   // continúa -> continuar
    if (inf == "ir") {
      last_swap("ie", "i");  // adquiere -> adquirir
      last_swap("i", "e");   // pide -> pedir
      last_swap("u", "o");   // durmió -> dormir
    }
  }
}

bool is_infinitive_shape(std::string_view s) {
  return s.size() > 2 &&
         (ends_with(s, "ar") || ends_with(s, "er") || ends_with(s, "ir") || ends_with(s, "ír"));
}

constexpr std::array<std::string_view, 11> kClitics = {"los", "las", "les", "nos", "me", "te",
                                                       "se",  "lo",  "la",  "le",  "os"};

}  // namespace

bool SpanishData::root_has_flag(std::string_view w, std::string_view flag) const {
  const auto it = roots.find(std::string(w));
  return it != roots.end() && it->second.find(flag) != std::string::npos;
}

const SpanishData::Closed* SpanishData::closed_lemma(std::string_view lower, Upos pos) const {
  const auto it = closed.find(std::string(lower));
  if (it == closed.end()) return nullptr;
  for (const auto& c : it->second)
    if (pos == Upos::none || (c.upos_mask & upos_bit(pos))) return &c;
  return nullptr;
}

std::string hunspell_dir(const std::string& dir) {
  if (!dir.empty()) return dir;
  if (const char* env = std::getenv("NLP_HUNSPELL_DIR"); env && *env) return env;
  return "/usr/share/hunspell";
}

std::shared_ptr<const SpanishData> load_spanish_data(const std::string& dir) {
  auto d = std::make_shared<SpanishData>();
  const std::filesystem::path base(dir);
  d->aff_path = (base / "es_ES.aff").string();
  d->dic_path = (base / "es_ES.dic").string();
  for (const auto& p : {d->aff_path, d->dic_path})
    if (!std::filesystem::exists(p))
      throw Error(
          fmt::format("{}: Spanish Hunspell dictionary not found; install the Debian "
                      "package hunspell-es (or set NLP_HUNSPELL_DIR to a folder holding "
                      "es_ES.aff and es_ES.dic)",
                      p));
  std::ifstream in(d->dic_path, std::ios::binary);
  if (!in) throw IoError::from_errno(d->dic_path, "cannot open", errno);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first) {  // the first line is the entry count
      first = false;
      continue;
    }
    const std::size_t end = line.find_first_of(" \t");
    if (end != std::string::npos) line.resize(end);
    if (line.empty()) continue;
    std::size_t slash = line.find('/');
    // A slash escaped with a backslash belongs to the word (not in es_ES, but allowed).
    while (slash != std::string::npos && slash > 0 && line[slash - 1] == '\\')
      slash = line.find('/', slash + 1);
    std::string word = line.substr(0, slash);
    std::string flags = slash == std::string::npos ? std::string() : line.substr(slash + 1);
    d->roots[std::move(word)] += flags;
  }

  for (const auto l : data::bundled_lines("lemma/es/closed_class.tsv")) {
    const auto cols = split(l, '\t');
    if (cols.size() != 3) continue;
    d->closed[std::string(cols[0])].push_back({parse_upos_list(cols[1]), std::string(cols[2])});
  }

  for (const auto l : data::bundled_lines("lemma/es/irregular_verbs.tsv")) {
    const auto cols = split(l, '\t');
    if (cols.size() != 3) continue;
    const std::string inf(cols[0]);
    std::string_view kind = cols[1];
    const bool prefixable = kind.ends_with('+');
    if (prefixable) kind.remove_suffix(1);
    auto add = [&](std::string form) {
      d->irregular.try_emplace(std::move(form), SpanishData::Irregular{inf, prefixable});
    };
    for (const auto v : split(cols[2], ' ')) {
      const std::string s(v);
      if (kind == "forms") {
        add(s);
      } else if (kind == "pret") {
        const bool j = s.ends_with('j');
        for (const char* e : {"e", "iste", "o", "imos", "isteis"}) add(s + e);
        for (const char* e : {"ieron", "iera", "ieras", "iéramos", "ierais", "ieran", "iese",
                              "ieses", "iésemos", "ieseis", "iesen", "iere", "ieren"}) {
          const std::string_view ending = e;
          add(s + std::string(j ? ending.substr(1) : ending));
        }
      } else if (kind == "fut") {
        for (const char* e :
             {"é", "ás", "á", "emos", "éis", "án", "ía", "ías", "íamos", "íais", "ían"})
          add(s + e);
      } else if (kind == "part") {
        add(s);
        const std::string stem = s.substr(0, s.size() - 1);
        for (const char* e : {"a", "os", "as"}) add(stem + e);
      }
    }
  }
  return d;
}

std::string normalize_number(std::string_view w) {
  bool digit = false;
  for (const char c : w) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if (c != '.' && c != ',')
      return {};
  }
  if (!digit || w.front() == '.' || w.front() == ',' || w.back() == '.' || w.back() == ',')
    return {};
  const std::size_t comma = w.find(',');
  if (comma != std::string_view::npos && w.find(',', comma + 1) != std::string_view::npos)
    return {};
  const std::string_view integer = w.substr(0, comma);
  const std::string_view frac =
      comma == std::string_view::npos ? std::string_view{} : w.substr(comma + 1);
  if (frac.find('.') != std::string_view::npos) return {};
  std::string out;
  if (integer.find('.') != std::string_view::npos) {
    // Thousands dots: groups of exactly three digits after a first group of one to three.
    const auto groups = split(integer, '.');
    if (groups.size() < 2 || groups.front().size() > 3) return {};
    for (std::size_t i = 1; i < groups.size(); ++i)
      if (groups[i].size() != 3) return {};
    for (const auto g : groups) out += g;
    if (integer.find("..") != std::string_view::npos) return {};
  } else {
    out = integer;
  }
  if (!frac.empty()) {
    out += '.';
    out += frac;
  }
  return out == w ? std::string() : out;
}

std::vector<VerbCandidate> verb_candidates(const SpanishData& d, const std::string& w) {
  (void)d;
  std::vector<VerbCandidate> out;
  std::vector<std::pair<std::string, int>> variants;
  for (const auto& e : verb_endings()) {
    if (w.size() <= e.suffix.size() || !ends_with(w, e.suffix)) continue;
    const std::string stem = w.substr(0, w.size() - e.suffix.size());
    stem_variants(stem, e.infinitive, variants);
    for (const auto& [s, pen] : variants) {
      if (s.empty()) continue;
      out.push_back({s + std::string(e.infinitive), e.weight * 4 - pen, e.suffix.size(), pen > 0});
      // oír, reír, sonreír: the accent stays after a vowel.
      if (e.infinitive == "ir" && is_vowel_byte(s.back()))
        out.push_back({s + "ír", e.weight * 4 - pen, e.suffix.size(), pen > 0});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const VerbCandidate& a, const VerbCandidate& b) {
    return a.weight > b.weight;
  });
  return out;
}

namespace {

// The best candidate: highest weight first, and within a weight a dictionary root before a word
// the spell checker accepts. "" when no candidate is known.
template <class Get>
std::string pick(std::size_t n, Get get, const std::vector<int>& weights, const Validator& valid) {
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;
    while (j < n && weights[j] == weights[i]) ++j;
    std::optional<std::size_t> spelled;
    for (std::size_t k = i; k < j; ++k) {
      const int v = valid(get(k));
      if (v == 2) return get(k);
      if (v == 1 && !spelled) spelled = k;
    }
    if (spelled) return get(*spelled);
    i = j;
  }
  return {};
}

std::string pick_ordered(const std::vector<std::string>& cands, const Validator& valid) {
  std::vector<int> w(cands.size(), 0);
  // All of the same weight would let a later root beat an earlier spelled word; that is wanted
  // for number and gender ("meses": the root "mes" before the verb form "mese").
  return pick(
      cands.size(), [&](std::size_t k) { return cands[k]; }, w, valid);
}

std::string noun_singular(const SpanishData& d, const Validator& valid, const std::string& w) {
  if (w.size() < 3 || w.back() != 's') return w;
  if (d.root_has_flag(w, "S")) return w;  // a singular that takes a plural: "mes", "lunes"?
  std::vector<std::string> cands;
  if (ends_with(w, "ces")) cands.push_back(w.substr(0, w.size() - 3) + "z");
  // Dropping the s first: "grandes" is "grande" although "grand" is also a word.
  cands.push_back(w.substr(0, w.size() - 1));
  if (ends_with(w, "es")) {
    const std::string b = w.substr(0, w.size() - 2);
    if (ends_in_consonant(b) || ends_with(b, "í") || ends_with(b, "ú")) {
      cands.push_back(b);
      if (has_accent(b))
        cands.push_back(remove_accents(b));  // órdenes -> orden
      else if (ends_with(b, "n") || ends_with(b, "s"))
        if (auto a = accent_last_vowel(b); !a.empty()) cands.push_back(a);  // canciones
    }
  }
  std::string best = pick_ordered(cands, valid);
  if (!best.empty()) return best;
  if (valid(w) != 0) return w;  // a known word that only looks plural: "crisis", "virus"
  if (ends_with(w, "iones")) return w.substr(0, w.size() - 5) + "ión";
  if (ends_with(w, "ces")) return w.substr(0, w.size() - 3) + "z";
  if (ends_with(w, "es") && w.size() > 4) {
    const std::string b = w.substr(0, w.size() - 2);
    const char c = b.back();
    if (c == 'l' || c == 'r' || c == 'n' || c == 'd' || c == 'j' || c == 'y') return b;
  }
  return w.substr(0, w.size() - 1);
}

std::string adjective_masculine(const Validator& valid, const std::string& w) {
  if (w.size() < 3 || w.back() != 'a') return w;
  const std::string stem = w.substr(0, w.size() - 1);
  std::vector<std::string> cands{stem + "o"};
  if (ends_in_consonant(stem)) {
    cands.push_back(stem);  // española -> español, trabajadora -> trabajador
    if (auto a = accent_last_vowel(stem);
        !a.empty() && (ends_with(stem, "n") || ends_with(stem, "s")))
      cands.push_back(a);  // alemana -> alemán, francesa -> francés
  }
  std::string best = pick_ordered(cands, valid);
  return best.empty() ? w : best;
}

// Determiners and pronouns: gender and number are removed only when the result is itself a
// listed determiner or pronoun ("otras" -> "otro", "nada" stays).
std::string determiner_lemma(const SpanishData& d, const std::string& w, Upos pos) {
  if (const auto* c = d.closed_lemma(w, pos)) return c->lemma;
  std::vector<std::string> cands;
  if (w.size() > 2 && w.back() == 's') {
    const std::string b = w.substr(0, w.size() - 1);
    cands.push_back(b);
    if (b.back() == 'a') cands.push_back(b.substr(0, b.size() - 1) + "o");
    if (ends_with(b, "e")) cands.push_back(b.substr(0, b.size() - 1));
  } else if (w.size() > 2 && w.back() == 'a') {
    cands.push_back(w.substr(0, w.size() - 1) + "o");
  }
  for (const auto& c : cands)
    if (const auto* e = d.closed_lemma(c, pos); e && e->lemma == c) return c;
  return w;
}

std::string verb_lemma(const SpanishData& d, const Validator& valid, const std::string& w, Upos pos,
                       int depth);

// "dámelo" -> "da" + clitics: the verb with up to three enclitic pronouns removed and the accent
// that they required dropped; "" when `w` does not end in clitics.
std::string strip_clitics(const SpanishData& d, const Validator& valid, const std::string& w,
                          Upos pos, int depth) {
  std::string base = w;
  bool stripped = false;
  for (int k = 0; k < 3; ++k) {
    bool found = false;
    for (const auto c : kClitics) {
      if (base.size() > c.size() + 1 && ends_with(base, c)) {
        const std::string rest = base.substr(0, base.size() - c.size());
        // Clitics attach to infinitives, gerunds and imperatives.
        const std::string plain = remove_accents(rest);
        if (is_infinitive_shape(plain) || ends_with(plain, "ndo") || has_accent(rest) || k > 0 ||
            stripped) {
          base = rest;
          found = stripped = true;
          break;
        }
      }
    }
    if (!found) break;
  }
  if (!stripped) return {};
  const std::string plain = remove_accents(base);
  if (is_infinitive_shape(plain) && valid(plain) != 0) return plain;
  return verb_lemma(d, valid, plain, pos, depth + 1);
}

std::string verb_lemma(const SpanishData& d, const Validator& valid, const std::string& w, Upos pos,
                       int depth) {
  if (const auto it = d.irregular.find(w); it != d.irregular.end()) {
    // UD Spanish: the shared forms of "ser" and "ir" (fue, fueron...) are "ser" as an auxiliary
    // or copula and "ir" as a full verb.
    if (pos == Upos::VERB && it->second.infinitive == "ser" && w.starts_with("fu")) return "ir";
    return it->second.infinitive;
  }
  const auto cands = verb_candidates(d, w);
  // A common reading of a dictionary verb comes before prefixed irregular verbs ("apuesta" is
  // apostar, not a + poner).
  for (const auto& c : cands) {
    if (c.weight < 9 * 4 - 1) break;
    if (is_infinitive_shape(c.infinitive) && valid(c.infinitive) == 2) return c.infinitive;
  }
  // Prefixed irregular verbs: mantuvo -> man + tener, propuesto -> pro + poner.
  for (std::size_t i = w.size() > 24 ? w.size() - 24 : 1; i + 2 < w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0u) == 0x80u) continue;
    const auto it = d.irregular.find(w.substr(i));
    if (it == d.irregular.end() || !it->second.prefixable) continue;
    const std::string cand = w.substr(0, i) + it->second.infinitive;
    if (valid(cand) == 2) return cand;  // a dictionary verb, not just an accepted prefix
  }
  std::vector<int> weights;
  weights.reserve(cands.size());
  for (const auto& c : cands) weights.push_back(c.weight);
  auto valid_verb = [&](const std::string& s) { return is_infinitive_shape(s) ? valid(s) : 0; };
  std::string best = pick(
      cands.size(), [&](std::size_t k) { return cands[k].infinitive; }, weights, valid_verb);
  if (!best.empty()) return best;
  if (depth == 0) {
    std::string c = strip_clitics(d, valid, w, pos, depth);
    if (!c.empty()) return c;
  }
  if (depth > 0) return {};
  // Unknown verb: the longest regular ending without stem changes ("zorgaba" -> "zorgar").
  const VerbCandidate* best_guess = nullptr;
  for (const auto& c : cands)
    if (!c.changed && (!best_guess || c.ending > best_guess->ending)) best_guess = &c;
  return best_guess ? best_guess->infinitive : w;
}

}  // namespace

std::string lemmatize_lower(const SpanishData& d, const Validator& valid, const std::string& w,
                            Upos pos) {
  switch (pos) {
    case Upos::NOUN:
      if (const auto* c = d.closed_lemma(w, pos)) return c->lemma;
      return noun_singular(d, valid, w);
    case Upos::ADJ: {
      if (const auto* c = d.closed_lemma(w, pos)) return c->lemma;
      return adjective_masculine(valid, noun_singular(d, valid, w));
    }
    case Upos::VERB:
    case Upos::AUX: {
      std::string v = verb_lemma(d, valid, w, pos, 0);
      return v.empty() ? w : v;
    }
    case Upos::DET:
    case Upos::PRON:
      return determiner_lemma(d, w, pos);
    case Upos::NUM: {
      if (const auto* c = d.closed_lemma(w, pos)) return c->lemma;
      const std::string s = noun_singular(d, valid, w);
      return valid(s) == 2 ? s : w;
    }
    case Upos::none: {
      // No tag: the closed-class table, irregular verbs; then the masculine of a feminine or
      // plural form that is not a root itself ("buenas" -> "bueno"); a plural whose singular is
      // a dictionary root; a word that is a root itself; a dictionary verb the verb rules reach
      // (the verb reading of a form that is not a root: "comían" -> "comer"); else the noun rules.
      if (const auto* c = d.closed_lemma(w, pos)) return c->lemma;
      if (const auto it = d.irregular.find(w); it != d.irregular.end())
        return it->second.infinitive;
      const std::string noun = noun_singular(d, valid, w);
      const std::string adj = adjective_masculine(valid, noun);
      if (adj != noun && valid(adj) == 2 && valid(noun) != 2) return adj;  // buenas -> bueno
      if (noun != w && valid(noun) == 2) return noun;
      if (valid(w) == 2) return w;
      const std::string verb = verb_lemma(d, valid, w, Upos::VERB, 0);
      if (!verb.empty() && verb != w && valid(verb) == 2) return verb;
      return noun;
    }
    default:
      if (const auto* c = d.closed_lemma(w, pos)) return c->lemma;
      return w;
  }
}

namespace {

constexpr std::size_t kMaxWordBytes = 100;

// One Hunspell object per lemmatizer (Hunspell is not thread-safe), made on first use.
class HunspellHandle {
 public:
  explicit HunspellHandle(std::shared_ptr<const SpanishData> d) : data_(std::move(d)) {}
  Hunspell& get() {
    if (!h_) h_ = std::make_unique<Hunspell>(data_->aff_path.c_str(), data_->dic_path.c_str());
    return *h_;
  }

 private:
  std::shared_ptr<const SpanishData> data_;
  std::unique_ptr<Hunspell> h_;
};

class SpanishUdLemmatizer final : public Lemmatizer {
 public:
  SpanishUdLemmatizer(std::shared_ptr<const SpanishData> d, std::shared_ptr<const LemmaModel> m)
      : data_(std::move(d)), model_(std::move(m)), hs_(data_) {
    valid_ = [this](const std::string& s) -> int {
      if (data_->is_root(s)) return 2;
      return hs_.get().spell(s) ? 1 : 0;
    };
  }
  SpanishUdLemmatizer(const SpanishUdLemmatizer&) = delete;
  SpanishUdLemmatizer& operator=(const SpanishUdLemmatizer&) = delete;

  std::string_view lemmatize(std::string_view word, Upos pos) override {
    if (model_) {
      if (const std::string* l = model_->lookup(word, pos, scratch_)) return out_ = *l;
    }
    switch (pos) {
      case Upos::PROPN:
      case Upos::PUNCT:
        return out_.assign(word);
      case Upos::SYM:
        if (word.size() > 1 && word.back() == '%') {
          // UD AnCora writes percentages as fractions: "2,5%" -> "2.5/100".
          std::string n(word.substr(0, word.size() - 1));
          if (const std::string norm = normalize_number(n); !norm.empty()) n = norm;
          if (std::all_of(n.begin(), n.end(),
                          [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
            return out_ = n + "/100";
        }
        return out_.assign(word);
      case Upos::NUM: {
        const std::string n = normalize_number(word);
        if (!n.empty()) return out_ = n;
        break;
      }
      default:
        break;
    }
    lower_utf8(word, lowered_);
    // No Spanish word is this long; the rules (and Hunspell, which stops at 100 bytes) are
    // skipped so that a huge token costs linear time.
    if (lowered_.empty() || lowered_.size() > kMaxWordBytes || !utf8::is_valid(lowered_))
      return out_ = lowered_;
    // No tag: a word with capitals that is no closed-class word and that the dictionary does not
    // accept in lowercase is taken for a proper noun and kept as written (as PROPN above).
    if (pos == Upos::none && lowered_ != word && !data_->closed_lemma(lowered_, pos) &&
        valid_(lowered_) == 0)
      return out_.assign(word);
    out_ = lemmatize_lower(*data_, valid_, lowered_, pos);
    return out_;
  }
  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<SpanishUdLemmatizer>(data_, model_);
  }
  std::string id() const override { return "es-ud-v1"; }

 private:
  std::shared_ptr<const SpanishData> data_;
  std::shared_ptr<const LemmaModel> model_;
  HunspellHandle hs_;
  Validator valid_;
  LemmaModel::Scratch scratch_;
  std::string lowered_, out_;
};

class SpanishHunspellLemmatizer final : public Lemmatizer {
 public:
  explicit SpanishHunspellLemmatizer(std::shared_ptr<const SpanishData> d)
      : data_(std::move(d)), hs_(data_) {}
  std::string_view lemmatize(std::string_view word, Upos) override {
    if (word.empty() || !utf8::is_valid(word)) return out_.assign(word);
    const auto stems = hs_.get().stem(std::string(word));
    if (!stems.empty()) return out_ = stems.front();
    return out_.assign(word);  // unknown to the dictionary: the word as written
  }
  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<SpanishHunspellLemmatizer>(data_);
  }
  std::string id() const override { return "es-hunspell-v1"; }

 private:
  std::shared_ptr<const SpanishData> data_;
  HunspellHandle hs_;
  std::string out_;
};

}  // namespace

}  // namespace nlp::morph::es

namespace nlp::morph {

std::unique_ptr<Lemmatizer> make_spanish_lemmatizer(const LemmatizerOptions& opts) {
  const std::string& method = opts.method;
  if (!method.empty() && method != "ud" && method != "hunspell")
    throw UsageError(
        fmt::format("unknown Spanish lemmatizer method \"{}\"; expected ud "
                    "(default), hunspell or model",
                    method));
  auto data = es::load_spanish_data(es::hunspell_dir(opts.hunspell_dir));
  if (method == "hunspell") return std::make_unique<es::SpanishHunspellLemmatizer>(data);
  std::shared_ptr<const LemmaModel> model;
  if (!opts.model.empty()) model = LemmaModel::load(opts.model);
  return std::make_unique<es::SpanishUdLemmatizer>(std::move(data), std::move(model));
}

}  // namespace nlp::morph
