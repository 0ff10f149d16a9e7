#include "nlp/corpora/reader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "format_reader.hpp"
#include "nlp/corpora/byte_source.hpp"

namespace nlp::corpora {
namespace {

// Reads several files in turn; document indexes continue from one file to the next.
class MultiReader final : public Reader {
 public:
  MultiReader(std::vector<std::string> paths, const ReaderOptions& opts)
      : paths_(std::move(paths)), opts_(opts) {}

  bool next(Document& doc) override {
    while (true) {
      if (!current_) {
        if (next_path_ == paths_.size()) return false;
        current_ = open_reader(paths_[next_path_++], opts_);
      }
      if (current_->next(doc)) {
        doc.index += base_;
        return true;
      }
      done_ += current_->stats();
      base_ += current_->stats().documents;
      current_.reset();
    }
  }

  const ReadStats& stats() const override {
    total_ = done_;
    if (current_) total_ += current_->stats();
    return total_;
  }

 private:
  std::vector<std::string> paths_;
  ReaderOptions opts_;
  std::size_t next_path_ = 0;
  std::unique_ptr<Reader> current_;
  ReadStats done_;
  mutable ReadStats total_;
  std::uint64_t base_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_reader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts) {
  if (opts.max_record_bytes == 0) throw UsageError("max_record_bytes must be at least 1");
  switch (opts.format) {
    case InputFormat::text: return detail::make_text_reader(std::move(src), opts);
    case InputFormat::paragraphs: return detail::make_paragraph_reader(std::move(src), opts);
    case InputFormat::jsonl: return detail::make_jsonl_reader(std::move(src), opts);
    case InputFormat::tsv:
    case InputFormat::csv: return detail::make_table_reader(std::move(src), opts);
    case InputFormat::conllu: return detail::make_conllu_document_reader(std::move(src), opts);
  }
  throw UsageError("unknown input format");
}

std::unique_ptr<Reader> open_reader(const std::string& path, const ReaderOptions& opts) {
  return make_reader(open_byte_source(path), opts);
}

std::unique_ptr<Reader> open_readers(const std::vector<std::string>& paths, const ReaderOptions& opts) {
  if (paths.empty()) return open_reader("-", opts);
  for (const std::string& p : paths) {
    if (p == "-") continue;
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) throw IoError::from_errno(p, "cannot open", errno);
    if (S_ISDIR(st.st_mode)) throw IoError::from_errno(p, "cannot read", EISDIR);
    if (::access(p.c_str(), R_OK) != 0) throw IoError::from_errno(p, "cannot open", errno);
  }
  if (paths.size() == 1) return open_reader(paths[0], opts);
  return std::make_unique<MultiReader>(paths, opts);
}

InputFormat parse_input_format(const std::string& name) {
  for (const InputFormat f : {InputFormat::text, InputFormat::paragraphs, InputFormat::jsonl,
                              InputFormat::tsv, InputFormat::csv, InputFormat::conllu})
    if (name == to_string(f)) return f;
  throw UsageError(fmt::format("unknown input format \"{}\"; expected text, paragraphs, jsonl, tsv, "
                               "csv or conllu",
                               name));
}

const char* to_string(InputFormat f) {
  switch (f) {
    case InputFormat::text: return "text";
    case InputFormat::paragraphs: return "paragraphs";
    case InputFormat::jsonl: return "jsonl";
    case InputFormat::tsv: return "tsv";
    case InputFormat::csv: return "csv";
    case InputFormat::conllu: return "conllu";
  }
  return "?";
}

}  // namespace nlp::corpora
