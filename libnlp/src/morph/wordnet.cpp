// WordNet 3.0 index and exception lists; NLTK's morphy (nltk/corpus/reader/wordnet.py, 3.8).
#include "morph/wordnet.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "nlp/error.hpp"

namespace nlp::morph {

namespace {

constexpr std::string_view kDefaultDir = "/usr/share/wordnet";
constexpr std::string_view kInstallHint =
    "install the Debian package wordnet-base (apt-get install wordnet-base), or set "
    "LemmatizerOptions::wordnet_dir or NLP_WORDNET_DIR to a WordNet 3.0 dict folder";

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

std::uint32_t hash_key(std::string_view s) noexcept {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ (s.size() * 0xff51afd7ed558ccdull);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, s.data() + i, s.size() - i);
  h = (h ^ w) * 0x94d049bb133111ebull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return static_cast<std::uint32_t>(h);
}

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

}  // namespace

bool WordNet::valid_pos(char pos) noexcept { return pos_bit(pos) != 0; }

std::string WordNet::resolve_dir(const std::string& dir) {
  if (!dir.empty()) return dir;
  if (const char* env = std::getenv("NLP_WORDNET_DIR"); env != nullptr && *env != '\0')
    return env;
  return std::string(kDefaultDir);
}

std::shared_ptr<const WordNet> WordNet::open(const std::string& dir) {
  const std::string resolved = resolve_dir(dir);
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const WordNet>> loaded;
  const std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(resolved); it != loaded.end())
    if (auto wn = it->second.lock()) return wn;
  auto wn = std::make_shared<const WordNet>(resolved);
  loaded[resolved] = wn;
  return wn;
}

WordNet::WordNet(const std::string& dir) : dir_(dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec))
    throw Error("WordNet folder " + dir_ + " not found; " + std::string(kInstallHint));
  text_.reserve(4u << 20);
  entries_.reserve(200000);
  slots_.assign(1u << 19, 0);
  const std::string base = dir_ + (dir_.back() == '/' ? "" : "/");
  load_index(base + "index.noun", 'n');
  load_index(base + "index.verb", 'v');
  load_index(base + "index.adj", 'a');
  load_index(base + "index.adv", 'r');
  load_exceptions(base + "noun.exc", 0);
  load_exceptions(base + "verb.exc", 1);
  load_exceptions(base + "adj.exc", 2);
  load_exceptions(base + "adv.exc", 3);
}

std::uint32_t WordNet::find(std::string_view k) const noexcept {
  const std::uint32_t h = hash_key(k);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint32_t s = slots_[i];
    if (s == 0) return kNone;
    const Entry& e = entries_[s - 1];
    if (e.hash == h && key(e) == k) return s - 1;
  }
}

void WordNet::grow() {
  std::vector<std::uint32_t> bigger(slots_.size() * 2, 0);
  const std::size_t mask = bigger.size() - 1;
  for (std::uint32_t s : slots_) {
    if (s == 0) continue;
    std::size_t i = entries_[s - 1].hash & mask;
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = s;
  }
  slots_.swap(bigger);
}

std::uint32_t WordNet::intern(std::string_view k) {
  const std::uint32_t found = find(k);
  if (found != kNone) return found;
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  Entry e;
  e.offset = static_cast<std::uint32_t>(text_.size());
  e.length = static_cast<std::uint32_t>(k.size());
  e.hash = hash_key(k);
  text_.append(k);
  const auto index = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back(e);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = e.hash & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = index + 1;
  if (k.size() > max_key_length_) max_key_length_ = k.size();
  return index;
}

// index.<pos> (wndb(5WN)): "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
// tagsense_cnt synset_offset..." per line; the license text at the top starts with spaces.
// NLTK keys the lemma by the pos field of the line, and an 'a' lemma is an 's' lemma too.
void WordNet::load_index(const std::string& path, char file_pos) {
  const std::string data = read_whole(path);
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
void WordNet::load_exceptions(const std::string& path, int slot) {
  const std::string data = read_whole(path);
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
    if (f.empty()) corrupt(path, line_no, "expected a word form and its base forms, found an empty line");
    bases.clear();
    for (std::size_t k = 1; k < f.size(); ++k) bases.push_back(intern(f[k]));
    const std::uint32_t form = intern(f[0]);
    entries_[form].exceptions[slot] = static_cast<std::uint32_t>(exc_pool_.size() + 1);
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
  if (i == kNone || entries_[i].exceptions[slot] == 0) return std::nullopt;
  std::vector<std::string_view> out;
  const std::uint32_t at = entries_[i].exceptions[slot] - 1;
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
  const std::uint32_t self = word.size() <= max_key_length_ ? find(word) : kNone;
  if (self != kNone) {
    const std::uint32_t exc = entries_[self].exceptions[slot];
    if (exc != 0) {
      if ((entries_[self].pos_mask & bit) != 0) found(self);
      for (std::uint32_t k = 0; k < exc_pool_[exc - 1]; ++k) {
        const std::uint32_t base = exc_pool_[exc + k];
        if ((entries_[base].pos_mask & bit) != 0) found(base);
      }
      return;
    }
  }

  const RuleSet rules = rules_for(pos);
  using Form = MorphyScratch::Form;
  auto ends_with = [&](const Form& form, std::string_view old_ending) {
    const std::string_view ending = kEndings[form.suffix];
    if (old_ending.size() <= ending.size())
      return ending.substr(ending.size() - old_ending.size()) == old_ending;
    const std::size_t from_word = old_ending.size() - ending.size();
    return old_ending.substr(from_word) == ending && form.prefix >= from_word &&
           word.substr(form.prefix - from_word, from_word) == old_ending.substr(0, from_word);
  };
  auto add = [&](std::vector<Form>& forms, Form form) {
    const std::string_view ending = kEndings[form.suffix];
    if (form.suffix != 0 && form.prefix + ending.size() <= word.size() &&
        word.substr(form.prefix, ending.size()) == ending)
      form = Form{static_cast<std::uint32_t>(form.prefix + ending.size()), 0};
    for (const Form& f : forms)
      if (f.prefix == form.prefix && f.suffix == form.suffix) return;
    forms.push_back(form);
  };
  auto apply_rules = [&](const std::vector<Form>& in, std::vector<Form>& out) {
    for (const Form& form : in) {
      for (const Rule* r = rules.begin; r != rules.end; ++r) {
        if (!ends_with(form, r->old_ending)) continue;
        const std::string_view ending = kEndings[form.suffix];
        // endings_closed() guarantees that the rule's ending covers the form's whole ending.
        add(out, Form{static_cast<std::uint32_t>(form.prefix + ending.size() -
                                                 r->old_ending.size()),
                      r->new_ending});
      }
    }
  };
  std::string& buffer = scratch.buffer;
  auto filter = [&](const std::vector<Form>& forms) {
    bool any = false;
    for (const Form& form : forms) {
      const std::string_view ending = kEndings[form.suffix];
      if (form.prefix + ending.size() > max_key_length_) continue;
      std::string_view candidate = word.substr(0, form.prefix);
      if (form.suffix != 0) {
        buffer.assign(candidate);
        buffer.append(ending);
        candidate = buffer;
      }
      const std::uint32_t i = find(candidate);
      if (i != kNone && (entries_[i].pos_mask & bit) != 0) {
        found(i);
        any = true;
      }
    }
    return any;
  };

  std::vector<Form>& forms = scratch.forms;
  std::vector<Form>& next = scratch.next;
  forms.clear();
  const Form whole{static_cast<std::uint32_t>(word.size()), 0};
  forms.push_back(whole);
  next.clear();
  apply_rules(forms, next);
  for (const Form& f : next) add(forms, f);
  if (filter(forms)) return;
  forms.swap(next);  // the round-one forms, without the word itself
  while (!forms.empty()) {
    next.clear();
    apply_rules(forms, next);
    if (filter(next)) return;
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

std::optional<std::string_view> WordNet::shortest_lemma(std::string_view form, char pos,
                                                        MorphyScratch& scratch) const {
  std::uint32_t best = kNone;
  run_morphy(form, pos, scratch, [&](std::uint32_t i) {
    if (best == kNone || entries_[i].length < entries_[best].length) best = i;
  });
  if (best == kNone) return std::nullopt;
  return key(entries_[best]);
}

}  // namespace nlp::morph
