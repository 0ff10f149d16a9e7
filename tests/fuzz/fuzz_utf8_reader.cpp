// Fuzzes the line reader under the text and paragraph formats: arbitrary bytes, every
// invalid-UTF-8 policy, BOM handling, tiny record limits, and gzip-compressed input.
#include "fuzz_common.hpp"

using namespace nlp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Options in(data, size);
  const std::uint8_t flags = in.byte();
  corpora::ReaderOptions opts;
  opts.format = (flags & 1) ? corpora::InputFormat::paragraphs : corpora::InputFormat::text;
  opts.invalid_utf8 = fuzz::policy_from(static_cast<std::uint8_t>(flags >> 1));
  opts.strip_bom = (flags & 8) == 0;
  opts.on_error = (flags & 16) ? corpora::OnError::skip : corpora::OnError::fail;
  const std::uint8_t limit = in.byte();
  opts.max_record_bytes = limit == 0 ? (64u << 20) : limit;
  const std::string bytes = in.rest();
  const bool gzip_input = fuzz::looks_gzip(bytes);

  const fuzz::Outcome plain = fuzz::read_all(bytes, opts);
  fuzz::require(!plain.usage_error, "valid options never give a UsageError");
  if (!gzip_input) {
    if (!plain.input_error) fuzz::require(plain.stats.bytes == bytes.size(), "every byte is read");
    // Under skip, with a repairing policy, nothing in plain input can stop the reader.
    if (opts.on_error == corpora::OnError::skip && opts.invalid_utf8 != utf8::InvalidPolicy::strict)
      fuzz::require(!plain.input_error, "skip + repair reads any plain input");
    if (!plain.input_error && opts.format == corpora::InputFormat::text) {
      for (const auto& d : plain.docs) {
        fuzz::require(d.pos.byte <= bytes.size(), "positions are inside the input");
        // With valid input the text is the exact slice its position names.
        if (opts.invalid_utf8 == utf8::InvalidPolicy::strict)
          fuzz::require(bytes.compare(d.pos.byte, d.text.size(), d.text) == 0, "text slices the input");
      }
      if (opts.on_error == corpora::OnError::fail)
        fuzz::require(plain.stats.lines == plain.docs.size(), "one document per line");
    }
    // The same bytes through gzip give the same documents and positions.
    if (flags & 32) {
      const fuzz::Outcome packed = fuzz::read_all(corpora::gzip_compress(bytes, 1), opts);
      fuzz::require(packed.input_error == plain.input_error, "gzip: same errors");
      fuzz::require(packed.docs.size() == plain.docs.size(), "gzip: same documents");
      for (std::size_t k = 0; k < plain.docs.size(); ++k) {
        fuzz::require(packed.docs[k].text == plain.docs[k].text, "gzip: same text");
        fuzz::require(packed.docs[k].pos.byte == plain.docs[k].pos.byte, "gzip: same offsets");
        fuzz::require(packed.docs[k].pos.line == plain.docs[k].pos.line, "gzip: same lines");
      }
    }
  }
  return 0;
}
