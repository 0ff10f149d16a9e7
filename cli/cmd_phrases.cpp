// nlp phrases: gensim-style phrase detection. Learns which adjacent tokens form phrases and
// rewrites the corpus with them joined ("new_york"), or applies a saved model.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/output.hpp"
#include "nlp/error.hpp"
#include "nlp/ngrams/phrases.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/util/hash.hpp"

namespace nlp::cli {
namespace {

// The corpus as token ids, documents back to back; each distinct token stored once.
class TokenCorpus {
 public:
  std::uint32_t intern(std::string_view w) {
    const auto it = index_.find(w);
    if (it != index_.end()) return it->second;
    words_.push_back(std::make_unique<std::string>(w));
    const auto id = static_cast<std::uint32_t>(words_.size() - 1);
    index_.emplace(*words_.back(), id);
    return id;
  }
  void add_token(std::string_view w) { ids_.push_back(intern(w)); }
  void end_document() { ends_.push_back(ids_.size()); }
  std::size_t documents() const noexcept { return ends_.size(); }
  std::uint64_t tokens() const noexcept { return ids_.size(); }
  // Document d's tokens as views (valid while the corpus lives).
  void document(std::size_t d, std::vector<std::string_view>& out) const {
    out.clear();
    for (std::size_t k = d == 0 ? 0 : ends_[d - 1]; k < ends_[d]; ++k) out.push_back(*words_[ids_[k]]);
  }

 private:
  std::vector<std::unique_ptr<std::string>> words_;  // stable addresses for the index's views
  std::unordered_map<std::string_view, std::uint32_t, StringHash, std::equal_to<>> index_;
  std::vector<std::uint32_t> ids_;
  std::vector<std::size_t> ends_;
};

void append_line(std::string& out, const std::vector<std::string>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i) out += ' ';
    out += tokens[i];
  }
  out += '\n';
}

// Applies the layers in order (the output of one is the input of the next).
void apply_layers(const std::vector<ngrams::PhraseModel>& layers, std::span<const std::string_view> tokens,
                  std::vector<std::string>& out, std::vector<std::string>& tmp, std::vector<std::string_view>& views) {
  out.assign(tokens.begin(), tokens.end());
  for (const ngrams::PhraseModel& m : layers) {
    views.assign(out.begin(), out.end());
    m.apply(views, tmp);
    out.swap(tmp);
  }
}

// TSV: layer, phrase, score; by score descending, then phrase.
std::string export_table(const std::vector<ngrams::PhraseModel>& layers) {
  std::string out = "layer\tphrase\tscore\n";
  for (std::size_t l = 0; l < layers.size(); ++l) {
    std::vector<const ngrams::ScoredPhrase*> sorted;
    for (const auto& p : layers[l].phrases()) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->score > b->score; });
    for (const auto* p : sorted) fmt::format_to(std::back_inserter(out), "{}\t{}\t{:.17g}\n", l + 1, p->phrase, p->score);
  }
  return out;
}

void write_text_file(const std::string& path, std::string_view text) {
  corpora::OutputFile f(path);
  f.write(text);
  f.commit();
}

}  // namespace

int cmd_phrases(int argc, char** argv) {
  po::options_description opts("phrases");
  opts.add_options()
      ("min-count", po::value<std::uint64_t>()->default_value(5), "ignore tokens and pairs seen fewer times (gensim min_count)")
      ("threshold", po::value<double>(), "score a pair must exceed (default 10 for default scoring, 0.5 for npmi)")
      ("scoring", po::value<std::string>()->default_value("default"), "default (gensim's original_scorer) | npmi")
      ("delimiter", po::value<std::string>()->default_value("_"), "joins the words of a phrase")
      ("connector-words", po::value<std::string>()->default_value("none"),
       "none | english (gensim's ENGLISH_CONNECTOR_WORDS) | FILE (one per line): words allowed inside phrases")
      ("max-vocab-size", po::value<std::uint64_t>()->default_value(40'000'000), "prune counts beyond this many entries (gensim)")
      ("passes", po::value<std::size_t>()->default_value(1), "learn and apply this many times (2 gives up to 4-word phrases)")
      ("model-out", po::value<std::string>(), "save the learned phrases (nlp.phrases JSON)")
      ("model", po::value<std::string>(), "apply a saved model instead of learning")
      ("export", po::value<std::string>(), "write the phrases as TSV: layer, phrase, score");
  po::options_description desc;
  desc.add(opts).add(tokenizer_options("whitespace")).add(pipeline_options()).add(input_options()).add(run_options());
  const Help help{
      "nlp phrases [options] [FILE...]",
      "Detect phrases as gensim's Phrases does and rewrite the corpus with them joined (new_york),\n"
      "one document per line, tokens separated by spaces; or apply a saved model (--model).",
      "nlp phrases --min-count 5 --threshold 10 --connector-words english --model-out p.json -o joined.txt corpus.txt\n"
      "nlp phrases --scoring npmi --threshold 0.5 --passes 2 -t treebank --case lower -o joined.txt corpus.txt\n"
      "nlp phrases --model p.json -o joined-new.txt new.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;
  const auto start = std::chrono::steady_clock::now();
  RunOptions run = run_options(vm);

  if (vm.count("model")) {
    for (const char* flag : {"min-count", "threshold", "scoring", "delimiter", "connector-words", "max-vocab-size",
                             "passes", "model-out", "config", "tokenizer"})
      if (given(vm, flag))
        throw UsageError(fmt::format("--{} cannot be combined with --model: the model fixes it", flag));
    const std::string path = vm["model"].as<std::string>();
    std::string pipeline_json;
    const std::vector<ngrams::PhraseModel> layers =
        ngrams::phrase_models_from_json(read_small_file(path), path, pipeline_json);
    PipelineConfig cfg;
    try {
      cfg = PipelineConfig::from_json(pipeline_json);
    } catch (const FormatError& e) {
      throw FormatError(fmt::format("{}: \"pipeline\": {}", path, e.what()));
    }
    const Pipeline pipeline(cfg);
    std::vector<PipelineScratch> scratch(run.threads);
    struct WorkerState {
      std::vector<std::string_view> tokens, views;
      std::vector<std::string> out, tmp;
    };
    std::vector<WorkerState> state(run.threads);
    RunSummary summary = run_documents(
        argv[0], files, reader_options(vm), run,
        [&](const corpora::Document& doc, std::size_t worker, std::string& out, DocCounts& counts) {
          PipelineScratch& s = scratch[worker];
          WorkerState& w = state[worker];
          pipeline.process(doc.text, s);
          w.tokens.clear();
          for (const Token& t : s.tokens()) w.tokens.push_back(t.text);
          apply_layers(layers, w.tokens, w.out, w.tmp, w.views);
          append_line(out, w.out);
          counts.tokens += w.out.size();
        });
    if (vm.count("export")) write_text_file(vm["export"].as<std::string>(), export_table(layers));
    summary.print(run);
    return 0;
  }

  ngrams::PhrasesOptions po_opts;
  po_opts.min_count = vm["min-count"].as<std::uint64_t>();
  po_opts.scoring = ngrams::parse_phrase_scoring(vm["scoring"].as<std::string>());
  po_opts.threshold = vm.count("threshold") ? vm["threshold"].as<double>()
                                            : (po_opts.scoring == ngrams::PhraseScoring::kNpmi ? 0.5 : 10.0);
  po_opts.delimiter = vm["delimiter"].as<std::string>();
  po_opts.max_vocab_size = vm["max-vocab-size"].as<std::uint64_t>();
  const std::string connectors = vm["connector-words"].as<std::string>();
  if (connectors == "english") {
    po_opts.connector_words = ngrams::english_connector_words();
  } else if (connectors != "none") {
    std::string text = read_small_file(connectors);
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      std::string w = text.substr(pos, end - pos);
      if (!w.empty() && w.back() == '\r') w.pop_back();
      if (!w.empty() && w[0] != '#') po_opts.connector_words.push_back(w);
      pos = end + 1;
    }
  }
  const std::size_t passes = vm["passes"].as<std::size_t>();
  if (passes < 1 || passes > 8) throw UsageError(fmt::format("--passes: expected 1 to 8, got {}", passes));
  (void)ngrams::PhrasesLearner{po_opts};  // validates the options before any input is read

  const PipelineConfig cfg = pipeline_config(vm);
  const Pipeline pipeline(cfg);
  // Tokenize everything once (the passes read the corpus several times).
  TokenCorpus corpus;
  RunSummary summary;
  {
    const std::string output = run.output;
    run.output = "-";
    std::vector<PipelineScratch> scratch(run.threads);
    // Documents are tokenized on the workers; the consumer interns them in input order.
    struct Tokens {
      std::string text;                  // the tokens back to back
      std::vector<std::uint32_t> sizes;  // byte length of each token
      std::vector<std::uint32_t> per_document;
      void clear() {
        text.clear();
        sizes.clear();
        per_document.clear();
      }
    };
    summary = reduce_documents<Tokens>(
        argv[0], files, reader_options(vm), run,
        [&](std::vector<corpora::Document>& docs, std::size_t n, std::size_t worker, Tokens& t, DocCounts& counts) {
          for (std::size_t i = 0; i < n; ++i) {
            pipeline.process(docs[i].text, scratch[worker]);
            for (const Token& tok : scratch[worker].tokens()) {
              t.text.append(tok.text);
              t.sizes.push_back(static_cast<std::uint32_t>(tok.text.size()));
            }
            t.per_document.push_back(static_cast<std::uint32_t>(scratch[worker].tokens().size()));
            counts.tokens += scratch[worker].tokens().size();
          }
        },
        [&](Tokens& t) {
          std::size_t pos = 0, k = 0;
          for (const std::uint32_t n : t.per_document) {
            for (std::uint32_t i = 0; i < n; ++i, ++k) {
              corpus.add_token(std::string_view(t.text).substr(pos, t.sizes[k]));
              pos += t.sizes[k];
            }
            corpus.end_document();
          }
        });
    run.output = output;
  }

  std::vector<ngrams::PhraseModel> layers;
  TokenCorpus current = std::move(corpus);
  std::vector<std::string_view> doc;
  corpora::OutputFile out(run.output);
  for (std::size_t pass = 0; pass < passes; ++pass) {
    ngrams::PhrasesLearner learner(po_opts);
    for (std::size_t d = 0; d < current.documents(); ++d) {
      current.document(d, doc);
      learner.add_sentence(doc);
    }
    // The frozen layers are what --model-out and --export write (scoring every entry of the
    // count table takes time, so only when asked).
    if (vm.count("model-out") || vm.count("export")) layers.push_back(learner.freeze());
    // Rewritten with the learner itself (gensim's Phrases[sentence]; the frozen layer agrees on
    // every candidate of this corpus), in blocks of documents on the worker threads; the last
    // pass writes text, the others feed the next pass.
    const bool last = pass + 1 == passes;
    struct Block {
      std::size_t begin = 0, end = 0;
      std::string text;
      std::vector<std::uint32_t> sizes, per_document;
      void clear() {
        text.clear();
        sizes.clear();
        per_document.clear();
      }
    };
    struct Worker {
      std::vector<std::string_view> doc;
      std::vector<std::string> out;
    };
    std::vector<Worker> workers(std::max<std::size_t>(1, run.threads));
    TokenCorpus next;
    std::size_t cursor = 0;
    run_ordered<Block>(
        run.threads,
        [&](Block& b) {
          b.begin = cursor;
          b.end = std::min(current.documents(), cursor + 4096);
          cursor = b.end;
          return b.begin < b.end;
        },
        [&](Block& b, std::size_t worker) {
          Worker& w = workers[worker];
          for (std::size_t d = b.begin; d < b.end; ++d) {
            current.document(d, w.doc);
            learner.apply(w.doc, w.out);
            if (last) {
              append_line(b.text, w.out);
              continue;
            }
            for (const std::string& t : w.out) {
              b.text += t;
              b.sizes.push_back(static_cast<std::uint32_t>(t.size()));
            }
            b.per_document.push_back(static_cast<std::uint32_t>(w.out.size()));
          }
        },
        [&](Block& b) {
          if (last) {
            out.write(b.text);
            return;
          }
          std::size_t pos = 0, k = 0;
          for (const std::uint32_t n : b.per_document) {
            for (std::uint32_t i = 0; i < n; ++i, ++k) {
              next.add_token(std::string_view(b.text).substr(pos, b.sizes[k]));
              pos += b.sizes[k];
            }
            next.end_document();
          }
        });
    if (!last) current = std::move(next);
  }
  out.commit();
  if (vm.count("model-out"))
    write_text_file(vm["model-out"].as<std::string>(), ngrams::phrase_models_to_json(layers, cfg.to_json()) + "\n");
  if (vm.count("export")) write_text_file(vm["export"].as<std::string>(), export_table(layers));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.text_extra = fmt::format("{} pass{}", passes, passes == 1 ? "" : "es");
  summary.json_extra = fmt::format("\"passes\": {}", passes);
  if (!layers.empty()) {
    std::size_t n_phrases = 0;
    for (const auto& l : layers) n_phrases += l.phrases().size();
    summary.text_extra += fmt::format(", {} phrases", n_phrases);
    summary.json_extra += fmt::format(", \"phrases\": {}", n_phrases);
  }
  summary.print(run);
  return 0;
}

}  // namespace nlp::cli
