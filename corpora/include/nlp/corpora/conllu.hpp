#pragma once
// CoNLL-U reader (https://universaldependencies.org/format.html): sentences with their
// comments, surface tokens (multiword tokens as one token) and syntactic words.
//   ConlluReader r(open_byte_source("en_ewt-ud-test.conllu"), "en_ewt-ud-test.conllu", opts);
//   (open_byte_source: byte_source.hpp; or simply open_conllu(path, opts) below)
//   for (ConlluSentence s; r.next(s);) { s.text; s.tokens; }
// Not thread-safe. next() throws InputError naming file, line and column for malformed lines
// (wrong column count, bad ID, ranges that do not cover the following words...), unless
// on_error is skip, in which case the sentence is skipped and counted.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nlp/corpora/document.hpp"
#include "nlp/corpora/reader.hpp"

namespace nlp::corpora {

class ByteSource;

struct ConlluWord {
  std::string id;  // "3", or "3.1" for an empty node
  std::string form, lemma, upos, xpos, feats, head, deprel, deps, misc;
};

// A surface token: a multiword token (ID range "1-2") or a word outside any range.
struct ConlluToken {
  std::string form;
  bool space_after = true;   // false when MISC has SpaceAfter=No
  std::string spaces_after;  // MISC SpacesAfter=..., unescaped (\s \t \n \r \p \\ \uXXXX); "" if absent
  bool multiword = false;
  std::uint32_t first_word = 0, last_word = 0;  // indexes into ConlluSentence::words
};

struct ConlluSentence {
  std::string sent_id;                // "# sent_id = ..." ("" if absent)
  std::string text;                   // "# text = ..." ("" if absent)
  bool new_document = false;          // "# newdoc" seen before this sentence
  bool new_paragraph = false;         // "# newpar" seen before this sentence
  std::vector<std::string> comments;  // all comment lines, without "# "
  std::vector<ConlluToken> tokens;
  std::vector<ConlluWord> words;      // empty nodes (ID n.m) excluded
  SourcePos pos;                      // the sentence's first line
  SourcePos text_pos;                 // where the value of "# text" starts (line 0 if absent)

  // The surface text rebuilt from tokens and SpaceAfter=No (what # text should equal): a token
  // is followed by its SpacesAfter string if it has one, by nothing if SpaceAfter=No, else by
  // one space; nothing follows the last token.
  std::string reconstructed_text() const;
};

class ConlluReader {
 public:
  ConlluReader(std::unique_ptr<ByteSource> src, std::string display_name, const ReaderOptions& opts);
  ~ConlluReader();
  bool next(ConlluSentence& sentence);
  const ReadStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Opens `path` ("-" = stdin) for CoNLL-U reading. Throws IoError.
std::unique_ptr<ConlluReader> open_conllu(const std::string& path, const ReaderOptions& opts);

}  // namespace nlp::corpora
