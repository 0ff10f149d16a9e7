#pragma once
// An output file that never exists half-written: data goes to "<path>.tmp.<pid>", and commit()
// flushes, fsyncs and renames it over `path`. Destroyed without commit() (an error, an
// exception), the temporary file is removed and `path` is untouched. "-" writes to stdout; an
// existing path that is not a regular file (/dev/null, /dev/stdout, a named pipe) is written in
// place, never replaced.
//   OutputFile out("tokens.txt");  out.write("a b\n");  out.commit();
// Not thread-safe. write() and commit() throw IoError.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace nlp::corpora {

class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view data);
  // Replaces already written bytes at `offset` (for a header whose counts are known only at
  // the end); the file position stays at the end. UsageError for stdout.
  void overwrite(std::uint64_t offset, std::string_view data);
  void commit();
  const std::string& path() const noexcept { return path_; }
  bool is_stdout() const noexcept { return path_ == "-"; }
  // Whether overwrite() works: a regular file, not stdout or a device or pipe.
  bool can_overwrite() const noexcept { return !is_stdout() && !direct_; }

 private:
  std::string path_, tmp_;
  std::FILE* f_ = nullptr;
  bool committed_ = false;
  bool direct_ = false;  // writing a device or pipe in place
};

}  // namespace nlp::corpora
