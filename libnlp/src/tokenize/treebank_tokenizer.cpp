#include "nlp/tokenize/treebank_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "tokenize/treebank_rewrite.hpp"
#include "tokenize/treebank_scan.hpp"

// The per-token body runs once per token; keep it in the block loop.
#if defined(__GNUC__)
#define NLP_TREEBANK_INLINE __attribute__((always_inline))
#else
#define NLP_TREEBANK_INLINE
#endif

namespace nlp {
namespace {

// Whitespace bitmask of the 64 bytes at `blk` of valid UTF-8 `s` (bytes past the end count as
// whitespace): bit k is set when byte blk+k belongs to a whitespace character (str.isspace).
// `carry` brings in the bits of a character that began in the previous block and returns those
// of one that continues into the next.
inline std::uint64_t space_block(std::string_view s, std::size_t blk, std::uint64_t& carry) noexcept {
  namespace scan = detail::treebank_scan;
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
  namespace scan = detail::treebank_scan;
  const std::size_t n = s.size();
  std::size_t start = 0;
  bool open = false;  // a token runs on from the previous block, starting at `start`
  std::uint64_t carry = 0;
  for (std::size_t blk = 0; blk < n; blk += 64) {
    const std::uint64_t space = space_block(s, blk, carry);
    const std::uint64_t before = (space << 1) | (open ? 0 : 1);  // bit k: byte k-1 is whitespace
    std::uint64_t starts = ~space & before;
    std::uint64_t ends = space & ~before;
    // Starts and ends alternate; pair each start with the next end.
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

// Whitespace bitmask of all of `s`, for finding the next non-whitespace byte quickly.
class SpaceIndex {
 public:
  void build(std::string_view s) {
    words_.resize((s.size() + 63) / 64 + 1);
    std::uint64_t carry = 0;
    std::size_t w = 0;
    for (std::size_t blk = 0; blk < s.size(); blk += 64) words_[w++] = space_block(s, blk, carry);
    words_[w] = ~std::uint64_t{0};  // past the end
    size_ = s.size();
  }
  // The first position >= i that is not whitespace, or the size.
  std::size_t next_non_space(std::size_t i) const noexcept {
    std::size_t w = i >> 6;
    std::uint64_t m = ~words_[w] >> (i & 63);
    // Bits past the end are set (whitespace), so no answer lies beyond the size.
    if (m) return i + detail::treebank_scan::ctz64(m);
    while (++w < words_.size()) {
      if (~words_[w]) return w * 64 + detail::treebank_scan::ctz64(~words_[w]);
    }
    return size_;
  }
  void release_if_larger(std::size_t keep) {
    if (words_.capacity() * sizeof(std::uint64_t) > keep) std::vector<std::uint64_t>().swap(words_);
  }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t size_ = 0;
};

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
                                             std::size_t cursor, std::uint64_t base, TokenBuffer& out) {
  for (const Rewritten& r : kRewritten) {
    if (r.token == tok && text.compare(cursor, r.original.size(), r.original) == 0) {
      out.tokens.push_back({r.token, {base + cursor, base + cursor + r.original.size()}});
      return cursor + r.original.size();
    }
  }
  // Unreachable while the tokens appear in the input in order; keep the text right and the span
  // empty rather than pointing at unrelated bytes.
  out.tokens.push_back({out.arena.store(tok), {base + cursor, base + cursor}});
  return cursor;
}

// Scratch buffers beyond this size are freed after a call rather than kept for the next one.
constexpr std::size_t kKeepScratch = std::size_t{64} << 20;

}  // namespace

void TreebankTokenizer::tokenize(std::string_view text, std::uint64_t base,
                                 TokenBuffer& out) const {
  thread_local detail::TreebankRewriter rewriter;
  const std::string_view rewritten = rewriter.rewrite(
      text,
      flavor_ == Flavor::word ? detail::TreebankFlavor::word : detail::TreebankFlavor::treebank,
      convert_parentheses_);

  // The passes only insert spaces, drop trailing whitespace and rewrite the characters listed in
  // kRewritten, so the tokens appear in the input in order, separated by whitespace: each one is
  // found at the input cursor after skipping whitespace. A token that starts with another byte
  // than the input there is one of the rewritten ones.
  // At most one token per two bytes; growing geometrically keeps appends to a shared buffer linear.
  const std::size_t need = out.tokens.size() + rewritten.size() / 2 + 1;
  if (out.tokens.capacity() < need) out.tokens.reserve(std::max(need, 2 * out.tokens.capacity()));
  thread_local SpaceIndex space_index;
  SpaceIndex& spaces = space_index;
  spaces.build(text);
  const std::size_t tn = text.size();
  std::size_t cursor = 0;
  const char* const t = text.data();
  for_each_token(rewritten, [&](std::size_t begin, std::size_t end) NLP_TREEBANK_INLINE {
    const std::string_view tok(rewritten.data() + begin, end - begin);
    cursor = spaces.next_non_space(cursor);
    if (cursor + tok.size() <= tn && t[cursor] == tok[0]) [[likely]] {
      out.tokens.push_back({std::string_view(t + cursor, tok.size()), {base + cursor, base + cursor + tok.size()}});
      cursor += tok.size();
    } else {
      cursor = push_rewritten(tok, text, cursor, base, out);
    }
  });
  rewriter.release_if_larger(kKeepScratch);
  spaces.release_if_larger(kKeepScratch / 8);
}

}  // namespace nlp
