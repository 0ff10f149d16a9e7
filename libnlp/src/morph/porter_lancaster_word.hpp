#pragma once
// The working copy of a word for the NLTK Porter and Lancaster ports. NLTK lowercases with
// Python's str.lower() and then tests, counts and indexes characters, i.e. code points. The
// lowercased word is kept as bytes when it is ASCII (nearly always), else decoded into code
// points, so the stemmers can run one template over either. Buffers are reused: after the first
// few words no call allocates (except inside ICU for words with U+0130 or U+03A3).
// Not thread-safe; one per stemmer object.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/normalizer.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::morph::detail {

class LoweredWord {
 public:
  // Lowercases `word`. Returns true when the result is ASCII: its bytes are then in bytes()[0,
  // size()), else its code points are in wide()[0, size()). Both leave `room` writable elements
  // after the word, for rules that lengthen it. Invalid UTF-8 bytes become U+DC80..U+DCFF (as
  // Python's "surrogateescape" decodes them) and are written back as the same bytes.
  bool load(std::string_view word, std::size_t room) {
    const std::size_t n = word.size();
    if (bytes_.size() < n + room) bytes_.resize(n + room);
    char* out = bytes_.data();
    unsigned high = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(word[i]);
      high |= c;
      out[i] = static_cast<char>(c + (static_cast<unsigned>(c - 'A') < 26u ? 32 : 0));
    }
    size_ = n;
    if (!(high & 0x80u)) return true;
    // str.lower() is the simple lowercase mapping of each character except for U+0130 (which
    // becomes "i" and U+0307) and U+03A3 (final sigma depends on the context): ICU does those.
    if (wide_.size() < n + room) wide_.resize(n + room);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n;) {
      const auto b0 = static_cast<unsigned char>(out[i]);
      if (!(b0 & 0x80u)) {
        wide_[k++] = b0;
        ++i;
        continue;
      }
      const auto b1 = i + 1 < n ? static_cast<unsigned char>(word[i + 1]) : 0u;
      if (b0 >= 0xC2 && b0 <= 0xDF && (b1 & 0xC0u) == 0x80u) {
        // Two bytes (Latin, Greek, Cyrillic...): Latin-1 capitals lowercase by adding 0x20.
        const char32_t c = (char32_t{b0 & 0x1Fu} << 6) | (b1 & 0x3Fu);
        if (c == 0x130 || c == 0x3A3) return load_full_mapping(word, room);
        if (c < 0x100)
          wide_[k++] = c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 0x20 : c;
        else
          wide_[k++] = unicode::simple_lower(c);
        i += 2;
        continue;
      }
      const utf8::Decoded d = utf8::decode(word, i);
      if (!d.valid) {
        for (std::uint32_t b = 0; b < d.length; ++b) wide_[k++] = escaped(word[i + b]);
      } else if (d.cp == 0x130 || d.cp == 0x3A3) {
        return load_full_mapping(word, room);
      } else {
        wide_[k++] = unicode::simple_lower(d.cp);
      }
      i += d.length;
    }
    size_ = k;
    return false;
  }

  char* bytes() noexcept { return bytes_.data(); }
  char32_t* wide() noexcept { return wide_.data(); }
  std::size_t size() const noexcept { return size_; }

  // The first `n` bytes as a view.
  std::string_view bytes_view(std::size_t n) const noexcept { return {bytes_.data(), n}; }

  // The first `n` code points of wide(), encoded as UTF-8; valid until the next call.
  std::string_view encode(std::size_t n) {
    if (out_.size() < 4 * n) out_.resize(4 * n);
    char* o = out_.data();
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char32_t c = wide_[i];
      if (c < 0x80) {
        o[k++] = static_cast<char>(c);
      } else if (c < 0x800) {
        o[k++] = static_cast<char>(0xC0u | (c >> 6));
        o[k++] = static_cast<char>(0x80u | (c & 0x3Fu));
      } else if (c >= 0xDC80u && c <= 0xDCFFu) {  // an invalid input byte
        o[k++] = static_cast<char>(c & 0xFFu);
      } else if (c < 0x10000) {
        o[k++] = static_cast<char>(0xE0u | (c >> 12));
        o[k++] = static_cast<char>(0x80u | ((c >> 6) & 0x3Fu));
        o[k++] = static_cast<char>(0x80u | (c & 0x3Fu));
      } else {
        o[k++] = static_cast<char>(0xF0u | (c >> 18));
        o[k++] = static_cast<char>(0x80u | ((c >> 12) & 0x3Fu));
        o[k++] = static_cast<char>(0x80u | ((c >> 6) & 0x3Fu));
        o[k++] = static_cast<char>(0x80u | (c & 0x3Fu));
      }
    }
    return {o, k};
  }

 private:
  static char32_t escaped(char byte) noexcept { return 0xDC00u | static_cast<unsigned char>(byte); }

  // The full lowercase mapping through ICU (which keeps invalid bytes as they are).
  bool load_full_mapping(std::string_view word, std::size_t room) {
    apply_case(word, CaseMode::lower, full_);
    if (wide_.size() < full_.size() + room) wide_.resize(full_.size() + room);
    std::size_t k = 0;
    for (std::size_t i = 0; i < full_.size();) {
      const utf8::Decoded d = utf8::decode(full_, i);
      if (d.valid)
        wide_[k++] = d.cp;
      else
        for (std::uint32_t b = 0; b < d.length; ++b) wide_[k++] = escaped(full_[i + b]);
      i += d.length;
    }
    size_ = k;
    return false;
  }

  std::string bytes_, full_, out_;
  std::vector<char32_t> wide_;
  std::size_t size_ = 0;
};

// Code points in `s` (each invalid byte counts one, as load() decodes it): Python's len().
inline std::size_t code_points(std::string_view s) noexcept {
  bool ascii = true;
  for (const char c : s) ascii = ascii && !(static_cast<unsigned char>(c) & 0x80u);
  if (ascii) return s.size();
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    const utf8::Decoded d = utf8::decode(s, i);
    i += d.valid ? d.length : 1;
  }
  return n;
}

// Suffix tests on packed characters: the last (up to) eight characters of a word, the last one in
// the lowest byte and characters outside ASCII as 0xFF (in no suffix). A word ends with an ASCII
// suffix of up to eight characters when it is at least as long and
// (tail_key(word) & suffix_mask(suffix)) == suffix_key(suffix).
template <class Ch>
std::uint64_t tail_key(const Ch* s, std::size_t n) noexcept {
  std::uint64_t key = 0;
  const std::size_t k = n < 8 ? n : 8;
  for (std::size_t i = 0; i < k; ++i) {
    const auto c = static_cast<std::uint32_t>(s[n - 1 - i]);
    key |= std::uint64_t{c < 0x80 ? c : 0xFFu} << (8 * i);
  }
  return key;
}
inline std::uint64_t suffix_key(std::string_view suffix) noexcept {
  return tail_key(suffix.data(), suffix.size());
}
inline std::uint64_t suffix_mask(std::size_t length) noexcept {
  return length >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * length)) - 1;
}

}  // namespace nlp::morph::detail
