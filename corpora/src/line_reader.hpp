#pragma once
// Private: physical lines of a ByteSource with exact positions, the building block of every
// reader. Lines end at "\n"; one "\r" before it (or at the end of the input) is dropped. A UTF-8
// BOM at the very start is skipped (its 3 bytes still count in byte offsets, not in columns).
// Under InvalidPolicy::strict every line is validated and the first invalid sequence throws
// InputError; other policies leave repair to the formats (they repair only what they deliver).
// Lines longer than max_record_bytes are reported as too long after being skipped in
// block-sized pieces, never held in memory whole.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/document.hpp"
#include "nlp/corpora/reader.hpp"

namespace nlp::corpora::detail {

struct Line {
  std::string_view text;      // without the line break; valid until the next call
  std::uint64_t number = 0;   // 1-based
  std::uint64_t byte = 0;     // offset of text[0] in the (decompressed) stream
};

class LineReader {
 public:
  enum class Status { ok, end, too_long };

  // `name` is used in positions; empty means src->name().
  LineReader(std::unique_ptr<ByteSource> src, std::string name, const ReaderOptions& opts,
             ReadStats& stats);
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // ok: `line` is the next line. too_long: the line was longer than max_record_bytes and has
  // been skipped; `line` has its number and byte offset, `text` holds its first bytes (up to
  // 64) and too_long_size() its length (or a lower bound, see there). end: no more lines.
  Status next(Line& line);

  // Length of the last too-long line in bytes as far as it was read (exact unless it was
  // longer than 2^64, which it is not).
  std::uint64_t too_long_size() const noexcept { return too_long_size_; }

  const std::string& name() const noexcept { return name_; }
  const ReaderOptions& options() const noexcept { return opts_; }
  ReadStats& stats() noexcept { return stats_; }

  // Position of byte `offset` of `line` (column counted in code points of line.text[0, offset)).
  SourcePos position(const Line& line, std::size_t offset) const;
  // The standard message for a line over the limit.
  std::string too_long_message(std::uint64_t size) const;

 private:
  bool fill();  // reads more bytes after end_; false at end of input
  void check_utf8(const Line& line) const;
  Status skip_long_line(Line& line);

  std::unique_ptr<ByteSource> src_;
  std::string name_;
  ReaderOptions opts_;
  ReadStats& stats_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0, beg_ = 0, end_ = 0, scanned_ = 0;  // unread bytes are [beg_, end_)
  std::uint64_t offset_ = 0;        // stream offset of buf_[beg_]
  std::uint64_t line_number_ = 0;
  std::uint64_t too_long_size_ = 0;
  std::string too_long_head_;
  bool eof_ = false;
  bool bom_checked_ = false;
  bool last_read_full_ = false;  // the last read filled all the free space offered
};

// Appends the decimal digits of `v`.
void append_uint(std::string& out, std::uint64_t v);
// "<file>:<line>", the id of a document without one of its own.
void make_line_id(std::string& out, const std::string& file, std::uint64_t line);

// Applies the invalid-UTF-8 policy to `in`, writing the result to `out` and counting what was
// replaced or dropped in `stats`. Under strict, throws InputError at `pos` advanced to the
// first invalid byte (only reachable for text produced by unescaping, e.g. a lone surrogate).
void assign_repaired(std::string& out, std::string_view in, utf8::InvalidPolicy policy,
                     ReadStats& stats, const SourcePos& pos);

// Records a skipped malformed record (on_error = skip).
void count_skip(ReadStats& stats, const std::string& message);

}  // namespace nlp::corpora::detail
