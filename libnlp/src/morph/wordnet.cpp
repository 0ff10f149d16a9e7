// WordNet 3.0 index and exception lists; NLTK's morphy (nltk/corpus/reader/wordnet.py, 3.8).
#include "morph/wordnet.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "nlp/error.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::morph {

namespace {

constexpr std::string_view kDefaultDir = "/usr/share/wordnet";
constexpr std::string_view kInstallHint =
    "install the Debian package wordnet-base (apt-get install wordnet-base), or set "
    "--wordnet-dir (LemmatizerOptions::wordnet_dir) or NLP_WORDNET_DIR to a WordNet 3.0 dict folder";

// Bits of Entry::pos_mask.
constexpr std::uint8_t pos_bit(char pos) noexcept {
  switch (pos) {
    case 'n': return 1;
    case 'v': return 2;
    case 'a': return 4;
    case 'r': return 8;
    case 's': return 16;
    default: return 0;
  }
}

// Which exception list a part of speech reads: NLTK gives 's' the adjective list.
constexpr int exception_slot(char pos) noexcept {
  switch (pos) {
    case 'n': return 0;
    case 'v': return 1;
    case 'a':
    case 's': return 2;
    case 'r': return 3;
    default: return -1;
  }
}

// Endings a detachment rule puts back. A form during morphy is a prefix of the word plus one
// of these, so no rule application copies the word.
constexpr std::string_view kEndings[] = {"", "s", "f", "x", "z", "ch", "sh", "man", "y", "e"};

struct Rule {
  std::string_view old_ending;
  std::uint8_t new_ending;  // index into kEndings
};

// NLTK's MORPHOLOGICAL_SUBSTITUTIONS, in its order (the order decides which of two equally
// short lemmas is returned).
constexpr Rule kNounRules[] = {{"s", 0},   {"ses", 1},  {"ves", 2},  {"xes", 3}, {"zes", 4},
                               {"ches", 5}, {"shes", 6}, {"men", 7}, {"ies", 8}};
constexpr Rule kVerbRules[] = {{"s", 0},  {"ies", 8}, {"es", 9},  {"es", 0},
                               {"ed", 9}, {"ed", 0},  {"ing", 9}, {"ing", 0}};
constexpr Rule kAdjRules[] = {{"er", 0}, {"est", 0}, {"er", 9}, {"est", 9}};

struct RuleSet {
  const Rule* begin;
  const Rule* end;
};

constexpr RuleSet rules_for(char pos) noexcept {
  switch (pos) {
    case 'n': return {std::begin(kNounRules), std::end(kNounRules)};
    case 'v': return {std::begin(kVerbRules), std::end(kVerbRules)};
    case 'a':
    case 's': return {std::begin(kAdjRules), std::end(kAdjRules)};
    default: return {nullptr, nullptr};
  }
}

// A rule whose ending is shorter than the replaced ending of a form it matches would leave a
// remainder that is not in kEndings. With NLTK's tables that never happens; checked here.
constexpr bool endings_closed(const Rule* b, const Rule* e) {
  for (const Rule* r = b; r != e; ++r) {
    for (const Rule* s = b; s != e; ++s) {
      const std::string_view ending = kEndings[s->new_ending];
      if (r->old_ending.size() < ending.size() &&
          ending.substr(ending.size() - r->old_ending.size()) == r->old_ending)
        return false;
    }
  }
  return true;
}
static_assert(endings_closed(std::begin(kNounRules), std::end(kNounRules)));
static_assert(endings_closed(std::begin(kVerbRules), std::end(kVerbRules)));
static_assert(endings_closed(std::begin(kAdjRules), std::end(kAdjRules)));

[[gnu::always_inline]] inline bool same(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && equal_bytes(a.data(), b.data(), a.size());
}

// Blocked Bloom filter: one 64-bit word per key, three bits in it.
constexpr std::size_t kBloomWords = std::size_t{1} << 15;  // 256 KiB
std::uint64_t bloom_bits(std::uint64_t h) noexcept {
  return (std::uint64_t{1} << ((h >> 46) & 63)) | (std::uint64_t{1} << ((h >> 52) & 63)) |
         (std::uint64_t{1} << ((h >> 58) & 63));
}
std::size_t bloom_word(std::uint64_t h) noexcept { return (h >> 31) & (kBloomWords - 1); }

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Splits a line on whitespace, as Python's str.split() does for ASCII text.
void split_fields(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
}

bool parse_count(std::string_view s, std::uint64_t& value) {
  if (s.empty() || s.size() > 9) return false;
  value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (!std::filesystem::exists(path))
      throw Error("WordNet file " + path + " not found; " + std::string(kInstallHint));
    throw IoError::from_errno(path, "cannot open", err);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError::from_errno(path, "read failed", errno);
  return std::move(ss).str();
}

[[noreturn]] void corrupt(const std::string& path, std::size_t line, const std::string& what) {
  throw FormatError(path + ":" + std::to_string(line) + ": " + what +
                    "; the file looks truncated or corrupt (reinstall the Debian package "
                    "wordnet-base)");
}

void check_field_lengths(const std::string& path, std::size_t line,
                         const std::vector<std::string_view>& fields) {
  for (const std::string_view f : fields)
    if (f.size() > 0xffff)
      corrupt(path, line, "a field of " + std::to_string(f.size()) + " bytes (at most 65535 expected)");
}

}  // namespace

bool WordNet::valid_pos(char pos) noexcept { return pos_bit(pos) != 0; }

std::string WordNet::resolve_dir(const std::string& dir) {
  if (!dir.empty()) return dir;
  if (const char* env = std::getenv("NLP_WORDNET_DIR"); env != nullptr && *env != '\0')
    return env;
  return std::string(kDefaultDir);
}

namespace {
// One loaded T per resolved folder while anyone holds it: every lemmatizer and clone over the
// same WordNet files shares one copy.
template <class T>
std::shared_ptr<const T> open_shared(const std::string& resolved) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const T>> loaded;
  const std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(resolved); it != loaded.end())
    if (auto held = it->second.lock()) return held;
  auto made = std::make_shared<const T>(resolved);
  loaded[resolved] = made;
  return made;
}
}  // namespace

std::shared_ptr<const WordNet> WordNet::open(const std::string& dir) {
  return open_shared<WordNet>(resolve_dir(dir));
}

WordNet::WordNet(const std::string& dir) : dir_(dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec))
    throw Error("WordNet folder " + dir_ + " not found; " + std::string(kInstallHint));
  const std::string base = dir_ + (dir_.back() == '/' ? "" : "/");
  const char* kIndex[] = {"index.noun", "index.verb", "index.adj", "index.adv"};
  const char* kExc[] = {"noun.exc", "verb.exc", "adj.exc", "adv.exc"};
  std::string index[4], exc[4];
  for (int i = 0; i < 4; ++i) index[i] = read_whole(base + kIndex[i]);
  for (int i = 0; i < 4; ++i) exc[i] = read_whole(base + kExc[i]);
  // The table never grows: an upper bound on the number of keys (a lemma per index line, a
  // key per exception word) sizes it to at most 2/3 full.
  std::size_t bound = 0, bytes = 0;
  for (const std::string& d : index) {
    bound += static_cast<std::size_t>(std::count(d.begin(), d.end(), '\n'));
    bytes += d.size() / 4;
  }
  for (const std::string& d : exc) {
    bool in_word = false;
    for (char c : d) {
      if (!is_space(c) && !in_word) ++bound;
      in_word = !is_space(c);
    }
    bytes += d.size();
  }
  std::size_t capacity = 1024;
  while (capacity * 2 < bound * 3) capacity *= 2;
  entries_.assign(capacity, Entry{});
  text_.reserve(bytes);
  bloom_.assign(kBloomWords, 0);
  const char kPos[] = {'n', 'v', 'a', 'r'};
  for (int i = 0; i < 4; ++i) load_index(base + kIndex[i], index[i], kPos[i]);
  for (int i = 0; i < 4; ++i) load_exceptions(base + kExc[i], exc[i], i);
}

bool WordNet::same_key(const Entry& e, std::string_view k) const noexcept {
  if (e.length != k.size()) return false;
  if (k.size() <= sizeof e.head) return equal_bytes(e.head, k.data(), k.size());
  return equal_bytes(e.head, k.data(), sizeof e.head) &&
         equal_bytes(text_.data() + e.offset + sizeof e.head, k.data() + sizeof e.head,
                    k.size() - sizeof e.head);
}

bool WordNet::maybe_present(std::uint64_t h) const noexcept {
  const std::uint64_t bits = bloom_bits(h);
  return (bloom_[bloom_word(h)] & bits) == bits;
}

void WordNet::prefetch(std::uint64_t h) const noexcept {
  __builtin_prefetch(&entries_[static_cast<std::uint32_t>(h) & (entries_.size() - 1)]);
}

std::uint32_t WordNet::find(std::string_view k, std::uint64_t h) const noexcept {
  const auto h32 = static_cast<std::uint32_t>(h);
  const std::size_t mask = entries_.size() - 1;
  for (std::size_t i = h32 & mask;; i = (i + 1) & mask) {
    const Entry& e = entries_[i];
    if (e.flags == 0) return kNone;  // an empty slot (a used one has kUsed)
    if (e.hash == h32 && same_key(e, k)) return static_cast<std::uint32_t>(i);
  }
}

std::uint32_t WordNet::find(std::string_view k) const noexcept {
  const std::uint64_t h = hash_bytes(k);
  return maybe_present(h) ? find(k, h) : kNone;
}

std::uint32_t WordNet::intern(std::string_view k) {
  const std::uint64_t h = hash_bytes(k);
  const auto h32 = static_cast<std::uint32_t>(h);
  const std::size_t mask = entries_.size() - 1;
  std::size_t i = h32 & mask;
  for (;; i = (i + 1) & mask) {
    const Entry& e = entries_[i];
    if (e.flags == 0) break;
    if (e.hash == h32 && same_key(e, k)) return static_cast<std::uint32_t>(i);
  }
  Entry& e = entries_[i];  // the constructor's bound guarantees a free slot
  e.hash = h32;
  e.offset = static_cast<std::uint32_t>(text_.size());
  e.length = static_cast<std::uint16_t>(k.size());  // the loaders reject longer fields
  e.flags = kUsed;
  std::memcpy(e.head, k.data(), std::min(k.size(), sizeof e.head));
  text_.append(k);
  bloom_[bloom_word(h)] |= bloom_bits(h);
  ++used_;
  if (k.size() > max_key_length_) max_key_length_ = k.size();
  return static_cast<std::uint32_t>(i);
}

std::uint32_t WordNet::exception_list(std::uint32_t entry, int slot) const noexcept {
  if ((entries_[entry].flags & (1u << slot)) == 0) return 0;
  const auto it = exc_lists_.find(std::uint64_t{entry} * 4 + static_cast<std::uint64_t>(slot));
  return it == exc_lists_.end() ? 0 : it->second + 1;
}

// index.<pos> (wndb(5WN)): "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
// tagsense_cnt synset_offset..." per line; the license text at the top starts with spaces.
// NLTK keys the lemma by the pos field of the line, and an 'a' lemma is an 's' lemma too.
void WordNet::load_index(const std::string& path, const std::string& data, char file_pos) {
  std::vector<std::string_view> f;
  std::size_t line_no = 0, begin = 0, lines_read = 0;
  while (begin < data.size()) {
    ++line_no;
    std::size_t end = data.find('\n', begin);
    if (end == std::string::npos) corrupt(path, line_no, "the last line has no newline");
    const std::string_view line(data.data() + begin, end - begin);
    begin = end + 1;
    if (!line.empty() && line[0] == ' ') continue;
    split_fields(line, f);
    check_field_lengths(path, line_no, f);
    if (f.size() < 6)
      corrupt(path, line_no, "expected at least 6 fields, found " + std::to_string(f.size()));
    if (f[1].size() != 1 || !valid_pos(f[1][0]))
      corrupt(path, line_no, "expected a part of speech (n, v, a, s or r), found '" +
                                 std::string(f[1]) + "'");
    std::uint64_t synsets = 0, pointers = 0, senses = 0, tagged = 0;
    if (!parse_count(f[2], synsets) || synsets == 0)
      corrupt(path, line_no, "expected a synset count > 0, found '" + std::string(f[2]) + "'");
    if (!parse_count(f[3], pointers))
      corrupt(path, line_no, "expected a pointer count, found '" + std::string(f[3]) + "'");
    const std::size_t sense_field = 4 + pointers;
    const std::size_t needed = sense_field + 2 + synsets;
    if (f.size() < needed)
      corrupt(path, line_no, "expected " + std::to_string(needed) + " fields, found " +
                                 std::to_string(f.size()));
    if (!parse_count(f[sense_field], senses) || senses != synsets)
      corrupt(path, line_no, "expected a sense count equal to the synset count (" +
                                 std::to_string(synsets) + "), found '" +
                                 std::string(f[sense_field]) + "'");
    if (!parse_count(f[sense_field + 1], tagged))
      corrupt(path, line_no, "expected a tagged sense count, found '" +
                                 std::string(f[sense_field + 1]) + "'");
    for (std::size_t k = sense_field + 2; k < needed; ++k) {
      std::uint64_t offset = 0;
      if (f[k].size() != 8 || !parse_count(f[k].substr(0, 4), offset) ||
          !parse_count(f[k].substr(4), offset))
        corrupt(path, line_no,
                "expected an 8-digit synset offset, found '" + std::string(f[k]) + "'");
    }
    Entry& e = entries_[intern(f[0])];
    const char pos = f[1][0];
    if ((e.pos_mask & (pos_bit('n') | pos_bit('v') | pos_bit('a') | pos_bit('r'))) == 0)
      ++lemma_count_;
    e.pos_mask = static_cast<std::uint8_t>(e.pos_mask | pos_bit(pos) |
                                           (pos == 'a' ? pos_bit('s') : 0));
    ++lines_read;
  }
  if (lines_read == 0)
    corrupt(path, line_no + 1, std::string("expected lemma lines for part of speech '") +
                                   file_pos + "', found none");
}

// <pos>.exc: "form base_form..." per line; a later line for the same form replaces an earlier
// one, as in NLTK's dict.
void WordNet::load_exceptions(const std::string& path, const std::string& data, int slot) {
  std::vector<std::string_view> f;
  std::vector<std::uint32_t> bases;
  std::size_t line_no = 0, begin = 0;
  while (begin < data.size()) {
    ++line_no;
    std::size_t end = data.find('\n', begin);
    if (end == std::string::npos) corrupt(path, line_no, "the last line has no newline");
    const std::string_view line(data.data() + begin, end - begin);
    begin = end + 1;
    split_fields(line, f);
    check_field_lengths(path, line_no, f);
    if (f.empty()) corrupt(path, line_no, "expected a word form and its base forms, found an empty line");
    bases.clear();
    for (std::size_t k = 1; k < f.size(); ++k) bases.push_back(intern(f[k]));
    const std::uint32_t form = intern(f[0]);
    entries_[form].flags = static_cast<std::uint8_t>(entries_[form].flags | (1u << slot));
    exc_lists_[std::uint64_t{form} * 4 + static_cast<std::uint64_t>(slot)] =
        static_cast<std::uint32_t>(exc_pool_.size());
    exc_pool_.push_back(static_cast<std::uint32_t>(bases.size()));
    exc_pool_.insert(exc_pool_.end(), bases.begin(), bases.end());
  }
}

bool WordNet::has_lemma(std::string_view lemma, char pos) const noexcept {
  if (lemma.size() > max_key_length_) return false;
  const std::uint32_t i = find(lemma);
  return i != kNone && (entries_[i].pos_mask & pos_bit(pos)) != 0;
}

std::optional<std::vector<std::string_view>> WordNet::exceptions(std::string_view form,
                                                                 char pos) const {
  const int slot = exception_slot(pos);
  if (slot < 0 || form.size() > max_key_length_) return std::nullopt;
  const std::uint32_t i = find(form);
  const std::uint32_t list = i == kNone ? 0 : exception_list(i, slot);
  if (list == 0) return std::nullopt;
  std::vector<std::string_view> out;
  const std::uint32_t at = list - 1;
  for (std::uint32_t k = 0; k < exc_pool_[at]; ++k) out.push_back(key(entries_[exc_pool_[at + 1 + k]]));
  return out;
}

// NLTK's _morphy: (0) a word in the exception list gives [word] + its base forms, filtered;
// (1) otherwise the word and the rules applied once, filtered; (2) if nothing remains, the
// rules applied again to the previous round's forms until some survive or no rule applies.
// "Filtered" keeps the candidates that are lemmas of `pos`. NLTK does not remove duplicate
// forms between rounds; removing them changes nothing but the time (a later duplicate yields
// the same forms again), and keeps long words with repeated endings linear.
template <class Found>
void WordNet::run_morphy(std::string_view word, char pos, MorphyScratch& scratch,
                         Found&& found) const {
  const int slot = exception_slot(pos);
  if (slot < 0) return;  // not a WordNet part of speech: no lemma
  const std::uint8_t bit = pos_bit(pos);
  const RuleSet rules = rules_for(pos);
  using Form = MorphyScratch::Form;
  auto ends_with = [&](const Form& form, std::string_view old_ending) {
    const std::string_view ending = kEndings[form.suffix];
    if (old_ending.size() <= ending.size())
      return same(ending.substr(ending.size() - old_ending.size()), old_ending);
    const std::size_t from_word = old_ending.size() - ending.size();
    return same(old_ending.substr(from_word), ending) && form.prefix >= from_word &&
           same(word.substr(form.prefix - from_word, from_word), old_ending.substr(0, from_word));
  };
  auto add = [&](std::vector<Form>& forms, Form form) {
    const std::string_view ending = kEndings[form.suffix];
    if (form.suffix != 0 && form.prefix + ending.size() <= word.size() &&
        same(word.substr(form.prefix, ending.size()), ending))
      form = Form{static_cast<std::uint32_t>(form.prefix + ending.size()), 0};
    for (const Form& f : forms)
      if (f.prefix == form.prefix && f.suffix == form.suffix) return;
    forms.push_back(form);
  };
  auto apply_rules = [&](const std::vector<Form>& in, std::vector<Form>& out) {
    for (const Form& form : in) {
      const std::string_view ending = kEndings[form.suffix];
      if (form.prefix == 0 && ending.empty()) continue;
      const char last = ending.empty() ? word[form.prefix - 1] : ending.back();
      for (const Rule* r = rules.begin; r != rules.end; ++r) {
        if (r->old_ending.back() != last || !ends_with(form, r->old_ending)) continue;
        // endings_closed() guarantees that the rule's ending covers the form's whole ending.
        add(out, Form{static_cast<std::uint32_t>(form.prefix + ending.size() -
                                                 r->old_ending.size()),
                      r->new_ending});
      }
    }
  };
  // A round's candidates are hashed and their table slots prefetched first, so that their
  // cache misses overlap, then looked up.
  std::vector<std::uint64_t>& hashes = scratch.hashes;
  std::vector<std::uint8_t>& live = scratch.live;
  std::vector<std::uint32_t>& offsets = scratch.offsets;
  std::string& buffer = scratch.buffer;
  auto text_of = [&](const std::vector<Form>& forms, std::size_t k) {
    const Form& form = forms[k];
    if (form.suffix == 0) return word.substr(0, form.prefix);
    return std::string_view(buffer).substr(offsets[k], form.prefix + kEndings[form.suffix].size());
  };
  auto prepare = [&](const std::vector<Form>& forms) {
    hashes.resize(forms.size());
    live.resize(forms.size());
    offsets.resize(forms.size());
    buffer.clear();
    for (std::size_t k = 0; k < forms.size(); ++k) {
      const Form& form = forms[k];
      live[k] = 0;
      const std::string_view ending = kEndings[form.suffix];
      if (form.prefix + ending.size() > max_key_length_) continue;
      if (form.suffix != 0) {
        offsets[k] = static_cast<std::uint32_t>(buffer.size());
        buffer.append(word.data(), form.prefix);
        buffer.append(ending);
      }
      const std::uint64_t h = hash_bytes(text_of(forms, k));
      if (!maybe_present(h)) continue;
      hashes[k] = h;
      live[k] = 1;
      prefetch(h);
    }
  };
  auto lookup = [&](const std::vector<Form>& forms, std::size_t k) {
    return live[k] == 0 ? kNone : find(text_of(forms, k), hashes[k]);
  };
  auto filter = [&](const std::vector<Form>& forms, std::size_t first) {
    bool any = false;
    for (std::size_t k = first; k < forms.size(); ++k) {
      const std::uint32_t i = lookup(forms, k);
      if (i != kNone && (entries_[i].pos_mask & bit) != 0) {
        found(i);
        any = true;
      }
    }
    return any;
  };

  // Fast path: no rule can apply to the word, so morphy only looks the word itself up.
  bool any_rule = false;
  if (!word.empty())
    for (const Rule* r = rules.begin; r != rules.end; ++r) any_rule |= r->old_ending.back() == word.back();
  if (!any_rule) {
    if (word.size() > max_key_length_) return;
    const std::uint32_t self = find(word);
    if (self == kNone) return;
    if (const std::uint32_t exc = exception_list(self, slot); exc != 0) {
      if ((entries_[self].pos_mask & bit) != 0) found(self);
      for (std::uint32_t k = 0; k < exc_pool_[exc - 1]; ++k) {
        const std::uint32_t base = exc_pool_[exc + k];
        if ((entries_[base].pos_mask & bit) != 0) found(base);
      }
    } else if ((entries_[self].pos_mask & bit) != 0) {
      found(self);
    }
    return;
  }

  std::vector<Form>& forms = scratch.forms;
  std::vector<Form>& next = scratch.next;
  forms.clear();
  forms.push_back(Form{static_cast<std::uint32_t>(word.size()), 0});
  next.clear();
  apply_rules(forms, next);
  for (const Form& f : next) add(forms, f);
  prepare(forms);  // the word itself first, then round one

  const std::uint32_t self = lookup(forms, 0);
  if (self != kNone) {
    const std::uint32_t exc = exception_list(self, slot);
    if (exc != 0) {
      if ((entries_[self].pos_mask & bit) != 0) found(self);
      for (std::uint32_t k = 0; k < exc_pool_[exc - 1]; ++k) {
        const std::uint32_t base = exc_pool_[exc + k];
        if ((entries_[base].pos_mask & bit) != 0) found(base);
      }
      return;
    }
    if ((entries_[self].pos_mask & bit) != 0) {
      found(self);
      filter(forms, 1);
      return;
    }
  }
  if (filter(forms, 1)) return;
  forms.swap(next);  // the round-one forms, without the word itself
  while (!forms.empty()) {
    next.clear();
    apply_rules(forms, next);
    prepare(next);
    if (filter(next, 0)) return;
    forms.swap(next);
  }
}

void WordNet::morphy(std::string_view form, char pos, MorphyScratch& scratch,
                     std::vector<std::string_view>& out) const {
  out.clear();
  std::vector<std::uint32_t>& seen = scratch.found;
  seen.clear();
  run_morphy(form, pos, scratch, [&](std::uint32_t i) {
    for (std::uint32_t s : seen)
      if (s == i) return;
    seen.push_back(i);
    out.push_back(key(entries_[i]));
  });
}

bool WordNet::morphy_empty(std::string_view form, char pos, MorphyScratch& scratch) const {
  bool empty = true;
  run_morphy(form, pos, scratch, [&](std::uint32_t) { empty = false; });
  return empty;
}

std::optional<std::string_view> WordNet::shortest_lemma(std::string_view form, char pos,
                                                        MorphyScratch& scratch) const {
  std::uint32_t best = kNone;
  run_morphy(form, pos, scratch, [&](std::uint32_t i) {
    if (best == kNone || entries_[i].length < entries_[best].length) best = i;
  });
  if (best == kNone) return std::nullopt;
  return key(entries_[best]);
}

// ---- ProperNames ----

std::shared_ptr<const ProperNames> ProperNames::open(const std::string& dir) {
  return open_shared<ProperNames>(WordNet::resolve_dir(dir));
}

ProperNames::ProperNames(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw Error("WordNet folder " + dir + " not found; " + std::string(kInstallHint));
  const std::string base = dir + (dir.back() == '/' ? "" : "/");
  load(base + "data.noun", nouns_);
  load(base + "data.adj", adjectives_);
}

std::size_t ProperNames::Hash::operator()(std::string_view s) const noexcept {
  return static_cast<std::size_t>(hash_bytes(s));
}

// data.<pos> (wndb(5WN)): "synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...]
// p_cnt ..." with w_cnt in two hexadecimal digits; an adjective may carry a marker "(a)", "(p)"
// or "(ip)". Lines of the license text start with spaces.
void ProperNames::load(const std::string& path,
                       std::unordered_set<std::string, Hash, std::equal_to<>>& out) {
  const std::string data = read_whole(path);
  // Per lowercase spelling: 1 = some spelling starts with an uppercase letter, 2 = some does not.
  std::unordered_map<std::string, std::uint8_t, Hash, std::equal_to<>> seen;
  seen.reserve(data.size() / 64);
  std::string lower;
  std::size_t line_no = 0, begin = 0;
  while (begin < data.size()) {
    ++line_no;
    const std::size_t end = data.find('\n', begin);
    if (end == std::string::npos) corrupt(path, line_no, "the last line has no newline");
    const std::string_view line(data.data() + begin, end - begin);
    begin = end + 1;
    if (!line.empty() && line[0] == ' ') continue;
    // Only the first fields matter: read them one at a time.
    std::size_t pos = 0;
    auto next_field = [&]() -> std::string_view {
      while (pos < line.size() && is_space(line[pos])) ++pos;
      const std::size_t start = pos;
      while (pos < line.size() && !is_space(line[pos])) ++pos;
      return line.substr(start, pos - start);
    };
    next_field();  // synset_offset
    next_field();  // lex_filenum
    next_field();  // ss_type
    const std::string_view w_cnt = next_field();
    if (w_cnt.size() != 2 || !std::isxdigit(static_cast<unsigned char>(w_cnt[0])) ||
        !std::isxdigit(static_cast<unsigned char>(w_cnt[1])))
      corrupt(path, line_no, "expected a synset line with a 2-digit hexadecimal word count");
    const unsigned long count = std::stoul(std::string(w_cnt), nullptr, 16);
    if (count == 0) corrupt(path, line_no, "expected a word count above 0");
    for (unsigned long k = 0; k < count; ++k) {
      std::string_view word = next_field();
      if (next_field().empty())  // lex_id
        corrupt(path, line_no, "expected " + std::to_string(count) + " words, found fewer fields");
      if (const std::size_t paren = word.find('('); paren != std::string_view::npos && word.back() == ')')
        word = word.substr(0, paren);
      if (word.empty()) continue;
      lower.assign(word);
      for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      const bool upper = word[0] >= 'A' && word[0] <= 'Z';
      seen[lower] |= upper ? 1 : 2;
    }
  }
  for (auto& [word, flags] : seen)
    if (flags == 1) out.insert(word);
}

bool ProperNames::is_proper(std::string_view lemma, char pos) const {
  if (pos == 'n') return nouns_.find(lemma) != nouns_.end();
  if (pos == 'a' || pos == 's') return adjectives_.find(lemma) != adjectives_.end();
  return false;
}

std::size_t ProperNames::size(char pos) const noexcept {
  return pos == 'n' ? nouns_.size() : pos == 'a' || pos == 's' ? adjectives_.size() : 0;
}

}  // namespace nlp::morph
