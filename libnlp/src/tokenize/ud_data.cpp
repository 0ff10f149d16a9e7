#include "tokenize/ud_data.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

namespace nlp::detail::ud {
namespace {

// Abbreviations of English that are written with a final period: titles, months, days,
// company suffixes, Latin and bibliographic abbreviations, units. Forms with internal periods
// (U.S., e.g., a.m., Ph.D.) are recognized by their shape and need no entry.
constexpr std::string_view kEnglish[] = {
    "Adm", "Ala", "Apr", "Apt", "Ariz", "Ark", "Assn", "Asst", "Attn", "Atty", "Aug", "Ave",
    "Bldg", "Blvd", "Bros", "Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cos",
    "Cpl", "Cpt", "Dec", "Del", "Dept", "Dist", "Dr", "Drs", "Esq", "Est", "Etc", "Feb", "Fig",
    "Figs", "Fla", "Fri", "Ft", "Ga", "Gen", "Gov", "Govt", "Hon", "Hwy", "Ill", "Inc", "Ind",
    "Inst", "Intl", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Lb", "Lbs", "Ln", "Lt", "Ltd",
    "Maj", "Mar", "Mass", "Md", "Messrs", "Mfg", "Mich", "Minn", "Miss", "Mme", "Mmes", "Mo",
    "Mon", "Mont", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Natl", "Neb", "Nev", "No", "Nos", "Nov",
    "Oct", "Okla", "Ore", "Pa", "Penn", "Pfc", "Ph", "Pl", "Pp", "Pres", "Prof", "Profs", "Pt",
    "Pvt", "Rd", "Rep", "Reps", "Rev", "Rs", "Sat", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr",
    "St", "Ste", "Sts", "Sun", "Supt", "Tel", "Tenn", "Tex", "Thu", "Thur", "Thurs", "Tue", "Tues",
    "Univ", "Va", "Vol", "Vols", "Vs", "Wash", "Wed", "Wis", "Wyo", "Yr", "approx", "apt", "assn",
    "asst", "attn", "ave", "avg", "bldg", "ca", "cf", "co", "corp", "dept", "eg", "esp", "est",
    "etc", "ext", "fig", "figs", "ft", "govt", "hr", "hrs", "ie", "inc", "incl", "jr", "lb", "lbs",
    "ltd", "max", "mfg", "min", "mins", "misc", "mos", "mr", "mrs", "ms", "mt", "oz", "pp", "ps",
    "pt", "qt", "sec", "secs", "sq", "sr", "st", "tel", "vol", "vols", "vs", "wk", "wks", "yr",
    "yrs",
};

// Spanish abbreviations written with a final period (RAE list, common forms). Words that are
// also ordinary words ("mar", "sol", "may") are left out.
constexpr std::string_view kSpanish[] = {
    "Abg", "Adm", "Admón", "Ag", "Apdo", "Arq", "Art", "Arts", "Av", "Avda", "Bco", "Bs", "Cap",
    "Cdad", "Cía", "Cia", "Col", "Comp", "Coord", "Cra", "Dª", "Dpto", "Dr", "Dra", "Dres", "Dras",
    "Dto", "Ed", "Edif", "Ej", "Esc", "Excma", "Excmas", "Excmo", "Excmos", "Fdo", "Fr", "Gral",
    "Hno", "Hnos", "Ilma", "Ilmas", "Ilmo", "Ilmos", "Ing", "Lda", "Ldo", "Lic", "Ltda", "Mons",
    "Mtro", "Mtra", "Nº", "Núm", "Pág", "Págs", "Pbro", "Pdte", "Pl", "Pje", "Pza", "Prof",
    "Profa", "Prov", "Pto", "Rte", "Sdad", "Sr", "Sra", "Sras", "Sres", "Srta", "Srtas", "Sta",
    "Sto", "Tel", "Telf", "Ud", "Uds", "Vd", "Vds", "Vda", "admón", "adj", "apdo", "aprox", "art",
    "arts", "aux", "av", "avda", "cap", "caps", "cf", "cfr", "cía", "col", "coord", "dcha", "dpto",
    "dto", "ed", "edit", "ej", "etc", "excmo", "fdo", "gral", "hnos", "izq", "izqda", "lic",
    "ltda", "máx", "mín", "núm", "nº", "pág", "págs", "pbro", "pdte", "pp", "prov", "pza", "sig",
    "sigs", "tel", "telf", "trad", "ud", "uds", "vd", "vds", "vol", "vols", "vs",
};

// Languages without a list keep only abbreviations with internal periods and these.
constexpr std::string_view kOther[] = {
    "etc", "vs", "cf", "ca", "approx", "Dr", "Mr", "Mrs", "Ms", "St", "Nr", "Nº", "No",
};

// OntoNotes / Penn Treebank tokenization guidelines: hyphens after these prefixes are not split.
constexpr std::string_view kHyphenPrefixes[] = {
    "a",     "agro",  "ante",  "anti",  "arch",  "be",    "bi",    "bio",   "co",    "counter",
    "cross", "cyber", "de",    "e",     "eco",   "ex",    "extra", "inter", "intra", "macro",
    "mega",  "micro", "mid",   "mini",  "multi", "neo",   "non",   "over",  "pan",   "para",
    "peri",  "post",  "pre",   "pro",   "pseudo", "psycho", "quasi", "re",  "semi",  "socio",
    "sub",   "super", "tri",   "u",     "ultra", "un",    "uni",
};

constexpr std::string_view kEmoticons[] = {
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ";D", ":P", ":-P", ":p", ":-p", ";P", ";p",
    ":o", ":O", ":-O", ":/", ":-/", ":|", ":-|", ":*", ":-*", ":'(", ":')", ":]", ":[", "=)", "=(",
    "=D", "=P", "=]", "(:", "^_^", "^^", "-_-", "<3", "</3", "XD", "xD", "8)", "8-)", "B)", "B-)",
    "o_O", "O_o", "o.O", "O.o", "T_T", ">:(", ":S", ":$", ":@",
};

// Clitics written apart ("it 's") and words that lost their first letters ('em, 'cause).
constexpr std::string_view kApostropheWords[] = {
    "cause", "d", "em", "ll", "m", "n", "re", "s", "til", "tis", "twas", "ve",
};

// Units and times written right after a number, split off in English ("5pm", "35mm", "65k").
constexpr std::string_view kUnits[] = {
    "a.m", "am", "b", "bn", "cm", "ft", "gb", "ghz", "hr", "hrs", "hz", "k", "kb", "kg", "km",
    "kph", "kw", "lb", "lbs", "m", "mb", "mg", "mhz", "min", "mins", "ml", "mm", "mph", "ms", "oz",
    "p.m", "pm", "sec", "secs", "tb", "x", "yr", "yrs",
};

// File name extensions: "ld2d-#69366-1.DOC" is one token.
constexpr std::string_view kFileExtensions[] = {
    "avi", "bmp", "csv", "dat", "doc", "docx", "exe", "gif", "htm", "html", "jpeg", "jpg", "mov",
    "mp3", "mp4", "mpg", "pdf", "png", "ppt", "pptx", "rtf", "tif", "tiff", "txt", "url", "wav",
    "xls", "xlsx", "xml", "zip",
};

using Set = std::unordered_set<std::string_view>;

template <std::size_t N>
Set make_set(const std::string_view (&words)[N]) {
  return Set(std::begin(words), std::end(words));
}

const Set& abbreviations(Lang lang) {
  static const Set en = make_set(kEnglish);
  static const Set es = make_set(kSpanish);
  static const Set other = make_set(kOther);
  switch (lang) {
    case Lang::en: return en;
    case Lang::es: return es;
    case Lang::other: break;
  }
  return other;
}

}  // namespace

bool is_abbreviation(Lang lang, std::string_view word) {
  if (word.empty()) return false;
  const Set& set = abbreviations(lang);
  if (set.count(word) != 0) return true;
  // "Etc." at the start of a sentence, "Aprox." in a heading: a capital on a lowercase entry;
  // "LTD.", "INC." in capitals.
  const auto c = static_cast<unsigned char>(word[0]);
  if (c < 'A' || c > 'Z' || word.size() > 16) return false;
  std::string variant(word);
  variant[0] = static_cast<char>(c + 32);
  if (set.count(variant) != 0) return true;
  bool upper = true;
  for (std::size_t i = 1; i < word.size() && upper; ++i) upper = word[i] >= 'A' && word[i] <= 'Z';
  if (!upper || word.size() < 2) return false;
  for (std::size_t i = 1; i < word.size(); ++i) variant[i] = static_cast<char>(word[i] + 32);
  if (set.count(variant) != 0) return true;
  variant[0] = word[0];
  return set.count(variant) != 0;
}

bool is_hyphen_prefix(std::string_view w) {
  static const Set set = make_set(kHyphenPrefixes);
  return set.count(w) != 0;
}

bool is_emoticon(std::string_view s) {
  static const Set set = make_set(kEmoticons);
  return set.count(s) != 0;
}

bool is_unit(std::string_view w) {
  static const Set set = make_set(kUnits);
  return set.count(w) != 0;
}

bool is_file_extension(std::string_view w) {
  static const Set set = make_set(kFileExtensions);
  return set.count(w) != 0;
}

bool is_apostrophe_word(std::string_view w) {
  static const Set set = make_set(kApostropheWords);
  return set.count(w) != 0;
}

}  // namespace nlp::detail::ud
