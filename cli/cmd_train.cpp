// `nlp train word2vec`: reads and tokenizes the corpus once (documents through the pipeline),
// counting words and writing their ids to a temporary file beside the output; training then
// streams that file from disk once per epoch, each thread over its own part.
#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "command.hpp"
#include "common.hpp"
#include "nlp/embed/glove.hpp"
#include "nlp/embed/vector_io.hpp"
#include "nlp/embed/word2vec.hpp"
#include "nlp/error.hpp"
#include "nlp/util/hash.hpp"
#include "nlp/util/json.hpp"
#include "nlp/util/temp_file.hpp"

namespace nlp::cli {
namespace {

constexpr std::uint32_t kDocumentEnd = 0xFFFFFFFFu;

// A temporary file of 32-bit ids, written sequentially, then mapped.
class IdFile {
 public:
  explicit IdFile(std::string path) : file_(std::move(path)) {}
  void write(const std::vector<std::uint32_t>& ids) { file_.write(ids.data(), ids.size() * sizeof(std::uint32_t)); }
  const std::uint32_t* map() { return static_cast<const std::uint32_t*>(file_.map()); }
  std::uint64_t size() const noexcept { return file_.bytes() / sizeof(std::uint32_t); }

 private:
  TempFile file_;
};

// The mapped ids as the trainer reads them: first-seen ids remapped to vocabulary ids, words
// outside the vocabulary dropped, document ends as sentence ends.
class MappedCorpus : public embed::IdCorpus {
 public:
  MappedCorpus(const std::uint32_t* ids, std::uint64_t n, const std::vector<std::uint32_t>& new_id)
      : ids_(ids), n_(n), new_id_(new_id) {}
  std::uint64_t size() const override { return n_; }
  void read(std::uint64_t begin, std::uint64_t end, std::vector<std::uint32_t>& out) const override {
    out.clear();
    for (std::uint64_t i = begin; i < end; ++i) {
      const std::uint32_t id = ids_[i];
      if (id == kDocumentEnd) out.push_back(kSentenceEnd);
      else if (new_id_[id] != embed::kDropped) out.push_back(new_id_[id]);
    }
  }

 private:
  const std::uint32_t* ids_;
  std::uint64_t n_;
  const std::vector<std::uint32_t>& new_id_;
};

// Tokens of a batch of documents: their text end to end, with each token's length; a length of
// kDocumentEnd ends a document.
struct TokenBatch {
  std::string text;
  std::vector<std::uint32_t> lengths;
  void clear() {
    text.clear();
    lengths.clear();
  }
};

struct CountedCorpus {
  std::vector<std::string> words;  // first-seen order
  std::vector<std::uint64_t> counts;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> id;
  RunSummary summary;
};

// Reads and tokenizes the inputs, counting words and writing their first-seen ids to `file`.
CountedCorpus count_corpus(const std::string& command, const std::vector<std::string>& files, const po::variables_map& vm, const RunOptions& run,
                           const Pipeline& pipeline, IdFile& file) {
  CountedCorpus c;
  std::vector<PipelineScratch> scratch(run.threads);
  std::vector<std::uint32_t> ids;
  c.summary = reduce_documents<TokenBatch>(
      command, files, reader_options(vm), run,
      [&](std::vector<corpora::Document>& docs, std::size_t n, std::size_t worker, TokenBatch& out, DocCounts& counts) {
        for (std::size_t d = 0; d < n; ++d) {
          pipeline.process(docs[d].text, scratch[worker]);
          for (const Token& t : scratch[worker].tokens()) {
            if (t.text.size() >= kDocumentEnd) throw UsageError("a token of 4 GB or more");
            out.text += t.text;
            out.lengths.push_back(static_cast<std::uint32_t>(t.text.size()));
          }
          counts.tokens += scratch[worker].tokens().size();
          out.lengths.push_back(kDocumentEnd);
        }
      },
      [&](TokenBatch& b) {
        ids.clear();
        std::size_t at = 0;
        for (const std::uint32_t len : b.lengths) {
          if (len == kDocumentEnd) {
            ids.push_back(kDocumentEnd);
            continue;
          }
          const std::string_view w(b.text.data() + at, len);
          at += len;
          auto it = c.id.find(w);
          if (it == c.id.end()) {
            if (c.words.size() + 1 >= kDocumentEnd) throw UsageError("more than 4 billion distinct words");
            it = c.id.emplace(std::string(w), static_cast<std::uint32_t>(c.words.size())).first;
            c.words.emplace_back(w);
            c.counts.push_back(0);
          }
          ++c.counts[it->second];
          ids.push_back(it->second);
        }
        file.write(ids);
      });
  return c;
}

}  // namespace

namespace {

int train_command(int argc, char** argv, bool fasttext, bool glove = false) {
  const std::string trainer = glove ? "glove" : fasttext ? "fasttext" : "word2vec";
  po::options_description io("input and output");
  io.add_options()
      ("input,i", po::value<std::vector<std::string>>()->composing(), "corpus file(s), a document per line by default "
                                                                      "(also as positional arguments; none: stdin)")
      ("output,o", po::value<std::string>()->required(),
       fasttext ? "writes PREFIX.vec (word2vec text) and PREFIX.nlpv (the subword model: vectors, n-gram buckets, "
                  "training options)"
                : "writes PREFIX.vec (word2vec text) and PREFIX.nlpv (nlp vectors with the training options)")
      ("binary", "also write PREFIX.bin (word2vec binary)")
      ("threads,j", po::value<unsigned>()->default_value(1), "training and tokenizing threads")
      ("quiet,q", "no progress line")
      ("summary", po::value<std::string>()->default_value("json"), "final summary on stderr: json | text | none");
  po::options_description model("model");
  model.add_options()
      ("dim", po::value<std::size_t>()->default_value(100), "vector dimension")
      ("min-count", po::value<std::uint64_t>()->default_value(5), "ignore words seen fewer times")
      ("max-vocab", po::value<std::size_t>()->default_value(0), "keep at most this many words, the most frequent (0: all)")
      ("seed", po::value<std::uint64_t>()->default_value(1), "random seed; with --threads 1 the result is reproducible");
  if (glove)
    model.add_options()
        ("window", po::value<std::size_t>()->default_value(15), "context distance (1 to 20)")
        ("asymmetric", "count left contexts only (the tool's -symmetric 0)")
        ("no-distance-weighting", "every pair in the window counts 1 instead of 1/distance")
        ("x-max", po::value<double>()->default_value(100), "the weighting function's cutoff")
        ("alpha", po::value<double>()->default_value(0.75), "the weighting function's exponent")
        ("eta", po::value<double>()->default_value(0.05), "AdaGrad's initial learning rate")
        ("grad-clip", po::value<double>()->default_value(100), "vector gradient components clipped to +-this")
        ("epochs", po::value<std::size_t>()->default_value(25), "passes over the co-occurrences")
        ("model", po::value<int>()->default_value(2), "output: 2 = W + C (the tool's default), 1 = W")
        ("memory", po::value<double>()->default_value(4000), "MB the co-occurrence tables may use before spilling to temporary files")
        ("double", "AdaGrad in double precision, as the GloVe tool (default: float, about twice as fast)");
  else
    model.add_options()
        ("model", po::value<std::string>()->default_value("skipgram"), "skipgram | cbow")
        ("window", po::value<std::size_t>()->default_value(5), "maximum context distance (shrunk at random per word)")
        ("negative", po::value<std::size_t>()->default_value(5), "negative samples per prediction (0: none)")
        ("hs", "hierarchical softmax (with --negative 0 for it alone)")
        ("sample", po::value<double>()->default_value(1e-3), "subsampling threshold of frequent words (0: none)")
        ("epochs", po::value<std::size_t>()->default_value(5), "passes over the corpus")
        ("alpha", po::value<double>(), "starting learning rate (default 0.025 skip-gram, 0.05 CBOW, as word2vec)")
        ("max-sentence", po::value<std::size_t>()->default_value(10000), "documents are cut into pieces of this many words");
  if (fasttext)
    model.add_options()
        ("minn", po::value<std::size_t>()->default_value(3), "shortest character n-gram (code points, with < and >)")
        ("maxn", po::value<std::size_t>()->default_value(6), "longest character n-gram")
        ("bucket", po::value<std::size_t>()->default_value(2000000), "hash buckets of the n-grams");
  po::options_description desc;
  desc.add(io).add(model).add(tokenizer_options("whitespace")).add(pipeline_options()).add(input_options());
  const Help help{
      "nlp train " + trainer + " --output PREFIX [options] [FILE...]",
      glove ? "Trains GloVe vectors: co-occurrence counts, then AdaGrad on weighted least squares."
      : fasttext ? "Trains fastText-style vectors: words plus character n-grams, so that unknown words get vectors."
               : "Trains word2vec vectors (skip-gram or CBOW, negative sampling or hierarchical softmax).",
      glove ? "nlp train glove --input corpus.txt --output model --window 15 --epochs 25 -j 2"
      : fasttext ? "nlp train fasttext --input corpus.txt --output model --minn 3 --maxn 6 -j 2\n"
                 "nlp vectors similar -m model.nlpv unseenword"
               : "nlp train word2vec --input corpus.txt --output model --dim 100 --window 5 --epochs 5 -j 2\n"
                 "nlp train word2vec -i corpus.txt.gz -o model --model cbow --case lower -t treebank --min-count 10"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;
  if (vm.count("input")) {
    const auto more = vm["input"].as<std::vector<std::string>>();
    files.insert(files.begin(), more.begin(), more.end());
  }
  embed::Word2VecOptions o;
  embed::GloveOptions g;
  if (glove) {
    g.dim = vm["dim"].as<std::size_t>();
    g.window = vm["window"].as<std::size_t>();
    g.symmetric = !vm.count("asymmetric");
    g.distance_weighting = !vm.count("no-distance-weighting");
    g.x_max = vm["x-max"].as<double>();
    g.alpha = vm["alpha"].as<double>();
    g.eta = vm["eta"].as<double>();
    g.grad_clip = vm["grad-clip"].as<double>();
    g.epochs = vm["epochs"].as<std::size_t>();
    const int m = vm["model"].as<int>();
    if (m != 1 && m != 2) throw UsageError("--model: 1 (W) or 2 (W + C)");
    g.add_context = m == 2;
    g.double_precision = vm.count("double") > 0;
    g.memory_mb = vm["memory"].as<double>();
    g.temp_prefix = vm["output"].as<std::string>() + fmt::format(".glove.tmp.{}", ::getpid());
    g.threads = std::max(1u, vm["threads"].as<unsigned>());
    g.seed = vm["seed"].as<std::uint64_t>();
    if (g.dim == 0 || g.window == 0 || g.window > 20 || g.epochs == 0 || !(g.x_max > 0) || !(g.alpha > 0) ||
        !(g.eta > 0) || !(g.memory_mb > 0) || !(g.grad_clip > 0))
      throw UsageError("--dim, --epochs, --x-max, --alpha, --eta, --grad-clip and --memory must be positive, "
                       "--window 1 to 20");
    o.model = embed::Word2VecModel::skipgram;
  } else {
  o.model = embed::parse_word2vec_model(vm["model"].as<std::string>());
  o.dim = vm["dim"].as<std::size_t>();
  o.window = vm["window"].as<std::size_t>();
  o.negative = vm["negative"].as<std::size_t>();
  o.hs = vm.count("hs") > 0;
  o.sample = vm["sample"].as<double>();
  o.epochs = vm["epochs"].as<std::size_t>();
  if (vm.count("alpha")) {
    o.alpha = vm["alpha"].as<double>();
    if (!(o.alpha > 0)) throw UsageError("--alpha: expected a positive learning rate");
  }
  o.max_sentence = vm["max-sentence"].as<std::size_t>();
  }
  o.threads = std::max(1u, vm["threads"].as<unsigned>());
  o.seed = vm["seed"].as<std::uint64_t>();
  if (fasttext) {
    o.minn = vm["minn"].as<std::size_t>();
    o.maxn = vm["maxn"].as<std::size_t>();
    o.bucket = vm["bucket"].as<std::size_t>();
    if (o.minn == 0 || o.minn > o.maxn || o.bucket == 0 || o.bucket >= 0x7FFFFFFFu)
      throw UsageError("--minn, --maxn, --bucket: need 1 <= minn <= maxn and 1 <= bucket < 2^31");
  }
  const std::string summary_mode = vm["summary"].as<std::string>();
  if (summary_mode != "json" && summary_mode != "text" && summary_mode != "none")
    throw UsageError(fmt::format("--summary: choose json, text or none, not {:?}", summary_mode));
  const bool quiet = vm.count("quiet") > 0;
  const std::string prefix = vm["output"].as<std::string>();
  const auto dir = std::filesystem::path(prefix).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir))
    throw UsageError(fmt::format("--output: the folder {:?} does not exist", dir.string()));
  // Options are checked before the corpus is read.
  if (!glove && (o.dim == 0 || o.window == 0 || o.epochs == 0 || (o.negative == 0 && !o.hs) || o.max_sentence == 0 ||
      !(o.sample >= 0)))
    throw UsageError("--dim, --window, --epochs and --max-sentence must be at least 1, --sample at least 0, and "
                     "--negative at least 1 unless --hs is given");

  const Pipeline pipeline(pipeline_config(vm));
  RunOptions run;
  run.threads = o.threads;
  run.quiet = quiet;
  IdFile file(prefix + fmt::format(".corpus.tmp.{}", ::getpid()));
  CountedCorpus counted = count_corpus("nlp train " + trainer, files, vm, run, pipeline, file);
  std::vector<std::uint32_t> new_id;
  const embed::Vocabulary vocab = embed::select_vocabulary(counted.words, counted.counts, vm["min-count"].as<std::uint64_t>(),
                                                           vm["max-vocab"].as<std::size_t>(), new_id);
  if (vocab.words.empty())
    throw Error(fmt::format("no word occurs at least {} times in {} tokens of {} documents; lower --min-count",
                            vm["min-count"].as<std::uint64_t>(), with_commas(counted.summary.tokens),
                            with_commas(counted.summary.documents)));
  counted.id = {};
  const std::uint32_t* ids = file.map();
  const MappedCorpus corpus(ids, file.size(), new_id);

  const bool show = !quiet && ::isatty(2);
  const auto progress = [&](const embed::TrainProgress& p) {
    if (!show) return;
    const double rate = p.seconds > 0 ? static_cast<double>(p.words) / p.seconds : 0;
    const double eta = p.fraction > 0 ? p.seconds * (1 - p.fraction) / p.fraction : 0;
    std::fprintf(stderr, "\r%5.1f%%  epoch %zu  %8.0f words/s/thread  alpha %.6f  loss %.4f  ETA %.0f s ",
                 100 * p.fraction, p.epoch, rate / o.threads, p.alpha, p.loss, eta);
    std::fflush(stderr);
  };
  embed::TrainStats stats;
  embed::SubwordModel model_out;
  if (glove) model_out.words = embed::train_glove(vocab, corpus, g, progress, &stats);
  else if (fasttext) model_out = embed::train_fasttext(vocab, corpus, o, progress, &stats);
  else model_out.words = embed::train_word2vec(vocab, corpus, o, progress, &stats);
  const embed::WordVectors& vectors = model_out.words;
  if (show) std::fprintf(stderr, "\r\033[K");

  const double alpha = o.alpha > 0 ? o.alpha : (o.model == embed::Word2VecModel::cbow ? 0.05 : 0.025);
  const std::string info = glove ? fmt::format(
      "{{\"trainer\": \"glove\", \"dim\": {}, \"window\": {}, \"symmetric\": {}, \"distance_weighting\": {}, "
      "\"x_max\": {}, \"alpha\": {}, \"eta\": {}, \"grad_clip\": {}, \"epochs\": {}, \"model\": {}, \"precision\": \"{}\", "
      "\"min_count\": {}, "
      "\"max_vocab\": {}, \"seed\": {}, \"threads\": {}, \"pipeline\": {}, \"corpus\": {{\"documents\": {}, "
      "\"tokens\": {}, \"distinct_words\": {}, \"vocabulary\": {}, \"vocabulary_tokens\": {}}}}}",
      g.dim, g.window, g.symmetric, g.distance_weighting, g.x_max, g.alpha, g.eta, g.grad_clip, g.epochs, g.add_context ? 2 : 1,
      g.double_precision ? "double" : "float", vm["min-count"].as<std::uint64_t>(), vm["max-vocab"].as<std::size_t>(), g.seed, g.threads,
      pipeline.config().to_json(), counted.summary.documents, counted.summary.tokens, counted.words.size(),
      vocab.words.size(), vocab.total()) : fmt::format(
      "{{\"trainer\": \"{}\", \"model\": \"{}\", \"dim\": {}, \"window\": {}, \"negative\": {}, \"hs\": {}, "
      "\"sample\": {}, \"min_count\": {}, \"max_vocab\": {}, \"epochs\": {}, \"alpha\": {}, \"max_sentence\": {}, "
      "\"seed\": {}, \"threads\": {}, \"pipeline\": {}, \"corpus\": {{\"documents\": {}, \"tokens\": {}, "
      "\"distinct_words\": {}, \"vocabulary\": {}, \"vocabulary_tokens\": {}}}}}",
      trainer, embed::to_string(o.model), o.dim, o.window, o.negative, o.hs, o.sample, vm["min-count"].as<std::uint64_t>(),
      vm["max-vocab"].as<std::size_t>(), o.epochs, alpha, o.max_sentence, o.seed, o.threads,
      pipeline.config().to_json(), counted.summary.documents, counted.summary.tokens, counted.words.size(),
      vocab.words.size(), vocab.total());
  embed::write_vectors(vectors, prefix + ".vec", embed::VectorFormat::word2vec_text);
  if (fasttext) embed::write_subword_model(model_out, prefix + ".nlpv", info);
  else embed::write_vectors(vectors, prefix + ".nlpv", embed::VectorFormat::nlp, info);
  if (vm.count("binary")) embed::write_vectors(vectors, prefix + ".bin", embed::VectorFormat::word2vec_binary);

  const double words_per_s = stats.seconds > 0 ? static_cast<double>(stats.words) / stats.seconds : 0;
  if (summary_mode == "json")
    std::fputs(fmt::format("{{\"command\": \"nlp train {}\", \"documents\": {}, \"tokens\": {}, \"vocabulary\": {}, "
                           "\"read_seconds\": {:.3f}, \"train_seconds\": {:.3f}, \"words_trained\": {}, "
                           "\"words_per_second\": {:.0f}, \"words_per_second_per_thread\": {:.0f}, \"final_loss\": {:.6f}, "
                           "\"peak_memory_mb\": {:.1f}, \"outputs\": [{}, {}{}]}}\n",
                           trainer, counted.summary.documents, counted.summary.tokens, vocab.words.size(),
                           counted.summary.seconds, stats.seconds, stats.words, words_per_s, words_per_s / o.threads,
                           stats.final_loss, static_cast<double>(peak_memory_bytes()) / 1e6,
                           json_string(prefix + ".vec"), json_string(prefix + ".nlpv"),
                           vm.count("binary") ? ", " + json_string(prefix + ".bin") : "")
                   .c_str(),
               stderr);
  else if (summary_mode == "text")
    std::fputs(fmt::format("nlp train {}: {} documents, {} tokens, {} words in the vocabulary; read in {:.2f} s, "
                           "trained in {:.2f} s ({:.0f} words/s per thread), final loss {:.4f}; wrote {}.vec and {}.nlpv\n",
                           trainer, with_commas(counted.summary.documents), with_commas(counted.summary.tokens),
                           with_commas(vocab.words.size()), counted.summary.seconds, stats.seconds,
                           words_per_s / o.threads, stats.final_loss, prefix, prefix)
                   .c_str(),
               stderr);
  return 0;
}

}  // namespace

int cmd_train_word2vec(int argc, char** argv) { return train_command(argc, argv, false); }
int cmd_train_fasttext(int argc, char** argv) { return train_command(argc, argv, true); }
int cmd_train_glove(int argc, char** argv) { return train_command(argc, argv, false, true); }

}  // namespace nlp::cli
