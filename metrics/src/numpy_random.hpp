#pragma once
// numpy's random draws as sacreBLEU's significance tests make them: np.random.default_rng(seed)
// (SeedSequence -> PCG64 XSL-RR 128/64), Generator.integers(0, n) for n <= 2^32 (Lemire's
// bounded method on 32-bit draws, as Generator.choice(n, replace=True) uses it) and
// Generator.integers(2, dtype=bool) (one bit of a 32-bit draw per value). Written from numpy's
// documented algorithms (numpy 1.24: bit_generator.pyx, pcg64.h, distributions.c); checked
// against numpy's output in the tests.
#include <cstdint>

namespace nlp::metrics::detail {

__extension__ using Uint128 = unsigned __int128;

class NumpyPcg64 {
 public:
  explicit NumpyPcg64(std::uint64_t seed) {
    // SeedSequence(seed).generate_state(4, uint64): the seed as 32-bit words mixed into a pool of
    // four, then eight output words.
    constexpr std::uint32_t kInitA = 0x43b0d7e5, kMultA = 0x931e8875, kInitB = 0x8b51f9dd, kMultB = 0x58f38ded;
    constexpr std::uint32_t kMixL = 0xca01f9dd, kMixR = 0x4973f715;
    std::uint32_t entropy[2] = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
    const int n_entropy = (seed >> 32) != 0 ? 2 : 1;
    std::uint32_t hash_const = kInitA;
    const auto hashmix = [&](std::uint32_t value) {
      value ^= hash_const;
      hash_const *= kMultA;
      value *= hash_const;
      value ^= value >> 16;
      return value;
    };
    const auto mix = [](std::uint32_t x, std::uint32_t y) {
      std::uint32_t r = kMixL * x - kMixR * y;
      r ^= r >> 16;
      return r;
    };
    std::uint32_t pool[4];
    for (int i = 0; i < 4; ++i) pool[i] = hashmix(i < n_entropy ? entropy[i] : 0);
    for (int src = 0; src < 4; ++src)
      for (int dst = 0; dst < 4; ++dst)
        if (src != dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    std::uint32_t words[8];
    std::uint32_t hb = kInitB;
    for (int i = 0; i < 8; ++i) {
      std::uint32_t v = pool[i % 4];
      v ^= hb;
      hb *= kMultB;
      v *= hb;
      v ^= v >> 16;
      words[i] = v;
    }
    std::uint64_t val[4];
    for (int i = 0; i < 4; ++i) val[i] = std::uint64_t{words[2 * i]} | (std::uint64_t{words[2 * i + 1]} << 32);
    // pcg64_set_seed: state from val[0..1], increment from val[2..3] (high word first).
    const Uint128 init_state = (Uint128{val[0]} << 64) | val[1];
    const Uint128 init_seq = (Uint128{val[2]} << 64) | val[3];
    state_ = 0;
    inc_ = (init_seq << 1) | 1;
    step();
    state_ += init_state;
    step();
  }

  std::uint64_t next64() {
    step();
    const auto value = static_cast<std::uint64_t>(state_ >> 64) ^ static_cast<std::uint64_t>(state_);
    const auto rot = static_cast<unsigned>(state_ >> 122);
    return (value >> rot) | (value << ((64 - rot) & 63));
  }
  // Low half of a 64-bit draw, then its high half.
  std::uint32_t next32() {
    if (has_uint32_) {
      has_uint32_ = false;
      return uinteger_;
    }
    const std::uint64_t next = next64();
    has_uint32_ = true;
    uinteger_ = static_cast<std::uint32_t>(next >> 32);
    return static_cast<std::uint32_t>(next);
  }
  // A value in [0, n), n in [1, 2^32].
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t rng = n - 1;
    if (rng == 0) return 0;
    if (rng == 0xFFFFFFFFu) return next32();
    const auto rng_excl = static_cast<std::uint32_t>(rng + 1);
    std::uint64_t m = std::uint64_t{next32()} * rng_excl;
    auto leftover = static_cast<std::uint32_t>(m);
    if (leftover < rng_excl) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(0xFFFFFFFFu - rng) % rng_excl;
      while (leftover < threshold) {
        m = std::uint64_t{next32()} * rng_excl;
        leftover = static_cast<std::uint32_t>(m);
      }
    }
    return m >> 32;
  }
  // integers(2, dtype=bool): bits of one 32-bit draw, lowest first, 32 values per draw.
  bool next_bool() {
    if (bits_left_ == 0) {
      bool_buffer_ = next32();
      bits_left_ = 31;
    } else {
      bool_buffer_ >>= 1;
      --bits_left_;
    }
    return (bool_buffer_ & 1u) != 0;
  }

  // State as numpy reports it (bit_generator.state), for the tests.
  Uint128 state() const { return state_; }
  Uint128 increment() const { return inc_; }

 private:
  void step() {
    constexpr Uint128 kMult = (Uint128{0x2360ED051FC65DA4ULL} << 64) | 0x4385DF649FCCF645ULL;
    state_ = state_ * kMult + inc_;
  }
  Uint128 state_ = 0, inc_ = 0;
  bool has_uint32_ = false;
  std::uint32_t uinteger_ = 0;
  std::uint32_t bool_buffer_ = 0;
  int bits_left_ = 0;
};

}  // namespace nlp::metrics::detail
