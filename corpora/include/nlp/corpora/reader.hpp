#pragma once
// Streaming document readers: plain text (a document per line or per blank-line-separated
// paragraph), JSONL (a chosen field), TSV/CSV (a chosen column, RFC 4180 quoting), CoNLL-U
// (a document per sentence), each optionally gzip-compressed (detected by its magic bytes).
//   auto r = nlp::corpora::open_reader("news.jsonl.gz", {.format = InputFormat::jsonl});
//   for (Document d; r->next(d);) { ... }
// Memory is bounded by the longest record (capped by max_record_bytes), not by the corpus.
// Not thread-safe: one reader per thread. next() throws InputError (bad data, with file, line,
// column and byte offset), IoError (unreadable file) and UsageError (bad options, e.g. a
// column that is not in the header).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nlp/corpora/document.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::corpora {

enum class InputFormat { text, paragraphs, jsonl, tsv, csv, conllu };
enum class OnError { fail, skip };

struct ReaderOptions {
  InputFormat format = InputFormat::text;
  std::string field = "text";     // jsonl: member holding the text (a.b.c for nested objects)
  std::string id_field;           // jsonl: member holding the id (optional)
  std::string column;             // tsv/csv: header name or 1-based index; default: last column
  std::string id_column;          // tsv/csv: optional id column
  bool header = true;             // tsv/csv: the first record names the columns
  utf8::InvalidPolicy invalid_utf8 = utf8::InvalidPolicy::strict;
  OnError on_error = OnError::fail;  // malformed records (JSON, quoting, missing field)
  std::uint64_t max_record_bytes = 64ull << 20;  // a longer line or record is malformed
  bool strip_bom = true;          // drop a UTF-8 BOM at the start of each file
  // Whether a malformed-record error suggests --on-error=skip (false for commands that have no
  // such option, or where skipping a record would misalign files read side by side).
  bool suggest_skip = true;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Fills `doc` with the next document; false at end of input.
  virtual bool next(Document& doc) = 0;
  virtual const ReadStats& stats() const = 0;
};

class ByteSource;

// Opens one input; "-" is stdin. Throws IoError if it cannot be opened.
std::unique_ptr<Reader> open_reader(const std::string& path, const ReaderOptions& opts);
// Reads an already opened source (see byte_source.hpp, e.g. memory_byte_source); positions name
// the file src->name(). Throws UsageError for invalid options.
std::unique_ptr<Reader> make_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts);
// Reads several inputs one after another (document indexes continue across files, stats() sums
// all files read so far); no paths means stdin. Every path is checked (exists, is readable, is
// not a directory) before this returns, and opened when the reader gets to it.
std::unique_ptr<Reader> open_readers(const std::vector<std::string>& paths,
                                     const ReaderOptions& opts);

// "text" | "paragraphs" | "jsonl" | "tsv" | "csv" | "conllu"; throws UsageError otherwise.
InputFormat parse_input_format(const std::string& name);
const char* to_string(InputFormat f);

}  // namespace nlp::corpora
