#pragma once
// Shared plumbing of the `nlp` subcommands: option groups, help text, input and output
// set-up, batched parallel processing, progress and the run summary.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "nlp/corpora/reader.hpp"
#include "nlp/pipeline/pipeline.hpp"

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

// The number of hardware threads (at least 1).
std::size_t hardware_threads();

// Reads a whole (small) file, e.g. a config or a word list; "-" is stdin. Throws IoError.
std::string read_small_file(const std::string& path);

}  // namespace nlp::cli
