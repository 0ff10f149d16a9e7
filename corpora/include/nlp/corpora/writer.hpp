#pragma once
// Token writers: one record per document, in the format chosen.
//   text:   tokens joined by single spaces, one line per document (spaces, tabs and newlines
//           inside a token are written as U+2581, U+2192 and U+21B5 so lines stay aligned)
//   jsonl:  {"id": ..., "tokens": [...], "spans": [[begin, end], ...]}
//   tsv:    id TAB tokens joined by spaces
//   csv:    id,tokens (RFC 4180 quoting)
//   conllu: one sentence per document: # sent_id, # text, ID FORM _ ... with SpaceAfter=No
//           computed from the spans
// Writers format into a buffer that the caller hands, in whole records, to an OutputFile.
// format() is const and keeps no state, so one writer may serve several threads. Details and
// examples: docs/formats/tokens.md.
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "nlp/corpora/document.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/token.hpp"
#include "nlp/util/json.hpp"

namespace nlp::corpora {

enum class OutputFormat { text, jsonl, tsv, csv, conllu };

class TokenWriter {
 public:
  virtual ~TokenWriter() = default;
  // Appends the record of one document to `out` (a string the caller flushes to a file).
  virtual void format(const Document& doc, std::span<const Token> tokens, std::string& out) const = 0;
  // Appends a header record naming the columns ("id\ttokens" for tsv, "id,tokens" for csv;
  // nothing for the other formats). Optional: call it once before the first record when the
  // output should be read back with a header row (the readers' default).
  virtual void header(std::string& out) const { (void)out; }
};

std::unique_ptr<TokenWriter> make_token_writer(OutputFormat format);
// "text" | "jsonl" | "tsv" | "csv" | "conllu"; throws UsageError otherwise.
OutputFormat parse_output_format(const std::string& name);
const char* to_string(OutputFormat f);

// Appends `s` as a JSON string literal (quotes included): nlp/util/json.hpp.
using nlp::append_json_string;

}  // namespace nlp::corpora
