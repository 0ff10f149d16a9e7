#pragma once
// The float kernels of embedding training: eight lanes at a time as two four-float vectors
// (GCC/Clang vector types, SSE2 on a baseline x86-64 build), then the remainder one by one. The
// order of the additions is fixed, so results do not depend on alignment or threads.
#include <cstddef>
#include <cstring>

namespace nlp::embed::vec {

typedef float V4 __attribute__((vector_size(16)));

inline V4 load(const float* p) noexcept {
  V4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, V4 v) noexcept { std::memcpy(p, &v, sizeof v); }

// sum a[i] * b[i]
inline float dot(const float* a, const float* b, std::size_t n) noexcept {
  V4 s0 = {0, 0, 0, 0}, s1 = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    s0 += load(a + i) * load(b + i);
    s1 += load(a + i + 4) * load(b + i + 4);
  }
  const V4 s = s0 + s1;
  float total = (s[0] + s[1]) + (s[2] + s[3]);
  for (; i < n; ++i) total += a[i] * b[i];
  return total;
}

// y += a * x
inline void axpy(float a, const float* x, float* y, std::size_t n) noexcept {
  const V4 av = {a, a, a, a};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(y + i, load(y + i) + av * load(x + i));
  for (; i < n; ++i) y[i] += a * x[i];
}

// y += x
inline void add(const float* x, float* y, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(y + i, load(y + i) + load(x + i));
  for (; i < n; ++i) y[i] += x[i];
}

// y *= a
inline void scale(float a, float* y, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) y[i] *= a;
}

}  // namespace nlp::embed::vec
