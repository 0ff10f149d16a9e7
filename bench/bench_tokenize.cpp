// Tokenizer throughput on real English text: every name make_tokenizer accepts, one thread.
//   build-bench/bench/bench_tokenize [--benchmark_filter=treebank] [--bytes=N]
// Input: the first ~5 MB (whole lines) of ELTeC-eng, ../shared/data/corpora/en/eltec-eng.txt.xz
// relative to the source tree, or $NLP_SHARED_DATA/corpora/en/eltec-eng.txt.xz; decompressed with
// `xz -dc`. Each line is one document, tokenized into a reused TokenBuffer.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/tokenize/tokenizer.hpp"

#include "bench_support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path corpus_path() { return nlp::bench::shared_path(fs::path("corpora") / "en" / "eltec-eng.txt.xz"); }


struct Corpus {
  std::string text;
  std::vector<std::string_view> lines;
};

void bm_tokenize(benchmark::State& state, const Corpus* corpus, std::string name) {
  nlp::TokenizerOptions opts;
  opts.name = name;
  const auto tok = nlp::make_tokenizer(opts);
  nlp::TokenBuffer buf;
  std::uint64_t tokens = 0;
  for (auto _ : state) {
    std::uint64_t offset = 0;
    for (const std::string_view line : corpus->lines) {
      buf.clear();
      tok->tokenize(line, offset, buf);
      tokens += buf.tokens.size();
      offset += line.size() + 1;
      benchmark::DoNotOptimize(buf.tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(corpus->text.size()));
  state.counters["tokens_per_s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.SetLabel(std::string(tok->id()));
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t limit = 5'000'000;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--bytes=", 8) == 0) {
      limit = std::strtoull(argv[i] + 8, nullptr, 10);
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());

  static Corpus corpus;
  const fs::path path = corpus_path();
  corpus.text = nlp::bench::load_xz(path, limit);
  if (corpus.text.empty()) {
    std::fprintf(stderr,
                 "bench_tokenize: cannot read %s (needs the shared data folder beside the source "
                 "tree, or NLP_SHARED_DATA, and the xz program)\n",
                 path.string().c_str());
    return 1;
  }
  for (std::size_t pos = 0; pos < corpus.text.size();) {
    const std::size_t end = corpus.text.find('\n', pos);
    corpus.lines.push_back(std::string_view(corpus.text).substr(pos, end - pos));
    pos = end + 1;
  }
  std::fprintf(stderr, "bench_tokenize: %zu bytes, %zu lines of %s\n", corpus.text.size(),
               corpus.lines.size(), path.string().c_str());

  for (const std::string_view name : nlp::tokenizer_names()) {
    benchmark::RegisterBenchmark(("tokenize/" + std::string(name)).c_str(), bm_tokenize, &corpus,
                                 std::string(name))
        ->Unit(benchmark::kMillisecond)
        ->MinTime(1.0);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
