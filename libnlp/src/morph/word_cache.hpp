#pragma once
// A bounded map from words to strings (stems, lemmas) for the morphology caches: open
// addressing over one byte buffer, so a hit is one hash and one compare and a miss allocates
// nothing but buffer growth. It remembers the first `capacity` keys it is given and never
// evicts: word frequencies are Zipfian, so the frequent words arrive early.
// Views returned stay valid until the next insert().
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nlp::morph {

class WordCache {
 public:
  explicit WordCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<std::string_view> find(std::string_view key) const noexcept {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = hash(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key_len == kEmpty) return std::nullopt;
      if (s.hash == h && s.key_len == key.size() && std::string_view(bytes_).substr(s.offset, s.key_len) == key)
        return std::string_view(bytes_).substr(s.offset + s.key_len, s.value_len);
    }
  }

  // Stores key -> value unless the cache is full or the pair is too long to be worth keeping;
  // returns `value` or the stored copy.
  std::string_view insert(std::string_view key, std::string_view value) {
    if (count_ >= capacity_ || key.size() > kMaxBytes || value.size() > kMaxBytes) return value;
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const Slot slot{hash(key), static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(key.size()),
                    static_cast<std::uint32_t>(value.size())};
    bytes_.append(key).append(value);
    place(slot);
    ++count_;
    return std::string_view(bytes_).substr(slot.offset + slot.key_len, slot.value_len);
  }

  std::size_t size() const noexcept { return count_; }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  static constexpr std::size_t kMaxBytes = 64;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0, key_len = kEmpty, value_len = 0;
  };

  static std::uint64_t hash(std::string_view s) noexcept {
    std::uint64_t h = 14695981039346656037u;  // FNV-1a
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211u;
    return h ^ (h >> 29);
  }
  void place(const Slot& slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slot.hash & mask;
    while (slots_[i].key_len != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 1024 : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.key_len != kEmpty) place(s);
  }

  std::size_t capacity_, count_ = 0;
  std::string bytes_;
  std::vector<Slot> slots_;
};

}  // namespace nlp::morph
