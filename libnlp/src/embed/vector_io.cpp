// Word vector files (docs/formats/word-vectors.md): word2vec text and binary, GloVe text and the
// nlp container.
#include "nlp/embed/vector_io.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>
#include <span>
#include <charconv>
#include <cstring>

#include "nlp/error.hpp"
#include "nlp/text/utf8.hpp"
#include "util/model_file.hpp"

namespace nlp::embed {
namespace {

constexpr std::uint32_t kFormatVersion = 1;
const modelfile::ModelFileKind kKind{"NLPWVECS", kFormatVersion, "word vectors",
                                     "train some with `nlp train word2vec` or convert a file with `nlp vectors convert`"};

const modelfile::ModelFileKind kSubwordKind{"NLPSUBWV", kFormatVersion, "subword model",
                                            "train one with `nlp train fasttext`"};

[[noreturn]] void fail_at(const std::string& name, std::string_view bytes, std::size_t at, const std::string& what) {
  const auto line = static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  const std::size_t start = at == 0 ? 0 : bytes.rfind('\n', at - 1);
  const std::size_t from = start == std::string_view::npos ? 0 : start + 1;
  const std::string_view before = bytes.substr(from, at - from);
  const std::uint64_t column = utf8::is_valid(before) ? utf8::count_code_points(before) + 1 : 0;
  throw FormatError(fmt::format("{}: {}", to_string(SourcePos{name, line, column, at}), what));
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

// The "WORDS DIM" header line of bytes (ending at *end, after its '\n'), if there is one.
std::optional<std::pair<std::uint64_t, std::uint64_t>> header_of(std::string_view bytes, std::size_t* end) {
  const std::size_t nl = bytes.find('\n');
  const std::string_view line = bytes.substr(0, nl);
  std::uint64_t v[2];
  std::size_t pos = 0;
  for (std::uint64_t& x : v) {
    while (pos < line.size() && is_blank(line[pos])) ++pos;
    const auto [p, ec] = std::from_chars(line.data() + pos, line.data() + line.size(), x);
    if (ec != std::errc() || p == line.data() + pos) return std::nullopt;
    pos = static_cast<std::size_t>(p - line.data());
  }
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  if (pos != line.size()) return std::nullopt;
  if (end) *end = nl == std::string_view::npos ? bytes.size() : nl + 1;
  return std::pair{v[0], v[1]};
}

// One text record "word v1 ... vDIM" (fields separated by single spaces, trailing whitespace
// ignored) starting at bytes[pos]; appends the word and values and returns the next line's start.
std::size_t text_record(std::string_view bytes, std::size_t pos, const std::string& name, std::size_t dim,
                        std::vector<std::string>& words, std::vector<float>& values) {
  std::size_t end = bytes.find('\n', pos);
  const std::size_t next = end == std::string_view::npos ? bytes.size() : end + 1;
  if (end == std::string_view::npos) end = bytes.size();
  while (end > pos && is_blank(bytes[end - 1])) --end;
  const std::string_view line = bytes.substr(pos, end - pos);
  const std::size_t word_end = line.find(' ');
  if (word_end == 0 || line.empty()) fail_at(name, bytes, pos, "expected a word followed by its values; found an empty word or line");
  if (word_end == std::string_view::npos)
    fail_at(name, bytes, pos, fmt::format("expected a word followed by {} values; found only a word", dim));
  words.emplace_back(line.substr(0, word_end));
  std::size_t at = word_end + 1, count = 0;
  while (at <= line.size()) {
    std::size_t field_end = line.find(' ', at);
    if (field_end == std::string_view::npos) field_end = line.size();
    float x = 0;
    const auto [p, ec] = std::from_chars(line.data() + at, line.data() + field_end, x);
    if (ec != std::errc() || p != line.data() + field_end || field_end == at)
      fail_at(name, bytes, pos + at, fmt::format("expected a number (value {} of {}); found {:?}", count + 1, dim,
                                                 std::string(line.substr(at, field_end - at))));
    if (++count > dim) fail_at(name, bytes, pos + at, fmt::format("more than the {} values of each vector", dim));
    values.push_back(x);
    at = field_end + 1;
  }
  if (count != dim) fail_at(name, bytes, pos + line.size(), fmt::format("expected {} values; found {}", dim, count));
  return next;
}

void check_text_utf8(std::string_view bytes, const std::string& name) {
  if (const std::size_t bad = utf8::find_invalid(bytes); bad != std::string_view::npos)
    fail_at(name, bytes, bad, "invalid UTF-8 sequence " + utf8::hex_bytes(bytes, bad) + "; words must be UTF-8");
}

void check_size(std::uint64_t n, std::uint64_t dim, const std::string& name, std::size_t bytes) {
  if (dim == 0 || dim > 100000) throw FormatError(fmt::format("{}: the header's dimension {} is not in 1..100000", name, dim));
  // Each record takes at least two bytes a value (binary: four): a header promising more than the
  // file can hold is truncation or a wrong header, not a reason to reserve memory.
  if (n > bytes / (2 * dim + 2) + 1)
    throw FormatError(fmt::format("{}: the header promises {} vectors of dimension {}, more than the file's {} "
                                  "bytes can hold; the file is truncated or its header is wrong",
                                  name, n, dim, bytes));
}

// The "WORDS DIM" header of a word2vec file, checked against the file's size; pos is set to
// the first record.
std::pair<std::uint64_t, std::uint64_t> checked_header(std::string_view bytes, const std::string& name,
                                                       std::size_t& pos) {
  const auto header = header_of(bytes, &pos);
  if (!header) fail_at(name, bytes, 0, "expected a header line \"WORDS DIM\" (two whole numbers)");
  check_size(header->first, header->second, name, bytes.size());
  return *header;
}

WordVectors parse_word2vec_text(std::string_view bytes, const std::string& name) {
  check_text_utf8(bytes, name);
  std::size_t pos = 0;
  const auto [n, dim] = checked_header(bytes, name, pos);
  std::vector<std::string> words;
  std::vector<float> values;
  words.reserve(n);
  values.reserve(n * dim);
  for (std::uint64_t i = 0; i < n; ++i) {
    if (pos >= bytes.size())
      fail_at(name, bytes, pos, fmt::format("unexpected end of file after {} of the {} vectors the header promises", i, n));
    pos = text_record(bytes, pos, name, dim, words, values);
  }
  while (pos < bytes.size() && is_blank(bytes[pos])) ++pos;
  if (pos < bytes.size()) fail_at(name, bytes, pos, fmt::format("more lines than the {} vectors the header promises", n));
  return WordVectors(std::move(words), dim, std::move(values));
}

WordVectors parse_glove(std::string_view bytes, const std::string& name) {
  check_text_utf8(bytes, name);
  const std::size_t first_end = std::min(bytes.find('\n'), bytes.size());
  std::string_view first = bytes.substr(0, first_end);
  while (!first.empty() && is_blank(first.back())) first.remove_suffix(1);
  const auto fields = static_cast<std::size_t>(std::count(first.begin(), first.end(), ' ')) + 1;
  if (first.empty() || fields < 2) fail_at(name, bytes, 0, "expected a line \"word v1 ... vDIM\"");
  const std::size_t dim = fields - 1;
  std::vector<std::string> words;
  std::vector<float> values;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t p = pos;
    while (p < bytes.size() && is_blank(bytes[p]) && bytes[p] != '\n') ++p;
    if (p < bytes.size() && bytes[p] == '\n' && p + 1 >= bytes.size()) break;  // a final empty line
    pos = text_record(bytes, pos, name, dim, words, values);
  }
  return WordVectors(std::move(words), dim, std::move(values));
}

WordVectors parse_word2vec_binary(std::string_view bytes, const std::string& name) {
  std::size_t pos = 0;
  const auto [n, dim] = checked_header(bytes, name, pos);
  std::vector<std::string> words;
  std::vector<float> values(n * dim);
  words.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    while (pos < bytes.size() && bytes[pos] == '\n') ++pos;  // the newline after the previous vector
    const std::size_t space = bytes.find(' ', pos);
    if (space == std::string_view::npos)
      throw FormatError(fmt::format("{}: byte {}: unexpected end of file in word {} of {}; the file is truncated", name,
                                    pos, i + 1, n));
    const std::string_view word = bytes.substr(pos, space - pos);
    if (word.empty()) throw FormatError(fmt::format("{}: byte {}: word {} is empty", name, pos, i + 1));
    if (const std::size_t bad = utf8::find_invalid(word); bad != std::string_view::npos)
      throw FormatError(fmt::format("{}: byte {}: word {} is not valid UTF-8 (bytes {}); is this really the binary format?",
                                    name, pos + bad, i + 1, utf8::hex_bytes(word, bad)));
    words.emplace_back(word);
    pos = space + 1;
    if (bytes.size() - pos < 4 * dim)
      throw FormatError(fmt::format("{}: byte {}: unexpected end of file in the vector of {:?} (word {} of {}); the "
                                    "file is truncated",
                                    name, bytes.size(), std::string(word), i + 1, n));
    for (std::size_t j = 0; j < dim; ++j) {
      std::uint32_t bits;
      std::memcpy(&bits, bytes.data() + pos + 4 * j, 4);
      if constexpr (std::endian::native == std::endian::big) bits = __builtin_bswap32(bits);
      values[i * dim + j] = std::bit_cast<float>(bits);
      if (!std::isfinite(values[i * dim + j]))
        throw FormatError(fmt::format("{}: byte {}: value {} of {:?} is not a finite number", name, pos + 4 * j, j + 1,
                                      std::string(word)));
    }
    pos += 4 * dim;
  }
  while (pos < bytes.size() && is_blank(bytes[pos])) ++pos;
  if (pos < bytes.size())
    throw FormatError(fmt::format("{}: byte {}: data after the {} vectors the header promises", name, pos, n));
  return WordVectors(std::move(words), dim, std::move(values));
}

std::string info_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return {sb.GetString(), sb.GetSize()};
}

// The nlp containers: word vectors, or (`model` given) a subword model, whose header also has
// "minn", "maxn" and "buckets" and whose payload ends with the bucket rows.
WordVectors parse_nlp(std::string_view bytes, const std::string& name, std::string* info, SubwordModel* model = nullptr) {
  modelfile::Cursor c(bytes, name);
  const bool subword = bytes.starts_with(kSubwordKind.magic);
  const modelfile::ModelFileKind& kind = subword ? kSubwordKind : kKind;
  const modelfile::ModelHeader h =
      modelfile::open_model_file(c, subword ? "nlp.subword_vectors" : "nlp.word_vectors", kind);
  const auto& n_value = modelfile::header_field(c, h.at, h.json, "words");
  const auto& dim_value = modelfile::header_field(c, h.at, h.json, "dim");
  const auto& info_value = modelfile::header_field(c, h.at, h.json, "info");
  if (!n_value.IsUint64() || !dim_value.IsUint64() || !info_value.IsObject())
    c.fail(h.at, "header \"words\" and \"dim\" must be whole numbers and \"info\" an object");
  const std::uint64_t n = n_value.GetUint64(), dim = dim_value.GetUint64();
  if (dim == 0 || dim > 100000) c.fail(h.at, fmt::format("header \"dim\" {} is not in 1..100000", dim));
  if (n > c.left() / (4 * dim + 4)) c.fail(c.pos(), fmt::format("the file is too short for {} vectors of dimension {}", n, dim));
  std::vector<std::string> words;
  words.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) words.emplace_back(c.str("a word"));
  const auto floats = [&](std::vector<float>& out, std::size_t count) {
    if (count > c.left() / 4) c.fail(c.pos(), fmt::format("the file is too short for {} more values", count));
    out.resize(count);
    for (float& x : out) {
      const std::size_t at = c.pos();
      x = std::bit_cast<float>(c.u32("a vector value"));
      if (!std::isfinite(x)) c.fail(at, "a vector value is not a finite number");
    }
  };
  std::vector<float> values;
  floats(values, n * dim);
  if (subword) {
    const auto& minn = modelfile::header_field(c, h.at, h.json, "minn");
    const auto& maxn = modelfile::header_field(c, h.at, h.json, "maxn");
    const auto& buckets = modelfile::header_field(c, h.at, h.json, "buckets");
    if (!minn.IsUint64() || !maxn.IsUint64() || !buckets.IsUint64() || minn.GetUint64() == 0 ||
        minn.GetUint64() > maxn.GetUint64() || buckets.GetUint64() > 0x7FFFFFFFu)
      c.fail(h.at, "header \"minn\", \"maxn\" and \"buckets\" must be whole numbers with 1 <= minn <= maxn and "
                   "buckets < 2^31");
    if (model) {
      model->minn = minn.GetUint64();
      model->maxn = maxn.GetUint64();
      model->buckets = buckets.GetUint64();
      floats(model->bucket_rows, model->buckets * dim);
    } else {
      c.need(buckets.GetUint64() * dim * 4, "the bucket rows");
      c.bytes(buckets.GetUint64() * dim * 4, "the bucket rows");
    }
  }
  modelfile::finish_model_file(c, kind);
  if (info) *info = info_json(info_value);
  try {
    return WordVectors(std::move(words), dim, std::move(values));
  } catch (const UsageError& e) {
    throw FormatError(fmt::format("{}: {}", name, e.what()));
  }
}

// The JSON header of an nlp container of `v` (and `model`'s subword part).
std::string nlp_header(const WordVectors& v, std::string_view info, const SubwordModel* model) {
  rapidjson::Document parsed;
  parsed.Parse(info.data(), info.size());
  if (parsed.HasParseError() || !parsed.IsObject()) throw UsageError("word vectors: the training information must be a JSON object");
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  modelfile::begin_header(w, model ? "nlp.subword_vectors" : "nlp.word_vectors", kFormatVersion);
  w.Key("words");
  w.Uint64(v.size());
  w.Key("dim");
  w.Uint64(v.dim());
  if (model) {
    w.Key("minn");
    w.Uint64(model->minn);
    w.Key("maxn");
    w.Uint64(model->maxn);
    w.Key("buckets");
    w.Uint64(model->buckets);
  }
  w.Key("info");
  parsed.Accept(w);
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

// The payload, a megabyte at a time: the words, the vectors, the bucket rows.
void nlp_payload(const WordVectors& v, const SubwordModel* model, const modelfile::Sink& sink) {
  modelfile::ByteWriter chunk;
  const auto flush = [&](bool always) {
    if (always || chunk.buf.size() >= (1u << 20)) {
      sink(chunk.buf);
      chunk.buf.clear();
    }
  };
  for (const std::string& word : v.words()) {
    chunk.str(word);
    flush(false);
  }
  const auto floats = [&](std::span<const float> values) {
    for (const float x : values) {
      chunk.u32(std::bit_cast<std::uint32_t>(x));
      if (chunk.buf.size() >= (1u << 20)) flush(true);
    }
  };
  floats(v.values());
  if (model) floats(model->bucket_rows);
  flush(true);
}

const modelfile::ModelFileKind& nlp_kind(const SubwordModel* model) { return model ? kSubwordKind : kKind; }

std::string format_nlp(const WordVectors& v, std::string_view info, const SubwordModel* model = nullptr) {
  modelfile::ByteWriter file = modelfile::begin_model_file(nlp_kind(model), nlp_header(v, info, model), 0);
  nlp_payload(v, model, [&](std::string_view chunk) { file.buf.append(chunk); });
  return modelfile::end_model_file(std::move(file));
}

void append_float(std::string& out, float x) {
  char buf[32];
  const auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, p);
}

void check_writable_words(const WordVectors& v, VectorFormat f) {
  for (const std::string& w : v.words())
    if (w.find_first_of(" \t\n\r\v\f") != std::string::npos)
      throw UsageError(fmt::format("word vectors: the word {:?} contains whitespace, which the {} format cannot hold",
                                   w, to_string(f)));
}

}  // namespace

const char* to_string(VectorFormat f) {
  switch (f) {
    case VectorFormat::word2vec_text: return "word2vec";
    case VectorFormat::word2vec_binary: return "binary";
    case VectorFormat::glove_text: return "glove";
    case VectorFormat::nlp: return "nlp";
  }
  return "word2vec";
}

VectorFormat parse_vector_format(std::string_view s) {
  if (s == "word2vec" || s == "text" || s == "vec") return VectorFormat::word2vec_text;
  if (s == "binary" || s == "bin") return VectorFormat::word2vec_binary;
  if (s == "glove") return VectorFormat::glove_text;
  if (s == "nlp") return VectorFormat::nlp;
  throw UsageError(fmt::format("unknown vector format {:?}; expected word2vec, binary, glove or nlp", s));
}

VectorFormat detect_vector_format(std::string_view bytes) {
  if (bytes.starts_with(kKind.magic) || bytes.starts_with(kSubwordKind.magic)) return VectorFormat::nlp;
  std::size_t pos = 0;
  const auto header = header_of(bytes, &pos);
  if (!header) return VectorFormat::glove_text;
  // Text when the first record is a line of a word and DIM numbers.
  const std::size_t end = std::min(bytes.find('\n', pos), bytes.size());
  std::string_view line = bytes.substr(pos, end - pos);
  while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
  if (!utf8::is_valid(line)) return VectorFormat::word2vec_binary;
  std::size_t fields = 0;
  for (std::size_t at = 0; at <= line.size();) {
    std::size_t e = line.find(' ', at);
    if (e == std::string_view::npos) e = line.size();
    if (fields > 0) {
      float x;
      const auto [p, ec] = std::from_chars(line.data() + at, line.data() + e, x);
      if (ec != std::errc() || p != line.data() + e) return VectorFormat::word2vec_binary;
    }
    ++fields;
    at = e + 1;
  }
  return fields == header->second + 1 ? VectorFormat::word2vec_text : VectorFormat::word2vec_binary;
}

WordVectors parse_vectors(std::string_view bytes, const std::string& name, std::optional<VectorFormat> format,
                          std::string* info) {
  if (bytes.empty()) throw FormatError(fmt::format("{}: the file is empty; expected word vectors", name));
  const VectorFormat f = format ? *format : detect_vector_format(bytes);
  if (info) *info = "{}";
  try {
    switch (f) {
      case VectorFormat::word2vec_text: return parse_word2vec_text(bytes, name);
      case VectorFormat::word2vec_binary: return parse_word2vec_binary(bytes, name);
      case VectorFormat::glove_text: return parse_glove(bytes, name);
      case VectorFormat::nlp: return parse_nlp(bytes, name, info);
    }
  } catch (const UsageError& e) {  // from WordVectors: repeated words, non-finite values
    throw FormatError(fmt::format("{}: {}", name, e.what()));
  }
  return {};
}

WordVectors read_vectors(const std::string& path, std::optional<VectorFormat> format, std::string* info) {
  return parse_vectors(modelfile::read_whole_file(path, kKind.noun), path, format, info);
}

std::string format_vectors(const WordVectors& v, VectorFormat format, std::string_view info) {
  if (format == VectorFormat::nlp) return format_nlp(v, info);
  check_writable_words(v, format);
  std::string out;
  if (format != VectorFormat::glove_text) out += fmt::format("{} {}\n", v.size(), v.dim());
  for (std::size_t i = 0; i < v.size(); ++i) {
    out += v.word(i);
    if (format == VectorFormat::word2vec_binary) {
      out += ' ';
      for (const float x : v.vector(i)) {
        std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
        if constexpr (std::endian::native == std::endian::big) bits = __builtin_bswap32(bits);
        out.append(reinterpret_cast<const char*>(&bits), 4);
      }
    } else {
      for (const float x : v.vector(i)) {
        out += ' ';
        append_float(out, x);
      }
    }
    out += '\n';
  }
  return out;
}

bool is_subword_model(std::string_view bytes) noexcept { return bytes.starts_with(kSubwordKind.magic); }

SubwordModel parse_subword_model(std::string_view bytes, const std::string& name, std::string* info) {
  if (!is_subword_model(bytes))
    throw FormatError(fmt::format("{}: not a subword model (no NLPSUBWV magic); {}", name, kSubwordKind.remedy));
  SubwordModel m;
  try {
    m.words = parse_nlp(bytes, name, info, &m);
    m.check();
  } catch (const UsageError& e) {
    throw FormatError(fmt::format("{}: {}", name, e.what()));
  }
  return m;
}

SubwordModel read_subword_model(const std::string& path, std::string* info) {
  return parse_subword_model(modelfile::read_whole_file(path, kSubwordKind.noun), path, info);
}

void write_subword_model(const SubwordModel& m, const std::string& path, std::string_view info) {
  m.check();
  modelfile::write_model_file(path, kSubwordKind, nlp_header(m.words, info, &m),
                              [&](const modelfile::Sink& sink) { nlp_payload(m.words, &m, sink); });
}

void write_vectors(const WordVectors& v, const std::string& path, VectorFormat format, std::string_view info) {
  if (format == VectorFormat::nlp) {
    modelfile::write_model_file(path, kKind, nlp_header(v, info, nullptr),
                                [&](const modelfile::Sink& sink) { nlp_payload(v, nullptr, sink); });
    return;
  }
  modelfile::write_file_atomically(path, format_vectors(v, format, info), kKind.noun);
}

}  // namespace nlp::embed
