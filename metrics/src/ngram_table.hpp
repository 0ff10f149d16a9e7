#pragma once
// Per-segment counting helpers of the metrics: token interning and an n-gram counter keyed by
// exactly packed ids or code points (no hash collisions can merge two n-grams). Both are cleared
// in O(1) between segments and keep their memory, so that scoring allocates nothing per segment
// once warm. One object per thread.
#include <cstdint>
#include <string_view>
#include <vector>

#include "nlp/util/hash.hpp"

namespace nlp::metrics::detail {

// Up to 128 bits of packed ids or code points.
struct NgramKey {
  std::uint64_t a = 0, b = 0;
  bool operator==(const NgramKey&) const = default;
};

inline std::uint64_t hash_key(const NgramKey& k) noexcept { return hash_detail::mix(k.a ^ hash_detail::kSeed1, k.b ^ hash_detail::kSeed0); }

// Word n-grams of n <= 4 ids (each + 1, so that 0 marks "no word").
inline NgramKey word_key(const std::uint32_t* ids, std::size_t n) noexcept {
  NgramKey k;
  for (std::size_t j = 0; j < n; ++j) {
    const std::uint64_t v = std::uint64_t{ids[j]} + 1;
    if (j < 2)
      k.a |= v << (32 * j);
    else
      k.b |= v << (32 * (j - 2));
  }
  return k;
}

// Character n-grams of n <= 6 code points (each + 1; 21 bits each).
inline NgramKey char_key(const char32_t* cps, std::size_t n) noexcept {
  NgramKey k;
  for (std::size_t j = 0; j < n; ++j) {
    const std::uint64_t v = std::uint64_t{cps[j]} + 1;
    if (j < 3)
      k.a |= v << (21 * j);
    else
      k.b |= v << (21 * (j - 3));
  }
  return k;
}

// NgramKey -> count, open addressing; clear() forgets every key in O(1).
class NgramCounts {
 public:
  NgramCounts() { rehash(64); }

  void clear() noexcept {
    keys_.clear();
    if (++generation_ == 0) {  // wrapped: really reset
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }
  std::size_t size() const noexcept { return keys_.size(); }

  // The count of `k`, created at 0 if absent.
  std::uint32_t& operator[](const NgramKey& k) {
    if ((keys_.size() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    std::size_t i = hash_key(k) & mask_;
    while (slots_[i].generation == generation_) {
      if (slots_[i].key == k) return slots_[i].count;
      i = (i + 1) & mask_;
    }
    slots_[i] = {k, 0, generation_};
    keys_.push_back(static_cast<std::uint32_t>(i));
    return slots_[i].count;
  }
  std::uint32_t get(const NgramKey& k) const noexcept {
    std::size_t i = hash_key(k) & mask_;
    while (slots_[i].generation == generation_) {
      if (slots_[i].key == k) return slots_[i].count;
      i = (i + 1) & mask_;
    }
    return 0;
  }
  // f(key, count) for every key, in insertion order.
  template <typename F>
  void for_each(F&& f) const {
    for (const std::uint32_t i : keys_) f(slots_[i].key, slots_[i].count);
  }

 private:
  struct Slot {
    NgramKey key;
    std::uint32_t count = 0;
    std::uint32_t generation = 0;
  };
  void rehash(std::size_t capacity) {
    std::vector<Slot> old;
    std::vector<std::uint32_t> old_keys;
    old.swap(slots_);
    old_keys.swap(keys_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    const std::uint32_t old_generation = generation_;
    generation_ = 1;
    for (const std::uint32_t i : old_keys) {
      if (old[i].generation != old_generation) continue;
      (*this)[old[i].key] = old[i].count;
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> keys_;
  std::size_t mask_ = 0;
  std::uint32_t generation_ = 1;
};

// Token text -> dense id, per segment (views must outlive the next clear()).
class TokenIds {
 public:
  TokenIds() { rehash(64); }
  void clear() noexcept {
    count_ = 0;
    if (++generation_ == 0) {
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }
  // The id of `token` if it has one, else `absent`.
  std::uint32_t find(std::string_view token, std::uint32_t absent) const noexcept {
    const std::uint64_t h = hash_bytes(token);
    std::size_t i = h & mask_;
    while (slots_[i].generation == generation_) {
      if (slots_[i].hash == h && slots_[i].text == token) return slots_[i].id;
      i = (i + 1) & mask_;
    }
    return absent;
  }
  std::uint32_t size() const noexcept { return count_; }
  std::uint32_t id(std::string_view token) {
    if ((count_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    const std::uint64_t h = hash_bytes(token);
    std::size_t i = h & mask_;
    while (slots_[i].generation == generation_) {
      if (slots_[i].hash == h && slots_[i].text == token) return slots_[i].id;
      i = (i + 1) & mask_;
    }
    slots_[i] = {token, h, count_, generation_};
    return count_++;
  }

 private:
  struct Slot {
    std::string_view text;
    std::uint64_t hash = 0;
    std::uint32_t id = 0;
    std::uint32_t generation = 0;
  };
  void rehash(std::size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    const std::uint32_t old_generation = generation_;
    for (const Slot& s : old) {
      if (s.generation != old_generation) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].generation == old_generation) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::uint32_t count_ = 0;
  std::uint32_t generation_ = 1;
};

}  // namespace nlp::metrics::detail
