#pragma once
// Language data compiled into the binary: stopword lists, abbreviation lists, contractions.
//   auto words = nlp::data::bundled_file("stopwords/nltk/english.txt");   // std::optional
// Paths are relative to corpora/data in the source tree. Thread-safe; views live forever.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace nlp::data {

struct BundledFile {
  std::string_view path;
  std::string_view bytes;
};

std::optional<std::string_view> bundled_file(std::string_view path) noexcept;
// Every bundled file whose path starts with `prefix`, sorted by path.
std::vector<BundledFile> bundled_files(std::string_view prefix = {});

// The non-empty lines of a bundled text file, without comment lines starting with '#'.
std::vector<std::string_view> bundled_lines(std::string_view path);

}  // namespace nlp::data
