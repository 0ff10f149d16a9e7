#pragma once
// Lemma accuracy against gold lemmas (the "Lemmas" metric of the CoNLL 2018 scorer on gold
// tokenization): the share of words whose system lemma equals the gold lemma, exactly and after
// full case folding, overall and per gold UPOS tag.
//   nlp::eval::LemmaScores sc;
//   sc.add("be", "be", "AUX");
//   sc.total().exact_accuracy();   // 1.0
// Not thread-safe; merge per-thread scores with +=.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace nlp::eval {

struct LemmaCounts {
  std::uint64_t words = 0, exact = 0, caseless = 0;
  double exact_accuracy() const noexcept { return words ? static_cast<double>(exact) / static_cast<double>(words) : 0.0; }
  double caseless_accuracy() const noexcept {
    return words ? static_cast<double>(caseless) / static_cast<double>(words) : 0.0;
  }
  LemmaCounts& operator+=(const LemmaCounts& o) noexcept {
    words += o.words;
    exact += o.exact;
    caseless += o.caseless;
    return *this;
  }
  friend bool operator==(const LemmaCounts&, const LemmaCounts&) = default;
};

class LemmaScores {
 public:
  // One word: its gold lemma, the system's lemma and the gold UPOS ("" when absent).
  void add(std::string_view gold, std::string_view system, std::string_view upos);
  const LemmaCounts& total() const noexcept { return total_; }
  const std::map<std::string, LemmaCounts, std::less<>>& by_upos() const noexcept { return by_upos_; }
  LemmaScores& operator+=(const LemmaScores& o);

 private:
  LemmaCounts total_;
  std::map<std::string, LemmaCounts, std::less<>> by_upos_;
  std::string fold_a_, fold_b_;
};

}  // namespace nlp::eval
