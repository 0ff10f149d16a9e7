#pragma once
// An open-addressing map from terms to dense ids 0, 1, 2, ... in insertion order. Terms are
// copied once into an arena; a lookup hashes the bytes, probes linearly and compares bytes only
// when the stored 64-bit hash matches, so the hot path allocates nothing.
// Not thread-safe: one table per worker. Views returned by term() live as long as the table.
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "nlp/util/arena.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::detail {

inline std::uint64_t term_hash(std::string_view s) noexcept { return hash_bytes(s); }

class TermTable {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

  std::size_t size() const noexcept { return terms_.size(); }
  std::string_view term(std::uint32_t id) const noexcept { return terms_[id]; }
  const std::vector<std::string_view>& terms() const noexcept { return terms_; }

  std::uint32_t find(std::string_view t) const noexcept {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t h = term_hash(t);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kAbsent) return kAbsent;
      if (s.hash == h && terms_[s.id] == t) return s.id;
    }
  }

  // The id of `t`, adding it (with the next id) when absent.
  std::uint32_t intern(std::string_view t) {
    if ((terms_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t h = term_hash(t);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id == kAbsent) {
        s.hash = h;
        s.id = static_cast<std::uint32_t>(terms_.size());
        terms_.push_back(arena_.store(t));
        return s.id;
      }
      if (s.hash == h && terms_[s.id] == t) return s.id;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kAbsent;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::vector<std::string_view> terms_;
  StringArena arena_{64 * 1024};

  void grow() {
    const std::size_t cap = slots_.empty() ? 1024 : slots_.size() * 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.id == kAbsent) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].id != kAbsent) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
};

}  // namespace nlp::detail
