// Plain text: a document per line, or per paragraph (blank-line separated).
#include <optional>

#include <fmt/format.h>

#include "format_reader.hpp"

namespace nlp::corpora::detail {
namespace {

// Appends `in` under the invalid-UTF-8 policy (strict input was validated by LineReader).
void append_text(std::string& out, std::string_view in, utf8::InvalidPolicy policy,
                 ReadStats& stats, std::string& scratch) {
  if (policy == utf8::InvalidPolicy::strict || utf8::is_valid(in)) {
    out.append(in);
    return;
  }
  const std::uint64_t n = utf8::repair(in, policy, scratch);
  (policy == utf8::InvalidPolicy::skip ? stats.utf8_skipped : stats.utf8_replaced) += n;
  out.append(scratch);
}

class TextReader final : public LineFormatReader {
 public:
  using LineFormatReader::LineFormatReader;

  bool next(Document& doc) override {
    Line line;
    while (true) {
      const LineReader::Status st = lines_.next(line);
      if (st == LineReader::Status::end) return false;
      if (st == LineReader::Status::too_long) {
        malformed(too_long(line));
        continue;
      }
      doc.text.clear();
      append_text(doc.text, line.text, opts().invalid_utf8, stats_, scratch_);
      make_line_id(doc.id, name(), line.number);
      doc.pos.file = name();
      doc.pos.line = line.number;
      doc.pos.column = 1;
      doc.pos.byte = line.byte;
      deliver(doc);
      return true;
    }
  }

 private:
  std::string scratch_;
};

// A line made only of spaces and tabs (or \v, \f) separates paragraphs.
bool is_blank(std::string_view s) {
  for (const char c : s)
    if (c != ' ' && c != '\t' && c != '\v' && c != '\f') return false;
  return true;
}

class ParagraphReader final : public LineFormatReader {
 public:
  using LineFormatReader::LineFormatReader;

  bool next(Document& doc) override {
    Line line;
    while (true) {
      // Skip blank lines before the paragraph.
      LineReader::Status st;
      do {
        st = lines_.next(line);
      } while (st == LineReader::Status::ok && is_blank(line.text));
      if (st == LineReader::Status::end) return false;

      doc.text.clear();
      doc.pos = SourcePos{name(), line.number, 1, line.byte};
      make_line_id(doc.id, name(), line.number);
      std::optional<MalformedRecord> error;
      bool first = true;
      while (true) {
        if (st == LineReader::Status::too_long) {
          if (!error) error = too_long(line);
        } else if (!error) {
          if (!first) doc.text.push_back('\n');
          append_text(doc.text, line.text, opts().invalid_utf8, stats_, scratch_);
          if (doc.text.size() > opts().max_record_bytes)
            error = MalformedRecord(doc.pos, fmt::format("paragraph is longer than the limit of {} "
                                                         "bytes (--max-line-bytes)",
                                                         opts().max_record_bytes));
        }
        if (error && opts().on_error == OnError::fail) malformed(*error);
        first = false;
        st = lines_.next(line);
        if (st == LineReader::Status::end || (st == LineReader::Status::ok && is_blank(line.text)))
          break;
      }
      if (error) {
        malformed(*error);  // throws under OnError::fail
        continue;
      }
      deliver(doc);
      return true;
    }
  }

 private:
  std::string scratch_;
};

}  // namespace

std::unique_ptr<Reader> make_text_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts) {
  return std::make_unique<TextReader>(std::move(src), opts);
}

std::unique_ptr<Reader> make_paragraph_reader(std::unique_ptr<ByteSource> src,
                                              const ReaderOptions& opts) {
  return std::make_unique<ParagraphReader>(std::move(src), opts);
}

}  // namespace nlp::corpora::detail
