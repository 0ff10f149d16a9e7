// WordNet index loading and NLTK's morphy: a small WordNet written by the tests (errors, ties,
// exception lists), the real WordNet 3.0 of wordnet-base when installed, and a differential
// check against a literal transcription of NLTK's _morphy on generated words.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "morph/wordnet.hpp"
#include "nlp/error.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::morph::MorphyScratch;
using nlp::morph::WordNet;

namespace {

const std::string kLicense =
    "  1 This software and database is being provided to you, the LICENSEE, by  \n"
    "  2 Princeton University under the following license.  \n";

// One index line: "lemma pos 1 0 1 0 offset".
std::string index_line(const std::string& lemma, char pos, int offset) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08d", offset);
  return lemma + " " + pos + " 1 0 1 0 " + buf + "  \n";
}

struct MiniWordNet {
  std::map<std::string, std::string> files;
  MiniWordNet() {
    std::string noun = kLicense, verb = kLicense, adj = kLicense, adv = kLicense;
    int off = 1000;
    for (const char* w : {"dog", "church", "wolf", "axe", "ax", "axis", "man", "men", "aa", "bb",
                          "box", "glass", "glasses", "ice_cream", "fly"})
      noun += index_line(w, 'n', off++);
    for (const char* w : {"run", "be", "see", "saw", "fly", "hope", "hop", "stop", "tie", "box"})
      verb += index_line(w, 'v', off++);
    for (const char* w : {"good", "well", "big", "happy", "large"}) adj += index_line(w, 'a', off++);
    for (const char* w : {"well", "hard", "fast"}) adv += index_line(w, 'r', off++);
    files["index.noun"] = noun;
    files["index.verb"] = verb;
    files["index.adj"] = adj;
    files["index.adv"] = adv;
    files["noun.exc"] = "men man\nzz aa bb\nyy cc\nwolves wolf\n";
    files["verb.exc"] = "saw see\nwas be\nran run\nstopped stop\n";
    files["adj.exc"] = "better good well\nbigger big\n";
    files["adv.exc"] = "better well\nharder hard\n";
  }
  fs::path write(const std::string& name) const {
    const fs::path dir = nlp::test::temp_dir(name);
    for (const auto& [file, content] : files) nlp::test::write_file(dir / file, content);
    return dir;
  }
};

std::string shortest(const WordNet& wn, const std::string& word, char pos) {
  MorphyScratch scratch;
  const auto lemma = wn.shortest_lemma(word, pos, scratch);
  return lemma ? std::string(*lemma) : word;
}

std::vector<std::string> all(const WordNet& wn, const std::string& word, char pos) {
  MorphyScratch scratch;
  std::vector<std::string_view> out;
  wn.morphy(word, pos, scratch, out);
  return {out.begin(), out.end()};
}

std::string error_of(const fs::path& dir) {
  try {
    WordNet wn(dir.string());
  } catch (const nlp::Error& e) {
    return e.what();
  }
  return {};
}

// NLTK 3.8 WordNetCorpusReader._morphy transcribed literally (lists, no shortcuts).
std::vector<std::string> reference_morphy(const WordNet& wn, const std::string& form, char pos) {
  using Subs = std::vector<std::pair<std::string, std::string>>;
  static const std::map<char, Subs> kSubs = {
      {'n', {{"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
             {"shes", "sh"}, {"men", "man"}, {"ies", "y"}}},
      {'v', {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
             {"ing", "e"}, {"ing", ""}}},
      {'a', {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}},
      {'s', {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}},
      {'r', {}}};
  const Subs& subs = kSubs.at(pos);
  auto ends = [](const std::string& s, const std::string& e) {
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
  };
  auto apply_rules = [&](const std::vector<std::string>& forms) {
    std::vector<std::string> out;
    for (const auto& f : forms)
      for (const auto& [old_e, new_e] : subs)
        if (ends(f, old_e)) out.push_back(f.substr(0, f.size() - old_e.size()) + new_e);
    return out;
  };
  auto filter_forms = [&](const std::vector<std::string>& forms) {
    std::vector<std::string> result;
    std::set<std::string> seen;
    for (const auto& f : forms)
      if (wn.has_lemma(f, pos) && seen.insert(f).second) result.push_back(f);
    return result;
  };
  if (const auto exc = wn.exceptions(form, pos)) {
    std::vector<std::string> forms{form};
    forms.insert(forms.end(), exc->begin(), exc->end());
    return filter_forms(forms);
  }
  std::vector<std::string> forms = apply_rules({form});
  std::vector<std::string> first{form};
  first.insert(first.end(), forms.begin(), forms.end());
  auto results = filter_forms(first);
  if (!results.empty()) return results;
  while (!forms.empty()) {
    forms = apply_rules(forms);
    results = filter_forms(forms);
    if (!results.empty()) return results;
  }
  return {};
}

std::optional<fs::path> system_wordnet() {
  const fs::path dir = WordNet::resolve_dir("");
  if (!fs::exists(dir / "index.noun")) return std::nullopt;
  return dir;
}

}  // namespace

TEST_CASE("wordnet: a missing folder names it and the Debian package", "[morph][wordnet]") {
  const fs::path dir = nlp::test::temp_dir("wordnet-missing") / "nowhere";
  const std::string msg = error_of(dir);
  CHECK(msg.find(dir.string()) != std::string::npos);
  CHECK(msg.find("install the Debian package wordnet-base") != std::string::npos);
}

TEST_CASE("wordnet: a missing file names it and the Debian package", "[morph][wordnet]") {
  MiniWordNet mini;
  const fs::path dir = mini.write("wordnet-missing-file");
  fs::remove(dir / "index.adv");
  const std::string msg = error_of(dir);
  CHECK(msg.find((dir / "index.adv").string()) != std::string::npos);
  CHECK(msg.find("install the Debian package wordnet-base") != std::string::npos);
}

TEST_CASE("wordnet: corrupt or truncated files are reported with file and line", "[morph][wordnet]") {
  struct Case {
    std::string file, content, where, what;
  };
  const std::vector<Case> cases = {
      {"index.noun", kLicense + "dog n 1 0 1 0 00001000  \ncat n 2 0 1 0 00001001 00001002\n",
       "index.noun:4", "sense count"},
      {"index.noun", kLicense + "dog n 1 0 1 0 00001000  \ncat n 2 0 2 0 00001001\n",
       "index.noun:4", "expected 8 fields, found 7"},
      {"index.noun", kLicense + "dog n 1 0 1 0 00001000  \ncat n 1 0 1 0 0000\n", "index.noun:4",
       "8-digit synset offset"},
      {"index.verb", kLicense + "run v 1 0 1 0 00001000  \nsee v 1 0 1 0 0000", "index.verb:4",
       "no newline"},
      {"index.adj", kLicense + "good q 1 0 1 0 00001000\n", "index.adj:3", "part of speech"},
      {"index.adj", kLicense + "good a x 0 1 0 00001000\n", "index.adj:3", "synset count"},
      {"index.adj", kLicense + "good a 1 0\n", "index.adj:3", "at least 6 fields"},
      {"index.adv", kLicense, "index.adv:3", "found none"},
      {"noun.exc", "men man\n\nwolves wolf\n", "noun.exc:2", "empty line"},
      {"verb.exc", "saw see\nran run", "verb.exc:2", "no newline"},
      {"adj.exc", "bigger big\n" + std::string(70000, 'x') + " x\n", "adj.exc:2", "at most 65535"},
  };
  for (const Case& c : cases) {
    MiniWordNet mini;
    mini.files[c.file] = c.content;
    const fs::path dir = mini.write("wordnet-corrupt");
    const std::string msg = error_of(dir);
    INFO(c.file << ": " << msg);
    CHECK(msg.find((dir / c.where).string()) != std::string::npos);
    CHECK(msg.find(c.what) != std::string::npos);
    CHECK(msg.find("truncated or corrupt") != std::string::npos);
  }
}

TEST_CASE("wordnet: morphy follows NLTK on a small WordNet", "[morph][wordnet]") {
  MiniWordNet mini;
  const WordNet wn(mini.write("wordnet-mini").string());
  CHECK(wn.lemma_count() == 15 + 10 + 5 + 3 - 3);  // fly, box, well are in two files
  CHECK(wn.has_lemma("dog", 'n'));
  CHECK_FALSE(wn.has_lemma("dog", 'v'));
  CHECK(wn.has_lemma("good", 'a'));
  CHECK(wn.has_lemma("good", 's'));  // an adjective lemma is a satellite lemma too
  CHECK_FALSE(wn.has_lemma("", 'n'));
  CHECK_FALSE(wn.has_lemma("Dog", 'n'));  // case-sensitive, as NLTK

  CHECK(shortest(wn, "dogs", 'n') == "dog");
  CHECK(shortest(wn, "Dogs", 'n') == "Dogs");
  CHECK(shortest(wn, "churches", 'n') == "church");
  CHECK(shortest(wn, "boxes", 'n') == "box");
  CHECK(all(wn, "glasses", 'n') == std::vector<std::string>{"glasses", "glass"});
  CHECK(shortest(wn, "glasses", 'n') == "glass");
  // The word itself and the rules' forms are tried together: "axes" -> axe (s), ax (xes).
  CHECK(all(wn, "axes", 'n') == std::vector<std::string>{"axe", "ax"});
  CHECK(shortest(wn, "ice_cream", 'n') == "ice_cream");
  CHECK(shortest(wn, "ice cream", 'n') == "ice cream");

  // Exception lists: [word] + base forms, filtered; ties go to the first (Python's min).
  CHECK(all(wn, "men", 'n') == std::vector<std::string>{"men", "man"});
  CHECK(shortest(wn, "men", 'n') == "men");
  CHECK(shortest(wn, "zz", 'n') == "aa");
  CHECK(shortest(wn, "saw", 'v') == "saw");
  CHECK(shortest(wn, "was", 'v') == "be");
  CHECK(shortest(wn, "better", 'a') == "good");
  CHECK(shortest(wn, "better", 's') == "good");
  CHECK(shortest(wn, "better", 'r') == "well");
  // A word in the exception list whose base forms are not lemmas gives nothing: the rules are
  // not tried ("yy" -> "cc", not a noun).
  CHECK(all(wn, "yy", 'n').empty());
  // Verb rules in order: es->e before es->"", ed->e before ed->"".
  CHECK(all(wn, "hoped", 'v') == std::vector<std::string>{"hope", "hop"});
  CHECK(shortest(wn, "hoped", 'v') == "hop");
  CHECK(all(wn, "hopes", 'v') == std::vector<std::string>{"hope", "hop"});
  CHECK(all(wn, "boxes", 'v') == std::vector<std::string>{"box"});
  CHECK(all(wn, "ties", 'v') == std::vector<std::string>{"tie"});
  CHECK(shortest(wn, "flies", 'v') == "fly");
  CHECK(shortest(wn, "flies", 'n') == "fly");
  // Further rounds: "dogses" -> dogse, dogs (round 1, no lemma) -> dog (round 2).
  CHECK(shortest(wn, "dogses", 'n') == "dog");
  CHECK(shortest(wn, "largerer", 'a') == "large");
  // Adverbs have no rules.
  CHECK(shortest(wn, "fasts", 'r') == "fasts");
  CHECK(shortest(wn, "harder", 'r') == "hard");
  // Not a WordNet part of speech: nothing.
  CHECK(all(wn, "dogs", 'x').empty());
  CHECK(shortest(wn, "", 'n').empty());
}

TEST_CASE("wordnet: edge-case words do not break morphy", "[morph][wordnet]") {
  MiniWordNet mini;
  const WordNet wn(mini.write("wordnet-edge").string());
  for (const std::string& w :
       {std::string(), std::string(" "), std::string("\r\n"), std::string("\xEF\xBB\xBF" "dogs"),
        std::string("dogs\r"), std::string("cafe\xCC\x81s"), std::string("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9s"),
        std::string("\xC3\x28s"), std::string("\xFF\xFEs")}) {
    for (char pos : {'n', 'v', 'a', 's', 'r'}) CHECK(shortest(wn, w, pos) == w);
  }
  CHECK(shortest(wn, "\xC3\x28" "dogs", 'n') == "\xC3\x28" "dogs");
}

TEST_CASE("wordnet: a 1 MB word with repeated endings takes linear time", "[morph][wordnet]") {
  MiniWordNet mini;
  const WordNet wn(mini.write("wordnet-long").string());
  const auto start = std::chrono::steady_clock::now();
  struct Long {
    std::string word;
    char pos;
    std::string lemma;
  };
  std::vector<Long> words;
  std::string s(1u << 20, 's');
  words.push_back({s, 'n', s});
  words.push_back({"dog" + s, 'n', "dog"});  // every round strips one s
  std::string es;
  for (int i = 0; i < (1 << 19); ++i) es += "es";
  words.push_back({es, 'v', es});
  std::string eded;
  for (int i = 0; i < (1 << 18); ++i) eded += "eded";
  words.push_back({"hop" + eded, 'v', "hop"});
  std::string erer;
  for (int i = 0; i < (1 << 19); ++i) erer += "er";
  words.push_back({"big" + erer, 'a', "big"});
  words.push_back({std::string(1u << 20, 'x'), 'r', std::string(1u << 20, 'x')});
  for (const Long& l : words) {
    MorphyScratch scratch;
    const auto lemma = wn.shortest_lemma(l.word, l.pos, scratch);
    CHECK((lemma ? std::string(*lemma) : l.word) == l.lemma);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20.0);
}

TEST_CASE("wordnet: morphy equals NLTK's literal algorithm on generated words", "[morph][wordnet]") {
  MiniWordNet mini;
  std::optional<fs::path> real = system_wordnet();
  const WordNet small(mini.write("wordnet-diff").string());
  std::vector<const WordNet*> wordnets{&small};
  std::shared_ptr<const WordNet> full;
  if (real) {
    full = WordNet::open(real->string());
    wordnets.push_back(full.get());
  }
  const std::vector<std::string> stems = {
      "",     "a",    "dog", "box", "church", "wolf",  "ax",   "man",  "fl",  "happ", "bi",
      "stop", "hop",  "tie", "ti",  "run",    "glass", "wom",  "kni",  "bu",  "mous", "larg",
      "quiz", "wish", "fix", "see", "be",     "ha",    "good", "hard", "abac"};
  const std::vector<std::string> endings = {"s",  "es",   "ses", "ves", "xes", "zes", "ches", "shes",
                                            "men", "ies", "ed",  "ing", "er",  "est", "e",    "y",
                                            "z",  "x",    "i",   "ch",  "sh",  "f",   "g"};
  std::uint64_t state = 20250101;
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return state >> 33;
  };
  std::size_t checked = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string word = stems[next() % stems.size()];
    for (std::uint64_t k = next() % 4; k > 0; --k) word += endings[next() % endings.size()];
    for (const WordNet* wn : wordnets) {
      for (char pos : {'n', 'v', 'a', 's', 'r'}) {
        const std::vector<std::string> expected = reference_morphy(*wn, word, pos);
        INFO(word << " " << pos);
        REQUIRE(all(*wn, word, pos) == expected);
        std::string first_shortest = expected.empty() ? word : expected[0];
        for (const auto& e : expected)
          if (e.size() < first_shortest.size()) first_shortest = e;
        REQUIRE(shortest(*wn, word, pos) == first_shortest);
        ++checked;
      }
    }
  }
  CHECK(checked >= 20000);
}

TEST_CASE("wordnet: the installed WordNet 3.0 gives NLTK's documented lemmas", "[morph][wordnet]") {
  const auto dir = system_wordnet();
  if (!dir) nlp::test::skip("WordNet is not installed (Debian package wordnet-base)");
  const auto wn = WordNet::open(dir->string());
  CHECK(WordNet::open(dir->string()) == wn);  // loaded once, shared
  CHECK(wn->lemma_count() == 147306);
  CHECK(shortest(*wn, "dogs", 'n') == "dog");
  CHECK(shortest(*wn, "churches", 'n') == "church");
  CHECK(shortest(*wn, "aardwolves", 'n') == "aardwolf");
  CHECK(shortest(*wn, "abaci", 'n') == "abacus");
  CHECK(shortest(*wn, "hardrock", 'n') == "hardrock");
  CHECK(shortest(*wn, "running", 'v') == "run");
  CHECK(shortest(*wn, "better", 'a') == "good");
  CHECK(all(*wn, "better", 'a') == std::vector<std::string>{"better", "good", "well"});
  CHECK(all(*wn, "leaves", 'n') == std::vector<std::string>{"leaf", "leave"});
  CHECK(all(*wn, "saw", 'v') == std::vector<std::string>{"saw", "see"});
  CHECK(shortest(*wn, "was", 'v') == "be");
  CHECK(shortest(*wn, "Dogs", 'n') == "Dogs");
}

TEST_CASE("wordnet: proper names are the lemmas WordNet spells only with a capital", "[morph][wordnet]") {
  const fs::path dir = nlp::test::temp_dir("wordnet-proper");
  nlp::test::write_file(dir / "data.noun",
                        kLicense +
                            "00001000 18 n 02 Israel 0 Zion 0 000 | a country\n"
                            "00001001 18 n 01 Best 0 000 | a surname\n"
                            "00001002 04 n 02 best 0 Sunni_Islam 0 000 | the finest\n");
  nlp::test::write_file(dir / "data.adj",
                        kLicense +
                            "00002000 01 a 01 American(a) 0 000 | of the United States\n"
                            "00002001 00 s 02 new 0 New(ip) 1 000 | not old\n");
  const nlp::morph::ProperNames names(dir.string());
  CHECK(names.is_proper("israel", 'n'));
  CHECK(names.is_proper("zion", 'n'));
  CHECK(names.is_proper("sunni_islam", 'n'));
  CHECK_FALSE(names.is_proper("best", 'n'));  // also spelled lowercase
  CHECK(names.is_proper("american", 'a'));   // the (a) marker is not part of the word
  CHECK_FALSE(names.is_proper("new", 'a'));
  CHECK_FALSE(names.is_proper("american", 'n'));
  CHECK_FALSE(names.is_proper("israel", 'v'));
  CHECK(names.size('n') == 3);
  CHECK(names.size('a') == 1);

  nlp::test::write_file(dir / "data.adj", kLicense + "00002000 01 a 2 American 0\n");
  std::string msg;
  try {
    nlp::morph::ProperNames bad(dir.string());
  } catch (const nlp::Error& e) {
    msg = e.what();
  }
  CHECK(msg.find((dir / "data.adj").string() + ":3") != std::string::npos);
  fs::remove(dir / "data.adj");
  msg.clear();
  try {
    nlp::morph::ProperNames missing(dir.string());
  } catch (const nlp::Error& e) {
    msg = e.what();
  }
  CHECK(msg.find("install the Debian package wordnet-base") != std::string::npos);

  if (const auto real = system_wordnet()) {
    const auto wn_names = nlp::morph::ProperNames::open(real->string());
    CHECK(nlp::morph::ProperNames::open(real->string()) == wn_names);
    CHECK(wn_names->is_proper("american", 'a'));
    CHECK(wn_names->is_proper("iraqi", 'a'));
    CHECK(wn_names->is_proper("israel", 'n'));
    CHECK_FALSE(wn_names->is_proper("best", 'a'));
    CHECK_FALSE(wn_names->is_proper("dog", 'n'));
  }
}
