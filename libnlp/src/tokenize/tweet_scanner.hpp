#pragma once
// The matching core of the tweet tokenizer: at a non-space position of the (already unescaped
// and shortened) text, the end of the token NLTK's alternation would match there. Each rule is a
// small matcher that reproduces the first match a backtracking engine finds for NLTK's pattern;
// comments give the pattern each one implements. One scanner per call; scratch memory is
// thread-local.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenize/tweet_chars.hpp"

namespace nlp::detail::tweet {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s), n_(s.size()), bmp_(class_table_bmp()) {}

  // Calls emit(begin, end) for every token of the text, in order.
  template <class Emit>
  void scan(Emit&& emit) {
    std::size_t p = 0;
    while (p < n_) {
      const std::size_t skipped = skip_space(p);
      if (skipped != p) {
        p = skipped;
        continue;
      }
      const std::size_t e = match(p);
      emit(p, e);
      p = e;
    }
  }

  // End of the token starting at p (p < size, not whitespace); always > p.
  std::size_t match(std::size_t p);
  // First position at or after p that is not White_Space.
  std::size_t skip_space(std::size_t p) const noexcept;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // char_class() with the table pointers looked up once per scanner.
  std::uint8_t cls(char32_t c) const noexcept {
    if (c < 0x10000) return bmp_[c];
    if (c < 0x20000) {
      if (!plane1_) plane1_ = class_table_plane1();
      return plane1_[c - 0x10000];
    }
    return compute_class(c);
  }
  std::size_t letter_run_fast(std::size_t p) const noexcept;

  std::size_t url(std::size_t p);
  std::size_t url_body(std::size_t b, std::size_t from);
  std::size_t bare_domain(std::size_t p);
  std::size_t phone(std::size_t p) const noexcept;
  std::size_t emoticon(std::size_t p) const noexcept;
  std::size_t html_tag(std::size_t p) const noexcept;
  std::size_t arrow(std::size_t p) const noexcept;
  std::size_t mention(std::size_t p) const noexcept;
  std::size_t hashtag(std::size_t p) const noexcept;
  std::size_t email(std::size_t p) const noexcept;
  std::size_t email_domain(std::size_t i) const noexcept;
  std::size_t emoji(std::size_t p) const noexcept;
  std::size_t emoji_components(std::size_t i) const noexcept;
  std::size_t zwj_links(std::size_t i) const noexcept;
  std::size_t word(std::size_t p) const noexcept;

  // Scratch for the URL body matcher, one entry per character of a whitespace-free run.
  struct UrlScratch {
    std::vector<std::size_t> pos, f, h, good_close, first_close, next_paren;
    std::vector<std::uint8_t> kind;
  };

  // Results that do not depend on where in a run a match starts, remembered so that text such as
  // "a.a.a.a..." or "<a<a<a..." is scanned once rather than once per position.
  struct RunCache {
    std::size_t from = kNone, end = 0;  // valid for starts in [from, end)
    std::size_t letters = 0, extra = kNone;
  };
  struct ChainCache {
    std::size_t from = kNone, end = 0;        // starts in [from, end) see the same labels
    std::size_t last_dot = kNone, last_end = kNone;  // the last label that can end a domain
  };
  struct BodyRun {
    bool valid = false;
    std::size_t from = 0, end = 0;  // the url_body tables cover characters [from, end)
  };

  std::string_view s_;
  std::size_t n_;
  const std::uint8_t* bmp_;
  mutable const std::uint8_t* plane1_ = nullptr;
  RunCache domain_run_;          // url(): [a-z0-9.-] run; letters at its end, its last '.' (extra)
  ChainCache chain_;             // bare_domain(): the label chain
  mutable RunCache local_part_;  // email(): [\w.+-] run; the match end (extra)
  mutable RunCache tag_;         // html_tag(): the first '>' or whitespace (end) at or after from
  BodyRun body_run_;
};

}  // namespace nlp::detail::tweet
