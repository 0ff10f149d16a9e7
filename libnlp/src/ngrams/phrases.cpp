// gensim-compatible phrase detection and the nlp.phrases model file.
#include "nlp/ngrams/phrases.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "nlp/error.hpp"
#include "nlp/text/utf8.hpp"
#include "util/model_file.hpp"
#include "vectorize/term_table.hpp"

namespace nlp::ngrams {

namespace {

constexpr std::uint32_t kFormatVersion = 1;

void check_options(const PhrasesOptions& o) {
  if (o.min_count == 0) throw UsageError("phrases: min_count must be at least 1");
  if (o.scoring == PhraseScoring::kDefault && !(o.threshold > 0))
    throw UsageError(fmt::format("phrases: the default scoring needs a positive threshold, got {}", o.threshold));
  if (o.scoring == PhraseScoring::kNpmi && !(o.threshold >= -1 && o.threshold <= 1))
    throw UsageError(fmt::format("phrases: npmi scoring needs a threshold in [-1, 1], got {}", o.threshold));
  if (o.delimiter.empty()) throw UsageError("phrases: the delimiter must not be empty");
  if (o.max_vocab_size == 0) throw UsageError("phrases: max_vocab_size must be at least 1");
}

// Python's float(int(a) * int(b)): the exact product, rounded once.
__extension__ typedef unsigned __int128 Uint128;
double exact_product(std::uint64_t a, std::uint64_t b) { return static_cast<double>(static_cast<Uint128>(a) * b); }

// gensim's original_scorer and npmi_scorer, operation for operation.
double score_of(const PhrasesOptions& o, std::uint64_t count_a, std::uint64_t count_b, std::uint64_t count_ab,
                std::size_t vocab_size, std::uint64_t corpus_words) {
  if (o.scoring == PhraseScoring::kDefault) {
    const double denom = exact_product(count_a, count_b);
    if (denom == 0) return -std::numeric_limits<double>::infinity();
    const double numer = static_cast<double>(static_cast<std::int64_t>(count_ab) - static_cast<std::int64_t>(o.min_count));
    return numer / denom * static_cast<double>(vocab_size);
  }
  if (count_ab < o.min_count) return -std::numeric_limits<double>::infinity();
  const auto n = static_cast<double>(corpus_words);
  const double pa = static_cast<double>(count_a) / n;
  const double pb = static_cast<double>(count_b) / n;
  const double pab = static_cast<double>(count_ab) / n;
  return std::log(pab / (pa * pb)) / -std::log(pab);
}

template <typename Set>
Set connector_set(const std::vector<std::string>& words) {
  Set s;
  for (const auto& w : words) s.insert(w);
  return s;
}

// Membership in a connector set, skipping the hash for words longer than every connector word
// (most words, with short connectors like gensim's English list).
template <typename Set>
class ConnectorTest {
 public:
  explicit ConnectorTest(const Set& set) : set_(set) {
    for (const auto& w : set) max_ = std::max(max_, w.size());
  }
  bool contains(std::string_view w) const { return w.size() <= max_ && !set_.empty() && set_.contains(w); }

 private:
  const Set& set_;
  std::size_t max_ = 0;
};

// Appends a, the words between and b joined by the delimiter to `out` (cleared first).
void join(std::string& out, std::string_view delimiter, std::string_view a,
          std::span<const std::string_view> between, std::string_view b) {
  out.assign(a);
  for (const std::string_view w : between) {
    out.append(delimiter);
    out.append(w);
  }
  out.append(delimiter);
  out.append(b);
}

// A candidate's words, each preceded by its byte length (LEB128): distinct candidates get
// distinct keys whatever bytes their words contain.
void put_length(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}
void structure_key(std::string& out, std::string_view a, std::span<const std::string_view> between,
                   std::string_view b) {
  out.clear();
  put_length(out, a.size());
  out.append(a);
  for (const std::string_view w : between) {
    put_length(out, w.size());
    out.append(w);
  }
  put_length(out, b.size());
  out.append(b);
}
std::vector<std::string> structure_words(std::string_view key) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < key.size()) {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
      const auto c = static_cast<unsigned char>(key[pos++]);
      n |= static_cast<std::size_t>(c & 0x7F) << shift;
      if ((c & 0x80) == 0) break;
    }
    words.emplace_back(key.substr(pos, n));
    pos += n;
  }
  return words;
}

// gensim's analyze_sentence over a scoring function: calls emit(token) for every output token.
template <typename Connectors, typename Score, typename Emit>
void analyze(std::span<const std::string_view> sentence, const Connectors& connectors, Score&& score,
             Emit&& emit) {
  std::string_view start;
  bool have_start = false;
  std::vector<std::string_view> between;
  std::string phrase;
  for (const std::string_view word : sentence) {
    if (!connectors.contains(word)) {
      // Python tests the start token's truth value: an empty token never starts a phrase.
      if (have_start && !start.empty()) {
        if (score(start, word, between, phrase)) {
          emit(std::string_view(phrase));
          have_start = false;
          between.clear();
        } else {
          emit(start);
          for (const std::string_view w : between) emit(w);
          start = word;
          between.clear();
        }
      } else {
        start = word;
        have_start = true;
        between.clear();
      }
    } else if (have_start && !start.empty()) {
      between.push_back(word);
    } else {
      emit(word);
    }
  }
  if (have_start && !start.empty()) {
    emit(start);
    for (const std::string_view w : between) emit(w);
  }
  // Like gensim, an empty token is dropped (it fails Python's truth test as a phrase start).
}

}  // namespace

PhraseScoring parse_phrase_scoring(std::string_view s) {
  if (s == "default") return PhraseScoring::kDefault;
  if (s == "npmi") return PhraseScoring::kNpmi;
  throw UsageError(fmt::format("unknown phrase scoring {:?}; expected default or npmi", s));
}

const char* to_string(PhraseScoring s) { return s == PhraseScoring::kDefault ? "default" : "npmi"; }

const std::vector<std::string>& english_connector_words() {
  static const std::vector<std::string> words = {"a",    "an", "the",  "for", "of", "with", "without", "at",
                                                 "from", "to", "in",   "on",  "by", "and",  "or"};
  return words;
}

// The count table: ids from an open-addressing table of the joined texts, a count per id.
struct PhrasesLearner::Counts {
  detail::TermTable table;
  std::vector<std::uint64_t> counts;
  std::size_t size() const noexcept { return table.size(); }
  void bump(std::string_view key) {
    const std::uint32_t id = table.intern(key);
    if (id == counts.size()) counts.push_back(0);
    ++counts[id];
  }
  std::uint64_t count(std::string_view key) const {
    const std::uint32_t id = table.find(key);
    return id == detail::TermTable::kAbsent ? 0 : counts[id];
  }
  // gensim's prune_vocab: keeps the entries counted at least `min` times, in their order.
  void prune(std::uint64_t min) {
    Counts kept;
    for (std::uint32_t id = 0; id < table.size(); ++id)
      if (counts[id] >= min) {
        kept.table.intern(table.term(id));
        kept.counts.push_back(counts[id]);
      }
    *this = std::move(kept);
  }
};

PhrasesLearner::~PhrasesLearner() = default;
PhrasesLearner::PhrasesLearner(PhrasesLearner&&) noexcept = default;
PhrasesLearner& PhrasesLearner::operator=(PhrasesLearner&&) noexcept = default;
std::size_t PhrasesLearner::vocabulary_size() const noexcept { return vocab_->size(); }

PhrasesLearner::PhrasesLearner(PhrasesOptions opts) : opts_(std::move(opts)), vocab_(std::make_unique<Counts>()) {
  check_options(opts_);
  connectors_ = connector_set<decltype(connectors_)>(opts_.connector_words);
}

void PhrasesLearner::bump(std::string_view key) {
  vocab_->bump(key);
}

void PhrasesLearner::add_sentence(std::span<const std::string_view> words) {
  const ConnectorTest connectors(connectors_);
  std::string_view start;
  bool have_start = false;
  std::size_t between_begin = 0;  // words[between_begin, i) are the connectors after `start`
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (!connectors.contains(word)) {
      bump(word);
      if (have_start) {
        const auto between = words.subspan(between_begin, i - between_begin);
        join(key_, opts_.delimiter, start, between, word);
        bump(key_);
        const auto has_delimiter = [&](std::string_view w) { return w.find(opts_.delimiter) != std::string_view::npos; };
        if (has_delimiter(start) || has_delimiter(word) || std::any_of(between.begin(), between.end(), has_delimiter)) {
          structure_key(key_, start, between, word);
          if (!candidates_.contains(key_)) candidates_.emplace(key_);
        }
      }
      start = word;
      have_start = true;
      between_begin = i + 1;
    }
    ++corpus_words_;
  }
  if (vocab_->size() > opts_.max_vocab_size) {
    // gensim's prune_vocab: keep entries whose count is at least min_reduce.
    vocab_->prune(min_reduce_);
    ++min_reduce_;
    // Candidates whose joined text was dropped can no longer score (gensim: count 0).
    std::string joined;
    std::erase_if(candidates_, [&](const std::string& k) {
      const std::vector<std::string> w = structure_words(k);
      const std::vector<std::string_view> between(w.begin() + 1, w.end() - 1);
      join(joined, opts_.delimiter, w.front(), between, w.back());
      return vocab_->count(joined) == 0;
    });
  }
}

std::uint64_t PhrasesLearner::count(std::string_view key) const {
  return vocab_->count(key);
}

bool PhrasesLearner::score(std::string_view a, std::string_view b, std::span<const std::string_view> between,
                           std::string& phrase, double& score_out) const {
  const std::uint64_t ca = count(a);
  if (ca == 0) return false;
  const std::uint64_t cb = count(b);
  if (cb == 0) return false;
  join(phrase, opts_.delimiter, a, between, b);
  const std::uint64_t cab = count(phrase);
  if (cab == 0) return false;
  const double s = score_of(opts_, ca, cb, cab, vocab_->size(), corpus_words_);
  if (!(s > opts_.threshold)) return false;
  score_out = s;
  return true;
}

void PhrasesLearner::apply(std::span<const std::string_view> sentence, std::vector<std::string>& out) const {
  out.clear();
  double unused = 0;
  analyze(
      sentence, ConnectorTest(connectors_),
      [&](std::string_view a, std::string_view b, std::span<const std::string_view> between, std::string& phrase) {
        return score(a, b, between, phrase, unused);
      },
      [&](std::string_view token) { out.emplace_back(token); });
}

std::vector<ScoredPhrase> PhrasesLearner::export_phrases() const {
  std::vector<ScoredPhrase> out;
  std::string phrase;
  auto consider = [&](std::vector<std::string_view>& parts) {
    const std::span<const std::string_view> between = std::span<const std::string_view>(parts).subspan(1, parts.size() - 2);
    double s = 0;
    if (score(parts.front(), parts.back(), between, phrase, s))
      out.push_back({std::vector<std::string>(parts.begin(), parts.end()), phrase, s});
  };
  std::vector<std::string_view> parts;
  const std::string_view delim = opts_.delimiter;
  for (const std::string_view key : vocab_->table.terms()) {
    // Python's str.split(delimiter): every occurrence splits, empty parts included.
    parts.clear();
    std::size_t pos = 0;
    for (std::size_t hit; (hit = key.find(delim, pos)) != std::string::npos; pos = hit + delim.size())
      parts.push_back(key.substr(pos, hit - pos));
    parts.push_back(key.substr(pos));
    if (parts.size() >= 2) consider(parts);
  }
  for (const std::string& key : candidates_) {
    const std::vector<std::string> words = structure_words(key);
    parts.assign(words.begin(), words.end());
    consider(parts);
  }
  std::sort(out.begin(), out.end(), [](const ScoredPhrase& x, const ScoredPhrase& y) {
    return x.phrase != y.phrase ? x.phrase < y.phrase : x.words < y.words;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const ScoredPhrase& x, const ScoredPhrase& y) { return x.words == y.words; }),
            out.end());
  return out;
}

PhraseModel PhrasesLearner::freeze() const { return PhraseModel(opts_, export_phrases()); }

PhraseModel::PhraseModel(PhrasesOptions opts, std::vector<ScoredPhrase> phrases)
    : opts_(std::move(opts)), phrases_(std::move(phrases)) {
  check_options(opts_);
  connectors_ = connector_set<decltype(connectors_)>(opts_.connector_words);
  index_.reserve(phrases_.size());
  std::string key;
  for (ScoredPhrase& p : phrases_) {
    if (p.words.size() < 2) throw UsageError(fmt::format("phrases: the phrase {:?} has fewer than two words", p.phrase));
    const std::vector<std::string_view> between(p.words.begin() + 1, p.words.end() - 1);
    join(p.phrase, opts_.delimiter, p.words.front(), between, p.words.back());
    structure_key(key, p.words.front(), between, p.words.back());
    if (!index_.emplace(key, p.score).second)
      throw UsageError(fmt::format("phrases: the phrase {:?} is listed twice", p.phrase));
  }
}

void PhraseModel::apply(std::span<const std::string_view> sentence, std::vector<std::string>& out) const {
  out.clear();
  std::string key;
  analyze(
      sentence, ConnectorTest(connectors_),
      [&](std::string_view a, std::string_view b, std::span<const std::string_view> between, std::string& phrase) {
        structure_key(key, a, between, b);
        const auto it = index_.find(std::string_view(key));
        if (it == index_.end() || !(it->second > opts_.threshold)) return false;
        join(phrase, opts_.delimiter, a, between, b);
        return true;
      },
      [&](std::string_view token) { out.emplace_back(token); });
}

std::string phrase_models_to_json(std::span<const PhraseModel> layers, std::string_view pipeline_json) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.SetMaxDecimalPlaces(324);
  modelfile::begin_header(w, "nlp.phrases", kFormatVersion);
  w.Key("pipeline");
  w.RawValue(pipeline_json.data(), pipeline_json.size(), rapidjson::kObjectType);
  w.Key("layers");
  w.StartArray();
  for (const PhraseModel& m : layers) {
    const PhrasesOptions& o = m.options();
    w.StartObject();
    w.Key("options");
    w.StartObject();
    w.Key("min_count");
    w.Uint64(o.min_count);
    w.Key("threshold");
    w.Double(o.threshold);
    w.Key("scoring");
    w.String(to_string(o.scoring));
    w.Key("delimiter");
    w.String(o.delimiter.data(), static_cast<rapidjson::SizeType>(o.delimiter.size()));
    w.Key("max_vocab_size");
    w.Uint64(o.max_vocab_size);
    w.Key("connector_words");
    w.StartArray();
    for (const auto& c : o.connector_words) w.String(c.data(), static_cast<rapidjson::SizeType>(c.size()));
    w.EndArray();
    w.EndObject();
    w.Key("phrases");
    w.StartArray();
    for (const ScoredPhrase& p : m.phrases()) {
      w.StartArray();
      w.StartArray();
      for (const std::string& word : p.words) w.String(word.data(), static_cast<rapidjson::SizeType>(word.size()));
      w.EndArray();
      w.Double(p.score);
      w.EndArray();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

std::vector<PhraseModel> phrase_models_from_json(std::string_view text, const std::string& name,
                                                 std::string& pipeline_json) {
  auto fail = [&](const std::string& what) -> void { throw FormatError(fmt::format("{}: {}", name, what)); };
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (doc.HasParseError())
    fail(fmt::format("byte {}: not valid JSON: {}", doc.GetErrorOffset(), rapidjson::GetParseError_En(doc.GetParseError())));
  if (!doc.IsObject() || !doc.HasMember("format") || !doc["format"].IsString() ||
      std::string_view(doc["format"].GetString()) != "nlp.phrases")
    fail("not an nlp phrases model (expected \"format\": \"nlp.phrases\"); write one with `nlp phrases --model-out`");
  if (!doc.HasMember("format_version") || !doc["format_version"].IsUint())
    fail("\"format_version\" is missing or not a whole number");
  const unsigned version = doc["format_version"].GetUint();
  if (version == 0 || version > kFormatVersion)
    fail(fmt::format("format version {} is not supported by this build (1..{}); upgrade nlp or recreate the model",
                     version, kFormatVersion));
  if (!doc.HasMember("pipeline") || !doc["pipeline"].IsObject()) fail("\"pipeline\" is missing or not an object");
  {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    w.SetMaxDecimalPlaces(324);
    doc["pipeline"].Accept(w);
    pipeline_json.assign(sb.GetString(), sb.GetSize());
  }
  if (!doc.HasMember("layers") || !doc["layers"].IsArray() || doc["layers"].Empty())
    fail("\"layers\" is missing, not an array, or empty");
  std::vector<PhraseModel> out;
  for (rapidjson::SizeType li = 0; li < doc["layers"].Size(); ++li) {
    const auto& layer = doc["layers"][li];
    const std::string where = fmt::format("layer {}", li + 1);
    if (!layer.IsObject() || !layer.HasMember("options") || !layer["options"].IsObject() ||
        !layer.HasMember("phrases") || !layer["phrases"].IsArray())
      fail(where + ": needs \"options\" (object) and \"phrases\" (array)");
    const auto& o = layer["options"];
    auto member = [&](const char* key) -> const rapidjson::Value& {
      if (!o.HasMember(key)) fail(fmt::format("{}: options.{} is missing", where, key));
      return o[key];
    };
    PhrasesOptions opts;
    if (!member("min_count").IsUint64()) fail(where + ": options.min_count must be a whole number");
    opts.min_count = member("min_count").GetUint64();
    if (!member("threshold").IsNumber()) fail(where + ": options.threshold must be a number");
    opts.threshold = member("threshold").GetDouble();
    if (!member("scoring").IsString()) fail(where + ": options.scoring must be a string");
    if (!member("delimiter").IsString()) fail(where + ": options.delimiter must be a string");
    opts.delimiter = member("delimiter").GetString();
    if (!member("max_vocab_size").IsUint64()) fail(where + ": options.max_vocab_size must be a whole number");
    opts.max_vocab_size = member("max_vocab_size").GetUint64();
    if (!member("connector_words").IsArray()) fail(where + ": options.connector_words must be an array");
    for (const auto& c : member("connector_words").GetArray()) {
      if (!c.IsString()) fail(where + ": options.connector_words must hold strings");
      opts.connector_words.emplace_back(c.GetString(), c.GetStringLength());
    }
    std::vector<ScoredPhrase> phrases;
    phrases.reserve(layer["phrases"].Size());
    for (rapidjson::SizeType i = 0; i < layer["phrases"].Size(); ++i) {
      const auto& p = layer["phrases"][i];
      if (!p.IsArray() || p.Size() != 2 || !p[0].IsArray() || p[0].Size() < 2 || !p[1].IsNumber())
        fail(fmt::format("{}: phrase {} must be [[\"word\", \"word\", ...], score]", where, i + 1));
      ScoredPhrase sp;
      for (const auto& word : p[0].GetArray()) {
        if (!word.IsString()) fail(fmt::format("{}: phrase {} has a word that is not a string", where, i + 1));
        sp.words.emplace_back(word.GetString(), word.GetStringLength());
        if (!utf8::is_valid(sp.words.back())) fail(fmt::format("{}: phrase {} is not valid UTF-8", where, i + 1));
      }
      sp.score = p[1].GetDouble();
      phrases.push_back(std::move(sp));
    }
    try {
      opts.scoring = parse_phrase_scoring(member("scoring").GetString());
      out.emplace_back(std::move(opts), std::move(phrases));
    } catch (const UsageError& e) {
      fail(fmt::format("{}: {}", where, e.what()));
    }
  }
  return out;
}

}  // namespace nlp::ngrams
