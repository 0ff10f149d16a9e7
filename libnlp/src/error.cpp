#include "nlp/error.hpp"

#include <cstring>

#include <fmt/format.h>

namespace nlp {

std::string to_string(const SourcePos& pos) {
  std::string out = pos.file.empty() ? std::string("<input>") : pos.file;
  if (pos.line != 0) {
    out += fmt::format(":{}", pos.line);
    if (pos.column != 0) out += fmt::format(":{}", pos.column);
  }
  out += fmt::format(" (byte {})", pos.byte);
  return out;
}

InputError::InputError(SourcePos pos, const std::string& msg)
    : Error(to_string(pos) + ": " + msg), pos_(std::move(pos)), detail_(msg) {}

IoError IoError::from_errno(const std::string& path, const std::string& what, int err) {
  return IoError(fmt::format("{}: {}: {}", path, what, std::strerror(err)));
}

}  // namespace nlp
