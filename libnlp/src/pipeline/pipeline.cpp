#include "nlp/pipeline/pipeline.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "nlp/error.hpp"
#include "nlp/version.hpp"

namespace nlp {

Pipeline::Pipeline(PipelineConfig config)
    : config_(std::move(config)),
      normalizer_(config_.normalize),
      tokenizer_(make_tokenizer(config_.tokenizer)),
      filter_(config_.filters) {
  if (config_.morphology.lemmatize) lemmatizer_ = make_lemmatizer(config_.morphology.lemmatizer);
  if (config_.morphology.stem) stemmer_ = make_stemmer(config_.morphology.stemmer);
}

Pipeline::~Pipeline() = default;

void Pipeline::process(std::string_view text, PipelineScratch& s) const {
  s.buffer.clear();
  const std::string_view norm = normalizer_.normalize(text, s.normalized);
  tokenizer_->tokenize(norm, 0, s.buffer);
  if (!s.normalized.identity()) {
    for (Token& t : s.buffer.tokens) t.source = s.normalized.to_source(t.source.begin, t.source.end);
  }
  filter_.apply(s.buffer);
  if (lemmatizer_ || stemmer_) apply_morphology(s);
}

void Pipeline::apply_morphology(PipelineScratch& s) const {
  if (s.owner != this) {
    s.lemmatizer = lemmatizer_ ? lemmatizer_->clone() : nullptr;
    s.stemmer = stemmer_ ? stemmer_->clone() : nullptr;
    s.owner = this;
  }
  for (Token& t : s.buffer.tokens) {
    std::string_view text = t.text;
    if (s.lemmatizer) text = s.lemmatizer->lemmatize(text, Upos::none);
    if (s.stemmer) text = s.stemmer->stem(text);
    if (text != t.text) t.text = s.buffer.arena.store(text);
  }
}

namespace {

template <class Writer>
void write_config(Writer& w, const PipelineConfig& c) {
  auto str = [&](const char* k, std::string_view v) {
    w.Key(k);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  };
  auto boolean = [&](const char* k, bool v) {
    w.Key(k);
    w.Bool(v);
  };
  auto uint = [&](const char* k, std::uint64_t v) {
    w.Key(k);
    w.Uint64(v);
  };
  w.StartObject();
  str("format", "nlp.pipeline");
  w.Key("format_version");
  w.Int(kPipelineFormatVersion);
  str("producer", fmt::format("nlp {}", kVersion));

  w.Key("normalize");
  w.StartObject();
  str("form", to_string(c.normalize.form));
  str("case", to_string(c.normalize.case_mode));
  str("strip_accents", to_string(c.normalize.strip_accents));
  boolean("whitespace", c.normalize.whitespace);
  w.EndObject();

  const TokenizerOptions& t = c.tokenizer;
  w.Key("tokenizer");
  w.StartObject();
  str("name", t.name);
  str("id", make_tokenizer(t)->id());
  str("lang", t.lang);
  str("pattern", t.pattern);
  boolean("convert_parentheses", t.convert_parentheses);
  w.Key("ngram_range");
  w.StartArray();
  w.Uint64(t.ngram_min);
  w.Uint64(t.ngram_max);
  w.EndArray();
  boolean("char_wb", t.char_wb);
  boolean("split_contractions", t.split_contractions);
  w.EndObject();

  const FilterOptions& f = c.filters;
  w.Key("filters");
  w.StartObject();
  str("contractions", f.expand_contractions ? "expand" : "keep");
  str("urls", to_string(f.urls));
  str("emails", to_string(f.emails));
  str("mentions", to_string(f.mentions));
  str("hashtags", to_string(f.hashtags));
  str("numbers", to_string(f.numbers));
  str("punctuation", f.drop_punctuation ? "drop" : "keep");
  str("symbols", f.drop_symbols ? "drop" : "keep");
  str("special_characters", f.strip_special ? "strip" : "keep");
  str("case", to_string(f.case_mode));
  w.Key("stopwords");
  w.StartObject();
  w.Key("lists");
  w.StartArray();
  for (const auto& l : f.stopword_lists) w.String(l.data(), static_cast<rapidjson::SizeType>(l.size()));
  w.EndArray();
  w.Key("words");
  w.StartArray();
  for (const auto& l : f.stopwords) w.String(l.data(), static_cast<rapidjson::SizeType>(l.size()));
  w.EndArray();
  w.EndObject();
  uint("min_length", f.min_length);
  uint("max_length", f.max_length);
  w.Key("placeholders");
  w.StartObject();
  str("url", f.url_placeholder);
  str("email", f.email_placeholder);
  str("mention", f.mention_placeholder);
  str("hashtag", f.hashtag_placeholder);
  str("number", f.number_placeholder);
  w.EndObject();
  w.EndObject();

  const MorphologyOptions& m = c.morphology;
  w.Key("morphology");
  w.StartObject();
  w.Key("lemmatize");
  if (m.lemmatize) {
    w.StartObject();
    str("lang", m.lemmatizer.lang);
    str("method", m.lemmatizer.method);
    str("model", m.lemmatizer.model);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("stem");
  if (m.stem) {
    w.StartObject();
    str("algorithm", m.stemmer.algorithm);
    str("lang", m.stemmer.lang);
    str("mode", m.stemmer.mode);
    str("compat", m.stemmer.compat);
    str("id", make_stemmer(m.stemmer)->id());
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();

  w.EndObject();
}

using Value = rapidjson::Value;

// Reads members of one JSON object, rejecting unknown ones.
class ObjectReader {
 public:
  ObjectReader(const Value& v, std::string path) : v_(v), path_(std::move(path)) {
    if (!v.IsObject()) throw FormatError(fmt::format("pipeline config: {} must be an object", path_));
  }
  void check_known(std::initializer_list<std::string_view> names) const {
    for (auto it = v_.MemberBegin(); it != v_.MemberEnd(); ++it) {
      const std::string_view k(it->name.GetString(), it->name.GetStringLength());
      if (std::find(names.begin(), names.end(), k) == names.end())
        throw FormatError(fmt::format("pipeline config: unknown member {}.{}", path_, k));
    }
  }
  const Value* get(const char* k) const {
    const auto it = v_.FindMember(k);
    return it == v_.MemberEnd() ? nullptr : &it->value;
  }
  void string(const char* k, std::string& out) const {
    if (const Value* m = get(k)) {
      if (!m->IsString()) throw type_error(k, "a string");
      out.assign(m->GetString(), m->GetStringLength());
    }
  }
  template <class E, class Parse>
  void enumeration(const char* k, E& out, Parse parse) const {
    std::string s;
    string(k, s);
    if (!get(k)) return;
    try {
      out = parse(s);
    } catch (const UsageError& e) {
      throw FormatError(fmt::format("pipeline config: {}.{}: {}", path_, k, e.what()));
    }
  }
  void boolean(const char* k, bool& out) const {
    if (const Value* m = get(k)) {
      if (!m->IsBool()) throw type_error(k, "true or false");
      out = m->GetBool();
    }
  }
  void size(const char* k, std::size_t& out) const {
    if (const Value* m = get(k)) {
      if (!m->IsUint64()) throw type_error(k, "a non-negative integer");
      out = static_cast<std::size_t>(m->GetUint64());
    }
  }
  void choice(const char* k, bool& out, const char* yes, const char* no) const {
    std::string s;
    string(k, s);
    if (!get(k)) return;
    if (s == yes) out = true;
    else if (s == no) out = false;
    else throw FormatError(fmt::format("pipeline config: {}.{} must be \"{}\" or \"{}\"", path_, k, yes, no));
  }
  void strings(const char* k, std::vector<std::string>& out) const {
    if (const Value* m = get(k)) {
      if (!m->IsArray()) throw type_error(k, "an array of strings");
      out.clear();
      for (const auto& e : m->GetArray()) {
        if (!e.IsString()) throw type_error(k, "an array of strings");
        out.emplace_back(e.GetString(), e.GetStringLength());
      }
    }
  }
  FormatError type_error(const char* k, const char* what) const {
    return FormatError(fmt::format("pipeline config: {}.{} must be {}", path_, k, what));
  }
  std::string child(const char* k) const { return path_ + "." + k; }

 private:
  const Value& v_;
  std::string path_;
};

// An "id" stored with a configuration must be the id this build gives for the same options:
// the same id promises the same output.
template <class Make>
void check_id(const std::string& id, const char* member, const char* what, Make make) {
  if (id.empty()) return;
  std::string actual;
  try {
    actual = make();
  } catch (const UsageError& e) {
    throw FormatError(fmt::format("pipeline config: {}: {}", member, e.what()));
  }
  if (actual != id)
    throw FormatError(fmt::format(
        "pipeline config: {} id {:?} was used to write it, this build has {:?}; its output may differ",
        what, id, actual));
}

}  // namespace

std::string PipelineConfig::to_json(bool pretty) const {
  rapidjson::StringBuffer sb;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
    w.SetIndent(' ', 2);
    write_config(w, *this);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    write_config(w, *this);
  }
  return std::string(sb.GetString(), sb.GetSize());
}

PipelineConfig PipelineConfig::from_json(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
  if (doc.HasParseError())
    throw FormatError(fmt::format("pipeline config: invalid JSON at byte {}: {}", doc.GetErrorOffset(),
                                  rapidjson::GetParseError_En(doc.GetParseError())));
  PipelineConfig c;
  const ObjectReader root(doc, "config");
  root.check_known(
      {"format", "format_version", "producer", "normalize", "tokenizer", "filters", "morphology"});
  std::string format = "nlp.pipeline";
  root.string("format", format);
  if (format != "nlp.pipeline")
    throw FormatError(fmt::format("pipeline config: format is {:?}, expected \"nlp.pipeline\"", format));
  if (const Value* v = root.get("format_version")) {
    if (!v->IsInt()) throw root.type_error("format_version", "an integer");
    if (v->GetInt() > kPipelineFormatVersion || v->GetInt() < 1)
      throw FormatError(fmt::format(
          "pipeline config: format version {} is not supported by this build (1..{}); upgrade nlp",
          v->GetInt(), kPipelineFormatVersion));
  }
  if (const Value* v = root.get("normalize")) {
    const ObjectReader r(*v, "normalize");
    r.check_known({"form", "case", "strip_accents", "whitespace"});
    r.enumeration("form", c.normalize.form, parse_unicode_form);
    r.enumeration("case", c.normalize.case_mode, parse_case_mode);
    r.enumeration("strip_accents", c.normalize.strip_accents, parse_accent_mode);
    r.boolean("whitespace", c.normalize.whitespace);
  }
  if (const Value* v = root.get("tokenizer")) {
    const ObjectReader r(*v, "tokenizer");
    r.check_known({"name", "id", "lang", "pattern", "convert_parentheses", "ngram_range", "char_wb",
                   "split_contractions"});
    r.string("name", c.tokenizer.name);
    r.string("lang", c.tokenizer.lang);
    r.string("pattern", c.tokenizer.pattern);
    r.boolean("convert_parentheses", c.tokenizer.convert_parentheses);
    r.boolean("char_wb", c.tokenizer.char_wb);
    r.boolean("split_contractions", c.tokenizer.split_contractions);
    if (const Value* ng = r.get("ngram_range")) {
      if (!ng->IsArray() || ng->Size() != 2 || !(*ng)[0].IsUint64() || !(*ng)[1].IsUint64())
        throw r.type_error("ngram_range", "[min, max]");
      c.tokenizer.ngram_min = static_cast<std::size_t>((*ng)[0].GetUint64());
      c.tokenizer.ngram_max = static_cast<std::size_t>((*ng)[1].GetUint64());
    }
    std::string id;
    r.string("id", id);
    check_id(id, "tokenizer", "tokenizer", [&] { return std::string(make_tokenizer(c.tokenizer)->id()); });
  }
  if (const Value* v = root.get("filters")) {
    const ObjectReader r(*v, "filters");
    FilterOptions& f = c.filters;
    r.check_known({"contractions", "urls", "emails", "mentions", "hashtags", "numbers", "punctuation",
                   "symbols", "special_characters", "case", "stopwords", "min_length", "max_length",
                   "placeholders"});
    r.choice("contractions", f.expand_contractions, "expand", "keep");
    r.enumeration("urls", f.urls, parse_kind_action);
    r.enumeration("emails", f.emails, parse_kind_action);
    r.enumeration("mentions", f.mentions, parse_kind_action);
    r.enumeration("hashtags", f.hashtags, parse_kind_action);
    r.enumeration("numbers", f.numbers, parse_kind_action);
    r.choice("punctuation", f.drop_punctuation, "drop", "keep");
    r.choice("symbols", f.drop_symbols, "drop", "keep");
    r.choice("special_characters", f.strip_special, "strip", "keep");
    r.enumeration("case", f.case_mode, parse_case_mode);
    if (const Value* sw = r.get("stopwords")) {
      const ObjectReader s(*sw, "filters.stopwords");
      s.check_known({"lists", "words"});
      s.strings("lists", f.stopword_lists);
      s.strings("words", f.stopwords);
    }
    r.size("min_length", f.min_length);
    r.size("max_length", f.max_length);
    if (const Value* ph = r.get("placeholders")) {
      const ObjectReader p(*ph, "filters.placeholders");
      p.check_known({"url", "email", "mention", "hashtag", "number"});
      p.string("url", f.url_placeholder);
      p.string("email", f.email_placeholder);
      p.string("mention", f.mention_placeholder);
      p.string("hashtag", f.hashtag_placeholder);
      p.string("number", f.number_placeholder);
    }
  }
  if (const Value* v = root.get("morphology")) {
    const ObjectReader r(*v, "morphology");
    r.check_known({"lemmatize", "stem"});
    MorphologyOptions& m = c.morphology;
    if (const Value* l = r.get("lemmatize"); l && !l->IsNull()) {
      const ObjectReader lr(*l, "morphology.lemmatize");
      lr.check_known({"lang", "method", "model"});
      m.lemmatize = true;
      lr.string("lang", m.lemmatizer.lang);
      lr.string("method", m.lemmatizer.method);
      lr.string("model", m.lemmatizer.model);
    }
    if (const Value* st = r.get("stem"); st && !st->IsNull()) {
      const ObjectReader sr(*st, "morphology.stem");
      sr.check_known({"algorithm", "lang", "mode", "compat", "id"});
      m.stem = true;
      sr.string("algorithm", m.stemmer.algorithm);
      sr.string("lang", m.stemmer.lang);
      sr.string("mode", m.stemmer.mode);
      sr.string("compat", m.stemmer.compat);
      std::string id;
      sr.string("id", id);
      check_id(id, "morphology.stem", "stemmer", [&] { return make_stemmer(m.stemmer)->id(); });
    }
  }
  return c;
}

}  // namespace nlp
