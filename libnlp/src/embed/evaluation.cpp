#include "nlp/embed/evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::embed {
namespace {

// A line of the input and where it starts.
struct Line {
  std::string_view text;
  std::uint64_t number = 0, byte = 0;
};

// Lines ended by '\n' (binary reading, as gensim reads analogies) or, with universal newlines
// (as it reads pairs), by "\r\n", '\r' or '\n'. The terminator is not part of the line; no
// empty line follows a final terminator. Invalid UTF-8 is an InputError.
std::vector<Line> split_lines(std::string_view text, const std::string& name, bool universal) {
  if (const std::size_t bad = utf8::find_invalid(text); bad != std::string_view::npos) {
    const std::size_t start = text.rfind('\n', bad) == std::string_view::npos ? 0 : text.rfind('\n', bad) + 1;
    const auto line = static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n')) + 1;
    throw InputError(SourcePos{name, line, utf8::count_code_points(text.substr(start, bad - start)) + 1, bad},
                     "invalid UTF-8 sequence " + utf8::hex_bytes(text, bad) + "; expected UTF-8 text");
  }
  std::vector<Line> lines;
  std::size_t pos = 0;
  std::uint64_t number = 1;
  while (pos < text.size()) {
    std::size_t end = universal ? text.find_first_of("\r\n", pos) : text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({text.substr(pos, end - pos), number++, pos});
    pos = end;
    if (pos < text.size()) pos += (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ? 2u : 1u;
  }
  return lines;
}

// Python's str.split() (runs of Unicode whitespace) of valid UTF-8.
std::vector<std::string_view> split_whitespace(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    std::uint32_t len = 0;
    const char32_t c = utf8::decode_valid(s.data() + i, len);
    if (unicode::is_space(c)) {
      if (start != std::string_view::npos) out.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = i;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

// Python's str.strip() of valid UTF-8.
std::string_view strip(std::string_view s) {
  const std::vector<std::string_view> parts = split_whitespace(s);
  if (parts.empty()) return {};
  return s.substr(static_cast<std::size_t>(parts.front().data() - s.data()),
                  static_cast<std::size_t>(parts.back().data() + parts.back().size() - parts.front().data()));
}

std::string key_of(std::string_view word, bool case_insensitive) {
  std::string out;
  if (case_insensitive) to_upper(word, out);
  else out.assign(word);
  return out;
}

// gensim's ok_vocab: the key (uppercased when case-insensitive) of each of the first `limit`
// rows, mapped to the first row with that key.
using Vocab = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;
Vocab restricted_vocab(const WordVectors& v, std::size_t restrict_vocab, bool case_insensitive) {
  const std::size_t n = restrict_vocab == 0 ? v.size() : std::min(restrict_vocab, v.size());
  Vocab vocab;
  vocab.reserve(n);
  for (std::size_t i = 0; i < n; ++i) vocab.emplace(key_of(v.word(i), case_insensitive), i);
  return vocab;
}

// Python's float() of a field: surrounding whitespace allowed, then a decimal or "inf"/"nan".
bool parse_float(std::string_view field, double& out) {
  std::string_view s = strip(field);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

AnalogyResult evaluate_analogies(const WordVectors& v, std::string_view text, const std::string& name,
                                 const AnalogyOptions& o) {
  const Vocab vocab = restricted_vocab(v, o.restrict_vocab, o.case_insensitive);
  struct Question {
    std::size_t section;
    std::array<std::string, 4> keys;  // a b c expected
    bool known;
  };
  AnalogyResult result;
  std::vector<Question> questions;
  std::vector<Query> queries;
  for (const Line& line : split_lines(text, name, false)) {
    if (line.text.starts_with(": ")) {
      const std::size_t first = line.text.find_first_not_of(": ");
      result.sections.push_back({std::string(strip(first == std::string_view::npos ? "" : line.text.substr(first))), 0, 0});
      continue;
    }
    if (result.sections.empty())
      throw InputError(SourcePos{name, line.number, 1, line.byte},
                       "a question before the first section header; expected a line \": SECTION\" first");
    const std::vector<std::string_view> words = split_whitespace(line.text);
    if (words.size() != 4) continue;  // gensim skips it
    ++result.questions;
    Question q{result.sections.size() - 1, {}, true};
    for (std::size_t k = 0; k < 4; ++k) {
      q.keys[k] = key_of(words[k], o.case_insensitive);
      if (!vocab.contains(q.keys[k])) q.known = false;
    }
    if (!q.known) {
      ++result.oov;
      if (o.dummy4unknown) ++result.sections.back().incorrect;
      continue;
    }
    queries.push_back({{vocab.find(q.keys[1])->second, vocab.find(q.keys[2])->second}, {vocab.find(q.keys[0])->second}, {}, {}});
    questions.push_back(std::move(q));
  }
  if (result.questions == 0)
    throw Error(fmt::format("{}: no analogy questions (lines of four words after a \": SECTION\" line)", name));
  const std::vector<std::vector<Neighbour>> answers =
      most_similar(v, queries, {.topn = 5, .restrict_vocab = o.restrict_vocab, .method = o.method, .threads = o.threads});
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    // gensim's loop: the first of the top 5 whose key is not an input's; if none qualifies, the
    // last one considered stands as the prediction.
    std::string predicted;
    bool any = false;
    for (const Neighbour& n : answers[i]) {
      predicted = key_of(v.word(n.index), o.case_insensitive);
      any = true;
      if (vocab.contains(predicted) && predicted != q.keys[0] && predicted != q.keys[1] && predicted != q.keys[2])
        break;
    }
    AnalogySection& s = result.sections[q.section];
    if (any && predicted == q.keys[3]) ++s.correct;
    else ++s.incorrect;
  }
  result.total.name = "Total accuracy";
  for (const AnalogySection& s : result.sections) {
    result.total.correct += s.correct;
    result.total.incorrect += s.incorrect;
  }
  return result;
}

PairResult evaluate_pairs(const WordVectors& v, std::string_view text, const std::string& name,
                          const PairOptions& o) {
  const Vocab vocab = restricted_vocab(v, o.restrict_vocab, o.case_insensitive);
  std::vector<double> gold, model;
  PairResult r;
  for (const Line& line : split_lines(text, name, true)) {
    if (line.text.starts_with('#')) continue;
    std::vector<std::string_view> fields;
    for (std::size_t pos = 0;;) {
      const std::size_t end = line.text.find(o.delimiter, pos);
      fields.push_back(line.text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
      if (end == std::string_view::npos) break;
      pos = end + 1;
    }
    double score = 0;
    if (fields.size() != 3 || !parse_float(fields[2], score)) continue;  // gensim skips it
    const std::string a = key_of(fields[0], o.case_insensitive), b = key_of(fields[1], o.case_insensitive);
    const auto ia = vocab.find(a), ib = vocab.find(b);
    if (ia == vocab.end() || ib == vocab.end()) {
      ++r.oov;
      if (o.dummy4unknown) {
        gold.push_back(score);
        model.push_back(0.0);
      }
      continue;
    }
    gold.push_back(score);
    model.push_back(similarity(v, ia->second, ib->second));
  }
  if (gold.empty())
    throw Error(fmt::format("{}: no valid similarity judgements (lines \"word1 TAB word2 TAB score\"), or all "
                            "of them have a word outside the vocabulary",
                            name));
  r.pairs = gold.size();
  r.spearman = gold.size() >= 2 ? spearman(gold, model) : Correlation{std::nan(""), std::nan("")};
  r.pearson = gold.size() >= 2 ? pearson(gold, model) : Correlation{std::nan(""), std::nan("")};
  const auto oov = static_cast<double>(r.oov);
  r.oov_ratio = 100.0 * oov / (o.dummy4unknown ? static_cast<double>(gold.size()) : static_cast<double>(gold.size()) + oov);
  return r;
}

}  // namespace nlp::embed
