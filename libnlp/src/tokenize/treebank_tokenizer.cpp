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
// a chunk stays its neighbour through the whole chain. Most chunks therefore tokenize the same
// whatever surrounds them, apart from that one character, and are handled here directly:
// - a chunk of letters (and, in the treebank flavour, any non-ASCII character) without nn, mm or
//   tt is one token; this is found for a whole 64-byte word of the text at once from SIMD byte
//   masks (TextIndex);
// - letters with nn / mm / tt are one token unless a \w run among them is split by CONTRACTIONS2;
// - letters and one final mark, and chunks of quotes, segments, marks, brackets and one
//   apostrophe: put_other, which lists the rules it follows.
// All other chunks go through the full chain (treebank_rewrite), once per text: each run of them
// becomes "w" + chunks + "w'a" in one batch, where w and w' are the whitespace characters around
// the run in the input. The chain then sees the same one-character context as in the whole text,
// no text start (unless the run is at the start) and no text end; the "a"s are plain chunks whose
// tokens are dropped. A chunk handled directly neither starts nor ends a match that reaches into
// a neighbour, nor consumes the whitespace beside it for a match that would need it, so cutting
// the text around it changes nothing.
// The end of the text is where the end-anchored patterns (final period, `([:,])$`, `\s*$`) act:
// the last chunk holding anything but closing brackets and quotes ("the tail"), and all that
// follows it, is handled directly only if it is a single chunk (a final '.' then splits), else it
// closes the batch.

namespace nlp {
namespace {

namespace scan = detail::treebank_scan;
constexpr std::size_t npos = std::string_view::npos;

// Length of the non-ASCII whitespace character at p (valid UTF-8 starting with C2, E1, E2 or E3),
// or 0: U+0085 U+00A0 U+1680 U+2000..U+200A U+2028 U+2029 U+202F U+205F U+3000, exactly the
// non-ASCII characters of str.isspace() and unicode::is_space (unchanged since Unicode 6.3).
inline unsigned non_ascii_space_length(const unsigned char* p) noexcept {
  switch (p[0]) {
    case 0xC2: return (p[1] == 0x85 || p[1] == 0xA0) ? 2 : 0;
    case 0xE1: return (p[1] == 0x9A && p[2] == 0x80) ? 3 : 0;
    case 0xE2:
      if (p[1] == 0x80) return (p[2] <= 0x8A || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF) ? 3 : 0;
      return (p[1] == 0x81 && p[2] == 0x9F) ? 3 : 0;
    case 0xE3: return (p[1] == 0x80 && p[2] == 0x80) ? 3 : 0;
    default: return 0;
  }
}

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
    const unsigned cl = non_ascii_space_length(reinterpret_cast<const unsigned char*>(s.data() + blk + k));
    if (!cl) continue;
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
  // `word`: the word flavour, whose curly quotes must be looked at; their lead bytes (C2, E2)
  // are then special too. No other non-ASCII byte is: only \w runs around an nn / mm / tt pair
  // (which a pair bit flags) and the curly quotes are ever matched.
  void build(std::string_view s, bool word) {
    const std::size_t words = (s.size() + 63) / 64 + 1;
    if (space_.size() < words) {
      space_.resize(words);
      special_.resize(words);
      pair_.resize(words);
    }
#if NLP_TREEBANK_AVX2
    if (scan::has_avx2()) {
      build_avx2(s, word);
      return;
    }
#endif
    build_blocks<scan::chunk_masks64>(s, word);
  }

 private:
#if NLP_TREEBANK_AVX2
  NLP_TREEBANK_TARGET_AVX2 void build_avx2(std::string_view s, bool word) {
    build_blocks<scan::chunk_masks64_avx2>(s, word);
  }
#endif

  template <scan::ChunkMasks (*Masks)(const char*)>
  NLP_TREEBANK_INLINE void build_blocks(std::string_view s, bool word) {
    const std::size_t n = s.size();
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
      const scan::ChunkMasks m = Masks(p);
      std::uint64_t space = m.space | carry;
      carry = 0;
      for (std::uint64_t c = m.control; c; c &= c - 1) {  // \t \n \v \f \r \x1c-\x1f
        const unsigned k = scan::ctz64(c);
        const auto b = static_cast<unsigned char>(p[k]);
        if ((b >= 0x09 && b <= 0x0D) || b >= 0x1C) space |= std::uint64_t{1} << k;
      }
      for (std::uint64_t lead = m.lead; lead; lead &= lead - 1) {
        const unsigned k = scan::ctz64(lead);
        const unsigned cl = non_ascii_space_length(reinterpret_cast<const unsigned char*>(s.data() + blk + k));
        if (!cl) continue;
        if (k + cl <= 64) {
          space |= ((std::uint64_t{1} << cl) - 1) << k;
        } else {
          space |= ~std::uint64_t{0} << k;
          carry = (std::uint64_t{1} << (k + cl - 64)) - 1;
        }
      }
      space_[w] = space;
      special_[w] = ~(m.letter | space | m.high) | (word ? m.lead : 0);
      pair_[w] = m.pair;
    }
    space_[w] = ~std::uint64_t{0};
    special_[w] = 0;
    pair_[w] = 0;
    size_ = n;
  }

 public:

  const std::uint64_t* space() const noexcept { return space_.data(); }
  const std::uint64_t* special() const noexcept { return special_.data(); }
  const std::uint64_t* pair() const noexcept { return pair_.data(); }
  bool is_space(std::size_t i) const noexcept { return (space_[i >> 6] >> (i & 63)) & 1; }
  bool is_pair(std::size_t i) const noexcept { return (pair_[i >> 6] >> (i & 63)) & 1; }
  // Any special byte in [b, e) (ASCII other than letters and whitespace; see build) / any pair
  // (nn mm tt) starting in it.
  bool any_special(std::size_t b, std::size_t e) const noexcept { return any(special_.data(), b, e); }
  bool any_pair(std::size_t b, std::size_t e) const noexcept { return any(pair_.data(), b, e); }

  // Bits [i, i + len) of the special / pair masks, 1 <= len <= 64.
  std::uint64_t special_bits(std::size_t i, std::size_t len) const noexcept { return bits(special_.data(), i, len); }
  std::uint64_t pair_bits(std::size_t i, std::size_t len) const noexcept { return bits(pair_.data(), i, len); }

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
  static std::uint64_t bits(const std::uint64_t* v, std::size_t i, std::size_t len) noexcept {
    const std::size_t w = i >> 6, o = i & 63;
    std::uint64_t x = v[w] >> o;
    if (o && o + len > 64) x |= v[w + 1] << (64 - o);  // the padding word makes w + 1 valid
    return len == 64 ? x : x & ((std::uint64_t{1} << len) - 1);
  }
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
  kBracket = 16,   // ] [ ( ) { } < >: PARENS_BRACKETS pads each
  kOpener = 32,    // ( [ { <: with a space, the openers before `` in STARTING_QUOTES
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
  for (const char c : std::string_view("][(){}<>")) t[static_cast<unsigned char>(c)] |= kBracket;
  for (const char c : std::string_view("([{<")) t[static_cast<unsigned char>(c)] |= kOpener;
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

// Some pair bit is set in [b, e): whether no \w run in it (bounded by other bytes or by the ends,
// which are \b) is one CONTRACTIONS2 splits. False with non-ASCII characters about (İ in gİmme, —
// between runs): the chain decides then.
[[gnu::noinline]] bool plain_despite_pairs(std::string_view s, const TextIndex& ix, std::size_t b,
                                           std::size_t e) noexcept {
  for (std::size_t i = b; i < e; ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  for (std::size_t i = b; i + 1 < e; ++i) {
    if (!ix.is_pair(i)) continue;
    std::size_t rb = i, re = i + 2;  // the \w run around the pair
    while (rb > b && (byte_class(s[rb - 1]) & kWordByte)) --rb;
    while (re < e && (byte_class(s[re]) & kWordByte)) ++re;
    if (is_contraction_word(s.substr(rb, re - rb))) return false;
  }
  return true;
}

// Whether ASCII letters `s` equal lowercase `lower` ignoring case.
inline bool equals_ci(std::string_view s, std::string_view lower) noexcept {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((s[i] | 0x20) != lower[i]) return false;
  return true;
}

// Length of the word flavour's opening curly quote at p (« “ ‘ „: C2 AB, E2 80 9C/98/9E), or 0.
inline std::size_t curly_open_at(const unsigned char* p, std::size_t avail) noexcept {
  if (avail >= 2 && p[0] == 0xC2 && p[1] == 0xAB) return 2;
  if (avail >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x98 || p[2] == 0x9E)) return 3;
  return 0;
}
// Length of the word flavour's closing curly quote ending at p + n (» ” ’: C2 BB, E2 80 9D/99), or 0.
inline std::size_t curly_close_before(const unsigned char* p, std::size_t n) noexcept {
  if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xBB) return 2;
  if (n >= 3 && p[n - 3] == 0xE2 && p[n - 2] == 0x80 && (p[n - 1] == 0x9D || p[n - 1] == 0x99)) return 3;
  return 0;
}
// Length of any of the seven curly quotes at p, or 0.
inline std::size_t curly_at(const unsigned char* p) noexcept {
  if (p[0] == 0xC2) return (p[1] == 0xAB || p[1] == 0xBB) ? 2 : 0;
  if (p[0] == 0xE2 && p[1] == 0x80) {
    const unsigned char c = p[2];
    return (c == 0x9C || c == 0x9D || c == 0x98 || c == 0x99 || c == 0x9E) ? 3 : 0;
  }
  return 0;
}

// Where the clitic starts in a core `l1 ' l2` of ASCII letters (at the apostrophe, or at the n of
// n't), npos if there is none, or 0 when the chain must decide. NLTK 3.8 ENDING_QUOTES split
// ([^' ])('[sS]|'[mM]|'[dD]|') and ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) when a space follows;
// before them, in the word flavour, (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b splits a quote before a
// one-letter word, and after them CONTRACTIONS2 splits d'ye and more'n, and cannot, gonna ... in
// the \w run before an n't that was split off.
std::size_t clitic_start(std::string_view s, const TextIndex& ix, std::size_t i, std::size_t q,
                         std::size_t end, bool word) noexcept {
  const std::string_view l1 = s.substr(i, q - i), l2 = s.substr(q + 1, end - q - 1);
  if (l1.empty()) return 0;
  if (word && l2.size() == 1 && std::string_view("mtsdnMTSDN").find(l2[0]) == npos) return 0;
  if ((equals_ci(l1, "d") && equals_ci(l2, "ye")) || (equals_ci(l1, "more") && equals_ci(l2, "n"))) return 0;
  if (l2.empty() || l2 == "s" || l2 == "S" || l2 == "m" || l2 == "M" || l2 == "d" || l2 == "D" ||
      l2 == "ll" || l2 == "LL" || l2 == "re" || l2 == "RE" || l2 == "ve" || l2 == "VE")
    return q;
  if (l1.size() >= 2 && ((l2 == "t" && l1.back() == 'n') || (l2 == "T" && l1.back() == 'N'))) {
    if (q - 1 - i >= 2 && ix.any_pair(i, q - 2) && !plain_despite_pairs(s, ix, i, q - 1)) return 0;
    return q - 1;
  }
  return npos;
}

// What the direct path needs besides the chunk.
struct Context {
  std::string_view text;
  const TextIndex& index;
  std::uint64_t base;
  bool word;     // the word flavour
  bool convert;  // convert_parentheses
};

// The token CONVERT_PARENTHESES makes of bracket c, or c itself.
inline std::string_view bracket_token(const char* c, bool convert) noexcept {
  if (convert) {
    switch (*c) {
      case '(': return "-LRB-";
      case ')': return "-RRB-";
      case '[': return "-LSB-";
      case ']': return "-RSB-";
      case '{': return "-LCB-";
      case '}': return "-RCB-";
      default: break;
    }
  }
  return std::string_view(c, 1);
}

// Writes the tokens of chunk [b, e) to v, or returns false, writing nothing, when the chain
// must tokenize it. Handled: an optional opening quote (`"`; in the word flavour also « “ ‘ „), a
// core, an optional closing quote (`"`; word: also » ” ’). The core is runs of [A-Za-z0-9_-] (no
// `--`), \w and characters no pattern mentions (treebank: a lone backquote too), separated by
// single marks:
// - `.` splits only as the final period (`([^\.])(\.)([\]\)}>"\']*)\s*$`): last in the core of the
//   tail;
// - `,` and `:` split unless a decimal digit follows (`([:,])([^\d])`, `([:,])$`);
// - `;` `@` `#` `$` `%` `&` `!` `?` always split (`[;@#$%&]`, `[?!]`);
// - brackets always split (PARENS_BRACKETS, after the marks above; CONVERT_PARENTHESES writes
//   -LRB- ...), also first in the core and next to other marks, though not after `.`;
// - word flavour: curly quotes and a lone backquote always split (`([«“‘„]|[`]+)`, `([»”’])`);
// or letters, one apostrophe, letters and an optional final mark (see clitic_start). An opening
// `"` becomes `` at the start of the text (`^\"`) or after a space (`([ \(\[{<])(\"|\'{2})`),
// else '' (the ending-quotes rule `"`); a closing one becomes ''.
[[gnu::noinline]] bool put_other(const Context& cx, std::size_t b, std::size_t e, bool at_tail,
                                 std::vector<Token>& v) {
  const std::string_view s = cx.text;
  const TextIndex& ix = cx.index;
  const std::uint64_t base = cx.base;
  const bool word = cx.word;
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  const char* const t = s.data();
  auto put = [&](std::string_view text, std::size_t from, std::size_t to) {
    v.push_back({text, {base + from, base + to}});
  };
  if (e - b == 1) {
    if (!(kByteClass[u[b]] & (kPlainByte | kMark))) return false;
    put(std::string_view(t + b, 1), b, e);
    return true;
  }
  std::size_t i = b, end = e;  // the core
  std::size_t open = 0, close = 0;
  if (u[i] == '"') {
    open = 1;
  } else if (word) {
    open = curly_open_at(u + i, e - i);
  }
  i += open;
  if (end - i >= 2 && u[end - 1] == '"') {
    close = 1;
  } else if (word) {
    close = curly_close_before(u + i, end - i);
    if (close == end - i) close = 0;
  }
  end -= close;
  if (i >= end) return false;

  struct Mark {
    std::size_t at, len;
    bool split;
    bool bracket;
    bool loose;
  };
  Mark marks[8];
  std::size_t count = 0;
  std::size_t apostrophe = npos;
  std::size_t others = 0;  // special bytes other than marks and the apostrophe: digits, _ - (and,
                           // in the word flavour, C2 / E2 lead bytes of other characters)
  auto visit = [&](std::size_t k) NLP_TREEBANK_INLINE {
    const unsigned char c = u[k];
    const std::uint8_t cls = c < 0x80 ? kByteClass[c] : 0;
    std::size_t len = 1;
    bool split = true;
    if (cls & kPlainByte) {
      ++others;
      return !(c == '-' && k + 1 < end && u[k + 1] == '-');
    }
    if (c == '`') {  // ``: STARTING_QUOTES pads it (and word: `[`]+` a run)
      if (k + 1 < end && u[k + 1] == '`') return false;
      if (!word) {
        ++others;
        return true;
      }
    }
    if (c == '\'') {
      if (apostrophe != npos) return false;
      apostrophe = k;
      return true;
    }
    if (cls & kMark) {
      if (c == '.') {
        split = false;  // decided below for the last one
      } else if (c == ',' || c == ':') {
        if (k + 1 < end) {
          const unsigned char next = u[k + 1];
          if (next < 0x80) {
            split = !(next >= '0' && next <= '9');
          } else if (next == 0xC2 || (next == 0xE2 && u[k + 2] == 0x80)) {
            split = true;  // U+0080..U+00BF, U+2000..U+203F (quotes, dashes): no decimal digits
          } else {
            std::uint32_t l;
            split = !unicode::is_decimal(utf8::decode_valid(t + k + 1, l));
          }
        }
      }
    } else if (c >= 0x80) {
      len = curly_at(u + k);  // the word flavour: a lead byte
      if (!len) {
        ++others;
        return true;
      }
    } else if (!(cls & kBracket) && c != '`') {
      return false;  // other ASCII punctuation
    }
    // A mark: after a core character, not right after another mark or the apostrophe; brackets
    // (padded last) may come first and next to marks, but not after `.` (a final period can be
    // followed by closing brackets).
    const bool bracket = cls & kBracket;
    const bool loose = bracket || c == '`';  // may come first and next to marks
    const bool after_mark = count && marks[count - 1].at + marks[count - 1].len == k;
    if (count == 8 || (apostrophe != npos && apostrophe + 1 == k)) return false;
    if (loose) {
      if (after_mark && u[k - 1] == '.') return false;
    } else if (k == i || (after_mark && !marks[count - 1].loose)) {
      return false;
    }
    marks[count++] = {k, len, split, bracket, loose};
    return true;
  };
  bool ok = true;
  if (end - i <= 64) {
    for (std::uint64_t m = ix.special_bits(i, end - i); m && ok; m &= m - 1) ok = visit(i + scan::ctz64(m));
  } else {
    ok = ix.each_special(i, end, visit);
  }
  if (!ok) return false;
  // A closing `"` right after an opening bracket, or after an opening curly quote or a backquote
  // (padded before ([ \(\[{<])(\"|\'{2}) runs), becomes ``.
  if (close == 1 && count && marks[count - 1].at + marks[count - 1].len == end &&
      ((kByteClass[u[end - 1]] & kOpener) || u[end - 1] == '`' ||
       curly_open_at(u + marks[count - 1].at, marks[count - 1].len)))
    return false;
  if (count && marks[count - 1].at + marks[count - 1].len == end && u[marks[count - 1].at] == '.') {
    marks[count - 1].split = at_tail;  // the final period
  }
  auto non_ascii = [&] {
    for (std::size_t k = i; k < end; ++k)
      if (u[k] >= 0x80) return true;
    return false;
  };
  if (ix.any_pair(i, end - 1) && !plain_despite_pairs(s, ix, i, end)) return false;

  std::size_t clitic = npos;
  if (apostrophe != npos) {
    // Letters, the apostrophe, letters and at most a final mark.
    const bool final_mark = count == 1 && marks[0].at == end - 1 && marks[0].len == 1;
    if (others || (count && !final_mark) || non_ascii()) return false;
    clitic = clitic_start(s, ix, i, apostrophe, end - final_mark, word);
    if (!clitic) return false;
    if (clitic != npos) {
      // Split off when a space follows the core by the time the clitic rules run: the final mark
      // or the closing quote was padded, or with neither the next character is a space or the
      // end (an unsplit '.' keeps the clitic attached).
      const bool spaced = final_mark ? marks[0].split : (close || e == s.size() || u[e] == ' ');
      if (!spaced) clitic = npos;
    }
  }

  if (open) {
    put(u[b] == '"' ? (b == 0 || u[b - 1] == ' ' ? std::string_view("``") : std::string_view("''"))
                    : std::string_view(t + b, open),
        b, b + open);
  }
  std::size_t at = i;
  if (clitic != npos) {
    put(std::string_view(t + at, clitic - at), at, clitic);
    at = clitic;
  }
  for (std::size_t k = 0; k < count; ++k) {
    if (!marks[k].split) continue;
    if (marks[k].at > at) put(std::string_view(t + at, marks[k].at - at), at, marks[k].at);
    at = marks[k].at + marks[k].len;
    put(marks[k].bracket ? bracket_token(t + marks[k].at, cx.convert) : std::string_view(t + marks[k].at, marks[k].len),
        marks[k].at, at);
  }
  if (at < end) put(std::string_view(t + at, end - at), at, end);
  if (close) put(close == 1 ? std::string_view("''") : std::string_view(t + end, close), end, e);
  return true;
}

// Writes the tokens of chunk [b, e) to v, or returns false for the chain.
inline bool put_chunk(const Context& cx, std::size_t b, std::size_t e, bool at_tail, std::vector<Token>& v) {
  const std::string_view s = cx.text;
  const TextIndex& ix = cx.index;
  const std::uint64_t base = cx.base;
  const std::size_t len = e - b;
  if (len <= 64) {
    const std::uint64_t special = ix.special_bits(b, len);
    const std::uint64_t pair = ix.pair_bits(b, len - 1 ? len - 1 : 1) & ((std::uint64_t{1} << (len - 1)) - 1);
    if (!special && (!pair || plain_despite_pairs(s, ix, b, e))) {
      v.push_back({s.substr(b, len), {base + b, base + e}});
      return true;
    }
    // Letters and a final mark.
    const std::uint64_t last = std::uint64_t{1} << (len - 1);
    if (special == last && len >= 2 && (byte_class(s[e - 1]) & kMark) &&
        (!(pair & ((last >> 1) - 1)) || plain_despite_pairs(s, ix, b, e - 1))) {
      if (s[e - 1] == '.' && !at_tail) {
        v.push_back({s.substr(b, len), {base + b, base + e}});
      } else {
        v.push_back({s.substr(b, len - 1), {base + b, base + e - 1}});
        v.push_back({s.substr(e - 1, 1), {base + e - 1, base + e}});
      }
      return true;
    }
  } else if (!ix.any_special(b, e) && (!ix.any_pair(b, e - 1) || plain_despite_pairs(s, ix, b, e))) {
    v.push_back({s.substr(b, len), {base + b, base + e}});
    return true;
  }
  return put_other(cx, b, e, at_tail, v);
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
  sc.index.build(text, word);
  const TextIndex& ix = sc.index;
  const std::size_t tail = tail_start(text, ix);
  if (tail == 0 && ix.next_non_space(0) == n) return;  // only whitespace
  sc.batch.clear();
  sc.pieces.clear();
  sc.tokens.clear();

  const char* const t = text.data();
  const Context cx{text, ix, base, word, convert_parentheses_};
  std::vector<Token>& v = out.tokens;
  // English text has about one token per five bytes; growing geometrically keeps appends to a
  // shared buffer linear.
  const std::size_t need = v.size() + n / 4 + 4;
  if (v.capacity() < need) v.reserve(std::max(need, 2 * v.capacity()));
  // Chunk [b, e): its tokens, or it joins the chain's batch.
  auto chunk = [&](std::size_t b, std::size_t e, bool at_tail) {
    if (!put_chunk(cx, b, e, at_tail, v)) add_complex(sc.pieces, b, e, v.size());
  };

  // The chunks before the tail, word by word.
  const std::uint64_t* const space_words = ix.space();
  const std::uint64_t* const special_words = ix.special();
  const std::uint64_t* const pair_words = ix.pair();
  const std::size_t words = (tail + 63) / 64;
  std::size_t open_start = 0;
  bool open = false;        // a chunk continues from the previous word, starting at `open_start`
  bool open_clean = false;  // and has no special byte or pair so far
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t sp = space_words[w];
    if (w + 1 == words && (tail & 63)) sp |= ~std::uint64_t{0} << (tail & 63);
    const std::size_t blk = w * 64;
    const std::uint64_t before = (sp << 1) | (open ? 0 : 1);  // bit k: byte k-1 is whitespace
    std::uint64_t starts = ~sp & before;
    std::uint64_t ends = sp & ~before;
    const std::uint64_t special = special_words[w];
    const std::uint64_t pair = pair_words[w];
    if (open) {
      const std::uint64_t first = ends & (0 - ends);  // bit of its end, or 0
      open_clean = open_clean && !((special | pair) & (first - 1));
      if (!ends) continue;  // the chunk spans this whole word
      const std::size_t e = blk + scan::ctz64(ends);
      ends &= ends - 1;
      open = false;
      if (open_clean) {
        v.push_back({std::string_view(t + open_start, e - open_start), {base + open_start, base + e}});
      } else {
        chunk(open_start, e, false);
      }
    }
    // Bit k of `clean` is set when a chunk ends at k (byte k is whitespace) without a special byte
    // or a pair: adding a chunk's start bit to its run of clean bytes carries into its end only if
    // the whole run is clean.
    const std::uint64_t clean = ((~sp & ~(special | pair)) + starts) & ends;
    // Starts and ends alternate, each end after its start.
    while (ends) {
      const std::size_t b = blk + scan::ctz64(starts);
      const std::size_t ke = scan::ctz64(ends);
      const std::size_t e = blk + ke;
      starts &= starts - 1;
      ends &= ends - 1;
      if ((clean >> ke) & 1) [[likely]] {
        v.push_back({std::string_view(t + b, e - b), {base + b, base + e}});
      } else {
        const std::uint64_t last = std::uint64_t{1} << (ke - 1);
        const std::uint64_t core = last - (std::uint64_t{1} << (b - blk));  // all but the last byte
        const std::uint64_t chunk_special = special & (core | last);
        if (!chunk_special) {
          // Letters with nn, mm or tt: one token unless a contraction run is among them.
          if (plain_despite_pairs(text, ix, b, e)) {
            v.push_back({std::string_view(t + b, e - b), {base + b, base + e}});
          } else {
            add_complex(sc.pieces, b, e, v.size());
          }
        } else if (chunk_special == last && e - b >= 2 && (byte_class(t[e - 1]) & kMark) &&
                   (!(pair & core & (core >> 1)) || plain_despite_pairs(text, ix, b, e - 1))) {
          // Letters and a final mark (the commonest other chunk): the mark splits off unless it
          // is '.', which only splits as the final period, in the tail.
          if (t[e - 1] == '.') {
            v.push_back({std::string_view(t + b, e - b), {base + b, base + e}});
          } else {
            v.push_back({std::string_view(t + b, e - 1 - b), {base + b, base + e - 1}});
            v.push_back({std::string_view(t + e - 1, 1), {base + e - 1, base + e}});
          }
        } else if (!put_other(cx, b, e, false, v)) {
          add_complex(sc.pieces, b, e, v.size());
        }
      }
    }
    if (starts) {
      const unsigned k = scan::ctz64(starts);
      open_start = blk + k;
      open = true;
      open_clean = !((special | pair) >> k);
    }
  }
  if (open) chunk(open_start, tail, false);

  // The tail: directly if it is a single chunk of the kinds above, else through the chain.
  const std::size_t te = ix.next_space(tail);
  if (ix.next_non_space(te) != n || !put_chunk(cx, tail, te, true, v)) {
    add_complex(sc.pieces, tail, n, v.size());
  }
  if (!sc.pieces.empty()) {
    tokenize_pieces(text, word ? detail::TreebankFlavor::word : detail::TreebankFlavor::treebank,
                    convert_parentheses_, base, sc, out);
  }
  sc.release_if_larger(kKeepScratch);
}

}  // namespace nlp
