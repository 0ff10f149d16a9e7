#include "nlp/data/bundled.hpp"

namespace nlp::data {
namespace detail {
extern const BundledFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace detail

std::optional<std::string_view> bundled_file(std::string_view path) noexcept {
  for (std::size_t i = 0; i < detail::kFileCount; ++i)
    if (detail::kFiles[i].path == path) return detail::kFiles[i].bytes;
  return std::nullopt;
}

std::vector<BundledFile> bundled_files(std::string_view prefix) {
  std::vector<BundledFile> out;
  for (std::size_t i = 0; i < detail::kFileCount; ++i)
    if (detail::kFiles[i].path.starts_with(prefix)) out.push_back(detail::kFiles[i]);
  return out;
}

std::vector<std::string_view> bundled_lines(std::string_view path) {
  std::vector<std::string_view> lines;
  const auto file = bundled_file(path);
  if (!file) return lines;
  std::string_view rest = *file;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

}  // namespace nlp::data
