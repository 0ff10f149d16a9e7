// Parity of the NLTK-compatible Snowball stemmers (make_snowball_nltk, "snowball-english-nltk-v1"
// and "snowball-spanish-nltk-v1") with NLTK 3.8's SnowballStemmer("english" | "spanish"):
//   - the committed samples (edge cases, every treebank word, every 30th corpus word) word by word;
//   - the SHA-256 digests of the stems of whole vocabularies built from ../shared/data (each stemmer
//     on the English and on the Spanish vocabulary), block by block;
//   - the agreement with the Snowball project's own test vocabularies (2024-10-12), pinned;
//   - live: NLTK itself on random words (invalid UTF-8 included) and a vocabulary sample.
// The files and the script that writes them (scripts/goldens/nltk_snowball.py) are described in
// README.md, section "NLTK Snowball stemmer goldens".
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "morph/morph_internal.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;

namespace {

const fs::path kStems = nlp::test::source_dir() / "tests" / "golden" / "nltk" / "stems";
constexpr std::string_view kLanguages[] = {"english", "spanish"};

std::string expected_id(std::string_view language) { return "snowball-" + std::string(language) + "-nltk-v1"; }

// ---- the committed samples ----

struct Sample {
  std::string header;
  std::vector<std::pair<std::string, std::string>> rows;  // word, NLTK's stem
};

std::string unescape_field(std::string_view field) {
  const std::vector<std::string> one = golden::read_escaped(std::string(field));
  REQUIRE(one.size() == 1);
  return one[0];
}

Sample read_sample(std::string_view language) {
  const std::string content =
      nlp::test::read_file(kStems / ("snowball-nltk-" + std::string(language) + ".sample.tsv"));
  const std::vector<std::string_view> lines = golden::split_lines(content);
  REQUIRE(!lines.empty());
  Sample s;
  s.header = std::string(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t tab = lines[i].find('\t');
    REQUIRE(tab != std::string_view::npos);
    s.rows.emplace_back(unescape_field(lines[i].substr(0, tab)), unescape_field(lines[i].substr(tab + 1)));
  }
  REQUIRE(golden::header_field(s.header, "stemmer") == language);
  REQUIRE(golden::header_field(s.header, "words") == std::to_string(s.rows.size()));
  return s;
}

// A word for a failure message: escaped, and cut when long.
std::string shown(std::string_view w) {
  std::string e = golden::escape_line(w);
  if (e.size() > 80) e = e.substr(0, 60) + "... (" + std::to_string(w.size()) + " bytes)";
  return e;
}

// ---- vocabularies from ../shared/data, as scripts/goldens/nltk_snowball.py builds them ----

struct Vocabulary {
  std::vector<std::string> contents;    // decompressed sources; the words view them
  std::vector<std::string_view> words;  // sorted, distinct
};

// Adds `token` and, when something remains, `token` without its leading and trailing characters
// that are not word characters (Python's str.isalnum() or "_").
void add_token(std::unordered_set<std::string_view>& set, std::string_view token) {
  set.insert(token);
  std::size_t begin = 0, end = token.size();
  while (begin < end) {
    std::uint32_t len = 0;
    if (nlp::unicode::is_word(nlp::utf8::decode_valid(token.data() + begin, len))) break;
    begin += len;
  }
  while (end > begin) {
    std::uint32_t len = 0;
    if (nlp::unicode::is_word(nlp::utf8::decode_before(token, end, len))) break;
    end -= len;
  }
  if (end > begin) set.insert(token.substr(begin, end - begin));
}

// Python's str.split(): runs of str.isspace() characters separate tokens.
void add_corpus(std::unordered_set<std::string_view>& set, std::string_view text) {
  REQUIRE(nlp::utf8::is_valid(text));
  std::size_t i = 0, start = 0;
  bool in_token = false;
  while (i < text.size()) {
    std::uint32_t len = 0;
    const char32_t c = nlp::utf8::decode_valid(text.data() + i, len);
    const bool space = nlp::unicode::is_space(c);
    if (space && in_token) add_token(set, text.substr(start, i - start));
    if (!space && !in_token) start = i;
    in_token = !space;
    i += len;
  }
  if (in_token) add_token(set, text.substr(start));
}

// FORM of every line with at least ten tab-separated fields that is not a comment.
void add_treebank(std::unordered_set<std::string_view>& set, std::string_view text) {
  for (const std::string_view line : golden::split_lines(text)) {
    if (!line.empty() && line[0] == '#') continue;
    std::size_t fields = 1;
    for (const char c : line) fields += c == '\t';
    if (fields < 10) continue;
    const std::size_t a = line.find('\t');
    const std::size_t b = line.find('\t', a + 1);
    add_token(set, line.substr(a + 1, b - a - 1));
  }
}

const Vocabulary& vocabulary(std::string_view voc) {
  auto build = [](std::string_view v) {
    const auto data = nlp::test::shared_data();
    if (!data) nlp::test::skip("../shared/data is absent");
    auto out = std::make_unique<Vocabulary>();
    std::vector<fs::path> corpora, treebanks;
    if (v == "en")
      corpora = {*data / "corpora" / "en" / "eltec-eng.txt.xz", *data / "corpora" / "en" / "brown" / "brown-tokens.txt.xz"};
    else
      corpora = {*data / "corpora" / "es" / "eltec-spa.txt.xz"};
    const std::string prefix = v == "en" ? "UD_English-" : "UD_Spanish-";
    for (const auto& dir : fs::directory_iterator(*data / "ud")) {
      if (dir.path().filename().string().rfind(prefix, 0) != 0) continue;
      for (const auto& f : fs::directory_iterator(dir.path()))
        if (f.path().extension() == ".conllu") treebanks.push_back(f.path());
    }
    REQUIRE(!treebanks.empty());
    out->contents.reserve(corpora.size() + treebanks.size());
    std::unordered_set<std::string_view> set;
    for (const fs::path& p : treebanks) {
      out->contents.push_back(nlp::test::read_file(p));
      add_treebank(set, out->contents.back());
    }
    for (const fs::path& p : corpora) {
      out->contents.push_back(nlp::test::read_xz(p));
      add_corpus(set, out->contents.back());
    }
    out->words.assign(set.begin(), set.end());
    std::sort(out->words.begin(), out->words.end());  // UTF-8 byte order is code point order
    return out;
  };
  static std::unique_ptr<Vocabulary> en, es;
  std::unique_ptr<Vocabulary>& slot = voc == "en" ? en : es;
  if (!slot) slot = build(voc);
  return *slot;
}

std::string words_sha256(const std::vector<std::string_view>& words) {
  golden::Sha256 h;
  for (const std::string_view w : words) {
    h.update(w);
    h.update("\n");
  }
  return h.hex();
}

// Stems `words` and compares with a .digest golden block by block; names the first block that
// differs.
void check_digest(std::string_view language, std::string_view voc) {
  const Vocabulary& v = vocabulary(voc);
  const fs::path path = kStems / ("snowball-nltk-" + std::string(language) + "." + std::string(voc) + "-vocab.digest");
  const std::string content = nlp::test::read_file(path);
  const std::vector<std::string_view> lines = golden::split_lines(content);
  REQUIRE(lines.size() >= 3);
  INFO(path.filename().string() << ": " << lines[0]);
  REQUIRE(golden::header_field(lines[0], "stemmer") == language);
  REQUIRE(golden::header_field(lines[0], "vocabulary") == voc);
  REQUIRE(golden::header_field(lines[0], "words") == std::to_string(v.words.size()));
  REQUIRE(golden::header_field(lines[0], "vocabulary_sha256") == words_sha256(v.words));

  const auto stemmer = nlp::morph::make_snowball_nltk(std::string(language));
  golden::Sha256 whole, block;
  std::size_t next = 0, bad_blocks = 0;
  for (std::size_t g = 1; g + 1 < lines.size(); ++g) {
    std::istringstream row{std::string(lines[g])};
    std::size_t first = 0, count = 0;
    std::string digest;
    row >> first >> count >> digest;
    REQUIRE(first == next + 1);
    REQUIRE(next + count <= v.words.size());
    for (std::size_t i = next; i < next + count; ++i) {
      const std::string_view s = stemmer->stem(v.words[i]);
      block.update(s);
      block.update("\n");
      whole.update(s);
      whole.update("\n");
    }
    if (block.hex() != digest && bad_blocks++ == 0)
      UNSCOPED_INFO("words " << first << "-" << first + count - 1 << " (from '" << shown(v.words[next])
                             << "') differ from NLTK; compare them with scripts/goldens/nltk_snowball.py --stem "
                             << language);
    next += count;
  }
  CHECK(bad_blocks == 0);
  REQUIRE(next == v.words.size());
  std::istringstream last{std::string(lines.back())};
  std::string all, digest;
  std::size_t count = 0;
  last >> all >> count >> digest;
  REQUIRE(all == "all");
  CHECK(count == v.words.size());
  CHECK(whole.hex() == digest);
}

// ---- the Snowball project's test vocabularies ----

struct Differs {
  std::string word, ours, snowball;
  bool operator==(const Differs&) const = default;
};

std::vector<Differs> snowball_data_differences(std::string_view language, std::size_t& total) {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const fs::path dir = *data / "stemmers" / "snowball-data-2024-10-12" / std::string(language);
  const std::vector<std::string> voc = nlp::test::read_lines(dir / "voc.txt");
  const std::vector<std::string> out = nlp::test::read_lines(dir / "output.txt");
  REQUIRE(voc.size() == out.size());
  const auto stemmer = nlp::morph::make_snowball_nltk(std::string(language));
  std::vector<Differs> differ;
  for (std::size_t i = 0; i < voc.size(); ++i) {
    const std::string_view s = stemmer->stem(voc[i]);
    if (s != out[i]) differ.push_back({voc[i], std::string(s), out[i]});
  }
  total = voc.size();
  return differ;
}

std::string describe(const std::vector<Differs>& d) {
  std::string s;
  for (const Differs& x : d) s += x.word + " -> " + x.ours + " (snowball: " + x.snowball + ")\n";
  return s;
}

bool nltk_available() { return nlp::test::run("/usr/bin/python3 -c 'import nltk'").exit_code == 0; }

// Runs the script's --stem mode on `words` (one per line, none with "\n"); returns its stems.
// With `rate`, NLTK's stemming rate (stems/s) is stored there.
std::vector<std::string> nltk_stems(std::string_view language, const std::vector<std::string>& words,
                                    const fs::path& dir, double* rate = nullptr) {
  const fs::path in = dir / ("words-" + std::string(language) + ".txt");
  std::string content;
  for (const std::string& w : words) {
    REQUIRE(w.find('\n') == std::string::npos);
    content += w;
    content += '\n';
  }
  nlp::test::write_file(in, content);
  const nlp::test::RunResult r = nlp::test::run(
      "/usr/bin/python3 " +
      nlp::test::shell_quote((nlp::test::source_dir() / "scripts" / "goldens" / "nltk_snowball.py").string()) +
      " --stem " + std::string(language) + " --file " + nlp::test::shell_quote(in.string()) +
      (rate ? " --time" : ""));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  if (rate) {
    constexpr std::string_view kKey = "stems_per_second=";
    const std::size_t at = r.err.find(kKey);
    REQUIRE(at != std::string::npos);
    *rate = std::stod(r.err.substr(at + kKey.size()));
    WARN(r.err);
  }
  std::vector<std::string> stems;
  for (const std::string_view line : golden::split_lines(r.out)) stems.emplace_back(line);
  REQUIRE(stems.size() == words.size());
  return stems;
}

}  // namespace

TEST_CASE("snowball nltk golden: the committed samples stem as NLTK does", "[golden][snowball-nltk]") {
  for (const std::string_view language : kLanguages) {
    INFO("stemmer " << language);
    const Sample sample = read_sample(language);
    CHECK(sample.rows.size() > 20000);
    const auto stemmer = nlp::morph::make_snowball_nltk(std::string(language));
    CHECK(stemmer->id() == expected_id(language));
    std::size_t differ = 0;
    for (const auto& [word, expected] : sample.rows) {
      const std::string_view got = stemmer->stem(word);
      if (got == expected) continue;
      if (differ++ < 5)
        UNSCOPED_INFO("'" << shown(word) << "': NLTK '" << shown(expected) << "', ours '" << shown(got) << "'");
    }
    CHECK(differ == 0);
  }
}

TEST_CASE("snowball nltk golden: the sample holds the edge cases it promises", "[golden][snowball-nltk]") {
  for (const std::string_view language : kLanguages) {
    INFO("stemmer " << language);
    const Sample sample = read_sample(language);
    std::unordered_set<std::string> words;
    for (const auto& row : sample.rows) words.insert(row.first);
    for (const std::string w : {"", " ", "\r\n", "\xEF\xBB\xBFrunning", "cafe\xCC\x81s", "\xC4\xB0",
                                "\xCE\xA3\xCE\x91\xCE\xA3", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
                                "'s", "\xE2\x80\x99s", "1990s"})
      CHECK(words.count(w) == 1);
    std::size_t long_words = 0;
    for (const auto& row : sample.rows) long_words += row.first.size() >= 1000;
    CHECK(long_words >= 3);
  }
}

TEST_CASE("snowball nltk golden: English stemmer on the English vocabulary", "[golden][snowball-nltk][data]") {
  check_digest("english", "en");
}
TEST_CASE("snowball nltk golden: Spanish stemmer on the Spanish vocabulary", "[golden][snowball-nltk][data]") {
  check_digest("spanish", "es");
}
TEST_CASE("snowball nltk golden: English stemmer on the Spanish vocabulary", "[golden][snowball-nltk][data]") {
  check_digest("english", "es");
}
TEST_CASE("snowball nltk golden: Spanish stemmer on the English vocabulary", "[golden][snowball-nltk][data]") {
  check_digest("spanish", "en");
}

// NLTK's ports predate Snowball's 2024 vocabularies in a few rules: English keeps no exception for
// a double consonant left after removing -ed/-ing from a short word (Snowball's "add", "ebb",
// "err", "off"), Spanish removes -ación where Snowball's list expects the unaccented -acion to stay.
TEST_CASE("snowball nltk golden: agreement with the Snowball English test vocabulary is pinned",
          "[golden][snowball-nltk][data]") {
  std::size_t total = 0;
  const std::vector<Differs> d = snowball_data_differences("english", total);
  INFO(describe(d));
  CHECK(total == 42603);
  CHECK(total - d.size() == 42596);
  const std::vector<Differs> expected = {
      {"added", "ad", "add"},  {"adding", "ad", "add"}, {"ebbed", "eb", "ebb"}, {"ebbing", "eb", "ebb"},
      {"erred", "er", "err"},  {"erring", "er", "err"}, {"offing", "of", "off"}};
  CHECK(d == expected);
}

TEST_CASE("snowball nltk golden: agreement with the Snowball Spanish test vocabulary is pinned",
          "[golden][snowball-nltk][data]") {
  std::size_t total = 0;
  const std::vector<Differs> d = snowball_data_differences("spanish", total);
  INFO(describe(d));
  CHECK(total == 28390);
  CHECK(total - d.size() == 28384);
  const std::vector<Differs> expected = {{"alineacion", "alin", "alineacion"},
                                         {"coronacion", "coron", "coronacion"},
                                         {"depuracion", "depur", "depuracion"},
                                         {"evaluacion", "evalu", "evaluacion"},
                                         {"penetracion", "penetr", "penetracion"},
                                         {"reconciliacion", "reconcili", "reconciliacion"}};
  CHECK(d == expected);
}

TEST_CASE("snowball nltk live: NLTK itself gives the same stems on random words and a vocabulary sample",
          "[live][snowball-nltk]") {
  if (!nltk_available()) nlp::test::skip("NLTK is not importable by /usr/bin/python3");
  // Letters, suffix fragments of both languages, apostrophes, accents, capitals that lowercase to
  // several code points or depend on context, digits, marks, emoji and invalid UTF-8.
  static const std::vector<std::string_view> kPieces = {
      "a", "e", "i", "o", "u", "y", "Y", "b", "c", "d", "g", "l", "m", "n", "r", "s", "t", "v", "w",
      "x", "z", "A", "E", "S", "ing", "ed", "eed", "ly", "'s", "'", "\xE2\x80\x99", "\xE2\x80\x98",
      "\xE2\x80\x9B", "ational", "tional", "ization", "iveness", "ness", "ful", "ement", "ment", "ion",
      "al", "li", "bli", "ogi", "iviti", "ous", "ies", "ied", "sses", "at", "bl", "iz", "ll", "tt",
      "gener", "commun", "arsen", "sky", "news", "\xC3\xA1", "\xC3\xA9", "\xC3\xAD", "\xC3\xB3",
      "\xC3\xBA", "\xC3\xBC", "\xC3\xB1", "\xC3\x81", "\xC3\x89", "\xC3\x91", "amente", "mente", "idad",
      "aci\xC3\xB3n", "aciones", "acion", "uci\xC3\xB3n", "log\xC3\xAD" "a", "encia", "ivo", "iva", "ando",
      "\xC3\xA1ndo", "iendo", "yendo", "uyendo", "ar", "er", "ir", "selo", "la", "me", "se", "nos", "gu",
      "ya", "yo", "yeron", "aba", "ar\xC3\xAD" "a", "emos", "\xC3\xA9is", "es", "en", "os", "abil", "ic",
      "iv", "\xC4\xB0", "\xCE\xA3", "\xCE\xB1", "\xE2\x84\xAA", "\xC3\x9F", "\xEF\xAC\x81", "\xCC\x81",
      "\xF0\x9F\x98\x80", "\xE2\x80\x8D", "1", "9", "-", "_", ".", " ", "\t", "\r", "\xFF", "\xC3",
      "\xED\xA0\x80", "\xE2\x82"};
  std::vector<std::string> words = golden::random_texts(kPieces, 60000, 20250301, 9);
  for (const std::string_view voc : {"en", "es"}) {
    if (!nlp::test::shared_data()) break;
    const Vocabulary& v = vocabulary(voc);
    for (std::size_t i = 0; i < v.words.size(); i += 97) words.emplace_back(v.words[i]);
  }
  const fs::path dir = nlp::test::temp_dir("snowball-nltk-live");
  for (const std::string_view language : kLanguages) {
    INFO("stemmer " << language);
    const std::vector<std::string> expected = nltk_stems(language, words, dir);
    const auto stemmer = nlp::morph::make_snowball_nltk(std::string(language));
    std::size_t differ = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string_view got = stemmer->stem(words[i]);
      if (got == expected[i]) continue;
      if (differ++ < 5)
        UNSCOPED_INFO("'" << shown(words[i]) << "': NLTK '" << shown(expected[i]) << "', ours '" << shown(got)
                          << "'");
    }
    CHECK(differ == 0);
  }
}

// Not run by default (hidden tag): the rate of each port against NLTK on the whole vocabulary of
// its language, one thread, in stems per second of CPU time (both sides), so that other work on
// the machine disturbs the ratio less. Run: golden_nltk "[.bench][snowball-nltk]"
TEST_CASE("snowball nltk bench: stems per second against NLTK on the full vocabulary", "[.bench][snowball-nltk]") {
  if (!nltk_available()) nlp::test::skip("NLTK is not importable by /usr/bin/python3");
  const fs::path dir = nlp::test::temp_dir("snowball-nltk-bench");
  for (const auto& [language, voc] : {std::pair{"english", "en"}, std::pair{"spanish", "es"}}) {
    // Both sides stem a list of separate strings (Python's list of str, here std::strings).
    const Vocabulary& v = vocabulary(voc);
    const std::vector<std::string> words(v.words.begin(), v.words.end());
    const auto stemmer = nlp::morph::make_snowball_nltk(language);
    std::size_t bytes = 0;
    constexpr int kRounds = 10;
    const std::clock_t start = std::clock();
    for (int round = 0; round < kRounds; ++round)
      for (const std::string& w : words) bytes += stemmer->stem(w).size();
    const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    const double rate = static_cast<double>(words.size()) * kRounds / seconds;
    WARN("ours " << language << ": " << words.size() << " words x " << kRounds << " in " << seconds
                 << " s: " << static_cast<std::uint64_t>(rate) << " stems/s (" << bytes << " bytes)");
    double nltk_rate = 0;
    nltk_stems(language, words, dir, &nltk_rate);
    WARN(language << ": " << rate / nltk_rate << " times NLTK's rate");
  }
}
