#pragma once
// Shared by the benchmarks: where the shared evaluation data is, and reading a slice of an
// xz-compressed corpus.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace nlp::bench {

// `rel` inside the shared data folder: $NLP_SHARED_DATA, else <source>/../shared/data.
inline std::filesystem::path shared_path(const std::filesystem::path& rel) {
  if (const char* env = std::getenv("NLP_SHARED_DATA"); env && *env) return std::filesystem::path(env) / rel;
  return std::filesystem::path(NLP_SOURCE_DIR).parent_path() / "shared" / "data" / rel;
}

// The first `limit` bytes of the decompressed file, cut after the last whole line; empty when
// the file is missing or xz fails.
inline std::string load_xz(const std::filesystem::path& path, std::size_t limit) {
  if (!std::filesystem::exists(path)) return {};
  const std::string cmd = "xz -dc '" + path.string() + "'";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return {};
  std::string text(limit, '\0');
  std::size_t got = 0;
  while (got < limit) {
    const std::size_t n = std::fread(text.data() + got, 1, limit - got, pipe);
    if (n == 0) break;
    got += n;
  }
  ::pclose(pipe);  // closing early ends xz with SIGPIPE, which is fine here
  text.resize(got);
  const std::size_t last = text.rfind('\n');
  text.resize(last == std::string::npos ? 0 : last + 1);
  return text;
}

}  // namespace nlp::bench
