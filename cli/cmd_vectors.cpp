// `nlp vectors similar|analogy|similarity|evaluate|convert|normalize`: queries and evaluation of
// word vectors (word2vec text or binary, GloVe text, fastText .vec, nlp files).
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/embed/evaluation.hpp"
#include "nlp/embed/similarity.hpp"
#include "nlp/embed/vector_io.hpp"
#include "nlp/error.hpp"
#include "nlp/util/json.hpp"

namespace nlp::cli {
namespace {

// --vectors, --vectors-format, --format, -o.
po::options_description vector_options() {
  po::options_description d("vectors");
  d.add_options()
      ("vectors,m", po::value<std::string>()->required(), "the word vectors: word2vec text or binary, GloVe text, "
                                                           "fastText .vec or an nlp file")
      ("vectors-format", po::value<std::string>(), "word2vec | binary | glove | nlp (default: recognized from the contents)")
      ("format", po::value<std::string>()->default_value("text"), "output: text | json")
      ("output,o", po::value<std::string>()->default_value("-"), "output file (- for stdout)");
  return d;
}

struct Loaded {
  std::string path;
  embed::WordVectors vectors;
  std::optional<embed::SubwordModel> subwords;  // a subword model also gives vectors for unknown words
};

// Whether the file starts as a subword model does.
bool subword_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char head[8] = {};
  const std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return embed::is_subword_model(std::string_view(head, n));
}

Loaded load(const po::variables_map& vm) {
  Loaded l{vm["vectors"].as<std::string>(), {}, std::nullopt};
  std::optional<embed::VectorFormat> f;
  if (vm.count("vectors-format")) f = embed::parse_vector_format(vm["vectors-format"].as<std::string>());
  if ((!f || *f == embed::VectorFormat::nlp) && subword_file(l.path)) {
    l.subwords = embed::read_subword_model(l.path);
    l.vectors = l.subwords->words;
  } else {
    l.vectors = embed::read_vectors(l.path, f);
  }
  return l;
}

// The vector of a word outside the vocabulary of a subword model (its n-grams'), if it has one.
std::optional<std::vector<float>> unknown_vector(const Loaded& l, const std::string& word) {
  if (!l.subwords || l.vectors.index(word)) return std::nullopt;
  return l.subwords->vector_of(word);
}

bool json_output(const po::variables_map& vm) {
  const std::string f = vm["format"].as<std::string>();
  if (f != "text" && f != "json") throw UsageError(fmt::format("--format: choose text or json, not {:?}", f));
  return f == "json";
}

void write_output(const po::variables_map& vm, const std::string& text) {
  corpora::OutputFile out(vm["output"].as<std::string>());
  out.write(text);
  out.commit();
}

// The row of a query word; an unknown word is an InputError naming the vectors file.
std::size_t row_of(const Loaded& l, const std::string& word) {
  if (const auto i = l.vectors.index(word)) return *i;
  throw Error(fmt::format("{}: {:?} is not in the vocabulary ({} words); words are matched exactly, case included{}",
                          l.path, word, with_commas(l.vectors.size()),
                          l.subwords ? "" : "; vectors for unknown words need a subword model (nlp train fasttext)"));
}

// Adds a word to a query: its row, or for a subword model's unknown word its n-grams' vector.
void add_term(const Loaded& l, const std::string& word, bool positive, embed::Query& q) {
  if (auto v = unknown_vector(l, word)) (positive ? q.positive_vectors : q.negative_vectors).push_back(std::move(*v));
  else (positive ? q.positive : q.negative).push_back(row_of(l, word));
}

// Neighbours as "word TAB score" lines or a JSON object.
std::string neighbours_output(const Loaded& l, const std::vector<embed::Neighbour>& best, bool json,
                              std::string_view query_json) {
  std::string out;
  if (json) {
    out = fmt::format("{{\"query\": {}, \"neighbours\": [", query_json);
    for (std::size_t i = 0; i < best.size(); ++i)
      out += fmt::format("{}{{\"word\": {}, \"score\": {}}}", i ? ", " : "", json_string(l.vectors.word(best[i].index)),
                         best[i].score);
    out += "]}\n";
    return out;
  }
  for (const embed::Neighbour& n : best) out += fmt::format("{}\t{:.6f}\n", l.vectors.word(n.index), n.score);
  return out;
}

std::string json_words(const std::vector<std::string>& words) {
  std::string out = "[";
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + json_string(words[i]);
  return out + "]";
}

po::options_description query_options() {
  po::options_description d("query");
  d.add_options()
      ("topn,k", po::value<std::size_t>()->default_value(10), "how many neighbours")
      ("restrict-vocab", po::value<std::size_t>()->default_value(0),
       "only the first N words (the most frequent) are candidates; 0 = all")
      ("method", po::value<std::string>()->default_value("3cosadd"),
       "3cosadd (gensim's most_similar) | 3cosmul (most_similar_cosmul)");
  return d;
}

embed::QueryOptions query_settings(const po::variables_map& vm) {
  embed::QueryOptions o;
  o.topn = vm["topn"].as<std::size_t>();
  o.restrict_vocab = vm["restrict-vocab"].as<std::size_t>();
  o.method = embed::parse_analogy_method(vm["method"].as<std::string>());
  return o;
}

}  // namespace

int cmd_vectors_similar(int argc, char** argv) {
  po::options_description extra("similar");
  extra.add_options()("negative,n", po::value<std::vector<std::string>>()->composing(),
                      "a word counted negatively (repeatable)");
  po::options_description desc;
  desc.add(vector_options()).add(query_options()).add(extra);
  const Help help{"nlp vectors similar -m VECTORS [options] WORD...",
                  "The nearest words to the sum of the WORDs' unit vectors (minus the --negative ones).",
                  "nlp vectors similar -m model.vec -k 5 london\n"
                  "nlp vectors similar -m model.bin king woman --negative man --format json"};
  po::variables_map vm;
  std::vector<std::string> words;
  if (!parse_command_line(argc, argv, desc, help, vm, &words)) return 0;
  if (words.empty()) throw UsageError("give at least one WORD");
  const bool json = json_output(vm);
  const Loaded l = load(vm);
  embed::Query q;
  for (const std::string& w : words) add_term(l, w, true, q);
  std::vector<std::string> negative;
  if (vm.count("negative")) negative = vm["negative"].as<std::vector<std::string>>();
  for (const std::string& w : negative) add_term(l, w, false, q);
  const auto best = embed::most_similar(l.vectors, q, query_settings(vm));
  write_output(vm, neighbours_output(l, best, json,
                                     fmt::format("{{\"positive\": {}, \"negative\": {}}}", json_words(words),
                                                 json_words(negative))));
  return 0;
}

int cmd_vectors_analogy(int argc, char** argv) {
  po::options_description desc;
  desc.add(vector_options()).add(query_options());
  const Help help{"nlp vectors analogy -m VECTORS [options] A B C",
                  "A is to B as C is to ?: the nearest words to B - A + C (3CosAdd) or by 3CosMul.",
                  "nlp vectors analogy -m model.vec man king woman\n"
                  "nlp vectors analogy -m model.vec --method 3cosmul -k 3 paris france rome"};
  po::variables_map vm;
  std::vector<std::string> words;
  if (!parse_command_line(argc, argv, desc, help, vm, &words)) return 0;
  if (words.size() != 3) throw UsageError(fmt::format("give three words A B C, got {}", words.size()));
  const bool json = json_output(vm);
  const Loaded l = load(vm);
  embed::Query q;
  add_term(l, words[1], true, q);
  add_term(l, words[2], true, q);
  add_term(l, words[0], false, q);
  const embed::QueryOptions o = query_settings(vm);
  write_output(vm, neighbours_output(l, embed::most_similar(l.vectors, q, o), json,
                                     fmt::format("{{\"a\": {}, \"b\": {}, \"c\": {}, \"method\": \"{}\"}}",
                                                 json_string(words[0]), json_string(words[1]), json_string(words[2]),
                                                 embed::to_string(o.method))));
  return 0;
}

int cmd_vectors_similarity(int argc, char** argv) {
  po::options_description desc;
  desc.add(vector_options());
  const Help help{"nlp vectors similarity -m VECTORS W1 W2 [W1 W2 ...]",
                  "Cosine similarity of word pairs, one line per pair.",
                  "nlp vectors similarity -m model.vec man woman king queen"};
  po::variables_map vm;
  std::vector<std::string> words;
  if (!parse_command_line(argc, argv, desc, help, vm, &words)) return 0;
  if (words.empty() || words.size() % 2 != 0)
    throw UsageError(fmt::format("give pairs of words W1 W2, got {} word{}", words.size(), words.size() == 1 ? "" : "s"));
  const bool json = json_output(vm);
  const Loaded l = load(vm);
  std::string out = json ? "[" : "";
  for (std::size_t i = 0; i < words.size(); i += 2) {
    double s;
    const auto a = unknown_vector(l, words[i]), b = unknown_vector(l, words[i + 1]);
    if (a || b) {  // a subword model's unknown word: the cosine of the vectors
      s = embed::cosine(a ? std::span<const float>(*a) : l.vectors.vector(row_of(l, words[i])),
                        b ? std::span<const float>(*b) : l.vectors.vector(row_of(l, words[i + 1])));
    } else {
      s = embed::similarity(l.vectors, row_of(l, words[i]), row_of(l, words[i + 1]));
    }
    if (json)
      out += fmt::format("{}{{\"w1\": {}, \"w2\": {}, \"similarity\": {}}}", i ? ", " : "", json_string(words[i]),
                         json_string(words[i + 1]), s);
    else
      out += fmt::format("{}\t{}\t{:.6f}\n", words[i], words[i + 1], s);
  }
  if (json) out += "]\n";
  write_output(vm, out);
  return 0;
}

int cmd_vectors_evaluate(int argc, char** argv) {
  po::options_description opts("evaluate");
  opts.add_options()
      ("analogies", po::value<std::vector<std::string>>()->composing(),
       "an analogy test set in the questions-words format (repeatable)")
      ("pairs", po::value<std::vector<std::string>>()->composing(),
       "a word-pair similarity set: word1 TAB word2 TAB score, '#' comments (repeatable)")
      ("restrict-vocab", po::value<std::size_t>(),
       "only the first N words count (default: 30000 for analogies, as word2vec's compute-accuracy; 300000 for "
       "pairs, as gensim)")
      ("case-sensitive", "compare words as they are (default: uppercased, as gensim)")
      ("dummy4unknown", "count questions with unknown words as wrong and give unknown pairs similarity 0")
      ("method", po::value<std::string>()->default_value("3cosadd"),
       "3cosadd (what gensim evaluates with) | 3cosmul")
      ("delimiter", po::value<std::string>()->default_value("\t"), "the field separator of --pairs files")
      ("threads,j", po::value<unsigned>()->default_value(1), "worker threads for the analogy questions");
  po::options_description desc;
  desc.add(vector_options()).add(opts);
  const Help help{"nlp vectors evaluate -m VECTORS (--analogies FILE | --pairs FILE)...",
                  "Analogy accuracy per section and word-pair correlations, as gensim's evaluate_word_analogies "
                  "and evaluate_word_pairs compute them.",
                  "nlp vectors evaluate -m model.vec --analogies questions-words.txt --pairs wordsim353.tsv\n"
                  "nlp vectors evaluate -m model.bin --analogies questions-words.txt --restrict-vocab 300000 "
                  "--format json -j 2"};
  po::variables_map vm;
  if (!parse_command_line(argc, argv, desc, help, vm, nullptr)) return 0;
  if (!vm.count("analogies") && !vm.count("pairs")) throw UsageError("give --analogies FILE or --pairs FILE");
  const std::string delimiter = vm["delimiter"].as<std::string>();
  if (delimiter.size() != 1) throw UsageError("--delimiter: expected one character");
  const bool json = json_output(vm);
  const Loaded l = load(vm);
  const bool case_insensitive = !vm.count("case-sensitive");
  const bool dummy = vm.count("dummy4unknown") > 0;
  std::string text, js = fmt::format("{{\"vectors\": {}, \"words\": {}, \"dim\": {}", json_string(l.path),
                                     l.vectors.size(), l.vectors.dim());
  if (vm.count("analogies")) {
    embed::AnalogyOptions o;
    o.restrict_vocab = vm.count("restrict-vocab") ? vm["restrict-vocab"].as<std::size_t>() : 30000;
    o.case_insensitive = case_insensitive;
    o.dummy4unknown = dummy;
    o.method = embed::parse_analogy_method(vm["method"].as<std::string>());
    o.threads = std::max(1u, vm["threads"].as<unsigned>());
    js += ", \"analogies\": [";
    bool first = true;
    for (const std::string& path : vm["analogies"].as<std::vector<std::string>>()) {
      const embed::AnalogyResult r = embed::evaluate_analogies(l.vectors, read_small_file(path), path, o);
      text += fmt::format("analogies {} (first {} words, {}, {})\n", path, with_commas(o.restrict_vocab),
                          case_insensitive ? "case-insensitive" : "case-sensitive", embed::to_string(o.method));
      js += fmt::format("{}{{\"file\": {}, \"restrict_vocab\": {}, \"case_insensitive\": {}, \"method\": \"{}\", "
                        "\"sections\": [",
                        first ? "" : ", ", json_string(path), o.restrict_vocab, case_insensitive,
                        embed::to_string(o.method));
      first = false;
      std::vector<embed::AnalogySection> all = r.sections;
      all.push_back(r.total);
      for (std::size_t i = 0; i < all.size(); ++i) {
        const embed::AnalogySection& s = all[i];
        text += fmt::format("  {:<32} {:>6} / {:<6} {:6.2f} %\n", s.name, s.correct, s.correct + s.incorrect,
                            100 * s.accuracy());
        if (i + 1 < all.size())
          js += fmt::format("{}{{\"section\": {}, \"correct\": {}, \"incorrect\": {}, \"accuracy\": {}}}", i ? ", " : "",
                            json_string(s.name), s.correct, s.incorrect, s.accuracy());
      }
      text += fmt::format("  questions {}, with unknown words {} ({:.1f} %)\n", r.questions, r.oov, r.oov_ratio());
      js += fmt::format("], \"correct\": {}, \"incorrect\": {}, \"accuracy\": {}, \"questions\": {}, \"oov\": {}, "
                        "\"oov_ratio\": {}}}",
                        r.total.correct, r.total.incorrect, r.total.accuracy(), r.questions, r.oov, r.oov_ratio());
    }
    js += "]";
  }
  if (vm.count("pairs")) {
    embed::PairOptions o;
    o.restrict_vocab = vm.count("restrict-vocab") ? vm["restrict-vocab"].as<std::size_t>() : 300000;
    o.case_insensitive = case_insensitive;
    o.dummy4unknown = dummy;
    o.delimiter = delimiter[0];
    js += ", \"pairs\": [";
    bool first = true;
    for (const std::string& path : vm["pairs"].as<std::vector<std::string>>()) {
      const embed::PairResult r = embed::evaluate_pairs(l.vectors, read_small_file(path), path, o);
      text += fmt::format("pairs {}: Spearman {:.4f} (p {:.3g}), Pearson {:.4f} (p {:.3g}), {} pairs, "
                          "unknown {} ({:.1f} %)\n",
                          path, r.spearman.r, r.spearman.p_value, r.pearson.r, r.pearson.p_value, r.pairs, r.oov,
                          r.oov_ratio);
      const auto number = [](double x) { return std::isfinite(x) ? fmt::format("{}", x) : std::string("null"); };
      js += fmt::format("{}{{\"file\": {}, \"spearman\": {{\"r\": {}, \"p\": {}}}, \"pearson\": {{\"r\": {}, \"p\": {}}}, "
                        "\"pairs\": {}, \"oov\": {}, \"oov_ratio\": {}}}",
                        first ? "" : ", ", json_string(path), number(r.spearman.r), number(r.spearman.p_value),
                        number(r.pearson.r), number(r.pearson.p_value), r.pairs, r.oov, r.oov_ratio);
      first = false;
    }
    js += "]";
  }
  js += "}\n";
  write_output(vm, json ? js : text);
  return 0;
}

namespace {

// The output format of convert/normalize: --to, else by the file name (.bin -> binary,
// .nlpv -> nlp, .glove/.glove.txt -> glove), else word2vec text.
embed::VectorFormat output_format(const po::variables_map& vm, const std::string& path) {
  if (vm.count("to")) return embed::parse_vector_format(vm["to"].as<std::string>());
  const auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.ends_with(s); };
  if (ends(".bin")) return embed::VectorFormat::word2vec_binary;
  if (ends(".nlpv")) return embed::VectorFormat::nlp;
  if (ends(".glove") || ends(".glove.txt")) return embed::VectorFormat::glove_text;
  return embed::VectorFormat::word2vec_text;
}

int convert(int argc, char** argv, bool normalize) {
  po::options_description opts(normalize ? "normalize" : "convert");
  opts.add_options()
      ("from", po::value<std::string>(), "input format: word2vec | binary | glove | nlp (default: recognized)")
      ("to", po::value<std::string>(), "output format: word2vec | binary | glove | nlp (default: by the output's "
                                       "extension: .bin binary, .nlpv nlp, .glove glove, else word2vec text)");
  const Help help{
      normalize ? "nlp vectors normalize [options] IN OUT" : "nlp vectors convert [options] IN OUT",
      normalize ? "Writes the vectors divided by their lengths (unit vectors), in any format."
                : "Converts word vectors between word2vec text and binary, GloVe text and nlp files.",
      normalize ? "nlp vectors normalize model.vec model.unit.bin"
                : "nlp vectors convert glove.6B.100d.txt glove.bin\nnlp vectors convert --to word2vec model.nlpv model.vec"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, opts, help, vm, &files)) return 0;
  if (files.size() != 2) throw UsageError(fmt::format("give IN and OUT, got {} file name{}", files.size(), files.size() == 1 ? "" : "s"));
  std::optional<embed::VectorFormat> from;
  if (vm.count("from")) from = embed::parse_vector_format(vm["from"].as<std::string>());
  const embed::VectorFormat to = output_format(vm, files[1]);
  std::string info;
  embed::WordVectors v = embed::read_vectors(files[0], from, &info);
  if (normalize) v = v.normalized();
  embed::write_vectors(v, files[1], to, info);
  std::cerr << fmt::format("{}: {} words of dimension {} written to {} ({})\n", argv[0], with_commas(v.size()), v.dim(),
                           files[1], embed::to_string(to));
  return 0;
}

}  // namespace

int cmd_vectors_convert(int argc, char** argv) { return convert(argc, argv, false); }
int cmd_vectors_normalize(int argc, char** argv) { return convert(argc, argv, true); }

}  // namespace nlp::cli
