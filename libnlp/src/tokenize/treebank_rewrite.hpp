#pragma once
// The substitution chain of NLTK's TreebankWordTokenizer and NLTKWordTokenizer (NLTK 3.8,
// nltk/tokenize/treebank.py and destructive.py), hand-coded pass by pass over UTF-8 bytes.
// Each pass reproduces one `re.sub` exactly: leftmost, non-overlapping matches scanned left to
// right, `$` also matching before a final "\n", and Python's Unicode \s \d \w \b and (?i).
// The result is the string NLTK would call `.split()` on.
//   detail::TreebankRewriter rw;
//   std::string_view s = rw.rewrite("Don't stop.", TreebankFlavor::treebank, false);
//   // s holds "Do", "n't", "stop", "." separated by spaces
// One rewriter per thread: the returned view points into its buffers and stays valid until the
// next call. Never throws except std::bad_alloc.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace nlp::detail {

enum class TreebankFlavor : std::uint8_t {
  treebank,  // TreebankWordTokenizer
  word,      // NLTKWordTokenizer, i.e. word_tokenize(text, preserve_line=True)
};

class TreebankRewriter {
 public:
  TreebankRewriter() = default;
  TreebankRewriter(const TreebankRewriter&) = delete;
  TreebankRewriter& operator=(const TreebankRewriter&) = delete;

  // Applies every pass of `flavor` to `text` (valid UTF-8). The view is valid until the next
  // call or release().
  std::string_view rewrite(std::string_view text, TreebankFlavor flavor, bool convert_parentheses);

  // Frees the buffers when they grew beyond `keep` bytes (after a huge document).
  void release_if_larger(std::size_t keep) noexcept;

 private:
  struct Buffer {
    std::unique_ptr<char[]> data;
    std::size_t capacity = 0;
    std::size_t size = 0;
    void reserve(std::size_t n);
  };
  Buffer buf_[2];
};

}  // namespace nlp::detail
