#include "nlp/util/temp_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "nlp/error.hpp"

namespace nlp {

TempFile::TempFile(std::string path) : path_(std::move(path)) {
  f_ = std::fopen(path_.c_str(), "w+b");
  if (!f_) throw IoError::from_errno(path_, "cannot create a temporary file", errno);
}

TempFile::~TempFile() {
  if (map_) ::munmap(map_, mapped_);
  if (f_) std::fclose(f_);
  std::remove(path_.c_str());
}

void TempFile::write(const void* data, std::size_t bytes) {
  if (!f_ || !writing_) throw Error(path_ + ": a temporary file was written after it was closed for writing");
  if (bytes && std::fwrite(data, 1, bytes, f_) != bytes)
    throw IoError::from_errno(path_, "cannot write a temporary file (is the disk full?)", errno);
  bytes_ += bytes;
}

void TempFile::close() {
  if (!f_) return;
  const bool failed = std::fclose(std::exchange(f_, nullptr)) != 0;
  if (failed && writing_) throw IoError::from_errno(path_, "cannot write a temporary file (is the disk full?)", errno);
  writing_ = false;
}

void TempFile::rewind() {
  if (!f_) {
    f_ = std::fopen(path_.c_str(), "rb");
    if (!f_) throw IoError::from_errno(path_, "cannot reopen a temporary file", errno);
    return;
  }
  if (std::fflush(f_) != 0 || std::fseek(f_, 0, SEEK_SET) != 0)
    throw IoError::from_errno(path_, "cannot read back a temporary file", errno);
}

std::size_t TempFile::read(void* out, std::size_t bytes) {
  if (!f_) rewind();
  const std::size_t got = std::fread(out, 1, bytes, f_);
  if (got < bytes && std::ferror(f_)) throw IoError::from_errno(path_, "cannot read a temporary file", errno);
  return got;
}

const void* TempFile::map() {
  if (map_) return map_;
  if (bytes_ == 0) return nullptr;
  close();
  const int fd = ::open(path_.c_str(), O_RDONLY);
  if (fd < 0) throw IoError::from_errno(path_, "cannot reopen a temporary file", errno);
  void* m = ::mmap(nullptr, bytes_, PROT_READ, MAP_PRIVATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (m == MAP_FAILED) throw IoError::from_errno(path_, "cannot map a temporary file", err);
  ::madvise(m, bytes_, MADV_SEQUENTIAL);
  mapped_ = bytes_;
  return map_ = m;
}

}  // namespace nlp
