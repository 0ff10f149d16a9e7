#pragma once
// A std::allocator replacement that maps large blocks straight from the kernel (mmap) and gives
// them back on deallocation (munmap), so that memory freed while a larger structure is being
// built really leaves the process instead of waiting in malloc's free lists. Small blocks use
// operator new.
//   std::vector<Entry, nlp::PageAllocator<Entry>> rows;   // freed pages return at once
// Thread-safe (stateless). Throws std::bad_alloc when the kernel refuses.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>

namespace nlp {

// Huge = true also asks for transparent huge pages on blocks of kHugeBytes or more: for hash
// tables probed at random, where 4 KB pages cost a TLB miss on most probes and a fault each when
// first touched.
template <typename T, bool Huge = false>
struct PageAllocator {
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = PageAllocator<U, Huge>;
  };
  static constexpr std::size_t kMapBytes = 256 * 1024;
  static constexpr std::size_t kHugeBytes = 4 << 20;

  PageAllocator() noexcept = default;
  template <typename U>
  PageAllocator(const PageAllocator<U, Huge>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kMapBytes) return static_cast<T*>(::operator new(bytes));
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (Huge && bytes >= kHugeBytes) ::madvise(p, bytes, MADV_HUGEPAGE);
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
  bool operator==(const PageAllocator<U, Huge>&) const noexcept { return true; }
};

// Asks for transparent huge pages over the whole pages of [p, p + bytes) when the block is large
// (fewer page faults and TLB misses on big arrays filled or probed at random); a no-op otherwise.
inline void advise_huge_pages(void* p, std::size_t bytes) noexcept {
  constexpr std::uintptr_t kPage = 4096;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (end > begin && end - begin >= PageAllocator<char, true>::kHugeBytes)
    ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace nlp
