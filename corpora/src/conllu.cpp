// CoNLL-U (https://universaldependencies.org/format.html) sentences, and a Reader delivering
// one document per sentence.
#include "nlp/corpora/conllu.hpp"

#include <array>
#include <optional>

#include <fmt/format.h>

#include "format_reader.hpp"
#include "nlp/corpora/byte_source.hpp"

namespace nlp::corpora {
namespace {

using detail::Line;
using detail::LineReader;
using detail::MalformedRecord;

constexpr std::array<const char*, 10> kColumns = {"ID",    "FORM", "LEMMA",  "UPOS", "XPOS",
                                                  "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"};
constexpr std::uint32_t kMaxId = 999'999'999;

// A decimal number without leading zeros (or "0" when zero_ok), at most 9 digits.
bool parse_number(std::string_view s, bool zero_ok, std::uint32_t& out) {
  if (s.empty() || s.size() > 9) return false;
  if (s[0] == '0' && (s.size() > 1 || !zero_ok)) return false;
  std::uint32_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  out = v;
  return v <= kMaxId;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Unescapes a SpacesAfter value: \s space, \t tab, \n line feed, \r carriage return, \p '|',
// \\ backslash, \uXXXX a BMP code point. Anything else is kept as written.
std::string unescape_spaces(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 == v.size()) {
      out.push_back(v[i]);
      continue;
    }
    const char e = v[i + 1];
    const char* simple = e == 's' ? " " : e == 't' ? "\t" : e == 'n' ? "\n" : e == 'r' ? "\r"
                       : e == 'p' ? "|" : e == '\\' ? "\\" : nullptr;
    if (simple) {
      out += simple;
      ++i;
      continue;
    }
    if (e == 'u' && i + 6 <= v.size()) {
      char32_t cp = 0;
      bool ok = true;
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        const int h = hex_value(v[k]);
        if (h < 0) ok = false;
        cp = (cp << 4) | static_cast<char32_t>(h < 0 ? 0 : h);
      }
      if (ok && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        utf8::append(out, cp);
        i += 5;
        continue;
      }
    }
    out.push_back(v[i]);
  }
  return out;
}

// Reads the spacing attributes of a token from its MISC column.
void apply_misc(std::string_view misc, ConlluToken& tok) {
  for (std::size_t p = 0; p <= misc.size();) {
    const std::size_t q = std::min(misc.find('|', p), misc.size());
    const std::string_view item = misc.substr(p, q - p);
    if (item == "SpaceAfter=No") tok.space_after = false;
    if (item.substr(0, 12) == "SpacesAfter=") tok.spaces_after = unescape_spaces(item.substr(12));
    p = q + 1;
  }
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}
std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ConlluSentence::reconstructed_text() const {
  std::string out;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const ConlluToken& t = tokens[k];
    out += t.form;
    if (k + 1 == tokens.size() || !t.space_after) continue;
    if (!t.spaces_after.empty())
      out += t.spaces_after;
    else
      out.push_back(' ');
  }
  return out;
}

struct ConlluReader::Impl {
  Impl(std::unique_ptr<ByteSource> src, std::string name, const ReaderOptions& opts)
      : lines(std::move(src), std::move(name), opts, stats) {}

  bool next(ConlluSentence& s);

  void reset(ConlluSentence& s) {
    s.sent_id.clear();
    s.text.clear();
    s.new_document = s.new_paragraph = false;
    s.comments.clear();
    s.tokens.clear();
    s.words.clear();
    s.pos = SourcePos{};
    s.text_pos = SourcePos{};
    body_started = false;
    range_first = range_end = 0;
    empty_minor = 0;
    sentence_bytes = 0;
  }

  // Throws under OnError::fail; returns under skip (the caller counts the sentence).
  void on_malformed(const InputError& e) const {
    if (lines.options().on_error == OnError::fail)
      throw InputError(e.pos(), e.detail() +
                                    "; rerun with --on-error=skip to skip and count malformed sentences");
  }

  SourcePos at(const Line& line, std::size_t offset) const { return lines.position(line, offset); }

  void parse_line(const Line& line, ConlluSentence& s);
  void parse_comment(const Line& line, ConlluSentence& s);
  void parse_word(const Line& line, ConlluSentence& s);
  void finish(ConlluSentence& s) const;

  ReadStats stats;
  LineReader lines;
  std::string repaired;
  bool body_started = false;            // a word, range or empty node line was seen
  std::uint32_t range_first = 0, range_end = 0;  // the open multiword token, if range_end != 0
  SourcePos range_pos;
  std::uint32_t empty_minor = 0;        // m of the last empty node n.m after the current word
  std::uint64_t sentence_bytes = 0;
};

bool ConlluReader::Impl::next(ConlluSentence& s) {
  const ReaderOptions& opts = lines.options();
  while (true) {
    reset(s);
    std::optional<InputError> error;
    bool started = false;
    Line line;
    while (true) {
      const LineReader::Status st = lines.next(line);
      if (st == LineReader::Status::end) break;
      if (st == LineReader::Status::too_long) {
        if (!started) s.pos = SourcePos{lines.name(), line.number, 1, line.byte};
        started = true;
        if (!error) {
          error = MalformedRecord(at(line, 0), lines.too_long_message(lines.too_long_size()));
          on_malformed(*error);
        }
        continue;
      }
      if (line.text.empty()) {
        if (started) break;
        continue;  // blank lines between sentences beyond the first are tolerated
      }
      if (!started) {
        started = true;
        s.pos = SourcePos{lines.name(), line.number, 1, line.byte};
      }
      if (error) continue;  // skip the rest of a malformed sentence
      Line use = line;
      if (opts.invalid_utf8 != utf8::InvalidPolicy::strict && !utf8::is_valid(line.text)) {
        const std::uint64_t n = utf8::repair(line.text, opts.invalid_utf8, repaired);
        (opts.invalid_utf8 == utf8::InvalidPolicy::skip ? stats.utf8_skipped : stats.utf8_replaced) += n;
        use.text = repaired;
      }
      try {
        parse_line(use, s);
      } catch (const MalformedRecord& e) {
        on_malformed(e);
        error = e;
      }
    }
    if (!started) return false;
    if (!error) {
      try {
        finish(s);
      } catch (const MalformedRecord& e) {
        on_malformed(e);
        error = e;
      }
    }
    if (error) {
      detail::count_skip(stats, error->what());
      continue;
    }
    ++stats.documents;
    if (s.words.empty() && s.text.empty()) ++stats.empty_documents;
    return true;
  }
}

void ConlluReader::Impl::parse_line(const Line& line, ConlluSentence& s) {
  sentence_bytes += line.text.size() + 1;
  if (sentence_bytes > lines.options().max_record_bytes)
    throw MalformedRecord(s.pos, fmt::format("sentence is longer than the limit of {} bytes "
                                             "(--max-line-bytes); is an empty line missing between "
                                             "sentences?",
                                             lines.options().max_record_bytes));
  if (line.text[0] == '#') {
    if (body_started)
      throw MalformedRecord(at(line, 0), "comment line after the first word line of a sentence; "
                                         "comments must come before the word lines");
    parse_comment(line, s);
    return;
  }
  if (trim_left(line.text).empty())
    throw MalformedRecord(at(line, 0), "line holds only spaces or tabs; sentences are separated by "
                                       "empty lines");
  parse_word(line, s);
}

void ConlluReader::Impl::parse_comment(const Line& line, ConlluSentence& s) {
  std::string_view body = line.text.substr(1);
  s.comments.emplace_back(!body.empty() && body[0] == ' ' ? body.substr(1) : body);
  body = trim_left(body);
  const std::size_t eq = body.find('=');
  const std::string_view key = trim_right(body.substr(0, eq));
  if (eq != std::string_view::npos) {
    const std::string_view value = trim_left(body.substr(eq + 1));
    if (key == "sent_id") {
      s.sent_id.assign(value);
    } else if (key == "text") {
      s.text.assign(value);
      s.text_pos = at(line, static_cast<std::size_t>(value.data() - line.text.data()));
    }
  }
  const auto starts = [&](std::string_view word) {
    return key.substr(0, word.size()) == word && (key.size() == word.size() || key[word.size()] == ' ');
  };
  if (starts("newdoc")) s.new_document = true;
  if (starts("newpar")) s.new_paragraph = true;
}

void ConlluReader::Impl::parse_word(const Line& line, ConlluSentence& s) {
  const std::string_view t = line.text;
  std::array<std::string_view, 10> f;
  std::array<std::size_t, 10> off{};
  std::size_t n = 0, extra_at = 0, i = 0;
  while (true) {
    const std::size_t j = t.find('\t', i);
    const std::size_t e = j == std::string_view::npos ? t.size() : j;
    if (n < 10) {
      f[n] = t.substr(i, e - i);
      off[n] = i;
    } else if (n == 10) {
      extra_at = i;
    }
    ++n;
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  if (n != 10)
    throw MalformedRecord(at(line, n > 10 ? extra_at : t.size()),
                          fmt::format("expected 10 tab-separated columns (ID FORM LEMMA UPOS XPOS "
                                      "FEATS HEAD DEPREL DEPS MISC), found {}",
                                      n));
  for (std::size_t k = 0; k < 10; ++k)
    if (f[k].empty())
      throw MalformedRecord(at(line, off[k]), fmt::format("column {} ({}) is empty; CoNLL-U writes _ "
                                                          "for a missing value",
                                                          k + 1, kColumns[k]));
  body_started = true;
  const std::string_view id = f[0];
  const auto nwords = static_cast<std::uint32_t>(s.words.size());
  const auto bad_id = [&] {
    return MalformedRecord(at(line, 0), fmt::format("invalid ID \"{}\"; expected a word number (3), a "
                                                    "multiword range (3-4) or an empty node (3.1)",
                                                    id));
  };
  const std::size_t dash = id.find('-'), dot = id.find('.');
  if (dash != std::string_view::npos) {
    std::uint32_t a = 0, b = 0;
    if (!parse_number(id.substr(0, dash), false, a) || !parse_number(id.substr(dash + 1), false, b))
      throw bad_id();
    if (range_end != 0)
      throw MalformedRecord(at(line, 0), fmt::format("multiword token {} starts before the words of "
                                                     "multiword token {}-{} are complete",
                                                     id, range_first, range_end));
    if (a != nwords + 1)
      throw MalformedRecord(at(line, 0), fmt::format("multiword token {} must start at the next word "
                                                     "ID, {}",
                                                     id, nwords + 1));
    if (b <= a)
      throw MalformedRecord(at(line, 0), fmt::format("multiword token range {} must end after it starts", id));
    ConlluToken tok;
    tok.form.assign(f[1]);
    tok.multiword = true;
    tok.first_word = a - 1;
    tok.last_word = b - 1;
    range_first = a;
    range_end = b;
    range_pos = at(line, 0);
    // Space handling of a multiword token is in its own MISC (its words' MISC is ignored).
    apply_misc(f[9], tok);
    s.tokens.push_back(std::move(tok));
    return;
  }
  if (dot != std::string_view::npos) {
    std::uint32_t major = 0, minor = 0;
    if (!parse_number(id.substr(0, dot), true, major) || !parse_number(id.substr(dot + 1), false, minor))
      throw bad_id();
    if (major != nwords || minor != empty_minor + 1)
      throw MalformedRecord(at(line, 0), fmt::format("empty node {} is out of order; expected {}.{}", id,
                                                     nwords, empty_minor + 1));
    empty_minor = minor;
    return;  // empty nodes belong to enhanced graphs, not to the surface or the basic tree
  }
  std::uint32_t w = 0;
  if (!parse_number(id, false, w)) throw bad_id();
  if (w != nwords + 1)
    throw MalformedRecord(at(line, 0), fmt::format("word ID {} is out of order; expected {}", id, nwords + 1));
  empty_minor = 0;
  ConlluWord& word = s.words.emplace_back();
  word.id.assign(f[0]);
  word.form.assign(f[1]);
  word.lemma.assign(f[2]);
  word.upos.assign(f[3]);
  word.xpos.assign(f[4]);
  word.feats.assign(f[5]);
  word.head.assign(f[6]);
  word.deprel.assign(f[7]);
  word.deps.assign(f[8]);
  word.misc.assign(f[9]);
  if (range_end != 0) {
    if (w == range_end) range_end = 0;
    return;
  }
  ConlluToken tok;
  tok.form.assign(f[1]);
  tok.first_word = tok.last_word = nwords;
  apply_misc(f[9], tok);
  s.tokens.push_back(std::move(tok));
}

void ConlluReader::Impl::finish(ConlluSentence& s) const {
  if (range_end != 0)
    throw MalformedRecord(range_pos, fmt::format("multiword token {}-{} is not followed by all of its "
                                                 "words (the sentence ends after word {})",
                                                 range_first, range_end, s.words.size()));
}

ConlluReader::ConlluReader(std::unique_ptr<ByteSource> src, std::string display_name,
                           const ReaderOptions& opts)
    : impl_(std::make_unique<Impl>(std::move(src), std::move(display_name), opts)) {}
ConlluReader::~ConlluReader() = default;
bool ConlluReader::next(ConlluSentence& sentence) { return impl_->next(sentence); }
const ReadStats& ConlluReader::stats() const { return impl_->stats; }

std::unique_ptr<ConlluReader> open_conllu(const std::string& path, const ReaderOptions& opts) {
  return std::make_unique<ConlluReader>(open_byte_source(path), display_name(path), opts);
}

namespace detail {
namespace {

class ConlluDocumentReader final : public Reader {
 public:
  ConlluDocumentReader(std::unique_ptr<ByteSource> src, const ReaderOptions& opts)
      : name_(src->name()), reader_(std::move(src), name_, opts) {}

  bool next(Document& doc) override {
    if (!reader_.next(s_)) return false;
    if (!s_.text.empty()) {
      doc.text = s_.text;
      doc.pos = s_.text_pos;
    } else {
      doc.text = s_.reconstructed_text();
      doc.pos = s_.pos;
    }
    if (!s_.sent_id.empty())
      doc.id = s_.sent_id;
    else
      make_line_id(doc.id, name_, s_.pos.line);
    doc.index = index_++;
    return true;
  }
  const ReadStats& stats() const override { return reader_.stats(); }

 private:
  std::string name_;
  ConlluReader reader_;
  ConlluSentence s_;
  std::uint64_t index_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_conllu_document_reader(std::unique_ptr<ByteSource> src,
                                                    const ReaderOptions& opts) {
  return std::make_unique<ConlluDocumentReader>(std::move(src), opts);
}

}  // namespace detail
}  // namespace nlp::corpora
