#pragma once
// The subcommands of `nlp`. Each takes the arguments after its name (argv[0] is the command
// path, e.g. "nlp tokenize") and returns the exit code; errors are thrown and reported by main.
#include <string_view>

namespace nlp::cli {

using CommandFn = int (*)(int argc, char** argv);

struct Command {
  std::string_view name;     // "tokenize", "eval tokenize"
  std::string_view summary;  // one line for `nlp --help`
  CommandFn run;
};

int cmd_tokenize(int argc, char** argv);
int cmd_sentences(int argc, char** argv);
int cmd_preprocess(int argc, char** argv);
int cmd_eval_tokenize(int argc, char** argv);
int cmd_stem(int argc, char** argv);
int cmd_lemmatize(int argc, char** argv);
int cmd_lemmatize_train(int argc, char** argv);
int cmd_eval_lemmatize(int argc, char** argv);
int cmd_stats(int argc, char** argv);
int cmd_vectorize(int argc, char** argv);
int cmd_ngrams(int argc, char** argv);
int cmd_collocations(int argc, char** argv);
int cmd_phrases(int argc, char** argv);
int cmd_train_word2vec(int argc, char** argv);
int cmd_train_fasttext(int argc, char** argv);
int cmd_train_glove(int argc, char** argv);
int cmd_vectors_similar(int argc, char** argv);
int cmd_vectors_analogy(int argc, char** argv);
int cmd_vectors_similarity(int argc, char** argv);
int cmd_vectors_evaluate(int argc, char** argv);
int cmd_vectors_convert(int argc, char** argv);
int cmd_vectors_normalize(int argc, char** argv);
int cmd_score_bleu(int argc, char** argv);
int cmd_score_chrf(int argc, char** argv);
int cmd_score_ter(int argc, char** argv);
int cmd_score_rouge(int argc, char** argv);
int cmd_score_meteor(int argc, char** argv);
int cmd_score_cider(int argc, char** argv);
int cmd_compare(int argc, char** argv);

}  // namespace nlp::cli
