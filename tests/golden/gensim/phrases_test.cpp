// Parity of `nlp phrases` with gensim 4.2's Phrases. Golden: phrases.golden (written by
// scripts/goldens/gensim_phrases.py from the first 4,000 lines of ELTeC English, see README.md):
// the exported phrases with their scores (within 1e-12 relative) and the SHA-256 of the rewritten
// corpus (exact), for six option sets. Live: the same script run now on the next 10,000 lines,
// when /usr/bin/python3 can import gensim, compared line by line.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;
namespace golden = nlp::test::golden;

namespace {

fs::path golden_dir() { return t::source_dir() / "tests" / "golden" / "gensim"; }

struct Phrase {
  std::string text;
  double score = 0;
  std::string pass;
};

struct Case {
  std::string name;
  std::map<std::string, std::string> options;
  std::string digest;
  std::size_t lines = 0, tokens = 0;
  std::vector<Phrase> phrases;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> f;
  for (std::size_t i = 0, j; i <= s.size(); i = j + 1) {
    j = std::min(s.find(sep, i), s.size());
    f.push_back(s.substr(i, j - i));
  }
  return f;
}

Phrase parse_phrase(const std::string& line) {
  const auto f = split(line, '\t');
  INFO(line);
  REQUIRE(f.size() == 3);
  return {f[0], std::stod(f[1]), f[2]};
}

// The flags of `nlp phrases` for a case's gensim options.
std::string flags(const Case& c) {
  std::string f = "phrases -q -t whitespace --case lower";
  for (const auto& [k, v] : c.options) {
    if (k == "min_count") f += " --min-count " + v;
    else if (k == "threshold") f += " --threshold " + v;
    else if (k == "scoring") f += " --scoring " + v;
    else if (k == "connectors") f += " --connector-words " + v;
    else if (k == "passes") f += " --passes " + v;
    else if (k == "max_vocab_size") f += " --max-vocab-size " + v;
    else FAIL("unknown case option " << k);
  }
  return f;
}

std::vector<Case> read_golden(std::string& header) {
  std::istringstream in(t::read_file(golden_dir() / "phrases.golden"));
  std::getline(in, header);
  std::vector<Case> cases;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("case ", 0) == 0) {
      const auto f = split(line, ' ');
      Case c;
      c.name = f[1];
      for (std::size_t i = 2; i < f.size(); ++i) {
        const auto eq = f[i].find('=');
        c.options[f[i].substr(0, eq)] = f[i].substr(eq + 1);
      }
      cases.push_back(c);
    } else if (line.rfind("corpus ", 0) == 0) {
      const auto f = split(line, ' ');
      REQUIRE(f.size() == 4);
      cases.back().digest = f[1];
      cases.back().lines = std::stoul(f[2]);
      cases.back().tokens = std::stoul(f[3]);
    } else if (line.rfind("phrases ", 0) == 0) {
      const std::size_t n = std::stoul(line.substr(8));
      for (std::size_t i = 0; i < n && std::getline(in, line); ++i) cases.back().phrases.push_back(parse_phrase(line));
      REQUIRE(cases.back().phrases.size() == n);
    }
  }
  return cases;
}

std::vector<Phrase> read_export(const fs::path& p) {
  std::istringstream in(t::read_file(p));
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "phrase\tscore\tpass");
  std::vector<Phrase> out;
  while (std::getline(in, line)) out.push_back(parse_phrase(line));
  return out;
}

void compare_phrases(const std::vector<Phrase>& ours, const std::vector<Phrase>& ref, const std::string& what) {
  INFO(what);
  REQUIRE(ours.size() == ref.size());
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    const double tol = 1e-12 * std::max(std::fabs(ours[i].score), std::fabs(ref[i].score));
    if (ours[i].text != ref[i].text || ours[i].pass != ref[i].pass || std::fabs(ours[i].score - ref[i].score) > tol) {
      if (wrong++ < 5)
        UNSCOPED_INFO("row " << i + 1 << ": nlp " << ours[i].text << " " << ours[i].score << ", gensim "
                             << ref[i].text << " " << ref[i].score);
    }
  }
  CHECK(wrong == 0);
}

std::string run_case(const Case& c, const fs::path& input, const fs::path& dir) {
  const fs::path out = dir / (c.name + ".txt"), tsv = dir / (c.name + ".tsv");
  const auto r = t::run(t::nlp_command(flags(c) + " --threads 2 --batch-size 300 --export " +
                                       t::shell_quote(tsv.string()) + " -o " + t::shell_quote(out.string()) +
                                       " " + t::shell_quote(input.string())));
  INFO(c.name << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return out.string();
}

}  // namespace

TEST_CASE("gensim golden: phrases and rewritten corpus of ELTeC English match gensim", "[golden][phrases]") {
  const golden::LineCorpus& e = golden::eltec_english();
  std::string header;
  const std::vector<Case> cases = read_golden(header);
  REQUIRE(cases.size() == 6);
  const std::size_t n = std::stoul(golden::header_field(header, "lines"));
  std::string slice;
  for (std::size_t i = 0; i < n; ++i) slice.append(e.lines[i]).push_back('\n');
  REQUIRE(golden::sha256_hex(slice) == golden::header_field(header, "input_sha256"));
  const fs::path dir = t::temp_dir("gensim-phrases-golden");
  t::write_file(dir / "input.txt", slice);
  for (const Case& c : cases) {
    const std::string out = t::read_file(run_case(c, dir / "input.txt", dir));
    INFO(c.name);
    CHECK(golden::sha256_hex(out) == c.digest);
    const auto lines = golden::split_lines(out);
    CHECK(lines.size() == c.lines);
    std::size_t tokens = 0;
    for (const auto l : lines)
      if (!l.empty()) tokens += static_cast<std::size_t>(std::count(l.begin(), l.end(), ' ')) + 1;
    CHECK(tokens == c.tokens);
    compare_phrases(read_export(dir / (c.name + ".tsv")), c.phrases, c.name);
  }
}

TEST_CASE("gensim live: gensim itself gives the same phrases and rewrites on 10,000 more lines", "[live][phrases]") {
  if (t::run("/usr/bin/python3 -c 'import gensim.models.phrases'").exit_code != 0)
    t::skip("gensim is not importable by /usr/bin/python3");
  const golden::LineCorpus& e = golden::eltec_english();
  std::string slice;
  for (std::size_t i = 4000; i < 14000; ++i) slice.append(e.lines[i]).push_back('\n');
  const fs::path dir = t::temp_dir("gensim-phrases-live");
  t::write_file(dir / "input.txt", slice);
  const auto r = t::run("/usr/bin/python3 " + t::shell_quote((t::source_dir() / "scripts" / "goldens" /
                                                               "gensim_phrases.py").string()) +
                        " dump " + t::shell_quote((dir / "input.txt").string()) + " " +
                        t::shell_quote((dir / "gensim").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string header;
  for (const Case& c : read_golden(header)) {
    const fs::path ours = dir / "ours";
    fs::create_directories(ours);
    const std::string out = t::read_file(run_case(c, dir / "input.txt", ours));
    const std::string ref = t::read_file(dir / "gensim" / (c.name + ".txt"));
    INFO(c.name);
    const auto a = golden::split_lines(out), b = golden::split_lines(ref);
    REQUIRE(a.size() == b.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i] && differ++ < 3) UNSCOPED_INFO("line " << i + 1 << ":\n  nlp    " << a[i] << "\n  gensim " << b[i]);
    CHECK(differ == 0);
    compare_phrases(read_export(ours / (c.name + ".tsv")), read_export(dir / "gensim" / (c.name + ".tsv")), c.name);
  }
}
