#include "nlp/corpora/document.hpp"

namespace nlp::corpora {

ReadStats& ReadStats::operator+=(const ReadStats& o) {
  documents += o.documents;
  lines += o.lines;
  bytes += o.bytes;
  empty_documents += o.empty_documents;
  utf8_replaced += o.utf8_replaced;
  utf8_skipped += o.utf8_skipped;
  records_skipped += o.records_skipped;
  blank_lines += o.blank_lines;
  for (const auto& m : o.skipped_examples)
    if (skipped_examples.size() < 5) skipped_examples.push_back(m);
  return *this;
}

}  // namespace nlp::corpora
