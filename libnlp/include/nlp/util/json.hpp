#pragma once
// JSON string literals for the writers that produce JSON text by hand (JSONL tokens, vocabularies,
// statistics reports).
//   std::string out;  nlp::append_json_string(out, "a \"b\"\n");   // "a \"b\"\n" with escapes
// Escapes " and \, writes \b \f \n \r \t, other control characters as \u00XX, and copies every
// other byte as is (UTF-8 stays UTF-8; the caller guarantees valid UTF-8 where JSON needs it).
// Thread-safe (no state).
#include <string>
#include <string_view>

namespace nlp {

// Appends `s` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);
// The same literal as a new string.
std::string json_string(std::string_view s);

}  // namespace nlp
