#pragma once
// The preprocessing pipeline: normalize -> tokenize -> filters, over one document at a time.
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

#include "nlp/pipeline/filters.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp {

struct PipelineConfig {
  NormalizeOptions normalize;
  TokenizerOptions tokenizer;
  FilterOptions filters;

  // {"format": "nlp.pipeline", "format_version": 1, "producer": "nlp X.Y.Z", "normalize": {...},
  //  "tokenizer": {...}, "filters": {...}}; `pretty` indents it.
  std::string to_json(bool pretty = false) const;
  // Accepts what to_json writes; absent members keep their defaults; unknown members, wrong
  // types and newer format versions are FormatErrors naming the member.
  static PipelineConfig from_json(std::string_view json);
};

inline constexpr int kPipelineFormatVersion = 1;

struct PipelineScratch {
  NormalizedText normalized;
  TokenBuffer buffer;
  std::span<const Token> tokens() const noexcept { return buffer.tokens; }
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
};

}  // namespace nlp
