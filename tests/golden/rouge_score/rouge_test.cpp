// ROUGE against rouge-score's outputs in the shared goldens (goldens/README.md section 2) and
// rouge-score's own test cases: per-segment precision, recall and F of rouge1, rouge2, rougeL
// and rougeLsum, with and without stemming, and their means.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

#include "nlp/metrics/rouge.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

std::string unmark(std::string s) {
  for (std::size_t at; (at = s.find("<n>")) != std::string::npos;) s.replace(at, 3, "\n");
  return s;
}

double score_of(const m::Metric& metric, std::string_view hyp, std::string_view ref, std::size_t part) {
  const m::Segment seg{hyp, {ref}};
  double out[4];
  metric.segment_stats(seg, out);
  return out[part];
}

}  // namespace

TEST_CASE("rouge-score: per-segment scores of the three golden sets with and without stemming", "[golden][rouge]") {
  const fs::path data = t::shared_data_or_skip("rouge-score goldens to compare with");
  const fs::path g = data / "goldens" / "rouge";
  struct Set {
    const char* name;
    fs::path hyp, ref;
  };
  const Set sets[] = {
      {"rouge155-sl2003", g / "rouge155-sl2003.hyp.txt", g / "rouge155-sl2003.ref.txt"},
      {"wmt22-de-en-first500", data / "goldens" / "inputs" / "wmt22-de-en.first500.hyp.JDExploreAcademy.en",
       data / "goldens" / "inputs" / "wmt22-de-en.first500.refA.en"},
      {"wmt22-de-en-first500-by5", g / "wmt22-de-en-first500-by5.hyp.txt", g / "wmt22-de-en-first500-by5.ref.txt"},
  };
  std::size_t compared = 0;
  double worst = 0;
  for (const Set& set : sets) {
    const auto hyps = t::read_lines(set.hyp), refs = t::read_lines(set.ref);
    REQUIRE(hyps.size() == refs.size());
    for (const char* stem : {"nostem", "stem"}) {
      INFO(set.name << " " << stem);
      std::vector<std::unique_ptr<m::Metric>> metrics;
      for (const char* type : {"rouge1", "rouge2", "rougeL", "rougeLsum"})
        metrics.push_back(m::make_rouge({.type = type, .use_stemmer = std::string(stem) == "stem", .tokenizer = "default"}));
      const auto rows = t::read_lines(g / (std::string(set.name) + "." + stem + ".segments.tsv"));
      REQUIRE(rows.size() == hyps.size() + 1);
      for (std::size_t i = 0; i < hyps.size(); ++i) {
        std::istringstream row(rows[i + 1]);
        std::size_t number;
        row >> number;
        const std::string hyp = unmark(hyps[i]), ref = unmark(refs[i]);
        for (const auto& metric : metrics)
          for (std::size_t part = 0; part < 3; ++part) {
            double expected;
            row >> expected;
            INFO(metric->name() << " line " << i + 1 << " part " << part);
            const double got = score_of(*metric, hyp, ref, part);
            worst = std::max(worst, std::fabs(got - expected));
            CHECK(got == Approx(expected).margin(1e-12));
            ++compared;
          }
      }
    }
  }
  WARN("compared " << compared << " values; largest difference " << worst);
}

TEST_CASE("rouge-score: its own test cases", "[golden][rouge]") {
  const fs::path data = t::shared_data_or_skip("rouge-score goldens to compare with");
  rapidjson::Document d;
  const std::string text = t::read_file(data / "summarization" / "rouge-score-unit-cases" / "rouge_score_unit_cases.json");
  d.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  for (const auto& c : d["cases"].GetArray()) {
    for (const auto& type : c["types"].GetArray()) {
      INFO(c["target"].GetString() << " | " << c["prediction"].GetString() << " | " << type.GetString());
      const auto metric = m::make_rouge({.type = type.GetString(), .use_stemmer = false, .tokenizer = "default"});
      const rapidjson::Value& e = c.HasMember("all") ? c["all"] : c[type.GetString()];
      const char* names[] = {"precision", "recall", "fmeasure"};
      for (std::size_t part = 0; part < 3; ++part)
        CHECK(score_of(*metric, c["prediction"].GetString(), c["target"].GetString(), part) ==
              Approx(e[names[part]].GetDouble()).margin(1e-4));
    }
  }
}
