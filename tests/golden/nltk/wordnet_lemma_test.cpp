// Parity with NLTK 3.8's WordNetLemmatizer over Debian's WordNet 3.0 (see README.md, "WordNet
// lemmatizer goldens"): the committed sample in lemmas/wordnet.tsv.xz, the digests of the whole
// UD English-EWT + ELTeC-eng vocabulary in lemmas/full-vocabulary.digest, and a live comparison
// with NLTK itself on a random sample. Skipped when WordNet is not installed; the vocabulary and
// live cases also skip without ../shared/data or without NLTK.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "morph/morph_internal.hpp"
#include "morph/wordnet.hpp"
#include "nlp/morph/lemmatizer.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace golden = nlp::test::golden;
using nlp::morph::MorphyScratch;
using nlp::morph::WordNet;

namespace {

constexpr char kPos[] = {'n', 'v', 'a', 's', 'r'};

fs::path lemmas_dir() { return nlp::test::source_dir() / "tests" / "golden" / "nltk" / "lemmas"; }

std::shared_ptr<const WordNet> wordnet_or_skip() {
  const std::string dir = WordNet::resolve_dir("");
  if (!fs::exists(fs::path(dir) / "index.noun"))
    nlp::test::skip("WordNet is not installed (Debian package wordnet-base)");
  return WordNet::open(dir);
}

// The five lemmas of `word` joined by tabs, as the script writes them (n v a s r).
std::string lemma_line(const WordNet& wn, std::string_view word, MorphyScratch& scratch) {
  std::string line;
  for (char pos : kPos) {
    if (pos != 'n') line += '\t';
    const auto lemma = wn.shortest_lemma(word, pos, scratch);
    line += lemma ? *lemma : word;
  }
  return line;
}

std::string lower(std::string_view s) {
  std::string out;
  nlp::apply_case(s, nlp::CaseMode::lower, out);
  return out;
}

// Python's str.split(): runs of str.isspace() characters separate words.
void split_python(std::string_view text, std::vector<std::string_view>& out) {
  std::size_t i = 0, start = std::string_view::npos;
  while (i < text.size()) {
    std::uint32_t len = 0;
    const char32_t c = nlp::utf8::decode_valid(text.data() + i, len);
    if (nlp::unicode::is_space(c)) {
      if (start != std::string_view::npos) out.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = i;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
}

// The word without leading and trailing characters of category P*.
std::string_view strip_punct(std::string_view w) {
  std::size_t b = 0, e = w.size();
  while (b < e) {
    std::uint32_t len = 0;
    const char32_t c = nlp::utf8::decode_valid(w.data() + b, len);
    if (!nlp::unicode::is_punct(c)) break;
    b += len;
  }
  while (e > b) {
    std::uint32_t len = 0;
    const char32_t c = nlp::utf8::decode_before(w, e, len);
    if (!nlp::unicode::is_punct(c)) break;
    e -= len;
  }
  return w.substr(b, e - b);
}

// The script's full vocabulary (see its --help), sorted by code point (= UTF-8 byte order).
std::vector<std::string> full_vocabulary(const fs::path& data) {
  std::set<std::string> words;
  for (const char* name : {"en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"}) {
    const std::string content = nlp::test::read_file(data / "ud" / "UD_English-EWT" / name);
    for (const std::string_view line : golden::split_lines(content)) {
      if (line.empty() || line[0] == '#') continue;
      const std::size_t t1 = line.find('\t');
      if (t1 == std::string_view::npos) continue;
      const std::size_t t2 = line.find('\t', t1 + 1);
      const std::string_view form = line.substr(t1 + 1, t2 == std::string_view::npos ? t2 : t2 - t1 - 1);
      words.emplace(form);
      words.insert(lower(form));
    }
  }
  const std::string eltec = nlp::test::read_xz(data / "corpora" / "en" / "eltec-eng.txt.xz");
  std::vector<std::string_view> tokens;
  split_python(eltec, tokens);
  for (const std::string_view t : tokens) {
    words.emplace(t);
    words.insert(lower(t));
    const std::string_view s = strip_punct(t);
    if (!s.empty() && s != t) {
      words.emplace(s);
      words.insert(lower(s));
    }
  }
  std::vector<std::string> out;
  for (const std::string& w : words)
    if (w.find('\t') == std::string::npos && w.find('\n') == std::string::npos) out.push_back(w);
  return out;
}

std::string words_sha256(const std::vector<std::string>& words) {
  golden::Sha256 h;
  for (const std::string& w : words) {
    h.update(w);
    h.update("\n");
  }
  return h.hex();
}

}  // namespace

TEST_CASE("wordnet golden: NLTK's lemmas of the sample for n v a s r", "[golden][wordnet]") {
  const auto wn = wordnet_or_skip();
  const std::string content = nlp::test::read_xz(lemmas_dir() / "wordnet.tsv.xz");
  const std::vector<std::string_view> lines = golden::split_lines(content);
  REQUIRE(lines.size() > 60000);
  REQUIRE(golden::header_field(lines[0], "tool") == "nltk-3.8");
  REQUIRE(golden::header_field(lines[0], "pos") == "n,v,a,s,r");
  REQUIRE(golden::header_field(lines[0], "words") == std::to_string(lines.size() - 1));

  nlp::LemmatizerOptions opts;
  const auto lemmatizer = nlp::morph::make_wordnet_lemmatizer(opts);
  const nlp::Upos upos[] = {nlp::Upos::NOUN, nlp::Upos::VERB, nlp::Upos::ADJ, nlp::Upos::ADJ,
                            nlp::Upos::ADV};
  MorphyScratch scratch;
  std::size_t differ = 0, changed = 0;
  std::vector<std::string> words;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string_view::npos);
    const std::string word(line.substr(0, tab));
    words.push_back(word);
    const std::string_view expected = line.substr(tab + 1);
    const std::string got = lemma_line(*wn, word, scratch);
    if (got != expected) {
      if (++differ <= 20) FAIL_CHECK("'" << word << "': NLTK " << expected << " | ours " << got);
      continue;
    }
    // Through the Lemmatizer interface (UPOS -> n v a a r).
    std::size_t field = 0, begin = tab + 1;
    for (const nlp::Upos p : upos) {
      const std::size_t end = std::min(line.find('\t', begin), line.size());
      const std::string_view want = line.substr(begin, end - begin);
      if (lemmatizer->lemmatize(word, p) != want && ++differ <= 20)
        FAIL_CHECK("'" << word << "' " << kPos[field] << " through the lemmatizer");
      if (want != word) ++changed;
      begin = end + 1;
      ++field;
    }
  }
  CHECK(differ == 0);
  CHECK(changed > 5000);  // the sample exercises the rules, not only unknown words
  CHECK(golden::header_field(lines[0], "words_sha256") == words_sha256(words));
}

TEST_CASE("wordnet golden: digests of the lemmas of the whole vocabulary", "[golden][wordnet]") {
  const auto wn = wordnet_or_skip();
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const std::vector<std::string> digest =
      [] {
        std::vector<std::string> out;
        const std::string content = nlp::test::read_file(lemmas_dir() / "full-vocabulary.digest");
        for (const std::string_view l : golden::split_lines(content)) out.emplace_back(l);
        return out;
      }();
  REQUIRE(digest.size() > 2);
  const std::vector<std::string> words = full_vocabulary(*data);
  REQUIRE(golden::header_field(digest[0], "words") == std::to_string(words.size()));
  REQUIRE(golden::header_field(digest[0], "words_sha256") == words_sha256(words));
  const std::size_t block = std::stoul(golden::header_field(digest[0], "block"));
  MorphyScratch scratch;
  golden::Sha256 all, part;
  std::size_t row = 1, bad_blocks = 0;
  for (std::size_t first = 0; first < words.size(); first += block, ++row) {
    const std::size_t n = std::min(block, words.size() - first);
    for (std::size_t k = first; k < first + n; ++k) {
      const std::string line = lemma_line(*wn, words[k], scratch) + "\n";
      all.update(line);
      part.update(line);
    }
    const std::string expected = std::to_string(first + 1) + " " + std::to_string(n) + " " + part.hex();
    REQUIRE(row < digest.size());
    if (digest[row] != expected && ++bad_blocks <= 5)
      FAIL_CHECK("block of words " << first + 1 << "..." << first + n << " (first '" << words[first]
                                   << "') differs; narrow it with the script's --words mode");
  }
  REQUIRE(row < digest.size());
  CHECK(digest[row] == "all " + std::to_string(words.size()) + " " + all.hex());
  CHECK(bad_blocks == 0);
}

TEST_CASE("wordnet live: NLTK itself gives the same lemmas on a random sample", "[live][wordnet]") {
  const auto wn = wordnet_or_skip();
  if (nlp::test::run("/usr/bin/python3 -c 'import nltk'").exit_code != 0)
    nlp::test::skip("NLTK is not importable by /usr/bin/python3");
  // Words made of stems and the endings the rules and exception lists react to, in several
  // cases, plus every 50th word of the golden sample's vocabulary.
  static const std::vector<std::string_view> kPieces = {
      "s",  "es", "ses", "ves", "xes", "zes", "ches", "shes", "men", "ies", "ed", "ing", "er",
      "est", "e", "y",  "dog", "box", "church", "wolf", "kni", "wi", "ax", "wom", "child", "ren",
      "go", "went", "be", "is", "was", "had", "do", "did", "run", "ran", "see", "saw", "good",
      "bett", "hap", "pi", "stop", "p", "hop", "D", "S", "_", "-", " ", "\u00e9", "I",
      "cat", "mouse", "mice", "lie", "ly", "tie", "fly", "die", "abac", "i"};
  std::vector<std::string> sample = golden::random_texts(kPieces, 6000, 777, 5);
  const std::string content = nlp::test::read_xz(lemmas_dir() / "wordnet.tsv.xz");
  const std::vector<std::string_view> lines = golden::split_lines(content);
  for (std::size_t i = 1; i < lines.size(); i += 50)
    sample.emplace_back(lines[i].substr(0, lines[i].find('\t')));
  const fs::path dir = nlp::test::temp_dir("wordnet-live");
  golden::write_lines(dir / "words.txt", sample);
  const nlp::test::RunResult r = nlp::test::run(
      "/usr/bin/python3 " +
      nlp::test::shell_quote((nlp::test::source_dir() / "scripts" / "goldens" / "nltk_wordnet.py").string()) +
      " --wordnet-dir " + nlp::test::shell_quote(wn->dir()) + " --words " +
      nlp::test::shell_quote((dir / "words.txt").string()) + " --out " +
      nlp::test::shell_quote((dir / "lemmas.txt").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string out = nlp::test::read_file(dir / "lemmas.txt");
  const std::vector<std::string_view> got = golden::split_lines(out);
  REQUIRE(got.size() == sample.size());
  MorphyScratch scratch;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const std::string ours = lemma_line(*wn, sample[i], scratch);
    if (ours != got[i] && ++differ <= 20)
      FAIL_CHECK("'" << sample[i] << "': NLTK " << got[i] << " | ours " << ours);
  }
  CHECK(differ == 0);
}

// Not run by default (hidden tag): lemmas per second of wordnet-nltk-v1 on the word list that
// `scripts/goldens/nltk_wordnet.py --time` gives NLTK (the EWT forms and their lowercase forms,
// each with n, v, a and r), one thread, the best of ten rounds after one warm-up round, in
// thread CPU time (as the script measures NLTK), so that other load on the machine counts
// less. Run:
//   build/tests/golden_nltk "[speed]"
TEST_CASE("wordnet speed: lemmas per second on the EWT vocabulary", "[.][speed][wordnet]") {
  wordnet_or_skip();
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  std::set<std::string> unique;
  for (const char* name : {"en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"}) {
    const std::string content = nlp::test::read_file(*data / "ud" / "UD_English-EWT" / name);
    for (const std::string_view line : golden::split_lines(content)) {
      if (line.empty() || line[0] == '#') continue;
      const std::size_t t1 = line.find('\t');
      if (t1 == std::string_view::npos) continue;
      const std::size_t t2 = line.find('\t', t1 + 1);
      const std::string_view form = line.substr(t1 + 1, t2 == std::string_view::npos ? t2 : t2 - t1 - 1);
      unique.emplace(form);
      unique.insert(lower(form));
    }
  }
  const std::vector<std::string> words(unique.begin(), unique.end());
  const auto start_load = std::chrono::steady_clock::now();
  const auto lemmatizer = nlp::morph::make_wordnet_lemmatizer({});
  const double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_load).count();
  const nlp::Upos pos[] = {nlp::Upos::NOUN, nlp::Upos::VERB, nlp::Upos::ADJ, nlp::Upos::ADV};
  auto cpu_seconds = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
  };
  double best = 1e9;
  std::size_t checksum = 0;
  for (int round = 0; round <= 10; ++round) {
    const double start = cpu_seconds();
    for (const nlp::Upos p : pos)
      for (const std::string& w : words) checksum += lemmatizer->lemmatize(w, p).size();
    const double s = cpu_seconds() - start;
    if (round > 0) best = std::min(best, s);
  }
  const double n = static_cast<double>(words.size() * 4);
  std::printf("wordnet-nltk-v1: WordNet load %.3f s (shared by later lemmatizers); %.0f lemmas "
              "(%zu words x n,v,a,r) in %.4f s CPU (best of 10) = %.0f lemmas/s (checksum %zu)\n",
              load, n, words.size(), best, n / best, checksum);
  CHECK(best > 0);
}
