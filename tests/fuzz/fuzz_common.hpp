#pragma once
// Shared by the fuzz targets: option bytes, reading every document, and the invariants every
// reader keeps whatever its input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::fuzz {

// Aborts (a finding) with a message when an invariant does not hold.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

// Consumes option bytes from the front of the input.
class Options {
 public:
  Options(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() {
    if (pos_ == size_) return 0;
    return data_[pos_++];
  }
  std::string rest() const {
    return std::string(reinterpret_cast<const char*>(data_) + pos_, size_ - pos_);
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

inline utf8::InvalidPolicy policy_from(std::uint8_t b) {
  switch (b % 3) {
    case 0: return utf8::InvalidPolicy::strict;
    case 1: return utf8::InvalidPolicy::replace;
    default: return utf8::InvalidPolicy::skip;
  }
}

struct Outcome {
  std::vector<corpora::Document> docs;
  corpora::ReadStats stats;
  bool input_error = false;
  bool usage_error = false;
};

// Reads every document; InputError and UsageError are expected outcomes, anything else escapes
// (and is reported by libFuzzer).
inline Outcome read_all(const std::string& bytes, const corpora::ReaderOptions& opts) {
  Outcome out;
  try {
    auto reader = corpora::make_reader(corpora::memory_byte_source(bytes, "fuzz"), opts);
    for (corpora::Document d; reader->next(d);) {
      require(d.index == out.docs.size(), "document indexes are 0, 1, 2, ...");
      require(utf8::is_valid(d.text), "document text is valid UTF-8");
      require(utf8::is_valid(d.id), "document id is valid UTF-8");
      require(d.pos.file == "fuzz", "positions name the input");
      out.docs.push_back(d);
    }
    out.stats = reader->stats();
    require(out.stats.documents == out.docs.size(), "stats count the documents delivered");
    require(out.stats.records_skipped == 0 || opts.on_error == corpora::OnError::skip,
            "records are skipped only under OnError::skip");
    require(out.stats.skipped_examples.size() == std::min<std::uint64_t>(out.stats.records_skipped, 5),
            "up to five skipped examples are kept");
    std::uint64_t empty = 0;
    for (const auto& d : out.docs) empty += d.text.empty();
    require(out.stats.empty_documents == empty, "empty documents are counted");
  } catch (const InputError& e) {
    require(e.pos().file == "fuzz", "errors name the input");
    out.input_error = true;
  } catch (const UsageError&) {
    out.usage_error = true;
  }
  return out;
}

inline bool looks_gzip(const std::string& s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0x1F && static_cast<unsigned char>(s[1]) == 0x8B;
}

}  // namespace nlp::fuzz
