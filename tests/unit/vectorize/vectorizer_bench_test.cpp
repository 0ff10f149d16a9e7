// Timing of fit_transform on the whole ELTeC English corpus (220,996 lines, one document per
// line); hidden, run explicitly:
//   build/tests/unit_vectorize "[.bench][unigram]"   (or [bigram], [charwb], or "[.bench]" for all)
// Prints seconds per configuration and thread count, and checks that the thread counts agree.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "nlp/vectorize/vectorizer.hpp"
#include "support/test_support.hpp"

namespace {

std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    out.push_back(std::string_view(text).substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Times fit_transform with 1 and 2 threads; the thread counts must agree.
void bench(const char* name, nlp::VectorizerOptions opts) {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("../shared/data is absent");
  const std::string text = nlp::test::read_xz(*data / "corpora" / "en" / "eltec-eng.txt.xz");
  const std::vector<std::string_view> docs = lines_of(text);
  std::vector<std::uint32_t> indices_one;
  std::printf("corpus loaded: max RSS %ld KB\n", max_rss_kb());
  for (const unsigned threads : {1u, 2u}) {
    opts.threads = threads;
    nlp::Vectorizer v(opts);
    const auto t0 = std::chrono::steady_clock::now();
    const nlp::CsrMatrix m = v.fit_transform(docs);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%-18s threads=%u  %zu docs  %zu terms  %zu nnz  %.3f s  max RSS %ld KB\n", name,
                threads, m.rows, m.cols, m.nnz(), s, max_rss_kb());
    if (threads == 1) indices_one = m.indices;
    CHECK(m.indices == indices_one);
  }
}

TEST_CASE("vectorizer bench: tfidf unigrams over ELTeC English", "[.bench][unigram]") {
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  bench("tfidf unigram", o);
}

TEST_CASE("vectorizer bench: tfidf unigrams and bigrams over ELTeC English", "[.bench][bigram]") {
  nlp::VectorizerOptions o;
  o.kind = nlp::VectorizerKind::tfidf;
  o.ngram_max = 2;
  bench("tfidf 1-2 grams", o);
}

TEST_CASE("vectorizer bench: char_wb 2-4 counts over ELTeC English", "[.bench][charwb]") {
  nlp::VectorizerOptions o;
  o.analyzer = nlp::Analyzer::char_wb;
  o.ngram_min = 2;
  o.ngram_max = 4;
  bench("count char_wb 2-4", o);
}
