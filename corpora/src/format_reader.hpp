#pragma once
// Private: the common part of the readers built on LineReader, and their factories.
#include <memory>

#include "line_reader.hpp"
#include "nlp/corpora/reader.hpp"

namespace nlp::corpora::detail {

// A malformed record (bad JSON, quoting, field count, CoNLL-U structure, a too-long line):
// skipped and counted under OnError::skip, rethrown as an InputError under OnError::fail.
// Invalid UTF-8 under the strict policy is a plain InputError and is never skipped.
class MalformedRecord : public InputError {
 public:
  using InputError::InputError;
};

class LineFormatReader : public Reader {
 public:
  LineFormatReader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts)
      : lines_(std::move(src), std::string(), opts, stats_) {}
  const ReadStats& stats() const override { return stats_; }

 protected:
  const ReaderOptions& opts() const noexcept { return lines_.options(); }
  const std::string& name() const noexcept { return lines_.name(); }

  void deliver(Document& doc) {
    doc.index = index_++;
    ++stats_.documents;
    if (doc.text.empty()) ++stats_.empty_documents;
  }
  // Under OnError::fail throws `e` (with a hint); under skip counts it.
  void malformed(const InputError& e);
  // The too-long line `line` (LineReader::Status::too_long) as a malformed record.
  MalformedRecord too_long(const Line& line) const;

  ReadStats stats_;
  LineReader lines_;
  std::uint64_t index_ = 0;
};

std::unique_ptr<Reader> make_text_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts);
std::unique_ptr<Reader> make_paragraph_reader(std::unique_ptr<ByteSource> src,
                                              const ReaderOptions& opts);
std::unique_ptr<Reader> make_jsonl_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts);
std::unique_ptr<Reader> make_table_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts);
std::unique_ptr<Reader> make_conllu_document_reader(std::unique_ptr<ByteSource> src,
                                                    const ReaderOptions& opts);

}  // namespace nlp::corpora::detail
