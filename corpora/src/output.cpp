#include "nlp/corpora/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "nlp/error.hpp"

namespace nlp::corpora {
namespace {

// Makes a rename durable: fsync the directory holding `path` (best effort where unsupported).
void sync_parent_dir(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    const int err = errno;
    ::close(fd);
    throw IoError::from_errno(dir, "cannot sync directory", err);
  }
  ::close(fd);
}

}  // namespace

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path_.empty()) throw UsageError("output path is empty; use - for standard output");
  if (is_stdout()) {
    f_ = stdout;
    return;
  }
  // A device, FIFO or socket (/dev/null, /dev/stdout, a named pipe) is written in place: renaming
  // a temporary file over it would replace the device itself.
  struct stat st {};
  direct_ = ::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
  tmp_ = direct_ ? path_ : path_ + ".tmp." + std::to_string(::getpid());
  const int fd = direct_ ? ::open(path_.c_str(), O_WRONLY | O_CLOEXEC)
                         : ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw IoError::from_errno(tmp_, "cannot create", errno);
  f_ = ::fdopen(fd, "wb");
  if (f_ == nullptr) {
    const int err = errno;
    ::close(fd);
    if (!direct_) ::unlink(tmp_.c_str());
    throw IoError::from_errno(tmp_, "cannot open", err);
  }
  std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
}

OutputFile::~OutputFile() {
  if (is_stdout()) {
    std::fflush(stdout);
    return;
  }
  if (f_ != nullptr) std::fclose(f_);
  if (!committed_ && !direct_) ::unlink(tmp_.c_str());
}

void OutputFile::write(std::string_view data) {
  if (committed_ || f_ == nullptr) throw IoError(path_ + ": write after commit");
  if (data.empty()) return;
  if (std::fwrite(data.data(), 1, data.size(), f_) != data.size())
    throw IoError::from_errno(is_stdout() ? "<stdout>" : tmp_, "cannot write", errno);
}

void OutputFile::overwrite(std::uint64_t offset, std::string_view data) {
  if (committed_ || f_ == nullptr) throw IoError(path_ + ": write after commit");
  if (!can_overwrite()) throw UsageError(path_ + ": cannot rewrite the start of a stream; write to a regular file");
  if (std::fflush(f_) != 0) throw IoError::from_errno(tmp_, "cannot write", errno);
  const long end = std::ftell(f_);
  if (end < 0 || std::fseek(f_, static_cast<long>(offset), SEEK_SET) != 0 ||
      std::fwrite(data.data(), 1, data.size(), f_) != data.size() || std::fflush(f_) != 0 ||
      std::fseek(f_, end, SEEK_SET) != 0)
    throw IoError::from_errno(tmp_, "cannot rewrite", errno);
}

void OutputFile::commit() {
  if (committed_) return;
  if (is_stdout()) {
    if (std::fflush(stdout) != 0) throw IoError::from_errno("<stdout>", "cannot write", errno);
    committed_ = true;
    return;
  }
  if (f_ == nullptr) throw IoError(path_ + ": commit after a failed commit");
  if (std::fflush(f_) != 0) throw IoError::from_errno(tmp_, "cannot write", errno);
  if (::fsync(::fileno(f_)) != 0 && errno != EINVAL) throw IoError::from_errno(tmp_, "cannot sync", errno);
  std::FILE* f = f_;
  f_ = nullptr;
  if (std::fclose(f) != 0) throw IoError::from_errno(tmp_, "cannot close", errno);
  if (direct_) {
    committed_ = true;
    return;
  }
  if (::rename(tmp_.c_str(), path_.c_str()) != 0)
    throw IoError::from_errno(path_, "cannot rename " + tmp_ + " to it", errno);
  committed_ = true;
  sync_parent_dir(path_);
}

}  // namespace nlp::corpora
