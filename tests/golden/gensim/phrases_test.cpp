// Phrase detection against gensim 4.2's Phrases: the golden digests written by
// scripts/goldens/gensim_phrases.py, and live against gensim itself when /usr/bin/python3 has it.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "nlp/ngrams/phrases.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;

namespace {

constexpr std::size_t kLines = 20000;

fs::path script() { return nlp::test::source_dir() / "scripts" / "goldens" / "gensim_phrases.py"; }

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t end = s.find(sep, pos);
    out.emplace_back(s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) return out;
    pos = end + 1;
  }
}

// The script's sentences: the first lines, str.lower() then str.split().
const std::vector<std::vector<std::string>>& sentences() {
  static const std::vector<std::vector<std::string>> s = [] {
    const auto data = nlp::test::shared_data();
    if (!data) nlp::test::skip("../shared/data is absent");
    const std::string text = nlp::test::read_xz(*data / "corpora" / "en" / "eltec-eng.txt.xz");
    nlp::PipelineConfig cfg;
    cfg.tokenizer.name = "whitespace";
    cfg.filters.case_mode = nlp::CaseMode::lower;
    const nlp::Pipeline p(cfg);
    nlp::PipelineScratch scratch;
    std::vector<std::vector<std::string>> out;
    for (const std::string_view line : golden::split_lines(text)) {
      if (out.size() == kLines) break;
      p.process(line, scratch);
      auto& words = out.emplace_back();
      for (const nlp::Token& t : scratch.tokens()) words.emplace_back(t.text);
    }
    return out;
  }();
  return s;
}

nlp::ngrams::PhrasesOptions parse_options(const std::string& text) {
  nlp::ngrams::PhrasesOptions o;
  for (const std::string& kv : split(text, ' ')) {
    const std::size_t eq = kv.find('=');
    const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    if (key == "min_count") o.min_count = std::stoull(value);
    else if (key == "threshold") o.threshold = std::stod(value);
    else if (key == "scoring") o.scoring = nlp::ngrams::parse_phrase_scoring(value);
    else if (key == "connectors") o.connector_words = value == "english" ? nlp::ngrams::english_connector_words()
                                                                          : std::vector<std::string>{};
    else if (key == "max_vocab_size") o.max_vocab_size = std::stoull(value);
    else if (key == "passes") continue;
    else FAIL("unknown option " << key);
  }
  return o;
}

struct Result {
  std::string export_text, corpus;
  std::vector<nlp::ngrams::ScoredPhrase> phrases;
};

std::size_t passes_of(const std::string& options) {
  const std::size_t at = options.find("passes=");
  return at == std::string::npos ? 1 : std::stoul(options.substr(at + 7));
}

// Learns on the sentences, then (passes > 1) again on the rewritten ones, as the script does;
// the last pass's frozen model rewrites its input, which must equal the learner's own rewriting.
Result run_case(const std::string& options) {
  std::vector<std::vector<std::string>> current = sentences();
  std::vector<std::string_view> views;
  std::vector<std::string> out, frozen_out;
  Result r;
  for (std::size_t pass = 0; pass < passes_of(options); ++pass) {
    nlp::ngrams::PhrasesLearner learner(parse_options(options));
    for (const auto& s : current) {
      views.assign(s.begin(), s.end());
      learner.add_sentence(views);
    }
    const nlp::ngrams::PhraseModel model = learner.freeze();
    r.phrases = model.phrases();
    std::size_t frozen_differs = 0;
    for (auto& s : current) {
      views.assign(s.begin(), s.end());
      learner.apply(views, out);
      model.apply(views, frozen_out);
      if (out != frozen_out) ++frozen_differs;
      s = out;
    }
    CHECK(frozen_differs == 0);
  }
  r.export_text.clear();
  for (const auto& p : r.phrases)
    r.export_text += p.phrase + "\t" + std::to_string(std::bit_cast<std::uint64_t>(p.score)) + "\n";
  for (const auto& s : current) {
    for (std::size_t i = 0; i < s.size(); ++i) r.corpus += (i ? " " : "") + s[i];
    r.corpus += "\n";
  }
  return r;
}

}  // namespace

TEST_CASE("phrases golden: gensim's phrases, scores bit for bit, and rewritten corpus", "[golden][phrases]") {
  const std::vector<std::string> lines =
      nlp::test::read_lines(nlp::test::source_dir() / "tests" / "golden" / "gensim" / "phrases.golden");
  REQUIRE(!lines.empty());
  CHECK(golden::header_field(lines[0], "tool") == "gensim-4.2.0");
  std::size_t cases = 0;
  for (const std::string& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line, '\t');
    REQUIRE(f.size() == 7);
    INFO("case " << f[0] << " (" << f[1] << ")");
    REQUIRE(sentences().size() == std::stoull(f[2]));
    const Result r = run_case(f[1]);
    CHECK(golden::sha256_hex(r.corpus) == f[5]);
    ++cases;
    // After a second pass gensim's export re-splits phrases of phrases on the delimiter (see
    // phrases.hpp); only the rewritten corpus is compared there.
    if (passes_of(f[1]) > 1) continue;
    CHECK(r.phrases.size() == std::stoull(f[3]));
    CHECK(golden::sha256_hex(r.export_text) == f[4]);
    std::size_t bad = 0;
    for (const std::string& sample : split(f[6], '\x1f')) {
      const std::size_t eq = sample.rfind('=');
      const std::string phrase = sample.substr(0, eq);
      const double want = std::stod(sample.substr(eq + 1));
      const auto it = std::find_if(r.phrases.begin(), r.phrases.end(), [&](const auto& p) { return p.phrase == phrase; });
      if (it == r.phrases.end() || std::fabs(it->score - want) > 1e-12 * std::max(1.0, std::fabs(want))) {
        UNSCOPED_INFO("sample " << sample);
        ++bad;
      }
    }
    CHECK(bad == 0);
  }
  CHECK(cases == 7);
}

TEST_CASE("phrases live: gensim gives the same phrases and corpus", "[live][phrases]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import gensim'").exit_code != 0)
    nlp::test::skip("gensim is not importable by /usr/bin/python3 (Debian python3-gensim)");
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const fs::path dir = nlp::test::temp_dir("phrases-live");
  const auto r = nlp::test::run("/usr/bin/python3 " + nlp::test::shell_quote(script().string()) + " --dump " +
                                nlp::test::shell_quote(dir.string()) + " " +
                                nlp::test::shell_quote((*data / "corpora" / "en" / "eltec-eng.txt.xz").string()));
  REQUIRE(r.exit_code == 0);
  const std::vector<std::string> lines =
      nlp::test::read_lines(nlp::test::source_dir() / "tests" / "golden" / "gensim" / "phrases.golden");
  for (const std::string& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line, '\t');
    INFO("case " << f[0]);
    const Result mine = run_case(f[1]);
    CHECK(mine.corpus == nlp::test::read_file(dir / (f[0] + ".corpus")));
    if (passes_of(f[1]) > 1) continue;
    const std::string want_text = nlp::test::read_file(dir / (f[0] + ".export"));
    const std::vector<std::string_view> want = golden::split_lines(want_text);
    const std::vector<std::string_view> got = golden::split_lines(mine.export_text);
    CHECK(got.size() == want.size());
    std::size_t diff = 0;
    for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i)
      if (got[i] != want[i]) {
        if (diff++ == 0) UNSCOPED_INFO("first differing phrase: " << got[i] << " vs gensim " << want[i]);
      }
    CHECK(diff == 0);
  }
}
