#include "nlp/text/normalizer.hpp"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringoptions.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp {

struct NormalizedText::Edits {
  icu::Edits total;  // input -> current output
  icu::Edits step, merged;
  // `total` flattened for lookups: the spans with a non-empty output, in output order.
  struct Span {
    std::uint64_t dst, src;
    std::uint32_t dst_len, src_len;
    bool changed;
  };
  std::vector<Span> spans;

  void flatten() {
    spans.clear();
    UErrorCode status = U_ZERO_ERROR;
    auto it = total.getFineIterator();
    while (it.next(status) && U_SUCCESS(status)) {
      if (it.newLength() == 0) continue;  // deletions own no output byte
      spans.push_back({static_cast<std::uint64_t>(it.destinationIndex()),
                       static_cast<std::uint64_t>(it.sourceIndex()),
                       static_cast<std::uint32_t>(it.newLength()),
                       static_cast<std::uint32_t>(it.oldLength()), it.hasChange() != 0});
    }
  }

  // The span holding output byte `i`, or nullptr past the end of the output.
  const Span* find(std::uint64_t i) const {
    auto it = std::upper_bound(spans.begin(), spans.end(), i,
                               [](std::uint64_t v, const Span& s) { return v < s.dst; });
    if (it == spans.begin()) return nullptr;
    --it;
    return i < it->dst + it->dst_len ? &*it : nullptr;
  }
};

NormalizedText::NormalizedText() : edits_(std::make_unique<Edits>()) {}
NormalizedText::~NormalizedText() = default;
NormalizedText::NormalizedText(NormalizedText&&) noexcept = default;
NormalizedText& NormalizedText::operator=(NormalizedText&&) noexcept = default;

ByteSpan NormalizedText::to_source(std::uint64_t begin, std::uint64_t end) const {
  if (identity_) return {begin, end};
  ByteSpan out;
  if (const auto* b = edits_->find(begin))
    out.begin = b->src + (b->changed ? 0 : begin - b->dst);
  else
    out.begin = source_length_;  // at or past the end of the output
  if (end <= begin) {
    out.end = out.begin;
    return out;
  }
  if (const auto* e = edits_->find(end - 1))
    out.end = e->changed ? e->src + e->src_len : e->src + (end - e->dst);
  else
    out.end = out.begin;
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

enum class SameLength { unchanged, changed, no };

// Python's str.lower() by simple, per-code-point mappings when that gives the full mapping and
// keeps the UTF-8 length of every character, so output offsets equal input offsets and no edit
// record is needed. In the root locale only U+0130 (to "i\u0307") and U+03A3 (final sigma) have
// full lowercase mappings that differ from the simple ones; text with them, or with a mapping
// that changes the encoded length (U+023A -> U+2C65), returns `no`. `in` must be valid UTF-8.
SameLength lower_same_length(std::string_view in, std::string& out) {
  out.resize(in.size());
  bool changed = false;
  for (std::size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      const bool upper = b >= 'A' && b <= 'Z';
      out[i] = static_cast<char>(upper ? b + 32 : b);
      changed |= upper;
      ++i;
      continue;
    }
    std::uint32_t len;
    const char32_t c = utf8::decode_valid(in.data() + i, len);
    if (c == 0x130 || c == 0x3A3) return SameLength::no;
    const auto l = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    if (l == c) {
      std::memcpy(out.data() + i, in.data() + i, len);
    } else {
      const std::uint32_t l_len = l < 0x80 ? 1 : l < 0x800 ? 2 : l < 0x10000 ? 3 : 4;
      if (l_len != len) return SameLength::no;
      char* o = out.data() + i;
      switch (len) {
        case 2:
          o[0] = static_cast<char>(0xC0 | (l >> 6));
          o[1] = static_cast<char>(0x80 | (l & 0x3F));
          break;
        case 3:
          o[0] = static_cast<char>(0xE0 | (l >> 12));
          o[1] = static_cast<char>(0x80 | ((l >> 6) & 0x3F));
          o[2] = static_cast<char>(0x80 | (l & 0x3F));
          break;
        default:
          o[0] = static_cast<char>(0xF0 | (l >> 18));
          o[1] = static_cast<char>(0x80 | ((l >> 12) & 0x3F));
          o[2] = static_cast<char>(0x80 | ((l >> 6) & 0x3F));
          o[3] = static_cast<char>(0x80 | (l & 0x3F));
          break;
      }
      changed = true;
    }
    i += len;
  }
  return changed ? SameLength::changed : SameLength::unchanged;
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
  // ASCII in one pass (lowercase and case folding agree there); other text through ICU.
  out.resize(in.size());
  const char* p = in.data();
  char* o = out.data();  // a raw pointer lets the loop vectorize
  unsigned high = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    high |= c;
    o[i] = static_cast<char>(c + (static_cast<unsigned>(c - 'A') < 26u ? 32 : 0));
  }
  if (!(high & 0x80u)) return;
  out.clear();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(in.size()));
  const icu::StringPiece sp(in.data(), static_cast<int32_t>(in.size()));
  if (mode == CaseMode::lower)
    icu::CaseMap::utf8ToLower("", 0, sp, sink, nullptr, status);
  else
    icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, sp, sink, nullptr, status);
  check(status, "case mapping");
}

void to_upper(std::string_view in, std::string& out) {
  out.assign(in);
  bool ascii = true;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  if (ascii) return;
  out.clear();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(in.size()));
  icu::CaseMap::utf8ToUpper("", 0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink, nullptr,
                            status);
  check(status, "uppercasing");
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
    } else if (const SameLength fast = opts_.case_mode == CaseMode::lower
                                           ? lower_same_length(cur, s.tmp_)
                                           : SameLength::no;
               fast != SameLength::no) {
      if (fast == SameLength::changed) advance();  // same length: offsets do not move
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
  if (have_edits) s.edits_->flatten();
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
