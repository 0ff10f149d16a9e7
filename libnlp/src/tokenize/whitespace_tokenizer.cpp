#include "nlp/tokenize/whitespace_tokenizer.hpp"

#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp {
namespace {

// ASCII whitespace per str.isspace(): \t \n \v \f \r, \x1c-\x1f and space.
constexpr bool ascii_space(unsigned char b) noexcept {
  return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
}

}  // namespace

void WhitespaceTokenizer::tokenize(std::string_view text, std::uint64_t base,
                                   TokenBuffer& out) const {
  const std::size_t n = text.size();
  std::size_t i = 0, start = 0;
  bool in_token = false;
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    bool space;
    std::uint32_t len = 1;
    if (b < 0x80) {
      space = ascii_space(b);
    } else {
      space = unicode::is_space(utf8::decode_valid(text.data() + i, len));
    }
    if (space) {
      if (in_token) {
        out.tokens.push_back({text.substr(start, i - start), {base + start, base + i}});
        in_token = false;
      }
    } else if (!in_token) {
      start = i;
      in_token = true;
    }
    i += len;
  }
  if (in_token) out.tokens.push_back({text.substr(start), {base + start, base + n}});
}

}  // namespace nlp
