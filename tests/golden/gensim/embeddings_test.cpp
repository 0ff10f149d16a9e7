// Parity of word vector evaluation and queries with gensim 4.2's KeyedVectors. Vectors:
// vectors16.bin (gensim Word2Vec on 40,000 lines of ELTeC English, the 2,500 most frequent words,
// dimension 16, saved by gensim in word2vec binary format). Golden: embeddings.golden, gensim's
// evaluate_word_analogies, evaluate_word_pairs, most_similar, most_similar_cosmul and similarity
// on those vectors (scripts/goldens/gensim_embeddings.py; see README.md). Counts and neighbour
// order must be identical; similarities and correlations agree within float32 rounding (gensim
// computes in float32). Live: the script run now, when /usr/bin/python3 can import gensim.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "nlp/embed/evaluation.hpp"
#include "nlp/embed/similarity.hpp"
#include "nlp/embed/vector_io.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace t = nlp::test;
namespace embed = nlp::embed;

namespace {

fs::path golden_dir() { return t::source_dir() / "tests" / "golden" / "gensim"; }

std::vector<std::string> words_of(const std::string& line, char sep = ' ') {
  std::vector<std::string> f;
  std::istringstream in(line);
  for (std::string w; std::getline(in, w, sep);) f.push_back(w);
  return f;
}

// "key=value" -> value.
std::string option(const std::string& field) { return field.substr(field.find('=') + 1); }

// Compares our results with a golden file written by the script's `golden` command.
void check_golden(const std::string& content, const fs::path& data) {
  const embed::WordVectors v = embed::read_vectors((golden_dir() / "vectors16.bin").string());
  REQUIRE(v.size() == 2500);
  REQUIRE(v.dim() == 16);
  std::istringstream in(content);
  std::string line;
  std::size_t cases = 0;
  // Reads the "<word> TAB <score>" lines of a neighbour list and compares them.
  const auto check_neighbours = [&](const std::vector<embed::Neighbour>& ours, std::size_t expected) {
    REQUIRE(ours.size() == expected);
    for (std::size_t i = 0; i < expected; ++i) {
      REQUIRE(std::getline(in, line));
      const auto f = words_of(line, '\t');
      INFO("neighbour " << i + 1 << ": gensim " << line << ", nlp " << v.word(ours[i].index) << " " << ours[i].score);
      CHECK(v.word(ours[i].index) == f[0]);
      CHECK(std::fabs(ours[i].score - std::stod(f[1])) < 2e-6);
    }
  };
  while (std::getline(in, line)) {
    if (line.starts_with("#")) continue;
    const auto f = words_of(line);
    INFO(line);
    if (f[0] == "analogies") {
      ++cases;
      embed::AnalogyOptions o;
      o.restrict_vocab = std::stoul(option(f[3]));
      o.case_insensitive = option(f[4]) == "1";
      o.dummy4unknown = option(f[5]) == "1";
      o.threads = 2;
      const std::string text = t::read_file(data / "embeddings" / "en" / f[2]);
      const embed::AnalogyResult r = embed::evaluate_analogies(v, text, f[2], o);
      REQUIRE(std::getline(in, line));
      const auto s = words_of(line);
      CHECK(r.total.accuracy() == Approx(std::stod(s[1])).epsilon(1e-15));
      CHECK(r.questions == std::stoul(s[3]));
      CHECK(r.oov == std::stoul(s[5]));
      std::vector<embed::AnalogySection> all = r.sections;
      all.push_back(r.total);
      for (const embed::AnalogySection& sec : all) {
        REQUIRE(std::getline(in, line));
        const auto g = words_of(line);
        REQUIRE(g[0] == "section");
        INFO(line);
        CHECK(sec.name == line.substr(line.find(' ', line.find(' ', 8) + 1) + 1));
        CHECK(sec.correct == std::stoul(g[1]));
        CHECK(sec.incorrect == std::stoul(g[2]));
      }
    } else if (f[0] == "pairs") {
      ++cases;
      embed::PairOptions o;
      o.restrict_vocab = std::stoul(option(f[3]));
      o.case_insensitive = option(f[4]) == "1";
      o.dummy4unknown = option(f[5]) == "1";
      const embed::PairResult r = embed::evaluate_pairs(v, t::read_file(data / "embeddings" / "en" / f[2]), f[2], o);
      for (const char* what : {"pearson", "spearman"}) {
        REQUIRE(std::getline(in, line));
        const auto g = words_of(line);
        REQUIRE(g[0] == what);
        const nlp::Correlation& c = g[0] == "pearson" ? r.pearson : r.spearman;
        INFO(line << " vs nlp " << c.r << " " << c.p_value);
        CHECK(c.r == Approx(std::stod(g[1])).margin(1e-6));
        CHECK(c.p_value == Approx(std::stod(g[2])).epsilon(1e-4).margin(1e-12));
      }
      REQUIRE(std::getline(in, line));
      CHECK(r.oov_ratio == Approx(std::stod(words_of(line)[1])).epsilon(1e-14));
    } else if (f[0] == "similar") {
      ++cases;
      const auto row = v.index(f[1]);
      REQUIRE(row);
      embed::QueryOptions o;
      o.topn = std::stoul(option(f[2]));
      o.restrict_vocab = std::stoul(option(f[3]));
      check_neighbours(embed::most_similar(v, embed::Query{{*row}, {}, {}, {}}, o), o.topn);
    } else if (f[0] == "cosmul") {
      ++cases;
      embed::QueryOptions o;
      o.topn = std::stoul(option(f[4]));
      o.method = embed::AnalogyMethod::cos_mul;
      const embed::Query q{{*v.index(f[2]), *v.index(f[3])}, {*v.index(f[1])}, {}, {}};
      check_neighbours(embed::most_similar(v, q, o), o.topn);
    } else if (f[0] == "similarity") {
      ++cases;
      CHECK(embed::similarity(v, *v.index(f[1]), *v.index(f[2])) == Approx(std::stod(f[3])).margin(2e-7));
    } else {
      FAIL("unexpected golden line: " << line);
    }
  }
  CHECK(cases >= 20);
}

}  // namespace

TEST_CASE("gensim embeddings: evaluation and queries match the golden file", "[golden][embed]") {
  const auto data = t::shared_data();
  if (!data) t::skip("../shared/data is absent: the analogy and similarity sets live there");
  check_golden(t::read_file(golden_dir() / "embeddings.golden"), *data);
}

TEST_CASE("gensim live: gensim itself gives the same evaluation on the golden vectors", "[live][embed]") {
  const auto data = t::shared_data();
  if (!data) t::skip("../shared/data is absent: the analogy and similarity sets live there");
  if (t::run("/usr/bin/python3 -c 'import gensim.models'").exit_code != 0)
    t::skip("gensim is not importable by /usr/bin/python3");
  const fs::path out = t::temp_dir("gensim-embeddings-live") / "embeddings.golden";
  const auto r = t::run("/usr/bin/python3 " + t::shell_quote((t::source_dir() / "scripts" / "goldens" / "gensim_embeddings.py").string()) +
                        " golden " + t::shell_quote((golden_dir() / "vectors16.bin").string()) + " " +
                        t::shell_quote(data->string()) + " " + t::shell_quote(out.string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  check_golden(t::read_file(out), *data);
}

TEST_CASE("gensim live: gensim loads what nlp writes, values unchanged", "[live][embed]") {
  if (t::run("/usr/bin/python3 -c 'import gensim.models'").exit_code != 0)
    t::skip("gensim is not importable by /usr/bin/python3");
  const fs::path dir = t::temp_dir("gensim-embeddings-load");
  const embed::WordVectors v = embed::read_vectors((golden_dir() / "vectors16.bin").string());
  embed::write_vectors(v, (dir / "v.vec").string(), embed::VectorFormat::word2vec_text);
  embed::write_vectors(v, (dir / "v.bin").string(), embed::VectorFormat::word2vec_binary);
  const std::string script =
      "import sys, numpy\n"
      "from gensim.models import KeyedVectors\n"
      "ref = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)\n"
      "for path, binary in ((sys.argv[2], False), (sys.argv[3], True)):\n"
      "    kv = KeyedVectors.load_word2vec_format(path, binary=binary)\n"
      "    assert kv.index_to_key == ref.index_to_key, path\n"
      "    assert numpy.array_equal(kv.vectors, ref.vectors), path\n"
      "print('same')\n";
  t::write_file(dir / "check.py", script);
  const auto r = t::run("/usr/bin/python3 " + t::shell_quote((dir / "check.py").string()) + " " +
                        t::shell_quote((golden_dir() / "vectors16.bin").string()) + " " +
                        t::shell_quote((dir / "v.vec").string()) + " " + t::shell_quote((dir / "v.bin").string()));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "same\n");
}
