// nlp preprocess: normalize -> tokenize -> filters over a corpus, configured by flags or a JSON
// file; --print-config shows the effective configuration that models store.
#include <iostream>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/error.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::cli {
namespace {

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

int cmd_preprocess(int argc, char** argv) {
  po::options_description cfg_opts("configuration");
  cfg_opts.add_options()
      ("config,c", po::value<std::string>(), "JSON configuration (as --print-config writes); flags override it")
      ("print-config", "print the effective configuration as JSON and exit")
      ("list-stopwords", "list the bundled stopword lists and exit");
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
  po::options_description out("output");
  out.add_options()("format,f", po::value<std::string>()->default_value("text"),
                    "text | jsonl (tokens and byte spans) | tsv | csv | conllu");
  po::options_description desc;
  desc.add(cfg_opts).add(norm).add(tokenizer_options("regex")).add(filt).add(morph).add(input_options()).add(out).add(run_options());
  const Help help{
      "nlp preprocess [options] [FILE...]",
      "Normalize, tokenize and filter documents in batch; output in input order for any --threads.",
      "nlp preprocess -t treebank --case lower --stopwords en --punctuation drop corpus.txt\n"
      "nlp preprocess --config prep.json --threads 0 -o clean.txt big.txt.gz\n"
      "nlp preprocess -t tweet --urls replace --mentions replace --print-config > prep.json\n"
      "nlp preprocess -t ud --lang es --case lower --stem snowball corpus.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  if (vm.count("list-stopwords")) {
    for (const auto& name : stopword_list_names())
      std::cout << name << "\t" << stopword_list(name).size() << "\n";
    return 0;
  }

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

  const Pipeline pipeline(cfg);  // validates everything before any input is read
  if (vm.count("print-config")) {
    std::cout << cfg.to_json(true) << "\n";
    return 0;
  }
  return run_pipeline(argv[0], files, vm, pipeline);
}

}  // namespace nlp::cli
