#include "nlp/corpora/byte_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <new>

#include <fmt/format.h>

#include "nlp/error.hpp"

namespace nlp::corpora {
namespace {

// A file descriptor read with read(2): a regular file, a pipe, standard input.
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  std::size_t read(char* buf, std::size_t n) override {
    while (true) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno == EINTR) continue;
      throw IoError::from_errno(name_, "cannot read", errno);
    }
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  int fd_;
  bool owned_;
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string name) : bytes_(std::move(bytes)), name_(std::move(name)) {}
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    if (k != 0) std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
  std::string name_;
};

// Serves a few bytes already read from `raw` (while sniffing for gzip), then `raw` itself.
class PrefixSource final : public ByteSource {
 public:
  PrefixSource(std::unique_ptr<ByteSource> raw, std::string prefix)
      : raw_(std::move(raw)), prefix_(std::move(prefix)) {}
  std::size_t read(char* buf, std::size_t n) override {
    if (pos_ < prefix_.size()) {
      const std::size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return raw_->read(buf, n);
  }
  const std::string& name() const noexcept override { return raw_->name(); }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string prefix_;
  std::size_t pos_ = 0;
};

// Inflates gzip members one after another. Positions in errors are compressed byte offsets.
class GzipSource final : public ByteSource {
 public:
  static constexpr std::size_t kInputBlock = 256 * 1024;

  GzipSource(std::unique_ptr<ByteSource> raw, std::string prefix)
      : raw_(std::move(raw)), in_(new char[kInputBlock]) {
    std::memcpy(in_.get(), prefix.data(), prefix.size());
    zs_.next_in = reinterpret_cast<Bytef*>(in_.get());
    zs_.avail_in = static_cast<uInt>(prefix.size());
    // 16 + MAX_WBITS: expect a gzip header and trailer (CRC-32 and length are checked).
    const int rc = inflateInit2(&zs_, 16 + MAX_WBITS);
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK) throw Error(raw_->name() + ": cannot initialize zlib: " + zError(rc));
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  const std::string& name() const noexcept override { return raw_->name(); }
  bool decompressing() const noexcept override { return true; }

  std::size_t read(char* buf, std::size_t n) override {
    if (finished_) return 0;
    // zlib counts in uInt; a huge request is served in parts.
    const auto want = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = want;
    while (zs_.avail_out == want) {
      if (between_members_) {
        if (!start_next_member()) break;
        continue;
      }
      if (zs_.avail_in == 0 && !raw_eof_) refill();
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        between_members_ = true;
      } else if (rc == Z_BUF_ERROR) {
        // No progress possible (avail_out > 0 here): more input is needed.
        if (zs_.avail_in != 0) fail("zlib made no progress");
        if (raw_eof_) fail("gzip stream is truncated: the file ends inside a member");
        refill();
      } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
        fail(fmt::format("corrupt gzip data ({})", zs_.msg ? zs_.msg : "invalid data"));
      } else if (rc == Z_MEM_ERROR) {
        throw std::bad_alloc();
      } else if (rc != Z_OK) {
        fail(fmt::format("zlib error {}", rc));
      }
    }
    return want - zs_.avail_out;
  }

 private:
  std::uint64_t compressed_offset() const {
    return in_base_ + static_cast<std::uint64_t>(reinterpret_cast<const char*>(zs_.next_in) - in_.get());
  }

  [[noreturn]] void fail(const std::string& what) const {
    const std::uint64_t at = compressed_offset();
    throw InputError(SourcePos{raw_->name(), 0, 0, at},
                     fmt::format("{} at compressed byte {}; the file is damaged or incomplete "
                                 "(check it with gzip -t)", what, at));
  }

  // Keeps the unread input, appends more from `raw_`.
  void refill() {
    const std::size_t keep = zs_.avail_in;
    const std::size_t used = static_cast<std::size_t>(reinterpret_cast<char*>(zs_.next_in) - in_.get());
    in_base_ += used;
    if (keep != 0) std::memmove(in_.get(), zs_.next_in, keep);
    const std::size_t got = raw_->read(in_.get() + keep, kInputBlock - keep);
    if (got == 0) raw_eof_ = true;
    zs_.next_in = reinterpret_cast<Bytef*>(in_.get());
    zs_.avail_in = static_cast<uInt>(keep + got);
  }

  // After a member ended: starts the next member, ignores trailing zero padding (as gzip does),
  // or finishes. Returns false when the stream is finished.
  bool start_next_member() {
    while (zs_.avail_in < 2 && !raw_eof_) refill();
    if (zs_.avail_in == 0) {
      finished_ = true;
      return false;
    }
    const auto* p = zs_.next_in;
    if (zs_.avail_in >= 2 && p[0] == 0x1F && p[1] == 0x8B) {
      if (inflateReset(&zs_) != Z_OK) fail("cannot restart zlib");
      between_members_ = false;
      return true;
    }
    if (p[0] == 0) {
      // Zero padding (tape blocks): everything left must be zero.
      while (true) {
        while (zs_.avail_in != 0) {
          if (*zs_.next_in != 0) fail("unexpected non-zero byte in the padding after the last gzip member");
          ++zs_.next_in;
          --zs_.avail_in;
        }
        if (raw_eof_) break;
        refill();
      }
      finished_ = true;
      return false;
    }
    fail("unexpected data after a gzip member (not another gzip member)");
  }

  std::unique_ptr<ByteSource> raw_;
  std::unique_ptr<char[]> in_;
  z_stream zs_{};
  std::uint64_t in_base_ = 0;  // compressed offset of in_[0]
  bool raw_eof_ = false;
  bool between_members_ = false;
  bool finished_ = false;
};

}  // namespace

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::unique_ptr<ByteSource> decompress_if_gzip(std::unique_ptr<ByteSource> raw) {
  char head[2];
  std::size_t have = 0;
  while (have < 2) {
    const std::size_t got = raw->read(head + have, 2 - have);
    if (got == 0) break;
    have += got;
  }
  std::string prefix(head, have);
  if (have == 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
      static_cast<unsigned char>(head[1]) == 0x8B)
    return std::make_unique<GzipSource>(std::move(raw), std::move(prefix));
  return std::make_unique<PrefixSource>(std::move(raw), std::move(prefix));
}

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
  std::unique_ptr<ByteSource> raw;
  int fd;
  if (path == "-") {
    fd = STDIN_FILENO;
  } else {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError::from_errno(path, "cannot open", errno);
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (path != "-") ::close(fd);
    throw IoError::from_errno(display_name(path), "cannot read", EISDIR);
  }
  if (path != "-") {
#ifdef POSIX_FADV_SEQUENTIAL
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  raw = std::make_unique<FdSource>(fd, path != "-", display_name(path));
  return decompress_if_gzip(std::move(raw));
}

std::unique_ptr<ByteSource> memory_byte_source(std::string bytes, std::string name) {
  return decompress_if_gzip(std::make_unique<MemorySource>(std::move(bytes), std::move(name)));
}

std::string gzip_compress(std::string_view data, int level) {
  z_stream zs{};
  if (level < 1 || level > 9 ||
      deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw UsageError(fmt::format("gzip compression level must be 1 to 9, not {}", level));
  std::string out;
  char block[64 * 1024];
  std::size_t pos = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    const std::size_t chunk = std::min<std::size_t>(data.size() - pos, 1u << 30);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
    zs.avail_in = static_cast<uInt>(chunk);
    const int flush = pos + chunk == data.size() ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(block);
      zs.avail_out = sizeof block;
      rc = deflate(&zs, flush);
      if (rc == Z_STREAM_ERROR) {
        deflateEnd(&zs);
        throw Error("gzip compression failed");
      }
      out.append(block, sizeof block - zs.avail_out);
    } while (zs.avail_out == 0);
    pos += chunk;
  }
  deflateEnd(&zs);
  return out;
}

}  // namespace nlp::corpora
