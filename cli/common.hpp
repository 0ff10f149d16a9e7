#pragma once
// Shared plumbing of the `nlp` subcommands: option groups, help text, input and output
// set-up, batched parallel processing, progress and the run summary.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "nlp/corpora/reader.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/util/ordered_pool.hpp"

namespace nlp::cli {

namespace po = boost::program_options;

// What --help prints around the option list.
struct Help {
  std::string usage;    // "nlp tokenize [options] [FILE...]"
  std::string purpose;  // one line
  std::string example;  // one or more lines, each a command
};

// Parses argv (argv[0] = command name) with `desc` plus positional FILE arguments collected
// into `files` (when non-null). Prints help and returns false for --help. Throws UsageError
// (via po::error) on bad options.
bool parse_command_line(int argc, char** argv, const po::options_description& desc, const Help& help,
                        po::variables_map& vm, std::vector<std::string>* files);

// True when the option was given on the command line (not just defaulted).
bool given(const po::variables_map& vm, const char* name);

// --input-format, --field, --id-field, --column, --id-column, --no-header, --invalid-utf8,
// --on-error, --max-line-bytes.
po::options_description input_options();
corpora::ReaderOptions reader_options(const po::variables_map& vm);

// --tokenizer, --lang, --pattern, --convert-parentheses, --ngram-range, --char-wb,
// --split-contractions. Applies them to `opts`; with `only_given`, only those on the command
// line (so they override a config file).
po::options_description tokenizer_options(const char* default_tokenizer);
void apply_tokenizer_options(const po::variables_map& vm, TokenizerOptions& opts, bool only_given = false);

// The pipeline flags of `nlp preprocess` (--config, normalization, filters, morphology) and the
// configuration they give together with the tokenizer flags: the --config file first, then
// the flags given on the command line. Throws UsageError / FormatError for bad values.
po::options_description pipeline_options();
PipelineConfig pipeline_config(const po::variables_map& vm);

// -o/--output, --threads, --batch-size, --quiet, --summary.
po::options_description run_options();
struct RunOptions {
  std::string output = "-";
  std::size_t threads = 1;
  std::size_t batch_documents = 512;
  bool quiet = false;
  std::string summary = "text";  // text | json | none (on stderr)
};
RunOptions run_options(const po::variables_map& vm);

// The peak resident memory of this process so far (getrusage's ru_maxrss), in bytes.
std::uint64_t peak_memory_bytes();

// Counts of one run, printed on stderr (text or JSON) at the end, with the peak memory.
struct RunSummary {
  std::string command;
  std::uint64_t documents = 0, tokens = 0, sentences = 0;
  bool counts_tokens = true;  // false: the text form leaves the token count out
  corpora::ReadStats read;
  double seconds = 0;
  std::string json_extra;  // extra members ("\"tokenizer\": \"...\"") for the JSON form
  std::string text_extra;  // extra words for the text form ("1,000 terms")
  void print(const RunOptions& run) const;
};

// Reads documents from `files` (stdin when empty), processes batches on `run.threads`
// workers with `work(doc, worker, out, counts)` appending each document's output record to
// `out`, and writes the records in input order to run.output through an atomic OutputFile.
// Progress goes to stderr when it is a terminal. Returns the summary.
struct DocCounts {
  std::uint64_t tokens = 0, sentences = 0;
};
using DocWork = std::function<void(const corpora::Document& doc, std::size_t worker, std::string& out,
                                   DocCounts& counts)>;
// `header` (e.g. the column names of TSV output) is written first.
RunSummary run_documents(const std::string& command, const std::vector<std::string>& files,
                         const corpora::ReaderOptions& reader, const RunOptions& run, const DocWork& work,
                         std::string_view header = {});

// Runs `pipeline` over the inputs and writes each document's tokens in the --format the
// command line chose, with the run options of `vm`; prints the summary. Returns the exit code.
int run_pipeline(const std::string& command, const std::vector<std::string>& files,
                 const po::variables_map& vm, const Pipeline& pipeline);

// "1,234,567".
std::string with_commas(std::uint64_t n);

// The progress line on stderr (bytes, documents, MB/s), only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled && ::isatty(2)) {}
  void update(std::uint64_t bytes, std::uint64_t docs) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%10.1f MB  %14s documents  %8.1f MB/s ", static_cast<double>(bytes) / 1e6,
                 with_commas(docs).c_str(), secs > 0 ? static_cast<double>(bytes) / 1e6 / secs : 0.0);
    std::fflush(stderr);
    shown_ = true;
  }
  void finish() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_, shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

// For commands that reduce a corpus to one result instead of writing a record per document:
// documents are read in batches; process(docs, n, worker, partial, counts) fills the batch's own
// `partial` (a Partial given clear() first) on a worker, and reduce(partial) folds it into the
// result on the calling thread in input order, so the result is the same for any --threads.
// Returns the summary (documents, tokens from counts, read statistics, seconds).
template <class Partial, class Process, class Reduce>
RunSummary reduce_documents(const std::string& command, const std::vector<std::string>& files,
                            const corpora::ReaderOptions& reader_opts, const RunOptions& run, Process&& process,
                            Reduce&& reduce) {
  struct Batch {
    std::vector<corpora::Document> docs;
    std::size_t n = 0;
    Partial partial;
    DocCounts counts;
    void clear() {
      n = 0;
      partial.clear();
      counts = {};
    }
  };
  const auto start = std::chrono::steady_clock::now();
  auto reader = corpora::open_readers(files, reader_opts);
  Progress progress(!run.quiet);
  RunSummary summary;
  summary.command = command;
  constexpr std::size_t kBatchBytes = 1 << 20;
  run_ordered<Batch>(
      run.threads,
      [&](Batch& b) {
        std::size_t bytes = 0;
        while (b.n < run.batch_documents && bytes < kBatchBytes) {
          if (b.n == b.docs.size()) b.docs.emplace_back();
          if (!reader->next(b.docs[b.n])) break;
          bytes += b.docs[b.n].text.size();
          ++b.n;
        }
        return b.n > 0;
      },
      [&](Batch& b, std::size_t worker) { process(b.docs, b.n, worker, b.partial, b.counts); },
      [&](Batch& b) {
        reduce(b.partial);
        summary.documents += b.n;
        summary.tokens += b.counts.tokens;
        summary.sentences += b.counts.sentences;
        progress.update(reader->stats().bytes, summary.documents);
      });
  progress.finish();
  summary.read = reader->stats();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

// The number of hardware threads (at least 1).
std::size_t hardware_threads();

// Words of a word list file (stopwords, connector words): one per line; BOM, CR and surrounding
// spaces dropped; blank lines and lines starting with '#' skipped. InputError names the line of
// invalid UTF-8.
std::vector<std::string> read_word_list(const std::string& path);

// Reads a whole (small) file, e.g. a config or a word list; "-" is stdin. Throws IoError.
std::string read_small_file(const std::string& path);

}  // namespace nlp::cli
