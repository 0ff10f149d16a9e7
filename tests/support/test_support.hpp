#pragma once
// Helpers shared by the tests: where the source tree, the build tree and the shared evaluation
// data are, reading files, running the `nlp` binary, and skipping a test that lacks its data.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace nlp::test {

std::filesystem::path source_dir();
std::filesystem::path binary_dir();
// The `nlp` executable in the build tree.
std::filesystem::path nlp_binary();
// A shell command running the `nlp` executable with `args` (already quoted as needed).
std::string nlp_command(const std::string& args);
// The shared evaluation data folder: $NLP_SHARED_DATA, else <source>/../shared/data; nullopt if
// it does not exist.
std::optional<std::filesystem::path> shared_data();

std::string read_file(const std::filesystem::path& p);
std::vector<std::string> read_lines(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& content);
// A fresh empty directory under the build tree for this test.
std::filesystem::path temp_dir(const std::string& name);

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs a shell command line (stdout and stderr captured).
RunResult run(const std::string& command_line, const std::string& stdin_data = {});

// "xz -dc FILE" into a string (the shared corpora are xz-compressed).
std::string read_xz(const std::filesystem::path& p);

// Marks the current test as skipped: prints the reason and exits with code 4, which CTest
// reports as "Skipped" (each test case runs in its own process under CTest).
[[noreturn]] void skip(const std::string& reason);

// A JSON text parsed; throws std::runtime_error with the offset for malformed JSON.
rapidjson::Document parse_json(const std::string& text);

// shared_data(), or skip() saying that the folder is absent and what the test compares with.
std::filesystem::path shared_data_or_skip(const std::string& what);

// Quotes a string for /bin/sh.
std::string shell_quote(const std::string& s);

}  // namespace nlp::test
