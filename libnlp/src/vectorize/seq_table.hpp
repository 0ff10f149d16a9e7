#pragma once
// An open-addressing map from sequences of up to four word ids (a word n-gram, n <= 4) to dense
// ids 0, 1, 2, ... in insertion order. Keys are 16 bytes of integers, so a lookup hashes and
// compares two 64-bit words and never touches the words' text.
//   SeqTable t;  WordSeq k = WordSeq::of({7, 42});  std::uint32_t id = t.intern(k);
// Not thread-safe: one table per worker; a moved-from table must be assigned before use.
#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "nlp/util/hash.hpp"
#include "util/page_allocator.hpp"

namespace nlp::detail {

// Word ids w[0..n), then kNone.
struct WordSeq {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static constexpr std::size_t kMax = 4;
  std::array<std::uint32_t, kMax> w{kNone, kNone, kNone, kNone};

  static WordSeq of(std::initializer_list<std::uint32_t> ids) {
    WordSeq s;
    std::copy(ids.begin(), ids.end(), s.w.begin());
    return s;
  }
  std::size_t size() const noexcept {
    std::size_t n = 0;
    while (n < kMax && w[n] != kNone) ++n;
    return n;
  }
  std::uint64_t lo() const noexcept { return w[0] | (std::uint64_t{w[1]} << 32); }
  std::uint64_t hi() const noexcept { return w[2] | (std::uint64_t{w[3]} << 32); }
  std::uint64_t hash() const noexcept {
    return hash_detail::mix(lo() ^ hash_detail::kSeed1, hi() ^ hash_detail::kSeed0);
  }
  bool operator==(const WordSeq& o) const noexcept { return lo() == o.lo() && hi() == o.hi(); }
};

class SeqTable {
 public:
  std::size_t size() const noexcept { return keys_.size(); }
  const WordSeq& key(std::uint32_t id) const noexcept { return keys_[id]; }
  // Forgets every key, keeping the slots' capacity.
  void clear() noexcept {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    keys_.clear();
  }

  // The id of `k` (whose hash is `h`), adding it when absent. A slot holds the first two words,
  // so that n-grams of up to two words are found without reading their keys.
  [[gnu::always_inline]] std::uint32_t intern(const WordSeq& k, std::uint64_t h) {
    const bool pair = k.w[2] == WordSeq::kNone;
    const std::uint32_t tag = (static_cast<std::uint32_t>(h >> 32) & ~1u) | (pair ? 1u : 0u);
    const std::uint64_t lo = k.lo();
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id1 == 0) return add(i, tag, k);
      if (s.lo == lo && s.tag == tag && (pair || keys_[s.id1 - 1].hi() == k.hi())) return s.id1 - 1;
    }
  }
  std::uint32_t intern(const WordSeq& k) { return intern(k, k.hash()); }
  // Starts loading the slot where a lookup of hash `h` begins (lookups of many keys issued
  // ahead of time overlap their cache misses).
  void prefetch(std::uint64_t h) const noexcept { __builtin_prefetch(&slots_[h & mask_]); }

 private:
  struct Slot {
    std::uint64_t lo = 0;   // words 1-2
    std::uint32_t tag = 0;  // 31 bits of the hash, then 1 when the key has at most two words
    std::uint32_t id1 = 0;  // id + 1; 0 when the slot is empty
  };
  static constexpr std::size_t kFirstSlots = 1024;
  // At most half full, so a probe always ends.
  // Large tables are mapped pages, given back to the system when freed.
  std::vector<Slot, PageAllocator<Slot, true>> slots_ = std::vector<Slot, PageAllocator<Slot, true>>(kFirstSlots);
  std::size_t mask_ = kFirstSlots - 1;
  std::vector<WordSeq, PageAllocator<WordSeq>> keys_;

  std::uint32_t add(std::size_t slot, std::uint32_t tag, const WordSeq& k) {
    const auto id = static_cast<std::uint32_t>(keys_.size());
    slots_[slot] = Slot{k.lo(), tag, id + 1};
    keys_.push_back(k);
    if (keys_.size() * 2 > slots_.size()) grow();
    return id;
  }

  void grow() {
    const std::size_t cap = slots_.size() * 2;
    std::vector<Slot, PageAllocator<Slot, true>> old = std::move(slots_);
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.id1 == 0) continue;
      std::size_t i = keys_[s.id1 - 1].hash() & mask_;
      while (slots_[i].id1 != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
};

}  // namespace nlp::detail
