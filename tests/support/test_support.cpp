#include "support/test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace nlp::test {

fs::path source_dir() { return NLP_SOURCE_DIR; }
fs::path binary_dir() { return NLP_BINARY_DIR; }
fs::path nlp_binary() { return binary_dir() / "cli" / "nlp"; }

std::string nlp_command(const std::string& args) { return shell_quote(nlp_binary().string()) + " " + args; }

std::optional<fs::path> shared_data() {
  if (const char* env = std::getenv("NLP_SHARED_DATA"); env && *env) {
    if (fs::is_directory(env)) return fs::path(env);
    return std::nullopt;
  }
  const fs::path p = source_dir().parent_path() / "shared" / "data";
  if (fs::is_directory(p)) return p;
  return std::nullopt;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  if (d.HasParseError()) throw std::runtime_error("malformed JSON at byte " + std::to_string(d.GetErrorOffset()));
  return d;
}

fs::path shared_data_or_skip(const std::string& what) {
  const auto d = shared_data();
  if (!d) skip("the shared data folder (../shared/data) is absent: no " + what);
  return *d;
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(p));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_file(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

fs::path temp_dir(const std::string& name) {
  const fs::path p = binary_dir() / "test-tmp" / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  out += "'";
  return out;
}

RunResult run(const std::string& command_line, const std::string& stdin_data) {
  const fs::path dir = temp_dir("run");
  const fs::path in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  write_file(in, stdin_data);
  const std::string cmd = "( " + command_line + " ) < " + shell_quote(in.string()) + " > " +
                          shell_quote(out.string()) + " 2> " + shell_quote(err.string());
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  fs::remove_all(dir);
  return r;
}

std::string read_xz(const fs::path& p) {
  const RunResult r = run("xz -dc " + shell_quote(p.string()));
  if (r.exit_code != 0) throw std::runtime_error("xz -dc " + p.string() + " failed: " + r.err);
  return r.out;
}

void skip(const std::string& reason) {
  std::cout << "SKIPPED: " << reason << std::endl;
  std::_Exit(4);
}

}  // namespace nlp::test
