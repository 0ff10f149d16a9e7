// TER against sacreBLEU 2.6.0's outputs in the shared goldens: edits, reference lengths and
// scores of every system of WMT22 de-en, en-de, en-zh and WMT17 en-de with every reference set.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include <rapidjson/document.h>

#include "nlp/metrics/ter.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

}  // namespace

TEST_CASE("sacrebleu: corpus TER of every WMT system and reference set", "[golden][sacrebleu]") {
  const auto data = t::shared_data();
  if (!data) t::skip("the shared data folder (../shared/data) is absent: no sacreBLEU goldens to compare with");
  std::size_t compared = 0;
  double worst = 0;
  for (const char* file : {"wmt17-en-de.corpus.json", "wmt22-de-en.corpus.json", "wmt22-en-de.corpus.json", "wmt22-en-zh.corpus.json"}) {
    rapidjson::Document g;
    const std::string text = t::read_file(*data / "goldens" / "mt" / file);
    g.Parse(text.c_str(), text.size());
    REQUIRE_FALSE(g.HasParseError());
    std::map<std::string, std::vector<std::string>> refs_of;
    for (const auto& r : g["references"].GetObject()) refs_of[r.name.GetString()] = t::read_lines(*data / r.value.GetString());
    for (const auto& system : g["systems"].GetObject()) {
      const std::vector<std::string> hyps = t::read_lines(*data / system.value["hyp"].GetString());
      for (const auto& refset : g["refsets"].GetObject()) {
        INFO(file << " " << system.name.GetString() << " refs " << refset.name.GetString());
        std::vector<m::Segment> corpus(hyps.size());
        for (std::size_t i = 0; i < hyps.size(); ++i) {
          corpus[i].hyp = hyps[i];
          for (const auto& letter : refset.value.GetArray()) corpus[i].refs.push_back(refs_of[letter.GetString()][i]);
        }
        const auto ter = m::make_ter({});
        ter->prepare(corpus);
        const std::vector<double> sums = m::column_sums(m::segment_statistics(*ter, corpus, 2), 2);
        const rapidjson::Value& e = system.value[refset.name.GetString()]["TER"];
        CHECK(sums[0] == e["num_edits"].GetDouble());
        CHECK(sums[1] == Approx(e["ref_length"].GetDouble()).margin(1e-9));
        const double diff = std::fabs(ter->score(sums).score - e["score"].GetDouble());
        worst = std::max(worst, diff);
        CHECK(diff <= 1e-9);
        CHECK(ter->signature() == g["signatures"][refset.name.GetString()]["TER"].GetString());
        ++compared;
      }
    }
  }
  WARN("compared " << compared << " corpus TER scores; largest difference " << worst);
}
