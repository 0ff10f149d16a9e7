// nlp vectorize count|tfidf: document-term matrices with scikit-learn's CountVectorizer and
// TfidfVectorizer semantics, written as Matrix Market, svmlight or dense TSV, with the
// vocabulary as TSV or JSON.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "nlp/pipeline/filters.hpp"
#include "nlp/util/ordered_pool.hpp"
#include "nlp/vectorize/matrix_io.hpp"
#include "nlp/vectorize/vectorizer.hpp"

namespace nlp::cli {
namespace {

// "2" is a number of documents, "0.5" or "1.0" a proportion (scikit-learn's int versus float).
DfBound parse_df(const std::string& flag, const std::string& v) {
  try {
    std::size_t used = 0;
    if (v.find_first_of(".eE") != std::string::npos) {
      const double p = std::stod(v, &used);
      if (used == v.size() && p >= 0.0 && p <= 1.0) return DfBound::fraction(p);
    } else {
      const unsigned long long n = std::stoull(v, &used);
      if (used == v.size() && v[0] != '-') return DfBound::count(n);
    }
  } catch (const std::exception&) {
  }
  throw UsageError(fmt::format("{}: expected a document count (2) or a proportion in [0, 1] (0.5), got {:?}",
                               flag, v));
}

void write_file(const std::string& path, const std::string& data) {
  corpora::OutputFile out(path);
  out.write(data);
  out.commit();
}

// Writes a matrix a block of rows at a time in the chosen format. Matrix Market announces its
// counts before the entries: in a file the size line is a padded placeholder overwritten at the
// end; on stdout the entries are held in memory until then. Blocks may be formatted on any
// thread (format()) and are added in row order.
class MatrixSink {
 public:
  // `known`: the matrix's (rows, nnz) when they are known before the first block.
  MatrixSink(const std::string& format, corpora::OutputFile& out, std::uint64_t cols,
             std::optional<std::pair<std::uint64_t, std::uint64_t>> known = std::nullopt)
      : format_(format), out_(out), cols_(cols), known_(known.has_value()) {
    if (format_ == "mtx") {
      out_.write(kMatrixMarketBanner);
      if (known_) out_.write(matrix_market_size_line(known->first, cols_, known->second, false));
      else if (out_.can_overwrite()) out_.write(matrix_market_size_line(0, cols_, 0, true));
    }
  }
  // The text of `block`, whose first row is row `first_row` of the whole matrix.
  static void format(const std::string& format, const CsrMatrix& block, std::uint64_t first_row, std::string& text) {
    if (format == "mtx") write_matrix_market_entries(block, first_row, text);
    else if (format == "svmlight") write_svmlight(block, {}, true, text);
    else write_dense_tsv(block, text);
  }
  void add(std::string_view text, std::uint64_t rows, std::uint64_t nnz) {
    rows_ += rows;
    nnz_ += nnz;
    if (format_ == "mtx" && !out_.can_overwrite() && !known_) held_ += text;
    else out_.write(text);
  }
  void finish() {
    if (format_ == "mtx" && !known_) {
      if (!out_.can_overwrite()) {
        out_.write(matrix_market_size_line(rows_, cols_, nnz_, false));
        out_.write(held_);
      } else {
        out_.overwrite(kMatrixMarketBanner.size(), matrix_market_size_line(rows_, cols_, nnz_, true));
      }
    }
    out_.commit();
  }
  std::uint64_t rows() const noexcept { return rows_; }
  std::uint64_t nnz() const noexcept { return nnz_; }

 private:
  std::string format_;
  corpora::OutputFile& out_;
  std::uint64_t cols_, rows_ = 0, nnz_ = 0;
  bool known_;
  std::string held_;
};

// Writes a whole matrix: blocks of rows formatted on run.threads workers, written in order, so
// the text of the whole matrix is never held at once.
void write_matrix(const CsrMatrix& x, const std::string& format, const RunOptions& run) {
  struct Block {
    std::size_t begin = 0, end = 0;
    std::string text;
    void clear() { text.clear(); }
  };
  constexpr std::size_t kBlockRows = 8192;
  corpora::OutputFile out(run.output);
  MatrixSink sink(format, out, x.cols, std::make_pair(std::uint64_t{x.rows}, std::uint64_t{x.nnz()}));
  std::size_t next = 0;
  run_ordered<Block>(
      run.threads,
      [&](Block& b) {
        b.begin = next;
        b.end = std::min(x.rows, next + kBlockRows);
        next = b.end;
        return b.begin < b.end;
      },
      [&](Block& b, std::size_t) { MatrixSink::format(format, x.slice_rows(b.begin, b.end), b.begin, b.text); },
      [&](Block& b) { sink.add(b.text, b.end - b.begin, x.indptr[b.end] - x.indptr[b.begin]); });
  sink.finish();
}

// Vectorizes the documents a block at a time with a fitted (or hashing) vectorizer on
// run.threads workers (each block on one thread, written in input order), so memory stays
// bounded by the blocks in flight, not the corpus.
void stream_transform(Vectorizer& v, corpora::Reader& reader, const std::string& format,
                      const RunOptions& run, std::size_t cols, RunSummary& summary) {
  struct Block {
    std::vector<std::string> docs;
    std::uint64_t first_row = 0, nnz = 0;
    std::string text;
    void clear() {
      docs.clear();
      text.clear();
      nnz = 0;
    }
  };
  constexpr std::size_t kBlockDocuments = 4096;
  v.set_threads(1);
  corpora::OutputFile out(run.output);
  MatrixSink sink(format, out, cols);
  std::uint64_t produced = 0;
  corpora::Document d;
  run_ordered<Block>(
      run.threads,
      [&](Block& b) {
        b.first_row = produced;
        while (b.docs.size() < kBlockDocuments && reader.next(d)) b.docs.push_back(std::move(d.text));
        produced += b.docs.size();
        return !b.docs.empty();
      },
      [&](Block& b, std::size_t) {
        const CsrMatrix m = v.transform(b.docs);
        b.nnz = m.nnz();
        MatrixSink::format(format, m, b.first_row, b.text);
      },
      [&](Block& b) { sink.add(b.text, b.docs.size(), b.nnz); });
  sink.finish();
  summary.documents = sink.rows();
  summary.text_extra = fmt::format("{} columns, {} stored values", cols, sink.nnz());
  summary.json_extra = fmt::format("\"rows\": {}, \"columns\": {}, \"stored_values\": {}", sink.rows(), cols,
                                   sink.nnz());
}

void write_vocabulary(const Vectorizer& v, const std::string& path) {
  const std::vector<std::string> terms(v.vocabulary().begin(), v.vocabulary().end());
  std::string vocab;
  if (path.ends_with(".json")) write_vocabulary_json(terms, vocab);
  else write_vocabulary_tsv(terms, v.document_frequencies(), vocab);
  write_file(path, vocab);
}

// The analyzer and weighting flags (everything a model file records).
const char* const kModelFlags[] = {"analyzer", "ngram-range", "no-lowercase", "strip-accents", "token-pattern",
                                   "stop-words", "min-df", "max-df", "max-features", "binary", "norm",
                                   "no-use-idf", "no-smooth-idf", "sublinear-tf", "n-features",
                                   "no-alternate-sign"};

VectorizerOptions options_from_flags(const std::string& kind_name, const po::variables_map& vm) {
  VectorizerOptions o;
  o.kind = parse_vectorizer_kind(kind_name);
  o.analyzer = parse_analyzer(vm["analyzer"].as<std::string>());
  {
    const std::string r = vm["ngram-range"].as<std::string>();
    unsigned long lo = 0, hi = 0;
    char comma = 0;
    if (std::sscanf(r.c_str(), "%lu%c%lu", &lo, &comma, &hi) != 3 || comma != ',' || lo == 0 || lo > hi)
      throw UsageError(fmt::format("--ngram-range: expected MIN,MAX with 1 <= MIN <= MAX, got {:?}", r));
    o.ngram_min = lo;
    o.ngram_max = hi;
  }
  o.lowercase = vm.count("no-lowercase") == 0;
  o.strip_accents = parse_accent_mode(vm["strip-accents"].as<std::string>());
  if (vm.count("token-pattern")) o.token_pattern = vm["token-pattern"].as<std::string>();
  if (vm.count("stop-words")) {
    const std::string s = vm["stop-words"].as<std::string>();
    o.stop_words = stopword_list(s == "english" ? "sklearn:en" : s);
  }
  o.min_df = parse_df("--min-df", vm["min-df"].as<std::string>());
  o.max_df = parse_df("--max-df", vm["max-df"].as<std::string>());
  if (vm.count("max-features")) o.max_features = vm["max-features"].as<std::size_t>();
  o.binary = vm.count("binary") > 0;
  o.norm = parse_vector_norm(vm["norm"].as<std::string>());
  o.use_idf = vm.count("no-use-idf") == 0;
  o.smooth_idf = vm.count("no-smooth-idf") == 0;
  o.sublinear_tf = vm.count("sublinear-tf") > 0;
  const std::uint64_t n_features = vm["n-features"].as<std::uint64_t>();
  if (n_features == 0 || n_features > 0x7fffffffu)
    throw UsageError(fmt::format("--n-features: expected 1..2147483647, got {}", n_features));
  o.n_features = static_cast<std::uint32_t>(n_features);
  o.alternate_sign = vm.count("no-alternate-sign") == 0;
  return o;
}

}  // namespace

int cmd_vectorize(int argc, char** argv) {
  po::options_description opts("vectorize");
  opts.add_options()
      ("format,f", po::value<std::string>()->default_value("mtx"),
       "mtx (Matrix Market, scipy.io.mmread) | svmlight (0-based, as dump_svmlight_file) | dense (TSV)")
      ("vocabulary-out", po::value<std::string>(), "vocabulary: .json ({term: column}) or TSV (column, term, df)")
      ("model-out", po::value<std::string>(), "save the fitted vectorizer (nlp.vectorizer) for `transform`")
      ("model", po::value<std::string>(), "transform: the fitted vectorizer to apply")
      ("analyzer", po::value<std::string>()->default_value("word"), "word | char | char_wb")
      ("ngram-range", po::value<std::string>()->default_value("1,1"), "MIN,MAX")
      ("no-lowercase", "keep case (scikit-learn lowercase=False)")
      ("strip-accents", po::value<std::string>()->default_value("keep"), "keep | unicode | ascii")
      ("token-pattern", po::value<std::string>(), "word analyzer: Python regex (default (?u)\\b\\w\\w+\\b)")
      ("stop-words", po::value<std::string>(), "english (scikit-learn's list) or a bundled list name (nltk:en, iso:es, ...)")
      ("min-df", po::value<std::string>()->default_value("1"), "document count or proportion")
      ("max-df", po::value<std::string>()->default_value("1.0"), "document count or proportion")
      ("max-features", po::value<std::size_t>(), "keep the most frequent terms")
      ("binary", "counts become 1")
      ("norm", po::value<std::string>()->default_value("l2"), "tfidf and hashing: l2 | l1 | none")
      ("no-use-idf", "tfidf: no idf weighting")
      ("no-smooth-idf", "tfidf: idf = ln(n / df) + 1")
      ("sublinear-tf", "tfidf: tf = 1 + ln(tf)")
      ("n-features", po::value<std::uint64_t>()->default_value(1u << 20), "hashing: number of columns")
      ("no-alternate-sign", "hashing: every feature adds +1 (scikit-learn alternate_sign=False)");
  po::options_description desc;
  desc.add(opts).add(input_options()).add(run_options());
  const Help help{
      "nlp vectorize count|tfidf|hashing [options] --output X.mtx [--model-out M] [--vocabulary-out V.tsv] [FILE...]\n"
      "       nlp vectorize transform --model M [--output X.mtx] [FILE...]",
      "Document-term matrices as scikit-learn's CountVectorizer, TfidfVectorizer and HashingVectorizer\n"
      "compute them (same vocabulary order, values within 1e-12), one row per document in input order.\n"
      "`hashing` and `transform` stream: memory does not grow with the corpus.",
      "nlp vectorize tfidf --ngram-range 1,2 --min-df 2 --output x.mtx --model-out tfidf.model train.txt\n"
      "nlp vectorize transform --model tfidf.model --output y.mtx test.txt\n"
      "nlp vectorize hashing --n-features 1048576 --format svmlight --output x.svm big-corpus.txt.gz\n"
      "nlp vectorize count --analyzer char_wb --ngram-range 2,4 --output x.mtx docs.txt"};
  if (argc < 2 || std::string(argv[1]).starts_with("-")) {
    if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
      po::variables_map vm;
      std::vector<std::string> files;
      parse_command_line(argc, argv, desc, help, vm, &files);
      return 0;
    }
    throw UsageError("the first argument names the vectorizer (count, tfidf or hashing) or is transform");
  }
  const std::string kind_name = argv[1];
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) rest.push_back(argv[i]);
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(static_cast<int>(rest.size()), rest.data(), desc, help, vm, &files)) return 0;

  const auto start = std::chrono::steady_clock::now();
  const RunOptions run = run_options(vm);
  const std::string format = vm["format"].as<std::string>();
  if (format != "mtx" && format != "svmlight" && format != "dense")
    throw UsageError(fmt::format("--format: choose mtx, svmlight or dense, not {:?}", format));
  RunSummary summary;
  summary.command = std::string(argv[0]) + " " + kind_name;
  summary.counts_tokens = false;

  std::optional<Vectorizer> fitted;
  if (kind_name == "transform") {
    if (!vm.count("model")) throw UsageError("transform needs --model FILE (written by --model-out)");
    for (const char* flag : kModelFlags)
      if (given(vm, flag))
        throw UsageError(fmt::format("--{} cannot be combined with transform: the model fixes the analyzer "
                                     "and weighting it was fitted with",
                                     flag));
    if (vm.count("model-out")) throw UsageError("transform does not write a model; drop --model-out");
    fitted.emplace(Vectorizer::load(vm["model"].as<std::string>()));
  } else {
    if (vm.count("model")) throw UsageError("--model is for transform; fitting writes a model with --model-out");
    VectorizerOptions o = options_from_flags(kind_name, vm);
    o.threads = static_cast<unsigned>(run.threads);
    fitted.emplace(std::move(o));
  }
  Vectorizer& v = *fitted;
  if (vm.count("vocabulary-out") && v.options().kind == VectorizerKind::hashing)
    throw UsageError("--vocabulary-out: a hashing vectorizer has no vocabulary");

  const auto reader = corpora::open_readers(files, reader_options(vm));
  if (kind_name == "transform" || v.options().kind == VectorizerKind::hashing) {
    const std::size_t cols = v.options().kind == VectorizerKind::hashing ? v.options().n_features
                                                                         : v.vocabulary().size();
    stream_transform(v, *reader, format, run, cols, summary);
  } else {
    // The documents back to back in one buffer: no allocation per document.
    std::string text;
    std::vector<std::size_t> ends;
    for (corpora::Document d; reader->next(d);) {
      text += d.text;
      ends.push_back(text.size());
    }
    std::vector<std::string_view> docs;
    docs.reserve(ends.size());
    for (std::size_t i = 0, begin = 0; i < ends.size(); begin = ends[i++])
      docs.push_back(std::string_view(text).substr(begin, ends[i] - begin));
    const CsrMatrix x = v.fit_transform(docs);
    docs = {};
    text = std::string();
    write_matrix(x, format, run);
    summary.documents = x.rows;
    summary.text_extra = fmt::format("{} terms, {} stored values", x.cols, x.nnz());
    summary.json_extra = fmt::format("\"rows\": {}, \"columns\": {}, \"stored_values\": {}", x.rows, x.cols, x.nnz());
  }
  if (vm.count("vocabulary-out")) write_vocabulary(v, vm["vocabulary-out"].as<std::string>());
  if (vm.count("model-out")) v.save(vm["model-out"].as<std::string>());
  summary.read = reader->stats();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.print(run);
  return 0;
}

}  // namespace nlp::cli
