#pragma once
// An open-addressing map from terms to dense ids 0, 1, 2, ... in insertion order. Terms are
// copied once into an arena. A slot is 8 bytes (32 bits of the hash, the id), so the table of a
// whole vocabulary stays in cache; a lookup hashes the bytes, probes linearly and compares bytes
// only when the stored hash bits match, so the hot path allocates nothing.
// Not thread-safe: one table per worker. Views returned by term() live as long as the table.
#include <cstdint>
#include <string_view>
#include <vector>

#include "nlp/util/arena.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::detail {

[[gnu::always_inline]] inline std::uint64_t term_hash(std::string_view s) noexcept { return hash_bytes(s); }

class TermTable {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

  std::size_t size() const noexcept { return terms_.size(); }
  std::string_view term(std::uint32_t id) const noexcept { return terms_[id]; }
  const std::vector<std::string_view>& terms() const noexcept { return terms_; }
  // term_hash(term(id)), kept from insertion.
  std::uint64_t hash(std::uint32_t id) const noexcept { return hashes_[id]; }

  std::uint32_t find(std::string_view t) const noexcept {
    return slots_.empty() ? kAbsent : find_hashed(t, term_hash(t));
  }
  std::uint32_t find_hashed(std::string_view t, std::uint64_t h) const noexcept {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t tag = h >> 32;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return kAbsent;
      if ((s >> 32) == tag && same(static_cast<std::uint32_t>(s) - 1, t)) return static_cast<std::uint32_t>(s) - 1;
    }
  }

  // The id of `t`, adding it (with the next id) when absent; `h` is term_hash(t).
  std::uint32_t intern(std::string_view t) { return intern_hashed(t, term_hash(t)); }
  std::uint32_t intern_hashed(std::string_view t, std::uint64_t h) {
    if ((terms_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t tag = h >> 32;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t s = slots_[i];
      if (s == 0) {
        const auto id = static_cast<std::uint32_t>(terms_.size());
        slots_[i] = (tag << 32) | (id + 1);
        terms_.push_back(arena_.store(t));
        hashes_.push_back(h);
        return id;
      }
      if ((s >> 32) == tag && same(static_cast<std::uint32_t>(s) - 1, t)) return static_cast<std::uint32_t>(s) - 1;
    }
  }

 private:
  std::vector<std::uint64_t> slots_;  // hash >> 32 << 32 | (id + 1); 0 when empty
  std::size_t mask_ = 0;
  std::vector<std::string_view> terms_;
  std::vector<std::uint64_t> hashes_;
  StringArena arena_{64 * 1024};

  [[gnu::always_inline]] bool same(std::uint32_t id, std::string_view t) const noexcept {
    const std::string_view stored = terms_[id];
    return stored.size() == t.size() && equal_bytes(stored.data(), t.data(), t.size());
  }

  void grow() {
    const std::size_t cap = slots_.empty() ? 1024 : slots_.size() * 2;
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    for (std::uint32_t id = 0; id < hashes_.size(); ++id) {
      std::size_t i = hashes_[id] & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = (hashes_[id] >> 32 << 32) | (id + 1);
    }
  }
};

}  // namespace nlp::detail
