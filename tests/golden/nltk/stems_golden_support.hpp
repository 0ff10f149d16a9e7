#pragma once
// Stemmer goldens as scripts/goldens/nltk_stemmers.py writes them (see tests/golden/nltk/README.md):
// xz-compressed "WORD<TAB>STEM" samples, per-block digests of the stems of the full vocabulary of
// ../shared/data, and NLTK run live on a word list. The vocabulary is rebuilt here exactly as the
// script builds it, and its SHA-256 is checked against the digest file's before any stem is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "nlp/morph/stemmer.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "support/golden_files.hpp"
#include "support/test_support.hpp"

namespace nlp::test::stems {

namespace fs = std::filesystem;

inline fs::path golden_dir() { return source_dir() / "tests" / "golden" / "nltk" / "stems"; }

// A "#nlp-golden ..." header line, then one "WORD<TAB>STEM" line per word.
struct Sample {
  std::string content;
  std::string header;
  std::vector<std::pair<std::string_view, std::string_view>> rows;
};

inline Sample read_sample(const std::string& stemmer) {
  Sample s;
  s.content = read_xz(golden_dir() / (stemmer + ".tsv.xz"));
  const std::vector<std::string_view> lines = golden::split_lines(s.content);
  REQUIRE(!lines.empty());
  s.header = std::string(lines[0]);
  REQUIRE(golden::header_field(s.header, "stemmer") == stemmer);
  std::size_t malformed = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t tab = lines[i].find('\t');
    if (tab == std::string_view::npos) {
      ++malformed;
      continue;
    }
    s.rows.emplace_back(lines[i].substr(0, tab), lines[i].substr(tab + 1));
  }
  REQUIRE(malformed == 0);
  REQUIRE(golden::header_field(s.header, "words") == std::to_string(s.rows.size()));
  return s;
}

// Number of sample words `stemmer` stems differently; the first few are reported.
inline std::size_t compare_sample(Stemmer& stemmer, const Sample& sample) {
  std::size_t differ = 0;
  for (const auto& [word, expected] : sample.rows) {
    const std::string_view got = stemmer.stem(word);
    if (got == expected) continue;
    if (differ++ < 10)
      UNSCOPED_INFO("[" << word << "]: NLTK [" << expected << "], ours [" << got << "]");
  }
  return differ;
}

// SHA-256 of the words in order, each followed by "\n" (the script's words_sha256).
inline std::string words_sha256(const std::vector<std::string_view>& words) {
  golden::Sha256 h;
  for (const std::string_view w : words) {
    h.update(w);
    h.update("\n");
  }
  return h.hex();
}

// `word` without leading and trailing characters of general category P*.
inline std::string_view strip_punct(std::string_view word) {
  std::size_t begin = 0, end = word.size();
  while (begin < end) {
    std::uint32_t len = 0;
    if (!unicode::is_punct(utf8::decode_valid(word.data() + begin, len))) break;
    begin += len;
  }
  while (end > begin) {
    std::uint32_t len = 0;
    if (!unicode::is_punct(utf8::decode_before(word, end, len))) break;
    end -= len;
  }
  return word.substr(begin, end - begin);
}

// The vocabulary of nltk_stemmers.py: distinct whitespace tokens (Python's str.split()) of the
// three corpora, FORM columns of the UD treebanks, and their punctuation-stripped forms; sorted
// by code point (= by UTF-8 bytes). Built once per process; skips the test without shared data.
struct Vocabulary {
  std::vector<std::string> texts;  // decompressed inputs the words point into
  std::vector<std::string_view> words;
  std::string sha256;
};

inline bool ascii_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline void add_word(std::unordered_set<std::string_view>& set, std::string_view token) {
  if (!set.insert(token).second) return;  // its stripped form is in already
  if (token.empty() || (ascii_alnum(token.front()) && ascii_alnum(token.back()))) return;
  const std::string_view s = strip_punct(token);
  if (!s.empty()) set.insert(s);
}

inline const Vocabulary& full_vocabulary() {
  static const Vocabulary v = [] {
    const auto data = shared_data();
    if (!data) skip("../shared/data is absent");
    Vocabulary out;
    for (const char* name : {"corpora/en/eltec-eng.txt.xz", "corpora/es/eltec-spa.txt.xz",
                             "corpora/en/brown/brown-tokens.txt.xz"})
      out.texts.push_back(read_xz(*data / name));
    std::vector<fs::path> conllus;
    for (const auto& dir : fs::directory_iterator(*data / "ud"))
      if (dir.is_directory())
        for (const auto& f : fs::directory_iterator(dir.path()))
          if (f.path().extension() == ".conllu") conllus.push_back(f.path());
    REQUIRE(!conllus.empty());
    const std::size_t corpora = out.texts.size();
    for (const fs::path& p : conllus) out.texts.push_back(read_file(p));

    std::unordered_set<std::string_view> set;
    set.reserve(1 << 21);
    for (std::size_t t = 0; t < corpora; ++t) {
      const std::string& text = out.texts[t];
      REQUIRE(utf8::is_valid(text));
      std::size_t i = 0, start = 0;
      bool in_token = false;
      while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        bool space = false;
        std::uint32_t len = 1;
        if (b < 0x80)  // Python's ASCII whitespace: \t \n \v \f \r, \x1c-\x1f and space
          space = b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
        else
          space = unicode::is_space(utf8::decode_valid(text.data() + i, len));
        if (space) {
          if (in_token) add_word(set, std::string_view(text).substr(start, i - start));
          in_token = false;
        } else if (!in_token) {
          in_token = true;
          start = i;
        }
        i += len;
      }
      if (in_token) add_word(set, std::string_view(text).substr(start));
    }
    for (std::size_t t = corpora; t < out.texts.size(); ++t) {
      for (const std::string_view line : golden::split_lines(out.texts[t])) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        std::size_t end = line.find('\t', tab + 1);
        if (end == std::string_view::npos) end = line.size();
        add_word(set, line.substr(tab + 1, end - tab - 1));
      }
    }
    out.words.assign(set.begin(), set.end());
    std::sort(out.words.begin(), out.words.end());
    out.sha256 = words_sha256(out.words);
    return out;
  }();
  return v;
}

// Stems of `words` by NLTK itself (scripts/goldens/nltk_stemmers.py --words), one vector per
// stemmer name. Skips the test when /usr/bin/python3 cannot import NLTK.
inline std::vector<std::vector<std::string>> nltk_stems(const std::vector<std::string_view>& words,
                                                        const std::vector<std::string>& stemmers,
                                                        const std::string& dir_name) {
  if (run("/usr/bin/python3 -c 'import nltk.stem'").exit_code != 0)
    skip("NLTK is not importable by /usr/bin/python3");
  const fs::path dir = temp_dir(dir_name);
  std::string list;
  for (const std::string_view w : words) {
    REQUIRE(w.find('\n') == std::string_view::npos);
    list.append(w);
    list.push_back('\n');
  }
  write_file(dir / "words.txt", list);
  std::string cmd = "/usr/bin/python3 " +
                    shell_quote((source_dir() / "scripts" / "goldens" / "nltk_stemmers.py").string()) +
                    " --words " + shell_quote((dir / "words.txt").string()) + " --out-dir " +
                    shell_quote(dir.string());
  for (const std::string& s : stemmers) cmd += " --stemmer " + s;
  const RunResult r = run(cmd);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::vector<std::string>> out;
  for (const std::string& s : stemmers) {
    const std::string content = read_file(dir / (s + ".txt"));
    std::vector<std::string> stems;
    for (const std::string_view line : golden::split_lines(content)) stems.emplace_back(line);
    REQUIRE(stems.size() == words.size());
    out.push_back(std::move(stems));
  }
  return out;
}

// "ab" + c + "s" for every Unicode scalar value c but "\n": the stemmers then show how they
// lowercase c and whether it counts as a letter.
inline std::vector<std::string> every_code_point_words() {
  std::vector<std::string> words;
  words.reserve(0x110000);
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (c == '\n' || (c >= 0xD800 && c <= 0xDFFF)) continue;
    std::string w = "ab";
    utf8::append(w, c);
    w.push_back('s');
    words.push_back(std::move(w));
  }
  return words;
}

// Number of `words` on which `stemmer` differs from `reference`; the first few are reported.
inline std::size_t count_differences(Stemmer& stemmer, const std::vector<std::string>& words,
                                     const std::vector<std::string>& reference) {
  REQUIRE(words.size() == reference.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view got = stemmer.stem(words[i]);
    if (got == reference[i]) continue;
    if (differ++ < 10) UNSCOPED_INFO("[" << words[i] << "]: NLTK [" << reference[i] << "], ours [" << got << "]");
  }
  return differ;
}

// Checks `stemmer` (named `name` in the digest file) on the full vocabulary against
// full-vocabulary.digest, block by block. A differing block is narrowed down to its words by
// running NLTK on it when /usr/bin/python3 has NLTK.
inline void check_full_vocabulary(Stemmer& stemmer, const std::string& name) {
  const Vocabulary& vocab = full_vocabulary();
  const std::string content = read_file(golden_dir() / "full-vocabulary.digest");
  const std::vector<std::string_view> lines = golden::split_lines(content);
  REQUIRE(lines.size() >= 2);
  INFO(lines[0].substr(0, 200));
  REQUIRE(golden::header_field(lines[0], "words") == std::to_string(vocab.words.size()));
  REQUIRE(golden::header_field(lines[0], "words_sha256") == vocab.sha256);

  golden::Sha256 whole, block;
  std::string out;
  std::size_t next = 0, blocks = 0;
  bool saw_all = false;
  for (std::size_t g = 1; g < lines.size(); ++g) {
    std::istringstream row{std::string(lines[g])};
    std::string row_name, first_text, digest;
    std::size_t count = 0;
    row >> row_name >> first_text >> count >> digest;
    if (row_name != name) continue;
    if (first_text == "all") {
      CHECK(count == vocab.words.size());
      CHECK(next == vocab.words.size());
      CHECK(whole.hex() == digest);
      saw_all = true;
      continue;
    }
    REQUIRE(std::stoull(first_text) == next + 1);
    REQUIRE(next + count <= vocab.words.size());
    for (std::size_t i = next; i < next + count; ++i) {
      out.assign(stemmer.stem(vocab.words[i]));
      out.push_back('\n');
      block.update(out);
      whole.update(out);
    }
    if (block.hex() != digest) {
      std::string detail;
      if (run("/usr/bin/python3 -c 'import nltk.stem'").exit_code == 0) {
        const std::vector<std::string_view> words(vocab.words.begin() + static_cast<std::ptrdiff_t>(next),
                                                  vocab.words.begin() + static_cast<std::ptrdiff_t>(next + count));
        const auto ref = nltk_stems(words, {name}, "stems-block-" + name);
        for (std::size_t i = 0, shown = 0; i < words.size() && shown < 10; ++i) {
          const std::string_view got = stemmer.stem(words[i]);
          if (got == ref[0][i]) continue;
          detail += "\n  [" + std::string(words[i]) + "]: NLTK [" + ref[0][i] + "], ours [" + std::string(got) + "]";
          ++shown;
        }
      }
      FAIL_CHECK(name << ": words " << next + 1 << "-" << next + count << " differ from NLTK" << detail);
    }
    next += count;
    ++blocks;
  }
  CHECK(saw_all);
  CHECK(blocks > 0);
}

}  // namespace nlp::test::stems
