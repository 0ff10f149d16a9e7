#include "text/icu_util.hpp"

#include <atomic>
#include <unordered_map>

#include <fmt/format.h>

#include "nlp/error.hpp"

namespace nlp::detail {
namespace {
std::atomic<std::uint64_t> g_next_key{1};
}

Utf8Text::Utf8Text(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&ut_, s.data(), static_cast<int64_t>(s.size()), &status);
  if (U_FAILURE(status)) throw Error(fmt::format("ICU: cannot open text: {}", u_errorName(status)));
}

icu::Locale locale_for(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status) || loc.isBogus())
    throw UsageError(fmt::format("invalid language tag {:?}", tag));
  return loc;
}

SharedBreakIterator::SharedBreakIterator(BreakKind kind, const std::string& locale)
    : key_(g_next_key.fetch_add(1)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale loc = locale_for(locale);
  switch (kind) {
    case BreakKind::character: proto_.reset(icu::BreakIterator::createCharacterInstance(loc, status)); break;
    case BreakKind::word: proto_.reset(icu::BreakIterator::createWordInstance(loc, status)); break;
    case BreakKind::sentence: proto_.reset(icu::BreakIterator::createSentenceInstance(loc, status)); break;
  }
  if (U_FAILURE(status) || !proto_)
    throw Error(fmt::format("ICU: cannot create a break iterator for {:?}: {}", locale,
                            u_errorName(status)));
}

SharedBreakIterator::~SharedBreakIterator() = default;

icu::BreakIterator& SharedBreakIterator::local() const {
  // Keys are never reused, so a clone can never be served for a different prototype.
  thread_local std::unordered_map<std::uint64_t, std::unique_ptr<icu::BreakIterator>> clones;
  auto& slot = clones[key_];
  if (!slot) {
    slot.reset(proto_->clone());
    if (!slot) throw Error("ICU: cannot clone a break iterator");
  }
  return *slot;
}

}  // namespace nlp::detail
