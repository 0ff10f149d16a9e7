#pragma once
// An open-addressing map from terms to dense ids 0, 1, 2, ... in insertion order. Terms are
// copied once into an arena. A slot is 8 bytes (24 bits of the hash and the length, the id), so
// the table of a whole vocabulary stays in cache; a term of up to 16 bytes (nearly every word)
// is then compared as its two key words, kept per id, and a longer one with its stored text.
// Probing is linear; the hot path allocates nothing and calls nothing.
//   TermTable t;  std::uint32_t id = t.intern("word");  t.find("word") == id;
// padded_probe(t) is probe(t), computed with fewer instructions, for a term whose first 16 bytes
// may be read even when it is shorter (a view into a padded buffer).
// Not thread-safe: one table per worker. Views returned by term() live as long as the table; a
// moved-from table must be assigned before use.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "nlp/util/arena.hpp"
#include "nlp/util/hash.hpp"
#include "util/page_allocator.hpp"

namespace nlp::detail {

class TermTable {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

  // A term with its key words (terms of up to 16 bytes) and hash, computed once per lookup.
  struct Probe {
    std::string_view term;
    KeyWords words;
    std::uint64_t hash;
  };
  [[gnu::always_inline]] static Probe probe(std::string_view t) noexcept {
    if (t.size() > 16) return {t, {}, hash_bytes(t)};
    const KeyWords w = key_words(t.data(), t.size());
    return {t, w, hash_key_words(w, t.size())};
  }
  [[gnu::always_inline]] static Probe padded_probe(std::string_view t) noexcept {
    if (t.size() > 16) return {t, {}, hash_bytes(t)};
    const KeyWords w = padded_key_words(t.data(), t.size());
    return {t, w, hash_key_words(w, t.size())};
  }

  std::size_t size() const noexcept { return terms_.size(); }
  std::string_view term(std::uint32_t id) const noexcept { return terms_[id]; }
  const std::vector<std::string_view>& terms() const noexcept { return terms_; }
  // hash_bytes(term(id)), kept from insertion.
  std::uint64_t hash(std::uint32_t id) const noexcept { return hashes_[id]; }
  // probe(term(id)) without hashing again.
  Probe stored_probe(std::uint32_t id) const noexcept { return {terms_[id], words_[id], hashes_[id]}; }
  // The first 8 bytes of term(id), zero-extended, as a big-endian number: numbers compare as
  // the terms' first 8 bytes do.
  std::uint64_t sort_prefix(std::uint32_t id) const noexcept {
    const std::string_view t = terms_[id];
    const std::uint64_t w = t.size() > 16 ? hash_detail::load64(t.data()) : words_[id].a;
    return __builtin_bswap64(w);
  }
  // Forgets every term, keeping the slots' capacity (a table reused for a similar batch does
  // not grow again).
  void clear() noexcept {
    std::fill(slots_.begin(), slots_.end(), 0);
    terms_.clear();
    words_.clear();
    hashes_.clear();
    arena_.clear();
  }
  // Gives up the table, keeping only its strings: the views of term() stay valid as long as
  // the returned arena lives.
  StringArena take_strings() && {
    StringArena out = std::move(arena_);
    *this = TermTable();
    return out;
  }

  std::uint32_t find(std::string_view t) const noexcept { return find(probe(t)); }
  [[gnu::always_inline]] std::uint32_t find(const Probe& p) const noexcept {
    const std::uint32_t tag = tag_of(p);
    for (std::size_t i = p.hash & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return kAbsent;
      if (static_cast<std::uint32_t>(s >> 32) == tag && same(static_cast<std::uint32_t>(s) - 1, p))
        return static_cast<std::uint32_t>(s) - 1;
    }
  }

  // Starts loading the slot where a lookup of hash `h` begins (lookups of many terms issued
  // ahead of time overlap their cache misses).
  void prefetch(std::uint64_t h) const noexcept { __builtin_prefetch(&slots_[h & mask_]); }

  // The id of the term, adding it (with the next id) when absent.
  std::uint32_t intern(std::string_view t) { return intern(probe(t)); }
  [[gnu::always_inline]] std::uint32_t intern(const Probe& p) {
    const std::uint32_t tag = tag_of(p);
    for (std::size_t i = p.hash & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return add(i, tag, p);
      if (static_cast<std::uint32_t>(s >> 32) == tag && same(static_cast<std::uint32_t>(s) - 1, p))
        return static_cast<std::uint32_t>(s) - 1;
    }
  }

 private:
  // tag << 32 | (id + 1), 0 when empty; at most half full, so a probe always ends.
  // Large tables are mapped pages, given back to the system when freed.
  std::vector<std::uint64_t, PageAllocator<std::uint64_t, true>> slots_ =
      std::vector<std::uint64_t, PageAllocator<std::uint64_t, true>>(kFirstSlots, 0);
  std::size_t mask_ = kFirstSlots - 1;
  static constexpr std::size_t kFirstSlots = 1024;
  std::vector<std::string_view> terms_;
  std::vector<KeyWords, PageAllocator<KeyWords>> words_;  // per id; zero for terms longer than 16 bytes
  std::vector<std::uint64_t, PageAllocator<std::uint64_t>> hashes_;
  StringArena arena_{64 * 1024};

  // 24 bits of the hash above the length (255 for 255 bytes or more).
  static std::uint32_t tag_of(const Probe& p) noexcept {
    const std::size_t n = p.term.size();
    return static_cast<std::uint32_t>((p.hash >> 32) & 0xFFFFFF00u) | static_cast<std::uint32_t>(n < 255 ? n : 255);
  }

  [[gnu::always_inline]] bool same(std::uint32_t id, const Probe& p) const noexcept {
    if (p.term.size() <= 16) return words_[id] == p.words;
    const std::string_view stored = terms_[id];
    return stored.size() == p.term.size() && equal_bytes(stored.data(), p.term.data(), stored.size());
  }

  std::uint32_t add(std::size_t slot, std::uint32_t tag, const Probe& p) {
    const auto id = static_cast<std::uint32_t>(terms_.size());
    slots_[slot] = (std::uint64_t{tag} << 32) | (id + 1);
    terms_.push_back(arena_.store(p.term));
    words_.push_back(p.words);
    hashes_.push_back(p.hash);
    if (terms_.size() * 2 > slots_.size()) grow();
    return id;
  }

  void grow() {
    const std::size_t cap = slots_.size() * 2;
    std::vector<std::uint64_t, PageAllocator<std::uint64_t, true>> old = std::move(slots_);
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    for (const std::uint64_t s : old) {
      if (s == 0) continue;
      std::size_t i = hashes_[static_cast<std::uint32_t>(s) - 1] & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
};

}  // namespace nlp::detail
