#pragma once
// Hypotheses and references for `nlp score` and `nlp compare`: text files (one segment per line,
// one file per reference), TSV or JSONL (a hypothesis column or field and one or more reference
// columns or fields, all in one file), or COCO caption JSON (results and annotations).
// Segment counts are checked against each other; an empty reference is an error unless allowed;
// invalid UTF-8 is an error naming file, line and byte.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "nlp/metrics/metric.hpp"

namespace nlp::cli {

struct ScoreInputOptions {
  std::string format = "text";  // text | tsv | jsonl | coco
  std::vector<std::string> refs;  // text: one file per reference; coco: the annotations file
  std::string hyp_field = "hyp";  // tsv / jsonl: hypothesis column (name or 1-based) or field
  std::vector<std::string> ref_fields{"ref"};  // tsv / jsonl: reference columns or fields
  bool header = true;             // tsv: the first line names the columns
  bool allow_empty_refs = false;
  // sacreBLEU's command line strips trailing whitespace from every line; so do we unless asked not to.
  bool keep_trailing_space = false;
  std::string newline_marker;     // replaced by '\n' in every segment (rouge: "<n>")
  std::uint64_t max_line_bytes = 64ull << 20;  // a longer line or record is an error
};

// The references of a corpus: refs[i] holds segment i's references, in the order given.
struct References {
  std::vector<std::vector<std::string>> refs;
  std::vector<std::string> ids;   // coco: the image id of each segment, in the order of refs
  std::string description;        // "ref.A.en, ref.B.en" for messages
};

// Options --input-format, --ref, --hyp-field, --ref-field, --no-header, --allow-empty-refs,
// --keep-trailing-space, --max-line-bytes, and their values.
boost::program_options::options_description score_input_options();
ScoreInputOptions score_input_options(const boost::program_options::variables_map& vm);

// Reads the references (text, coco) or, for tsv / jsonl, the reference fields of `hyp_path`;
// an input without any segment is an error.
References read_references(const ScoreInputOptions& opts, const std::string& hyp_path);
// Reads one system's hypotheses ("-" is stdin) and checks their count against `refs`; for coco,
// puts them in the order of refs.ids (every image must have exactly one result).
std::vector<std::string> read_hypotheses(const ScoreInputOptions& opts, const std::string& path,
                                         const References& refs);

// Segments viewing `hyps` and `refs` (which must outlive them).
std::vector<metrics::Segment> make_segments(const std::vector<std::string>& hyps, const References& refs);

}  // namespace nlp::cli
