#include "nlp/util/arena.hpp"

#include <algorithm>
#include <cstring>

namespace nlp {

char* StringArena::allocate(std::size_t n) {
  if (blocks_.empty() || blocks_.back().size - used_ < n) {
    const std::size_t size = std::max(block_size_, n);
    blocks_.push_back({std::make_unique_for_overwrite<char[]>(size), size});
    used_ = 0;
  }
  char* p = blocks_.back().data.get() + used_;
  used_ += n;
  return p;
}

std::string_view StringArena::store(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void StringArena::clear() noexcept {
  if (blocks_.size() > 1) {
    // Keep the largest block so steady-state documents allocate nothing.
    auto largest = std::max_element(blocks_.begin(), blocks_.end(),
                                    [](const Block& a, const Block& b) { return a.size < b.size; });
    Block keep = std::move(*largest);
    blocks_.clear();
    blocks_.push_back(std::move(keep));
  }
  used_ = 0;
}

}  // namespace nlp
