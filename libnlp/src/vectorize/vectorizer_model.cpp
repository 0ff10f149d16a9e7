// The nlp.vectorizer file format (docs/formats/vectorizer-model.md): a fitted Vectorizer's
// options, vocabulary and document frequencies.
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/vectorize/vectorizer.hpp"
#include "util/model_file.hpp"

namespace nlp {
namespace {

constexpr std::uint32_t kFormatVersion = 1;
const modelfile::ModelFileKind kKind{"NLPVECTZ", kFormatVersion, "vectorizer model",
                                     "fit one with `nlp vectorize count|tfidf|hashing --model-out FILE`"};

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// scikit-learn's convention, kept by JSON: an integer is a number of documents, a number with a
// fraction part or exponent is a proportion.
void write_df(Writer& w, const DfBound& b) {
  if (b.proportion) w.Double(b.value);
  else w.Uint64(static_cast<std::uint64_t>(b.value));
}

std::string header_json(const Vectorizer& v) {
  const VectorizerOptions& o = v.options();
  rapidjson::StringBuffer sb;
  Writer w(sb);
  modelfile::begin_header(w, "nlp.vectorizer", kFormatVersion);
  w.Key("kind");
  w.String(to_string(o.kind));
  w.Key("options");
  w.StartObject();
  w.Key("analyzer");
  w.String(to_string(o.analyzer));
  w.Key("ngram_range");
  w.StartArray();
  w.Uint64(o.ngram_min);
  w.Uint64(o.ngram_max);
  w.EndArray();
  w.Key("lowercase");
  w.Bool(o.lowercase);
  w.Key("strip_accents");
  w.String(to_string(o.strip_accents));
  w.Key("token_pattern");
  write_string(w, o.token_pattern);
  w.Key("stop_words");
  w.StartArray();
  for (const std::string& s : o.stop_words) write_string(w, s);
  w.EndArray();
  w.Key("min_df");
  write_df(w, o.min_df);
  w.Key("max_df");
  write_df(w, o.max_df);
  w.Key("max_features");
  if (o.max_features) w.Uint64(*o.max_features);
  else w.Null();
  w.Key("vocabulary_given");
  w.Bool(!o.vocabulary.empty());
  w.Key("binary");
  w.Bool(o.binary);
  w.Key("norm");
  w.String(to_string(o.norm));
  w.Key("use_idf");
  w.Bool(o.use_idf);
  w.Key("smooth_idf");
  w.Bool(o.smooth_idf);
  w.Key("sublinear_tf");
  w.Bool(o.sublinear_tf);
  w.Key("n_features");
  w.Uint(o.n_features);
  w.Key("alternate_sign");
  w.Bool(o.alternate_sign);
  w.EndObject();
  w.Key("counts");
  w.StartObject();
  w.Key("documents");
  w.Uint64(v.fit_documents());
  w.Key("terms");
  w.Uint64(v.vocabulary().size());
  w.EndObject();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

// Reads the "options" object back; every failure names the header offset.
class OptionReader {
 public:
  OptionReader(const modelfile::Cursor& c, std::size_t at, const rapidjson::Value& obj)
      : c_(c), at_(at), obj_(obj) {
    if (!obj.IsObject()) c_.fail(at_, "header \"options\" is not an object");
  }
  const rapidjson::Value& get(const char* key) const {
    return modelfile::header_field(c_, at_, obj_, key);
  }
  [[noreturn]] void bad(const char* key, const char* expected) const {
    c_.fail(at_, fmt::format("header \"options.{}\" must be {}", key, expected));
  }
  bool boolean(const char* key) const {
    const auto& v = get(key);
    if (!v.IsBool()) bad(key, "true or false");
    return v.GetBool();
  }
  std::string string(const char* key) const {
    const auto& v = get(key);
    if (!v.IsString()) bad(key, "a string");
    return {v.GetString(), v.GetStringLength()};
  }
  std::uint64_t uint(const char* key) const {
    const auto& v = get(key);
    if (!v.IsUint64()) bad(key, "a non-negative integer");
    return v.GetUint64();
  }
  DfBound df(const char* key) const {
    const auto& v = get(key);
    if (v.IsUint64()) return DfBound::count(v.GetUint64());
    if (v.IsDouble() && v.GetDouble() >= 0.0 && v.GetDouble() <= 1.0)
      return DfBound::fraction(v.GetDouble());
    bad(key, "a document count (integer) or a proportion in [0, 1] (with a decimal point)");
  }
  // A parse_* function's UsageError becomes a format error at the header.
  template <typename Parse>
  auto named(const char* key, Parse&& parse) const {
    const std::string s = string(key);
    try {
      return parse(s);
    } catch (const UsageError& e) {
      c_.fail(at_, fmt::format("header \"options.{}\": {}", key, e.what()));
    }
  }

 private:
  const modelfile::Cursor& c_;
  std::size_t at_;
  const rapidjson::Value& obj_;
};

}  // namespace

std::string Vectorizer::serialize() const {
  if (!fitted() && options().kind != VectorizerKind::hashing)
    throw UsageError("vectorizer: only a fitted vectorizer can be saved; call fit() first");
  const auto terms = vocabulary();
  const auto df = document_frequencies();
  modelfile::ByteWriter payload;
  payload.u64(terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    payload.str(terms[i]);
    payload.u64(df[i]);
  }
  return modelfile::assemble_model_file(kKind, header_json(*this), payload.buf);
}

void Vectorizer::save(const std::string& path) const {
  modelfile::write_file_atomically(path, serialize(), kKind.noun);
}

Vectorizer Vectorizer::load(const std::string& path) {
  return deserialize(modelfile::read_whole_file(path, kKind.noun), path);
}

Vectorizer Vectorizer::deserialize(std::string_view bytes, const std::string& name) {
  modelfile::Cursor c(bytes, name);
  const modelfile::ModelHeader h = modelfile::open_model_file(c, "nlp.vectorizer", kKind);
  auto field = [&](const rapidjson::Value& obj, const char* key) -> const rapidjson::Value& {
    return modelfile::header_field(c, h.at, obj, key);
  };
  VectorizerOptions o;
  const auto& kind = field(h.json, "kind");
  if (!kind.IsString()) c.fail(h.at, "header \"kind\" must be a string");
  try {
    o.kind = parse_vectorizer_kind(kind.GetString());
  } catch (const UsageError& e) {
    c.fail(h.at, fmt::format("header \"kind\": {}", e.what()));
  }
  const OptionReader r(c, h.at, field(h.json, "options"));
  o.analyzer = r.named("analyzer", [](const std::string& s) { return parse_analyzer(s); });
  const auto& range = r.get("ngram_range");
  if (!range.IsArray() || range.Size() != 2 || !range[0].IsUint64() || !range[1].IsUint64())
    r.bad("ngram_range", "[MIN, MAX]");
  o.ngram_min = static_cast<std::size_t>(range[0].GetUint64());
  o.ngram_max = static_cast<std::size_t>(range[1].GetUint64());
  o.lowercase = r.boolean("lowercase");
  o.strip_accents = r.named("strip_accents", [](const std::string& s) { return parse_accent_mode(s); });
  o.token_pattern = r.string("token_pattern");
  const auto& stop = r.get("stop_words");
  if (!stop.IsArray()) r.bad("stop_words", "an array of strings");
  for (const auto& w : stop.GetArray()) {
    if (!w.IsString()) r.bad("stop_words", "an array of strings");
    o.stop_words.emplace_back(w.GetString(), w.GetStringLength());
  }
  o.min_df = r.df("min_df");
  o.max_df = r.df("max_df");
  if (!r.get("max_features").IsNull()) o.max_features = static_cast<std::size_t>(r.uint("max_features"));
  const bool vocabulary_given = r.boolean("vocabulary_given");
  o.binary = r.boolean("binary");
  o.norm = r.named("norm", [](const std::string& s) { return parse_vector_norm(s); });
  o.use_idf = r.boolean("use_idf");
  o.smooth_idf = r.boolean("smooth_idf");
  o.sublinear_tf = r.boolean("sublinear_tf");
  const std::uint64_t n_features = r.uint("n_features");
  if (n_features == 0 || n_features > 0x7fffffffu) r.bad("n_features", "1..2147483647");
  o.n_features = static_cast<std::uint32_t>(n_features);
  o.alternate_sign = r.boolean("alternate_sign");
  const auto& counts = field(h.json, "counts");
  const auto& n_docs = field(counts, "documents");
  const auto& n_terms = field(counts, "terms");
  if (!n_docs.IsUint64() || !n_terms.IsUint64())
    c.fail(h.at, "header \"counts.documents\" and \"counts.terms\" must be non-negative integers");

  const std::size_t terms_at = c.pos();
  const std::uint64_t n = c.u64("the number of terms");
  if (n != n_terms.GetUint64())
    c.fail(terms_at, fmt::format("{} terms but the header says {}", n, n_terms.GetUint64()));
  // Each term takes at least 12 bytes: do not trust a corrupt count with a huge reservation.
  if (n > c.left() / 12)
    c.fail(terms_at, fmt::format("file is truncated: {} terms need at least {} bytes but only {} "
                                 "remain",
                                 n, n * 12, c.left()));
  if (o.kind == VectorizerKind::hashing && n != 0)
    c.fail(terms_at, "a hashing vectorizer has no vocabulary, but the file lists terms");
  if (o.kind != VectorizerKind::hashing && n == 0)
    c.fail(terms_at, "the vocabulary is empty");
  std::vector<std::string> terms;
  std::vector<std::uint64_t> df;
  terms.reserve(static_cast<std::size_t>(n));
  df.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t i = 0; i < n; ++i) {
    terms.emplace_back(c.str("a term"));
    const std::size_t df_at = c.pos();
    df.push_back(c.u64("a document frequency"));
    if (df.back() > n_docs.GetUint64())
      c.fail(df_at, fmt::format("the document frequency of {:?} is {}, more than the {} documents",
                                terms.back(), df.back(), n_docs.GetUint64()));
  }
  modelfile::finish_model_file(c, kKind);
  if (vocabulary_given) o.vocabulary = terms;
  try {
    Vectorizer v(std::move(o));
    v.restore(std::move(terms), std::move(df), n_docs.GetUint64());
    return v;
  } catch (const UsageError& e) {
    c.fail(h.at, fmt::format("the stored options or vocabulary are invalid: {}", e.what()));
  }
}

}  // namespace nlp
