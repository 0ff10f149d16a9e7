// Spanish lemmatizers es-ud-v1 and es-hunspell-v1 over Debian's hunspell-es dictionary (the
// tests that need it are skipped when it is not installed).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "morph/lemmatizer_es.hpp"
#include "morph/morph_internal.hpp"
#include "nlp/error.hpp"
#include "nlp/morph/lemma_model.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::Upos;

namespace {

void require_dictionary() {
  if (!fs::exists(fs::path(nlp::morph::es::hunspell_dir("")) / "es_ES.dic"))
    nlp::test::skip("hunspell-es is not installed (Debian package hunspell-es)");
}

std::unique_ptr<nlp::Lemmatizer> spanish(const std::string& method = "",
                                         const std::string& model = "") {
  require_dictionary();
  nlp::LemmatizerOptions o;
  o.lang = "es";
  o.method = method;
  o.model = model;
  return nlp::morph::make_spanish_lemmatizer(o);
}

struct Case {
  const char* form;
  Upos pos;
  const char* lemma;
};

}  // namespace

TEST_CASE("lemmatizer es: a missing dictionary names the path and the package",
          "[morph][lemmatizer_es]") {
  const fs::path dir = nlp::test::temp_dir("lemmatizer_es_no_dict");
  nlp::LemmatizerOptions o;
  o.lang = "es";
  o.hunspell_dir = dir.string();
  for (const char* method : {"", "ud", "hunspell"}) {
    o.method = method;
    try {
      nlp::morph::make_spanish_lemmatizer(o);
      FAIL("no error for a missing dictionary");
    } catch (const nlp::Error& e) {
      const std::string msg = e.what();
      CHECK_THAT(msg, Catch::Contains(dir.string()));
      CHECK_THAT(msg, Catch::Contains("install the Debian package hunspell-es"));
    }
  }
}

TEST_CASE("lemmatizer es: an unknown method is a usage error", "[morph][lemmatizer_es]") {
  nlp::LemmatizerOptions o;
  o.lang = "es";
  o.method = "wordnet";
  CHECK_THROWS_AS(nlp::morph::make_spanish_lemmatizer(o), nlp::UsageError);
  CHECK_THROWS_WITH(nlp::morph::make_spanish_lemmatizer(o), Catch::Contains("hunspell"));
}

TEST_CASE("lemmatizer es: edge-case input", "[morph][lemmatizer_es]") {
  auto l = spanish();
  CHECK(l->id() == "es-ud-v1");
  CHECK(l->lemmatize("", Upos::NOUN) == "");
  CHECK(l->lemmatize("", Upos::none) == "");
  CHECK(l->lemmatize(" ", Upos::NOUN) == " ");
  CHECK(l->lemmatize("\t\r\n", Upos::PUNCT) == "\t\r\n");
  CHECK(l->lemmatize("\xEF\xBB\xBF", Upos::X) == "\xEF\xBB\xBF");
  CHECK(l->lemmatize("ca\xC3\x28s", Upos::NOUN) == "ca\xC3\x28s");  // invalid UTF-8 passes through
  const std::string zwj = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB";
  CHECK(l->lemmatize(zwj, Upos::SYM) == zwj);
  CHECK(l->lemmatize(zwj, Upos::NOUN) == zwj);
  // "cafe" + combining acute (decomposed) is not the dictionary's "café"; it is kept whole.
  CHECK(l->lemmatize("cafe\xCC\x81", Upos::NOUN) == "cafe\xCC\x81");
  const std::string big(1 << 20, 'a');
  // Words over 100 bytes are only lowercased.
  CHECK(l->lemmatize(big, Upos::NOUN) == big);
  CHECK(l->lemmatize(big + "S", Upos::NOUN) == big + "s");
  CHECK(l->lemmatize(big + "ando", Upos::VERB) == big + "ando");
  const std::string long_word(90, 'z');  // under the limit: the rules apply
  CHECK(l->lemmatize(long_word + "aba", Upos::VERB) == long_word + "ar");
  CHECK(l->lemmatize(long_word + "os", Upos::NOUN) == long_word + "o");
  CHECK(l->lemmatize(std::string(1 << 20, 'A'), Upos::PROPN).size() == std::size_t{1} << 20);
}

TEST_CASE("lemmatizer es: UD Spanish conventions by part of speech", "[morph][lemmatizer_es]") {
  auto l = spanish("ud");
  const std::vector<Case> cases = {
      // articles, determiners and pronouns
      {"la", Upos::DET, "el"},
      {"La", Upos::DET, "el"},
      {"los", Upos::DET, "el"},
      {"una", Upos::DET, "uno"},
      {"sus", Upos::DET, "su"},
      {"otras", Upos::DET, "otro"},
      {"todas", Upos::DET, "todo"},
      {"esta", Upos::DET, "este"},
      {"cualquier", Upos::DET, "cualquiera"},
      {"la", Upos::PRON, "él"},
      {"se", Upos::PRON, "él"},
      {"me", Upos::PRON, "yo"},
      {"nos", Upos::PRON, "yo"},
      {"te", Upos::PRON, "tú"},
      {"ellas", Upos::PRON, "él"},
      {"nada", Upos::PRON, "nada"},
      {"quienes", Upos::PRON, "quien"},
      {"esto", Upos::PRON, "este"},
      // nouns: number only, gender kept
      {"casas", Upos::NOUN, "casa"},
      {"meses", Upos::NOUN, "mes"},
      {"canciones", Upos::NOUN, "canción"},
      {"luces", Upos::NOUN, "luz"},
      {"intereses", Upos::NOUN, "interés"},
      {"órdenes", Upos::NOUN, "orden"},
      {"empresas", Upos::NOUN, "empresa"},
      {"hijas", Upos::NOUN, "hija"},
      {"crisis", Upos::NOUN, "crisis"},
      {"Casas", Upos::NOUN, "casa"},
      {"CASAS", Upos::NOUN, "casa"},
      // adjectives: masculine singular
      {"blancas", Upos::ADJ, "blanco"},
      {"españolas", Upos::ADJ, "español"},
      {"alemana", Upos::ADJ, "alemán"},
      {"importantes", Upos::ADJ, "importante"},
      {"incapaces", Upos::ADJ, "incapaz"},
      {"primera", Upos::ADJ, "primero"},
      {"belga", Upos::ADJ, "belga"},
      // verbs: regular, stem-changing, spelling-changing, irregular, prefixed, clitics
      {"cantaba", Upos::VERB, "cantar"},
      {"comieron", Upos::VERB, "comer"},
      {"vivimos", Upos::VERB, "vivir"},
      {"cuenta", Upos::VERB, "contar"},
      {"piensa", Upos::VERB, "pensar"},
      {"pide", Upos::VERB, "pedir"},
      {"sigue", Upos::VERB, "seguir"},
      {"juega", Upos::VERB, "jugar"},
      {"busqué", Upos::VERB, "buscar"},
      {"llegué", Upos::VERB, "llegar"},
      {"conozco", Upos::VERB, "conocer"},
      {"construyó", Upos::VERB, "construir"},
      {"leyó", Upos::VERB, "leer"},
      {"hizo", Upos::VERB, "hacer"},
      {"dio", Upos::VERB, "dar"},
      {"tuvieron", Upos::VERB, "tener"},
      {"dijeron", Upos::VERB, "decir"},
      {"pondrá", Upos::VERB, "poner"},
      {"mantuvo", Upos::VERB, "mantener"},
      {"propuesto", Upos::VERB, "proponer"},
      {"dámelo", Upos::VERB, "dar"},
      {"diciéndole", Upos::VERB, "decir"},
      {"hablarle", Upos::VERB, "hablar"},
      {"Cantaba", Upos::VERB, "cantar"},
      {"fue", Upos::AUX, "ser"},
      {"fue", Upos::VERB, "ir"},
      {"fueron", Upos::AUX, "ser"},
      {"ha", Upos::AUX, "haber"},
      {"está", Upos::AUX, "estar"},
      {"pueda", Upos::AUX, "poder"},
      {"Es", Upos::AUX, "ser"},
      // numbers, symbols, proper nouns, punctuation, invariable words
      {"10.000", Upos::NUM, "10000"},
      {"3,5", Upos::NUM, "3.5"},
      {"6.097,9", Upos::NUM, "6097.9"},
      {"1.5", Upos::NUM, "1.5"},
      {"2000", Upos::NUM, "2000"},
      {"ambas", Upos::NUM, "ambos"},
      {"miles", Upos::NUM, "mil"},
      {"20%", Upos::SYM, "20/100"},
      {"2,4%", Upos::SYM, "2.4/100"},
      {"%", Upos::SYM, "%"},
      {"Madrid", Upos::PROPN, "Madrid"},
      {"PSOE", Upos::PROPN, "PSOE"},
      {"¿", Upos::PUNCT, "¿"},
      {"muy", Upos::ADV, "mucho"},
      {"También", Upos::ADV, "también"},
      {"De", Upos::ADP, "de"},
      {"Y", Upos::CCONJ, "y"},
  };
  for (const auto& c : cases) {
    INFO(c.form << " " << nlp::to_string(c.pos));
    CHECK(l->lemmatize(c.form, c.pos) == c.lemma);
  }
}

TEST_CASE("lemmatizer es: without a tag", "[morph][lemmatizer_es]") {
  auto l = spanish();
  CHECK(l->lemmatize("casas", Upos::none) == "casa");
  CHECK(l->lemmatize("fue", Upos::none) == "ser");
  CHECK(l->lemmatize("nos", Upos::none) == "yo");
}

TEST_CASE("lemmatizer es: the candidate generators", "[morph][lemmatizer_es]") {
  using nlp::morph::es::normalize_number;
  CHECK(normalize_number("") == "");
  CHECK(normalize_number("abc") == "");
  CHECK(normalize_number("2000") == "");  // unchanged
  CHECK(normalize_number("1.000.000") == "1000000");
  CHECK(normalize_number("1.00") == "");  // not thousands: left alone
  CHECK(normalize_number("1..000") == "");
  CHECK(normalize_number(".5") == "");
  CHECK(normalize_number("5,") == "");
  CHECK(normalize_number("1,2,3") == "");
  CHECK(normalize_number("1.234,56") == "1234.56");
  require_dictionary();
  const auto d = nlp::morph::es::load_spanish_data(nlp::morph::es::hunspell_dir(""));
  CHECK(d->roots.count("cantar") == 1);
  CHECK(d->irregular.at("estuvieron").infinitive == "estar");
  CHECK(d->irregular.at("dijeron").infinitive == "decir");  // -j stem: -eron
  CHECK(d->irregular.at("tuvo").prefixable);
  const auto c = nlp::morph::es::verb_candidates(*d, "cantaba");
  REQUIRE_FALSE(c.empty());
  CHECK(std::any_of(c.begin(), c.end(), [](const auto& v) { return v.infinitive == "cantar"; }));
  for (std::size_t i = 1; i < c.size(); ++i) CHECK(c[i - 1].weight >= c[i].weight);
  // Words the dictionary does not know: the longest regular ending.
  auto l = spanish();
  CHECK(l->lemmatize("zorgaba", Upos::VERB) == "zorgar");
  CHECK(l->lemmatize("zorguiendo", Upos::VERB).ends_with("r"));
  CHECK(l->lemmatize("zorgos", Upos::NOUN) == "zorgo");
  CHECK(l->lemmatize("zorgaciones", Upos::NOUN) == "zorgación");
}

TEST_CASE("lemmatizer es: a model's lexicon comes first", "[morph][lemmatizer_es]") {
  require_dictionary();
  const fs::path p = nlp::test::temp_dir("lemmatizer_es_model") / "m.lemma";
  const std::vector<nlp::LemmaExample> ex = {{"comicios", Upos::NOUN, "comicio"},
                                             {"Lunes", Upos::NOUN, "Lunes"}};
  nlp::LemmaTrainOptions o;
  o.prune_lexicon = false;
  nlp::train_lemma_model(ex, o, "es", p);
  auto plain = spanish("ud");
  auto with = spanish("ud", p.string());
  CHECK(plain->lemmatize("comicios", Upos::NOUN) == "comicios");
  CHECK(with->lemmatize("comicios", Upos::NOUN) == "comicio");
  CHECK(with->lemmatize("Lunes", Upos::NOUN) == "Lunes");
  CHECK(with->lemmatize("casas", Upos::NOUN) == "casa");  // not in the model: the rules
  CHECK(with->clone()->lemmatize("comicios", Upos::NOUN) == "comicio");
}

TEST_CASE("lemmatizer es: the first Hunspell stem", "[morph][lemmatizer_es]") {
  auto l = spanish("hunspell");
  CHECK(l->id() == "es-hunspell-v1");
  CHECK(l->lemmatize("cantaba", Upos::VERB) == "cantar");
  CHECK(l->lemmatize("niños", Upos::NOUN) == "niño");
  CHECK(l->lemmatize("Xyzzyqq", Upos::NOUN) == "Xyzzyqq");  // unknown: as written
  CHECK(l->lemmatize("", Upos::NOUN) == "");
  CHECK(l->lemmatize("ca\xC3\x28", Upos::NOUN) == "ca\xC3\x28");
  CHECK(l->clone()->lemmatize("leones", Upos::NOUN) == "león");
}

TEST_CASE("lemmatizer es: clones work in parallel and views stay valid until the next call",
          "[morph][lemmatizer_es]") {
  auto base = spanish();
  const std::vector<Case> words = {{"casas", Upos::NOUN, "casa"},
                                   {"cuenta", Upos::VERB, "contar"},
                                   {"las", Upos::DET, "el"},
                                   {"españolas", Upos::ADJ, "español"}};
  const std::string_view first = base->lemmatize("canciones", Upos::NOUN);
  auto other = base->clone();
  CHECK(other->lemmatize("fue", Upos::VERB) == "ir");
  CHECK(first == "canción");  // another object's call does not touch this view
  std::vector<int> failures(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t, l = base->clone()] {
      for (int round = 0; round < 200; ++round)
        for (const auto& w : words)
          if (l->lemmatize(w.form, w.pos) != w.lemma) ++failures[static_cast<std::size_t>(t)];
    });
  for (auto& th : threads) th.join();
  CHECK(failures[0] == 0);
  CHECK(failures[1] == 0);
}

TEST_CASE("lemmatizer es: without a tag the dictionary decides between readings", "[morph][lemmatizer_es]") {
  auto l = spanish("ud");
  CHECK(l->lemmatize("comían", Upos::none) == "comer");       // not a root: the verb reading
  CHECK(l->lemmatize("canciones", Upos::none) == "canción");  // a plural of a root
  CHECK(l->lemmatize("buenas", Upos::none) == "buen");        // adjective: AnCora writes "buen"
  CHECK(l->lemmatize("hermosas", Upos::none) == "hermoso");   // feminine plural adjective
  CHECK(l->lemmatize("altas", Upos::none) == "alta");         // "alta" is a noun root too: kept
  CHECK(l->lemmatize("casa", Upos::none) == "casa");          // a root stays
  CHECK(l->lemmatize("Madrid", Upos::none) == "Madrid");      // unknown in lowercase: a name
  CHECK(l->lemmatize("El", Upos::none) == "el");              // closed class, sentence-initial
  CHECK(l->lemmatize("Casas", Upos::none) == "casa");         // known in lowercase
  CHECK(l->lemmatize("fue", Upos::none) == "ser");
}
