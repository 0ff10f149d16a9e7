#pragma once
// A document as readers deliver it, and the statistics readers keep.
#include <cstdint>
#include <string>
#include <vector>

#include "nlp/error.hpp"

namespace nlp::corpora {

struct Document {
  std::string id;           // JSONL id field, CoNLL-U sent_id, else "<file>:<line>"
  std::string text;         // valid UTF-8 (after the invalid-byte policy); spans index this
  SourcePos pos;            // where `text` starts in its file (byte = offset in the
                            // decompressed stream for gzip input)
  std::uint64_t index = 0;  // 0-based position in the input stream
};

// What readers counted. Nothing is dropped or changed without being counted here.
struct ReadStats {
  std::uint64_t documents = 0;        // delivered
  std::uint64_t lines = 0;            // physical lines read
  std::uint64_t bytes = 0;            // bytes read (decompressed)
  std::uint64_t empty_documents = 0;  // delivered with empty text
  std::uint64_t utf8_replaced = 0;    // invalid subparts replaced by U+FFFD
  std::uint64_t utf8_skipped = 0;     // invalid subparts dropped
  std::uint64_t records_skipped = 0;  // malformed records skipped under --on-error=skip
  std::uint64_t blank_lines = 0;      // jsonl/tsv/csv: empty lines between records (they hold
                                      // no data and are not documents)
  std::vector<std::string> skipped_examples;  // messages of the first skipped records (<= 5)

  ReadStats& operator+=(const ReadStats& o);
};

}  // namespace nlp::corpora
