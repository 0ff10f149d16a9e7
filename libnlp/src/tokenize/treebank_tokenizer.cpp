#include "nlp/tokenize/treebank_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "tokenize/treebank_rewrite.hpp"
#include "tokenize/treebank_scan.hpp"

namespace nlp {
namespace {

// ASCII whitespace per str.isspace(): \t \n \v \f \r, \x1c-\x1f and space.
constexpr std::array<bool, 128> kAsciiSpace = [] {
  std::array<bool, 128> t{};
  for (int c = 0x09; c <= 0x0D; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 0x1C; c <= 0x1F; ++c) t[static_cast<std::size_t>(c)] = true;
  t[' '] = true;
  return t;
}();

// Bytes that are ASCII whitespace or the lead byte of a non-ASCII whitespace character.
constexpr std::array<bool, 256> kMaybeSpace = [] {
  std::array<bool, 256> t{};
  for (std::size_t c = 0; c < 128; ++c) t[c] = kAsciiSpace[c];
  t[0xC2] = t[0xE1] = t[0xE2] = t[0xE3] = true;
  return t;
}();

// Byte length of the code point at i if it is whitespace (str.isspace), else 0.
inline std::size_t space_length(std::string_view s, std::size_t i) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return kAsciiSpace[b] ? 1 : 0;
  std::uint32_t len;
  return unicode::is_space(utf8::decode_valid(s.data() + i, len)) ? len : 0;
}

inline std::size_t skip_spaces(std::string_view s, std::size_t i) noexcept {
  while (i < s.size()) {
    const std::size_t len = space_length(s, i);
    if (!len) break;
    i += len;
  }
  return i;
}

// Calls f(begin, end) for each maximal run of non-whitespace (str.isspace) in valid UTF-8 `s`,
// 64 bytes at a time with whitespace bitmasks.
template <class F>
void for_each_token(std::string_view s, F&& f) {
  namespace scan = detail::treebank_scan;
  const std::size_t n = s.size();
  std::size_t start = 0;
  std::uint64_t carry = 0;       // whitespace bits of a character that began in the last block
  std::uint64_t prev_space = 1;  // whether the byte before the block is whitespace
  char tail[64];
  for (std::size_t blk = 0; blk < n; blk += 64) {
    const std::size_t len = std::min<std::size_t>(64, n - blk);
    const char* p = s.data() + blk;
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
    const std::uint64_t before = (space << 1) | prev_space;  // bit k: byte k-1 is whitespace
    const std::uint64_t starts = ~space & before;
    for (std::uint64_t ev = starts | (space & ~before); ev; ev &= ev - 1) {
      const unsigned k = scan::ctz64(ev);
      if ((starts >> k) & 1) {
        start = blk + k;
      } else {
        f(start, blk + k);
      }
    }
    prev_space = space >> 63;
  }
  if (!prev_space) f(start, n);
}

// Tokens NLTK writes in place of input characters, and the characters they replace.
struct Rewritten {
  std::string_view token, original;
};
constexpr std::array<Rewritten, 9> kRewritten = {{
    {"``", "\""}, {"``", "''"}, {"''", "\""},
    {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
}};

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
  const std::size_t tn = text.size();
  std::size_t cursor = 0;
  for_each_token(rewritten, [&](std::size_t begin, std::size_t end) {
    const std::string_view tok = rewritten.substr(begin, end - begin);
    // Usually zero or one ASCII space separates tokens in the input.
    if (cursor < tn) {
      cursor += kAsciiSpace[static_cast<unsigned char>(text[cursor]) & 0x7F] &&
                static_cast<unsigned char>(text[cursor]) < 0x80;
      if (cursor < tn && kMaybeSpace[static_cast<unsigned char>(text[cursor])])
        cursor = skip_spaces(text, cursor);
    }
    if (cursor < tn && text[cursor] == tok[0]) {
      out.tokens.push_back({text.substr(cursor, tok.size()), {base + cursor, base + cursor + tok.size()}});
      cursor += tok.size();
      return;
    }
    for (const Rewritten& r : kRewritten) {
      if (r.token == tok && text.compare(cursor, r.original.size(), r.original) == 0) {
        out.tokens.push_back({r.token, {base + cursor, base + cursor + r.original.size()}});
        cursor += r.original.size();
        return;
      }
    }
    // Unreachable while the invariant above holds; keep the text right and the span empty
    // rather than pointing at unrelated bytes.
    out.tokens.push_back({out.arena.store(tok), {base + cursor, base + cursor}});
  });
  rewriter.release_if_larger(kKeepScratch);
}

}  // namespace nlp
