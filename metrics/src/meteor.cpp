#include "nlp/metrics/meteor.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "morph/wordnet.hpp"
#include "nlp/error.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/morph/stemmer.hpp"
#include "nlp/text/normalizer.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::metrics {
namespace {

// What NLTK's wordnet.synsets(word) and lemma.name() give METEOR: for each part of speech (n, v,
// a, r), each form morphy finds, each synset of that form (index.<pos>), the lemma names of the
// synset (data.<pos>, adjective markers such as "(a)" removed). Loaded once per folder, then
// read-only.
class SynonymTable {
 public:
  static std::shared_ptr<const SynonymTable> open(const std::string& dir) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::weak_ptr<const SynonymTable>> loaded;
    const std::string resolved = morph::WordNet::resolve_dir(dir);
    const std::lock_guard<std::mutex> lock(mutex);
    if (auto p = loaded[resolved].lock()) return p;
    auto p = std::make_shared<const SynonymTable>(resolved);
    loaded[resolved] = p;
    return p;
  }

  explicit SynonymTable(const std::string& dir) : dir_(dir), wordnet_(morph::WordNet::open(dir)) {
    static constexpr const char* kFiles[4] = {"noun", "verb", "adj", "adv"};
    for (int p = 0; p < 4; ++p) {
      data_[p] = read(dir + "/data." + kFiles[p]);
      index_[p] = read(dir + "/index." + kFiles[p]);
      // Where each lemma line starts; the files are sorted by lemma (byte order), so lookups are
      // binary searches and nothing else is built at load time.
      const std::string& text = index_[p];
      for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        if (end > at && text[at] != ' ') lines_[p].push_back(static_cast<std::uint32_t>(at));  // not the licence
        at = end + 1;
      }
    }
  }

  static void fields(std::string_view line, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ') ++i;
      if (i > start) out.push_back(line.substr(start, i - start));
    }
  }

  // The lemma names (without '_') of every synset of `word`, plus nothing else; appended to out.
  void synonyms(std::string_view word, morph::MorphyScratch& scratch, std::vector<std::string>& out) const {
    static constexpr char kPos[4] = {'n', 'v', 'a', 'r'};
    std::vector<std::string_view> forms;
    for (std::size_t p = 0; p < 4; ++p) {
      wordnet_->morphy(word, kPos[p], scratch, forms);
      for (const std::string_view form : forms) offsets(p, form, out);
    }
  }

 private:
  static std::string read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f)
      throw Error(fmt::format("{}: cannot open; METEOR's synonym stage needs WordNet 3.0 (Debian package wordnet-base)", path));
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  }

  // The synsets of `lemma` in index.<pos> ("lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
  // tagsense_cnt synset_offset..."), their names appended to out.
  void offsets(std::size_t p, std::string_view lemma, std::vector<std::string>& out) const {
    const std::string& text = index_[p];
    const auto key = [&](std::uint32_t at) {
      const std::size_t sp = text.find(' ', at);
      return std::string_view(text.data() + at, (sp == std::string::npos ? text.size() : sp) - at);
    };
    const auto it = std::lower_bound(lines_[p].begin(), lines_[p].end(), lemma,
                                     [&](std::uint32_t at, std::string_view l) { return key(at) < l; });
    if (it == lines_[p].end() || key(*it) != lemma) return;
    const std::size_t end = std::min(text.find('\n', *it), text.size());
    thread_local std::vector<std::string_view> f;
    fields(std::string_view(text.data() + *it, end - *it), f);
    const auto number = [&](std::size_t k) { return k < f.size() ? std::strtoul(std::string(f[k]).c_str(), nullptr, 10) : 0ul; };
    const std::size_t n_synsets = number(2), first = 4 + number(3) + 2;
    for (std::size_t k = 0; k < n_synsets && first + k < f.size(); ++k)
      names(p, static_cast<std::uint32_t>(std::strtoul(std::string(f[first + k]).c_str(), nullptr, 10)), out);
  }

  // The lemma names of the synset at byte `off` of data.<pos>: "offset lex_filenum ss_type
  // w_cnt(hex) word lex_id ...".
  void names(std::size_t p, std::uint32_t off, std::vector<std::string>& out) const {
    const std::string& d = data_[p];
    static constexpr const char* kFiles[4] = {"noun", "verb", "adj", "adv"};
    const auto corrupt = [&] {
      return FormatError(fmt::format("{}/data.{}: no synset line at byte {}, where index.{} points; the WordNet files are "
                                     "damaged or from different versions (reinstall Debian's wordnet-base)",
                                     dir_, kFiles[p], off, kFiles[p]));
    };
    if (off >= d.size()) throw corrupt();
    const std::size_t end = std::min(d.find('\n', off), d.size());
    thread_local std::vector<std::string_view> f;
    fields(std::string_view(d.data() + off, end - off), f);
    if (f.size() < 4 || std::strtoul(std::string(f[0]).c_str(), nullptr, 10) != off) throw corrupt();
    const unsigned long n = std::strtoul(std::string(f[3]).c_str(), nullptr, 16);
    for (unsigned long k = 0; k < n && 4 + 2 * k < f.size(); ++k) {
      std::string_view name = f[4 + 2 * k];
      if (const std::size_t paren = name.find('('); paren != std::string_view::npos && name.back() == ')') name = name.substr(0, paren);
      if (name.find('_') == std::string_view::npos) out.emplace_back(name);
    }
  }

  std::string dir_;
  std::shared_ptr<const morph::WordNet> wordnet_;
  std::string data_[4], index_[4];
  std::vector<std::uint32_t> lines_[4];
};

struct Enum {
  std::size_t index;
  std::string word;
};

// NLTK's _match_enums: each hypothesis word from the last, matched to the last remaining equal
// reference word; both removed.
template <typename Equal>
void match(std::vector<Enum>& hyp, std::vector<Enum>& ref, std::vector<std::pair<std::size_t, std::size_t>>& matches, Equal&& equal) {
  for (std::size_t i = hyp.size(); i-- > 0;) {
    for (std::size_t j = ref.size(); j-- > 0;) {
      if (equal(i, ref[j].word)) {
        matches.emplace_back(hyp[i].index, ref[j].index);
        hyp.erase(hyp.begin() + static_cast<std::ptrdiff_t>(i));
        ref.erase(ref.begin() + static_cast<std::ptrdiff_t>(j));
        break;
      }
    }
  }
}

class Meteor final : public Metric {
 public:
  explicit Meteor(const MeteorOptions& o)
      : o_(o),
        synonyms_(SynonymTable::open(o.wordnet_dir)),
        stemmer_(make_stemmer({.algorithm = "porter", .lang = "en", .mode = "nltk", .compat = "", .cache_size = 100000})) {
    if (!(o_.alpha >= 0 && o_.alpha <= 1)) throw UsageError(fmt::format("METEOR alpha {}: expected 0 to 1", o_.alpha));
  }

  std::string name() const override { return "METEOR"; }
  std::string signature() const override {
    return fmt::format("alpha:{}|beta:{}|gamma:{}|stem:porter|syn:wordnet-3.0|tok:split|refs:max|version:nltk-3.8", o_.alpha, o_.beta, o_.gamma);
  }
  std::size_t stats_size() const override { return 2; }
  std::vector<std::string> stats_names() const override { return {"score_sum", "segments"}; }

  void segment_stats(const Segment& seg, std::span<double> out) const override {
    double best = 0;
    bool first = true;
    for (const std::string_view r : seg.refs) {
      const double s = single(r, seg.hyp);
      if (first || s > best) best = s;
      first = false;
    }
    out[0] = best;
    out[1] = 1;
  }

  Score score(std::span<const double> s) const override { return {s[1] == 0 ? 0.0 : s[0] / s[1], {}}; }

 private:
  struct Scratch {
    std::unique_ptr<Stemmer> stemmer;
    morph::MorphyScratch morphy;
    std::vector<std::string_view> words;
    std::string lowered;
    // Synonyms of the words seen so far (the same WordNet for every METEOR object of a process
    // folder; keyed by folder too).
    std::unordered_map<std::string, std::vector<std::string>> synonyms;
    const std::vector<std::string>* syns = nullptr;
    const SynonymTable* table = nullptr;
  };
  // Per thread; every METEOR object uses the same stemmer (NLTK's Porter).
  Scratch& scratch() const {
    thread_local Scratch s;
    if (!s.stemmer) s.stemmer = stemmer_->clone();
    if (s.table != synonyms_.get()) {  // another WordNet folder: forget the cached synonyms
      s.synonyms.clear();
      s.table = synonyms_.get();
    }
    return s;
  }

  // NLTK's single_meteor_score(reference.split(), hypothesis.split()).
  double single(std::string_view reference, std::string_view hypothesis) const {
    Scratch& s = scratch();
    const auto enumerate = [&](std::string_view text) {
      std::vector<Enum> e;
      split_python_whitespace(text, s.words);
      for (std::size_t i = 0; i < s.words.size(); ++i) {
        apply_case(s.words[i], CaseMode::lower, s.lowered);
        e.push_back({i, s.lowered});
      }
      return e;
    };
    std::vector<Enum> hyp = enumerate(hypothesis), ref = enumerate(reference);
    const std::size_t hyp_len = hyp.size(), ref_len = ref.size();
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    match(hyp, ref, matches, [&](std::size_t i, const std::string& w) { return hyp[i].word == w; });
    // The stem stage works on (and leaves) the stems of the words still unmatched.
    for (auto* side : {&hyp, &ref})
      for (Enum& e : *side) e.word = std::string(s.stemmer->stem(e.word));
    match(hyp, ref, matches, [&](std::size_t i, const std::string& w) { return hyp[i].word == w; });
    // Synonyms of each remaining (stemmed) hypothesis word, the word itself included.
    std::size_t cached_for = static_cast<std::size_t>(-1);
    match(hyp, ref, matches, [&](std::size_t i, const std::string& w) {
      if (cached_for != hyp[i].index) {
        auto [it, added] = s.synonyms.try_emplace(hyp[i].word);
        if (added) {
          synonyms_->synonyms(hyp[i].word, s.morphy, it->second);
          it->second.push_back(hyp[i].word);
        }
        s.syns = &it->second;
        cached_for = hyp[i].index;
      }
      return std::find(s.syns->begin(), s.syns->end(), w) != s.syns->end();
    });
    if (hyp_len == 0 || ref_len == 0 || matches.empty()) return 0.0;
    std::sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t chunks = 1;
    for (std::size_t i = 0; i + 1 < matches.size(); ++i)
      if (!(matches[i + 1].first == matches[i].first + 1 && matches[i + 1].second == matches[i].second + 1)) ++chunks;
    const auto m = static_cast<double>(matches.size());
    const double precision = m / static_cast<double>(hyp_len), recall = m / static_cast<double>(ref_len);
    const double fmean = (precision * recall) / (o_.alpha * precision + (1 - o_.alpha) * recall);
    const double frag = static_cast<double>(chunks) / m;
    const double penalty = o_.gamma * std::pow(frag, o_.beta);
    return (1 - penalty) * fmean;
  }

  MeteorOptions o_;
  std::shared_ptr<const SynonymTable> synonyms_;
  std::unique_ptr<Stemmer> stemmer_;
};

}  // namespace

std::unique_ptr<Metric> make_meteor(const MeteorOptions& opts) { return std::make_unique<Meteor>(opts); }

}  // namespace nlp::metrics
