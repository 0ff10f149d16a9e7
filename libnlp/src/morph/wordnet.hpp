#pragma once
// WordNet 3.0 lemma index and exception lists, and NLTK's morphy over them.
//   auto wn = nlp::morph::WordNet::open("");        // $NLP_WORDNET_DIR or /usr/share/wordnet
//   nlp::morph::MorphyScratch scratch;
//   wn->shortest_lemma("leaves", 'n', scratch);    // "leaf" (candidates: leaf, leave)
// Reads index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc from the WordNet `dict` folder (the
// Debian package wordnet-base installs them in /usr/share/wordnet); the data.* files are not read.
// A loaded WordNet is immutable: one object serves every thread and every lemmatizer, and
// open() returns the same object for the same folder while any user holds it. Views returned
// by lookups point into the object and live as long as it does.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace nlp::morph {

// Working memory of morphy(); one per thread (or per lemmatizer object).
struct MorphyScratch {
  struct Form {
    std::uint32_t prefix;  // bytes kept from the word
    std::uint8_t suffix;   // index of the replacement ending
  };
  std::vector<Form> forms, next;
  std::vector<std::uint32_t> found;
  std::vector<std::uint64_t> hashes;  // per form of a round: its hash
  std::vector<std::uint8_t> live;     // per form: 0 when it cannot be a key (Bloom filter)
  std::string buffer;                 // the forms of a round that are not prefixes of the word
  std::vector<std::uint32_t> offsets; // where each such form starts in buffer
};

class WordNet {
 public:
  // WordNet parts of speech as NLTK spells them: 'n', 'v', 'a', 's' (adjective satellite: the
  // same lemmas and exceptions as 'a'), 'r'.
  static bool valid_pos(char pos) noexcept;

  // The folder to read: `dir` if not empty, else $NLP_WORDNET_DIR if set and not empty, else
  // /usr/share/wordnet.
  static std::string resolve_dir(const std::string& dir);

  // Loads (or returns the already loaded) WordNet in resolve_dir(dir). Throws nlp::Error naming
  // the missing folder or file and the Debian package wordnet-base; FormatError with file:line
  // for a malformed or truncated index or exception file; IoError for a failed read.
  static std::shared_ptr<const WordNet> open(const std::string& dir);

  // Parses the files in `dir` (no sharing); open() uses this.
  explicit WordNet(const std::string& dir);

  const std::string& dir() const noexcept { return dir_; }
  std::size_t lemma_count() const noexcept { return lemma_count_; }

  // Whether `lemma` is in index.<pos> (exactly as written; WordNet's lemmas are lowercase,
  // with '_' between the words of a collocation).
  bool has_lemma(std::string_view lemma, char pos) const noexcept;

  // The base forms exc[pos] lists for `form`, or nullopt if the exception list has no line for
  // it. Views into this object.
  std::optional<std::vector<std::string_view>> exceptions(std::string_view form, char pos) const;

  // NLTK 3.8 WordNetCorpusReader._morphy(form, pos): the exception list if `form` is in it, else
  // the detachment rules applied level by level until some candidates are lemmas of `pos`;
  // `out` receives those lemmas in NLTK's order, without duplicates (views into this object).
  // Finds nothing for a `pos` that is not valid_pos().
  void morphy(std::string_view form, char pos, MorphyScratch& scratch,
              std::vector<std::string_view>& out) const;

  // Whether morphy(form, pos) finds nothing.
  bool morphy_empty(std::string_view form, char pos, MorphyScratch& scratch) const;

  // What NLTK's WordNetLemmatizer.lemmatize(form, pos) returns when morphy finds something: the
  // first of the shortest candidates (Python's min(key=len) keeps the first of equal keys);
  // nullopt when morphy finds nothing (NLTK then returns the word unchanged).
  std::optional<std::string_view> shortest_lemma(std::string_view form, char pos,
                                                 MorphyScratch& scratch) const;

 private:
  // One slot of the open-addressing table, 32 bytes: the key's hash, its first 20 bytes inline
  // (so that comparing a candidate with a short key reads no other memory), where the whole
  // key is in text_, and what the key is.
  struct Entry {
    std::uint32_t hash = 0;
    std::uint32_t offset = 0;   // key bytes in text_
    std::uint16_t length = 0;
    std::uint8_t pos_mask = 0;  // pos_bit() of each index the key is a lemma in
    std::uint8_t flags = 0;     // kUsed; bit k < 4: exception list k (n v a r) has the key
    char head[20] = {};
  };
  static constexpr std::uint8_t kUsed = 0x80;

  void load_index(const std::string& path, const std::string& data, char file_pos);
  void load_exceptions(const std::string& path, const std::string& data, int slot);
  std::uint32_t intern(std::string_view key);
  std::uint32_t find(std::string_view key) const noexcept;  // slot index, or kNone
  std::uint32_t find(std::string_view key, std::uint64_t hash) const noexcept;
  bool maybe_present(std::uint64_t hash) const noexcept;
  void prefetch(std::uint64_t hash) const noexcept;
  std::string_view key(const Entry& e) const noexcept {
    return {text_.data() + e.offset, e.length};
  }
  bool same_key(const Entry& e, std::string_view k) const noexcept;
  std::uint32_t exception_list(std::uint32_t entry, int slot) const noexcept;  // 1 + exc_pool_ index
  // Calls found(slot index) for every morphy result in order (duplicates included).
  template <class Found>
  void run_morphy(std::string_view form, char pos, MorphyScratch& scratch, Found&& found) const;

  static constexpr std::uint32_t kNone = 0xffffffffu;

  std::string dir_;
  std::string text_;                  // every key, back to back
  std::vector<Entry> entries_;        // the table: a power of two, sized once before loading
  std::size_t used_ = 0;
  std::vector<std::uint32_t> exc_pool_;  // per list: count, then that many slot indexes
  std::unordered_map<std::uint64_t, std::uint32_t> exc_lists_;  // slot * 4 + list -> exc_pool_
  std::vector<std::uint64_t> bloom_;  // blocked Bloom filter of the keys: most misses stop here
  std::size_t lemma_count_ = 0;
  std::size_t max_key_length_ = 0;
};

// Which WordNet lemmas are proper names or proper adjectives: those every spelling of which in
// data.noun or data.adj starts with an uppercase letter ("American", "Iraqi", "Israel"), as
// opposed to "best" (also the surname "Best") or "new". The index files keep only the lowercase
// form of a lemma; the data files keep the spellings.
//   auto names = nlp::morph::ProperNames::open("");
//   names->is_proper("american", 'a');   // true
// Immutable and shared like WordNet; open() throws as WordNet::open() does.
class ProperNames {
 public:
  static std::shared_ptr<const ProperNames> open(const std::string& dir);
  explicit ProperNames(const std::string& dir);

  // `lemma` lowercase, as in the index; pos 'n' or 'a' (anything else: false).
  bool is_proper(std::string_view lemma, char pos) const;
  std::size_t size(char pos) const noexcept;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept;
  };
  void load(const std::string& path, std::unordered_set<std::string, Hash, std::equal_to<>>& out);

  std::unordered_set<std::string, Hash, std::equal_to<>> nouns_, adjectives_;
};

}  // namespace nlp::morph
