// Reader throughput, one thread: bytes of input consumed per second, documents copied out.
//   build-bench/bench/bench_corpora [--benchmark_filter=text] [--mb=N]
// Input: the first N MB (default 64, whole lines) of ELTeC-eng, ../shared/data/corpora/en/
// eltec-eng.txt.xz relative to the source tree or $NLP_SHARED_DATA/corpora/en/eltec-eng.txt.xz
// (decompressed with `xz -dc`), written to a temporary file as plain text, gzip, JSONL and CSV;
// and UD English-EWT train for CoNLL-U. Files are read through the page cache (read once before
// timing), so the figures measure the readers, not the disk.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/corpora/writer.hpp"

#include "bench_support.hpp"

namespace fs = std::filesystem;
using nlp::corpora::InputFormat;

namespace {



struct Inputs {
  fs::path dir;
  fs::path text, gzip, jsonl, csv, conllu;
  bool ok = false;
};

void write(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

Inputs make_inputs(std::size_t mb) {
  Inputs in;
  const std::string text = nlp::bench::load_xz(nlp::bench::shared_path("corpora/en/eltec-eng.txt.xz"), mb << 20);
  if (text.empty()) return in;
  in.dir = fs::temp_directory_path() / ("nlp-bench-corpora-" + std::to_string(::getpid()));
  fs::create_directories(in.dir);
  in.text = in.dir / "eltec.txt";
  write(in.text, text);
  in.gzip = in.dir / "eltec.txt.gz";
  write(in.gzip, nlp::corpora::gzip_compress(text, 6));
  std::string jsonl, csv = "id,text\n";
  std::size_t start = 0, n = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line(text.data() + start, end - start);
    jsonl += "{\"id\": " + std::to_string(++n) + ", \"text\": ";
    nlp::corpora::append_json_string(jsonl, line);
    jsonl += "}\n";
    csv += std::to_string(n) + ",\"";
    for (const char c : line) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += "\"\n";
    start = end + 1;
  }
  in.jsonl = in.dir / "eltec.jsonl";
  write(in.jsonl, jsonl);
  in.csv = in.dir / "eltec.csv";
  write(in.csv, csv);
  in.conllu = nlp::bench::shared_path("ud/UD_English-EWT/en_ewt-ud-train.conllu");
  in.ok = true;
  return in;
}

void bm_read(benchmark::State& state, const Inputs* in, const fs::path* file, InputFormat format) {
  if (!in->ok || !fs::exists(*file)) {
    state.SkipWithError("input not found (shared data missing)");
    return;
  }
  nlp::corpora::ReaderOptions opts;
  opts.format = format;
  std::uint64_t bytes = 0, docs = 0;
  for (auto _ : state) {
    auto reader = nlp::corpora::open_reader(file->string(), opts);
    for (nlp::corpora::Document d; reader->next(d);) benchmark::DoNotOptimize(d.text.data());
    bytes += reader->stats().bytes;
    docs += reader->stats().documents;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}

void bm_conllu_sentences(benchmark::State& state, const Inputs* in) {
  if (!fs::exists(in->conllu)) {
    state.SkipWithError("UD English-EWT not found");
    return;
  }
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    auto reader = nlp::corpora::open_conllu(in->conllu.string(), {});
    for (nlp::corpora::ConlluSentence s; reader->next(s);) benchmark::DoNotOptimize(s.words.data());
    bytes += reader->stats().bytes;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mb = 64;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--mb=", 5) == 0) mb = std::strtoull(argv[i] + 5, nullptr, 10);
  static const Inputs in = make_inputs(mb);
  benchmark::RegisterBenchmark("text/file", bm_read, &in, &in.text, InputFormat::text)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("text/gzip", bm_read, &in, &in.gzip, InputFormat::text)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("jsonl/file", bm_read, &in, &in.jsonl, InputFormat::jsonl)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("csv/file", bm_read, &in, &in.csv, InputFormat::csv)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("conllu/documents", bm_read, &in, &in.conllu, InputFormat::conllu)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("conllu/sentences", bm_conllu_sentences, &in)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!in.dir.empty()) fs::remove_all(in.dir);
  return 0;
}
