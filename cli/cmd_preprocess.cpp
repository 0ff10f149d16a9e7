// nlp preprocess: normalize -> tokenize -> filters over a corpus, configured by flags or a JSON
// file; --print-config shows the effective configuration that models store.
#include <iostream>

#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/error.hpp"
#include "nlp/pipeline/pipeline.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::cli {

int cmd_preprocess(int argc, char** argv) {
  po::options_description cfg_opts("configuration");
  cfg_opts.add_options()
      ("print-config", "print the effective configuration as JSON and exit")
      ("list-stopwords", "list the bundled stopword lists and exit");
  po::options_description out("output");
  out.add_options()("format,f", po::value<std::string>()->default_value("text"),
                    "text | jsonl (tokens and byte spans) | tsv | csv | conllu");
  po::options_description desc;
  desc.add(cfg_opts).add(pipeline_options()).add(tokenizer_options("regex")).add(input_options()).add(out).add(run_options());
  const Help help{
      "nlp preprocess [options] [FILE...]",
      "Normalize, tokenize and filter documents in batch; output in input order for any --threads.",
      "nlp preprocess -t treebank --case lower --stopwords en --punctuation drop corpus.txt\n"
      "nlp preprocess --config prep.json --threads 0 -o clean.txt big.txt.gz\n"
      "nlp preprocess -t tweet --urls replace --mentions replace --print-config > prep.json\n"
      "nlp preprocess -t ud --lang es --case lower --stem snowball corpus.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  if (vm.count("list-stopwords")) {
    for (const auto& name : stopword_list_names())
      std::cout << name << "\t" << stopword_list(name).size() << "\n";
    return 0;
  }

  const PipelineConfig cfg = pipeline_config(vm);
  const Pipeline pipeline(cfg);  // validates everything before any input is read
  if (vm.count("print-config")) {
    std::cout << cfg.to_json(true) << "\n";
    return 0;
  }
  return run_pipeline(argv[0], files, vm, pipeline);
}

}  // namespace nlp::cli
