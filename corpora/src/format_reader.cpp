#include "format_reader.hpp"

namespace nlp::corpora::detail {

void LineFormatReader::malformed(const InputError& e) {
  if (opts().on_error == OnError::fail)
    throw InputError(e.pos(), opts().suggest_skip
                                  ? e.detail() + "; rerun with --on-error=skip to skip and count malformed records"
                                  : e.detail());
  count_skip(stats_, e.what());
}

MalformedRecord LineFormatReader::too_long(const Line& line) const {
  return MalformedRecord(lines_.position(line, 0), lines_.too_long_message(lines_.too_long_size()));
}

}  // namespace nlp::corpora::detail
