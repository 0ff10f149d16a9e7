// Spanish lemmatization against the gold lemmas of UD Spanish-AnCora (r2.8, dev and test) and
// Spanish-GSD (r2.16, dev) in ../shared/data/ud (skipped when absent), with gold UPOS tags:
// exact and case-insensitive accuracy over all syntactic words, overall and per UPOS (printed).
// The pinned figures (two decimals) were measured with es-ud-v1, es-hunspell-v1 and model-v1
// (default LemmaTrainOptions) over Debian's hunspell-es 1:7.5.0-1; a change that moves them must
// update them here. The floor is the project's target: es-ud-v1 >= 96.0 % exact on AnCora test. The
// es-ud-v1 rules were developed on AnCora dev and GSD dev only; AnCora test is only measured.
// Each run writes its errors (UPOS, form, gold, system) to errors.tsv under the build tree's
// test-tmp/lemma_es_<run>-*/ folder.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "morph/lemma_model_impl.hpp"
#include "morph/lemmatizer_es.hpp"
#include "morph/morph_internal.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/eval/lemmatization_eval.hpp"
#include "nlp/morph/lemma_model.hpp"
#include "nlp/morph/lemmatizer.hpp"
#include "nlp/morph/pos.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path treebank(const std::string& relative) {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("shared data folder not found (set NLP_SHARED_DATA)");
  const fs::path p = *data / "ud" / relative;
  if (!fs::exists(p)) nlp::test::skip(p.string() + " not found");
  return p;
}

bool has_spanish_dictionary() {
  return fs::exists(fs::path(nlp::morph::es::hunspell_dir("")) / "es_ES.dic");
}

std::vector<nlp::LemmaExample> read_examples(const fs::path& p) {
  std::vector<nlp::LemmaExample> out;
  const auto reader = nlp::corpora::open_conllu(p.string(), nlp::corpora::ReaderOptions{});
  for (nlp::corpora::ConlluSentence s; reader->next(s);)
    for (const auto& w : s.words) {
      const auto u = nlp::parse_pos(w.upos);
      out.push_back({w.form, u ? *u : nlp::Upos::X, w.lemma});
    }
  return out;
}

// Percentages of nlp::eval::LemmaCounts (the counts `nlp eval lemmatize` prints).
struct Score {
  nlp::eval::LemmaCounts c;
  std::uint64_t n = c.words;
  double exact_pct() const { return 100.0 * c.exact_accuracy(); }
  double nocase_pct() const { return 100.0 * c.caseless_accuracy(); }
};

struct Report {
  Score all;
  std::map<std::string, Score> by_upos;
  double seconds = 0;
};

// Scores `l` on `examples`; the errors go to <build>/.../<name>.errors.tsv for inspection.
Report evaluate(nlp::Lemmatizer& l, const std::vector<nlp::LemmaExample>& examples,
                const std::string& name) {
  Report r;
  const fs::path dir = nlp::test::temp_dir("lemma_es_" + name);
  std::ofstream errors(dir / "errors.tsv");
  std::vector<std::string> got;
  got.reserve(examples.size());
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& e : examples) got.emplace_back(l.lemmatize(e.form, e.upos));
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlp::eval::LemmaScores scores;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const auto& e = examples[i];
    scores.add(e.lemma, got[i], nlp::to_string(e.upos));
    if (got[i] != e.lemma)
      errors << nlp::to_string(e.upos) << '\t' << e.form << '\t' << e.lemma << '\t' << got[i]
             << '\n';
  }
  r.all = {scores.total()};
  for (const auto& [tag, c] : scores.by_upos()) r.by_upos[tag] = {c};
  std::printf("%s (%s): %llu words, exact %.2f %%, case-insensitive %.2f %%, %.0f lemmas/s\n",
              name.c_str(), l.id().c_str(), static_cast<unsigned long long>(r.all.n),
              r.all.exact_pct(), r.all.nocase_pct(),
              static_cast<double>(r.all.n) / std::max(r.seconds, 1e-9));
  for (const auto& [u, s] : r.by_upos)
    std::printf("  %-6s %6llu  exact %6.2f %%  case-insensitive %6.2f %%\n", u.c_str(),
                static_cast<unsigned long long>(s.n), s.exact_pct(), s.nocase_pct());
  return r;
}

std::unique_ptr<nlp::Lemmatizer> spanish(const std::string& method) {
  nlp::LemmatizerOptions o;
  o.lang = "es";
  o.method = method;
  return nlp::morph::make_spanish_lemmatizer(o);
}

std::unique_ptr<nlp::Lemmatizer> trained_on(const std::vector<nlp::LemmaExample>& ex,
                                            const std::string& name) {
  const fs::path p = nlp::test::temp_dir("lemma_es_model_" + name) / "model.lemma";
  nlp::train_lemma_model(ex, {}, "es", p);
  nlp::LemmatizerOptions o;
  o.lang = "es";
  o.method = "model";
  o.model = p.string();
  return nlp::morph::load_lemmatizer_model(o);
}

const char* kAncoraTest = "UD_Spanish-AnCora/es_ancora-ud-test.conllu";
const char* kAncoraDev = "UD_Spanish-AnCora/es_ancora-ud-dev.conllu";
const char* kGsdDev = "UD_Spanish-GSD/es_gsd-ud-dev.conllu";

// Pins a percentage to two decimals.
void check_pct(double measured, double expected) {
  CHECK(measured == Approx(expected).margin(0.005));
}

}  // namespace

TEST_CASE("lemma es: es-ud-v1 on AnCora test reaches the target", "[golden][ud][lemma]") {
  const auto ex = read_examples(treebank(kAncoraTest));
  if (!has_spanish_dictionary()) nlp::test::skip("hunspell-es is not installed");
  auto l = spanish("ud");
  const auto r = evaluate(*l, ex, "ancora_test_ud");
  CHECK(r.all.n == 53599);
  CHECK(r.all.exact_pct() >= 96.0);
  check_pct(r.all.exact_pct(), 99.36);
  check_pct(r.all.nocase_pct(), 99.54);
  check_pct(r.by_upos.at("VERB").exact_pct(), 98.79);
  check_pct(r.by_upos.at("NOUN").exact_pct(), 98.90);
  check_pct(r.by_upos.at("ADJ").exact_pct(), 98.30);
}

TEST_CASE("lemma es: es-ud-v1 on AnCora dev and GSD dev", "[golden][ud][lemma]") {
  const auto ancora = read_examples(treebank(kAncoraDev));
  const auto gsd = read_examples(treebank(kGsdDev));
  if (!has_spanish_dictionary()) nlp::test::skip("hunspell-es is not installed");
  auto l = spanish("ud");
  const auto a = evaluate(*l, ancora, "ancora_dev_ud");
  CHECK(a.all.n == 53423);
  check_pct(a.all.exact_pct(), 99.39);
  check_pct(a.all.nocase_pct(), 99.57);
  // GSD's lemmas are automatic and lowercase proper nouns, so exact accuracy is low there; the
  // case-insensitive figure is the comparable one.
  const auto g = evaluate(*l, gsd, "gsd_dev_ud");
  CHECK(g.all.n == 37154);
  check_pct(g.all.exact_pct(), 89.63);
  check_pct(g.all.nocase_pct(), 98.37);
}

TEST_CASE("lemma es: es-hunspell-v1 (first Hunspell stem) on AnCora test", "[golden][ud][lemma]") {
  const auto ex = read_examples(treebank(kAncoraTest));
  if (!has_spanish_dictionary()) nlp::test::skip("hunspell-es is not installed");
  auto l = spanish("hunspell");
  const auto r = evaluate(*l, ex, "ancora_test_hunspell");
  check_pct(r.all.exact_pct(), 78.81);  // the baseline figure the issue reports: 78.8 %
  check_pct(r.all.nocase_pct(), 81.34);
}

TEST_CASE("lemma es: models trained on one treebank and scored on another", "[golden][ud][lemma]") {
  const auto ancora_dev = read_examples(treebank(kAncoraDev));
  const auto gsd_dev = read_examples(treebank(kGsdDev));
  const auto ancora_test = read_examples(treebank(kAncoraTest));
  auto on_ancora = trained_on(ancora_dev, "ancora_dev");
  auto on_gsd = trained_on(gsd_dev, "gsd_dev");
  const auto r1 = evaluate(*on_ancora, ancora_test, "ancora_test_model_ancora_dev");
  check_pct(r1.all.exact_pct(), 98.57);
  const auto r2 = evaluate(*on_ancora, gsd_dev, "gsd_dev_model_ancora_dev");
  check_pct(r2.all.exact_pct(), 87.97);
  check_pct(r2.all.nocase_pct(), 96.86);  // full case folding, as nlp eval lemmatize
  const auto r3 = evaluate(*on_gsd, ancora_dev, "ancora_dev_model_gsd_dev");
  check_pct(r3.all.exact_pct(), 90.25);
  check_pct(r3.all.nocase_pct(), 97.71);
  // The training data itself comes back from the lexicon, up to ambiguous (form, UPOS) pairs.
  const auto r4 = evaluate(*on_ancora, ancora_dev, "ancora_dev_model_ancora_dev");
  CHECK(r4.all.exact_pct() > 99.0);
}
