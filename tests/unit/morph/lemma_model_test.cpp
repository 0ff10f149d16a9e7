// The trainable lemmatizer: training, the nlp.lemmatizer file (round trip, determinism, damaged
// files), and lemmas for known and unknown words.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "morph/lemma_model_impl.hpp"
#include "morph/morph_internal.hpp"
#include "nlp/error.hpp"
#include "nlp/morph/lemma_model.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::LemmaExample;
using nlp::Upos;

namespace {

std::vector<LemmaExample> spanish_examples() {
  return {
      {"casas", Upos::NOUN, "casa"},
      {"mesas", Upos::NOUN, "mesa"},
      {"puertas", Upos::NOUN, "puerta"},
      {"perros", Upos::NOUN, "perro"},
      {"gatos", Upos::NOUN, "gato"},
      {"libros", Upos::NOUN, "libro"},
      {"canciones", Upos::NOUN, "canción"},
      {"naciones", Upos::NOUN, "nación"},
      {"cantaba", Upos::VERB, "cantar"},
      {"hablaba", Upos::VERB, "hablar"},
      {"es", Upos::AUX, "ser"},
      {"es", Upos::AUX, "ser"},
      {"Es", Upos::AUX, "ser"},
      {"fue", Upos::AUX, "ser"},
      {"fue", Upos::VERB, "ir"},
      {"la", Upos::DET, "el"},
      {"La", Upos::DET, "el"},
      {"la", Upos::PRON, "él"},
      {"Madrid", Upos::PROPN, "Madrid"},
      {"Barcelona", Upos::PROPN, "Barcelona"},
      {"Casas", Upos::NOUN, "casa"},
  };
}

fs::path train(const std::vector<LemmaExample>& ex, const std::string& name,
               const nlp::LemmaTrainOptions& opts = {}) {
  const fs::path dir = nlp::test::temp_dir("lemma_model_" + name);
  const fs::path out = dir / "model.lemma";
  nlp::train_lemma_model(ex, opts, "es", out);
  return out;
}

std::unique_ptr<nlp::Lemmatizer> open_model(const fs::path& p) {
  nlp::LemmatizerOptions o;
  o.lang = "es";
  o.method = "model";
  o.model = p.string();
  return nlp::morph::load_lemmatizer_model(o);
}

std::string lemma(nlp::Lemmatizer& l, std::string_view w, Upos p) {
  return std::string(l.lemmatize(w, p));
}

std::string parse_error(const std::string& bytes) {
  try {
    nlp::morph::LemmaModel::parse(bytes, "m.lemma");
  } catch (const nlp::FormatError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("lemma model: an empty training set is an error", "[morph][lemma_model]") {
  const fs::path dir = nlp::test::temp_dir("lemma_model_empty");
  std::vector<LemmaExample> none;
  CHECK_THROWS_AS(nlp::train_lemma_model(none, {}, "es", dir / "m.lemma"), nlp::UsageError);
  CHECK_FALSE(fs::exists(dir / "m.lemma"));
  CHECK_FALSE(fs::exists(dir / "m.lemma.tmp"));
  // Examples that are all unusable: no lemma, "_" (unannotated), empty form, invalid UTF-8.
  std::vector<LemmaExample> bad = {{"casa", Upos::NOUN, ""},
                                   {"casa", Upos::NOUN, "_"},
                                   {"", Upos::NOUN, "casa"},
                                   {"ca\xC3\x28", Upos::NOUN, "casa"}};
  CHECK_THROWS_WITH(nlp::train_lemma_model(bad, {}, "es", dir / "m.lemma"),
                    Catch::Contains("all 4 examples"));
}

TEST_CASE("lemma model: invalid options are usage errors", "[morph][lemma_model]") {
  const fs::path dir = nlp::test::temp_dir("lemma_model_options");
  const auto ex = spanish_examples();
  nlp::LemmaTrainOptions o;
  o.max_suffix_length = 0;
  CHECK_THROWS_AS(nlp::train_lemma_model(ex, o, "es", dir / "m"), nlp::UsageError);
  o.max_suffix_length = 33;
  CHECK_THROWS_AS(nlp::train_lemma_model(ex, o, "es", dir / "m"), nlp::UsageError);
  o = {};
  o.min_suffix_count = 0;
  CHECK_THROWS_AS(nlp::train_lemma_model(ex, o, "es", dir / "m"), nlp::UsageError);
}

TEST_CASE("lemma model: a model without a path is a usage error", "[morph][lemma_model]") {
  nlp::LemmatizerOptions o;
  o.method = "model";
  CHECK_THROWS_AS(nlp::morph::load_lemmatizer_model(o), nlp::UsageError);
  o.model = (nlp::test::temp_dir("lemma_model_missing") / "absent.lemma").string();
  CHECK_THROWS_AS(nlp::morph::load_lemmatizer_model(o), nlp::IoError);
}

TEST_CASE("lemma model: training data comes back from the lexicon", "[morph][lemma_model]") {
  auto ex = spanish_examples();
  const fs::path p = train(ex, "round_trip");
  CHECK_FALSE(fs::exists(p.string() + ".tmp"));
  auto l = open_model(p);
  CHECK(l->id() == "model-v1");
  // Every (form, UPOS) gets its most frequent lemma.
  CHECK(lemma(*l, "es", Upos::AUX) == "ser");
  CHECK(lemma(*l, "Es", Upos::AUX) == "ser");
  CHECK(lemma(*l, "fue", Upos::AUX) == "ser");
  CHECK(lemma(*l, "fue", Upos::VERB) == "ir");
  CHECK(lemma(*l, "la", Upos::DET) == "el");
  CHECK(lemma(*l, "la", Upos::PRON) == "él");
  CHECK(lemma(*l, "Madrid", Upos::PROPN) == "Madrid");
  for (const auto& e : ex) CHECK(lemma(*l, e.form, e.upos) == e.lemma);
  // The same without pruning the lexicon.
  nlp::LemmaTrainOptions full;
  full.prune_lexicon = false;
  auto l2 = open_model(train(ex, "round_trip_full", full));
  for (const auto& e : ex) CHECK(lemma(*l2, e.form, e.upos) == e.lemma);
}

TEST_CASE("lemma model: unknown words get the script of their longest known suffix",
          "[morph][lemma_model]") {
  auto l = open_model(train(spanish_examples(), "suffix"));
  CHECK(lemma(*l, "tazas", Upos::NOUN) == "taza");
  CHECK(lemma(*l, "canastos", Upos::NOUN) == "canasto");
  CHECK(lemma(*l, "mansiones", Upos::NOUN) == "mansión");  // "ones" -> "ón", two-byte ó
  CHECK(lemma(*l, "bailaba", Upos::VERB) == "bailar");
  // Case: a capitalized noun is lowercased by its script, a proper noun keeps its form.
  CHECK(lemma(*l, "Tazas", Upos::NOUN) == "taza");
  CHECK(lemma(*l, "Sevilla", Upos::PROPN) == "Sevilla");
  // A tag never seen in training: the word unchanged.
  CHECK(lemma(*l, "rápido", Upos::ADJ) == "rápido");
  // No tag: learned over all tags.
  CHECK(lemma(*l, "tazas", Upos::none) == "taza");
  CHECK(lemma(*l, "es", Upos::none) == "ser");
}

TEST_CASE("lemma model: edge-case words", "[morph][lemma_model]") {
  auto l = open_model(train(spanish_examples(), "edges"));
  CHECK(lemma(*l, "", Upos::NOUN) == "");
  CHECK(lemma(*l, " ", Upos::NOUN) == " ");
  CHECK(lemma(*l,
              "\xEF\xBB\xBF"
              "casas",
              Upos::NOUN) ==
        "\xEF\xBB\xBF"
        "casa");                                                           // BOM kept
  CHECK(lemma(*l, "cafe\xCC\x81s", Upos::NOUN) == "cafe\xCC\x81");         // combining acute kept
  const std::string zwj = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB";  // woman technologist
  CHECK(lemma(*l, zwj, Upos::SYM) == zwj);
  CHECK(lemma(*l, zwj + "s", Upos::NOUN) == zwj);
  const std::string big(1 << 20, 'a');
  CHECK(lemma(*l, big + "s", Upos::NOUN) == big);
  CHECK(lemma(*l, "s", Upos::NOUN) == "s");  // the script would leave nothing
}

TEST_CASE("lemma model: training is deterministic and load-save is lossless",
          "[morph][lemma_model]") {
  const auto ex = spanish_examples();
  const std::string a = nlp::test::read_file(train(ex, "det_a"));
  const std::string b = nlp::test::read_file(train(ex, "det_b"));
  CHECK(a == b);
  auto m = nlp::morph::LemmaModel::parse(a, "det_a");
  CHECK(m->lang() == "es");
  CHECK(m->max_suffix_length() == 8);
  CHECK(m->rule_count() > 0);
  // Examples in another order give the same file.
  std::vector<LemmaExample> rev(ex.rbegin(), ex.rend());
  CHECK(nlp::test::read_file(train(rev, "det_rev")) == a);
}

TEST_CASE("lemma model: the header names the format and its counts", "[morph][lemma_model]") {
  const std::string bytes = nlp::test::read_file(train(spanish_examples(), "header"));
  REQUIRE(bytes.size() > 24);
  CHECK(bytes.substr(0, 8) == "NLPLEMMA");
  CHECK(bytes.find("\"format\":\"nlp.lemmatizer\"") != std::string::npos);
  CHECK(bytes.find("\"format_version\":1") != std::string::npos);
  CHECK(bytes.find("\"producer\":\"nlp ") != std::string::npos);
  CHECK(bytes.find("\"examples\":21") != std::string::npos);
}

TEST_CASE("lemma model: damaged files are format errors with a byte offset",
          "[morph][lemma_model]") {
  const std::string good = nlp::test::read_file(train(spanish_examples(), "damaged"));
  REQUIRE_NOTHROW(nlp::morph::LemmaModel::parse(good, "m.lemma"));

  SECTION("empty and foreign files") {
    CHECK_THAT(parse_error(""), Catch::Contains("m.lemma: byte 0: not an nlp lemmatizer model"));
    CHECK_THAT(parse_error("{\"format\": \"nlp.word2vec\"}"), Catch::Contains("not an nlp"));
  }
  SECTION("every truncation") {
    for (std::size_t n = 0; n < good.size(); ++n) {
      const std::string msg = parse_error(good.substr(0, n));
      INFO("truncated to " << n << " bytes: " << msg);
      REQUIRE_THAT(msg, Catch::StartsWith("m.lemma: byte "));
    }
    CHECK_THAT(parse_error(good.substr(0, good.size() - 2)), Catch::Contains("truncated"));
  }
  SECTION("a flipped payload byte fails the checksum") {
    std::string bad = good;
    bad[bad.size() - 10] = static_cast<char>(bad[bad.size() - 10] ^ 0x01);
    const std::string msg = parse_error(bad);
    CHECK_THAT(msg, Catch::StartsWith("m.lemma: byte "));
    CHECK_THAT(msg, Catch::Contains("corrupt") || Catch::Contains("not valid UTF-8") ||
                        Catch::Contains("UPOS"));
  }
  SECTION("a newer format version") {
    std::string newer = good;
    newer[8] = 2;
    CHECK_THAT(parse_error(newer),
               Catch::Contains("byte 8: format version 2 is newer than this build supports (1)"));
    newer[8] = 0;
    CHECK_THAT(parse_error(newer), Catch::Contains("format version 0"));
  }
  SECTION("a wrong byte-order mark") {
    std::string swapped = good;
    std::swap(swapped[12], swapped[15]);
    CHECK_THAT(parse_error(swapped), Catch::Contains("byte 12: byte-order mark"));
  }
  SECTION("a header length past the end") {
    std::string bad = good;
    bad[23] = 0x7F;
    CHECK_THAT(parse_error(bad), Catch::Contains("byte 24: file is truncated"));
  }
  SECTION("a broken JSON header") {
    std::string bad = good;
    bad[24] = '[';
    CHECK_THAT(parse_error(bad), Catch::Contains("header"));
  }
  SECTION("bytes after the checksum") {
    CHECK_THAT(parse_error(good + "x"), Catch::Contains("unexpected bytes after the checksum"));
  }
  SECTION("through the lemmatizer constructor the file name is in the message") {
    const fs::path p = nlp::test::temp_dir("lemma_model_damaged_file") / "cut.lemma";
    nlp::test::write_file(p, good.substr(0, good.size() / 2));
    CHECK_THROWS_AS(open_model(p), nlp::FormatError);
    CHECK_THROWS_WITH(open_model(p), Catch::Contains(p.string() + ": byte "));
  }
}

TEST_CASE("lemma model: clones share the model and keep their own results",
          "[morph][lemma_model]") {
  auto a = open_model(train(spanish_examples(), "clone"));
  auto b = a->clone();
  const std::string_view va = a->lemmatize("casas", Upos::NOUN);
  const std::string_view vb = b->lemmatize("fue", Upos::VERB);
  CHECK(va == "casa");  // a's view is untouched by a call on b
  CHECK(vb == "ir");
  CHECK(b->id() == "model-v1");
}

TEST_CASE("lemma model: apply_script respects UTF-8 boundaries", "[morph][lemma_model]") {
  std::string out;
  nlp::morph::EditScript s;
  s.strip = 2;
  s.append = "on";
  CHECK_FALSE(nlp::morph::apply_script(s, "canción", "canción", out));  // would cut inside ó
  s.strip = 3;
  CHECK(nlp::morph::apply_script(s, "canción", "canción", out));
  CHECK(out == "cancion");
  s.lower = true;
  CHECK(nlp::morph::apply_script(s, "CANCIÓN", "canción", out));
  CHECK(out == "cancion");
  s.strip = 20;
  CHECK_FALSE(nlp::morph::apply_script(s, "canción", "canción", out));
  std::string low;
  nlp::morph::lower_utf8("ÁRBOL Ñandú", low);
  CHECK(low == "árbol ñandú");
  nlp::morph::lower_utf8("A\xC3\x28", low);  // invalid bytes pass through
  CHECK(low == "a\xC3\x28");
}
