// nlp sentences: one sentence per output line (optionally tokenized), or JSONL with spans.
#include <fmt/format.h>

#include "command.hpp"
#include "common.hpp"
#include "nlp/corpora/writer.hpp"
#include "nlp/error.hpp"
#include "nlp/tokenize/sentence_splitter.hpp"
#include "nlp/tokenize/tokenizer.hpp"

namespace nlp::cli {
namespace {

// Writes `s` on one line: line breaks inside a sentence become spaces.
void append_one_line(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      out.push_back(' ');
    } else if (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9") {
      out.push_back(' ');
      i += 2;
    } else if (s.substr(i, 2) == "\xC2\x85") {
      out.push_back(' ');
      i += 1;
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

int cmd_sentences(int argc, char** argv) {
  po::options_description opts("sentences");
  opts.add_options()
      ("lang,l", po::value<std::string>()->default_value("en"),
       "language: ICU rules plus abbreviation lists for en and es")
      ("tokenizer,t", po::value<std::string>(), "also tokenize each sentence (tokens joined by spaces)")
      ("format,f", po::value<std::string>()->default_value("text"),
       "text (a sentence per line) | jsonl ({\"id\", \"sentences\", \"spans\"[, \"tokens\"]})")
      ("separator", po::value<std::string>()->default_value("none"),
       "text: none | blank (an empty line after each document's sentences)");
  po::options_description desc;
  desc.add(opts).add(input_options()).add(run_options());
  const Help help{"nlp sentences [options] [FILE...]",
                  "Split documents into sentences (ICU sentence breaks corrected with abbreviation lists).",
                  "nlp sentences --lang es --input-format paragraphs novela.txt\n"
                  "nlp sentences --tokenizer treebank --separator blank article.txt"};
  po::variables_map vm;
  std::vector<std::string> files;
  if (!parse_command_line(argc, argv, desc, help, vm, &files)) return 0;

  const std::string lang = vm["lang"].as<std::string>();
  const SentenceSplitter splitter(lang);
  std::unique_ptr<Tokenizer> tokenizer;
  if (vm.count("tokenizer")) {
    TokenizerOptions to;
    to.name = vm["tokenizer"].as<std::string>();
    to.lang = lang;
    tokenizer = make_tokenizer(to);
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "jsonl")
    throw UsageError(fmt::format("--format: choose text or jsonl, not {:?}", format));
  const std::string sep = vm["separator"].as<std::string>();
  if (sep != "none" && sep != "blank")
    throw UsageError(fmt::format("--separator: choose none or blank, not {:?}", sep));
  const bool jsonl = format == "jsonl", blank = sep == "blank";
  const RunOptions run = run_options(vm);
  struct Scratch {
    std::vector<ByteSpan> spans;
    TokenBuffer tokens;
  };
  std::vector<Scratch> scratch(run.threads);

  RunSummary summary = run_documents(
      argv[0], files, reader_options(vm), run,
      [&](const corpora::Document& doc, std::size_t worker, std::string& out, DocCounts& counts) {
        Scratch& s = scratch[worker];
        s.spans.clear();
        splitter.split(doc.text, 0, s.spans);
        counts.sentences += s.spans.size();
        auto sentence_tokens = [&](const ByteSpan& sp) {
          s.tokens.clear();
          tokenizer->tokenize(std::string_view(doc.text).substr(sp.begin, sp.size()), sp.begin, s.tokens);
          counts.tokens += s.tokens.tokens.size();
        };
        if (!jsonl) {
          for (const auto& sp : s.spans) {
            if (tokenizer) {
              sentence_tokens(sp);
              bool first = true;
              for (const auto& t : s.tokens.tokens) {
                if (!first) out.push_back(' ');
                append_one_line(out, t.text);
                first = false;
              }
            } else {
              append_one_line(out, std::string_view(doc.text).substr(sp.begin, sp.size()));
            }
            out.push_back('\n');
          }
          if (blank) out.push_back('\n');
          return;
        }
        out += "{\"id\": ";
        corpora::append_json_string(out, doc.id);
        out += ", \"sentences\": [";
        for (std::size_t i = 0; i < s.spans.size(); ++i) {
          if (i) out += ", ";
          corpora::append_json_string(out, std::string_view(doc.text).substr(s.spans[i].begin, s.spans[i].size()));
        }
        out += "], \"spans\": [";
        for (std::size_t i = 0; i < s.spans.size(); ++i)
          out += fmt::format("{}[{}, {}]", i ? ", " : "", s.spans[i].begin, s.spans[i].end);
        out += "]";
        if (tokenizer) {
          out += ", \"tokens\": [";
          for (std::size_t i = 0; i < s.spans.size(); ++i) {
            sentence_tokens(s.spans[i]);
            out += i ? ", [" : "[";
            for (std::size_t k = 0; k < s.tokens.tokens.size(); ++k) {
              if (k) out += ", ";
              corpora::append_json_string(out, s.tokens.tokens[k].text);
            }
            out += "]";
          }
          out += "]";
        }
        out += "}\n";
      });
  summary.json_extra = fmt::format("\"splitter\": \"{}\"", splitter.id());
  summary.print(run);
  return 0;
}

}  // namespace nlp::cli
