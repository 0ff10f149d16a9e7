#pragma once
// Error types thrown by the library. Every public function documents which of these it throws.
//   try { ... } catch (const nlp::InputError& e) { e.pos().line; }
// Messages say where, what was expected, what was found, and what to do.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace nlp {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& msg) : std::runtime_error(msg) {}
};

// Where bad data was found: 1-based line and column (column in code points), exact byte offset
// from the start of the input (0-based). `file` is a display name ("-" or "<stdin>" for stdin).
struct SourcePos {
  std::string file;
  std::uint64_t line = 0, column = 0, byte = 0;
};

// Formats "file:line:column (byte N)"; fields that are 0 (unknown) are omitted.
std::string to_string(const SourcePos& pos);

// Bad input data, with its position.
class InputError : public Error {
 public:
  InputError(SourcePos pos, const std::string& msg);
  const SourcePos& pos() const noexcept { return pos_; }
  // The message without the position prefix.
  const std::string& detail() const noexcept { return detail_; }

 private:
  SourcePos pos_;
  std::string detail_;
};

// A model, config or data file that is malformed or of an unsupported format version.
class FormatError : public Error {
 public:
  using Error::Error;
};

// An invalid option value or combination (the CLI exits with code 2 on these).
class UsageError : public Error {
 public:
  using Error::Error;
};

// A failed system call; the message carries the path and errno text.
class IoError : public Error {
 public:
  using Error::Error;
  // "path: what: strerror(err)"
  static IoError from_errno(const std::string& path, const std::string& what, int err);
};

}  // namespace nlp
