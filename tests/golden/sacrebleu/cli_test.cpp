// `nlp score` and `nlp compare` against sacreBLEU 2.6.0's outputs in the shared goldens: the
// printed line and JSON score of BLEU, chrF, chrF++ and TER for every WMT17 en-de and WMT22 de-en
// system, and the paired bootstrap / approximate randomization p-values, means and intervals of
// the nine WMT22 de-en systems.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>

#include <rapidjson/document.h>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;

namespace {

std::string q(const fs::path& p) { return t::shell_quote(p.string()); }

struct MetricCall {
  const char* golden;  // key in the golden file
  const char* args;    // nlp score arguments
};

// Every system of one golden corpus file against one refset through the command line.
void check_corpus_file(const fs::path& data, const std::string& file, const std::string& refset) {
  const rapidjson::Document g = t::parse_json(t::read_file(data / "goldens" / "mt" / file));
  std::string refs;
  for (const auto& letter : g["refsets"][refset.c_str()].GetArray())
    refs += " --ref " + q(data / g["references"][letter.GetString()].GetString());
  const MetricCall calls[] = {{"BLEU", "bleu"}, {"chrF2", "chrf"}, {"chrF2++", "chrf --word-order 2"}, {"TER", "ter"}};
  for (const auto& system : g["systems"].GetObject()) {
    const fs::path hyp = data / system.value["hyp"].GetString();
    const rapidjson::Value& expected = system.value[refset.c_str()];
    for (const MetricCall& c : calls) {
      INFO(file << " " << system.name.GetString() << " " << refset << " " << c.golden);
      const auto text = t::run(t::nlp_command(std::string("score ") + c.args + refs + " " + q(hyp)));
      REQUIRE(text.exit_code == 0);
      // "BLEU|<signature> = 22.67 ..." against sacreBLEU's "BLEU = 22.67 ..." and its signature.
      const std::string golden_line = expected[c.golden]["string"].GetString();
      const std::string signature = g["signatures"][refset.c_str()][c.golden].GetString();
      const std::size_t eq = golden_line.find(" = ");
      CHECK(text.out == golden_line.substr(0, eq) + "|" + signature + golden_line.substr(eq) + "\n");
      const auto json = t::run(t::nlp_command(std::string("score ") + c.args + " -f json" + refs + " " + q(hyp)));
      REQUIRE(json.exit_code == 0);
      const rapidjson::Document got = t::parse_json(json.out);
      CHECK(std::fabs(got["score"].GetDouble() - expected[c.golden]["score"].GetDouble()) <= 1e-9);
    }
  }
}

}  // namespace

TEST_CASE("sacrebleu cli: WMT17 en-de lines and scores of BLEU chrF chrF++ and TER", "[golden][sacrebleu][cli]") {
  check_corpus_file(t::shared_data_or_skip("sacreBLEU goldens to compare with"), "wmt17-en-de.corpus.json", "A");
}

TEST_CASE("sacrebleu cli: WMT22 de-en with two references", "[golden][sacrebleu][cli]") {
  check_corpus_file(t::shared_data_or_skip("sacreBLEU goldens to compare with"), "wmt22-de-en.corpus.json", "AB");
}

TEST_CASE("sacrebleu cli: paired bootstrap and approximate randomization of nine WMT22 systems", "[golden][sacrebleu][cli]") {
  const fs::path data = t::shared_data_or_skip("sacreBLEU goldens to compare with");
  const rapidjson::Document g = t::parse_json(t::read_file(data / "goldens" / "mt" / "wmt22-de-en.significance.json"));
  const fs::path dir = data / g["cwd"].GetString();
  std::string systems;
  const auto& names = g["systems"].GetArray();
  for (rapidjson::SizeType i = 1; i < names.Size(); ++i) systems += " " + q(dir / names[i].GetString());
  const fs::path refs = dir.parent_path() / "references";
  for (const char* run : {"paired-bs.refA", "paired-ar.refA", "paired-bs.refAB", "paired-ar.refAB"}) {
    INFO(run);
    const std::string name(run);
    std::string ref_args = " --ref " + q(refs / "generaltest2022.de-en.ref.A.en");
    if (name.ends_with("AB")) ref_args += " --ref " + q(refs / "generaltest2022.de-en.ref.B.en");
    const std::string test = name.starts_with("paired-bs") ? " --paired-bs 1000" : " --paired-ar 10000";
    const auto r = t::run(t::nlp_command("compare -f json -j 2 --metrics bleu,chrf" + test + ref_args + " --baseline " +
                                         q(dir / names[0].GetString()) + systems));
    REQUIRE(r.exit_code == 0);
    const rapidjson::Document got = t::parse_json(r.out);
    const auto& expected = g["runs"][run]["output"].GetArray();
    REQUIRE(got["systems"].Size() == expected.Size());
    for (rapidjson::SizeType s = 0; s < expected.Size(); ++s)
      for (const char* metric : {"BLEU", "chrF2"}) {
        INFO(expected[s]["system"].GetString() << " " << metric);
        const rapidjson::Value& e = expected[s][metric];
        const rapidjson::Value& o = got["systems"][s]["scores"][metric];
        CHECK(std::fabs(o["score"].GetDouble() - e["score"].GetDouble()) <= 1e-9);
        if (e["p_value"].IsNull()) {
          CHECK(o["p_value"].IsNull());
        } else {
          CHECK(o["p_value"].GetDouble() == Approx(e["p_value"].GetDouble()).epsilon(1e-12));
        }
        if (e["mean"].IsNull()) {
          CHECK(o["mean"].IsNull());
        } else {
          CHECK(std::fabs(o["mean"].GetDouble() - e["mean"].GetDouble()) <= 1e-6);
          CHECK(std::fabs(o["ci"].GetDouble() - e["ci"].GetDouble()) <= 1e-6);
        }
      }
  }
}
