#pragma once
// The working copy of a word for the NLTK Porter and Lancaster ports. NLTK lowercases with
// Python's str.lower() and then tests, counts and indexes characters, i.e. code points. The
// lowercased word is kept as bytes when it is ASCII (nearly always), else decoded into code
// points, so the stemmers can run one template over either. Buffers are reused: after the first
// few words no call allocates (except inside ICU when a non-ASCII word is lowercased).
// Not thread-safe; one per stemmer object.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/normalizer.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::morph::detail {

class LoweredWord {
 public:
  // Lowercases `word`. Returns true when the result is ASCII: its bytes are then in bytes()[0,
  // size()), else its code points are in wide()[0, size()). Both leave `room` writable elements
  // after the word, for rules that lengthen it. Invalid UTF-8 bytes become U+DC80..U+DCFF (as
  // Python's "surrogateescape" decodes them) and are written back as the same bytes.
  bool load(std::string_view word, std::size_t room) {
    apply_case(word, CaseMode::lower, lower_);
    const std::size_t n = lower_.size();
    unsigned high = 0;
    for (const char c : lower_) high |= static_cast<unsigned char>(c);
    if (!(high & 0x80u)) {
      size_ = n;
      lower_.resize(n + room);
      return true;
    }
    if (wide_.size() < n + room) wide_.resize(n + room);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n;) {
      const utf8::Decoded d = utf8::decode(lower_, i);
      if (d.valid) {
        wide_[k++] = d.cp;
      } else {
        for (std::uint32_t b = 0; b < d.length; ++b)
          wide_[k++] = 0xDC00u | static_cast<unsigned char>(lower_[i + b]);
      }
      i += d.length;
    }
    size_ = k;
    return false;
  }

  char* bytes() noexcept { return lower_.data(); }
  char32_t* wide() noexcept { return wide_.data(); }
  std::size_t size() const noexcept { return size_; }

  // The first `n` bytes as a view.
  std::string_view bytes_view(std::size_t n) const noexcept { return {lower_.data(), n}; }

  // The first `n` code points of wide(), encoded as UTF-8; valid until the next call.
  std::string_view encode(std::size_t n) {
    out_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const char32_t c = wide_[i];
      if (c >= 0xDC80u && c <= 0xDCFFu)
        out_.push_back(static_cast<char>(c & 0xFFu));
      else
        utf8::append(out_, c);
    }
    return out_;
  }

 private:
  std::string lower_, out_;
  std::vector<char32_t> wide_;
  std::size_t size_ = 0;
};

// Code points in `s` (each invalid byte counts one, as load() decodes it): Python's len().
inline std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    const utf8::Decoded d = utf8::decode(s, i);
    i += d.valid ? d.length : 1;
  }
  return n;
}

}  // namespace nlp::morph::detail
