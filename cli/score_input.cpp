#include "score_input.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "nlp/metrics/sacrebleu_tokenizers.hpp"
#include "nlp/text/unicode.hpp"
#include "nlp/text/utf8.hpp"

namespace nlp::cli {

namespace po = boost::program_options;

po::options_description score_input_options() {
  po::options_description d("input");
  d.add_options()
      ("ref,r", po::value<std::vector<std::string>>()->composing(),
       "reference file, one segment per line; repeat for several references (coco: the annotations JSON)")
      ("input-format", po::value<std::string>()->default_value("text"),
       "text | tsv | jsonl | coco (tsv/jsonl: hypothesis and references are columns/fields of each input file)")
      ("hyp-field", po::value<std::string>()->default_value("hyp"), "tsv/jsonl: the hypothesis column (name or 1-based index) or field")
      ("ref-field", po::value<std::vector<std::string>>()->composing(),
       "tsv/jsonl: a reference column or field; repeat for several references (default: ref)")
      ("no-header", "tsv: the first line is data, not column names")
      ("allow-empty-refs", "accept empty references (they match nothing) instead of stopping")
      ("keep-trailing-space", "keep trailing whitespace of each segment (stripped by default, as sacreBLEU's command line does)")
      ("max-line-bytes", po::value<std::uint64_t>()->default_value(64ull << 20), "a longer line or record is an error");
  return d;
}

ScoreInputOptions score_input_options(const po::variables_map& vm) {
  ScoreInputOptions o;
  o.format = vm["input-format"].as<std::string>();
  if (o.format != "text" && o.format != "tsv" && o.format != "jsonl" && o.format != "coco")
    throw UsageError(fmt::format("--input-format {:?}: expected text, tsv, jsonl or coco", o.format));
  if (vm.count("ref")) o.refs = vm["ref"].as<std::vector<std::string>>();
  o.hyp_field = vm["hyp-field"].as<std::string>();
  if (vm.count("ref-field")) o.ref_fields = vm["ref-field"].as<std::vector<std::string>>();
  o.header = !vm.count("no-header");
  o.allow_empty_refs = vm.count("allow-empty-refs") > 0;
  o.keep_trailing_space = vm.count("keep-trailing-space") > 0;
  o.max_line_bytes = vm["max-line-bytes"].as<std::uint64_t>();
  if ((o.format == "text" || o.format == "coco") && o.refs.empty())
    throw UsageError("no reference: give --ref FILE (repeat it for several references)");
  if ((o.format == "tsv" || o.format == "jsonl") && !o.refs.empty())
    throw UsageError(fmt::format("--ref is for text and coco input; with --input-format {} name the reference "
                                 "columns or fields with --ref-field",
                                 o.format));
  return o;
}

namespace {

void prepare_segment(std::string& s, const ScoreInputOptions& o) {
  if (!o.newline_marker.empty()) {
    std::string out;
    for (std::size_t at = 0;;) {
      const std::size_t next = s.find(o.newline_marker, at);
      if (next == std::string::npos) {
        out.append(s, at);
        break;
      }
      out.append(s, at, next - at).push_back('\n');
      at = next + o.newline_marker.size();
    }
    s = std::move(out);
  }
  if (!o.keep_trailing_space) s.resize(metrics::rstrip_python(s).size());
}

struct Column {
  std::vector<std::string> lines;
  std::vector<SourcePos> pos;
};

// Every record of one column/field of `path` (text: every line). Byte-order marks are kept,
// as sacreBLEU keeps them.
Column read_column(const std::string& path, const ScoreInputOptions& o, const std::string& field) {
  corpora::ReaderOptions ro;
  ro.strip_bom = false;
  ro.max_record_bytes = o.max_line_bytes;
  ro.suggest_skip = false;  // a skipped record would misalign the files
  if (o.format == "tsv") {
    ro.format = corpora::InputFormat::tsv;
    ro.column = field;
    ro.header = o.header;
  } else if (o.format == "jsonl") {
    ro.format = corpora::InputFormat::jsonl;
    ro.field = field;
  }
  Column c;
  auto reader = corpora::open_reader(path, ro);
  for (corpora::Document d; reader->next(d);) {
    prepare_segment(d.text, o);
    c.lines.push_back(std::move(d.text));
    c.pos.push_back(d.pos);
  }
  return c;
}

std::string display(const std::string& path) { return path == "-" ? "<stdin>" : path; }

void check_reference(const std::string& text, const SourcePos& pos, const ScoreInputOptions& o) {
  if (o.allow_empty_refs) return;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t len = 0;
    const char32_t c = utf8::decode_valid(text.data() + i, len);
    if (!unicode::is_space(c)) return;
    i += len;
  }
  throw InputError(pos, "empty reference; a reference must have some text (--allow-empty-refs accepts "
                        "empty ones, which then match nothing)");
}

// COCO caption JSON: a list of {"image_id", "caption"} (results) or an object whose
// "annotations" member is such a list (annotations).
struct CocoCaptions {
  std::vector<std::string> order;  // image ids in order of first appearance
  std::unordered_map<std::string, std::vector<std::string>> captions;
};

// The whole file as one text, its lines checked as UTF-8 and joined back with '\n'.
std::string read_whole(const std::string& path, std::uint64_t max_line_bytes) {
  std::string all;
  corpora::ReaderOptions lines;
  lines.strip_bom = true;
  lines.suggest_skip = false;
  lines.max_record_bytes = max_line_bytes;
  auto reader = corpora::open_reader(path, lines);
  for (corpora::Document d; reader->next(d);) all.append(d.text).push_back('\n');
  return all;
}

CocoCaptions read_coco(const std::string& path, bool annotations, const ScoreInputOptions& o) {
  const std::string text = read_whole(path, o.max_line_bytes);
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    throw InputError({display(path), 0, 0, doc.GetErrorOffset()},
                     fmt::format("malformed JSON: {}", rapidjson::GetParseError_En(doc.GetParseError())));
  const rapidjson::Value* list = &doc;
  if (annotations) {
    if (!doc.IsObject() || !doc.HasMember("annotations") || !doc["annotations"].IsArray())
      throw InputError({display(path), 0, 0, 0},
                       "expected COCO annotations: an object with an \"annotations\" list of {\"image_id\", \"caption\"}");
    list = &doc["annotations"];
  } else if (!doc.IsArray()) {
    throw InputError({display(path), 0, 0, 0},
                     "expected COCO results: a list of {\"image_id\", \"caption\"} objects");
  }
  CocoCaptions out;
  std::size_t index = 0;
  for (const auto& item : list->GetArray()) {
    ++index;
    if (!item.IsObject() || !item.HasMember("image_id") || !item.HasMember("caption") || !item["caption"].IsString() ||
        !(item["image_id"].IsInt64() || item["image_id"].IsString()))
      throw InputError({display(path), 0, 0, 0},
                       fmt::format("entry {} of the {} list: expected {{\"image_id\": number or string, \"caption\": string}}",
                                   index, annotations ? "annotations" : "results"));
    const std::string id = item["image_id"].IsString() ? std::string(item["image_id"].GetString())
                                                        : std::to_string(item["image_id"].GetInt64());
    std::string caption(item["caption"].GetString(), item["caption"].GetStringLength());
    if (const std::size_t bad = utf8::find_invalid(caption); bad != std::string::npos)
      throw InputError({display(path), 0, 0, 0},
                       fmt::format("entry {} (image {}): invalid UTF-8 in the caption at byte {}", index, id, bad));
    prepare_segment(caption, o);
    auto [it, added] = out.captions.try_emplace(id);
    if (added) out.order.push_back(id);
    it->second.push_back(std::move(caption));
  }
  return out;
}

}  // namespace

References read_references(const ScoreInputOptions& o, const std::string& hyp_path) {
  References r;
  if (o.format == "coco") {
    if (o.refs.size() != 1) throw UsageError("coco input takes one --ref: the annotations JSON");
    CocoCaptions ann = read_coco(o.refs[0], true, o);
    for (const std::string& id : ann.order) {
      for (const std::string& c : ann.captions[id]) check_reference(c, {display(o.refs[0]), 0, 0, 0}, o);
      r.refs.push_back(std::move(ann.captions[id]));
      r.ids.push_back(id);
    }
    r.description = display(o.refs[0]);
    if (r.refs.empty()) throw Error(fmt::format("{}: no annotated image; expected COCO annotations", r.description));
    return r;
  }
  const bool columns = o.format == "tsv" || o.format == "jsonl";
  const std::vector<std::string>& sources = columns ? o.ref_fields : o.refs;
  std::size_t count = 0;
  std::string first_name;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const std::string name = columns ? fmt::format("{} ({} {:?})", display(hyp_path), o.format == "tsv" ? "column" : "field", sources[k])
                                     : display(sources[k]);
    Column c = columns ? read_column(hyp_path, o, sources[k]) : read_column(sources[k], o, "");
    if (k == 0) {
      count = c.lines.size();
      first_name = name;
      r.refs.resize(count);
    } else if (c.lines.size() != count) {
      throw Error(fmt::format("{} has {} segments but {} has {}; every reference must have one segment per "
                              "hypothesis",
                              name, c.lines.size(), first_name, count));
    }
    for (std::size_t i = 0; i < count; ++i) {
      check_reference(c.lines[i], c.pos[i], o);
      r.refs[i].push_back(std::move(c.lines[i]));
    }
    r.description += (k ? ", " : "") + name;
  }
  if (r.refs.empty())
    throw Error(fmt::format("{}: no segment; expected one segment per line (record)", first_name));
  return r;
}

std::vector<std::string> read_hypotheses(const ScoreInputOptions& o, const std::string& path, const References& refs) {
  if (o.format == "coco") {
    CocoCaptions res = read_coco(path, false, o);
    std::vector<std::string> hyps;
    for (const std::string& id : refs.ids) {
      auto it = res.captions.find(id);
      if (it == res.captions.end())
        throw InputError({display(path), 0, 0, 0},
                         fmt::format("image {} has references in {} but no result caption", id, refs.description));
      if (it->second.size() != 1)
        throw InputError({display(path), 0, 0, 0},
                         fmt::format("image {} has {} result captions; expected exactly one", id, it->second.size()));
      hyps.push_back(it->second.front());
    }
    if (res.order.size() != refs.ids.size())
      for (const std::string& id : res.order)
        if (std::find(refs.ids.begin(), refs.ids.end(), id) == refs.ids.end())
          throw InputError({display(path), 0, 0, 0},
                           fmt::format("image {} has a result caption but no reference in {}", id, refs.description));
    return hyps;
  }
  const std::string field = o.format == "text" ? std::string() : o.hyp_field;
  Column c = read_column(path, o, field);
  if (c.lines.size() != refs.refs.size())
    throw Error(fmt::format("{} has {} segments but {} has {}; hypotheses and references must correspond line by "
                            "line",
                            display(path), c.lines.size(), refs.description, refs.refs.size()));
  return std::move(c.lines);
}

std::vector<metrics::Segment> make_segments(const std::vector<std::string>& hyps, const References& refs) {
  std::vector<metrics::Segment> out(hyps.size());
  for (std::size_t i = 0; i < hyps.size(); ++i) {
    out[i].hyp = hyps[i];
    out[i].refs.assign(refs.refs[i].begin(), refs.refs[i].end());
  }
  return out;
}

}  // namespace nlp::cli
