// JSON Lines: one JSON object per line; the document is the string at a (dotted) member path.
// The line is parsed with RapidJSON's SAX reader (iterative, so nesting depth cannot exhaust the
// stack) without building a DOM: only the members on the requested paths are kept.
#include <cassert>
#include <array>

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "format_reader.hpp"

namespace nlp::corpora::detail {
namespace {

// A RapidJSON input stream over a string_view (RapidJSON's StringStream needs a terminating NUL).
class ViewStream {
 public:
  using Ch = char;
  explicit ViewStream(std::string_view s) : begin_(s.data()), p_(s.data()), end_(s.data() + s.size()) {}
  Ch Peek() const { return p_ < end_ ? *p_ : '\0'; }
  Ch Take() { return p_ < end_ ? *p_++ : '\0'; }
  std::size_t Tell() const { return static_cast<std::size_t>(p_ - begin_); }
  // Writing is only used for in-situ parsing, which this reader does not do.
  Ch* PutBegin() { assert(false); return nullptr; }
  void Put(Ch) { assert(false); }
  void Flush() {}
  std::size_t PutEnd(Ch*) { assert(false); return 0; }

 private:
  const char* begin_;
  const char* p_;
  const char* end_;
};

enum class Kind { missing, string, number, null, boolean, object, array };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::missing: return "missing";
    case Kind::string: return "a string";
    case Kind::number: return "a number";
    case Kind::null: return "null";
    case Kind::boolean: return "a boolean";
    case Kind::object: return "an object";
    case Kind::array: return "an array";
  }
  return "?";
}

// One requested member path ("a.b.c") and what the line held there.
struct Target {
  std::vector<std::string> path;
  Kind kind = Kind::missing;
  std::string value;            // the string, or a number's text
  std::size_t offset = 0;       // byte offset in the line of the value's first character
  // Set when a prefix of the path led to something that is not an object.
  std::size_t broken_depth = 0;  // number of segments matched, > 0 when broken
  Kind broken_kind = Kind::missing;
  std::size_t broken_offset = 0;

  void reset() {
    kind = Kind::missing;
    value.clear();
    broken_depth = 0;
  }
  std::string dotted(std::size_t depth) const {
    std::string s;
    for (std::size_t i = 0; i < depth; ++i) {
      if (i) s.push_back('.');
      s += path[i];
    }
    return s;
  }
};

constexpr std::size_t kMaxTargets = 2;  // the text field and the id field
constexpr int kOff = -1;

// SAX handler following the requested paths. Levels count matched path segments.
class PathHandler {
 public:
  PathHandler(std::array<Target*, kMaxTargets> targets, std::size_t n) : targets_(targets), n_(n) {}

  void reset(std::string_view line, const ViewStream* stream) {
    line_ = line;
    stream_ = stream;
    frames_.clear();
    root_kind_ = Kind::missing;
    root_offset_ = 0;
    pending_.fill(kOff);
    for (std::size_t t = 0; t < n_; ++t) targets_[t]->reset();
  }
  Kind root_kind() const { return root_kind_; }
  std::size_t root_offset() const { return root_offset_; }

  bool Null() { return scalar(Kind::null, {}); }
  bool Bool(bool) { return scalar(Kind::boolean, {}); }
  bool Int(int) { return scalar(Kind::number, {}); }
  bool Uint(unsigned) { return scalar(Kind::number, {}); }
  bool Int64(std::int64_t) { return scalar(Kind::number, {}); }
  bool Uint64(std::uint64_t) { return scalar(Kind::number, {}); }
  bool Double(double) { return scalar(Kind::number, {}); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar(Kind::number, {s, n}); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar(Kind::string, {s, n}); }

  bool StartObject() {
    if (frames_.empty() && root_kind_ == Kind::missing) {
      root_kind_ = Kind::object;
      Frame f;
      f.level.fill(0);
      frames_.push_back(f);
      return true;
    }
    Frame f;
    f.level.fill(kOff);
    for (std::size_t t = 0; t < n_; ++t) {
      if (pending_[t] == kOff) continue;
      Target& tg = *targets_[t];
      if (static_cast<std::size_t>(pending_[t]) == tg.path.size())
        found(t, Kind::object, {});
      else
        f.level[t] = pending_[t];
    }
    pending_.fill(kOff);
    frames_.push_back(f);
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view key(s, n);
    const Frame& f = frames_.back();
    key_end_ = stream_->Tell();
    for (std::size_t t = 0; t < n_; ++t) {
      const int lvl = f.level[t];
      const Target& tg = *targets_[t];
      pending_[t] = (lvl != kOff && static_cast<std::size_t>(lvl) < tg.path.size() &&
                     tg.path[static_cast<std::size_t>(lvl)] == key)
                        ? lvl + 1
                        : kOff;
    }
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    frames_.pop_back();
    return true;
  }
  bool StartArray() {
    if (frames_.empty() && root_kind_ == Kind::missing) {
      root_kind_ = Kind::array;
      root_offset_ = first_non_space(0);
      return false;  // not an object: stop here
    }
    for (std::size_t t = 0; t < n_; ++t)
      if (pending_[t] != kOff) found(t, Kind::array, {});
    pending_.fill(kOff);
    Frame f;
    f.level.fill(kOff);
    frames_.push_back(f);
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    frames_.pop_back();
    return true;
  }

 private:
  struct Frame {
    std::array<int, kMaxTargets> level{};
  };

  bool scalar(Kind k, std::string_view text) {
    if (frames_.empty()) {
      root_kind_ = k;
      root_offset_ = first_non_space(0);
      return false;
    }
    for (std::size_t t = 0; t < n_; ++t)
      if (pending_[t] != kOff) found(t, k, text);
    pending_.fill(kOff);
    return true;
  }

  // Records the value met at `pending_` level for target `t` (the full path or a broken prefix).
  void found(std::size_t t, Kind k, std::string_view text) {
    Target& tg = *targets_[t];
    const auto lvl = static_cast<std::size_t>(pending_[t]);
    const std::size_t at = value_offset();
    if (lvl == tg.path.size()) {
      // A repeated member: the last one wins, as in Python's json module.
      tg.kind = k;
      tg.value.assign(text);
      tg.offset = at;
      tg.broken_depth = 0;
    } else if (k != Kind::object) {
      tg.broken_depth = lvl;
      tg.broken_kind = k;
      tg.broken_offset = at;
    }
  }

  std::size_t first_non_space(std::size_t i) const {
    while (i < line_.size() && (line_[i] == ' ' || line_[i] == '\t' || line_[i] == '\r' || line_[i] == '\n'))
      ++i;
    return i;
  }
  // The value after the last key starts after blanks, ':' and blanks.
  std::size_t value_offset() const {
    std::size_t i = first_non_space(key_end_);
    if (i < line_.size() && line_[i] == ':') ++i;
    return first_non_space(i);
  }

  std::array<Target*, kMaxTargets> targets_;
  std::size_t n_;
  std::string_view line_;
  const ViewStream* stream_ = nullptr;
  std::vector<Frame> frames_;
  std::array<int, kMaxTargets> pending_{};
  std::size_t key_end_ = 0;
  Kind root_kind_ = Kind::missing;
  std::size_t root_offset_ = 0;
};

std::vector<std::string> split_path(const std::string& dotted, const char* option) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    out.push_back(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (out.back().empty())
      throw UsageError(fmt::format("invalid JSON member path \"{}\" for {}: empty name; use names "
                                   "separated by dots, e.g. meta.title",
                                   dotted, option));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

bool is_json_blank(std::string_view s) {
  for (const char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

class JsonlReader final : public LineFormatReader {
 public:
  JsonlReader(std::unique_ptr<ByteSource> src, const ReaderOptions& o)
      : LineFormatReader(std::move(src), o),
        handler_({&text_, &id_}, o.id_field.empty() ? 1 : 2) {
    text_.path = split_path(o.field, "the text field");
    if (!o.id_field.empty()) id_.path = split_path(o.id_field, "the id field");
  }

  bool next(Document& doc) override {
    Line line;
    while (true) {
      const LineReader::Status st = lines_.next(line);
      if (st == LineReader::Status::end) return false;
      if (st == LineReader::Status::too_long) {
        malformed(too_long(line));
        continue;
      }
      if (is_json_blank(line.text)) {
        ++stats_.blank_lines;
        continue;
      }
      try {
        parse(line, doc);
      } catch (const MalformedRecord& e) {
        malformed(e);
        continue;
      }
      deliver(doc);
      return true;
    }
  }

 private:
  static constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;

  void parse(const Line& line, Document& doc) {
    ViewStream stream(line.text);
    handler_.reset(line.text, &stream);
    const rapidjson::ParseResult ok = json_.Parse<kFlags>(stream, handler_);
    if (handler_.root_kind() != Kind::object && handler_.root_kind() != Kind::missing)
      throw MalformedRecord(lines_.position(line, handler_.root_offset()),
                            fmt::format("expected a JSON object, found {}", kind_name(handler_.root_kind())));
    if (!ok) throw MalformedRecord(lines_.position(line, ok.Offset()), json_error(line.text, ok));
    const SourcePos text_pos = check(line, text_, "text", false);
    assign_repaired(doc.text, text_.value, opts().invalid_utf8, stats_, text_pos);
    doc.pos = text_pos;
    if (!opts().id_field.empty()) {
      const SourcePos id_pos = check(line, id_, "id", true);
      assign_repaired(doc.id, id_.value, opts().invalid_utf8, stats_, id_pos);
    } else {
      make_line_id(doc.id, name(), line.number);
    }
  }

  static std::string json_error(std::string_view text, const rapidjson::ParseResult& r) {
    if (r.Offset() < text.size() && static_cast<unsigned char>(text[r.Offset()]) < 0x20)
      return fmt::format("invalid JSON: control character U+{:04X} in a string; JSON writes it "
                         "escaped (\\n, \\t, \\u00XX)",
                         static_cast<unsigned>(text[r.Offset()]));
    // RapidJSON's messages are sentences ("Missing a name for object member.").
    std::string m = rapidjson::GetParseError_En(r.Code());
    if (!m.empty() && m.back() == '.') m.pop_back();
    if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z') m[0] = static_cast<char>(m[0] - 'A' + 'a');
    return "invalid JSON: " + m;
  }

  // Throws unless the target was found with a usable type; returns where its text starts.
  SourcePos check(const Line& line, const Target& tg, const char* role, bool number_ok) const {
    const std::string full = tg.dotted(tg.path.size());
    if (tg.kind == Kind::missing) {
      if (tg.broken_depth != 0)
        throw MalformedRecord(lines_.position(line, tg.broken_offset),
                              fmt::format("{} field \"{}\": member \"{}\" is {}, not an object", role,
                                          full, tg.dotted(tg.broken_depth), kind_name(tg.broken_kind)));
      throw MalformedRecord(lines_.position(line, 0),
                            fmt::format("missing {} field \"{}\"", role, full));
    }
    if (tg.kind == Kind::string) return lines_.position(line, tg.offset + 1);
    if (tg.kind == Kind::number && number_ok) return lines_.position(line, tg.offset);
    throw MalformedRecord(lines_.position(line, tg.offset),
                          fmt::format("{} field \"{}\" is {}; expected a string{}", role, full,
                                      kind_name(tg.kind), number_ok ? " or a number" : ""));
  }

  Target text_, id_;
  PathHandler handler_;
  rapidjson::Reader json_;
};

}  // namespace

std::unique_ptr<Reader> make_jsonl_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts) {
  return std::make_unique<JsonlReader>(std::move(src), opts);
}

}  // namespace nlp::corpora::detail
