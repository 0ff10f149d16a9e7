// TSV (fields split at tabs, no quoting) and CSV (RFC 4180: "..." quoting, "" for a quote,
// line breaks inside quotes) tables; the document is one column of each record.
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "format_reader.hpp"

namespace nlp::corpora::detail {
namespace {

struct Field {
  std::size_t begin = 0, end = 0;  // in the record's data
  SourcePos pos;                   // where the field's content starts (after an opening quote)
};

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

class TableReader final : public LineFormatReader {
 public:
  TableReader(std::unique_ptr<ByteSource> src, const ReaderOptions& o)
      : LineFormatReader(std::move(src), o), csv_(o.format == InputFormat::csv), sep_(csv_ ? ',' : '\t') {}

  bool next(Document& doc) override {
    while (true) {
      std::optional<MalformedRecord> error;
      try {
        if (!read_record(error)) return false;
      } catch (const MalformedRecord& e) {  // a record over the size limit under OnError::fail
        malformed(e);
      }
      if (error) {
        malformed(*error);
        continue;
      }
      if (!started_) {
        start();
        if (opts().header) continue;
      }
      if (fields_.size() != ncols_) {
        malformed(count_error());
        continue;
      }
      const Field& f = fields_[text_col_];
      assign_repaired(doc.text, data().substr(f.begin, f.end - f.begin), opts().invalid_utf8, stats_, f.pos);
      doc.pos = f.pos;
      if (id_col_ != kNone) {
        const Field& idf = fields_[id_col_];
        assign_repaired(doc.id, data().substr(idf.begin, idf.end - idf.begin), opts().invalid_utf8,
                        stats_, idf.pos);
      } else {
        make_line_id(doc.id, name(), record_line_);
      }
      deliver(doc);
      return true;
    }
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::string_view data() const { return csv_ ? std::string_view(rec_) : tsv_line_; }

  SourcePos field_pos(const Line& line, std::size_t offset) {
    // Columns are counted incrementally along the line so that a record costs one pass.
    if (offset < col_offset_) {
      col_offset_ = 0;
      col_cps_ = 0;
    }
    col_cps_ += utf8::count_code_points(line.text.substr(col_offset_, offset - col_offset_));
    col_offset_ = offset;
    return SourcePos{name(), line.number, col_cps_ + 1, line.byte + offset};
  }

  // Reads the next non-blank record into fields_. Returns false at the end of the input. A
  // malformed record is fully consumed and reported through `error`.
  bool read_record(std::optional<MalformedRecord>& error) {
    Line line;
    while (true) {
      const LineReader::Status st = lines_.next(line);
      if (st == LineReader::Status::end) return false;
      if (st == LineReader::Status::too_long) {
        // The record ends with the skipped line (quotes inside it cannot be followed).
        error = too_long(line);
        return true;
      }
      if (!line.text.empty()) break;
      ++stats_.blank_lines;
    }
    fields_.clear();
    record_line_ = line.number;
    record_pos_ = SourcePos{name(), line.number, 1, line.byte};
    col_offset_ = col_cps_ = 0;
    if (!csv_) {
      split_tsv(line);
      return true;
    }
    parse_csv(line, error);
    return true;
  }

  void split_tsv(const Line& line) {
    tsv_line_ = line.text;
    std::size_t i = 0;
    while (true) {
      const void* hit = std::memchr(line.text.data() + i, '\t', line.text.size() - i);
      const std::size_t j = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - line.text.data())
                                : line.text.size();
      fields_.push_back(Field{i, j, field_pos(line, i)});
      if (!hit) break;
      i = j + 1;
    }
    end_pos_ = field_pos(line, line.text.size());
  }

  void append(std::string_view s) {
    if (!discard_) rec_.append(s);
  }

  // RFC 4180 with LF or CRLF line breaks. Line breaks inside quoted fields become "\n".
  void parse_csv(Line line, std::optional<MalformedRecord>& error) {
    rec_.clear();
    discard_ = false;
    std::size_t i = 0;
    const auto too_big = [&] {
      if (discard_ || rec_.size() <= opts().max_record_bytes) return;
      discard_ = true;
      error = MalformedRecord(record_pos_, fmt::format("record is longer than the limit of {} bytes "
                                                       "(--max-line-bytes){}",
                                                       opts().max_record_bytes,
                                                       quote_open_ ? quote_hint() : std::string()));
      if (opts().on_error == OnError::fail) throw *error;
    };
    while (true) {
      // At the start of a field.
      std::string_view t = line.text;
      if (i < t.size() && t[i] == '"') {
        quote_pos_ = field_pos(line, i);
        Field f{rec_.size(), 0, field_pos(line, i + 1)};
        ++i;
        quote_open_ = true;
        while (true) {
          const void* hit = std::memchr(t.data() + i, '"', t.size() - i);
          if (!hit) {
            append(t.substr(i));
            append("\n");
            too_big();
            const LineReader::Status st = lines_.next(line);
            if (st == LineReader::Status::end) {
              if (!error)
                error = MalformedRecord(quote_pos_, "unterminated quoted field: the input ends before "
                                                    "its closing quote");
              quote_open_ = false;
              return;
            }
            if (st == LineReader::Status::too_long) {
              if (!error) error = too_long(line);
              quote_open_ = false;
              return;
            }
            t = line.text;
            i = 0;
            col_offset_ = col_cps_ = 0;
            continue;
          }
          const auto j = static_cast<std::size_t>(static_cast<const char*>(hit) - t.data());
          append(t.substr(i, j - i));
          if (j + 1 < t.size() && t[j + 1] == '"') {
            append("\"");
            i = j + 2;
            continue;
          }
          i = j + 1;
          break;
        }
        quote_open_ = false;
        f.end = rec_.size();
        fields_.push_back(f);
        too_big();
        if (i == t.size()) break;
        if (t[i] != sep_) {
          if (!error) {
            const utf8::Decoded d = utf8::decode(t, i);
            std::string found = d.valid ? std::string(t.substr(i, d.length)) : utf8::hex_bytes(t, i, d.length);
            error = MalformedRecord(field_pos(line, i),
                                    fmt::format("expected ',' or the end of the line after a closing "
                                                "quote, found '{}' (a quote inside a quoted field is "
                                                "written \"\")", found));
          }
          return;  // the rest of the line is part of the bad record
        }
        ++i;
        if (i == t.size()) {
          // A trailing separator: one more, empty field.
          fields_.push_back(Field{rec_.size(), rec_.size(), field_pos(line, i)});
          break;
        }
        continue;
      }
      // An unquoted field runs to the next separator; a '"' inside it is an ordinary character.
      const void* hit = std::memchr(t.data() + i, sep_, t.size() - i);
      const std::size_t j = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - t.data()) : t.size();
      Field f{rec_.size(), 0, field_pos(line, i)};
      append(t.substr(i, j - i));
      f.end = rec_.size();
      fields_.push_back(f);
      too_big();
      if (!hit) break;
      i = j + 1;
      if (i == t.size()) {
        fields_.push_back(Field{rec_.size(), rec_.size(), field_pos(line, i)});
        break;
      }
    }
    end_pos_ = field_pos(line, line.text.size());
  }

  std::string quote_hint() const {
    return fmt::format(" inside a quoted field opened at line {} column {}; is its closing quote "
                       "missing?", quote_pos_.line, quote_pos_.column);
  }

  MalformedRecord count_error() const {
    const char* what = csv_ ? "comma-separated" : "tab-separated";
    const std::string basis = opts().header ? "as in the header" : "as in the first record";
    if (fields_.size() > ncols_)
      return MalformedRecord(fields_[ncols_].pos,
                             fmt::format("expected {} {} fields ({}), found {}", ncols_, what, basis,
                                         fields_.size()));
    return MalformedRecord(end_pos_, fmt::format("expected {} {} fields ({}), found {}", ncols_, what,
                                                 basis, fields_.size()));
  }

  // Resolves the columns from the first record (the header, or the first data record).
  void start() {
    started_ = true;
    ncols_ = fields_.size();
    std::vector<std::string> names;
    if (opts().header) {
      for (const Field& f : fields_) {
        std::string n;
        utf8::repair(data().substr(f.begin, f.end - f.begin), utf8::InvalidPolicy::replace, n);
        names.push_back(std::move(n));
      }
    }
    text_col_ = opts().column.empty() ? ncols_ - 1 : resolve(opts().column, names, "column");
    id_col_ = opts().id_column.empty() ? kNone : resolve(opts().id_column, names, "id column");
  }

  std::size_t resolve(const std::string& spec, const std::vector<std::string>& names, const char* what) const {
    if (!names.empty()) {
      std::size_t hit = kNone;
      for (std::size_t k = 0; k < names.size(); ++k) {
        if (names[k] != spec) continue;
        if (hit != kNone)
          throw UsageError(fmt::format("{}: {} \"{}\" is ambiguous: the header names it in columns {} "
                                       "and {}; select it by number",
                                       name(), what, spec, hit + 1, k + 1));
        hit = k;
      }
      if (hit != kNone) return hit;
    }
    if (all_digits(spec)) {
      const std::size_t k = spec.size() > 9 ? kNone : std::stoul(spec);
      if (k == 0 || k > ncols_)
        throw UsageError(fmt::format("{}: {} {} does not exist; the {} has {} column{} (numbers "
                                     "start at 1)",
                                     name(), what, spec, opts().header ? "header" : "first record",
                                     ncols_, ncols_ == 1 ? "" : "s"));
      return k - 1;
    }
    if (names.empty())
      throw UsageError(fmt::format("{}: {} \"{}\" is a name, but the input has no header row; give "
                                   "a 1-based column number",
                                   name(), what, spec));
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + ("\"" + n + "\"");
    throw UsageError(fmt::format("{}: {} \"{}\" is not in the header (columns: {})", name(), what, spec, list));
  }

  bool csv_;
  char sep_;
  bool started_ = false;
  std::size_t ncols_ = 0, text_col_ = 0, id_col_ = kNone;
  std::vector<Field> fields_;
  std::string rec_;              // csv: unquoted field contents of the record
  std::string_view tsv_line_;    // tsv: the record's line (valid until the next line is read)
  bool discard_ = false;         // csv: the record is too long; parse on without keeping it
  bool quote_open_ = false;
  SourcePos quote_pos_;
  SourcePos record_pos_, end_pos_;
  std::uint64_t record_line_ = 0;
  std::size_t col_offset_ = 0;   // field_pos: column bookkeeping within the current line
  std::uint64_t col_cps_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_table_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts) {
  return std::make_unique<TableReader>(std::move(src), opts);
}

}  // namespace nlp::corpora::detail
