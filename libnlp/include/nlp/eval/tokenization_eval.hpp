#pragma once
// Tokenization and sentence segmentation scored against gold surface tokens with the definitions
// of the CoNLL 2018 shared task scorer (conll18_ud_eval.py, metrics "Tokens" and "Sentences"):
// whitespace is removed from the text, every token and sentence becomes a range of the remaining
// characters, and a system item counts as correct when a gold item has exactly the same range.
// A multiword token ("don't", "del") is one surface token; several system tokens with the same
// range (a tokenizer emitting the words "de" "el" of "del" with one span) count once.
//   nlp::eval::TokenizationEvaluator ev(tokenizer, &splitter);
//   for (const GoldSentence& s : sentences) ev.add(s);
//   nlp::eval::TokenizationScores sc = ev.finish();   // sc.tokens.f1(), sc.sentences.f1()
// Precision = matched / system, recall = matched / gold, F1 = 2 matched / (gold + system); each
// is 0 when its denominator is 0, as in the reference scorer.
// The functions are pure and thread-safe; an evaluator is not thread-safe (one per thread).
// Gold forms that do not spell the sentence text (ignoring whitespace) are an InputError naming
// the sentence.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/token.hpp"

namespace nlp {
class Tokenizer;
class SentenceSplitter;
}  // namespace nlp

namespace nlp::eval {

struct PrfCounts {
  std::uint64_t gold = 0, system = 0, matched = 0;
  double precision() const noexcept;
  double recall() const noexcept;
  double f1() const noexcept;
  PrfCounts& operator+=(const PrfCounts& o) noexcept;
  friend bool operator==(const PrfCounts&, const PrfCounts&) = default;
};

// One gold sentence: its text and its surface tokens (a multiword token once, by its form; the
// words outside multiword tokens by theirs).
struct GoldSentence {
  std::string id;                  // sent_id, named in error messages
  std::string text;                // the sentence text
  std::vector<std::string> forms;  // surface token forms, in order
  bool new_document = false;       // the sentence starts a document ("# newdoc")
  bool new_paragraph = false;      // the sentence starts a paragraph ("# newpar")
  SourcePos pos;                   // where the sentence starts in its file, for messages
};

// Gold surface token ranges of `gold`, in bytes of gold.text with whitespace removed. Throws
// InputError (at gold.pos, naming gold.id) when the forms do not spell the text.
std::vector<ByteSpan> gold_token_ranges(const GoldSentence& gold);

// Maps byte spans of `text` (offsets from the start of `text`) to ranges in `text` with its
// whitespace removed, sorted by (begin, end), without empty and duplicate ranges. Throws
// UsageError for a span that ends beyond the text.
std::vector<ByteSpan> unspaced_ranges(std::string_view text, std::span<const ByteSpan> spans);

// Counts of two range lists sorted by (begin, end) without duplicates (as unspaced_ranges
// returns them): matched = ranges in both. Identical to conll18_ud_eval.py's span matching when
// ranges do not overlap.
PrfCounts match_ranges(std::span<const ByteSpan> gold, std::span<const ByteSpan> system);

// Token counts of one sentence: `system` are token spans in gold.text (offsets from its start).
PrfCounts score_tokens(const GoldSentence& gold, std::span<const ByteSpan> system);

// Sentence counts of one document: gold and system sentence spans in `text`.
PrfCounts score_sentences(std::string_view text, std::span<const ByteSpan> gold,
                          std::span<const ByteSpan> system);

struct TokenizationScores {
  PrfCounts tokens;
  PrfCounts sentences;         // all zero when no sentence splitter was given
  std::uint64_t documents = 0;
};

// Streams gold sentences: each sentence text is tokenized on its own and scored against its
// forms; the sentences of one document (from a new_document flag to the next) are joined, with
// "\n" before a sentence that starts a paragraph and " " otherwise, split by `splitter` and the
// sentence extents compared. Without any new_document flag the whole input is one document.
// The tokenizer and splitter must outlive the evaluator.
class TokenizationEvaluator {
 public:
  explicit TokenizationEvaluator(const Tokenizer& tokenizer,
                                 const SentenceSplitter* splitter = nullptr);
  // For tokens produced elsewhere (another program's spans): use add(s, system_tokens).
  explicit TokenizationEvaluator(const SentenceSplitter* splitter);
  // Tokenizes s.text, scores the tokens against s.forms and buffers the text for sentence
  // scoring. Throws InputError; UsageError when the evaluator has no tokenizer.
  void add(const GoldSentence& s);
  // Scores `system_tokens` (byte spans in s.text) instead of tokenizing. Throws InputError, and
  // UsageError for a span outside the text.
  void add(const GoldSentence& s, std::span<const ByteSpan> system_tokens);
  // Scores the buffered document and returns the totals. The evaluator can then be reused.
  TokenizationScores finish();

 private:
  void add_scored(const GoldSentence& s, const PrfCounts& tokens);
  void flush_document();

  const Tokenizer* tokenizer_;
  const SentenceSplitter* splitter_;
  TokenizationScores scores_;
  std::string doc_text_;
  std::vector<ByteSpan> doc_gold_;
  bool doc_open_ = false;
};

}  // namespace nlp::eval
