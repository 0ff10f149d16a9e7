#pragma once
// Golden files of reference tokenizers, as scripts/goldens/reference_tokenizers.py writes them:
// .esc inputs (one text per line with escapes), .tokens (a header line, then the tokens of each
// text joined by spaces) and .digest (SHA-256 and token counts per block of lines), plus the
// comparisons the golden and live tests make with them.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/utf8.hpp"
#include "nlp/tokenize/tokenizer.hpp"
#include "support/test_support.hpp"

namespace nlp::test::golden {

inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

// Texts of a .esc file (see the script's help): comments and empty lines skipped.
inline std::vector<std::string> read_escaped(const std::string& content) {
  std::vector<std::string> texts;
  for (const std::string_view line : split_lines(content)) {
    if (line.empty() || line[0] == '#') continue;
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] != '\\') {
        out.push_back(line[i++]);
        continue;
      }
      if (i + 1 >= line.size()) throw std::runtime_error("lone backslash in .esc line");
      const char e = line[i + 1];
      i += 2;
      switch (e) {
        case '\\': out.push_back('\\'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 's': out.push_back(' '); break;
        case 'e': break;
        case 'x':
        case 'u':
        case 'U': {
          const std::size_t width = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + width > line.size()) throw std::runtime_error("short escape in .esc line");
          const auto cp = static_cast<char32_t>(std::stoul(std::string(line.substr(i, width)), nullptr, 16));
          utf8::append(out, cp);
          i += width;
          break;
        }
        default:
          throw std::runtime_error(std::string("unknown escape \\") + e + " in .esc line");
      }
    }
    texts.push_back(std::move(out));
  }
  return texts;
}

// One line of a .esc file for `text` (the inverse of read_escaped for one text).
inline std::string escape_line(std::string_view text) {
  if (text.empty()) return "\\e";
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (i == 0 && c == '#') out += "\\x23";
    else out.push_back(c);
  }
  return out;
}

// The `key=value` fields of a "#nlp-golden ..." header line.
inline std::string header_field(std::string_view header, std::string_view key) {
  const std::string needle = " " + std::string(key) + "=";
  const std::size_t at = header.find(needle);
  if (at == std::string_view::npos) return {};
  const std::size_t begin = at + needle.size();
  std::size_t end = header.find(' ', begin);
  if (end == std::string_view::npos) end = header.size();
  return std::string(header.substr(begin, end - begin));
}

// Tokens of one text joined by single spaces, as in a .tokens file.
inline std::string join_tokens(const TokenBuffer& buf) {
  std::string line;
  for (std::size_t i = 0; i < buf.tokens.size(); ++i) {
    if (i) line.push_back(' ');
    line.append(buf.tokens[i].text);
  }
  return line;
}

// Whether a token may differ from the input it spans (e.g. NLTK's `` for ").
using RewriteCheck = bool (*)(std::string_view token, std::string_view original);

// Empty when every span slices `text` (offset by `base`) to its token, or to characters the
// tokenizer may rewrite into it (`rewritten`), and spans are in order; else a description of the
// first violation.
inline std::string span_violation(std::string_view text, std::uint64_t base, const TokenBuffer& buf,
                                  RewriteCheck rewritten = nullptr) {
  std::uint64_t prev_end = base;
  for (const Token& t : buf.tokens) {
    if (t.source.begin < prev_end || t.source.end < t.source.begin || t.source.end > base + text.size())
      return "span [" + std::to_string(t.source.begin) + ", " + std::to_string(t.source.end) +
             ") of token '" + std::string(t.text) + "' is out of order or out of range";
    const std::string_view src = text.substr(t.source.begin - base, t.source.size());
    if (src != t.text && !(rewritten && rewritten(t.text, src)))
      return "token '" + std::string(t.text) + "' has span text '" + std::string(src) + "'";
    prev_end = t.source.end;
  }
  return {};
}

// SHA-256 (FIPS 180-4), to compare against the digests the script writes.
class Sha256 {
 public:
  Sha256() { reset(); }
  void reset() {
    h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    length_ = 0;
    used_ = 0;
  }
  void update(std::string_view data) {
    length_ += data.size();
    std::size_t i = 0;
    if (used_) {
      const std::size_t take = std::min(data.size(), 64 - used_);
      std::memcpy(block_.data() + used_, data.data(), take);
      used_ += take;
      i = take;
      if (used_ < 64) return;
      compress(block_.data());
      used_ = 0;
    }
    for (; i + 64 <= data.size(); i += 64) compress(reinterpret_cast<const unsigned char*>(data.data() + i));
    std::memcpy(block_.data(), data.data() + i, data.size() - i);
    used_ = data.size() - i;
  }
  std::string hex() {
    const std::uint64_t bits = length_ * 8;
    const unsigned char pad80 = 0x80;
    update(std::string_view(reinterpret_cast<const char*>(&pad80), 1));
    const char zero[64] = {};
    update(std::string_view(zero, (used_ <= 56 ? 56 - used_ : 120 - used_)));
    unsigned char len[8];
    for (int k = 0; k < 8; ++k) len[k] = static_cast<unsigned char>(bits >> (56 - 8 * k));
    update(std::string_view(reinterpret_cast<const char*>(len), 8));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (const std::uint32_t w : h_)
      for (int k = 28; k >= 0; k -= 4) out.push_back(kHex[(w >> k) & 0xF]);
    reset();
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void compress(const unsigned char* p) {
    static constexpr std::array<std::uint32_t, 64> kK = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::array<std::uint32_t, 64> w{};
    for (std::size_t t = 0; t < 16; ++t)
      w[t] = (std::uint32_t{p[4 * t]} << 24) | (std::uint32_t{p[4 * t + 1]} << 16) |
             (std::uint32_t{p[4 * t + 2]} << 8) | std::uint32_t{p[4 * t + 3]};
    for (std::size_t t = 16; t < 64; ++t) {
      const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (std::size_t t = 0; t < 64; ++t) {
      const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kK[t] + w[t];
      const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
  }

  std::array<std::uint32_t, 8> h_{};
  std::array<unsigned char, 64> block_{};
  std::uint64_t length_ = 0;
  std::size_t used_ = 0;
};

inline std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.hex();
}

// Texts of a CoNLL-U file: the "# text = " comment lines.
inline std::vector<std::string> conllu_texts(const std::string& content) {
  std::vector<std::string> texts;
  constexpr std::string_view kPrefix = "# text = ";
  for (const std::string_view line : split_lines(content))
    if (line.substr(0, kPrefix.size()) == kPrefix) texts.emplace_back(line.substr(kPrefix.size()));
  return texts;
}


// Compares `tok` on `texts` with a .tokens file (header line first). With `expected_name`, the
// header's tokenizer field must equal it; with `input_sha256`, its input_sha256 field. Returns
// the number of texts that differ in tokens or spans, and reports the first one.
inline std::size_t compare_tokens_file(const Tokenizer& tok, const std::vector<std::string>& texts,
                                       const std::filesystem::path& path, RewriteCheck rewritten,
                                       std::string_view expected_name = {},
                                       const std::string& input_sha256 = {}) {
  const std::string content = read_file(path);
  const std::vector<std::string_view> lines = split_lines(content);
  REQUIRE(!lines.empty());
  INFO(path.filename().string() << ": " << lines[0]);
  if (!expected_name.empty()) REQUIRE(header_field(lines[0], "tokenizer") == expected_name);
  REQUIRE(header_field(lines[0], "texts") == std::to_string(texts.size()));
  if (!input_sha256.empty()) REQUIRE(header_field(lines[0], "input_sha256") == input_sha256);
  REQUIRE(lines.size() == texts.size() + 1);
  TokenBuffer buf;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    buf.clear();
    tok.tokenize(texts[i], 1000, buf);
    const std::string got = join_tokens(buf);
    const std::string violation = span_violation(texts[i], 1000, buf, rewritten);
    if (got == lines[i + 1] && violation.empty()) continue;
    if (differ++ == 0) {
      UNSCOPED_INFO(path.filename().string()
                    << ": first difference at text " << i + 1 << ": [" << texts[i] << "]\n  reference: "
                    << lines[i + 1] << "\n  ours:      " << got << "\n  spans: " << violation);
    }
  }
  return differ;
}

// Tokenizes every line of `lines` and compares per-block SHA-256 digests and token counts with a
// .digest golden; names the first block that differs.
inline void check_digest_golden(const Tokenizer& tok, const std::vector<std::string_view>& lines,
                                const std::filesystem::path& path, std::string_view expected_name,
                                const std::string& input_sha256, RewriteCheck rewritten) {
  const std::string content = read_file(path);
  const std::vector<std::string_view> golden = split_lines(content);
  REQUIRE(golden.size() >= 2);
  INFO(path.filename().string() << ": " << golden[0]);
  REQUIRE(header_field(golden[0], "tokenizer") == expected_name);
  REQUIRE(header_field(golden[0], "texts") == std::to_string(lines.size()));
  REQUIRE(header_field(golden[0], "input_sha256") == input_sha256);

  TokenBuffer buf;
  Sha256 whole, block;
  std::string out;
  std::uint64_t total_tokens = 0;
  std::size_t next = 0, bad_spans = 0, blocks_checked = 0;
  std::string first_bad_span;
  for (std::size_t g = 1; g + 1 < golden.size(); ++g) {
    std::istringstream row{std::string(golden[g])};
    std::size_t first = 0, count = 0;
    std::uint64_t tokens = 0;
    std::string digest;
    row >> first >> count >> tokens >> digest;
    REQUIRE(first == next + 1);
    REQUIRE(next + count <= lines.size());
    std::uint64_t block_tokens = 0;
    for (std::size_t i = next; i < next + count; ++i) {
      buf.clear();
      tok.tokenize(lines[i], 0, buf);
      const std::string violation = span_violation(lines[i], 0, buf, rewritten);
      if (!violation.empty() && bad_spans++ == 0)
        first_bad_span = "line " + std::to_string(i + 1) + ": " + violation;
      out = join_tokens(buf);
      out.push_back('\n');
      block_tokens += buf.tokens.size();
      block.update(out);
      whole.update(out);
    }
    const std::string got = block.hex();
    if (got != digest || block_tokens != tokens) {
      FAIL("lines " << first << "-" << first + count - 1 << " differ from the reference (tokens "
                    << block_tokens << " vs " << tokens << "); compare them with "
                    << "scripts/goldens/reference_tokenizers.py --tokens on those lines");
    }
    total_tokens += block_tokens;
    next += count;
    ++blocks_checked;
  }
  REQUIRE(next == lines.size());
  std::istringstream last{std::string(golden.back())};
  std::string all;
  std::size_t count = 0;
  std::uint64_t tokens = 0;
  std::string digest;
  last >> all >> count >> tokens >> digest;
  REQUIRE(all == "all");
  CHECK(count == lines.size());
  CHECK(tokens == total_tokens);
  CHECK(whole.hex() == digest);
  INFO(first_bad_span);
  CHECK(bad_spans == 0);
  CHECK(blocks_checked > 0);
}

// A corpus of ../shared/data decompressed and split into lines, once per process; skips the
// test when the shared data is absent.
struct LineCorpus {
  std::string content;
  std::vector<std::string_view> lines;
  std::string sha256;
};
inline const LineCorpus& eltec_english() {
  static const LineCorpus c = [] {
    const auto data = shared_data();
    if (!data) skip("../shared/data is absent");
    LineCorpus out;
    out.content = read_xz(*data / "corpora" / "en" / "eltec-eng.txt.xz");
    out.lines = split_lines(out.content);
    out.sha256 = sha256_hex(out.content);
    return out;
  }();
  return c;
}

// The texts the live parity tests send to a reference tool when ../shared/data is present: the
// UD English-EWT test sentences, the first 2000 ELTeC lines and every 100th line after them.
inline std::vector<std::string> live_sample() {
  std::vector<std::string> sample;
  if (const auto data = shared_data()) {
    sample = conllu_texts(read_file(*data / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu"));
    const std::string eltec = read_xz(*data / "corpora" / "en" / "eltec-eng.txt.xz");
    const std::vector<std::string_view> lines = split_lines(eltec);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (i < 2000 || i % 100 == 0) sample.emplace_back(lines[i]);
  }
  return sample;
}

// `count` texts, each a concatenation of up to `max_pieces - 1` pieces drawn from `pieces` by a
// fixed linear congruential generator seeded with `seed` (same texts on every platform).
inline std::vector<std::string> random_texts(const std::vector<std::string_view>& pieces, std::size_t count,
                                             std::uint64_t seed, std::uint64_t max_pieces) {
  std::uint64_t state = seed;
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return state >> 33;
  };
  std::vector<std::string> texts;
  texts.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string text;
    for (std::uint64_t k = next() % max_pieces; k > 0; --k) text += pieces[next() % pieces.size()];
    texts.push_back(std::move(text));
  }
  return texts;
}

// Writes `texts` one per line (none may contain a newline).
inline void write_lines(const std::filesystem::path& path, const std::vector<std::string>& texts) {
  std::string content;
  for (const std::string& t : texts) {
    REQUIRE(t.find('\n') == std::string::npos);
    content += t;
    content += '\n';
  }
  write_file(path, content);
}

// Runs scripts/goldens/reference_tokenizers.py --tool TOOL --tokens on `inputs` into `out_dir`.
inline RunResult run_reference(const std::string& tool, const std::filesystem::path& out_dir,
                               const std::vector<std::filesystem::path>& inputs) {
  std::string cmd = "/usr/bin/python3 " +
                    shell_quote((source_dir() / "scripts" / "goldens" / "reference_tokenizers.py").string()) +
                    " --tool " + tool + " --tokens --out-dir " + shell_quote(out_dir.string());
  for (const auto& p : inputs) cmd += " " + shell_quote(p.string());
  return run(cmd);
}

}  // namespace nlp::test::golden
