#include "nlp/text/normalizer.hpp"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringoptions.h>

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp {

struct NormalizedText::Edits {
  icu::Edits total;  // input -> current output
  icu::Edits step, merged;
};

NormalizedText::NormalizedText() : edits_(std::make_unique<Edits>()) {}
NormalizedText::~NormalizedText() = default;
NormalizedText::NormalizedText(NormalizedText&&) noexcept = default;
NormalizedText& NormalizedText::operator=(NormalizedText&&) noexcept = default;

ByteSpan NormalizedText::to_source(std::uint64_t begin, std::uint64_t end) const {
  if (identity_) return {begin, end};
  UErrorCode status = U_ZERO_ERROR;
  auto it = edits_->total.getFineIterator();
  ByteSpan out;
  if (it.findDestinationIndex(static_cast<int32_t>(begin), status) && U_SUCCESS(status)) {
    out.begin = static_cast<std::uint64_t>(it.sourceIndex());
    if (!it.hasChange()) out.begin += begin - static_cast<std::uint64_t>(it.destinationIndex());
  } else {
    out.begin = source_length_;  // at or past the end of the output
  }
  if (end <= begin) {
    out.end = out.begin;
    return out;
  }
  auto it2 = edits_->total.getFineIterator();
  status = U_ZERO_ERROR;
  if (it2.findDestinationIndex(static_cast<int32_t>(end - 1), status) && U_SUCCESS(status)) {
    if (it2.hasChange()) {
      out.end = static_cast<std::uint64_t>(it2.sourceIndex() + it2.oldLength());
    } else {
      out.end = static_cast<std::uint64_t>(it2.sourceIndex()) + end -
                static_cast<std::uint64_t>(it2.destinationIndex());
    }
  } else {
    out.end = out.begin;
  }
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

Normalizer::Normalizer(NormalizeOptions opts) : opts_(opts) {}

bool Normalizer::is_noop() const noexcept {
  return opts_.form == UnicodeForm::none && opts_.case_mode == CaseMode::keep &&
         opts_.strip_accents == AccentMode::keep && !opts_.whitespace;
}

namespace {

const icu::Normalizer2* normalizer_for(UnicodeForm f) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (f) {
    case UnicodeForm::nfc: n = icu::Normalizer2::getNFCInstance(status); break;
    case UnicodeForm::nfd: n = icu::Normalizer2::getNFDInstance(status); break;
    case UnicodeForm::nfkc: n = icu::Normalizer2::getNFKCInstance(status); break;
    case UnicodeForm::nfkd: n = icu::Normalizer2::getNFKDInstance(status); break;
    case UnicodeForm::none: return nullptr;
  }
  if (U_FAILURE(status) || !n)
    throw Error(fmt::format("ICU: cannot load normalizer {}", to_string(f)));
  return n;
}

bool is_ascii(std::string_view s) noexcept {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw Error(fmt::format("ICU: {} failed: {}", what, u_errorName(status)));
}

}  // namespace

void apply_case(std::string_view in, CaseMode mode, std::string& out) {
  out.clear();
  if (mode == CaseMode::keep) {
    out.assign(in);
    return;
  }
  if (is_ascii(in)) {
    out.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      const char c = in[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(in.size()));
  const icu::StringPiece sp(in.data(), static_cast<int32_t>(in.size()));
  if (mode == CaseMode::lower)
    icu::CaseMap::utf8ToLower("", 0, sp, sink, nullptr, status);
  else
    icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, sp, sink, nullptr, status);
  check(status, "case mapping");
}

std::string_view Normalizer::normalize(std::string_view in, NormalizedText& s) const {
  s.identity_ = true;
  s.source_length_ = in.size();
  if (is_noop() || in.empty()) return in;
  if (in.size() >= (1u << 31)) throw Error("normalize: text of 2 GiB or more");
  const bool ascii = is_ascii(in);
  std::string_view cur = in;
  bool have_edits = false;  // s.edits_->total holds input -> cur

  // Records a step's edits (in `step`) on top of the total.
  auto merge = [&]() {
    UErrorCode status = U_ZERO_ERROR;
    if (!have_edits) {
      s.edits_->total = s.edits_->step;
      have_edits = true;
    } else {
      s.edits_->merged.reset();
      s.edits_->merged.mergeAndAppend(s.edits_->total, s.edits_->step, status);
      check(status, "merging edits");
      std::swap(s.edits_->total, s.edits_->merged);
    }
  };
  // Moves the step output (tmp_) into text_ and makes it current.
  auto advance = [&]() {
    std::swap(s.text_, s.tmp_);
    cur = s.text_;
  };

  // 1. Unicode form (ASCII is invariant under every form).
  if (opts_.form != UnicodeForm::none && !ascii) {
    const icu::Normalizer2* n = normalizer_for(opts_.form);
    UErrorCode status = U_ZERO_ERROR;
    const icu::StringPiece sp(cur.data(), static_cast<int32_t>(cur.size()));
    if (!n->isNormalizedUTF8(sp, status)) {
      status = U_ZERO_ERROR;
      s.tmp_.clear();
      icu::StringByteSink<std::string> sink(&s.tmp_, static_cast<int32_t>(cur.size()));
      s.edits_->step.reset();
      n->normalizeUTF8(0, sp, sink, &s.edits_->step, status);
      check(status, "normalization");
      merge();
      advance();
    }
  }

  // 2. Case.
  if (opts_.case_mode != CaseMode::keep) {
    if (ascii) {
      // Same length: offsets do not move.
      bool any_upper = false;
      for (const char c : cur) any_upper |= (c >= 'A' && c <= 'Z');
      if (any_upper) {
        apply_case(cur, opts_.case_mode, s.tmp_);
        advance();
      }
    } else {
      UErrorCode status = U_ZERO_ERROR;
      s.tmp_.clear();
      icu::StringByteSink<std::string> sink(&s.tmp_, static_cast<int32_t>(cur.size()));
      s.edits_->step.reset();
      const icu::StringPiece sp(cur.data(), static_cast<int32_t>(cur.size()));
      if (opts_.case_mode == CaseMode::lower)
        icu::CaseMap::utf8ToLower("", 0, sp, sink, &s.edits_->step, status);
      else
        icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, sp, sink, &s.edits_->step, status);
      check(status, "case mapping");
      if (s.edits_->step.hasChanges()) {
        merge();
        advance();
      }
    }
  }

  // 3. Accents, as scikit-learn: NFKD, then drop combining characters (or all non-ASCII).
  if (opts_.strip_accents != AccentMode::keep && !is_ascii(cur)) {
    const icu::Normalizer2* nfkd = normalizer_for(UnicodeForm::nfkd);
    UErrorCode status = U_ZERO_ERROR;
    std::string decomposed;
    icu::StringByteSink<std::string> sink(&decomposed, static_cast<int32_t>(cur.size()));
    icu::Edits d_edits;
    nfkd->normalizeUTF8(0, icu::StringPiece(cur.data(), static_cast<int32_t>(cur.size())), sink,
                        &d_edits, status);
    check(status, "NFKD decomposition");
    // Drop step over the decomposed text.
    icu::Edits drop;
    s.tmp_.clear();
    std::size_t keep_run = 0;
    for (std::size_t i = 0; i < decomposed.size();) {
      std::uint32_t len;
      const char32_t c = utf8::decode_valid(decomposed.data() + i, len);
      const bool remove = opts_.strip_accents == AccentMode::unicode
                              ? unicode::combining_class(c) != 0
                              : c >= 0x80;
      if (remove) {
        if (keep_run) drop.addUnchanged(static_cast<int32_t>(keep_run));
        keep_run = 0;
        drop.addReplace(static_cast<int32_t>(len), 0);
      } else {
        s.tmp_.append(decomposed, i, len);
        keep_run += len;
      }
      i += len;
    }
    if (keep_run) drop.addUnchanged(static_cast<int32_t>(keep_run));
    if (d_edits.hasChanges() || drop.hasChanges()) {
      status = U_ZERO_ERROR;
      s.edits_->step.reset();
      s.edits_->step.mergeAndAppend(d_edits, drop, status);
      check(status, "merging edits");
      merge();
      advance();
    }
  }

  // 4. Whitespace: runs become one space; trimmed.
  if (opts_.whitespace) {
    icu::Edits ws;
    s.tmp_.clear();
    std::size_t i = 0, keep_run = 0;
    bool changed = false;
    auto flush_keep = [&]() {
      if (keep_run) ws.addUnchanged(static_cast<int32_t>(keep_run));
      keep_run = 0;
    };
    while (i < cur.size()) {
      std::uint32_t len;
      const char32_t c = utf8::decode_valid(cur.data() + i, len);
      if (!unicode::is_space(c)) {
        s.tmp_.append(cur, i, len);
        keep_run += len;
        i += len;
        continue;
      }
      std::size_t j = i + len;
      while (j < cur.size()) {
        std::uint32_t l2;
        if (!unicode::is_space(utf8::decode_valid(cur.data() + j, l2))) break;
        j += l2;
      }
      const bool edge = (i == 0 || j == cur.size());
      if (edge) {
        flush_keep();
        ws.addReplace(static_cast<int32_t>(j - i), 0);
        changed = true;
      } else if (j - i == 1 && c == U' ') {
        s.tmp_.push_back(' ');
        ++keep_run;
      } else {
        flush_keep();
        ws.addReplace(static_cast<int32_t>(j - i), 1);
        s.tmp_.push_back(' ');
        changed = true;
      }
      i = j;
    }
    flush_keep();
    if (changed) {
      s.edits_->step = ws;
      merge();
      advance();
    }
  }

  s.identity_ = !have_edits;
  return cur;
}

const char* to_string(UnicodeForm f) {
  switch (f) {
    case UnicodeForm::none: return "none";
    case UnicodeForm::nfc: return "nfc";
    case UnicodeForm::nfd: return "nfd";
    case UnicodeForm::nfkc: return "nfkc";
    case UnicodeForm::nfkd: return "nfkd";
  }
  return "?";
}
const char* to_string(CaseMode c) {
  switch (c) {
    case CaseMode::keep: return "keep";
    case CaseMode::lower: return "lower";
    case CaseMode::fold: return "fold";
  }
  return "?";
}
const char* to_string(AccentMode a) {
  switch (a) {
    case AccentMode::keep: return "keep";
    case AccentMode::unicode: return "unicode";
    case AccentMode::ascii: return "ascii";
  }
  return "?";
}

UnicodeForm parse_unicode_form(std::string_view s) {
  for (auto f : {UnicodeForm::none, UnicodeForm::nfc, UnicodeForm::nfd, UnicodeForm::nfkc,
                 UnicodeForm::nfkd})
    if (s == to_string(f)) return f;
  throw UsageError(fmt::format("unknown Unicode form {:?}; choose none, nfc, nfd, nfkc or nfkd", s));
}
CaseMode parse_case_mode(std::string_view s) {
  for (auto c : {CaseMode::keep, CaseMode::lower, CaseMode::fold})
    if (s == to_string(c)) return c;
  throw UsageError(fmt::format("unknown case mode {:?}; choose keep, lower or fold", s));
}
AccentMode parse_accent_mode(std::string_view s) {
  for (auto a : {AccentMode::keep, AccentMode::unicode, AccentMode::ascii})
    if (s == to_string(a)) return a;
  throw UsageError(fmt::format("unknown accent mode {:?}; choose keep, unicode or ascii", s));
}

}  // namespace nlp
