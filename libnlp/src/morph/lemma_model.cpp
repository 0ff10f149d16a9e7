// Trainable lemmatizer: lexicon plus suffix edit scripts, the nlp.lemmatizer file format
// (docs/formats/lemmatizer-model.md) and the "model-v1" lemmatizer over it.
#include "nlp/morph/lemma_model.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "morph/lemma_model_impl.hpp"
#include "morph/morph_internal.hpp"
#include "nlp/error.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"
#include "util/model_file.hpp"

namespace nlp::morph {

namespace {

const modelfile::ModelFileKind kKind{"NLPLEMMA", LemmaModel::kFormatVersion, "lemmatizer model",
                                     "train one with `nlp lemmatize train`"};
constexpr std::uint8_t kMaxUpos = static_cast<std::uint8_t>(Upos::X);
constexpr std::uint32_t kMaxSuffixLimit = 32;

using modelfile::ByteWriter;
using modelfile::Cursor;

// Byte length of the longest common prefix of `a` and `b` that ends on a code point boundary.
std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  const std::size_t n = std::min(a.size(), b.size());
  while (i < n && a[i] == b[i]) ++i;
  while (i > 0 && i < a.size() && (static_cast<unsigned char>(a[i]) & 0xC0u) == 0x80u) --i;
  return i;
}

EditScript make_script(std::string_view form, std::string_view lowered, std::string_view lemma) {
  const std::size_t keep = common_prefix(form, lemma);
  const std::size_t low = common_prefix(lowered, lemma);
  EditScript s;
  // A lowercase form votes for the lowercasing script (the same edit), so that capitalized
  // words with the same suffix follow it.
  if (low > keep || form == lowered) {
    s.lower = true;
    s.strip = static_cast<std::uint32_t>(lowered.size() - low);
    s.append = std::string(lemma.substr(low));
  } else {
    s.strip = static_cast<std::uint32_t>(form.size() - keep);
    s.append = std::string(lemma.substr(keep));
  }
  return s;
}

// A sortable key for counting scripts: case flag, strip, append.
std::string script_key(const EditScript& s) {
  std::string k;
  k.push_back(s.lower ? 'L' : 'K');
  k += fmt::format("{:010}", s.strip);
  k += s.append;
  return k;
}

EditScript parse_script_key(const std::string& k) {
  EditScript s;
  s.lower = k[0] == 'L';
  s.strip = static_cast<std::uint32_t>(std::stoul(k.substr(1, 10)));
  s.append = k.substr(11);
  return s;
}

// Byte offsets where the last 0, 1, 2, ... code points of `s` start (up to `max` code points).
std::vector<std::size_t> suffix_starts(std::string_view s, std::uint32_t max) {
  std::vector<std::size_t> out{s.size()};
  std::size_t end = s.size();
  while (end > 0 && out.size() <= max) {
    std::uint32_t len = 0;
    utf8::decode_before(s, end, len);
    if (len == 0 || len > end) break;
    end -= len;
    out.push_back(end);
  }
  return out;
}

std::string upos_key(Upos p, std::string_view s) {
  std::string k;
  k.reserve(s.size() + 1);
  k.push_back(static_cast<char>(p));
  k.append(s);
  return k;
}

}  // namespace

void lower_utf8(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    const auto d = utf8::decode(s, i);
    if (!d.valid || d.length == 0) {
      out.append(s.substr(i, std::max<std::size_t>(d.length, 1)));
      i += std::max<std::size_t>(d.length, 1);
      continue;
    }
    utf8::append(out, unicode::simple_lower(d.cp));
    i += d.length;
  }
}

bool apply_script(const EditScript& s, std::string_view form, std::string_view lowered,
                  std::string& out) {
  const std::string_view base = s.lower ? lowered : form;
  if (s.strip > base.size()) return false;
  const std::size_t cut = base.size() - s.strip;
  if (cut < base.size() && (static_cast<unsigned char>(base[cut]) & 0xC0u) == 0x80u) return false;
  if (cut == 0 && s.append.empty()) return false;
  out.assign(base.substr(0, cut));
  out.append(s.append);
  return true;
}

// ---- the model ----

const std::string* LemmaModel::lookup(std::string_view word, Upos pos, Scratch& sc) const {
  sc.key.assign(1, static_cast<char>(pos));
  sc.key.append(word);
  if (auto it = lexicon_.find(sc.key); it != lexicon_.end()) return &it->second.lemma;
  lower_utf8(word, sc.lowered);
  if (sc.lowered != word) {
    sc.key.resize(1);
    sc.key.append(sc.lowered);
    if (auto it = lexicon_.find(sc.key); it != lexicon_.end()) return &it->second.lemma;
  }
  return nullptr;
}

bool LemmaModel::lemmatize_by_rules(std::string_view word, Upos pos, Scratch& sc,
                                    std::string& out) const {
  lower_utf8(word, sc.lowered);
  const auto starts = suffix_starts(sc.lowered, max_suffix_);
  for (std::size_t n = starts.size(); n-- > 0;) {
    sc.key.assign(1, static_cast<char>(pos));
    sc.key.append(std::string_view(sc.lowered).substr(starts[n]));
    const auto it = rules_.find(sc.key);
    if (it != rules_.end() && apply_script(it->second.script, word, sc.lowered, out)) return true;
  }
  return false;
}

void LemmaModel::lemmatize(std::string_view word, Upos pos, Scratch& sc, std::string& out) const {
  if (const std::string* l = lookup(word, pos, sc)) {
    out = *l;
    return;
  }
  if (!lemmatize_by_rules(word, pos, sc, out)) out.assign(word);
}

std::shared_ptr<const LemmaModel> LemmaModel::load(const std::string& path) {
  return parse(modelfile::read_whole_file(path, kKind.noun), path);
}

std::shared_ptr<const LemmaModel> LemmaModel::parse(std::string_view bytes,
                                                    const std::string& name) {
  Cursor c(bytes, name);
  modelfile::ModelHeader h = modelfile::open_model_file(c, "nlp.lemmatizer", kKind);
  const std::size_t header_at = h.at;
  auto field = [&](const char* key) -> const rapidjson::Value& {
    return modelfile::header_field(c, header_at, h.json, key);
  };
  auto model = std::make_shared<LemmaModel>();
  if (!field("lang").IsString()) c.fail(header_at, "header \"lang\" is not a string");
  model->lang_ = field("lang").GetString();
  const auto& options = field("options");
  if (!options.IsObject() || !options.HasMember("max_suffix_length") ||
      !options["max_suffix_length"].IsUint() || options["max_suffix_length"].GetUint() == 0 ||
      options["max_suffix_length"].GetUint() > kMaxSuffixLimit)
    c.fail(header_at,
           fmt::format("header \"options.max_suffix_length\" must be 1..{}", kMaxSuffixLimit));
  model->max_suffix_ = options["max_suffix_length"].GetUint();
  const auto& counts = field("counts");
  if (!counts.IsObject() || !counts.HasMember("lexicon") || !counts["lexicon"].IsUint64() ||
      !counts.HasMember("suffix_rules") || !counts["suffix_rules"].IsUint64())
    c.fail(header_at, "header \"counts\" needs \"lexicon\" and \"suffix_rules\"");

  auto read_upos = [&](std::string_view what) {
    const std::size_t at = c.pos();
    const std::uint8_t u = c.u8(what);
    if (u > kMaxUpos)
      c.fail(at, fmt::format("{} is {}, not a UPOS tag (0..{})", what, u, kMaxUpos));
    return static_cast<Upos>(u);
  };

  const std::size_t lex_at = c.pos();
  const std::uint32_t n_lex = c.u32("the number of lexicon entries");
  if (n_lex != counts["lexicon"].GetUint64())
    c.fail(lex_at, fmt::format("{} lexicon entries but the header says {}", n_lex,
                               counts["lexicon"].GetUint64()));
  model->lexicon_.reserve(n_lex);
  for (std::uint32_t i = 0; i < n_lex; ++i) {
    const std::size_t at = c.pos();
    const Upos u = read_upos("a lexicon entry's UPOS");
    LexEntry e;
    e.count = c.u32("a lexicon entry's count");
    const auto form = c.str("a lexicon form");
    e.lemma = std::string(c.str("a lexicon lemma"));
    if (form.empty() || e.lemma.empty()) c.fail(at, "empty form or lemma in the lexicon");
    if (!model->lexicon_.emplace(upos_key(u, form), std::move(e)).second)
      c.fail(at, fmt::format("duplicate lexicon entry \"{}\"", form));
  }
  const std::size_t rules_at = c.pos();
  const std::uint32_t n_rules = c.u32("the number of suffix rules");
  if (n_rules != counts["suffix_rules"].GetUint64())
    c.fail(rules_at, fmt::format("{} suffix rules but the header says {}", n_rules,
                                 counts["suffix_rules"].GetUint64()));
  model->rules_.reserve(n_rules);
  for (std::uint32_t i = 0; i < n_rules; ++i) {
    const std::size_t at = c.pos();
    const Upos u = read_upos("a suffix rule's UPOS");
    Rule r;
    r.count = c.u32("a suffix rule's count");
    r.best = c.u32("a suffix rule's script count");
    const auto suffix = c.str("a suffix");
    const std::size_t mode_at = c.pos();
    const std::uint8_t mode = c.u8("a script's case mode");
    if (mode > 1) c.fail(mode_at, fmt::format("script case mode is {}, expected 0 or 1", mode));
    r.script.lower = mode == 1;
    r.script.strip = c.u32("a script's strip length");
    r.script.append = std::string(c.str("a script's appended text"));
    if (!model->rules_.emplace(upos_key(u, suffix), std::move(r)).second)
      c.fail(at, fmt::format("duplicate suffix rule \"{}\"", suffix));
  }
  modelfile::finish_model_file(c, kKind);
  return model;
}

// ---- the lemmatizer over a model ----

namespace {

class ModelLemmatizer final : public Lemmatizer {
 public:
  explicit ModelLemmatizer(std::shared_ptr<const LemmaModel> m) : model_(std::move(m)) {}
  std::string_view lemmatize(std::string_view word, Upos pos) override {
    model_->lemmatize(word, pos, scratch_, out_);
    return out_;
  }
  std::unique_ptr<Lemmatizer> clone() const override {
    return std::make_unique<ModelLemmatizer>(model_);
  }
  std::string id() const override { return "model-v1"; }

 private:
  std::shared_ptr<const LemmaModel> model_;
  LemmaModel::Scratch scratch_;
  std::string out_;
};

}  // namespace

std::unique_ptr<Lemmatizer> load_lemmatizer_model(const LemmatizerOptions& opts) {
  if (opts.model.empty())
    throw UsageError(
        "lemmatizer method \"model\" needs a model file (option model, or --model "
        "FILE); train one with `nlp lemmatize train --conllu FILE -o MODEL`");
  return std::make_unique<ModelLemmatizer>(LemmaModel::load(opts.model));
}

}  // namespace nlp::morph

// ---- training ----

namespace nlp {

namespace {

using morph::EditScript;

std::string header_json(const LemmaTrainOptions& o, const std::string& lang,
                        const LemmaTrainStats& st) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  modelfile::begin_header(w, "nlp.lemmatizer", morph::kKind.version);
  w.Key("lang");
  w.String(lang.c_str(), static_cast<rapidjson::SizeType>(lang.size()));
  w.Key("options");
  w.StartObject();
  w.Key("min_lexicon_count");
  w.Uint(o.min_lexicon_count);
  w.Key("max_suffix_length");
  w.Uint(o.max_suffix_length);
  w.Key("min_suffix_count");
  w.Uint(o.min_suffix_count);
  w.Key("count_tokens");
  w.Bool(o.count_tokens);
  w.Key("prune_lexicon");
  w.Bool(o.prune_lexicon);
  w.EndObject();
  w.Key("counts");
  w.StartObject();
  w.Key("examples");
  w.Uint64(st.examples);
  w.Key("skipped");
  w.Uint64(st.skipped);
  w.Key("lexicon");
  w.Uint64(st.lexicon_entries);
  w.Key("suffix_rules");
  w.Uint64(st.suffix_rules);
  w.EndObject();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace

LemmaTrainStats train_lemma_model(std::span<const LemmaExample> examples,
                                  const LemmaTrainOptions& opts, const std::string& lang,
                                  const std::filesystem::path& out) {
  if (opts.max_suffix_length == 0 || opts.max_suffix_length > morph::kMaxSuffixLimit)
    throw UsageError(fmt::format("max_suffix_length must be 1..{} (got {})", morph::kMaxSuffixLimit,
                                 opts.max_suffix_length));
  if (opts.min_lexicon_count == 0 || opts.min_suffix_count == 0)
    throw UsageError("min_lexicon_count and min_suffix_count must be at least 1");
  LemmaTrainStats st;
  st.examples = examples.size();

  // Lexicon counts per (UPOS, form); scripts per (UPOS, lowercased suffix). Each example is also
  // counted under Upos::none, so that untagged words get the lemma over all tags.
  std::map<std::string, std::map<std::string, std::uint32_t>> lex;
  std::map<std::string, std::map<std::string, std::uint32_t>> scripts;
  std::set<std::tuple<std::uint8_t, std::string, std::string>> seen_types;
  std::string lowered;
  for (const auto& ex : examples) {
    if (ex.form.empty() || ex.lemma.empty() || ex.lemma == "_" || !utf8::is_valid(ex.form) ||
        !utf8::is_valid(ex.lemma)) {
      ++st.skipped;
      continue;
    }
    morph::lower_utf8(ex.form, lowered);
    const EditScript s = morph::make_script(ex.form, lowered, ex.lemma);
    const std::string skey = morph::script_key(s);
    const auto starts = morph::suffix_starts(lowered, opts.max_suffix_length);
    const std::size_t n_tags = ex.upos == Upos::none ? 1 : 2;
    for (std::size_t t = 0; t < n_tags; ++t) {
      const Upos u = t == 0 ? ex.upos : Upos::none;
      ++lex[morph::upos_key(u, ex.form)][ex.lemma];
      if (!opts.count_tokens &&
          !seen_types.emplace(static_cast<std::uint8_t>(u), ex.form, ex.lemma).second)
        continue;
      for (const std::size_t b : starts)
        ++scripts[morph::upos_key(u, std::string_view(lowered).substr(b))][skey];
    }
  }
  if (st.skipped == st.examples)
    throw UsageError(st.examples == 0
                         ? "cannot train a lemmatizer on an empty training set"
                         : fmt::format("cannot train a lemmatizer: all {} examples lack a form or "
                                       "lemma or are not valid UTF-8",
                                       st.examples));

  // Suffix rules, shortest suffix first so that each class is compared with its nearest kept
  // ancestor: a class whose best script equals that ancestor's changes no prediction.
  struct Cand {
    std::string key;
    std::uint32_t total = 0, best = 0;
    std::string best_script;
  };
  std::vector<Cand> cands;
  cands.reserve(scripts.size());
  for (const auto& [key, by_script] : scripts) {
    Cand c{key, 0, 0, {}};
    for (const auto& [sk, n] : by_script) {
      c.total += n;
      if (n > c.best) {  // ties: the smaller key (map order) stays
        c.best = n;
        c.best_script = sk;
      }
    }
    cands.push_back(std::move(c));
  }
  auto cp_len = [](std::string_view key) { return utf8::count_code_points(key.substr(1)); };
  std::stable_sort(cands.begin(), cands.end(), [&](const Cand& a, const Cand& b) {
    const auto la = cp_len(a.key), lb = cp_len(b.key);
    return la != lb ? la < lb : a.key < b.key;
  });
  morph::LemmaModel model;
  model.max_suffix_ = opts.max_suffix_length;
  model.lang_ = lang;
  for (const auto& c : cands) {
    const std::string_view suffix = std::string_view(c.key).substr(1);
    if (!suffix.empty()) {
      if (c.total < opts.min_suffix_count) continue;
      // Nearest kept ancestor.
      const auto starts = morph::suffix_starts(suffix, opts.max_suffix_length);
      const morph::LemmaModel::Rule* parent = nullptr;
      for (std::size_t i = starts.size() - 1; i-- > 0 && !parent;) {
        const auto it =
            model.rules_.find(c.key.substr(0, 1) + std::string(suffix.substr(starts[i])));
        if (it != model.rules_.end()) parent = &it->second;
      }
      if (parent && morph::script_key(parent->script) == c.best_script) continue;
    }
    morph::LemmaModel::Rule r;
    r.count = c.total;
    r.best = c.best;
    r.script = morph::parse_script_key(c.best_script);
    model.rules_.emplace(c.key, std::move(r));
  }

  // Lexicon: most frequent lemma per (UPOS, form), ties to the smaller lemma. Lowercase forms are
  // decided first because a capitalized form without an entry falls back to its lowercase one.
  std::vector<std::pair<std::string, morph::LemmaModel::LexEntry>> entries;
  for (const auto& [key, by_lemma] : lex) {
    std::uint32_t total = 0;
    morph::LemmaModel::LexEntry e;
    for (const auto& [lemma, n] : by_lemma) {
      total += n;
      if (n > e.count) {
        e.count = n;
        e.lemma = lemma;
      }
    }
    if (total < opts.min_lexicon_count) continue;
    entries.emplace_back(key, std::move(e));
  }
  morph::LemmaModel::Scratch sc;
  std::string predicted;
  std::vector<char> is_lower(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string_view form = std::string_view(entries[i].first).substr(1);
    morph::lower_utf8(form, lowered);
    is_lower[i] = lowered == form;
  }
  for (const bool lower_pass : {true, false}) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (static_cast<bool>(is_lower[i]) != lower_pass) continue;
      auto& [key, e] = entries[i];
      const auto pos = static_cast<Upos>(key[0]);
      const std::string_view form = std::string_view(key).substr(1);
      if (opts.prune_lexicon) {
        // What the model would give without this entry.
        if (const std::string* fallback = model.lookup(form, pos, sc))
          predicted = *fallback;
        else if (!model.lemmatize_by_rules(form, pos, sc, predicted))
          predicted = form;
        if (predicted == e.lemma) continue;
      }
      model.lexicon_.emplace(key, e);
    }
  }
  st.lexicon_entries = model.lexicon_.size();
  st.suffix_rules = model.rules_.size();

  // Serialize in sorted order so that training is byte-for-byte reproducible.
  std::map<std::string, const morph::LemmaModel::LexEntry*> lex_sorted;
  for (const auto& [k, e] : model.lexicon_) lex_sorted.emplace(k, &e);
  std::map<std::string, const morph::LemmaModel::Rule*> rules_sorted;
  for (const auto& [k, r] : model.rules_) rules_sorted.emplace(k, &r);

  modelfile::ByteWriter payload;
  payload.u32(static_cast<std::uint32_t>(lex_sorted.size()));
  for (const auto& [k, e] : lex_sorted) {
    payload.u8(static_cast<std::uint8_t>(k[0]));
    payload.u32(e->count);
    payload.str(std::string_view(k).substr(1));
    payload.str(e->lemma);
  }
  payload.u32(static_cast<std::uint32_t>(rules_sorted.size()));
  for (const auto& [k, r] : rules_sorted) {
    payload.u8(static_cast<std::uint8_t>(k[0]));
    payload.u32(r->count);
    payload.u32(r->best);
    payload.str(std::string_view(k).substr(1));
    payload.u8(r->script.lower ? 1 : 0);
    payload.u32(r->script.strip);
    payload.str(r->script.append);
  }
  // The header's byte count is only known once the header is written; it does not count itself.
  const std::string header = header_json(opts, lang, st);
  const std::string file = modelfile::assemble_model_file(morph::kKind, header, payload.buf);
  st.bytes = file.size();
  modelfile::write_file_atomically(out.string(), file, morph::kKind.noun);
  return st;
}

}  // namespace nlp
