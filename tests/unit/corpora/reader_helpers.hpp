#pragma once
// Helpers for the corpora tests: read every document of an in-memory input, or the error it gives.
#include <optional>
#include <string>
#include <vector>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/reader.hpp"

namespace nlp::test {

struct ReadResult {
  std::vector<corpora::Document> docs;
  corpora::ReadStats stats;

  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const auto& d : docs) out.push_back(d.text);
    return out;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& d : docs) out.push_back(d.id);
    return out;
  }
};

inline ReadResult read_all(std::string bytes, const corpora::ReaderOptions& opts,
                           const std::string& name = "in.txt") {
  auto reader = corpora::make_reader(corpora::memory_byte_source(std::move(bytes), name), opts);
  ReadResult out;
  for (corpora::Document d; reader->next(d);) out.docs.push_back(d);
  out.stats = reader->stats();
  return out;
}

// The InputError reading `bytes` throws, or nullopt when it reads cleanly.
inline std::optional<InputError> read_error(std::string bytes, const corpora::ReaderOptions& opts,
                                            const std::string& name = "in.txt") {
  try {
    read_all(std::move(bytes), opts, name);
  } catch (const InputError& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace nlp::test
