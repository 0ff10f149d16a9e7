// nlp: classical NLP and text-generation metrics from the command line.
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options/errors.hpp>
#include <fmt/format.h>

#include "command.hpp"
#include "nlp/error.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/tokenize/tokenizer.hpp"
#include "nlp/version.hpp"

namespace {

using nlp::cli::Command;

const Command kCommands[] = {
    {"tokenize", "split text into tokens (treebank, word, regex, icu-word, tweet, ud, ...)", nlp::cli::cmd_tokenize},
    {"sentences", "split text into sentences (ICU rules and abbreviation lists)", nlp::cli::cmd_sentences},
    {"preprocess", "normalize, tokenize and filter a corpus in batch", nlp::cli::cmd_preprocess},
    {"stem", "stem words (Snowball via libstemmer, NLTK's Porter and Lancaster)", nlp::cli::cmd_stem},
    {"lemmatize", "lemmatize words (English WordNet, Spanish dictionary, trained models)", nlp::cli::cmd_lemmatize},
    {"lemmatize train", "train a lemmatizer model on CoNLL-U lemmas (any language)", nlp::cli::cmd_lemmatize_train},
    {"vectorize", "document-term matrices: count, tfidf (scikit-learn's vectorizers)", nlp::cli::cmd_vectorize},
    {"eval tokenize", "score a tokenizer against a CoNLL-U treebank (CoNLL 2018 F1)", nlp::cli::cmd_eval_tokenize},
    {"eval lemmatize", "lemma accuracy against a CoNLL-U treebank, per UPOS", nlp::cli::cmd_eval_lemmatize},
    {"stats", "corpus statistics: types, hapaxes, lengths, frequent n-grams, Zipf fit, SVG plots", nlp::cli::cmd_stats},
    {"ngrams", "count word or character n-grams with document frequencies (top-k, min-count)", nlp::cli::cmd_ngrams},
    {"collocations", "score word pairs: PMI, NPMI, log-likelihood, chi-square, t, Dice (NLTK-compatible)", nlp::cli::cmd_collocations},
    {"phrases", "detect phrases as gensim's Phrases does and join them in the corpus (new_york)", nlp::cli::cmd_phrases},
    {"train word2vec", "train word2vec vectors: skip-gram or CBOW, negative sampling or hierarchical softmax", nlp::cli::cmd_train_word2vec},
    {"train fasttext", "train fastText-style vectors with character n-grams (vectors for unknown words)", nlp::cli::cmd_train_fasttext},
    {"train glove", "train GloVe vectors: co-occurrence counting and weighted least squares", nlp::cli::cmd_train_glove},
    {"vectors similar", "nearest words to a word or a sum of words (word2vec, GloVe, fastText vectors)", nlp::cli::cmd_vectors_similar},
    {"vectors analogy", "A is to B as C is to ? by 3CosAdd or 3CosMul", nlp::cli::cmd_vectors_analogy},
    {"vectors similarity", "cosine similarity of word pairs", nlp::cli::cmd_vectors_similarity},
    {"vectors evaluate", "analogy accuracy and word-pair correlations, as gensim evaluates them", nlp::cli::cmd_vectors_evaluate},
    {"vectors convert", "convert word vectors: word2vec text or binary, GloVe text, nlp", nlp::cli::cmd_vectors_convert},
    {"vectors normalize", "write word vectors scaled to unit length", nlp::cli::cmd_vectors_normalize},
    {"score bleu", "corpus BLEU with sacreBLEU's signature (13a, intl, char, zh tokenizers)", nlp::cli::cmd_score_bleu},
    {"score chrf", "chrF and chrF++ character n-gram F-scores (sacreBLEU)", nlp::cli::cmd_score_chrf},
    {"score ter", "translation edit rate with shifts (sacreBLEU's TER)", nlp::cli::cmd_score_ter},
    {"score rouge", "ROUGE-1/2/L/Lsum as Google's rouge-score, plus ROUGE-W/S/SU", nlp::cli::cmd_score_rouge},
    {"score meteor", "METEOR with stem and WordNet synonym matches (NLTK's meteor_score)", nlp::cli::cmd_score_meteor},
    {"score cider", "CIDEr-D and CIDEr for captions (pycocoevalcap)", nlp::cli::cmd_score_cider},
    {"compare", "paired bootstrap / approximate randomization of systems against a baseline", nlp::cli::cmd_compare},
};

void print_usage() {
  std::cout << "usage: nlp <command> [options] [FILE...]\n"
               "Classical NLP and text-generation metrics; reads stdin and writes stdout by default.\n\n"
               "commands:\n";
  for (const auto& c : kCommands) std::cout << fmt::format("  {:<20}{}\n", c.name, c.summary);
  std::cout << "\n'nlp <command> --help' describes a command. 'nlp --version' lists format versions.\n"
               "example: nlp tokenize --tokenizer treebank corpus.txt > tokens.txt\n";
}

void print_version() {
  std::cout << "nlp " << nlp::kVersion << "\n";
  std::cout << "formats: nlp.pipeline " << nlp::kPipelineFormatVersion << ", nlp.lemmatizer 1, nlp.vectorizer 1, nlp.phrases 1, nlp.word_vectors 1\n";
  std::cout << "tokenizers:";
  for (const auto name : nlp::tokenizer_names()) {
    nlp::TokenizerOptions o;
    o.name = std::string(name);
    std::cout << " " << nlp::make_tokenizer(o)->id();
  }
  std::cout << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    print_usage();
    return 2;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage();
    return 0;
  }
  if (first == "--version" || first == "-V") {
    print_version();
    return 0;
  }
  // Longest command name that matches the leading arguments ("eval tokenize").
  const Command* cmd = nullptr;
  int words = 0;
  for (const auto& c : kCommands) {
    std::vector<std::string> parts;
    for (std::size_t i = 0, j; i <= c.name.size(); i = j + 1) {
      j = std::min(c.name.find(' ', i), c.name.size());
      parts.emplace_back(c.name.substr(i, j - i));
    }
    if (static_cast<int>(parts.size()) >= argc) continue;
    bool match = true;
    for (std::size_t k = 0; k < parts.size(); ++k) match &= parts[k] == argv[1 + k];
    if (match && static_cast<int>(parts.size()) > words) {
      cmd = &c;
      words = static_cast<int>(parts.size());
    }
  }
  if (!cmd) {
    std::cerr << "nlp: error: unknown command '" << first << "'\n\n";
    print_usage();
    return 2;
  }
  const std::string name = "nlp " + std::string(cmd->name);
  std::vector<char*> args;
  args.push_back(const_cast<char*>(name.c_str()));
  for (int i = 1 + words; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  try {
    const int rc = cmd->run(static_cast<int>(args.size()) - 1, args.data());
    std::fflush(stdout);
    return rc;
  } catch (const boost::program_options::error& e) {
    std::cerr << name << ": error: " << e.what() << "\n  (see '" << name << " --help')\n";
    return 2;
  } catch (const nlp::UsageError& e) {
    std::cerr << name << ": error: " << e.what() << "\n  (see '" << name << " --help')\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << name << ": error: " << e.what() << "\n";
    return 1;
  }
}
