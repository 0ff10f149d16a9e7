#include "nlp/tokenize/tweet_tokenizer.hpp"

#include <bit>
#include <cstring>
#include <string>
#include <vector>

#include "nlp/text/utf8.hpp"
#include "tokenize/tweet_entities.hpp"
#include "tokenize/tweet_scanner.hpp"

namespace nlp {
namespace {

using detail::tweet::EntityMatch;
using detail::tweet::match_entity;
using detail::tweet::Scanner;

// A stretch [w_begin, w_end) of the rewritten text that stands for [o_begin, o_end) of the input
// as a whole: a decoded reference, a deleted one (empty stretch), or the last kept character of a
// shortened run together with the characters cut after it. Outside these, bytes map one to one.
struct Region {
  std::size_t w_begin, w_end, o_begin, o_end;
};

// The text NLTK tokenizes: references decoded (casual._replace_html_entities) and runs of 4+
// identical characters other than [a-zA-Z0-9] cut to 3 (HANG_RE). Built only when something
// changes; `changed` stays false otherwise and the input is tokenized in place.
struct Rewrite {
  bool changed = false;
  std::string text;
  std::vector<Region> regions;

  void build(std::string_view in) {
    const std::size_t n = in.size();
    std::size_t copied = 0;  // input bytes before this are in `text` or accounted for
    auto start = [&](std::size_t upto) {
      if (!changed) {
        changed = true;
        text.reserve(n);
      }
      text.append(in.substr(copied, upto - copied));
    };
    // Repetition state over the decoded characters.
    char32_t prev = 0;
    bool have_prev = false;
    int run = 0;
    std::size_t prev_o_begin = 0, prev_w_len = 0;  // last kept character (valid once changed)
    std::size_t i = 0;
    while (i < n) {
      const auto b = static_cast<unsigned char>(in[i]);
      char32_t c;
      std::size_t next;
      EntityMatch ent;
      if (b == '&') ent = match_entity(in, i);
      if (ent.matched) {
        next = ent.end;
        if (!ent.has_char) {  // deleted reference: no character, runs continue across it
          start(i);
          regions.push_back({text.size(), text.size(), i, next});
          copied = next;
          i = next;
          continue;
        }
        c = ent.cp;
      } else if (b < 0x80) {
        c = b;
        next = i + 1;
      } else {
        std::uint32_t len = 0;
        c = utf8::decode_valid(in.data() + i, len);
        next = i + len;
      }
      const bool alnum = c < 0x80 && ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
                                      (c >= U'0' && c <= U'9'));
      run = (have_prev && c == prev && !alnum) ? run + 1 : 1;
      prev = c;
      have_prev = true;
      if (run > 3) {
        // Cut: the last kept character now also spans this one.
        start(i);
        while (!regions.empty() && regions.back().w_begin == text.size() &&
               regions.back().w_end == text.size())
          regions.pop_back();  // deleted references inside the run fold into the region
        const std::size_t w_begin = text.size() - prev_w_len;
        if (!regions.empty() && regions.back().w_begin == w_begin &&
            regions.back().w_end == text.size()) {
          regions.back().o_end = next;
        } else {
          regions.push_back({w_begin, text.size(), prev_o_begin, next});
        }
        copied = next;
        i = next;
        continue;
      }
      if (ent.matched) {
        start(i);
        const std::size_t w_begin = text.size();
        utf8::append(text, c);
        regions.push_back({w_begin, text.size(), i, next});
        copied = next;
        prev_w_len = text.size() - w_begin;
      } else {
        prev_w_len = next - i;
      }
      prev_o_begin = i;
      i = next;
    }
    if (changed) text.append(in.substr(copied));
  }

  // Last region starting at or before w (for equal w_begin the later one, which is the non-empty
  // one). Queries come in non-decreasing order of w, so a cursor walks the regions once.
  std::size_t cursor = 0;
  const Region* region_before(std::size_t w) {
    if (regions.empty() || regions[0].w_begin > w) return nullptr;
    if (regions[cursor].w_begin > w) cursor = 0;  // not expected; stay correct anyway
    while (cursor + 1 < regions.size() && regions[cursor + 1].w_begin <= w) ++cursor;
    return &regions[cursor];
  }
  std::size_t original_begin(std::size_t w) {
    const Region* r = region_before(w);
    if (!r) return w;
    if (w < r->w_end) return r->o_begin;
    return w + (r->o_end - r->w_end);  // rewriting only shortens: o_end >= w_end
  }
  std::size_t original_end(std::size_t w) {  // w > 0: end of a token
    const Region* r = region_before(w - 1);
    if (!r) return w;
    if (w - 1 < r->w_end) return r->o_end;
    return w + (r->o_end - r->w_end);
  }
};

// Whether Rewrite::build can change the text: an '&', or four identical consecutive code points
// other than ASCII letters and digits. Eight bytes at a time: a run of four L-byte characters
// starting at byte j has s[j] == s[j+L] == s[j+2L] == s[j+3L], which word-wide comparisons find;
// each such position is then checked exactly.
inline std::uint64_t load64(const unsigned char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
// 0x80 in every byte of v that is zero, 0 elsewhere (exact: no carries between bytes).
inline std::uint64_t zero_bytes(std::uint64_t v) noexcept {
  constexpr std::uint64_t m = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((v & m) + m) | v | m);
}

bool run_at(const unsigned char* s, std::size_t n, std::size_t j) noexcept {
  const unsigned char b = s[j];
  if ((b & 0xC0) == 0x80) return false;  // not the first byte of a character
  if (b < 0x80) {
    const unsigned lower = b | 0x20u;
    if ((lower >= 'a' && lower <= 'z') || (b >= '0' && b <= '9')) return false;
  }
  const std::size_t len = utf8::sequence_length(b);
  if (j + 4 * len > n) return false;
  for (std::size_t k = 1; k < 4; ++k)
    for (std::size_t t = 0; t < len; ++t)
      if (s[j + t] != s[j + k * len + t]) return false;
  return true;
}

// Candidate run starts among the 8 bytes at p (p[0..20) readable).
inline std::uint64_t run_candidates(const unsigned char* p) noexcept {
  const std::uint64_t x = load64(p);
  std::uint64_t runs =
      zero_bytes(x ^ load64(p + 1)) & zero_bytes(x ^ load64(p + 2)) & zero_bytes(x ^ load64(p + 3));
  if (x & 0x8080808080808080ULL) {  // a multi-byte character may start in this block
    for (std::size_t len = 2; len <= 4; ++len)
      runs |= zero_bytes(x ^ load64(p + len)) & zero_bytes(x ^ load64(p + 2 * len)) &
              zero_bytes(x ^ load64(p + 3 * len));
  }
  return runs;
}

bool may_need_rewrite(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  constexpr std::uint64_t kAmp = 0x2626262626262626ULL;
  // The last blocks read a zero-padded copy; candidates are always checked on the real text.
  unsigned char tail[40];
  for (std::size_t i = 0; i < n; i += 8) {
    const unsigned char* p = s + i;
    if (i + 20 > n) {
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, s + i, n - i);
      p = tail;
    }
    const std::uint64_t x = load64(p);
    if (zero_bytes(x ^ kAmp)) return true;  // an '&' (padding is never '&')
    std::uint64_t runs = run_candidates(p);
    while (runs) {
      // Byte k of the block is the k-th lowest byte of the word on little-endian machines.
      const int bit = std::endian::native == std::endian::little ? std::countr_zero(runs)
                                                                  : std::countl_zero(runs);
      const auto k = static_cast<std::size_t>(bit) / 8;
      if (i + k < n && run_at(s, n, i + k)) return true;
      runs &= std::endian::native == std::endian::little ? runs - 1 : ~(std::uint64_t{1} << (63 - bit));
    }
  }
  return false;
}

}  // namespace

void TweetTokenizer::tokenize(std::string_view text, std::uint64_t base, TokenBuffer& out) const {
  Rewrite rw;
  if (may_need_rewrite(text)) rw.build(text);
  if (!rw.changed) {
    Scanner scanner(text);
    scanner.scan([&](std::size_t b, std::size_t e) {
      out.tokens.push_back({text.substr(b, e - b), {base + b, base + e}});
    });
    return;
  }
  const std::string_view w = rw.text;
  Scanner scanner(w);
  scanner.scan([&](std::size_t b, std::size_t e) {
    const std::size_t ob = rw.original_begin(b), oe = rw.original_end(e);
    const std::string_view tok = w.substr(b, e - b);
    const std::string_view src = text.substr(ob, oe - ob);
    const std::string_view view = src == tok ? src : out.arena.store(tok);
    out.tokens.push_back({view, {base + ob, base + oe}});
  });
}

}  // namespace nlp
