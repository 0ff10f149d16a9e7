// nlp tokenize: one output record per input document, tokens joined by spaces (or JSONL with
// byte spans, TSV, CSV, CoNLL-U).

#include "command.hpp"
#include "common.hpp"
#include "nlp/pipeline/pipeline.hpp"

namespace nlp::cli {

int cmd_tokenize(int argc, char** argv) {
  po::options_description desc;
  po::options_description out("output");
  out.add_options()("format,f", po::value<std::string>()->default_value("text"),
                    "text (tokens joined by spaces, a line per document) | jsonl (tokens and byte "
                    "spans) | tsv | csv | conllu");
  desc.add(tokenizer_options("whitespace")).add(input_options()).add(out).add(run_options());
  const Help help{
      "nlp tokenize [options] [FILE...]",
      "Split each document (by default each line) into tokens, in input order.",
      "nlp tokenize --tokenizer treebank corpus.txt > tokens.txt\n"
      "nlp tokenize -t icu-word --lang ja --format jsonl ja.txt\n"
      "zcat news.jsonl.gz | nlp tokenize -t ud --input-format jsonl --field body --threads 4"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  PipelineConfig cfg;
  apply_tokenizer_options(vm, cfg.tokenizer);
  const Pipeline pipeline(cfg);
  return run_pipeline(argv[0], files, vm, pipeline);
}

}  // namespace nlp::cli
