#include "nlp/pipeline/filters.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "nlp/data/bundled.hpp"
#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp {
namespace {

struct StringHash {
  using is_transparent = void;
  // FNV-1a: keys are words, mostly a few bytes long, where it beats std::hash's MurmurHash.
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 14695981039346656037u;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211u;
    return static_cast<std::size_t>(h);
  }
};

// The set of stopwords, asked once for every token: open addressing over one byte buffer, with
// a mask of the word lengths present so most tokens are rejected before hashing.
class WordSet {
 public:
  void insert(std::string_view w) {
    if (contains(w)) return;
    if ((count_ + 1) * 4 > slots_.size()) grow();
    place({static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(w.size()), StringHash{}(w)});
    bytes_.append(w);
    lengths_ |= length_bit(w.size());
    ++count_;
  }
  bool contains(std::string_view w) const noexcept {
    if (!(lengths_ & length_bit(w.size()))) return false;
    const std::uint64_t h = StringHash{}(w);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.length == kEmpty) return false;
      if (s.hash == h && s.length == w.size() && std::string_view(bytes_).substr(s.offset, s.length) == w)
        return true;
    }
  }
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    std::uint32_t offset = 0, length = kEmpty;
    std::uint64_t hash = 0;
  };
  // Lengths of 63 bytes and more share the top bit.
  static std::uint64_t length_bit(std::size_t n) noexcept { return std::uint64_t{1} << std::min<std::size_t>(n, 63); }
  void place(const Slot& slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slot.hash & mask;
    while (slots_[i].length != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(16, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.length != kEmpty) place(s);
  }

  std::string bytes_;
  std::vector<Slot> slots_ = std::vector<Slot>(16);
  std::size_t count_ = 0;
  std::uint64_t lengths_ = 0;
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kNltkNames = {{
    {"danish", "da"}, {"dutch", "nl"}, {"english", "en"}, {"finnish", "fi"}, {"french", "fr"},
    {"german", "de"}, {"hungarian", "hu"}, {"italian", "it"}, {"kazakh", "kk"},
    {"norwegian", "no"}, {"portuguese", "pt"}, {"russian", "ru"}, {"spanish", "es"},
    {"swedish", "sv"}, {"turkish", "tr"},
}};

// "en" -> "stopwords/nltk/en.txt"; "" if unknown.
std::string stopword_path(const std::string& name) {
  std::string source, lang;
  const std::size_t colon = name.find(':');
  if (colon == std::string::npos) {
    lang = name;
  } else {
    source = name.substr(0, colon);
    lang = name.substr(colon + 1);
  }
  for (const auto& [full, code] : kNltkNames)
    if (lang == full) lang = std::string(code);
  auto exists = [](const std::string& p) { return data::bundled_file(p).has_value(); };
  if (source.empty()) {
    for (const char* s : {"nltk", "iso"}) {
      const std::string p = fmt::format("stopwords/{}/{}.txt", s, lang);
      if (exists(p)) return p;
    }
    return {};
  }
  const std::string p = fmt::format("stopwords/{}/{}.txt", source, lang);
  return exists(p) ? p : std::string();
}

// `s` case-folded: `s` itself when folding leaves it alone (ASCII without capitals), else `buf`.
std::string_view fold_key(std::string_view s, std::string& buf) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || static_cast<unsigned>(b - 'A') < 26u) {
      apply_case(s, CaseMode::fold, buf);
      return buf;
    }
  }
  return s;
}

std::string fold(std::string_view s) {
  std::string out;
  apply_case(s, CaseMode::fold, out);
  return out;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

template <class F>
bool all_chars(std::string_view s, F pred) {
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t len;
    if (!pred(utf8::decode_valid(s.data() + i, len))) return false;
    i += len;
  }
  return true;
}

bool is_url(std::string_view t) {
  if (starts_with_icase(t, "www.") && t.size() > 4) return true;
  // scheme "://" with a letter-initial scheme of letters, digits, + - .
  const std::size_t sep = t.find("://");
  if (sep == std::string_view::npos || sep == 0 || sep + 3 >= t.size()) return false;
  for (std::size_t i = 0; i < sep; ++i) {
    const char c = t[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (i == 0 ? !alpha : !(alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
      return false;
  }
  return true;
}

bool is_email(std::string_view t) {
  const std::size_t at = t.find('@');
  if (at == std::string_view::npos || at == 0 || t.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = t.substr(0, at), domain = t.substr(at + 1);
  const bool local_ok = all_chars(local, [](char32_t c) {
    return unicode::is_word(c) || c == U'.' || c == U'%' || c == U'+' || c == U'-';
  });
  const std::size_t dot = domain.rfind('.');
  if (!local_ok || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3)
    return false;
  const bool domain_ok =
      all_chars(domain, [](char32_t c) { return unicode::is_word(c) || c == U'.' || c == U'-'; });
  return domain_ok && domain.front() != '.' && domain.find("..") == std::string_view::npos &&
         all_chars(domain.substr(dot + 1), [](char32_t c) { return unicode::is_alpha(c); });
}

bool is_number(std::string_view t) {
  bool digit = false;
  const bool ok = all_chars(t, [&](char32_t c) {
    if (unicode::is_numeric(c)) {
      digit = true;
      return true;
    }
    return c == U'.' || c == U',' || c == U':' || c == U'/' || c == U'+' || c == U'-' ||
           c == U'%' || c == U'\'' || c == U'\u2212';
  });
  return ok && digit;
}

}  // namespace

TokenKind classify_token(std::string_view t) {
  if (t.empty()) return TokenKind::word;
  const char c0 = t.front();
  if (c0 == '@' && t.size() >= 2 && all_chars(t.substr(1), [](char32_t c) { return unicode::is_word(c); }))
    return TokenKind::mention;
  if (c0 == '#' && t.size() >= 2) {
    bool alpha = false;
    const bool ok = all_chars(t.substr(1), [&](char32_t c) {
      alpha |= unicode::is_alpha(c);
      return unicode::is_word(c);
    });
    if (ok && alpha) return TokenKind::hashtag;
  }
  if (is_url(t)) return TokenKind::url;
  if (t.find('@') != std::string_view::npos && is_email(t)) return TokenKind::email;
  if (is_number(t)) return TokenKind::number;
  if (all_chars(t, [](char32_t c) { return unicode::is_punct(c); })) return TokenKind::punctuation;
  // Penn Treebank's quote and bracket tokens ("``" is made of U+0060, a symbol in Unicode).
  if (t == "``" || t == "-LRB-" || t == "-RRB-" || t == "-LSB-" || t == "-RSB-" || t == "-LCB-" ||
      t == "-RCB-")
    return TokenKind::punctuation;
  if (all_chars(t, [](char32_t c) { return !unicode::is_word(c) && !unicode::is_mark(c); }))
    return TokenKind::symbol;
  return TokenKind::word;
}

const char* to_string(TokenKind k) {
  switch (k) {
    case TokenKind::word: return "word";
    case TokenKind::url: return "url";
    case TokenKind::email: return "email";
    case TokenKind::mention: return "mention";
    case TokenKind::hashtag: return "hashtag";
    case TokenKind::number: return "number";
    case TokenKind::punctuation: return "punctuation";
    case TokenKind::symbol: return "symbol";
  }
  return "?";
}

const char* to_string(KindAction a) {
  switch (a) {
    case KindAction::keep: return "keep";
    case KindAction::drop: return "drop";
    case KindAction::replace: return "replace";
  }
  return "?";
}

KindAction parse_kind_action(std::string_view s) {
  for (auto a : {KindAction::keep, KindAction::drop, KindAction::replace})
    if (s == to_string(a)) return a;
  throw UsageError(fmt::format("unknown action {:?}; choose keep, drop or replace", s));
}

std::vector<std::string> stopword_list_names() {
  std::vector<std::string> names;
  for (const auto& f : data::bundled_files("stopwords/")) {
    std::string_view p = f.path.substr(std::string_view("stopwords/").size());
    if (!p.ends_with(".txt")) continue;
    p.remove_suffix(4);
    std::string name(p);
    std::replace(name.begin(), name.end(), '/', ':');
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> stopword_list(const std::string& name) {
  const std::string path = stopword_path(name);
  if (path.empty())
    throw UsageError(fmt::format(
        "unknown stopword list {:?}; use a language code (en, es, ...), nltk:LANG, iso:LANG or "
        "sklearn:en (nlp preprocess --list-stopwords shows them all)",
        name));
  std::vector<std::string> words;
  for (const auto line : data::bundled_lines(path)) words.emplace_back(line);
  return words;
}

struct TokenFilter::Data {
  WordSet stopwords;  // case-folded
  StringMap<std::vector<std::string_view>> whole;  // "won't" -> {"will", "not"}
  StringMap<std::string_view> stems;               // "wo" -> "will" (before n't)
};

TokenFilter::TokenFilter(FilterOptions opts) : opts_(std::move(opts)), data_(std::make_unique<Data>()) {
  for (const auto& name : opts_.stopword_lists)
    for (const auto& w : stopword_list(name)) data_->stopwords.insert(fold(w));
  for (const auto& w : opts_.stopwords)
    if (!w.empty()) data_->stopwords.insert(fold(w));
  if (opts_.expand_contractions) {
    for (const auto line : data::bundled_lines("contractions/en.tsv")) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      const std::string_view form = line.substr(0, tab), exp = line.substr(tab + 1);
      const std::size_t plus = form.find('+');
      if (plus != std::string_view::npos) {
        data_->stems.emplace(std::string(form.substr(0, plus)), exp);
        continue;
      }
      std::vector<std::string_view> words;
      for (std::size_t i = 0; i <= exp.size();) {
        const std::size_t sp = std::min(exp.find(' ', i), exp.size());
        if (sp > i) words.push_back(exp.substr(i, sp - i));
        i = sp + 1;
      }
      data_->whole.emplace(std::string(form), std::move(words));
    }
  }
  by_kind_ = opts_.urls != KindAction::keep || opts_.emails != KindAction::keep ||
             opts_.mentions != KindAction::keep || opts_.hashtags != KindAction::keep ||
             opts_.numbers != KindAction::keep || opts_.drop_punctuation || opts_.drop_symbols ||
             opts_.strip_special;
  noop_ = !opts_.expand_contractions && !by_kind_ && opts_.case_mode == CaseMode::keep &&
          data_->stopwords.empty() && opts_.min_length == 0 && opts_.max_length == 0;
}

TokenFilter::~TokenFilter() = default;

std::size_t TokenFilter::stopword_count() const noexcept { return data_->stopwords.size(); }

namespace {

// Lowercase key with typographic apostrophes made straight.
std::string contraction_key(std::string_view t) {
  std::string key;
  key.reserve(t.size());
  for (std::size_t i = 0; i < t.size();) {
    if (t.substr(i, 3) == "\xE2\x80\x99") {  // U+2019
      key.push_back('\'');
      i += 3;
      continue;
    }
    const char c = t[i++];
    key.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  return key;
}

// Applies the case pattern of `original` (ALL CAPS or Capitalized) to an ASCII expansion.
std::string_view restore_case(std::string_view original, std::string_view word, bool first,
                              StringArena& arena) {
  bool upper = false, lower = false;
  for (const char c : original) {
    upper |= (c >= 'A' && c <= 'Z');
    lower |= (c >= 'a' && c <= 'z');
  }
  if (!upper) return word;
  const bool all_caps = !lower && original.size() > 1;
  if (!all_caps && !(first && original.front() >= 'A' && original.front() <= 'Z')) return word;
  char* p = arena.allocate(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const bool up = all_caps || i == 0;
    p[i] = (up && c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  return {p, word.size()};
}

std::string_view strip_special_chars(std::string_view t, StringArena& arena) {
  std::string out;
  out.reserve(t.size());
  char32_t prev = 0;
  for (std::size_t i = 0; i < t.size();) {
    std::uint32_t len;
    const char32_t c = utf8::decode_valid(t.data() + i, len);
    bool keep = unicode::is_word(c) || unicode::is_mark(c);
    if (!keep && (c == U'\'' || c == U'\u2019' || c == U'-' || c == U'\u2010') && i + len < t.size()) {
      std::uint32_t l2;
      const char32_t next = utf8::decode_valid(t.data() + i + len, l2);
      keep = unicode::is_alpha(prev) && unicode::is_alpha(next);
    }
    if (keep) out.append(t, i, len);
    prev = c;
    i += len;
  }
  if (out.size() == t.size()) return t;
  return arena.store(out);
}

}  // namespace

void TokenFilter::apply(TokenBuffer& buf) const {
  if (noop_) return;
  std::vector<Token>& toks = buf.tokens;

  // 1. Contractions: whole forms, clitics, and stems that change before "n't".
  if (opts_.expand_contractions) {
    std::vector<Token> expanded;
    expanded.reserve(toks.size() + toks.size() / 8);
    for (std::size_t i = 0; i < toks.size(); ++i) {
      const Token& tok = toks[i];
      const std::string key = contraction_key(tok.text);
      if (i + 1 < toks.size() && toks[i + 1].source.begin == tok.source.end) {
        if (auto it = data_->stems.find(key);
            it != data_->stems.end() && contraction_key(toks[i + 1].text) == "n't") {
          expanded.push_back({restore_case(tok.text, it->second, true, buf.arena), tok.source});
          continue;
        }
      }
      if (auto it = data_->whole.find(key); it != data_->whole.end()) {
        const auto& words = it->second;
        for (std::size_t k = 0; k < words.size(); ++k)
          expanded.push_back({restore_case(tok.text, words[k], k == 0, buf.arena), tok.source});
        continue;
      }
      expanded.push_back(tok);
    }
    toks.swap(expanded);
  }

  std::string folded;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    Token tok = toks[i];
    // 2. Kinds (classified only when some filter depends on them).
    const TokenKind kind = by_kind_ ? classify_token(tok.text) : TokenKind::word;
    KindAction action = KindAction::keep;
    const std::string* placeholder = nullptr;
    switch (kind) {
      case TokenKind::url: action = opts_.urls; placeholder = &opts_.url_placeholder; break;
      case TokenKind::email: action = opts_.emails; placeholder = &opts_.email_placeholder; break;
      case TokenKind::mention: action = opts_.mentions; placeholder = &opts_.mention_placeholder; break;
      case TokenKind::hashtag: action = opts_.hashtags; placeholder = &opts_.hashtag_placeholder; break;
      case TokenKind::number: action = opts_.numbers; placeholder = &opts_.number_placeholder; break;
      case TokenKind::punctuation:
        if (opts_.drop_punctuation) action = KindAction::drop;
        break;
      case TokenKind::symbol:
        if (opts_.drop_symbols) action = KindAction::drop;
        break;
      case TokenKind::word: break;
    }
    if (action == KindAction::drop) continue;
    if (action == KindAction::replace) {
      tok.text = *placeholder;
      toks[kept++] = tok;
      continue;
    }
    if (opts_.strip_special &&
        (kind == TokenKind::word || kind == TokenKind::punctuation || kind == TokenKind::symbol)) {
      tok.text = strip_special_chars(tok.text, buf.arena);
      if (tok.text.empty()) continue;
    }
    // 3. Case.
    if (opts_.case_mode != CaseMode::keep) {
      apply_case(tok.text, opts_.case_mode, folded);
      if (folded != tok.text) tok.text = buf.arena.store(folded);
    }
    // 4. Stopwords (compared case-folded).
    if (!data_->stopwords.empty()) {
      if (opts_.case_mode == CaseMode::fold) {
        if (data_->stopwords.contains(tok.text)) continue;
      } else if (data_->stopwords.contains(fold_key(tok.text, folded))) {
        continue;
      }
    }
    // 5. Length in code points.
    if (opts_.min_length || opts_.max_length) {
      const std::uint64_t n = utf8::count_code_points(tok.text);
      if (n < opts_.min_length || (opts_.max_length && n > opts_.max_length)) continue;
    }
    toks[kept++] = tok;
  }
  toks.resize(kept);
}

}  // namespace nlp
