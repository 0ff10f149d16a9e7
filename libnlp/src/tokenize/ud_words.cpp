#include "tokenize/ud_words.hpp"

#include <array>
#include <string>

namespace nlp::detail::ud {
namespace {

constexpr std::string_view kRightQuote = "\xE2\x80\x99";  // U+2019, used as an apostrophe

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void push(TokenBuffer& out, std::string_view text, ByteSpan span) {
  out.tokens.push_back({text, span});
}

// English: the byte where the clitic starts, or 0 when `s` is not a contraction.
std::size_t english_split(std::string_view s, const std::string& lower) {
  // n't / n’t: do|n't, ca|n't, wo|n't.
  for (const std::string_view apos : {std::string_view("'"), kRightQuote}) {
    const std::string nt = "n" + std::string(apos) + "t";
    if (ends_with(lower, nt) && s.size() > nt.size()) return s.size() - nt.size();
    for (const std::string_view clitic : {"s", "re", "ve", "ll", "d", "m"}) {
      const std::string suffix = std::string(apos) + std::string(clitic);
      if (ends_with(lower, suffix) && s.size() > suffix.size()) return s.size() - suffix.size();
    }
  }
  // Fused forms EWT splits into two words.
  struct Fused {
    std::string_view word;
    std::size_t split;
  };
  static constexpr std::array<Fused, 7> kFused = {{{"cannot", 3},
                                                   {"gonna", 3},
                                                   {"wanna", 3},
                                                   {"gotta", 3},
                                                   {"gimme", 3},
                                                   {"lemme", 3},
                                                   {"outta", 3}}};
  for (const Fused& f : kFused) {
    if (lower == f.word) return f.split;
  }
  return 0;
}

// Spanish clitic pronouns, longest first so "les" is tried before "le". "os" is left out: it
// would split far more nouns ("primeros", "claros") than it finds verbs.
constexpr std::array<std::string_view, 10> kClitics = {"nos", "les", "los", "las", "me",
                                                       "te",  "se",  "le",  "lo",  "la"};

// Frequent nouns, adjectives and names that look like an infinitive + clitic.
constexpr std::array<std::string_view, 37> kNotVerbs = {
    "alternos", "aparte", "arles", "baluarte", "carla", "carles", "carlo", "carlos", "charla",
    "charlas", "charles", "cuadernos", "duarte", "estandarte", "eternos", "externos", "fraternos",
    "inerte", "internos", "karla", "marla", "marlo", "marte", "maternos", "merle", "mirlo",
    "mirlos", "modernos", "orla", "parla", "parte", "paternos", "perla", "perlas", "perles",
    "posmodernos", "subalternos",
};

// Accented vowels (2-byte UTF-8, lowercase and uppercase) and their plain forms.
struct Accent {
  std::string_view with;
  char without;
};
constexpr std::array<Accent, 10> kAccents = {{{"á", 'a'}, {"é", 'e'}, {"í", 'i'}, {"ó", 'o'},
                                              {"ú", 'u'}, {"Á", 'A'}, {"É", 'E'}, {"Í", 'I'},
                                              {"Ó", 'O'}, {"Ú", 'U'}}};

// Removes the written accent of `stem` (at most one); returns how many were removed.
int strip_accent(std::string_view stem, std::string& out) {
  out.clear();
  int removed = 0;
  for (std::size_t i = 0; i < stem.size();) {
    bool done = false;
    if (i + 1 < stem.size()) {
      for (const Accent& a : kAccents) {
        if (stem.substr(i, 2) == a.with) {
          out.push_back(a.without);
          ++removed;
          i += 2;
          done = true;
          break;
        }
      }
    }
    if (!done) out.push_back(stem[i++]);
  }
  return removed;
}

bool is_infinitive(std::string_view lower) {
  return lower.size() >= 2 && (ends_with(lower, "ar") || ends_with(lower, "er") ||
                               ends_with(lower, "ir") || ends_with(lower, "ír"));
}

bool is_gerund(std::string_view lower) {
  return ends_with(lower, "ando") || ends_with(lower, "iendo") || ends_with(lower, "yendo");
}

// Spanish infinitive or gerund + 1 or 2 clitics. Written accents decide: an infinitive with one
// clitic has none ("darle"), with two it has one ("dárselo"); a gerund with clitics has one
// ("dándole"). Returns false when `s` is not such a form.
bool spanish_verb_clitics(std::string_view s, ByteSpan span, TokenBuffer& out) {
  const std::string lower = lower_ascii(s);
  for (const std::string_view no : kNotVerbs) {
    if (lower == no) return false;
  }
  std::array<std::size_t, 3> cuts{};  // byte offsets where clitics start
  std::size_t ncuts = 0;
  std::size_t end = lower.size();
  std::string plain;
  while (ncuts < 2) {
    bool found = false;
    for (const std::string_view c : kClitics) {
      if (end > c.size() + 1 && std::string_view(lower).substr(end - c.size(), c.size()) == c) {
        end -= c.size();
        cuts[ncuts++] = end;
        found = true;
        break;
      }
    }
    if (!found) break;
    // Check the stem now; a second clitic is only tried when the first leaves no verb.
    const std::string_view stem = std::string_view(lower).substr(0, end);
    const int accents = strip_accent(stem, plain);
    const bool infinitive_accent = ends_with(stem, "ír");  // oír, reír keep theirs
    const int extra = accents - (infinitive_accent ? 1 : 0);
    bool ok = false;
    if (is_gerund(plain) && extra == 1) ok = true;
    // No infinitive ends in -ier or -uer: "gobiernos", "suerte", "muerte" are not verbs.
    if (ends_with(plain, "ier") || ends_with(plain, "uer")) {
      if (!ok) break;
    }
    if (is_infinitive(stem) || is_infinitive(plain)) {
      const bool long_enough = plain.size() >= 3 || plain == "ir";
      if (long_enough && ((ncuts == 1 && extra == 0) || (ncuts == 2 && extra == 1))) ok = true;
    }
    if (ok) {
      const std::string_view surface_stem = s.substr(0, end);
      std::string_view verb = surface_stem;
      if (extra > 0) {
        // Rebuild the stem from the surface (keeping its case) without the written accent.
        std::string stripped;
        std::string keep;
        if (infinitive_accent) {
          // Only the accent before the ending goes; "ír" stays.
          strip_accent(surface_stem.substr(0, surface_stem.size() - 3), stripped);
          stripped += surface_stem.substr(surface_stem.size() - 3);
        } else {
          strip_accent(surface_stem, stripped);
        }
        verb = out.arena.store(stripped);
      }
      push(out, verb, span);
      for (std::size_t k = ncuts; k-- > 0;) {
        const std::size_t from = cuts[k];
        const std::size_t to = k == 0 ? s.size() : cuts[k - 1];
        push(out, s.substr(from, to - from), span);
      }
      return true;
    }
  }
  return false;
}

}  // namespace

void append_words(Lang lang, std::string_view s, ByteSpan span, TokenBuffer& out) {
  if (lang == Lang::en) {
    const std::string lower = lower_ascii(s);
    const std::size_t cut = english_split(s, lower);
    if (cut != 0) {
      push(out, s.substr(0, cut), span);
      push(out, s.substr(cut), span);
      return;
    }
  } else if (lang == Lang::es) {
    const std::string lower = lower_ascii(s);
    if (lower == "del") {
      push(out, s.substr(0, 2), span);
      push(out, s.substr(1, 2), span);
      return;
    }
    if (lower == "al") {
      push(out, s.substr(0, 1), span);
      push(out, s == "AL" ? std::string_view("EL") : std::string_view("el"), span);
      return;
    }
    if (s.size() >= 4 && spanish_verb_clitics(s, span, out)) return;
  }
  push(out, s, span);
}

}  // namespace nlp::detail::ud
