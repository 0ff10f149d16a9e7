#pragma once
// Reading and writing word vectors:
// - word2vec text: a header line "WORDS DIM", then "word v1 ... vDIM" per line (fastText's .vec
//   files are the same format). Values are written as the shortest text that reads back as the
//   same float32.
// - word2vec binary: the same header, then per word its bytes, a space, DIM little-endian
//   float32 values and a newline (what word2vec -binary 1 writes and gensim's
//   load_word2vec_format(binary=True) reads).
// - GloVe text: "word v1 ... vDIM" lines without a header.
// - nlp: the project's format-versioned container (docs/formats/word-vectors.md), also holding
//   a JSON object of training information.
// Readers check everything (counts, numbers, UTF-8 words, duplicates, truncation) and throw
// FormatError naming the file, line or byte and what was expected; writers replace the file
// only once it is whole (IoError when they cannot).
//   nlp::embed::WordVectors v = nlp::embed::read_vectors("model.vec");
//   nlp::embed::write_vectors(v, "model.bin", nlp::embed::VectorFormat::word2vec_binary);
// Thread-safe (no shared state).
#include <optional>
#include <string>
#include <string_view>

#include "nlp/embed/subword.hpp"
#include "nlp/embed/word_vectors.hpp"

namespace nlp::embed {

enum class VectorFormat { word2vec_text, word2vec_binary, glove_text, nlp };
const char* to_string(VectorFormat f);
// word2vec|text|vec, binary|bin, glove, nlp; else UsageError.
VectorFormat parse_vector_format(std::string_view s);

// The format of file contents: the nlp container by its magic bytes; a "WORDS DIM" header line
// then text or binary records; else GloVe text.
VectorFormat detect_vector_format(std::string_view bytes);

// `name` names the input in errors. `info`, when given, receives the nlp container's training
// information (a JSON object; "{}" for other formats).
WordVectors parse_vectors(std::string_view bytes, const std::string& name, std::optional<VectorFormat> format = {},
                          std::string* info = nullptr);
WordVectors read_vectors(const std::string& path, std::optional<VectorFormat> format = {},
                         std::string* info = nullptr);

// Subword models (fastText-style) in the nlp container `nlp.subword_vectors`: the vocabulary's
// vectors, the n-gram lengths and the bucket rows. parse_vectors and read_vectors read such a
// file as its vocabulary's vectors; these read the whole model.
bool is_subword_model(std::string_view bytes) noexcept;
SubwordModel parse_subword_model(std::string_view bytes, const std::string& name, std::string* info = nullptr);
SubwordModel read_subword_model(const std::string& path, std::string* info = nullptr);
void write_subword_model(const SubwordModel& m, const std::string& path, std::string_view info = "{}");

// The file's bytes; `info` (a JSON object) is kept by the nlp format only.
std::string format_vectors(const WordVectors& v, VectorFormat format, std::string_view info = "{}");
void write_vectors(const WordVectors& v, const std::string& path, VectorFormat format, std::string_view info = "{}");

}  // namespace nlp::embed
