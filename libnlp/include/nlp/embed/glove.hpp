#pragma once
// GloVe (Pennington, Socher and Manning 2014) as the GloVe tool trains it: co-occurrence counts
// within a window, each pair at distance d adding 1/d (or 1), on both sides when symmetric;
// then AdaGrad on the weighted least squares f(X_ij) (w_i . c_j + b_i + b_j - log X_ij)^2 with
// f(x) = min(1, (x / x_max)^alpha), over the co-occurrences in a shuffled order; the output is
// W + C (the tool's model 2) or W alone. Counting runs on `threads` threads, each over the whole
// corpus for the pairs whose first word it owns, summed exactly, so the counts do not depend on
// the thread count. A thread whose table would outgrow its share of `memory_mb` writes it to a
// sorted temporary file and starts afresh; the files are merged, and the shuffled co-occurrences
// then go through temporary files too and are mapped for training (the order is the same as in
// memory). Training runs on all threads (Hogwild). With one thread and a seed the vectors are the
// same on every run, whatever the memory.
//   nlp::embed::GloveOptions o;  auto v = nlp::embed::train_glove(vocab, corpus, o);
// Thread-safe (no shared state between calls). Throws UsageError for bad options or an empty
// vocabulary, IoError when a temporary file cannot be written, Error when training diverges.
#include <cstdint>
#include <string>
#include <vector>

#include "nlp/embed/word2vec.hpp"

namespace nlp::embed {

struct GloveOptions {
  std::size_t dim = 100;
  std::size_t window = 15;        // the tool's default
  bool symmetric = true;
  bool distance_weighting = true;  // 1/d; false: every pair in the window adds 1
  double x_max = 100;
  double alpha = 0.75;
  double eta = 0.05;              // initial learning rate (of the vectors; the biases' steps are not scaled)
  double grad_clip = 100;         // gradient components of the vectors are clipped to +-grad_clip
  std::size_t epochs = 25;        // the tool's default
  bool double_precision = false;  // AdaGrad in double (as the tool), else float (half the memory traffic)
  bool add_context = true;        // W + C (model 2); false: W (model 1 without biases)
  double memory_mb = 4000;        // the co-occurrence tables beyond this spill to temporary files
  std::string temp_prefix;        // temporary files' path prefix; "" = the system's temporary folder
  unsigned threads = 1;
  std::uint64_t seed = 1;
};

struct Cooccurrence {
  std::uint32_t i = 0, j = 0;
  double x = 0;
};

// The co-occurrence counts of the corpus (ids index the vocabulary of `words` words), sorted by
// (i, j).
std::vector<Cooccurrence> count_cooccurrences(std::size_t words, const IdCorpus& corpus, const GloveOptions& o);

WordVectors train_glove(const Vocabulary& vocab, const IdCorpus& corpus, const GloveOptions& o,
                        const ProgressFn& progress = {}, TrainStats* stats = nullptr);

}  // namespace nlp::embed
