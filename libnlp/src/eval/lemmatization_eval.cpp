#include "nlp/eval/lemmatization_eval.hpp"

#include "nlp/text/normalizer.hpp"

namespace nlp::eval {

void LemmaScores::add(std::string_view gold, std::string_view system, std::string_view upos) {
  LemmaCounts one{1, 0, 0};
  if (gold == system) {
    one.exact = one.caseless = 1;
  } else {
    apply_case(gold, CaseMode::fold, fold_a_);
    apply_case(system, CaseMode::fold, fold_b_);
    one.caseless = fold_a_ == fold_b_ ? 1 : 0;
  }
  total_ += one;
  auto it = by_upos_.find(upos);
  if (it == by_upos_.end()) it = by_upos_.emplace(std::string(upos), LemmaCounts{}).first;
  it->second += one;
}

LemmaScores& LemmaScores::operator+=(const LemmaScores& o) {
  total_ += o.total_;
  for (const auto& [tag, counts] : o.by_upos_) by_upos_[tag] += counts;
  return *this;
}

}  // namespace nlp::eval
