// Fuzzes the CoNLL-U reader: arbitrary bytes under every policy; tokens must always cover the
// words of a sentence in order.
#include "fuzz_common.hpp"
#include "nlp/corpora/conllu.hpp"

using namespace nlp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Options in(data, size);
  const std::uint8_t flags = in.byte();
  corpora::ReaderOptions opts;
  opts.invalid_utf8 = fuzz::policy_from(flags);
  opts.on_error = (flags & 4) ? corpora::OnError::skip : corpora::OnError::fail;
  const std::uint8_t limit = in.byte();
  opts.max_record_bytes = limit == 0 ? (64u << 20) : std::size_t{limit} * 4;
  const std::string bytes = in.rest();
  bool input_error = false;
  try {
    corpora::ConlluReader reader(corpora::memory_byte_source(bytes, "fuzz"), "fuzz", opts);
    std::uint64_t n = 0;
    for (corpora::ConlluSentence s; reader.next(s); ++n) {
      std::uint32_t next = 0;
      for (const auto& t : s.tokens) {
        fuzz::require(t.first_word == next, "tokens start at the next word");
        fuzz::require(t.last_word >= t.first_word, "token ranges are ordered");
        fuzz::require(t.multiword == (t.last_word > t.first_word), "only ranges are multiword");
        next = t.last_word + 1;
      }
      fuzz::require(next == s.words.size(), "tokens cover every word");
      for (std::size_t k = 0; k < s.words.size(); ++k)
        fuzz::require(s.words[k].id == std::to_string(k + 1), "word IDs are 1..n");
      fuzz::require(utf8::is_valid(s.reconstructed_text()), "reconstructed text is valid UTF-8");
    }
    fuzz::require(reader.stats().documents == n, "stats count the sentences");
  } catch (const InputError&) {
    input_error = true;
  }
  if (!fuzz::looks_gzip(bytes) && opts.on_error == corpora::OnError::skip &&
      opts.invalid_utf8 != utf8::InvalidPolicy::strict)
    fuzz::require(!input_error, "skip + repair reads any plain input");
  // The same input as an InputFormat::conllu reader.
  opts.format = corpora::InputFormat::conllu;
  fuzz::read_all(bytes, opts);
  return 0;
}
