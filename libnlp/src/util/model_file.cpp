#include "util/model_file.hpp"

#include <array>
#include <bit>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include "nlp/error.hpp"
#include "nlp/text/utf8.hpp"
#include "nlp/version.hpp"

namespace nlp::modelfile {

namespace {
constexpr std::uint32_t kByteOrderMark = 0x01020304;
}

std::uint32_t crc32(std::string_view data, std::uint32_t crc) noexcept {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = crc ^ 0xFFFFFFFFu;
  for (const char ch : data) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace {
template <typename T>
void put_little_endian(std::string& buf, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) buf.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
}
}  // namespace

void ByteWriter::u32(std::uint32_t v) { put_little_endian(buf, v); }
void ByteWriter::u64(std::uint64_t v) { put_little_endian(buf, v); }
void ByteWriter::f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
void ByteWriter::str(std::string_view s) {
  u32(static_cast<std::uint32_t>(s.size()));
  buf.append(s);
}

void Cursor::fail(std::size_t at, const std::string& what) const {
  throw FormatError(fmt::format("{}: byte {}: {}", name_, at, what));
}

void Cursor::need(std::size_t n, std::string_view what) const {
  if (left() < n)
    fail(pos_, fmt::format("file is truncated: expected {} ({} bytes) but only {} bytes remain; "
                           "the file was cut short, recreate or copy it again",
                           what, n, left()));
}

std::uint8_t Cursor::u8(std::string_view what) {
  need(1, what);
  return static_cast<std::uint8_t>(data_[pos_++]);
}

template <typename T>
T Cursor::little_endian(std::string_view what) {
  need(sizeof(T), what);
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v = static_cast<T>(v | (T{static_cast<unsigned char>(data_[pos_ + i])} << (8 * i)));
  pos_ += sizeof(T);
  return v;
}

std::uint32_t Cursor::u32(std::string_view what) { return little_endian<std::uint32_t>(what); }
std::uint64_t Cursor::u64(std::string_view what) { return little_endian<std::uint64_t>(what); }

double Cursor::f64(std::string_view what) { return std::bit_cast<double>(u64(what)); }

std::string_view Cursor::bytes(std::size_t n, std::string_view what) {
  need(n, what);
  const auto v = data_.substr(pos_, n);
  pos_ += n;
  return v;
}

std::string_view Cursor::str(std::string_view what) {
  const std::size_t at = pos_;
  const std::uint32_t n = u32(fmt::format("the length of {}", what));
  const auto v = bytes(n, what);
  if (!utf8::is_valid(v)) fail(at, fmt::format("{} is not valid UTF-8", what));
  return v;
}

void begin_header(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view format,
                  std::uint32_t version) {
  w.StartObject();
  w.Key("format");
  w.String(format.data(), static_cast<rapidjson::SizeType>(format.size()));
  w.Key("format_version");
  w.Uint(version);
  w.Key("producer");
  w.String((std::string("nlp ") + kVersion).c_str());
}

ByteWriter begin_model_file(const ModelFileKind& kind, std::string_view header_json, std::size_t payload_size) {
  ByteWriter file;
  file.buf.reserve(kind.magic.size() + 16 + header_json.size() + payload_size + 4);
  file.buf.append(kind.magic);
  file.u32(kind.version);
  file.u32(kByteOrderMark);
  file.u64(header_json.size());
  file.buf.append(header_json);
  return file;
}

void write_model_file(const std::string& path, const ModelFileKind& kind, std::string_view header_json,
                      const std::function<void(const Sink&)>& payload) {
  write_file_atomically(
      path,
      [&](const Sink& sink) {
        ByteWriter prefix = begin_model_file(kind, header_json, 0);
        std::uint32_t crc = crc32(prefix.buf);
        sink(prefix.buf);
        payload([&](std::string_view chunk) {
          crc = crc32(chunk, crc);
          sink(chunk);
        });
        ByteWriter tail;
        tail.u32(crc);
        sink(tail.buf);
      },
      kind.noun);
}

std::string end_model_file(ByteWriter&& file) {
  file.u32(crc32(file.buf));
  return std::move(file.buf);
}

std::string assemble_model_file(const ModelFileKind& kind, std::string_view header_json,
                                std::string_view payload) {
  ByteWriter file = begin_model_file(kind, header_json, payload.size());
  file.buf.append(payload);
  return end_model_file(std::move(file));
}

ModelHeader open_model_file(Cursor& c, std::string_view format, const ModelFileKind& kind) {
  const std::string_view bytes = c.data();
  if (bytes.size() < kind.magic.size() || bytes.substr(0, kind.magic.size()) != kind.magic)
    c.fail(0, fmt::format("not an nlp {} (expected the magic bytes \"{}\"); {}", kind.noun,
                          kind.magic, kind.remedy));
  c.bytes(kind.magic.size(), "magic");
  ModelHeader h;
  const std::size_t version_at = c.pos();
  h.version = c.u32("the format version");
  if (h.version > kind.version)
    c.fail(version_at, fmt::format("format version {} is newer than this build supports ({}); "
                                   "upgrade nlp or recreate the file with this version",
                                   h.version, kind.version));
  if (h.version == 0) c.fail(version_at, "format version 0 is not a valid version");
  const std::size_t bom_at = c.pos();
  const std::uint32_t bom = c.u32("the byte-order mark");
  if (bom != kByteOrderMark)
    c.fail(bom_at, fmt::format("byte-order mark is 0x{:08X}, expected 0x{:08X}: the file is "
                               "corrupt or not a little-endian nlp model",
                               bom, kByteOrderMark));
  const std::uint64_t header_len = c.u64("the header length");
  if (header_len > c.left())
    c.fail(c.pos(), fmt::format("file is truncated: the JSON header needs {} bytes but only {} "
                                "remain",
                                header_len, c.left()));
  h.at = c.pos();
  const std::string header(c.bytes(static_cast<std::size_t>(header_len), "the header"));
  h.json.Parse(header.c_str(), header.size());
  if (h.json.HasParseError())
    c.fail(h.at + h.json.GetErrorOffset(),
           fmt::format("header is not valid JSON: {}",
                       rapidjson::GetParseError_En(h.json.GetParseError())));
  if (!h.json.IsObject()) c.fail(h.at, "header is not a JSON object");
  const auto& f = header_field(c, h.at, h.json, "format");
  if (!f.IsString() || std::string_view(f.GetString(), f.GetStringLength()) != format)
    c.fail(h.at, fmt::format("header \"format\" is not \"{}\"", format));
  const auto& v = header_field(c, h.at, h.json, "format_version");
  if (!v.IsUint() || v.GetUint() != h.version)
    c.fail(h.at,
           fmt::format("header \"format_version\" does not match the binary version {}", h.version));
  return h;
}

void finish_model_file(Cursor& c, const ModelFileKind& kind) {
  const std::size_t crc_at = c.pos();
  const std::uint32_t stored = c.u32("the CRC-32 checksum");
  const std::uint32_t computed = crc32(c.data().substr(0, crc_at));
  if (stored != computed)
    c.fail(crc_at, fmt::format("checksum mismatch (stored {:08x}, computed {:08x}): the file is "
                               "corrupt; {}",
                               stored, computed, kind.remedy));
  if (c.left() != 0)
    c.fail(c.pos(), fmt::format("{} unexpected bytes after the checksum", c.left()));
}

const rapidjson::Value& header_field(const Cursor& c, std::size_t at, const rapidjson::Value& obj,
                                     const char* key) {
  if (!obj.IsObject() || !obj.HasMember(key))
    c.fail(at, fmt::format("header has no \"{}\" field", key));
  return obj[key];
}

std::string read_whole_file(const std::string& path, std::string_view noun) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError::from_errno(path, fmt::format("cannot open {}", noun), errno);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError::from_errno(path, fmt::format("cannot read {}", noun), errno);
  return std::move(ss).str();
}

void write_file_atomically(const std::string& path, std::string_view bytes, std::string_view noun) {
  write_file_atomically(path, [&](const Sink& sink) { sink(bytes); }, noun);
}

void write_file_atomically(const std::string& path, const std::function<void(const Sink&)>& produce,
                           std::string_view noun) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status)) {
    // A device or pipe (/dev/null, /dev/stdout): written in place, never replaced.
    std::ofstream f(path, std::ios::binary);
    produce([&](std::string_view chunk) { f.write(chunk.data(), static_cast<std::streamsize>(chunk.size())); });
    f.flush();
    if (!f) throw IoError::from_errno(path, fmt::format("cannot write {}", noun), errno);
    return;
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw IoError::from_errno(tmp, fmt::format("cannot create {}", noun), errno);
    try {
      produce([&](std::string_view chunk) { f.write(chunk.data(), static_cast<std::streamsize>(chunk.size())); });
    } catch (...) {
      f.close();
      std::filesystem::remove(tmp, ec);
      throw;
    }
    f.flush();
    if (!f) {
      const int err = errno;
      std::filesystem::remove(tmp, ec);
      throw IoError::from_errno(tmp, fmt::format("cannot write {}", noun), err);
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw IoError(fmt::format("{}: cannot rename {} to it: {}", path, tmp, ec.message()));
  }
}

}  // namespace nlp::modelfile
