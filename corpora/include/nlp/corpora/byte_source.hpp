#pragma once
// Raw input bytes for the readers: a file, standard input or a string in memory, transparently
// decompressed when it starts with the gzip magic bytes 1F 8B (concatenated gzip members are
// read one after another, as `gzip -dc` does).
//   auto src = nlp::corpora::open_byte_source("news.txt.gz");
//   char buf[65536];
//   while (std::size_t n = src->read(buf, sizeof buf)) { ... }
// Not thread-safe. open_byte_source() throws IoError (missing or unreadable file, a directory);
// read() throws IoError (a failed read) and InputError (a truncated or corrupt gzip stream; its
// position has no line, and its byte is the offset in the compressed file).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace nlp::corpora {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` (> 0) bytes into `buf`; returns how many, 0 only at the end of the input.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
  // The name used in messages: the path, or "<stdin>" for standard input.
  virtual const std::string& name() const noexcept = 0;
  // True when the bytes read are the decompressed content of a gzip stream.
  virtual bool decompressing() const noexcept { return false; }
};

// The display name of a path: "<stdin>" for "-", else the path itself.
std::string display_name(const std::string& path);

// Opens `path` ("-" = standard input), decompressing gzip input. Throws IoError.
std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

// Serves `bytes` (decompressing gzip data); `name` is used in messages. Never throws on
// construction.
std::unique_ptr<ByteSource> memory_byte_source(std::string bytes, std::string name);

// Wraps `raw` so that gzip data (magic bytes 1F 8B) is decompressed; other data passes through.
// Reads at most two bytes ahead of the caller.
std::unique_ptr<ByteSource> decompress_if_gzip(std::unique_ptr<ByteSource> raw);

// gzip-compresses `data` (one member, zlib level 1-9). For writing .gz files and test data.
std::string gzip_compress(std::string_view data, int level = 6);

}  // namespace nlp::corpora
