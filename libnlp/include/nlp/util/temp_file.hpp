#pragma once
// A temporary file, removed when destroyed (also when an error unwinds): written in order, then
// read back from the start or mapped whole for reading.
//   nlp::TempFile f("out.tmp.123");  f.write(ids.data(), ids.size() * 4);
//   const auto* p = static_cast<const std::uint32_t*>(f.map());
// Not thread-safe. Throws IoError (with the path) when the file cannot be created, written, read
// or mapped.
#include <cstddef>
#include <cstdio>
#include <string>

namespace nlp {

class TempFile {
 public:
  explicit TempFile(std::string path);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write(const void* data, std::size_t bytes);
  // Ends writing and releases the file's handle (callers keeping many files close those they
  // are not reading); rewind(), read() and map() open it again.
  void close();
  // Back to the start for read(); read() answers how many bytes it read (fewer only at the end).
  void rewind();
  std::size_t read(void* out, std::size_t bytes);
  // The whole file, read-only (nullptr when it is empty); ends writing; valid until destruction.
  const void* map();
  std::size_t bytes() const noexcept { return bytes_; }
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
  void* map_ = nullptr;
  std::size_t mapped_ = 0, bytes_ = 0;
  bool writing_ = true;
};

}  // namespace nlp
