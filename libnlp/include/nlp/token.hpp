#pragma once
// Tokens and byte spans shared by every tokenizer, filter and writer.
#include <cstdint>
#include <string_view>

namespace nlp {

// [begin, end) byte offsets in the original input of a document.
struct ByteSpan {
  std::uint64_t begin = 0, end = 0;
  std::uint64_t size() const noexcept { return end - begin; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// `text` views the document, a static string (e.g. "``" for a converted quote) or an arena owned
// by the stage that changed it; `source` always slices the original document bytes, so every
// output traces back to its input.
struct Token {
  std::string_view text;
  ByteSpan source;
};

}  // namespace nlp
