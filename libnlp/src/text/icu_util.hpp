#pragma once
// Private ICU helpers: RAII for UText over UTF-8, per-thread clones of break iterators.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

namespace nlp::detail {

// A UText reading UTF-8 in place; native indices are byte offsets.
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view s);
  ~Utf8Text() { utext_close(&ut_); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
  UText* get() noexcept { return &ut_; }

 private:
  UText ut_ = UTEXT_INITIALIZER;
};

enum class BreakKind { character, word, sentence };

// A break iterator prototype shared by all threads; `local()` returns this thread's clone
// (BreakIterator holds a position, so it cannot be shared). Throws nlp::Error if ICU cannot
// create the iterator.
class SharedBreakIterator {
 public:
  SharedBreakIterator(BreakKind kind, const std::string& locale);
  ~SharedBreakIterator();
  icu::BreakIterator& local() const;

 private:
  std::unique_ptr<icu::BreakIterator> proto_;
  std::uint64_t key_;
};

// ICU locale for a BCP 47 tag ("en", "es-MX", "zh-Hans").
icu::Locale locale_for(const std::string& tag);

}  // namespace nlp::detail
