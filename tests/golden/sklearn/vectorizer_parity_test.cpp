// nlp::Vectorizer against scikit-learn 1.2.1's CountVectorizer and TfidfVectorizer on a grid of
// options over samples of ELTeC English and Spanish: through tests/golden/sklearn/
// vectorizers.golden (written by scripts/goldens/sklearn_vectorizers.py; see README.md here) and
// live, value by value, when /usr/bin/python3 can import scikit-learn. Also numpy's argsort tie
// order, which decides max_features among equal term counts.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "nlp/pipeline/filters.hpp"
#include "nlp/vectorize/vectorizer.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"
#include "vectorize/numpy_argsort.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;

namespace {

constexpr double kTolerance = 1e-12;

fs::path golden_dir() { return nlp::test::source_dir() / "tests" / "golden" / "sklearn"; }
fs::path script() { return nlp::test::source_dir() / "scripts" / "goldens" / "sklearn_vectorizers.py"; }

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t end = s.find(sep, pos);
    out.emplace_back(s.substr(pos, end == std::string_view::npos ? s.size() - pos : end - pos));
    if (end == std::string_view::npos) return out;
    pos = end + 1;
  }
}

nlp::DfBound bound(const std::string& v) {
  if (v.find('.') != std::string::npos) return nlp::DfBound::fraction(std::stod(v));
  return nlp::DfBound::count(std::stoull(v));
}

// The golden file's option string (see the script's help) as VectorizerOptions.
nlp::VectorizerOptions parse_options(const std::string& text) {
  nlp::VectorizerOptions o;
  for (const std::string& kv : split(text, ' ')) {
    const std::size_t eq = kv.find('=');
    REQUIRE(eq != std::string::npos);
    const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    if (key == "kind") {
      o.kind = nlp::parse_vectorizer_kind(value);
    } else if (key == "analyzer") {
      o.analyzer = nlp::parse_analyzer(value);
    } else if (key == "ngram") {
      const auto lohi = split(value, ',');
      o.ngram_min = std::stoul(lohi.at(0));
      o.ngram_max = std::stoul(lohi.at(1));
    } else if (key == "lowercase") {
      o.lowercase = value == "1";
    } else if (key == "strip_accents") {
      o.strip_accents = nlp::parse_accent_mode(value);
    } else if (key == "token_pattern") {
      o.token_pattern = value;
    } else if (key == "stop_words") {
      REQUIRE(value == "english");
      o.stop_words = nlp::stopword_list("sklearn:en");
    } else if (key == "min_df") {
      o.min_df = bound(value);
    } else if (key == "max_df") {
      o.max_df = bound(value);
    } else if (key == "max_features") {
      o.max_features = std::stoul(value);
    } else if (key == "vocabulary") {
      o.vocabulary = split(value, ',');
    } else if (key == "binary") {
      o.binary = value == "1";
    } else if (key == "norm") {
      o.norm = nlp::parse_vector_norm(value);
    } else if (key == "use_idf") {
      o.use_idf = value == "1";
    } else if (key == "smooth_idf") {
      o.smooth_idf = value == "1";
    } else if (key == "sublinear_tf") {
      o.sublinear_tf = value == "1";
    } else if (key == "n_features") {
      o.n_features = static_cast<std::uint32_t>(std::stoul(value));
    } else if (key == "alternate_sign") {
      o.alternate_sign = value == "1";
    } else if (key == "split") {
      REQUIRE(value == "1");
    } else {
      FAIL("unknown option " << key);
    }
  }
  return o;
}

std::string escape_term(std::string_view t) {
  std::string out;
  for (const char c : t) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

struct Corpus {
  std::string name;
  fs::path path;
  std::string content;
  std::vector<std::string_view> documents;  // every STEP-th line, as the script takes them
};

const std::vector<Corpus>& corpora() {
  static const std::vector<Corpus> c = [] {
    const auto data = nlp::test::shared_data();
    if (!data) nlp::test::skip("../shared/data is absent");
    std::vector<Corpus> out(2);
    out[0].name = "eltec-eng";
    out[0].path = *data / "corpora" / "en" / "eltec-eng.txt.xz";
    out[1].name = "eltec-spa";
    out[1].path = *data / "corpora" / "es" / "eltec-spa.txt.xz";
    for (Corpus& k : out) {
      k.content = nlp::test::read_xz(k.path);
      const std::vector<std::string_view> lines = golden::split_lines(k.content);
      const std::size_t step = std::max<std::size_t>(1, lines.size() / 3000);
      for (std::size_t i = 0; i < lines.size(); i += step) k.documents.push_back(lines[i]);
    }
    return out;
  }();
  return c;
}

const Corpus& corpus(const std::string& name) {
  for (const Corpus& k : corpora())
    if (k.name == name) return k;
  FAIL("unknown corpus " << name);
  std::abort();
}

// The case's matrix: fit_transform of the documents, or with split=1 fit on the documents of
// even index, then (through a saved and reloaded model, as `nlp vectorize transform` does)
// transform of the others. `vocabulary` gets the terms in column order.
nlp::CsrMatrix case_matrix(const std::string& options, const std::vector<std::string_view>& docs,
                           unsigned threads, std::vector<std::string>& vocabulary) {
  nlp::VectorizerOptions o = parse_options(options);
  o.threads = threads;
  nlp::Vectorizer v(o);
  nlp::CsrMatrix m;
  if (options.find("split=1") != std::string::npos) {
    std::vector<std::string_view> fit_docs, other;
    for (std::size_t i = 0; i < docs.size(); ++i) (i % 2 == 0 ? fit_docs : other).push_back(docs[i]);
    v.fit(fit_docs);
    nlp::Vectorizer loaded = nlp::Vectorizer::deserialize(v.serialize(), "model");
    loaded.set_threads(threads);
    m = loaded.transform(other);
    CHECK(m.indices == v.transform(other).indices);
  } else {
    m = v.fit_transform(docs);
  }
  vocabulary.assign(v.vocabulary().begin(), v.vocabulary().end());
  return m;
}

bool near(double a, double b) { return std::fabs(a - b) <= kTolerance * std::max(1.0, std::fabs(b)); }

// One golden line: structure and vocabulary exactly, values by sums and samples.
void check_golden_line(const std::vector<std::string>& f) {
  const std::string& name = f[0];
  INFO("case " << name << " on " << f[1] << " (" << f[2] << ")");
  const Corpus& k = corpus(f[1]);
  REQUIRE(k.documents.size() == std::stoull(f[3]));
  std::vector<std::string> terms;
  const nlp::CsrMatrix m = case_matrix(f[2], k.documents, 2, terms);
  CHECK(m.rows == std::stoull(f[4]));
  CHECK(m.cols == std::stoull(f[5]));
  CHECK(m.nnz() == std::stoull(f[6]));
  std::string vocab;
  for (const std::string& t : terms) vocab += escape_term(t) + "\n";
  CHECK(golden::sha256_hex(vocab) == f[7]);
  std::string structure;
  for (std::size_t i = 0; i < m.indptr.size(); ++i) structure += (i ? "," : "") + std::to_string(m.indptr[i]);
  structure += "\n";
  for (std::size_t i = 0; i < m.indices.size(); ++i) structure += (i ? "," : "") + std::to_string(m.indices[i]);
  structure += "\n";
  CHECK(golden::sha256_hex(structure) == f[8]);
  double sum = 0, weighted = 0;
  for (std::size_t i = 0; i < m.data.size(); ++i) {
    sum += m.data[i];
    weighted += m.data[i] * static_cast<double>(i % 7 + 1);
  }
  // Sums of up to 2 million values: each value within 1e-12, the sums within 1e-9 relative.
  CHECK(std::fabs(sum - std::stod(f[9])) <= 1e-9 * std::max(1.0, std::fabs(sum)));
  CHECK(std::fabs(weighted - std::stod(f[10])) <= 1e-9 * std::max(1.0, std::fabs(weighted)));
  std::size_t bad = 0;
  for (const std::string& s : split(f[11], ',')) {
    const std::size_t eq = s.find('=');
    const std::size_t idx = std::stoull(s.substr(0, eq));
    const double want = std::stod(s.substr(eq + 1));
    if (idx >= m.data.size() || !near(m.data[idx], want)) ++bad;
  }
  CHECK(bad == 0);
}

}  // namespace

TEST_CASE("vectorizer golden: every option combination matches scikit-learn", "[golden][vectorize]") {
  const std::vector<std::string> lines = nlp::test::read_lines(golden_dir() / "vectorizers.golden");
  REQUIRE(!lines.empty());
  CHECK(golden::header_field(lines[0], "tool") == "scikit-learn-1.2.1");
  std::size_t cases = 0;
  for (const std::string& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line, '\t');
    REQUIRE(f.size() == 12);
    check_golden_line(f);
    ++cases;
  }
  CHECK(cases == 54);
}

TEST_CASE("vectorizer live: scikit-learn gives the same matrices value by value", "[live][vectorize]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import sklearn'").exit_code != 0)
    nlp::test::skip("scikit-learn is not importable by /usr/bin/python3");
  const std::vector<Corpus>& ks = corpora();
  const fs::path dir = nlp::test::temp_dir("vectorizer-live");
  const auto r = nlp::test::run("/usr/bin/python3 " + nlp::test::shell_quote(script().string()) +
                                " --dump " + nlp::test::shell_quote(dir.string()) + " " +
                                nlp::test::shell_quote(ks[0].path.string()) + " " +
                                nlp::test::shell_quote(ks[1].path.string()));
  REQUIRE(r.exit_code == 0);
  const std::vector<std::string> lines = nlp::test::read_lines(golden_dir() / "vectorizers.golden");
  std::size_t compared = 0;
  for (const std::string& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line, '\t');
    INFO("case " << f[0] << " on " << f[1]);
    std::vector<std::string> terms;
    const nlp::CsrMatrix m = case_matrix(f[2], corpus(f[1]).documents, 3, terms);
    const fs::path stem = dir / (f[0] + "." + f[1]);
    const std::vector<std::string> vocab = nlp::test::read_lines(fs::path(stem.string() + ".vocab"));
    REQUIRE(vocab.size() == terms.size());
    std::size_t vocab_diff = 0;
    for (std::size_t i = 0; i < vocab.size(); ++i)
      if (vocab[i] != escape_term(terms[i])) ++vocab_diff;
    CHECK(vocab_diff == 0);
    const std::vector<std::string> rows = nlp::test::read_lines(fs::path(stem.string() + ".csr"));
    REQUIRE(rows.size() == m.rows + 1);
    std::size_t row_diff = 0;
    double worst = 0;
    for (std::size_t row = 0; row < m.rows; ++row) {
      std::istringstream in(rows[row + 1]);
      std::string item;
      std::uint64_t k = m.indptr[row];
      bool same = true;
      while (in >> item) {
        const std::size_t colon = item.find(':');
        const auto col = std::stoul(item.substr(0, colon));
        const double want = std::stod(item.substr(colon + 1));
        if (k >= m.indptr[row + 1] || m.indices[k] != col) {
          same = false;
          break;
        }
        worst = std::max(worst, std::fabs(m.data[k] - want));
        if (!near(m.data[k], want)) same = false;
        ++k;
      }
      if (!same || k != m.indptr[row + 1]) {
        if (row_diff == 0) UNSCOPED_INFO("first differing row " << row);
        ++row_diff;
      }
    }
    CHECK(row_diff == 0);
    CHECK(worst <= kTolerance);
    ++compared;
  }
  CHECK(compared == 54);
}

TEST_CASE("vectorizer live: numpy's argsort tie order", "[live][vectorize]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import numpy'").exit_code != 0)
    nlp::test::skip("numpy is not importable by /usr/bin/python3");
  // Arrays of 1..300 values with few distinct values (many ties), from a fixed generator.
  std::uint64_t state = 20251122;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  std::vector<std::vector<std::int64_t>> arrays;
  std::string text;
  for (int a = 0; a < 400; ++a) {
    const std::size_t n = 1 + next() % 300;
    const std::uint64_t distinct = 1 + next() % (a % 4 == 3 ? 1000 : 5);
    std::vector<std::int64_t> v(n);
    for (auto& x : v) x = -static_cast<std::int64_t>(next() % distinct);
    for (std::size_t i = 0; i < n; ++i) text += (i ? " " : "") + std::to_string(v[i]);
    text += "\n";
    arrays.push_back(std::move(v));
  }
  const fs::path dir = nlp::test::temp_dir("vectorizer-argsort");
  nlp::test::write_file(dir / "arrays.txt", text);
  const auto r = nlp::test::run("/usr/bin/python3 " + nlp::test::shell_quote(script().string()) +
                                " --argsort " + nlp::test::shell_quote((dir / "arrays.txt").string()));
  REQUIRE(r.exit_code == 0);
  const std::vector<std::string_view> out = golden::split_lines(r.out);
  REQUIRE(out.size() == arrays.size());
  std::size_t differ = 0;
  for (std::size_t a = 0; a < arrays.size(); ++a) {
    std::string mine;
    const auto order = nlp::detail::numpy_argsort(arrays[a]);
    for (std::size_t i = 0; i < order.size(); ++i) mine += (i ? " " : "") + std::to_string(order[i]);
    if (mine != out[a]) ++differ;
  }
  CHECK(differ == 0);
}
