#include "common.hpp"

#include <sys/resource.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "nlp/corpora/output.hpp"
#include "nlp/corpora/writer.hpp"
#include "nlp/error.hpp"
#include "nlp/util/ordered_pool.hpp"

namespace nlp::cli {

bool parse_command_line(int argc, char** argv, const po::options_description& desc, const Help& help,
                        po::variables_map& vm, std::vector<std::string>* files) {
  po::options_description all;
  all.add(desc);
  po::options_description hidden;
  hidden.add_options()("help,h", "show this help")("input-files", po::value<std::vector<std::string>>(), "");
  all.add(hidden);
  po::positional_options_description pos;
  if (files) pos.add("input-files", -1);
  po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: " << help.usage << "\n" << help.purpose << "\n\n" << desc << "\n";
    std::cout << "  -h [ --help ]                   show this help\n\nexample:\n";
    std::istringstream ex(help.example);
    for (std::string line; std::getline(ex, line);) std::cout << "  " << line << "\n";
    return false;
  }
  po::notify(vm);
  if (files && vm.count("input-files")) *files = vm["input-files"].as<std::vector<std::string>>();
  return true;
}

bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) && !vm[name].defaulted();
}

po::options_description input_options() {
  po::options_description d("input");
  d.add_options()
      ("input-format", po::value<std::string>()->default_value("text"),
       "text (a document per line) | paragraphs (per blank-line-separated block) | jsonl | tsv | "
       "csv | conllu (a document per sentence); .gz input is detected")
      ("field", po::value<std::string>()->default_value("text"), "jsonl: member holding the text (a.b for nested)")
      ("id-field", po::value<std::string>(), "jsonl: member holding the document id")
      ("column", po::value<std::string>(), "tsv/csv: text column, by header name or 1-based index (default: last)")
      ("id-column", po::value<std::string>(), "tsv/csv: id column")
      ("no-header", "tsv/csv: the first row is data, not column names")
      ("invalid-utf8", po::value<std::string>()->default_value("strict"),
       "strict (error) | replace (U+FFFD, counted) | skip (drop bytes, counted)")
      ("on-error", po::value<std::string>()->default_value("fail"),
       "malformed records (JSON, CSV quoting, missing field, over-long line): fail | skip (counted)")
      ("max-line-bytes", po::value<std::uint64_t>()->default_value(64ull << 20),
       "longest line or record accepted");
  return d;
}

corpora::ReaderOptions reader_options(const po::variables_map& vm) {
  corpora::ReaderOptions o;
  o.format = corpora::parse_input_format(vm["input-format"].as<std::string>());
  o.field = vm["field"].as<std::string>();
  if (vm.count("id-field")) o.id_field = vm["id-field"].as<std::string>();
  if (vm.count("column")) o.column = vm["column"].as<std::string>();
  if (vm.count("id-column")) o.id_column = vm["id-column"].as<std::string>();
  o.header = !vm.count("no-header");
  const std::string inv = vm["invalid-utf8"].as<std::string>();
  if (inv == "strict") o.invalid_utf8 = utf8::InvalidPolicy::strict;
  else if (inv == "replace") o.invalid_utf8 = utf8::InvalidPolicy::replace;
  else if (inv == "skip") o.invalid_utf8 = utf8::InvalidPolicy::skip;
  else throw UsageError(fmt::format("--invalid-utf8: unknown policy {:?}; choose strict, replace or skip", inv));
  const std::string oe = vm["on-error"].as<std::string>();
  if (oe == "fail") o.on_error = corpora::OnError::fail;
  else if (oe == "skip") o.on_error = corpora::OnError::skip;
  else throw UsageError(fmt::format("--on-error: unknown policy {:?}; choose fail or skip", oe));
  o.max_record_bytes = vm["max-line-bytes"].as<std::uint64_t>();
  if (o.max_record_bytes == 0) throw UsageError("--max-line-bytes must be positive");
  return o;
}

po::options_description tokenizer_options(const char* default_tokenizer) {
  po::options_description d("tokenizer");
  std::string names;
  for (const auto n : tokenizer_names()) names += (names.empty() ? "" : " | ") + std::string(n);
  d.add_options()
      ("tokenizer,t", po::value<std::string>()->default_value(default_tokenizer), names.c_str())
      ("lang,l", po::value<std::string>()->default_value("en"), "language (BCP 47): en, es, zh, ...")
      ("pattern", po::value<std::string>(), "regex: token pattern (Python syntax; default (?u)\\b\\w\\w+\\b)")
      ("convert-parentheses", "treebank, word: ( ) [ ] { } as -LRB- -RRB- -LSB- -RSB- -LCB- -RCB-")
      ("ngram-range", po::value<std::string>(), "char-ngram: MIN,MAX code points (default 1,1)")
      ("char-wb", "char-ngram: n-grams inside word boundaries, padded with spaces (char_wb)")
      ("split-contractions", "ud: emit the words of multiword tokens: don't -> do n't, del -> de el, dárselo -> dar se lo");
  return d;
}

void apply_tokenizer_options(const po::variables_map& vm, TokenizerOptions& o, bool only_given) {
  if (!only_given || given(vm, "tokenizer")) o.name = vm["tokenizer"].as<std::string>();
  if (!only_given || given(vm, "lang")) o.lang = vm["lang"].as<std::string>();
  if (vm.count("pattern")) o.pattern = vm["pattern"].as<std::string>();
  if (vm.count("convert-parentheses")) o.convert_parentheses = true;
  if (vm.count("char-wb")) o.char_wb = true;
  if (vm.count("split-contractions")) o.split_contractions = true;
  if (vm.count("ngram-range")) {
    const std::string r = vm["ngram-range"].as<std::string>();
    unsigned long lo = 0, hi = 0;
    char sep = 0;
    std::istringstream in(r);
    if (!(in >> lo) || !(in >> sep) || sep != ',' || !(in >> hi) || !in.eof())
      throw UsageError(fmt::format("--ngram-range: expected MIN,MAX (e.g. 2,4), got {:?}", r));
    o.ngram_min = lo;
    o.ngram_max = hi;
  }
}

namespace {

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    for (std::size_t i = 0, j; i <= v.size(); i = j + 1) {
      j = std::min(v.find(',', i), v.size());
      if (j > i) out.push_back(v.substr(i, j - i));
    }
  }
  return out;
}

}  // namespace

// Words of a user stopword file: one per line, '#' starts a comment line, BOM and CR dropped.
std::vector<std::string> read_word_list(const std::string& path) {
  const std::string data = read_small_file(path);
  std::vector<std::string> words;
  std::size_t line_no = 0, pos = 0;
  if (data.starts_with(utf8::kBom)) pos = utf8::kBom.size();
  while (pos < data.size()) {
    const std::size_t nl = std::min(data.find('\n', pos), data.size());
    std::string_view line(data.data() + pos, nl - pos);
    ++line_no;
    if (const std::size_t bad = utf8::find_invalid(line); bad != std::string_view::npos) {
      throw InputError({path, line_no, utf8::count_code_points(line.substr(0, bad)) + 1, pos + bad},
                       fmt::format("invalid UTF-8 sequence {} in a word list", utf8::hex_bytes(line, bad)));
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') words.emplace_back(line);
    pos = nl + 1;
  }
  return words;
}

po::options_description pipeline_options() {
  po::options_description d("pipeline (normalize, filters, morphology; as 'nlp preprocess')");
  d.add_options()("config,c", po::value<std::string>(), "JSON configuration (as 'nlp preprocess --print-config' writes); flags override it");
  po::options_description norm("normalization (before tokenization)");
  norm.add_options()
      ("unicode-form", po::value<std::string>(), "none | nfc | nfd | nfkc | nfkd (default none)")
      ("normalize-case", po::value<std::string>(), "keep | lower | fold, before tokenizing (default keep)")
      ("strip-accents", po::value<std::string>(), "keep | unicode | ascii, as scikit-learn (default keep)")
      ("normalize-whitespace", "collapse whitespace runs to one space and trim");
  po::options_description filt("filters (after tokenization)");
  filt.add_options()
      ("contractions", po::value<std::string>(), "keep | expand (English: won't -> will not) (default keep)")
      ("urls", po::value<std::string>(), "keep | drop | replace (by <url>) (default keep)")
      ("emails", po::value<std::string>(), "keep | drop | replace (by <email>)")
      ("mentions", po::value<std::string>(), "keep | drop | replace (by <user>)")
      ("hashtags", po::value<std::string>(), "keep | drop | replace (by <hashtag>)")
      ("numbers", po::value<std::string>(), "keep | drop | replace (by <num>)")
      ("punctuation", po::value<std::string>(), "keep | drop tokens made of Unicode punctuation (P*) and Penn Treebank quote and bracket tokens")
      ("symbols", po::value<std::string>(), "keep | drop tokens with no letter or digit (symbols, emoji)")
      ("special-chars", po::value<std::string>(), "keep | strip characters other than letters, digits and marks")
      ("case", po::value<std::string>(), "keep | lower | fold tokens (default keep)")
      ("stopwords", po::value<std::vector<std::string>>()->composing(),
       "drop stopwords: LANG (en, es, ...), nltk:LANG, iso:LANG or sklearn:en; comma-separated or repeated")
      ("stopwords-file", po::value<std::vector<std::string>>()->composing(),
       "drop the words of a file (one per line, # comments)")
      ("min-length", po::value<std::size_t>(), "drop tokens shorter than this (code points)")
      ("max-length", po::value<std::size_t>(), "drop tokens longer than this (0 = no limit)")
      ("placeholder", po::value<std::vector<std::string>>()->composing(),
       "KIND=TEXT for url, email, mention, hashtag, number (e.g. number=0)");
  po::options_description morph("morphology (last: lemmatize, then stem; language from --lang)");
  morph.add_options()
      ("lemmatize", "replace each token by its lemma (no part of speech: each method's fallback)")
      ("lemmatizer-method", po::value<std::string>(), "en: ud | wordnet; es: ud | hunspell; model")
      ("lemmatizer-model", po::value<std::string>(), "a model written by 'nlp lemmatize train'")
      ("stem", po::value<std::string>(), "replace each token by its stem: snowball | porter2 | porter | lancaster")
      ("stem-mode", po::value<std::string>(), "porter: nltk | martin | original (default nltk)")
      ("stem-compat", po::value<std::string>(), "snowball: nltk for NLTK's SnowballStemmer output");
  d.add(norm).add(filt).add(morph);
  return d;
}

PipelineConfig pipeline_config(const po::variables_map& vm) {
  PipelineConfig cfg;
  const bool from_config = vm.count("config") > 0;
  if (from_config) {
    const std::string path = vm["config"].as<std::string>();
    try {
      cfg = PipelineConfig::from_json(read_small_file(path));
    } catch (const FormatError& e) {
      throw FormatError(fmt::format("{}: {}", path, e.what()));
    }
  }
  apply_tokenizer_options(vm, cfg.tokenizer, from_config);
  auto str = [&](const char* k) { return vm[k].as<std::string>(); };
  NormalizeOptions& n = cfg.normalize;
  if (vm.count("unicode-form")) n.form = parse_unicode_form(str("unicode-form"));
  if (vm.count("normalize-case")) n.case_mode = parse_case_mode(str("normalize-case"));
  if (vm.count("strip-accents")) n.strip_accents = parse_accent_mode(str("strip-accents"));
  if (vm.count("normalize-whitespace")) n.whitespace = true;

  FilterOptions& f = cfg.filters;
  auto choice = [&](const char* k, bool& target, const char* yes, const char* no) {
    if (!vm.count(k)) return;
    const std::string v = str(k);
    if (v == yes) target = true;
    else if (v == no) target = false;
    else throw UsageError(fmt::format("--{}: choose {} or {}, not {:?}", k, no, yes, v));
  };
  choice("contractions", f.expand_contractions, "expand", "keep");
  choice("punctuation", f.drop_punctuation, "drop", "keep");
  choice("symbols", f.drop_symbols, "drop", "keep");
  choice("special-chars", f.strip_special, "strip", "keep");
  if (vm.count("urls")) f.urls = parse_kind_action(str("urls"));
  if (vm.count("emails")) f.emails = parse_kind_action(str("emails"));
  if (vm.count("mentions")) f.mentions = parse_kind_action(str("mentions"));
  if (vm.count("hashtags")) f.hashtags = parse_kind_action(str("hashtags"));
  if (vm.count("numbers")) f.numbers = parse_kind_action(str("numbers"));
  if (vm.count("case")) f.case_mode = parse_case_mode(str("case"));
  if (vm.count("stopwords"))
    for (const auto& l : split_commas(vm["stopwords"].as<std::vector<std::string>>())) f.stopword_lists.push_back(l);
  if (vm.count("stopwords-file"))
    for (const auto& path : vm["stopwords-file"].as<std::vector<std::string>>())
      for (auto& w : read_word_list(path)) f.stopwords.push_back(std::move(w));
  if (vm.count("min-length")) f.min_length = vm["min-length"].as<std::size_t>();
  if (vm.count("max-length")) f.max_length = vm["max-length"].as<std::size_t>();
  if (f.max_length && f.min_length > f.max_length)
    throw UsageError(fmt::format("--min-length {} is greater than --max-length {}", f.min_length, f.max_length));
  if (vm.count("placeholder")) {
    for (const auto& kv : vm["placeholder"].as<std::vector<std::string>>()) {
      const std::size_t eq = kv.find('=');
      const std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
      if (eq == std::string::npos || v.empty() || !utf8::is_valid(v))
        throw UsageError(fmt::format("--placeholder: expected KIND=TEXT, got {:?}", kv));
      if (k == "url") f.url_placeholder = v;
      else if (k == "email") f.email_placeholder = v;
      else if (k == "mention") f.mention_placeholder = v;
      else if (k == "hashtag") f.hashtag_placeholder = v;
      else if (k == "number") f.number_placeholder = v;
      else throw UsageError(fmt::format("--placeholder: unknown kind {:?}; choose url, email, mention, hashtag or number", k));
    }
  }

  MorphologyOptions& m = cfg.morphology;
  if (vm.count("lemmatize") || vm.count("lemmatizer-method") || vm.count("lemmatizer-model")) {
    m.lemmatize = true;
    if (!from_config || given(vm, "lang")) m.lemmatizer.lang = cfg.tokenizer.lang;
    if (vm.count("lemmatizer-method")) m.lemmatizer.method = str("lemmatizer-method");
    if (vm.count("lemmatizer-model")) m.lemmatizer.model = str("lemmatizer-model");
  }
  if (vm.count("stem")) {
    m.stem = true;
    m.stemmer.algorithm = str("stem");
    if (!from_config || given(vm, "lang")) m.stemmer.lang = cfg.tokenizer.lang;
  }
  if ((vm.count("stem-mode") || vm.count("stem-compat")) && !m.stem)
    throw UsageError("--stem-mode and --stem-compat need --stem");
  if (vm.count("stem-mode")) m.stemmer.mode = str("stem-mode");
  if (vm.count("stem-compat")) m.stemmer.compat = str("stem-compat");

  return cfg;
}

po::options_description run_options() {
  po::options_description d("run");
  d.add_options()
      ("output,o", po::value<std::string>()->default_value("-"),
       "output file (- = stdout); written to a temporary file and renamed when complete")
      ("threads,j", po::value<std::size_t>()->default_value(1), "worker threads (0 = all cores); output is identical for any value")
      ("batch-size", po::value<std::size_t>()->default_value(512), "documents per batch")
      ("quiet,q", "no progress and no summary on stderr")
      ("summary", po::value<std::string>()->default_value("text"), "summary on stderr: text | json | none");
  return d;
}

std::size_t hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

RunOptions run_options(const po::variables_map& vm) {
  RunOptions r;
  r.output = vm["output"].as<std::string>();
  r.threads = vm["threads"].as<std::size_t>();
  if (r.threads == 0) r.threads = hardware_threads();
  r.batch_documents = vm["batch-size"].as<std::size_t>();
  if (r.batch_documents == 0) throw UsageError("--batch-size must be positive");
  r.quiet = vm.count("quiet") > 0;
  r.summary = vm["summary"].as<std::string>();
  if (r.summary != "text" && r.summary != "json" && r.summary != "none")
    throw UsageError(fmt::format("--summary: choose text, json or none, not {:?}", r.summary));
  if (r.quiet) r.summary = "none";
  return r;
}

std::string with_commas(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::uint64_t peak_memory_bytes() {
  rusage u{};
  if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

void RunSummary::print(const RunOptions& run) const {
  if (run.summary == "none") return;
  const double mb = static_cast<double>(read.bytes) / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0;
  if (run.summary == "json") {
    std::string j = fmt::format(
        "{{\"command\": \"{}\", \"documents\": {}, \"tokens\": {}, \"sentences\": {}, \"bytes\": {}, "
        "\"lines\": {}, \"blank_lines\": {}, \"empty_documents\": {}, \"records_skipped\": {}, \"utf8_replaced\": {}, "
        "\"utf8_skipped\": {}, \"seconds\": {:.6f}, \"mb_per_s\": {:.3f}",
        command, documents, tokens, sentences, read.bytes, read.lines, read.blank_lines, read.empty_documents,
        read.records_skipped, read.utf8_replaced, read.utf8_skipped, seconds, rate);
    j += fmt::format(", \"peak_memory_mb\": {:.1f}", static_cast<double>(peak_memory_bytes()) / 1e6);
    if (!json_extra.empty()) j += ", " + json_extra;
    j += "}\n";
    std::fputs(j.c_str(), stderr);
    return;
  }
  std::string s = fmt::format("{}: {} documents", command, with_commas(documents));
  if (counts_tokens) s += fmt::format(", {} tokens", with_commas(tokens));
  if (sentences) s += fmt::format(", {} sentences", with_commas(sentences));
  s += fmt::format(", {:.1f} MB in {:.2f} s ({:.1f} MB/s)", mb, seconds, rate);
  s += fmt::format("; skipped {} records, replaced {} and dropped {} invalid UTF-8 sequences",
                   read.records_skipped, read.utf8_replaced, read.utf8_skipped);
  if (read.blank_lines) s += fmt::format("; {} blank lines between records", read.blank_lines);
  if (!text_extra.empty()) s += "; " + text_extra;
  s += fmt::format("; peak memory {:.0f} MB\n", static_cast<double>(peak_memory_bytes()) / 1e6);
  for (const auto& m : read.skipped_examples) s += fmt::format("  skipped: {}\n", m);
  std::fputs(s.c_str(), stderr);
}

RunSummary run_documents(const std::string& command, const std::vector<std::string>& files,
                         const corpora::ReaderOptions& reader_opts, const RunOptions& run,
                         const DocWork& work, std::string_view header) {
  corpora::OutputFile out(run.output);
  if (!header.empty()) out.write(header);
  // Each batch's records, written in input order.
  struct Records {
    std::string text;
    void clear() noexcept { text.clear(); }
  };
  RunSummary summary = reduce_documents<Records>(
      command, files, reader_opts, run,
      [&](std::vector<corpora::Document>& docs, std::size_t n, std::size_t worker, Records& r, DocCounts& counts) {
        for (std::size_t i = 0; i < n; ++i) work(docs[i], worker, r.text, counts);
      },
      [&](Records& r) { out.write(r.text); });
  out.commit();
  return summary;
}

int run_pipeline(const std::string& command, const std::vector<std::string>& files,
                 const po::variables_map& vm, const Pipeline& pipeline) {
  const auto writer = corpora::make_token_writer(corpora::parse_output_format(vm["format"].as<std::string>()));
  std::string header;
  writer->header(header);
  const RunOptions run = run_options(vm);
  std::vector<PipelineScratch> scratch(run.threads);
  RunSummary summary = run_documents(
      command, files, reader_options(vm), run,
      [&](const corpora::Document& doc, std::size_t worker, std::string& o, DocCounts& counts) {
        PipelineScratch& s = scratch[worker];
        pipeline.process(doc.text, s);
        writer->format(doc, s.tokens(), o);
        counts.tokens += s.tokens().size();
      },
      header);
  summary.json_extra = fmt::format("\"tokenizer\": \"{}\"", pipeline.tokenizer().id());
  summary.print(run);
  return 0;
}

std::string read_small_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError::from_errno(path, "cannot open", errno);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError::from_errno(path, "cannot read", errno);
  return ss.str();
}

}  // namespace nlp::cli
