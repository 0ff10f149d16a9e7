// Parity of `nlp collocations` with NLTK 3.8's BigramCollocationFinder and BigramAssocMeasures.
// Golden: the committed tables under collocations/ (written by scripts/goldens/nltk_collocations.py
// from the first 20,000 lines of ELTeC English, see README.md). Live: the same script run now on
// the next 10,000 lines, when /usr/bin/python3 can import nltk. Scores must agree within 1e-9
// relative; pairs whose scores tie within that tolerance may come in either order. A third test
// compares `nlp ngrams` with NLTK's everygrams and FreqDist (scripts/goldens/nltk_ngrams.py).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;

namespace {

const std::vector<std::string> kMeasures = {"pmi", "npmi", "likelihood_ratio", "chi_sq", "student_t",
                                            "dice", "jaccard", "raw_freq", "poisson_stirling"};

// One table row: the words (two or three) and the count as text, and the score.
struct Row {
  std::vector<std::string> key;
  double score = 0;
};

std::vector<Row> parse_table(const std::string& text, const std::string& what) {
  std::vector<Row> rows;
  std::size_t pos = 0, line = 0;
  while (pos < text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    const std::string l = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line++ == 0) {
      INFO(what);
      REQUIRE((l == "w1\tw2\tcount\tscore" || l == "w1\tw2\tw3\tcount\tscore"));
      continue;
    }
    std::vector<std::string> f;
    for (std::size_t i = 0, j; i <= l.size(); i = j + 1) {
      j = std::min(l.find('\t', i), l.size());
      f.push_back(l.substr(i, j - i));
    }
    INFO(what << " line " << line << ": " << l);
    REQUIRE((f.size() == 4 || f.size() == 5));
    const double score = std::stod(f.back());
    f.pop_back();
    rows.push_back({f, score});
  }
  return rows;
}

bool close(double a, double b) {
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)) || std::fabs(a - b) <= 1e-12;
}

void compare_tables(const std::string& ours_text, const std::string& ref_text, const std::string& what) {
  const auto ours = parse_table(ours_text, what + " (nlp)");
  const auto ref = parse_table(ref_text, what + " (NLTK)");
  INFO(what);
  REQUIRE(ours.size() == ref.size());
  REQUIRE(!ref.empty());
  std::map<std::vector<std::string>, const Row*> by_key;
  for (const auto& r : ref) by_key[r.key] = &r;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    const Row& o = ours[i];
    const Row& r = ref[i];
    INFO("row " << i + 1 << ": nlp " << o.key[0] << " " << o.key[1] << " " << o.score << ", NLTK " << r.key[0]
                << " " << r.key[1] << " " << r.score);
    REQUIRE(close(o.score, r.score));
    if (o.key == r.key) continue;  // words and count
    // A tie within the tolerance may be ordered differently; the row must still be NLTK's.
    const auto it = by_key.find(o.key);
    const bool tie = it != by_key.end() && close(it->second->score, o.score);
    CHECK(tie);
  }
}

fs::path sample(const fs::path& dir, std::size_t skip, std::size_t lines) {
  const auto data = t::shared_data();
  if (!data) t::skip("../shared/data is absent (ELTeC English)");
  const fs::path corpus = *data / "corpora/en/eltec-eng.txt.xz";
  if (!fs::exists(corpus)) t::skip("corpora/en/eltec-eng.txt.xz is absent from the shared data");
  const fs::path out = dir / "sample.txt";
  const auto r = t::run("xz -dc " + t::shell_quote(corpus.string()) + " | tail -n +" + std::to_string(skip + 1) +
                        " | head -n " + std::to_string(lines) + " > " + t::shell_quote(out.string()));
  REQUIRE(r.exit_code == 0);
  return out;
}

std::string ours(const fs::path& input, const std::string& boundaries, const std::string& measure,
                 const std::string& extra) {
  const auto r = t::run(t::nlp_command("collocations -q -t whitespace --boundaries " + boundaries + " -m " + measure +
                                       " " + extra + " " + t::shell_quote(input.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("collocations golden: ELTeC English, 20000 lines, min-freq 3, top 200") {
  const fs::path dir = t::temp_dir("collocations_golden");
  const fs::path input = sample(dir, 0, 20000);
  for (const std::string b : {"cross", "respect"}) {
    for (const auto& m : kMeasures) {
      const std::string ref = t::read_file(t::source_dir() / "tests/golden/nltk/collocations" / b / (m + ".tsv"));
      compare_tables(ours(input, b, m, "--min-freq 3 --top 200 --threads 2 --batch-size 64"), ref, b + "/" + m);
    }
  }
}

TEST_CASE("collocations golden: trigrams on the same lines") {
  const fs::path dir = t::temp_dir("collocations_golden_trigrams");
  const fs::path input = sample(dir, 0, 20000);
  for (const std::string b : {"cross", "respect"}) {
    for (const auto& m : kMeasures) {
      if (m == "dice") continue;  // a bigram measure only
      const std::string ref =
          t::read_file(t::source_dir() / "tests/golden/nltk/collocations" / ("trigram-" + b) / (m + ".tsv"));
      compare_tables(ours(input, b, m, "--trigrams --min-freq 3 --top 200 --threads 2 --batch-size 64"), ref,
                     "trigram-" + b + "/" + m);
    }
  }
}

TEST_CASE("collocations live: NLTK on ELTeC English lines 20001-30000, min-freq 2, top 500") {
  if (t::run("/usr/bin/python3 -c 'import nltk'").exit_code != 0) t::skip("/usr/bin/python3 cannot import nltk");
  const fs::path dir = t::temp_dir("collocations_live");
  const fs::path input = sample(dir, 20000, 10000);
  for (const std::string b : {"cross", "respect"}) {
    const fs::path out = dir / b;
    const auto r = t::run("/usr/bin/python3 " +
                          t::shell_quote((t::source_dir() / "scripts/goldens/nltk_collocations.py").string()) + " " +
                          t::shell_quote(input.string()) + " " + t::shell_quote(out.string()) + " --boundaries " +
                          b + " --min-freq 2 --top 500");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const auto& m : kMeasures)
      compare_tables(ours(input, b, m, "--min-freq 2 --top 500"), t::read_file(out / (m + ".tsv")), "live " + b + "/" + m);
  }
}

TEST_CASE("ngrams live: NLTK everygrams and FreqDist on 5000 ELTeC English lines") {
  if (t::run("/usr/bin/python3 -c 'import nltk'").exit_code != 0) t::skip("/usr/bin/python3 cannot import nltk");
  const fs::path dir = t::temp_dir("ngrams_live");
  const fs::path input = sample(dir, 30000, 5000);
  const auto ref = t::run("/usr/bin/python3 " +
                          t::shell_quote((t::source_dir() / "scripts/goldens/nltk_ngrams.py").string()) + " " +
                          t::shell_quote(input.string()) + " 1 3");
  INFO(ref.err);
  REQUIRE(ref.exit_code == 0);
  const auto r = t::run(t::nlp_command("ngrams -q -t whitespace --n 1 --max-n 3 -k 0 --threads 2 --batch-size 100 " +
                                       t::shell_quote(input.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.size() > 100000);
  CHECK(r.out == ref.out);  // counts are exact and the order is total, so the tables are identical
}
