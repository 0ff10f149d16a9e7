// METEOR against NLTK 3.8's meteor_score: the goldens of the shared data (500 WMT22 de-en
// segments, references A and A+B), and a live comparison with NLTK on other lines.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

#include "nlp/metrics/meteor.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

}  // namespace

TEST_CASE("nltk meteor: 500 WMT22 segments with one and two references", "[golden][meteor]") {
  const auto data = t::shared_data();
  if (!data) t::skip("the shared data folder (../shared/data) is absent: no NLTK METEOR goldens to compare with");
  const fs::path in = *data / "goldens" / "inputs";
  const auto hyps = t::read_lines(in / "wmt22-de-en.first500.hyp.JDExploreAcademy.en");
  const auto ra = t::read_lines(in / "wmt22-de-en.first500.refA.en"), rb = t::read_lines(in / "wmt22-de-en.first500.refB.en");
  const auto meteor = m::make_meteor({});
  double worst = 0;
  for (const char* refset : {"A", "AB"}) {
    INFO("refs " << refset);
    std::vector<m::Segment> corpus;
    for (std::size_t i = 0; i < hyps.size(); ++i) {
      m::Segment s{hyps[i], {ra[i]}};
      if (std::string(refset) == "AB") s.refs.push_back(rb[i]);
      corpus.push_back(s);
    }
    const std::vector<double> stats = m::segment_statistics(*meteor, corpus, 2);
    const auto expected = t::read_lines(*data / "goldens" / "meteor" / (std::string("wmt22-de-en.first500.JDExploreAcademy.ref") + refset + ".meteor.txt"));
    REQUIRE(expected.size() == hyps.size());
    for (std::size_t i = 0; i < hyps.size(); ++i) {
      INFO("line " << i + 1);
      const double e = std::stod(expected[i]);
      worst = std::max(worst, std::fabs(stats[2 * i] - e));
      CHECK(stats[2 * i] == Approx(e).margin(1e-12));
    }
  }
  WARN("largest per-segment difference " << worst);
}

TEST_CASE("nltk meteor: live comparison with NLTK on other systems' lines", "[golden][meteor][live]") {
  const auto data = t::shared_data();
  if (!data) t::skip("the shared data folder (../shared/data) is absent");
  if (t::run("/usr/bin/python3 -c 'import nltk' 2>/dev/null").exit_code != 0)
    t::skip("/usr/bin/python3 with NLTK (Debian python3-nltk) is not available");
  const fs::path de_en = *data / "mt" / "wmt22" / "de-en";
  const fs::path hyp = de_en / "system-outputs" / "generaltest2022.de-en.hyp.Online-W.en";
  const fs::path ref = de_en / "references" / "generaltest2022.de-en.ref.B.en";
  const auto r = t::run("/usr/bin/python3 " + t::shell_quote((t::source_dir() / "scripts" / "goldens" / "nltk_meteor.py").string()) +
                        " --lines 300 " + t::shell_quote(hyp.string()) + " " + t::shell_quote(ref.string()));
  REQUIRE(r.exit_code == 0);
  const auto hyps = t::read_lines(hyp), refs = t::read_lines(ref);
  const auto meteor = m::make_meteor({});
  std::istringstream expected(r.out);
  std::size_t i = 0;
  for (std::string l; std::getline(expected, l); ++i) {
    INFO("line " << i + 1);
    double out[2];
    meteor->segment_stats({hyps[i], {refs[i]}}, out);
    CHECK(out[0] == Approx(std::stod(l)).margin(1e-12));
  }
  CHECK(i == 300);
}
