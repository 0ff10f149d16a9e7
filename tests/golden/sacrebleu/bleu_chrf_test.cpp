// BLEU, chrF and chrF++ against sacreBLEU 2.6.0's outputs in the shared goldens
// (goldens/README.md section 1): corpus statistics and scores of every system of WMT22 de-en,
// en-de, en-zh and WMT17 en-de with every reference set, and sentence-level scores and statistics.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <filesystem>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

#include "nlp/metrics/bleu.hpp"
#include "nlp/metrics/chrf.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

std::vector<m::Segment> corpus(const std::vector<std::string>& hyps, const std::vector<std::vector<std::string>>& refs) {
  std::vector<m::Segment> c(hyps.size());
  for (std::size_t i = 0; i < hyps.size(); ++i) {
    c[i].hyp = hyps[i];
    for (const auto& r : refs) c[i].refs.push_back(r[i]);
  }
  return c;
}

struct Checked {
  std::size_t systems = 0, scores = 0;
  double worst = 0;
};

void check_stats(const std::vector<double>& sums, const rapidjson::Value& expected, std::size_t offset) {
  for (rapidjson::SizeType i = 0; i < expected.Size(); ++i) CHECK(sums[offset + i] == expected[i].GetDouble());
}

void check_file(const fs::path& data, const std::string& file, Checked& checked) {
  const rapidjson::Document g = t::parse_json(t::read_file(data / "goldens" / "mt" / file));
  const std::string lang = g["target_language"].GetString();
  std::map<std::string, std::vector<std::string>> ref_lines;
  for (const auto& r : g["references"].GetObject()) ref_lines[r.name.GetString()] = t::read_lines(data / r.value.GetString());
  for (const auto& system : g["systems"].GetObject()) {
    const std::vector<std::string> hyps = t::read_lines(data / system.value["hyp"].GetString());
    ++checked.systems;
    for (const auto& refset : g["refsets"].GetObject()) {
      std::vector<std::vector<std::string>> refs;
      for (const auto& letter : refset.value.GetArray()) refs.push_back(ref_lines[letter.GetString()]);
      const std::vector<m::Segment> segs = corpus(hyps, refs);
      const rapidjson::Value& expected = system.value[refset.name.GetString()];
      INFO(file << " " << system.name.GetString() << " refs " << refset.name.GetString());
      struct Case {
        const char* key;
        std::unique_ptr<m::Metric> metric;
      };
      std::vector<Case> cases;
      m::BleuOptions bo;
      bo.tokenize = lang == "zh" ? "zh" : "13a";
      cases.push_back({"BLEU", m::make_bleu(bo)});
      cases.push_back({"chrF2", m::make_chrf({})});
      m::ChrfOptions pp;
      pp.word_order = 2;
      cases.push_back({"chrF2++", m::make_chrf(pp)});
      if (expected.HasMember("chrF2_eps")) {
        m::ChrfOptions e;
        e.eps_smoothing = true;
        cases.push_back({"chrF2_eps", m::make_chrf(e)});
        e.word_order = 2;
        cases.push_back({"chrF2++_eps", m::make_chrf(e)});
      }
      for (Case& c : cases) {
        INFO(c.key);
        c.metric->prepare(segs);
        const std::vector<double> sums = m::column_sums(m::segment_statistics(*c.metric, segs, 2), c.metric->stats_size());
        const m::Score s = c.metric->score(sums);
        const rapidjson::Value& e = expected[c.key];
        const double diff = std::fabs(s.score - e["score"].GetDouble());
        checked.worst = std::max(checked.worst, diff);
        ++checked.scores;
        CHECK(diff <= 1e-9);
        CHECK(c.metric->signature() == g["signatures"][refset.name.GetString()][c.key].GetString());
        if (std::string(c.key) == "BLEU") {
          CHECK(sums[0] == e["sys_len"].GetDouble());
          CHECK(sums[1] == e["ref_len"].GetDouble());
          check_stats(sums, e["counts"], 2);
          check_stats(sums, e["totals"], 6);
          CHECK(std::fabs(s.part("bp") - e["bp"].GetDouble()) <= 1e-15);
        } else {
          check_stats(sums, e["stats"], 0);
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("sacrebleu: corpus BLEU chrF and chrF++ of every WMT system and reference set", "[golden][sacrebleu]") {
  const fs::path data = t::shared_data_or_skip("sacreBLEU goldens to compare with");
  Checked checked;
  for (const char* f : {"wmt17-en-de.corpus.json", "wmt22-de-en.corpus.json", "wmt22-en-de.corpus.json", "wmt22-en-zh.corpus.json"})
    check_file(data, f, checked);
  CHECK(checked.systems >= 40);
  WARN("compared " << checked.scores << " corpus scores of " << checked.systems << " systems; largest difference "
                   << checked.worst);
}

TEST_CASE("sacrebleu: sentence BLEU with effective order and sentence chrF with their statistics", "[golden][sacrebleu]") {
  const fs::path data = t::shared_data_or_skip("sacreBLEU goldens to compare with");
  const rapidjson::Document index = t::parse_json(t::read_file(data / "goldens" / "mt" / "sentence" / "index.json"));
  std::size_t segments = 0;
  double worst = 0;
  for (const char* set : {"wmt22-de-en.JDExploreAcademy", "wmt22-en-de.JDExploreAcademy", "wmt22-en-zh.AISP-SJTU",
                          "wmt17-en-de.C-3MA.4959"}) {
    const std::string name(set);
    const std::string pair = name.substr(0, name.find('.'));
    const rapidjson::Document g = t::parse_json(t::read_file(data / "goldens" / "mt" / (pair + ".corpus.json")));
    const std::string system = name.substr(name.find('.') + 1);
    const std::vector<std::string> hyps = t::read_lines(data / g["systems"][system.c_str()]["hyp"].GetString());
    for (const char* refset : {"A", "AB"}) {
      if (!g["refsets"].HasMember(refset)) continue;
      const fs::path stats_file = data / "goldens" / "mt" / "sentence" / (name + ".ref" + refset + ".sent-stats.tsv.xz");
      if (!fs::exists(stats_file)) continue;
      INFO(name << " refs " << refset);
      std::vector<std::vector<std::string>> refs;
      for (const auto& letter : g["refsets"][refset].GetArray()) refs.push_back(t::read_lines(data / g["references"][letter.GetString()].GetString()));
      const std::vector<m::Segment> segs = corpus(hyps, refs);
      m::BleuOptions bo;
      bo.tokenize = pair == "wmt22-en-zh" ? "zh" : "13a";
      bo.effective_order = true;
      const auto bleu = m::make_bleu(bo);
      const auto chrf = m::make_chrf({});
      bleu->prepare(segs);
      chrf->prepare(segs);
      const std::vector<double> bs = m::segment_statistics(*bleu, segs, 2);
      const std::vector<double> cs = m::segment_statistics(*chrf, segs, 2);
      std::istringstream tsv(t::read_xz(stats_file));
      std::string line;
      std::getline(tsv, line);  // header
      for (std::size_t i = 0; std::getline(tsv, line); ++i) {
        REQUIRE(i < segs.size());
        std::istringstream f(line);
        std::size_t number;
        double bleu_score, chrf_score, hyp_len, ref_len;
        f >> number >> bleu_score >> chrf_score >> hyp_len >> ref_len;
        const auto bstats = std::span<const double>(bs).subspan(i * 10, 10);
        CHECK(bstats[0] == hyp_len);
        CHECK(bstats[1] == ref_len);
        for (std::size_t k = 0; k < 8; ++k) {
          double v;
          f >> v;
          CHECK(bstats[2 + k] == v);
        }
        const auto cstats = std::span<const double>(cs).subspan(i * 18, 18);
        for (std::size_t k = 0; k < 18; ++k) {
          double v;
          f >> v;
          CHECK(cstats[k] == v);
        }
        const double db = std::fabs(bleu->score(bstats).score - bleu_score), dc = std::fabs(chrf->score(cstats).score - chrf_score);
        worst = std::max({worst, db, dc});
        CHECK(db <= 1e-9);
        CHECK(dc <= 1e-9);
        ++segments;
      }
    }
  }
  CHECK(segments > 10000);
  WARN("compared " << segments << " segments; largest difference " << worst);
}
