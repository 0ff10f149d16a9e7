// Fuzzes the JSONL, TSV and CSV readers: arbitrary bytes with every policy, header and column
// choice, nested JSON paths, and tiny record limits.
#include "fuzz_common.hpp"

using namespace nlp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Options in(data, size);
  const std::uint8_t flags = in.byte();
  const std::uint8_t choice = in.byte();
  corpora::ReaderOptions opts;
  static const corpora::InputFormat kFormats[] = {corpora::InputFormat::jsonl, corpora::InputFormat::tsv,
                                                  corpora::InputFormat::csv};
  opts.format = kFormats[flags % 3];
  opts.invalid_utf8 = fuzz::policy_from(static_cast<std::uint8_t>(flags / 3));
  opts.on_error = (flags & 16) ? corpora::OnError::skip : corpora::OnError::fail;
  opts.header = (flags & 32) == 0;
  const std::uint8_t limit = in.byte();
  opts.max_record_bytes = limit == 0 ? (64u << 20) : limit;
  static const char* kFields[] = {"text", "a.b", "t", "a.b.c", "x"};
  static const char* kIdFields[] = {"", "id", "a", "a.id"};
  static const char* kColumns[] = {"", "1", "2", "text", "id", "3"};
  opts.field = kFields[choice % 5];
  opts.id_field = kIdFields[(choice / 5) % 4];
  opts.column = kColumns[choice % 6];
  opts.id_column = (choice & 0x80) ? "1" : "";
  const std::string bytes = in.rest();

  const fuzz::Outcome out = fuzz::read_all(bytes, opts);
  if (!fuzz::looks_gzip(bytes) && opts.on_error == corpora::OnError::skip &&
      opts.invalid_utf8 != utf8::InvalidPolicy::strict)
    fuzz::require(!out.input_error, "skip + repair reads any plain input");
  if (opts.format == corpora::InputFormat::jsonl) fuzz::require(!out.usage_error, "jsonl options are valid");
  return 0;
}
