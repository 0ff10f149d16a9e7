#pragma once
// numpy 1.24's default argsort (kind='quicksort': introsort with median-of-three partitioning,
// insertion sort for ranges of at most 16 elements, heapsort when the depth limit runs out) for int64 keys.
// It is not stable; scikit-learn's max_features picks the top terms with it, so ties between
// equal term frequencies are broken exactly as this order breaks them.
// Written from the algorithm's description in numpy/core/src/npysort/quicksort.cpp and
// heapsort.cpp (numpy 1.24), which were read to learn the exact order of comparisons and swaps.
#include <cstdint>
#include <span>
#include <vector>

namespace nlp::detail {

// Indices 0..v.size()-1 ordered by v, as numpy.argsort(v) returns them.
std::vector<std::int64_t> numpy_argsort(std::span<const std::int64_t> v);

}  // namespace nlp::detail
