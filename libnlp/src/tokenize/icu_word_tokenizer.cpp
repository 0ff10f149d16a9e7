#include "nlp/tokenize/icu_word_tokenizer.hpp"

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "text/icu_util.hpp"

namespace nlp {

IcuWordTokenizer::IcuWordTokenizer(const std::string& lang)
    : iter_(std::make_unique<detail::SharedBreakIterator>(detail::BreakKind::word, lang)) {}

IcuWordTokenizer::~IcuWordTokenizer() = default;

void IcuWordTokenizer::tokenize(std::string_view text, std::uint64_t base,
                                TokenBuffer& out) const {
  if (text.empty()) return;
  detail::Utf8Text ut(text);
  icu::BreakIterator& bi = iter_->local();
  UErrorCode status = U_ZERO_ERROR;
  bi.setText(ut.get(), status);
  if (U_FAILURE(status)) throw Error("ICU: cannot set break iterator text");
  auto start = static_cast<std::size_t>(bi.first());
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; end = bi.next()) {
    const auto e = static_cast<std::size_t>(end);
    bool all_space = true;
    for (std::size_t i = start; i < e && all_space;) {
      std::uint32_t len;
      all_space = unicode::is_space(utf8::decode_valid(text.data() + i, len));
      i += len;
    }
    if (!all_space) out.tokens.push_back({text.substr(start, e - start), {base + start, base + e}});
    start = e;
  }
}

}  // namespace nlp
