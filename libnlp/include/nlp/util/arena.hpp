#pragma once
// Append-only storage for strings whose views must stay valid until clear().
//   nlp::StringArena a;  std::string_view v = a.store("lowercased");
// Not thread-safe: one arena per worker. Views die at clear() or destruction. Throws
// std::bad_alloc only.
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace nlp {

class StringArena {
 public:
  explicit StringArena(std::size_t block_size = 16 * 1024) : block_size_(block_size) {}
  StringArena(StringArena&&) noexcept = default;
  StringArena& operator=(StringArena&&) noexcept = default;

  // Uninitialized room for `n` bytes.
  char* allocate(std::size_t n);
  std::string_view store(std::string_view s);
  // Forgets every string; keeps the first block for reuse.
  void clear() noexcept;

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::size_t used_ = 0;  // bytes used in blocks_.back()
  std::size_t block_size_;
};

}  // namespace nlp
