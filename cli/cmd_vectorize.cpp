// nlp vectorize count|tfidf: document-term matrices with scikit-learn's CountVectorizer and
// TfidfVectorizer semantics, written as Matrix Market, svmlight or dense TSV, with the
// vocabulary as TSV or JSON.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "nlp/pipeline/filters.hpp"
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

}  // namespace

int cmd_vectorize(int argc, char** argv) {
  po::options_description opts("vectorize");
  opts.add_options()
      ("format,f", po::value<std::string>()->default_value("mtx"),
       "mtx (Matrix Market, scipy.io.mmread) | svmlight (0-based, as dump_svmlight_file) | dense (TSV)")
      ("vocabulary-out", po::value<std::string>(), "vocabulary: .json ({term: column}) or TSV (column, term, df)")
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
      ("norm", po::value<std::string>()->default_value("l2"), "tfidf: l2 | l1 | none")
      ("no-use-idf", "tfidf: no idf weighting")
      ("no-smooth-idf", "tfidf: idf = ln(n / df) + 1")
      ("sublinear-tf", "tfidf: tf = 1 + ln(tf)");
  po::options_description desc;
  desc.add(opts).add(input_options()).add(run_options());
  const Help help{
      "nlp vectorize count|tfidf [options] --output X.mtx [--vocabulary-out V.tsv] [FILE...]",
      "Document-term matrices as scikit-learn's CountVectorizer / TfidfVectorizer compute them\n"
      "(same vocabulary order, values within 1e-12), one row per document in input order.",
      "nlp vectorize tfidf --ngram-range 1,2 --min-df 2 --output x.mtx --vocabulary-out vocab.tsv corpus.txt\n"
      "nlp vectorize count --analyzer char_wb --ngram-range 2,4 --output x.mtx docs.txt"};
  if (argc < 2 || std::string(argv[1]).starts_with("-")) {
    if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
      po::variables_map vm;
      std::vector<std::string> files;
      parse_command_line(argc, argv, desc, help, vm, &files);
      return 0;
    }
    throw UsageError("the first argument names the vectorizer: count or tfidf");
  }
  const std::string kind_name = argv[1];
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) rest.push_back(argv[i]);
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(static_cast<int>(rest.size()), rest.data(), desc, help, vm, &files)) return 0;

  const auto start = std::chrono::steady_clock::now();
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
  const RunOptions run = run_options(vm);
  o.threads = static_cast<unsigned>(run.threads);
  const std::string format = vm["format"].as<std::string>();
  if (format != "mtx" && format != "svmlight" && format != "dense")
    throw UsageError(fmt::format("--format: choose mtx, svmlight or dense, not {:?}", format));

  std::vector<std::string> docs;
  const auto reader = corpora::open_readers(files, reader_options(vm));
  for (corpora::Document d; reader->next(d);) docs.push_back(std::move(d.text));

  Vectorizer v(o);
  const CsrMatrix x = v.fit_transform(docs);

  std::string out;
  if (format == "mtx") write_matrix_market(x, out);
  else if (format == "svmlight") write_svmlight(x, {}, true, out);
  else write_dense_tsv(x, out);
  write_file(run.output, out);
  if (vm.count("vocabulary-out")) {
    const std::string path = vm["vocabulary-out"].as<std::string>();
    const std::vector<std::string> terms(v.vocabulary().begin(), v.vocabulary().end());
    std::string vocab;
    if (path.ends_with(".json")) write_vocabulary_json(terms, vocab);
    else write_vocabulary_tsv(terms, v.document_frequencies(), vocab);
    write_file(path, vocab);
  }
  if (!run.quiet) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "%s %s: %zu documents, %zu terms, %zu stored values, %.2f s\n", argv[0],
                 kind_name.c_str(), x.rows, x.cols, x.nnz(), s);
  }
  return 0;
}

}  // namespace nlp::cli
