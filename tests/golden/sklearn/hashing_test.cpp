// Feature hashing against scikit-learn 1.2: sklearn.utils.murmurhash3_32 and HashingVectorizer rows,
// through the golden files written by scripts/goldens/sklearn_hashing.py (see README.md here),
// and live against scikit-learn itself when /usr/bin/python3 can import it.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/vectorize/hashing.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path hashing_dir() { return nlp::test::source_dir() / "tests" / "golden" / "sklearn" / "hashing"; }

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

std::string unhex(std::string_view hex) {
  if (hex == "-") return {};
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// Lines of a golden file without its header; checks the header names the expected kind.
std::vector<std::string> golden_lines(const fs::path& p, std::string_view kind) {
  std::vector<std::string> lines = nlp::test::read_lines(p);
  REQUIRE(!lines.empty());
  REQUIRE(lines.front().rfind("#nlp-golden tool=sklearn-", 0) == 0);
  REQUIRE(lines.front().find("kind=" + std::string(kind)) != std::string::npos);
  lines.erase(lines.begin());
  return lines;
}

// Checks one rows.tsv line: hashes its features with its options and compares with its row
// (same columns, values within 1e-12). Counts the explicit zeros of the expected row.
bool row_matches(const std::string& line, std::size_t* explicit_zeros = nullptr) {
  const std::vector<std::string> f = split(line, '\t');
  REQUIRE(f.size() == 6);
  nlp::HashingOptions opt;
  opt.n_features = static_cast<std::uint32_t>(std::stoul(f[0]));
  opt.alternate_sign = f[1] == "1";
  opt.binary = f[2] == "1";
  opt.norm = f[3] == "l1" ? nlp::HashNorm::kL1 : f[3] == "l2" ? nlp::HashNorm::kL2 : nlp::HashNorm::kNone;
  std::vector<std::string> features;
  if (f[4] != "-")
    for (const std::string& h : split(f[4], ',')) features.push_back(unhex(h.empty() ? "-" : h));
  const std::vector<std::string_view> views(features.begin(), features.end());
  std::vector<std::pair<std::uint32_t, double>> expected, row;
  if (f[5] != "-")
    for (const std::string& pair : split(f[5], ' ')) {
      const std::size_t colon = pair.find(':');
      expected.emplace_back(static_cast<std::uint32_t>(std::stoul(pair.substr(0, colon))),
                            std::strtod(pair.c_str() + colon + 1, nullptr));
      if (explicit_zeros != nullptr && expected.back().second == 0.0) ++*explicit_zeros;
    }
  nlp::hash_features(views, opt, row);
  bool same = row.size() == expected.size();
  for (std::size_t i = 0; same && i < row.size(); ++i)
    same = row[i].first == expected[i].first && std::fabs(row[i].second - expected[i].second) <= 1e-12;
  return same;
}

}  // namespace

TEST_CASE("hashing golden: murmurhash3_32 matches scikit-learn on every key and seed", "[golden][hashing]") {
  const std::vector<std::string> lines = golden_lines(hashing_dir() / "murmur.tsv", "murmurhash3_32");
  REQUIRE(lines.size() >= 400);
  std::size_t mismatches = 0, intmin = 0, empty = 0;
  for (const std::string& line : lines) {
    const std::vector<std::string> f = split(line, '\t');
    REQUIRE(f.size() == 4);
    const std::string key = unhex(f[0]);
    const auto seed = static_cast<std::uint32_t>(std::stoull(f[1]));
    const auto expected = static_cast<std::int32_t>(std::stoll(f[2]));
    const auto positive = static_cast<std::uint32_t>(std::stoull(f[3]));
    if (expected == INT32_MIN) ++intmin;
    if (key.empty()) ++empty;
    if (nlp::murmurhash3_32(key, seed) != expected || nlp::murmurhash3_32_positive(key, seed) != positive) {
      ++mismatches;
      UNSCOPED_INFO("key hex " << f[0] << " seed " << seed << ": expected " << expected << ", got "
                               << nlp::murmurhash3_32(key, seed));
    }
  }
  CHECK(intmin == 1);  // the golden includes the key whose hash is INT32_MIN
  CHECK(empty == 6);
  CHECK(mismatches == 0);
}

TEST_CASE("hashing golden: HashingVectorizer rows match scikit-learn within 1e-12", "[golden][hashing]") {
  const std::vector<std::string> lines = golden_lines(hashing_dir() / "rows.tsv", "hashing_vectorizer");
  REQUIRE(lines.size() >= 150);
  std::size_t mismatches = 0, explicit_zeros = 0;
  for (const std::string& line : lines) {
    if (!row_matches(line, &explicit_zeros)) {
      ++mismatches;
      UNSCOPED_INFO("row differs: " << line.substr(0, 200));
    }
  }
  CHECK(explicit_zeros > 0);  // the goldens cover cancelling signs
  CHECK(mismatches == 0);
}

TEST_CASE("hashing live: scikit-learn hashes random strings the same way", "[live][hashing]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import sklearn'").exit_code != 0)
    nlp::test::skip("scikit-learn is not importable by /usr/bin/python3");
  // Deterministic pseudo-random keys over ASCII, Latin, CJK, emoji and controls, lengths 0..40.
  static const std::vector<std::string_view> kPieces = {
      "a", "Z", "0", " ", "\t", "\r", "\u00e9", "\u0301", "\u00df", "\u65e5", "\U0001f600",
      "\u200d", "\ufeff", "\U0010ffff", "'", "\"", "\\", ",", "\x7f", "\x01"};
  std::vector<std::string> keys{""};
  std::uint64_t state = 20251122;
  for (int i = 0; i < 3000; ++i) {
    std::string k;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto len = static_cast<std::size_t>((state >> 33) % 41);
    for (std::size_t j = 0; j < len; ++j) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      k += kPieces[static_cast<std::size_t>((state >> 33) % kPieces.size())];
    }
    keys.push_back(std::move(k));
  }
  const fs::path dir = nlp::test::temp_dir("hashing-live");
  std::string content;
  for (const std::string& k : keys) content += k + "\n";
  nlp::test::write_file(dir / "keys.txt", content);
  const nlp::test::RunResult r = nlp::test::run(
      "/usr/bin/python3 " + nlp::test::shell_quote((nlp::test::source_dir() / "scripts" / "goldens" /
                                                    "sklearn_hashing.py").string()) +
      " --extra-keys " + nlp::test::shell_quote((dir / "keys.txt").string()));
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> out = split(r.out, '\n');
  if (!out.empty() && out.back().empty()) out.pop_back();
  REQUIRE(out.size() == keys.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::vector<std::string> f = split(out[i], '\t');
    REQUIRE(f.size() == 3);
    REQUIRE(unhex(f[0]) == keys[i]);
    if (nlp::murmurhash3_32(keys[i]) != static_cast<std::int32_t>(std::stoll(f[1])) ||
        nlp::murmurhash3_32_positive(keys[i]) != static_cast<std::uint32_t>(std::stoull(f[2])))
      ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("hashing live: HashingVectorizer gives the same rows for random documents", "[live][hashing]") {
  if (nlp::test::run("/usr/bin/python3 -c 'import sklearn'").exit_code != 0)
    nlp::test::skip("scikit-learn is not importable by /usr/bin/python3");
  // Features from a small pool (so they repeat and collide) and the INT32_MIN key, under option
  // sets with few columns (so opposite signs cancel) and scikit-learn's default width.
  static const std::vector<std::string> kPool = {
      "", "a", "the", "The", "cat", "caf\u00e9", "cafe\u0301", "\U0001f600", "\u65e5\u672c", "FrZ0mda",
      "x y", "don't", "42", "\u00df", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "b", "c", "d", "e", "f"};
  static const std::vector<std::uint32_t> kWidths = {1, 2, 3, 7, 16, 1000, 1u << 20, 0x7fffffffu};
  static const char* const kNorms[] = {"none", "l1", "l2"};
  std::uint64_t state = 7;
  auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  auto hex = [](const std::string& s) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (const char ch : s) {
      out += kHex[static_cast<unsigned char>(ch) >> 4];
      out += kHex[static_cast<unsigned char>(ch) & 15];
    }
    return out;
  };
  std::string input;
  for (int i = 0; i < 2000; ++i) {
    const std::size_t n = next(4) == 0 ? 0 : next(30);
    std::string feats;
    for (std::size_t j = 0; j < n; ++j) feats += (j ? "," : "") + hex(kPool[next(kPool.size())]);
    input += std::to_string(kWidths[next(kWidths.size())]) + "\t" + std::to_string(next(2)) + "\t" +
             std::to_string(next(2)) + "\t" + kNorms[next(3)] + "\t" + (n == 0 ? "-" : feats) + "\n";
  }
  const fs::path dir = nlp::test::temp_dir("hashing-live-rows");
  nlp::test::write_file(dir / "rows.txt", input);
  const nlp::test::RunResult r = nlp::test::run(
      "/usr/bin/python3 " + nlp::test::shell_quote((nlp::test::source_dir() / "scripts" / "goldens" /
                                                    "sklearn_hashing.py").string()) +
      " --extra-rows " + nlp::test::shell_quote((dir / "rows.txt").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  nlp::test::write_file(dir / "expected.tsv", "#nlp-golden tool=sklearn-live kind=hashing_vectorizer\n" + r.out);
  const std::vector<std::string> lines = golden_lines(dir / "expected.tsv", "hashing_vectorizer");
  REQUIRE(lines.size() == 2000);
  std::size_t mismatches = 0;
  for (const std::string& line : lines)
    if (!row_matches(line)) ++mismatches;
  CHECK(mismatches == 0);
}
