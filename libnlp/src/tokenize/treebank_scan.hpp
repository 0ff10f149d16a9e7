#pragma once
// Byte scanning helpers for the Treebank tokenizers: find the next byte from a small set, find
// doubled letters, and whitespace and byte-class bitmasks for splitting. SSE2 (part of every
// x86-64 CPU) when available, AVX2 for the chunk masks where the CPU has it, plain loops
// otherwise; all give the same answers.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#define NLP_TREEBANK_SSE2 1
#endif
// AVX2 for the chunk masks: always when the build targets it, else chosen at run time on x86-64
// (the default build stays portable).
#if defined(__AVX2__)
#include <immintrin.h>
#define NLP_TREEBANK_AVX2 2
#define NLP_TREEBANK_TARGET_AVX2
#elif defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define NLP_TREEBANK_AVX2 1
#define NLP_TREEBANK_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define NLP_TREEBANK_AVX2 0
#endif

namespace nlp::detail::treebank_scan {

inline constexpr std::size_t npos = std::string_view::npos;

inline unsigned ctz32(std::uint32_t x) noexcept { return static_cast<unsigned>(__builtin_ctz(x)); }
inline unsigned ctz64(std::uint64_t x) noexcept {
  return static_cast<unsigned>(__builtin_ctzll(x));
}

// First index >= from whose byte is one of Cs, or npos.
template <char... Cs>
std::size_t find_any(std::string_view s, std::size_t from) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = from;
#if NLP_TREEBANK_SSE2
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i m = _mm_setzero_si128();
    ((m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(Cs)))), ...);
    const int bits = _mm_movemask_epi8(m);
    if (bits) return i + ctz32(static_cast<std::uint32_t>(bits));
  }
#endif
  for (; i < n; ++i) {
    const char c = p[i];
    if (((c == Cs) || ...)) return i;
  }
  return npos;
}

// First index >= from where c occurs twice in a row, or npos.
template <char C>
std::size_t find_pair(std::string_view s, std::size_t from) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = from;
#if NLP_TREEBANK_SSE2
  const __m128i c = _mm_set1_epi8(C);
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const int bits = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v, c), _mm_cmpeq_epi8(w, c)));
    if (bits) return i + ctz32(static_cast<std::uint32_t>(bits));
  }
#endif
  for (; i + 1 < n; ++i)
    if (p[i] == C && p[i + 1] == C) return i;
  return npos;
}

// First index >= from where a byte is `'` or where two equal letters from {n, m, t} (either
// case) start: the bytes every CONTRACTIONS2 match contains. npos if none.
inline std::size_t find_contraction_trigger(std::string_view s, std::size_t from) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = from;
#if NLP_TREEBANK_SSE2
  const __m128i lower = _mm_set1_epi8(0x20);
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const __m128i lv = _mm_or_si128(v, lower);
    const __m128i lw = _mm_or_si128(w, lower);
    const __m128i letter = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(lv, _mm_set1_epi8('n')), _mm_cmpeq_epi8(lv, _mm_set1_epi8('m'))),
        _mm_cmpeq_epi8(lv, _mm_set1_epi8('t')));
    const __m128i doubled = _mm_and_si128(letter, _mm_cmpeq_epi8(lv, lw));
    const __m128i m = _mm_or_si128(doubled, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    const int bits = _mm_movemask_epi8(m);
    if (bits) return i + ctz32(static_cast<std::uint32_t>(bits));
  }
#endif
  for (; i < n; ++i) {
    const char c = p[i];
    if (c == '\'') return i;
    const char l = static_cast<char>(c | 0x20);
    if ((l == 'n' || l == 'm' || l == 't') && i + 1 < n && static_cast<char>(p[i + 1] | 0x20) == l)
      return i;
  }
  return npos;
}

// For 64 bytes at p: bit k of `space` is set when p[k] is ASCII whitespace (str.isspace: \t \n
// \v \f \r, \x1c-\x1f, space); bit k of `lead` when p[k] is C2, E1, E2 or E3, the lead bytes of
// every non-ASCII whitespace character (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029,
// U+202F, U+205F, U+3000).
struct Masks {
  std::uint64_t space = 0, lead = 0;
};

inline Masks masks64(const char* p) noexcept {
  Masks m;
#if NLP_TREEBANK_SSE2
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i t1 = _mm_sub_epi8(v, _mm_set1_epi8(0x09));
    const __m128i c1 = _mm_cmpeq_epi8(_mm_min_epu8(t1, _mm_set1_epi8(4)), t1);
    const __m128i t2 = _mm_sub_epi8(v, _mm_set1_epi8(0x1C));
    const __m128i c2 = _mm_cmpeq_epi8(_mm_min_epu8(t2, _mm_set1_epi8(3)), t2);
    const __m128i sp = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    const __m128i t3 = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE1)));
    const __m128i e = _mm_cmpeq_epi8(_mm_min_epu8(t3, _mm_set1_epi8(2)), t3);
    const __m128i l = _mm_or_si128(e, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2))));
    const auto s = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(c1, c2), sp)));
    const auto ld = static_cast<std::uint32_t>(_mm_movemask_epi8(l));
    m.space |= std::uint64_t{s} << (16 * k);
    m.lead |= std::uint64_t{ld} << (16 * k);
  }
#else
  for (int k = 0; k < 64; ++k) {
    const auto b = static_cast<unsigned char>(p[k]);
    if (b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F)) m.space |= std::uint64_t{1} << k;
    if (b == 0xC2 || (b >= 0xE1 && b <= 0xE3)) m.lead |= std::uint64_t{1} << k;
  }
#endif
  return m;
}

// For 64 bytes at p (65 readable bytes: pairs look one byte ahead), the masks the tokenizer
// sorts whitespace-separated chunks with. Bit k describes p[k]:
// - space: p[k] is ' '; control: p[k] < 0x20 (among them \t \n \v \f \r \x1c-\x1f are whitespace);
// - high: p[k] >= 0x80; lead: C2, E1, E2 or E3, the lead bytes of every non-ASCII whitespace
//   character (computed only when some byte is high, else 0);
// - letter: [A-Za-z];
// - pair: p[k] and p[k+1] are the same letter n, m or t in either case: every contraction NLTK
//   splits without an apostrophe contains nn, mm or tt.
struct ChunkMasks {
  std::uint64_t space = 0, control = 0, high = 0, lead = 0, letter = 0, pair = 0;
};

inline ChunkMasks chunk_masks64(const char* p) noexcept {
  ChunkMasks m;
#if NLP_TREEBANK_SSE2
  const auto bits = [](__m128i x) { return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(x))); };
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k + 1));
    const __m128i lv = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i lw = _mm_or_si128(w, _mm_set1_epi8(0x20));
    const __m128i t1 = _mm_sub_epi8(lv, _mm_set1_epi8('a'));
    const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(t1, _mm_set1_epi8(25)), t1);
    const __m128i t2 = _mm_sub_epi8(lv, _mm_set1_epi8('m'));
    const __m128i nmt = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(t2, _mm_set1_epi8(1)), t2),
                                     _mm_cmpeq_epi8(lv, _mm_set1_epi8('t')));
    const unsigned shift = 16 * static_cast<unsigned>(k);
    m.space |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))) << shift;
    m.control |= bits(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v)) << shift;
    m.high |= bits(v) << shift;
    m.letter |= bits(letter) << shift;
    m.pair |= bits(_mm_and_si128(nmt, _mm_cmpeq_epi8(lv, lw))) << shift;
  }
  if (m.high) {
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      const __m128i t3 = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE1)));
      const __m128i e = _mm_cmpeq_epi8(_mm_min_epu8(t3, _mm_set1_epi8(2)), t3);
      const __m128i l = _mm_or_si128(e, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2))));
      m.lead |= bits(l) << (16 * static_cast<unsigned>(k));
    }
  }
#else
  for (int k = 0; k < 64; ++k) {
    const auto b = static_cast<unsigned char>(p[k]);
    const auto lb = static_cast<unsigned char>(b | 0x20);
    const auto ln = static_cast<unsigned char>(static_cast<unsigned char>(p[k + 1]) | 0x20);
    const std::uint64_t bit = std::uint64_t{1} << k;
    if (b == ' ') m.space |= bit;
    if (b < 0x20) m.control |= bit;
    if (b >= 0x80) m.high |= bit;
    if (b == 0xC2 || (b >= 0xE1 && b <= 0xE3)) m.lead |= bit;
    if (lb >= 'a' && lb <= 'z') m.letter |= bit;
    if ((lb == 'n' || lb == 'm' || lb == 't') && lb == ln) m.pair |= bit;
  }
#endif
  return m;
}

#if NLP_TREEBANK_AVX2
// chunk_masks64 with 32-byte vectors; the same masks.
NLP_TREEBANK_TARGET_AVX2 inline ChunkMasks chunk_masks64_avx2(const char* p) noexcept {
  ChunkMasks m;
  for (int k = 0; k < 2; ++k) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k + 1));
    const __m256i lv = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
    const __m256i lw = _mm256_or_si256(w, _mm256_set1_epi8(0x20));
    const __m256i t1 = _mm256_sub_epi8(lv, _mm256_set1_epi8('a'));
    const __m256i letter = _mm256_cmpeq_epi8(_mm256_min_epu8(t1, _mm256_set1_epi8(25)), t1);
    const __m256i t2 = _mm256_sub_epi8(lv, _mm256_set1_epi8('m'));
    const __m256i nmt = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(t2, _mm256_set1_epi8(1)), t2),
                                        _mm256_cmpeq_epi8(lv, _mm256_set1_epi8('t')));
    const __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);
    const unsigned shift = 32 * static_cast<unsigned>(k);
    m.space |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' '))))} << shift;
    m.control |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(control))} << shift;
    m.high |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(v))} << shift;
    m.letter |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(letter))} << shift;
    m.pair |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_and_si256(nmt, _mm256_cmpeq_epi8(lv, lw))))} << shift;
  }
  if (m.high) {
    for (int k = 0; k < 2; ++k) {
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
      const __m256i t3 = _mm256_sub_epi8(v, _mm256_set1_epi8(static_cast<char>(0xE1)));
      const __m256i e = _mm256_cmpeq_epi8(_mm256_min_epu8(t3, _mm256_set1_epi8(2)), t3);
      const __m256i l = _mm256_or_si256(e, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(static_cast<char>(0xC2))));
      m.lead |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(l))} << (32 * static_cast<unsigned>(k));
    }
  }
  return m;
}
#endif

// Whether chunk_masks64_avx2 may run on this CPU.
inline bool has_avx2() noexcept {
#if NLP_TREEBANK_AVX2 == 2
  return true;
#elif NLP_TREEBANK_AVX2 == 1
  static const bool yes = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return yes;
#else
  return false;
#endif
}

}  // namespace nlp::detail::treebank_scan
