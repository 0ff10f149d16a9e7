#pragma once
// A std::allocator replacement that maps large blocks straight from the kernel (mmap) and gives
// them back on deallocation (munmap), so that memory freed while a larger structure is being
// built really leaves the process instead of waiting in malloc's free lists. Small blocks use
// operator new.
//   std::vector<Entry, nlp::PageAllocator<Entry>> rows;   // freed pages return at once
// Thread-safe (stateless). Throws std::bad_alloc when the kernel refuses.
#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace nlp {

template <typename T>
struct PageAllocator {
  using value_type = T;
  static constexpr std::size_t kMapBytes = 256 * 1024;

  PageAllocator() noexcept = default;
  template <typename U>
  PageAllocator(const PageAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kMapBytes) return static_cast<T*>(::operator new(bytes));
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kMapBytes) {
      ::operator delete(p);
      return;
    }
    ::munmap(p, bytes);
  }
  template <typename U>
  bool operator==(const PageAllocator<U>&) const noexcept { return true; }
};

}  // namespace nlp
