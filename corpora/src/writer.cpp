#include "nlp/corpora/writer.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "line_reader.hpp"
#include "nlp/error.hpp"

namespace nlp::corpora {
namespace {

constexpr std::string_view kSpaceSign = "\u2581";    // ▁ for a space inside a token
constexpr std::string_view kTabSign = "\u2192";      // → for a tab
constexpr std::string_view kNewlineSign = "\u21B5";  // ↵ for a line feed or carriage return

// Appends `s` with the whitespace that would break a space-separated line made visible:
// `spaces` also replaces ' ' (tokens), not only tabs and line breaks (ids, forms).
void append_visible(std::string& out, std::string_view s, bool spaces) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    std::string_view sign;
    if (c == '\t') sign = kTabSign;
    else if (c == '\n' || c == '\r') sign = kNewlineSign;
    else if (c == ' ' && spaces) sign = kSpaceSign;
    else continue;
    out.append(s.data() + run, i - run);
    out.append(sign);
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

// Copies n bytes from src to dst and tells whether one of them is <= 0x20 (whitespace or a
// control character). Short tokens dominate, so this uses a few overlapping word-sized moves
// instead of a memcpy call and a byte loop; every read stays inside [src, src + n).
inline bool copy_and_check(char* dst, const char* src, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto low64 = [](std::uint64_t w) { return ((w - 0x21 * kOnes) & ~w & kHigh) != 0; };
  auto low32 = [](std::uint32_t w) {
    return ((w - 0x21212121u) & ~w & 0x80808080u) != 0;
  };
  if (n >= 8) {
    bool low = false;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, src + i, 8);
      std::memcpy(dst + i, &w, 8);
      low |= low64(w);
    }
    if (i < n) {
      std::uint64_t w;
      std::memcpy(&w, src + n - 8, 8);
      std::memcpy(dst + n - 8, &w, 8);
      low |= low64(w);
    }
    return low;
  }
  if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    std::memcpy(dst, &a, 4);
    std::memcpy(dst + n - 4, &b, 4);
    return low32(a) || low32(b);
  }
  if (n == 0) return false;
  const auto c0 = static_cast<unsigned char>(src[0]), c1 = static_cast<unsigned char>(src[n / 2]),
             c2 = static_cast<unsigned char>(src[n - 1]);
  dst[0] = static_cast<char>(c0);
  dst[n / 2] = static_cast<char>(c1);
  dst[n - 1] = static_cast<char>(c2);
  return c0 <= 0x20 || c1 <= 0x20 || c2 <= 0x20;
}

void append_tokens(std::string& out, std::span<const Token> tokens) {
  // Nearly no token holds a byte <= 0x20: copy everything into room made once, and redo the
  // record with escapes only when a token does.
  std::size_t total = tokens.empty() ? 0 : tokens.size() - 1;
  for (const Token& t : tokens) total += t.text.size();
  const std::size_t start = out.size();
  out.resize(start + total);
  char* p = out.data() + start;
  bool low = false;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (k) *p++ = ' ';
    const std::string_view t = tokens[k].text;
    low |= copy_and_check(p, t.data(), t.size());
    p += t.size();
  }
  if (!low) return;
  out.resize(start);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (k) out.push_back(' ');
    append_visible(out, tokens[k].text, true);
  }
}

// RFC 4180: quote a field holding a separator, a quote or a line break; double inner quotes.
void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// A comment value must stay on one line.
void append_one_line(std::string& out, std::string_view s) {
  for (const char c : s) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
}

class TextWriter final : public TokenWriter {
 public:
  void format(const Document&, std::span<const Token> tokens, std::string& out) const override {
    append_tokens(out, tokens);
    out.push_back('\n');
  }
};

class JsonlWriter final : public TokenWriter {
 public:
  void format(const Document& doc, std::span<const Token> tokens, std::string& out) const override {
    out += "{\"id\": ";
    append_json_string(out, doc.id);
    out += ", \"tokens\": [";
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (k) out += ", ";
      append_json_string(out, tokens[k].text);
    }
    out += "], \"spans\": [";
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (k) out += ", ";
      out.push_back('[');
      detail::append_uint(out, tokens[k].source.begin);
      out += ", ";
      detail::append_uint(out, tokens[k].source.end);
      out.push_back(']');
    }
    out += "]}\n";
  }
};

class TsvWriter final : public TokenWriter {
 public:
  void format(const Document& doc, std::span<const Token> tokens, std::string& out) const override {
    append_visible(out, doc.id, false);
    out.push_back('\t');
    append_tokens(out, tokens);
    out.push_back('\n');
  }
  void header(std::string& out) const override { out += "id\ttokens\n"; }
};

class CsvWriter final : public TokenWriter {
 public:
  void format(const Document& doc, std::span<const Token> tokens, std::string& out) const override {
    append_csv_field(out, doc.id);
    out.push_back(',');
    const std::size_t start = out.size();
    append_tokens(out, tokens);  // line breaks are already made visible
    if (out.find_first_of(",\"", start) != std::string::npos) {
      const std::string joined = out.substr(start);
      out.resize(start);
      append_csv_field(out, joined);
    }
    out.push_back('\n');
  }
  void header(std::string& out) const override { out += "id,tokens\n"; }
};

class ConlluWriter final : public TokenWriter {
 public:
  void format(const Document& doc, std::span<const Token> tokens, std::string& out) const override {
    if (!doc.id.empty()) {
      out += "# sent_id = ";
      append_one_line(out, doc.id);
      out.push_back('\n');
    }
    out += "# text = ";
    append_one_line(out, doc.text);
    out.push_back('\n');
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      detail::append_uint(out, k + 1);
      out.push_back('\t');
      if (tokens[k].text.empty())
        out.push_back('_');
      else
        append_visible(out, tokens[k].text, false);  // a tab or line break would break the line
      out += "\t_\t_\t_\t_\t_\t_\t_\t";
      // No space after a token whose span touches (or overlaps) the next one.
      const bool glued = k + 1 < tokens.size() && tokens[k + 1].source.begin <= tokens[k].source.end;
      out += glued ? "SpaceAfter=No\n" : "_\n";
    }
    out.push_back('\n');
  }
};

}  // namespace

std::unique_ptr<TokenWriter> make_token_writer(OutputFormat format) {
  switch (format) {
    case OutputFormat::text: return std::make_unique<TextWriter>();
    case OutputFormat::jsonl: return std::make_unique<JsonlWriter>();
    case OutputFormat::tsv: return std::make_unique<TsvWriter>();
    case OutputFormat::csv: return std::make_unique<CsvWriter>();
    case OutputFormat::conllu: return std::make_unique<ConlluWriter>();
  }
  throw UsageError("unknown output format");
}

OutputFormat parse_output_format(const std::string& name) {
  for (const OutputFormat f : {OutputFormat::text, OutputFormat::jsonl, OutputFormat::tsv,
                               OutputFormat::csv, OutputFormat::conllu})
    if (name == to_string(f)) return f;
  throw UsageError(fmt::format("unknown output format \"{}\"; expected text, jsonl, tsv, csv or conllu",
                               name));
}

const char* to_string(OutputFormat f) {
  switch (f) {
    case OutputFormat::text: return "text";
    case OutputFormat::jsonl: return "jsonl";
    case OutputFormat::tsv: return "tsv";
    case OutputFormat::csv: return "csv";
    case OutputFormat::conllu: return "conllu";
  }
  return "?";
}

}  // namespace nlp::corpora
