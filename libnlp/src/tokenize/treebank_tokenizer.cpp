#include "nlp/tokenize/treebank_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "tokenize/treebank_rewrite.hpp"
#include "tokenize/treebank_scan.hpp"

// The per-token bodies run once per token; keep them in their loops.
#if defined(__GNUC__)
#define NLP_TREEBANK_INLINE __attribute__((always_inline))
#else
#define NLP_TREEBANK_INLINE
#endif

// How the text is split without running every substitution over all of it.
//
// Every NLTK pattern looks at most one character beyond the run of non-whitespace ("chunk") it
// starts in: an opener before `"` (`([ \(\[{<])(\"|\'{2})`), a host before `'` (`([^' ])'`,
// `([^'])'`), the character after `:` or `,`, the space after a clitic, \b, (?=\s). Whitespace is
// never removed except at the very end, nor moved, so the whitespace character on each side of
// a chunk stays its neighbour through the whole chain. The common chunks are tokenized the same
// whatever surrounds them, apart from that one character, and are handled here directly. Such a
// chunk is an optional `"`, a core, an optional mark (. , : ; ! ? @ # $ % &) and an optional `"`:
// - the core holds [A-Za-z0-9_-], \w and characters no pattern mentions (— in both flavours,
//   “ ” ‘ ’ in treebank), without `--` and without a \w run that CONTRACTIONS2 splits (cannot
//   gimme gonna gotta lemme wanna; the other two contain an apostrophe); no pattern matches in
//   it, so it is one token;
// - a mark is padded (`,` and `:` by `([:,])([^\d])`, whose second character is what follows),
//   except `.`, which only the final-period rule splits, at the end of the text;
// - an opening `"` becomes `` at the start of the text (`^\"`) or after a space
//   (`([ \(\[{<])(\"|\'{2})`), else '' (the ending-quotes rule `"`); a closing one becomes ''.
// None of these starts or ends a match that reaches into a neighbour, nor consumes the
// whitespace beside it for a match that would need it. All other chunks go through the full
// chain, once per text: each run of them becomes "w" + chunks + "w'a" in one batch, where w and w'
// are the whitespace characters around the run in the input. The chain then sees the same
// one-character context as in the whole text, no text start (unless the run is at the start)
// and no text end; the "a"s are plain chunks whose tokens are dropped.
// The end of the text is where the end-anchored patterns (final period, `([:,])$`, `\s*$`) act:
// the last chunk holding anything but closing brackets and quotes, and all that follows it, is
// handled directly only if it is a single chunk of the kinds above, else it closes the batch.

namespace nlp {
namespace {

namespace scan = detail::treebank_scan;
constexpr std::size_t npos = std::string_view::npos;

// Whitespace bitmask of the 64 bytes at `blk` of valid UTF-8 `s` (bytes past the end count as
// whitespace): bit k is set when byte blk+k belongs to a whitespace character (str.isspace).
// `carry` brings in the bits of a character that began in the previous block and returns those
// of one that continues into the next.
inline std::uint64_t space_block(std::string_view s, std::size_t blk, std::uint64_t& carry) noexcept {
  const std::size_t len = std::min<std::size_t>(64, s.size() - blk);
  const char* p = s.data() + blk;
  char tail[64];
  if (len < 64) {
    std::memset(tail, ' ', sizeof tail);
    std::memcpy(tail, p, len);
    p = tail;
  }
  const scan::Masks m = scan::masks64(p);
  std::uint64_t space = m.space | carry;
  carry = 0;
  for (std::uint64_t lead = m.lead; lead; lead &= lead - 1) {
    const unsigned k = scan::ctz64(lead);
    std::uint32_t cl;
    if (!unicode::is_space(utf8::decode_valid(s.data() + blk + k, cl))) continue;
    if (k + cl <= 64) {
      space |= ((std::uint64_t{1} << cl) - 1) << k;
    } else {
      space |= ~std::uint64_t{0} << k;
      carry = (std::uint64_t{1} << (k + cl - 64)) - 1;
    }
  }
  return space;
}

// Calls f(begin, end) for each maximal run of non-whitespace in valid UTF-8 `s`.
template <class F>
void for_each_token(std::string_view s, F&& f) {
  const std::size_t n = s.size();
  std::size_t start = 0;
  bool open = false;  // a token runs on from the previous block, starting at `start`
  std::uint64_t carry = 0;
  for (std::size_t blk = 0; blk < n; blk += 64) {
    const std::uint64_t space = space_block(s, blk, carry);
    const std::uint64_t before = (space << 1) | (open ? 0 : 1);  // bit k: byte k-1 is whitespace
    std::uint64_t starts = ~space & before;
    std::uint64_t ends = space & ~before;
    if (open) {
      if (!ends) continue;  // the token spans this whole block
      f(start, blk + scan::ctz64(ends));
      ends &= ends - 1;
      open = false;
    }
    while (starts) {
      const std::size_t b = blk + scan::ctz64(starts);
      starts &= starts - 1;
      if (!ends) {
        start = b;
        open = true;
        break;
      }
      f(b, blk + scan::ctz64(ends));
      ends &= ends - 1;
    }
  }
  if (open) f(start, n);
}

// Masks of a whole text, one word per 64 bytes, and one more word past the end (all whitespace).
class TextIndex {
 public:
  void build(std::string_view s) {
    const std::size_t n = s.size();
    const std::size_t words = (n + 63) / 64 + 1;
    if (space_.size() < words) {
      space_.resize(words);
      special_.resize(words);
      pair_.resize(words);
    }
    std::uint64_t carry = 0;
    std::size_t w = 0;
    char tail[80];
    for (std::size_t blk = 0; blk < n; blk += 64, ++w) {
      const char* p = s.data() + blk;
      if (n - blk < 65) {  // chunk_masks64 reads 65 bytes
        std::memset(tail, ' ', sizeof tail);
        std::memcpy(tail, p, n - blk);
        p = tail;
      }
      const scan::ChunkMasks m = scan::chunk_masks64(p);
      std::uint64_t space = m.space | carry;
      carry = 0;
      for (std::uint64_t c = m.control; c; c &= c - 1) {  // \t \n \v \f \r \x1c-\x1f
        const unsigned k = scan::ctz64(c);
        const auto b = static_cast<unsigned char>(p[k]);
        if ((b >= 0x09 && b <= 0x0D) || b >= 0x1C) space |= std::uint64_t{1} << k;
      }
      for (std::uint64_t lead = m.lead; lead; lead &= lead - 1) {
        const unsigned k = scan::ctz64(lead);
        const auto* q = reinterpret_cast<const unsigned char*>(s.data() + blk + k);
        // Quotes and dashes (E2 80 8B..A7) first: the commonest non-ASCII punctuation, none of it
        // whitespace.
        if (q[0] == 0xE2 && q[1] == 0x80 && q[2] >= 0x8B && q[2] <= 0xA7) continue;
        std::uint32_t cl;
        if (!unicode::is_space(utf8::decode_valid(s.data() + blk + k, cl))) continue;
        if (k + cl <= 64) {
          space |= ((std::uint64_t{1} << cl) - 1) << k;
        } else {
          space |= ~std::uint64_t{0} << k;
          carry = (std::uint64_t{1} << (k + cl - 64)) - 1;
        }
      }
      space_[w] = space;
      special_[w] = ~(m.letter | space);
      pair_[w] = m.pair;
    }
    space_[w] = ~std::uint64_t{0};
    special_[w] = 0;
    pair_[w] = 0;
    size_ = n;
  }

  const std::uint64_t* space() const noexcept { return space_.data(); }
  const std::uint64_t* special() const noexcept { return special_.data(); }
  const std::uint64_t* pair() const noexcept { return pair_.data(); }
  bool is_space(std::size_t i) const noexcept { return (space_[i >> 6] >> (i & 63)) & 1; }
  bool is_pair(std::size_t i) const noexcept { return (pair_[i >> 6] >> (i & 63)) & 1; }
  // Any byte in [b, e) other than [A-Za-z] and whitespace / starting a pair (nn mm tt).
  bool any_special(std::size_t b, std::size_t e) const noexcept { return any(special_.data(), b, e); }
  bool any_pair(std::size_t b, std::size_t e) const noexcept { return any(pair_.data(), b, e); }

  // Calls f(k) for each special byte k in [b, e), in order, while f returns true; returns whether
  // every call did.
  template <class F>
  bool each_special(std::size_t b, std::size_t e, F&& f) const {
    for (std::size_t w = b >> 6; w * 64 < e; ++w) {
      std::uint64_t bits = special_[w];
      if (w == (b >> 6)) bits &= ~std::uint64_t{0} << (b & 63);
      if (w == ((e - 1) >> 6)) bits &= ~std::uint64_t{0} >> (63 - ((e - 1) & 63));
      for (; bits; bits &= bits - 1) {
        if (!f(w * 64 + scan::ctz64(bits))) return false;
      }
    }
    return true;
  }

  // The first position >= i that is not whitespace, or the size.
  std::size_t next_non_space(std::size_t i) const noexcept {
    std::size_t w = i >> 6;
    const std::uint64_t m = ~space_[w] >> (i & 63);
    // Bits past the end are set (whitespace), so no answer lies beyond the size.
    if (m) return i + scan::ctz64(m);
    const std::size_t words = (size_ + 63) / 64 + 1;
    while (++w < words) {
      if (~space_[w]) return w * 64 + scan::ctz64(~space_[w]);
    }
    return size_;
  }
  // The first position >= i that is whitespace, or the size.
  std::size_t next_space(std::size_t i) const noexcept {
    std::size_t w = i >> 6;
    std::uint64_t m = space_[w] >> (i & 63);
    if (m) return std::min(size_, i + scan::ctz64(m));
    while (!space_[++w]) {
    }
    return std::min(size_, w * 64 + scan::ctz64(space_[w]));
  }
  // The start of the chunk holding byte i (not whitespace).
  std::size_t chunk_start(std::size_t i) const noexcept {
    std::size_t w = i >> 6;
    std::uint64_t m = space_[w] & ((std::uint64_t{2} << (i & 63)) - 1);
    while (!m) {
      if (w == 0) return 0;
      m = space_[--w];
    }
    return w * 64 + (63 - static_cast<std::size_t>(__builtin_clzll(m))) + 1;
  }

  void release_if_larger(std::size_t keep) {
    if (space_.capacity() * sizeof(std::uint64_t) > keep) {
      std::vector<std::uint64_t>().swap(space_);
      std::vector<std::uint64_t>().swap(special_);
      std::vector<std::uint64_t>().swap(pair_);
    }
  }

 private:
  static bool any(const std::uint64_t* v, std::size_t b, std::size_t e) noexcept {
    if (b >= e) return false;
    const std::size_t wb = b >> 6, we = (e - 1) >> 6;
    const std::uint64_t lo = ~std::uint64_t{0} << (b & 63);
    const std::uint64_t hi = ~std::uint64_t{0} >> (63 - ((e - 1) & 63));
    if (wb == we) return (v[wb] & lo & hi) != 0;
    if (v[wb] & lo) return true;
    for (std::size_t w = wb + 1; w < we; ++w)
      if (v[w]) return true;
    return (v[we] & hi) != 0;
  }

  std::vector<std::uint64_t> space_, special_, pair_;
  std::size_t size_ = 0;
};


// ASCII byte classes for sorting chunks.
enum : std::uint8_t {
  kPlainByte = 1,  // [A-Za-z0-9_-]
  kMark = 2,       // . , : ; ! ? @ # $ % &
  kCloser = 4,     // ] ) } > " ': may follow a final period
  kWordByte = 8,   // [A-Za-z0-9_]: ASCII \w
};
constexpr std::array<std::uint8_t, 256> make_byte_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] |= kPlainByte;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] |= kPlainByte;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] |= kPlainByte;
  t['_'] |= kPlainByte;
  t['-'] |= kPlainByte;
  for (std::size_t c = 0; c < 128; ++c)
    if ((t[c] & kPlainByte) && c != '-') t[c] |= kWordByte;
  for (const char c : std::string_view(".,:;!?@#$%&")) t[static_cast<unsigned char>(c)] |= kMark;
  for (const char c : std::string_view("])}>\"'")) t[static_cast<unsigned char>(c)] |= kCloser;
  return t;
}
constexpr std::array<std::uint8_t, 256> kByteClass = make_byte_classes();

inline std::uint8_t byte_class(char c) noexcept { return kByteClass[static_cast<unsigned char>(c)]; }

// Whether the ASCII \w run `w` is split by CONTRACTIONS2 (all of whose apostrophe-free patterns
// are five or six ASCII letters; (?i) adds only U+0130/U+0131 for the i of gimme, non-ASCII).
bool is_contraction_word(std::string_view w) noexcept {
  if (w.size() != 5 && w.size() != 6) return false;
  char lower[6];
  for (std::size_t i = 0; i < w.size(); ++i) lower[i] = static_cast<char>(w[i] | 0x20);
  const std::string_view l(lower, w.size());
  return l == "cannot" || l == "gimme" || l == "gonna" || l == "gotta" || l == "lemme" || l == "wanna";
}

// [b, e) holds only ASCII bytes, and some pair bit is set in it: whether no \w run in it (bounded
// by other bytes or by the ends, which are \b) is one CONTRACTIONS2 splits.
[[gnu::noinline]] bool plain_despite_pairs(std::string_view s, const TextIndex& ix, std::size_t b,
                                           std::size_t e) noexcept {
  for (std::size_t i = b; i + 1 < e; ++i) {
    if (!ix.is_pair(i)) continue;
    std::size_t rb = i, re = i + 2;  // the \w run around the pair
    while (rb > b && (byte_class(s[rb - 1]) & kWordByte)) --rb;
    while (re < e && (byte_class(s[re]) & kWordByte)) ++re;
    if (is_contraction_word(s.substr(rb, re - rb))) return false;
  }
  return true;
}

// How a chunk is tokenized: kWhole, or bits of kOpenQuote, kMarkEnd, kCloseQuote around a core,
// or kComplex.
constexpr unsigned kWhole = 0;       // one token: the chunk
constexpr unsigned kOpenQuote = 1;   // starts with ": `` or '' before the core
constexpr unsigned kMarkEnd = 2;     // a mark after the core (split off unless '.' before the tail)
constexpr unsigned kCloseQuote = 4;  // ends with ": ''
constexpr unsigned kComplex = 8;     // needs the substitution chain
// The core is letters, one apostrophe, letters. Bits 8 and up: where the clitic starts, relative
// to the chunk ('s 'm 'd 'll 're 've ', or n't), or 0 if none; it is split off when a space
// follows the core by the time the clitic rules run (ENDING_QUOTES, after the marks and quotes
// were padded).
constexpr unsigned kApostrophe = 16;
constexpr unsigned kCliticShift = 8;

// Whether ASCII letters `s` equal lowercase `lower` ignoring case.
inline bool equals_ci(std::string_view s, std::string_view lower) noexcept {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((s[i] | 0x20) != lower[i]) return false;
  return true;
}

// Shape of a core [i, end) with its only special byte an apostrophe at q, letters around it.
// NLTK 3.8 ENDING_QUOTES: ([^' ])('[sS]|'[mM]|'[dD]|') and ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T)
// followed by a space; before them, in the word flavour, (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b
// splits a quote before a one-letter word, and after them CONTRACTIONS2 splits d'ye and more'n.
unsigned classify_apostrophe(std::string_view s, const TextIndex& ix, std::size_t b, std::size_t i,
                             std::size_t q, std::size_t end, unsigned shape, bool word) noexcept {
  if (q == i) return kComplex;
  const std::string_view l1 = s.substr(i, q - i), l2 = s.substr(q + 1, end - q - 1);
  if (word && l2.size() == 1 && std::string_view("mtsdnMTSDN").find(l2[0]) == npos) return kComplex;
  if ((equals_ci(l1, "d") && equals_ci(l2, "ye")) || (equals_ci(l1, "more") && equals_ci(l2, "n"))) return kComplex;
  if (ix.any_pair(i, end - 1) && !plain_despite_pairs(s, ix, i, end)) return kComplex;
  std::size_t clitic = 0;
  if (l2.empty() || l2 == "s" || l2 == "S" || l2 == "m" || l2 == "M" || l2 == "d" || l2 == "D" ||
      l2 == "ll" || l2 == "LL" || l2 == "re" || l2 == "RE" || l2 == "ve" || l2 == "VE") {
    clitic = q;
  } else if (l1.size() >= 2 && ((l2 == "t" && l1.back() == 'n') || (l2 == "T" && l1.back() == 'N'))) {
    // Splitting n't off ends a \w run before the n, which CONTRACTIONS2 then sees (gonnan't).
    if (q - 1 - i >= 2 && ix.any_pair(i, q - 2) && !plain_despite_pairs(s, ix, i, q - 1)) return kComplex;
    clitic = q - 1;
  }
  if (clitic - b >= (std::size_t{1} << (32 - kCliticShift))) return kComplex;
  return shape | kApostrophe | static_cast<unsigned>((clitic ? clitic - b : 0) << kCliticShift);
}

// Characters of the word flavour's curly-quote patterns: « “ ‘ „ and » ” ’.
inline bool is_curly_quote(char32_t c) noexcept {
  return c == 0x00AB || c == 0x00BB || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
         c == 0x201E;
}

// The shape of chunk [b, e) when the fast tests in the main loop did not settle it.
[[gnu::noinline]] unsigned classify_other(std::string_view s, const TextIndex& ix, std::size_t b,
                                          std::size_t e, bool word) noexcept {
  if (e - b == 1) return (byte_class(s[b]) & (kPlainByte | kMark)) ? kWhole : kComplex;
  unsigned shape = 0;
  std::size_t i = b, end = e;  // the core
  if (s[i] == '"') {
    shape |= kOpenQuote;
    ++i;
  }
  if (end - i >= 2 && s[end - 1] == '"') {
    shape |= kCloseQuote;
    --end;
  }
  if (end - i >= 2 && (byte_class(s[end - 1]) & kMark)) {
    shape |= kMarkEnd;
    --end;
  }
  if (i == end) return kComplex;
  // The core's bytes other than letters: [0-9_-] but no `--`, and non-ASCII characters except, in
  // the word flavour, the curly quotes (« » C2 AB/BB, “ ” ‘ ’ „ E2 80 9C/9D/98/99/9E).
  bool ascii = true;
  std::size_t apostrophe = npos;  // the first ', if any
  std::size_t others = 0;         // special bytes other than it
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  const bool ok = ix.each_special(i, end, [&](std::size_t k) NLP_TREEBANK_INLINE {
    const unsigned char c = u[k];
    if (c == '\'' && apostrophe == npos) {
      apostrophe = k;
      return true;
    }
    ++others;
    if (c < 0x80) return (kByteClass[c] & kPlainByte) && !(c == '-' && k + 1 < end && u[k + 1] == '-');
    ascii = false;
    if (!word) return true;
    if (c == 0xC2) return u[k + 1] != 0xAB && u[k + 1] != 0xBB;
    if (c == 0xE2 && u[k + 1] == 0x80) {
      const unsigned char c2 = u[k + 2];
      return c2 != 0x98 && c2 != 0x99 && c2 != 0x9C && c2 != 0x9D && c2 != 0x9E;
    }
    return true;
  });
  if (!ok) return kComplex;
  if (apostrophe != npos) {
    if (others) return kComplex;
    return classify_apostrophe(s, ix, b, i, apostrophe, end, shape, word);
  }
  // With non-ASCII characters about (İ in gİmme, — between runs), leave nn / mm / tt to the chain.
  if (end - i >= 2 && ix.any_pair(i, end - 1) && (!ascii || !plain_despite_pairs(s, ix, i, end)))
    return kComplex;
  return shape;
}

// classify for a chunk inside one 64-byte word, with bits m (lowest bit of the end: ebit), that
// has a special byte or a pair.
inline unsigned classify_in_word(std::string_view s, const TextIndex& ix, std::size_t b, std::size_t e,
                                 std::uint64_t m, std::uint64_t ebit, std::uint64_t special,
                                 std::uint64_t pair, bool word) noexcept {
  if (!(special & m)) return plain_despite_pairs(s, ix, b, e) ? kWhole : kComplex;
  if ((special & m) == (ebit >> 1) && e - b >= 2 && (byte_class(s[e - 1]) & kMark)) {
    if ((pair & m & (m >> 2)) && !plain_despite_pairs(s, ix, b, e - 1)) return kComplex;
    return kMarkEnd;
  }
  return classify_other(s, ix, b, e, word);
}

inline unsigned classify(std::string_view s, const TextIndex& ix, std::size_t b, std::size_t e,
                         bool word) noexcept {
  if (!ix.any_special(b, e) && !ix.any_pair(b, e - 1)) return kWhole;
  return classify_other(s, ix, b, e, word);
}

// Start of the part of `s` the end-anchored patterns can reach: the last chunk holding anything
// other than closing brackets and quotes (] ) } > " ' and » ” ’, which can follow a final period),
// or 0.
std::size_t tail_start(std::string_view s, const TextIndex& ix) noexcept {
  std::size_t i = s.size();
  while (i > 0) {
    if (ix.is_space(i - 1) || (byte_class(s[i - 1]) & kCloser)) {
      --i;
      continue;
    }
    if (static_cast<unsigned char>(s[i - 1]) >= 0x80) {
      std::uint32_t len;
      const char32_t c = utf8::decode_before(s, i, len);
      if (c == 0x00BB || c == 0x201D || c == 0x2019) {
        i -= len;
        continue;
      }
    }
    break;
  }
  return i == 0 ? 0 : ix.chunk_start(i - 1);
}

// Tokens NLTK writes in place of input characters, and the characters they replace.
struct Rewritten {
  std::string_view token, original;
};
constexpr std::array<Rewritten, 9> kRewritten = {{
    {"``", "\""}, {"``", "''"}, {"''", "\""},
    {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
}};

// Appends a token that differs from the input at `cursor`: one NLTK rewrote (`` for " ...), with
// the span of the original characters. Returns the cursor after them.
[[gnu::noinline]] std::size_t push_rewritten(std::string_view tok, std::string_view text,
                                             std::size_t cursor, std::uint64_t base,
                                             std::vector<Token>& tokens, StringArena& arena) {
  for (const Rewritten& r : kRewritten) {
    if (r.token == tok && text.compare(cursor, r.original.size(), r.original) == 0) {
      tokens.push_back({r.token, {base + cursor, base + cursor + r.original.size()}});
      return cursor + r.original.size();
    }
  }
  // Unreachable while the tokens appear in the input in order; keep the text right and the span
  // empty rather than pointing at unrelated bytes.
  tokens.push_back({arena.store(tok), {base + cursor, base + cursor}});
  return cursor;
}

// A run of complex chunks [b, e) of the input, and where its tokens go among the direct ones.
struct Piece {
  std::size_t b, e;
  std::size_t insert_at;  // index in the output tokens
  std::size_t count;      // number of tokens
};

struct Scratch {
  TextIndex index;
  detail::TreebankRewriter rewriter;
  std::string batch;          // the runs of complex chunks with their context
  std::vector<Piece> pieces;
  std::vector<Token> tokens;  // tokens of the pieces, in order

  void release_if_larger(std::size_t keep) {
    index.release_if_larger(keep / 8);
    rewriter.release_if_larger(keep);
    if (batch.capacity() > keep) std::string().swap(batch);
    if (tokens.capacity() * sizeof(Token) > keep) std::vector<Token>().swap(tokens);
  }
};

// Appends the chunks [b, e) of `text` to the batch: the whitespace character before them (if
// any), the chunks, and unless they end the text the whitespace character after them and "a".
void add_to_batch(std::string_view text, std::size_t b, std::size_t e, std::string& batch) {
  if (b > 0) {
    std::uint32_t len = 1;
    if (static_cast<unsigned char>(text[b - 1]) >= 0x80) utf8::decode_before(text, b, len);
    batch.append(text.data() + b - len, e - b + len);
  } else {
    batch.append(text.data(), e);  // the first piece: the batch is empty
  }
  if (e < text.size()) {
    std::uint32_t len = 1;
    if (static_cast<unsigned char>(text[e]) >= 0x80) utf8::decode_valid(text.data() + e, len);
    batch.append(text.data() + e, len);
    batch.push_back('a');
  }
}

// Records the complex chunk [b, e) whose tokens go at `insert_at`, joining it to the previous one
// when no token came between them.
[[gnu::noinline]] void add_complex(std::vector<Piece>& pieces, std::size_t b, std::size_t e,
                                   std::size_t insert_at) {
  if (!pieces.empty() && pieces.back().insert_at == insert_at) {
    pieces.back().e = e;
  } else {
    pieces.push_back({b, e, insert_at, 0});
  }
}

// Runs the chain over the batch and puts each piece's tokens at its place in `out`.
[[gnu::noinline]] void tokenize_pieces(std::string_view text, detail::TreebankFlavor flavor, bool convert,
                                       std::uint64_t base, Scratch& sc, TokenBuffer& out) {
  for (const Piece& p : sc.pieces) add_to_batch(text, p.b, p.e, sc.batch);
  const std::string_view rewritten = sc.rewriter.rewrite(sc.batch, flavor, convert);

  // The passes only insert spaces, drop trailing whitespace and rewrite the characters listed in
  // kRewritten, so the tokens of a piece appear in the input in order, separated by whitespace:
  // each one is found at the input cursor after skipping whitespace. A token that starts with
  // another byte than the input there is one of the rewritten ones. Once the cursor has passed
  // the end of a piece, the next token is the "a" after it.
  const std::size_t tn = text.size();
  const char* const t = text.data();
  std::vector<Token>& toks = sc.tokens;
  std::size_t i = 0;
  std::size_t cursor = sc.pieces[0].b;
  std::size_t count = 0;
  for_each_token(rewritten, [&](std::size_t tb, std::size_t te) NLP_TREEBANK_INLINE {
    if (i == sc.pieces.size()) return;  // the "a" after the last piece
    cursor = sc.index.next_non_space(cursor);
    if (cursor >= sc.pieces[i].e) {
      sc.pieces[i].count = count;
      count = 0;
      if (++i < sc.pieces.size()) cursor = sc.pieces[i].b;
      return;
    }
    const std::string_view tok(rewritten.data() + tb, te - tb);
    if (cursor + tok.size() <= tn && t[cursor] == tok[0]) [[likely]] {
      toks.push_back({std::string_view(t + cursor, tok.size()), {base + cursor, base + cursor + tok.size()}});
      cursor += tok.size();
    } else {
      cursor = push_rewritten(tok, text, cursor, base, toks, out.arena);
    }
    ++count;
  });
  if (i < sc.pieces.size()) sc.pieces[i].count = count;

  // Merge from the back: the direct tokens after each insertion point move up to make room.
  std::vector<Token>& v = out.tokens;
  std::size_t src = v.size();
  v.resize(v.size() + toks.size());
  std::size_t dst = v.size();
  std::size_t from = toks.size();
  for (std::size_t k = sc.pieces.size(); k-- > 0;) {
    const Piece& p = sc.pieces[k];
    const std::size_t direct = src - p.insert_at;
    dst -= direct;
    std::memmove(static_cast<void*>(v.data() + dst), v.data() + p.insert_at, direct * sizeof(Token));
    src = p.insert_at;
    dst -= p.count;
    from -= p.count;
    std::memcpy(static_cast<void*>(v.data() + dst), toks.data() + from, p.count * sizeof(Token));
  }
}

// Scratch buffers beyond this size are freed after a call rather than kept for the next one.
constexpr std::size_t kKeepScratch = std::size_t{64} << 20;

}  // namespace

void TreebankTokenizer::tokenize(std::string_view text, std::uint64_t base,
                                 TokenBuffer& out) const {
  thread_local Scratch scratch;
  Scratch& sc = scratch;
  const std::size_t n = text.size();
  const bool word = flavor_ == Flavor::word;
  sc.index.build(text);
  const TextIndex& ix = sc.index;
  const std::size_t tail = tail_start(text, ix);
  if (tail == 0 && ix.next_non_space(0) == n) return;  // only whitespace
  sc.batch.clear();
  sc.pieces.clear();
  sc.tokens.clear();

  const char* const t = text.data();
  std::vector<Token>& v = out.tokens;
  // English text has about one token per five bytes; growing geometrically keeps appends to a
  // shared buffer linear.
  const std::size_t need = v.size() + n / 4 + 4;
  if (v.capacity() < need) v.reserve(std::max(need, 2 * v.capacity()));
  auto emit = [&](std::size_t b, std::size_t e, unsigned shape, bool at_tail) NLP_TREEBANK_INLINE {
    if (shape == kWhole) [[likely]] {
      v.push_back({std::string_view(t + b, e - b), {base + b, base + e}});
      return;
    }
    if (shape & kComplex) {
      add_complex(sc.pieces, b, e, v.size());
      return;
    }
    if (shape & kOpenQuote) {
      v.push_back({b == 0 || t[b - 1] == ' ' ? std::string_view("``") : std::string_view("''"), {base + b, base + b + 1}});
    }
    std::size_t at = b + (shape & kOpenQuote);
    const std::size_t end = e - ((shape & kCloseQuote) ? 1 : 0);
    const bool mark = (shape & kMarkEnd) && (at_tail || t[end - 1] != '.');
    const std::size_t core_end = end - mark;
    const std::size_t clitic = shape >> kCliticShift;
    // A space follows the core when the mark or the closing quote was padded, or, with neither
    // (an unsplit '.' stays attached), when the next character is a space or the end.
    const bool spaced = mark || (!(shape & kMarkEnd) && ((shape & kCloseQuote) || e == n || t[e] == ' '));
    if (clitic && spaced) {
      v.push_back({std::string_view(t + at, b + clitic - at), {base + at, base + b + clitic}});
      at = b + clitic;
    }
    v.push_back({std::string_view(t + at, core_end - at), {base + at, base + core_end}});
    if (mark) v.push_back({std::string_view(t + core_end, 1), {base + core_end, base + end}});
    if (shape & kCloseQuote) v.push_back({std::string_view("''"), {base + e - 1, base + e}});
  };

  // The chunks before the tail. A chunk inside one 64-byte word is sorted with that word's masks.
  const std::uint64_t* const space_words = ix.space();
  const std::uint64_t* const special_words = ix.special();
  const std::uint64_t* const pair_words = ix.pair();
  const std::size_t words = (tail + 63) / 64;
  std::size_t open_start = 0;
  bool open = false;  // a chunk continues from the previous word, starting at `open_start`
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t sp = space_words[w];
    if (w + 1 == words && (tail & 63)) sp |= ~std::uint64_t{0} << (tail & 63);
    const std::size_t blk = w * 64;
    const std::uint64_t before = (sp << 1) | (open ? 0 : 1);  // bit k: byte k-1 is whitespace
    std::uint64_t starts = ~sp & before;
    std::uint64_t ends = sp & ~before;
    if (open) {
      if (!ends) continue;  // the chunk spans this whole word
      const std::size_t e = blk + scan::ctz64(ends);
      ends &= ends - 1;
      open = false;
      emit(open_start, e, classify(text, ix, open_start, e, word), false);
    }
    const std::uint64_t special = special_words[w];
    const std::uint64_t pair = pair_words[w];
    const std::uint64_t bad = special | pair;
    // Starts and ends alternate, each end after its start.
    while (ends) {
      const std::uint64_t sbit = starts & (0 - starts);
      starts ^= sbit;
      const std::uint64_t ebit = ends & (0 - ends);
      ends ^= ebit;
      const std::size_t b = blk + scan::ctz64(sbit);
      const std::size_t e = blk + scan::ctz64(ebit);
      const std::uint64_t m = ebit - sbit;  // the chunk's bits
      if (!(bad & m)) [[likely]] {
        emit(b, e, kWhole, false);
      } else {
        emit(b, e, classify_in_word(text, ix, b, e, m, ebit, special, pair, word), false);
      }
    }
    if (starts) {
      open_start = blk + scan::ctz64(starts);
      open = true;
    }
  }
  if (open) emit(open_start, tail, classify(text, ix, open_start, tail, word), false);

  // The tail: directly if it is a single chunk of the kinds above, else through the chain.
  const std::size_t te = ix.next_space(tail);
  unsigned shape = kComplex;
  if (ix.next_non_space(te) == n) shape = classify(text, ix, tail, te, word);
  if (!(shape & kComplex)) {
    emit(tail, te, shape, true);
  } else {
    add_complex(sc.pieces, tail, n, v.size());
  }
  if (!sc.pieces.empty()) {
    tokenize_pieces(text, word ? detail::TreebankFlavor::word : detail::TreebankFlavor::treebank,
                    convert_parentheses_, base, sc, out);
  }
  sc.release_if_larger(kKeepScratch);
}

}  // namespace nlp
