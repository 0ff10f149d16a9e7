#pragma once
// The binary container every nlp model file shares (STYLE.md section 7): 8 magic bytes, a u32
// format version, the u32 byte-order mark 0x01020304, a u64 length and a JSON header, the
// little-endian payload, and a CRC-32 of everything before it.
//   ModelFileKind kind{"NLPVECTZ", 1, "vectorizer model", "fit one with `nlp vectorize ...`"};
//   ByteWriter payload;  payload.u32(7);
//   write_file_atomically(path, assemble_model_file(kind, header_json, payload.buf), kind.noun);
//   ...
//   const std::string bytes = read_whole_file(path, kind.noun);
//   Cursor c(bytes, path);
//   const ModelHeader h = open_model_file(c, "nlp.vectorizer", kind);  // checks magic..header
//   std::uint32_t seven = c.u32("the count");                         // the payload
//   finish_model_file(c, kind);                                        // checksum, trailing bytes
// Errors are FormatError "NAME: byte OFFSET: what is wrong; what to do", IoError for files.
// Thread-safe (no shared state).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace nlp::modelfile {

// CRC-32 (IEEE 802.3, the value of zlib's crc32) of `data`; with `crc`, the CRC of what came
// before followed by `data`.
std::uint32_t crc32(std::string_view data, std::uint32_t crc = 0) noexcept;

// Receives a file's bytes a piece at a time.
using Sink = std::function<void(std::string_view)>;

// Little-endian writing into a growing buffer.
struct ByteWriter {
  std::string buf;
  void u8(std::uint8_t v) { buf.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void f64(double v);                // IEEE 754 binary64 bits as a u64
  void str(std::string_view s);      // u32 byte length, then the bytes
};

// Bounds-checked little-endian reading; every failure names the byte offset.
class Cursor {
 public:
  Cursor(std::string_view data, const std::string& name) : data_(data), name_(name) {}
  std::size_t pos() const noexcept { return pos_; }
  std::size_t left() const noexcept { return data_.size() - pos_; }
  std::string_view data() const noexcept { return data_; }
  const std::string& name() const noexcept { return name_; }

  [[noreturn]] void fail(std::size_t at, const std::string& what) const;
  void need(std::size_t n, std::string_view what) const;
  std::uint8_t u8(std::string_view what);
  std::uint32_t u32(std::string_view what);
  std::uint64_t u64(std::string_view what);
  double f64(std::string_view what);
  std::string_view bytes(std::size_t n, std::string_view what);
  std::string_view str(std::string_view what);  // must be valid UTF-8

 private:
  template <typename T>
  T little_endian(std::string_view what);
  std::string_view data_;
  const std::string& name_;
  std::size_t pos_ = 0;
};

struct ModelFileKind {
  std::string_view magic;       // exactly 8 bytes
  std::uint32_t version;        // the newest version this build reads and writes
  std::string_view noun;        // "lemmatizer model"
  std::string_view remedy;      // how to get a good file: "retrain it with `nlp lemmatize train`"
};

struct ModelHeader {
  std::uint32_t version = 0;
  std::size_t at = 0;           // byte offset of the JSON header
  rapidjson::Document json;     // an object with "format" and "format_version" checked
};

// Starts a header object with its identity: "format", "format_version" and "producer" ("nlp X.Y.Z").
void begin_header(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view format,
                  std::uint32_t version);

// The whole file: magic, version, byte-order mark, header length, header, payload, CRC-32.
std::string assemble_model_file(const ModelFileKind& kind, std::string_view header_json,
                                std::string_view payload);
// The same for a large payload written in place, without a second copy of it:
//   ByteWriter f = begin_model_file(kind, header, payload_bytes);  f.u32(...);  ...
//   std::string bytes = end_model_file(std::move(f));
ByteWriter begin_model_file(const ModelFileKind& kind, std::string_view header_json, std::size_t payload_size);
std::string end_model_file(ByteWriter&& file);

// Reads and checks everything before the payload: the magic, a version in 1..kind.version, the
// byte-order mark, the header length, that the header is a JSON object whose "format" is
// `format` and whose "format_version" equals the binary version. Leaves `c` at the payload.
ModelHeader open_model_file(Cursor& c, std::string_view format, const ModelFileKind& kind);

// After the payload: the stored CRC-32 must match and nothing may follow it.
void finish_model_file(Cursor& c, const ModelFileKind& kind);

// The header field `key` of an object (fails naming the header offset when absent).
const rapidjson::Value& header_field(const Cursor& c, std::size_t at, const rapidjson::Value& obj,
                                     const char* key);

// Whole-file reading, and writing through "<path>.tmp" renamed over `path` (never a half-written
// file under the real name). `noun` goes into error messages.
std::string read_whole_file(const std::string& path, std::string_view noun);
void write_file_atomically(const std::string& path, std::string_view bytes, std::string_view noun);
// The same with the bytes given piece by piece to the sink by `produce` (a large file never
// held whole); an exception from `produce` removes the temporary file.
void write_file_atomically(const std::string& path, const std::function<void(const Sink&)>& produce,
                           std::string_view noun);
// A whole model file (as assemble_model_file lays it out) whose payload `payload` gives piece by
// piece to its sink, the checksum computed on the way.
void write_model_file(const std::string& path, const ModelFileKind& kind, std::string_view header_json,
                      const std::function<void(const Sink&)>& payload);

}  // namespace nlp::modelfile
