// sacreBLEU's own test vectors (shared data: mt/sacrebleu-unit-cases, extracted from sacreBLEU's
// test files at v2.6.0+1): corpus and sentence BLEU with every smoothing and tokenizer, BLEU from
// given statistics, chrF with beta 3, epsilon smoothing and kept whitespace, and TER.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "nlp/metrics/bleu.hpp"
#include "nlp/metrics/chrf.hpp"
#include "nlp/metrics/ter.hpp"
#include "support/test_support.hpp"

namespace m = nlp::metrics;
namespace t = nlp::test;

namespace {

const rapidjson::Document& cases() {
  static rapidjson::Document d = [] {
    const auto data = t::shared_data();
    if (!data) t::skip("the shared data folder (../shared/data) is absent: no sacreBLEU test vectors");
    rapidjson::Document doc;
    const std::string text = t::read_file(*data / "mt" / "sacrebleu-unit-cases" / "sacrebleu_test_literals.json");
    doc.Parse(text.c_str(), text.size());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
  }();
  return d;
}

std::vector<std::string> strings(const rapidjson::Value& a) {
  std::vector<std::string> out;
  for (const auto& s : a.GetArray()) out.push_back(s.GetString());
  return out;
}

// A corpus score: hyps[i] against refs[k][i] (reference streams, sacreBLEU's layout).
double corpus_score(m::Metric& metric, const std::vector<std::string>& hyps, const std::vector<std::vector<std::string>>& refs) {
  std::vector<m::Segment> c(hyps.size());
  for (std::size_t i = 0; i < hyps.size(); ++i) {
    c[i].hyp = hyps[i];
    for (const auto& r : refs) c[i].refs.push_back(r[i]);
  }
  metric.prepare(c);
  return metric.score(m::column_sums(m::segment_statistics(metric, c), metric.stats_size())).score;
}

std::vector<std::vector<std::string>> streams(const rapidjson::Value& a) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : a.GetArray()) out.push_back(strings(s));
  return out;
}

// BLEU of given statistics: [sys_len, ref_len, common..., total...].
double bleu_of_stats(const rapidjson::Value& stats, double sys_len, double ref_len, const m::BleuOptions& o) {
  std::vector<double> s{sys_len, ref_len};
  for (const auto& v : stats["common"].GetArray()) s.push_back(v.GetDouble());
  for (const auto& v : stats["total"].GetArray()) s.push_back(v.GetDouble());
  return m::make_bleu(o)->score(s).score;
}

}  // namespace

TEST_CASE("sacrebleu vectors: corpus BLEU with its tokenizers and smoothing", "[golden][sacrebleu]") {
  const rapidjson::Value& b = cases()["test/test_bleu.py"];
  for (const auto& c : b["test_corpus_bleu_cases"].GetArray()) {
    m::BleuOptions o;
    if (c[2].HasMember("tokenize")) o.tokenize = c[2]["tokenize"].GetString();
    if (c[2].HasMember("smooth_method")) o.smooth = c[2]["smooth_method"].GetString();
    INFO(o.tokenize << " " << o.smooth);
    const auto bleu = m::make_bleu(o);
    CHECK(corpus_score(*bleu, strings(c[0]), streams(c[1])) == Approx(c[3].GetDouble()).margin(1e-4));
  }
  for (const auto& c : b["test_bleu_max_order"].GetArray()) {
    if (c[0].GetInt() > 4) continue;  // orders above 4 are not supported (docs/metrics/bleu.md)
    m::BleuOptions o;
    o.max_ngram_order = c[0].GetInt();
    const auto bleu = m::make_bleu(o);
    char printed[32];
    std::snprintf(printed, sizeof printed, "%.2f", corpus_score(*bleu, strings(c[1]), streams(c[2])));
    CHECK(std::string(printed) == c[3].GetString());
  }
  // raw_corpus_bleu: no tokenization, floor smoothing, effective order.
  for (const auto& c : b["test_raw_bleu_cases"].GetArray()) {
    m::BleuOptions o;
    o.tokenize = "none";
    o.smooth = "floor";
    o.smooth_value = 0.01;
    o.effective_order = true;
    const auto bleu = m::make_bleu(o);
    CHECK(corpus_score(*bleu, strings(c[0]), streams(c[1])) / 100 == Approx(c[2].GetDouble()).margin(1e-4));
  }
  for (const auto& c : b["test_case_offset"].GetArray()) {
    for (const double offset : {0.1, 0.0}) {
      m::BleuOptions o;
      o.tokenize = "none";
      o.smooth = "floor";
      o.smooth_value = offset;
      o.effective_order = true;
      const auto bleu = m::make_bleu(o);
      CHECK(corpus_score(*bleu, strings(c[0]), streams(c[1])) / 100 == Approx(c[offset > 0 ? 2 : 3].GetDouble()).margin(1e-4));
    }
  }
}

TEST_CASE("sacrebleu vectors: BLEU statistics and scores from statistics", "[golden][sacrebleu]") {
  const rapidjson::Value& b = cases()["test/test_bleu.py"];
  for (const auto& c : b["test_case_statistics"].GetArray()) {
    m::BleuOptions o;
    o.tokenize = "none";
    const auto bleu = m::make_bleu(o);
    const std::vector<std::string> hyps = strings(c[0]);
    const auto refs = streams(c[1]);
    m::Segment seg{hyps[0], {refs[0][0]}};
    std::vector<double> s(bleu->stats_size());
    bleu->segment_stats(seg, s);
    for (rapidjson::SizeType k = 0; k < 4; ++k) {
      CHECK(s[2 + k] == c[2]["common"][k].GetDouble());
      CHECK(s[6 + k] == c[2]["total"][k].GetDouble());
    }
  }
  m::BleuOptions none;
  none.smooth = "none";
  for (const auto& c : b["test_case_scoring"].GetArray())
    CHECK(bleu_of_stats(c[0][0], c[0][1].GetDouble(), c[0][2].GetDouble(), none) / 100 == Approx(c[1].GetDouble()).margin(1e-4));
  for (const auto& c : b["test_case_degenerate_stats"].GetArray()) {
    m::BleuOptions floor;
    floor.smooth = "floor";
    floor.smooth_value = c[1].GetDouble();
    CHECK(bleu_of_stats(c[0][0], c[0][1].GetDouble(), c[0][2].GetDouble(), floor) / 100 == Approx(c[2].GetDouble()).margin(1e-4));
  }
  for (const auto& c : b["test_case_effective_order"].GetArray()) {  // raw_corpus_bleu(..., 0.01)
    m::BleuOptions eff;
    eff.tokenize = "none";
    eff.smooth = "floor";
    eff.smooth_value = 0.01;
    eff.effective_order = true;
    const auto bleu = m::make_bleu(eff);
    CHECK(corpus_score(*bleu, strings(c[0]), streams(c[1])) / 100 == Approx(c[2].GetDouble()).margin(1e-4));
  }
}

TEST_CASE("sacrebleu vectors: sentence BLEU with each smoothing, tokenizer and lowercasing", "[golden][sacrebleu]") {
  const rapidjson::Value& s = cases()["test/test_sentence_bleu.py"];
  for (const char* set : {"test_cases", "test_cases_zero_bleu"}) {
    const std::string hyp = s[std::string(set) == "test_cases" ? "SYS" : "SYS_0"].GetString();
    const std::string ref = s[std::string(set) == "test_cases" ? "REF" : "REF_0"].GetString();
    for (const auto& c : s[set].GetArray()) {
      m::BleuOptions o;
      o.smooth = c[0].GetString();
      if (!c[1].IsNull()) o.smooth_value = c[1].GetDouble();
      o.lowercase = c[2].GetBool();
      o.tokenize = c[3].GetString();
      o.effective_order = true;
      INFO(o.smooth << " " << (c[1].IsNull() ? -1.0 : c[1].GetDouble()) << " " << o.lowercase << " " << o.tokenize);
      const auto bleu = m::make_bleu(o);
      CHECK(corpus_score(*bleu, {hyp}, {{ref}}) == Approx(c[4].GetDouble()).margin(1e-3));
    }
  }
}

TEST_CASE("sacrebleu vectors: chrF with beta 3 and epsilon smoothing or effective order", "[golden][sacrebleu]") {
  const rapidjson::Value& c = cases()["test/test_chrf.py"];
  const auto run = [&](const char* set, bool eps, bool whitespace) {
    for (const auto& x : c[set].GetArray()) {
      m::ChrfOptions o;
      o.beta = 3;
      o.eps_smoothing = eps;
      o.whitespace = whitespace;
      const auto chrf = m::make_chrf(o);
      INFO(set << " " << x[0][0].GetString());
      CHECK(corpus_score(*chrf, strings(x[0]), {strings(x[1])}) == Approx(x[2].GetDouble()).margin(1e-4));
    }
  };
  run("test_cases", true, false);
  run("test_cases_effective_order", false, false);
  run("test_cases_keep_whitespace", true, true);
  for (const auto& x : c["test_sentence_level_chrf"].GetArray()) {  // sentence_chrf: beta 2
    m::ChrfOptions o;
    o.eps_smoothing = true;
    const auto chrf = m::make_chrf(o);
    std::vector<std::vector<std::string>> refs;  // several references of one segment
    for (const std::string& r : strings(x[1])) refs.push_back({r});
    CHECK(corpus_score(*chrf, {x[0].GetString()}, refs) == Approx(x[2].GetDouble()).margin(1e-4));
  }
}

TEST_CASE("sacrebleu vectors: TER", "[golden][sacrebleu]") {
  for (const auto& x : cases()["test/test_ter.py"]["test_cases"].GetArray()) {
    const auto ter = m::make_ter({});
    INFO(x[0][0].GetString());
    CHECK(corpus_score(*ter, strings(x[0]), {strings(x[1])}) / 100 == Approx(x[2].GetDouble()).margin(1e-3));
  }
}
