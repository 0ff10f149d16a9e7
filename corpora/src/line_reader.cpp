#include "line_reader.hpp"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace nlp::corpora::detail {
namespace {

// Bytes asked of the source per read. Large blocks keep per-call costs (a virtual call, a
// system call or an inflate call) far below the per-byte work.
constexpr std::size_t kBlock = std::size_t{1} << 20;
constexpr std::size_t kInitialCapacity = std::size_t{64} << 10;

}  // namespace

LineReader::LineReader(std::unique_ptr<ByteSource> src, std::string name, const ReaderOptions& opts,
                       ReadStats& stats)
    : src_(std::move(src)), name_(std::move(name)), opts_(opts), stats_(stats) {
  if (name_.empty()) name_ = src_->name();
  if (opts_.max_record_bytes == 0) throw UsageError("max_record_bytes must be at least 1");
  cap_ = kInitialCapacity;
  buf_.reset(new char[cap_]);
}

bool LineReader::fill() {
  if (eof_) return false;
  // Move the unread bytes to the front, then make sure a whole block fits after them.
  if (beg_ != 0) {
    const std::size_t keep = end_ - beg_;
    if (keep != 0) std::memmove(buf_.get(), buf_.get() + beg_, keep);
    scanned_ -= beg_;
    end_ = keep;
    beg_ = 0;
  }
  // Small inputs stay in a small buffer; a source that keeps filling it gets bigger reads, up
  // to kBlock per read.
  const std::size_t want = std::min(kBlock, std::max(cap_ / 2, last_read_full_ ? cap_ : 0));
  if (cap_ - end_ < want) {
    const std::size_t cap = std::max(cap_ * 2, end_ + want);
    std::unique_ptr<char[]> bigger(new char[cap]);
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ = cap;
  }
  const std::size_t got = src_->read(buf_.get() + end_, cap_ - end_);
  last_read_full_ = got == cap_ - end_;
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  stats_.bytes += got;
  return true;
}

LineReader::Status LineReader::next(Line& line) {
  if (!bom_checked_) {
    while (end_ - beg_ < utf8::kBom.size() && fill()) {
    }
    if (opts_.strip_bom && end_ - beg_ >= utf8::kBom.size() &&
        std::memcmp(buf_.get() + beg_, utf8::kBom.data(), utf8::kBom.size()) == 0) {
      beg_ += utf8::kBom.size();
      offset_ += utf8::kBom.size();
    }
    scanned_ = beg_;
    bom_checked_ = true;
  }
  while (true) {
    const char* base = buf_.get();
    const auto* nl = static_cast<const char*>(std::memchr(base + scanned_, '\n', end_ - scanned_));
    std::size_t len;
    std::size_t consumed;
    if (nl != nullptr) {
      len = static_cast<std::size_t>(nl - (base + beg_));
      consumed = len + 1;
    } else if (eof_) {
      if (beg_ == end_) return Status::end;
      len = end_ - beg_;
      consumed = len;
    } else {
      scanned_ = end_;
      // Allow one byte more than the limit for a "\r" before the "\n".
      if (end_ - beg_ > opts_.max_record_bytes + 1) return skip_long_line(line);
      fill();
      continue;
    }
    line.text = std::string_view(base + beg_, len);
    line.number = ++line_number_;
    line.byte = offset_;
    ++stats_.lines;
    beg_ += consumed;
    scanned_ = beg_;
    offset_ += consumed;
    if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
    if (line.text.size() > opts_.max_record_bytes) {
      too_long_size_ = line.text.size();
      line.text = {};
      return Status::too_long;
    }
    if (opts_.invalid_utf8 == utf8::InvalidPolicy::strict) check_utf8(line);
    return Status::ok;
  }
}

LineReader::Status LineReader::skip_long_line(Line& line) {
  line.number = ++line_number_;
  line.byte = offset_;
  line.text = {};
  ++stats_.lines;
  std::uint64_t size = end_ - beg_;
  offset_ += end_ - beg_;
  beg_ = scanned_ = end_ = 0;
  while (fill()) {
    const auto* nl = static_cast<const char*>(std::memchr(buf_.get(), '\n', end_));
    if (nl != nullptr) {
      const auto k = static_cast<std::size_t>(nl - buf_.get());
      size += k;
      offset_ += k + 1;
      beg_ = scanned_ = k + 1;
      break;
    }
    size += end_;
    offset_ += end_;
    beg_ = scanned_ = end_ = 0;
  }
  too_long_size_ = size;
  return Status::too_long;
}

SourcePos LineReader::position(const Line& line, std::size_t offset) const {
  return SourcePos{name_, line.number, utf8::count_code_points(line.text.substr(0, offset)) + 1,
                   line.byte + offset};
}

std::string LineReader::too_long_message(std::uint64_t size) const {
  return fmt::format("line of {} bytes is longer than the limit of {} bytes (--max-line-bytes)",
                     size, opts_.max_record_bytes);
}

void LineReader::check_utf8(const Line& line) const {
  const std::size_t bad = utf8::find_invalid(line.text);
  if (bad == std::string_view::npos) return;
  // Show the maximal invalid subpart and, when a valid lead byte was cut short, the byte that
  // cut it ("C3 28").
  const utf8::Decoded d = utf8::decode(line.text, bad);
  const auto lead = static_cast<unsigned char>(line.text[bad]);
  std::size_t shown = d.length;
  if (lead >= 0xC2 && lead <= 0xF4 && bad + d.length < line.text.size()) ++shown;
  throw InputError(position(line, bad),
                   fmt::format("invalid UTF-8 sequence {}; rerun with --invalid-utf8=replace to "
                               "substitute U+FFFD and count replacements",
                               utf8::hex_bytes(line.text, bad, shown)));
}

void append_uint(std::string& out, std::uint64_t v) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, v);
  out.append(digits, r.ptr);
}

void make_line_id(std::string& out, const std::string& file, std::uint64_t line) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, line);
  const std::size_t prefix = file.size() + 1;
  // Consecutive documents of one file share the "<file>:" prefix; keep it when it is there.
  if (out.size() < prefix || out[file.size()] != ':' || out.compare(0, file.size(), file) != 0) {
    out.assign(file);
    out.push_back(':');
  }
  const auto n = static_cast<std::size_t>(r.ptr - digits);
  out.resize(prefix + n);
  std::memcpy(out.data() + prefix, digits, n);
}

void assign_repaired(std::string& out, std::string_view in, utf8::InvalidPolicy policy,
                     ReadStats& stats, const SourcePos& pos) {
  const std::size_t bad = utf8::find_invalid(in);
  if (bad == std::string_view::npos) {
    out.assign(in);
    return;
  }
  if (policy == utf8::InvalidPolicy::strict)
    throw InputError(pos, fmt::format("value contains invalid UTF-8 ({} at byte {} of the decoded "
                                      "value, e.g. from an escaped lone surrogate); rerun with "
                                      "--invalid-utf8=replace to substitute U+FFFD",
                                      utf8::hex_bytes(in, bad, 3), bad));
  const std::uint64_t n = utf8::repair(in, policy, out);
  if (policy == utf8::InvalidPolicy::skip)
    stats.utf8_skipped += n;
  else
    stats.utf8_replaced += n;
}

void count_skip(ReadStats& stats, const std::string& message) {
  ++stats.records_skipped;
  if (stats.skipped_examples.size() < 5) stats.skipped_examples.push_back(message);
}

}  // namespace nlp::corpora::detail
