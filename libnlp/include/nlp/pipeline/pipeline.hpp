#pragma once
// The preprocessing pipeline: normalize -> tokenize -> filters -> morphology (lemmatize, then
// stem), over one document at a time.
//   nlp::PipelineConfig cfg;  cfg.tokenizer.name = "treebank";  cfg.filters.drop_punctuation = true;
//   nlp::Pipeline p(cfg);
//   nlp::PipelineScratch s;   p.process("Don't panic!", s);   // s.tokens(): Do n't panic
// Spans of the result index the text given to process(), whatever normalization did.
// The configuration serializes to JSON ("nlp.pipeline", format_version 1); models built from a
// pipeline store it, so transform-time text is processed exactly as at fit time.
// Thread-safe: a Pipeline is const after construction; each thread owns its PipelineScratch.
// The constructor throws UsageError for invalid options; from_json throws FormatError.
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "nlp/morph/lemmatizer.hpp"
#include "nlp/morph/stemmer.hpp"
#include "nlp/pipeline/filters.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

// The last stage: each token's text is replaced by its lemma (lemmatizers get no part of speech
// here and use their documented fallback), then by its stem. Spans do not change.
struct MorphologyOptions {
  bool lemmatize = false;
  LemmatizerOptions lemmatizer;  // lang, method, model (the data directories are not stored)
  bool stem = false;
  StemmerOptions stemmer;        // algorithm, lang, mode, compat
};

struct PipelineConfig {
  NormalizeOptions normalize;
  TokenizerOptions tokenizer;
  FilterOptions filters;
  MorphologyOptions morphology;

  // {"format": "nlp.pipeline", "format_version": 1, "producer": "nlp X.Y.Z", "normalize": {...},
  //  "tokenizer": {...}, "filters": {...}, "morphology": {"lemmatize": {...} | null,
  //  "stem": {...} | null}}; `pretty` indents it.
  std::string to_json(bool pretty = false) const;
  // Accepts what to_json writes; absent members keep their defaults; unknown members, wrong
  // types and newer format versions are FormatErrors naming the member.
  static PipelineConfig from_json(std::string_view json);
};

inline constexpr int kPipelineFormatVersion = 1;

class Pipeline;

struct PipelineScratch {
  NormalizedText normalized;
  TokenBuffer buffer;
  std::span<const Token> tokens() const noexcept { return buffer.tokens; }
  // This thread's copies of the pipeline's stemmer and lemmatizer (made on first use).
  std::unique_ptr<Stemmer> stemmer;
  std::unique_ptr<Lemmatizer> lemmatizer;
  const Pipeline* owner = nullptr;  // the pipeline they were copied from
};

class Pipeline {
 public:
  explicit Pipeline(PipelineConfig config);
  ~Pipeline();
  // Tokens of `text` (valid UTF-8) in scratch.buffer; spans are offsets into `text`. Views stay
  // valid until the next process() with the same scratch.
  void process(std::string_view text, PipelineScratch& scratch) const;
  const PipelineConfig& config() const noexcept { return config_; }
  const Tokenizer& tokenizer() const noexcept { return *tokenizer_; }

 private:
  PipelineConfig config_;
  Normalizer normalizer_;
  std::unique_ptr<Tokenizer> tokenizer_;
  TokenFilter filter_;
  std::unique_ptr<Lemmatizer> lemmatizer_;  // prototypes, cloned into each scratch
  std::unique_ptr<Stemmer> stemmer_;
  void apply_morphology(PipelineScratch& s) const;
};

}  // namespace nlp
