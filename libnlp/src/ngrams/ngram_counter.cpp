// Exact n-gram counting. A word n-gram's key is its words, each preceded by its byte length as a
// LEB128 varint, so that no choice of separator can make two n-grams collide; a character
// n-gram's key is its UTF-8 text.
#include "nlp/ngrams/ngram_counter.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "nlp/error.hpp"

namespace nlp::ngrams {
namespace {

void put_varint(std::string& out, std::size_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::size_t get_varint(std::string_view s, std::size_t& pos) {
  std::size_t v = 0;
  for (int shift = 0; pos < s.size(); shift += 7) {
    const auto b = static_cast<unsigned char>(s[pos++]);
    v |= static_cast<std::size_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
  }
  return v;
}

bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

NgramCounter::NgramCounter(NgramOptions opts) : opts_(opts) {
  if (opts_.min_n < 1 || opts_.max_n < opts_.min_n)
    throw UsageError(fmt::format("n-gram sizes must satisfy 1 <= min <= max, got {} and {}", opts_.min_n, opts_.max_n));
  if (opts_.max_n > 0xFFFF) throw UsageError(fmt::format("n-gram size {} is too large (at most 65535)", opts_.max_n));
}

void NgramCounter::append_key(std::span<const std::string_view> words, std::string& key) const {
  for (const auto w : words) {
    put_varint(key, w.size());
    key.append(w);
  }
}

void NgramCounter::bump(std::string_view key, std::uint32_t n) {
  auto it = counts_.find(key);
  if (it == counts_.end()) {
    it = counts_.emplace(std::string(key), Stats{0, 0, n}).first;
    entry_bytes_ += entry_bytes(it->first);
  }
  ++it->second.count;
  if (seen_.insert(it->first).second) ++it->second.df;
}

void NgramCounter::add_document(std::span<const std::string_view> words) {
  ++documents_;
  seen_.clear();
  std::string key;
  if (opts_.unit == NgramUnit::kWord) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t n = opts_.min_n; n <= opts_.max_n && i + n <= words.size(); ++n) {
        key.clear();
        append_key(words.subspan(i, n), key);
        bump(key, static_cast<std::uint32_t>(n));
      }
    }
    return;
  }
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) text.push_back(' ');
    text.append(words[i]);
  }
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (is_lead(text[i])) starts.push_back(i);
  starts.push_back(text.size());
  const std::size_t chars = starts.size() - 1;
  for (std::size_t i = 0; i < chars; ++i)
    for (std::size_t n = opts_.min_n; n <= opts_.max_n && i + n <= chars; ++n)
      bump(std::string_view(text).substr(starts[i], starts[i + n] - starts[i]), static_cast<std::uint32_t>(n));
}

void NgramCounter::merge(const NgramCounter& other) {
  if (other.opts_.unit != opts_.unit) throw UsageError("cannot merge word and character n-gram counts");
  for (const auto& [k, s] : other.counts_) {
    auto [it, inserted] = counts_.try_emplace(k, Stats{0, 0, s.n});
    if (inserted) entry_bytes_ += entry_bytes(k);
    it->second.count += s.count;
    it->second.df += s.df;
  }
  documents_ += other.documents_;
  error_bound_ += other.error_bound_;
  prunes_ += other.prunes_;
}

void NgramCounter::clear() {
  seen_.clear();
  counts_.clear();
  documents_ = 0;
  entry_bytes_ = 0;
  min_reduce_ = 1;
  error_bound_ = 0;
  prunes_ = 0;
}

std::size_t NgramCounter::entry_bytes(std::string_view key) noexcept {
  return sizeof(std::string) + sizeof(Stats) + 2 * sizeof(void*) + (key.size() > 15 ? key.size() + 1 : 0);
}

std::uint64_t NgramCounter::prune_to(std::size_t target_bytes) {
  seen_.clear();  // views into entries that may go
  std::uint64_t threshold = 0;
  while (bytes_used() > target_bytes && !counts_.empty()) {
    threshold = std::max(threshold + 1, min_reduce_);
    for (auto it = counts_.begin(); it != counts_.end();) {
      if (it->second.count <= threshold) {
        entry_bytes_ -= entry_bytes(it->first);
        it = counts_.erase(it);
      } else {
        ++it;
      }
    }
  }
  if (threshold == 0) return 0;
  // The next prune starts where this one stopped: what survived this threshold once is likely
  // to survive it again, and each prune costs a pass over the table.
  min_reduce_ = threshold;
  error_bound_ += threshold;
  ++prunes_;
  counts_.rehash(0);
  return threshold;
}

std::size_t NgramCounter::bytes_used() const noexcept {
  return counts_.bucket_count() * sizeof(void*) + entry_bytes_;
}

std::uint64_t NgramCounter::count(std::span<const std::string_view> words) const {
  std::string key;
  if (opts_.unit == NgramUnit::kWord) append_key(words, key);
  else for (const auto w : words) key.append(w);
  const auto it = counts_.find(std::string_view(key));
  return it == counts_.end() ? 0 : it->second.count;
}

std::uint64_t NgramCounter::df(std::span<const std::string_view> words) const {
  std::string key;
  if (opts_.unit == NgramUnit::kWord) append_key(words, key);
  else for (const auto w : words) key.append(w);
  const auto it = counts_.find(std::string_view(key));
  return it == counts_.end() ? 0 : it->second.df;
}

std::string NgramCounter::display(const NgramEntry& e) const {
  if (opts_.unit == NgramUnit::kChar) return std::string(e.key);
  std::string out;
  std::size_t pos = 0;
  while (pos < e.key.size()) {
    const std::size_t len = get_varint(e.key, pos);
    if (!out.empty()) out.push_back(' ');
    out.append(e.key.substr(pos, len));
    pos += len;
  }
  return out;
}

std::vector<NgramEntry> NgramCounter::top(const TopOptions& opts) const {
  struct Item {
    NgramEntry e;
    std::string text;
  };
  std::vector<Item> items;
  for (const auto& [k, s] : counts_) {
    if (s.count < opts.min_count || s.df < opts.min_df) continue;
    Item it{{k, s.n, s.count, s.df}, {}};
    it.text = display(it.e);
    items.push_back(std::move(it));
  }
  const bool by_df = opts.order == NgramOrder::kDocumentFrequency;
  const auto better = [by_df](const Item& a, const Item& b) {
    const auto a1 = by_df ? a.e.df : a.e.count, b1 = by_df ? b.e.df : b.e.count;
    if (a1 != b1) return a1 > b1;
    const auto a2 = by_df ? a.e.count : a.e.df, b2 = by_df ? b.e.count : b.e.df;
    if (a2 != b2) return a2 > b2;
    return a.text < b.text;
  };
  if (opts.top && opts.top < items.size()) {
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(opts.top), items.end(), better);
    items.resize(opts.top);
  } else {
    std::sort(items.begin(), items.end(), better);
  }
  std::vector<NgramEntry> out;
  out.reserve(items.size());
  for (const auto& it : items) out.push_back(it.e);
  return out;
}

}  // namespace nlp::ngrams
