#pragma once
// Bag-of-words, TF-IDF and feature-hashing document-term matrices with scikit-learn 1.2's
// CountVectorizer, TfidfVectorizer and HashingVectorizer semantics: the same vocabulary in the
// same column order (hashing: the same columns), and values within 1e-12 of scikit-learn's.
//   nlp::VectorizerOptions o;  o.kind = nlp::VectorizerKind::tfidf;  o.ngram_max = 2;
//   nlp::Vectorizer v(o);
//   nlp::CsrMatrix x = v.fit_transform(docs);   // docs: std::vector<std::string>
//   v.vocabulary()[x.indices[0]]                // the term of the first stored value
// Analyzer: the text is lowercased (Python str.lower()) when `lowercase`, then accents are
// stripped (`strip_accents`), then `word` finds tokens with `token_pattern` (default
// (?u)\b\w\w+\b), drops stop words (exact match), and forms word n-grams joined by one space;
// `char` and `char_wb` form character n-grams as scikit-learn's _char_ngrams/_char_wb_ngrams.
// fit() builds the vocabulary sorted by code point (Python string order), applies min_df,
// max_df and max_features (ties in term frequency are broken as numpy 1.24's argsort does), and
// for tfidf computes idf = ln((1 + n) / (1 + df)) + 1 (smooth_idf) or ln(n / df) + 1.
// `hashing` learns nothing: each feature goes to column |murmurhash3_32(feature)| mod n_features
// with sign -1 for a negative hash when alternate_sign (nlp/vectorize/hashing.hpp), then binary
// and the norm apply; transform() works without fit(), and fit() only validates.
// save() writes the fitted state (options, vocabulary, document frequencies, idf) as the
// nlp.vectorizer format (docs/formats/vectorizer-model.md); load() gives back a Vectorizer whose
// transform() is identical.
// Rows of the result are documents in input order; columns within a row are increasing.
// Counting runs on `threads` threads in fixed batches merged in order: results do not depend on
// the thread count.
// Thread-safety: a fitted Vectorizer is const for transform(); fit() must not run concurrently
// with anything else on the same object. Views returned by vocabulary() live as long as the
// Vectorizer and until the next fit().
// Throws UsageError for invalid options (ngram_min > ngram_max, bad df bounds, a duplicated
// given vocabulary term, transform() before fit()), InputError for invalid UTF-8 (the position
// names the document index as the line), and Error when the vocabulary ends up empty.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/normalizer.hpp"
#include "nlp/vectorize/sparse.hpp"

namespace nlp {

enum class VectorizerKind { count, tfidf, hashing };
enum class Analyzer { word, char_, char_wb };
enum class VectorNorm { none, l1, l2 };

// A document-frequency bound: an absolute number of documents, or a proportion in [0, 1] of
// the number of documents (scikit-learn's int versus float min_df / max_df).
struct DfBound {
  bool proportion = false;
  double value = 0;
  static DfBound count(std::uint64_t n) { return {false, static_cast<double>(n)}; }
  static DfBound fraction(double p) { return {true, p}; }
};

struct VectorizerOptions {
  VectorizerKind kind = VectorizerKind::count;
  // Analyzer (scikit-learn: analyzer, ngram_range, lowercase, strip_accents, token_pattern,
  // stop_words).
  Analyzer analyzer = Analyzer::word;
  std::size_t ngram_min = 1, ngram_max = 1;
  bool lowercase = true;
  AccentMode strip_accents = AccentMode::keep;
  std::string token_pattern;             // empty: (?u)\b\w\w+\b; at most one capturing group
  // Exact words, ignored by the char analyzers; scikit-learn's stop_words='english' is
  // nlp::stopword_list("sklearn:en") (nlp/pipeline/filters.hpp).
  std::vector<std::string> stop_words;
  // Vocabulary limits, ignored when `vocabulary` is given.
  DfBound min_df = DfBound::count(1);
  DfBound max_df = DfBound::fraction(1.0);
  std::optional<std::size_t> max_features;
  std::vector<std::string> vocabulary;   // given terms in column order (empty: learn it)
  bool binary = false;                   // counts become 1
  // Hashing (kind == hashing): 1 .. 2^31 - 1 columns, and the sign of the hash kept.
  std::uint32_t n_features = 1u << 20;
  bool alternate_sign = true;
  // TF-IDF and hashing (norm only).
  VectorNorm norm = VectorNorm::l2;
  bool use_idf = true, smooth_idf = true, sublinear_tf = false;
  unsigned threads = 1;
};

class Vectorizer {
 public:
  explicit Vectorizer(VectorizerOptions opts);
  ~Vectorizer();
  Vectorizer(Vectorizer&&) noexcept;
  Vectorizer& operator=(Vectorizer&&) noexcept;

  void fit(std::span<const std::string_view> documents);
  CsrMatrix transform(std::span<const std::string_view> documents) const;
  CsrMatrix fit_transform(std::span<const std::string_view> documents);
  void fit(const std::vector<std::string>& documents);
  CsrMatrix transform(const std::vector<std::string>& documents) const;
  CsrMatrix fit_transform(const std::vector<std::string>& documents);

  bool fitted() const noexcept;
  // Terms in column order.
  std::span<const std::string_view> vocabulary() const noexcept;
  // Column of `term`, or nullopt.
  std::optional<std::uint32_t> column(std::string_view term) const;
  // Number of fit documents containing each term (after `binary`), in column order.
  std::span<const std::uint64_t> document_frequencies() const noexcept;
  // idf per column (tfidf with use_idf), else empty.
  std::span<const double> idf() const noexcept;
  // Terms removed by min_df, max_df or max_features, sorted (scikit-learn's stop_words_).
  std::vector<std::string> pruned_terms() const;
  const VectorizerOptions& options() const noexcept;
  // Threads for the next fit() / transform() (a loaded model runs on 1 until told otherwise).
  void set_threads(unsigned threads) noexcept;
  // Number of documents fit() saw (0 before fit, and for hashing).
  std::uint64_t fit_documents() const noexcept;

  // The fitted state as an nlp.vectorizer file (UsageError when not fitted; hashing needs no
  // fit). save() writes through a temporary file renamed over `path`.
  std::string serialize() const;
  void save(const std::string& path) const;
  // FormatError naming `name` and the byte offset for a malformed, truncated or corrupt file.
  static Vectorizer deserialize(std::string_view bytes, const std::string& name);
  static Vectorizer load(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  // The fitted state read back by deserialize(): columns, df per column, fit document count.
  void restore(std::vector<std::string> terms, std::vector<std::uint64_t> df,
               std::uint64_t n_documents);
};

const char* to_string(VectorizerKind k);
const char* to_string(Analyzer a);   // word | char | char_wb
const char* to_string(VectorNorm n); // none | l1 | l2
VectorizerKind parse_vectorizer_kind(std::string_view s);  // count|tfidf|hashing, else UsageError
Analyzer parse_analyzer(std::string_view s);               // word|char|char_wb
VectorNorm parse_vector_norm(std::string_view s);          // none|l1|l2

}  // namespace nlp
