// CIDEr-D against pycocoevalcap's outputs in the shared goldens (goldens/README.md section 4) and
// the values nlg-eval's README and tests give.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

#include "nlp/metrics/cider.hpp"
#include "nlp/text/normalizer.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

// The goldens' prep(): ' '.join(s.lower().split()).
std::vector<std::string> prepared_lines(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(t::read_file(p));
  for (std::string l; std::getline(in, l);) {
    std::string lower;
    nlp::apply_case(l, nlp::CaseMode::lower, lower);
    std::istringstream words(lower);
    std::string w, joined;
    while (words >> w) joined += (joined.empty() ? "" : " ") + w;
    out.push_back(joined);
  }
  return out;
}

}  // namespace

TEST_CASE("pycocoevalcap: CIDEr-D per segment and corpus on the golden sets", "[golden][cider]") {
  const fs::path data = t::shared_data_or_skip("pycocoevalcap goldens to compare with");
  rapidjson::Document d;
  const std::string text = t::read_file(data / "goldens" / "cider" / "cider_scores.json");
  d.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  for (const auto& set : d["sets"].GetObject()) {
    INFO(set.name.GetString());
    const auto hyps = prepared_lines(data / set.value["hyp_file"].GetString());
    std::vector<std::vector<std::string>> refs;
    for (const auto& f : set.value["ref_files"].GetArray()) refs.push_back(prepared_lines(data / f.GetString()));
    std::vector<m::Segment> corpus(hyps.size());
    for (std::size_t i = 0; i < hyps.size(); ++i) {
      corpus[i].hyp = hyps[i];
      for (const auto& r : refs) corpus[i].refs.push_back(r[i]);
    }
    const auto cider = m::make_cider({});
    cider->prepare(corpus);
    const std::vector<double> stats = m::segment_statistics(*cider, corpus, 2);
    std::istringstream tsv(t::read_file(data / set.value["segments_file"].GetString()));
    std::string line;
    std::getline(tsv, line);
    for (std::size_t i = 0; std::getline(tsv, line); ++i) {
      std::istringstream row(line);
      std::size_t number;
      double expected;
      row >> number >> expected;
      INFO("line " << number);
      CHECK(stats[2 * i] == Approx(expected).margin(1e-9));
    }
    const double corpus_score = cider->score(m::column_sums(stats, 2)).score;
    CHECK(corpus_score == Approx(set.value["corpus"]["CIDEr-D"].GetDouble()).margin(1e-9));
  }
}

TEST_CASE("pycocoevalcap: nlg-eval's published CIDEr and its single-image examples", "[golden][cider]") {
  const fs::path data = t::shared_data_or_skip("pycocoevalcap goldens to compare with");
  const fs::path dir = data / "captioning" / "nlg-eval-example";
  const auto hyps = prepared_lines(dir / "hyp.txt"), r1 = prepared_lines(dir / "ref1.txt"), r2 = prepared_lines(dir / "ref2.txt");
  std::vector<m::Segment> corpus;
  for (std::size_t i = 0; i < hyps.size(); ++i) corpus.push_back({hyps[i], {r1[i], r2[i]}});
  auto cider = m::make_cider({});
  cider->prepare(corpus);
  CHECK(cider->score(m::column_sums(m::segment_statistics(*cider, corpus), 2)).score == Approx(1.242192).margin(5e-7));
  // One image: every reference n-gram has document frequency 1 = the number of images, so all
  // weights are 0 and CIDEr-D is 0, as nlg-eval's README notes.
  const std::vector<m::Segment> one{{"this is a good test", {"this is a test", "this is also a test"}}};
  cider->prepare(one);
  CHECK(cider->score(m::column_sums(m::segment_statistics(*cider, one), 2)).score == 0.0);
}
