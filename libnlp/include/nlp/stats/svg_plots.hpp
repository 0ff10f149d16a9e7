#pragma once
// Standalone SVG plots of corpus statistics: a document length histogram, a log-log
// rank-frequency (Zipf) plot, a top-k bar chart and a word cloud. Each function returns a
// complete SVG 1.1 document (UTF-8, generic sans-serif font, no scripts or external
// references). Text widths are estimated from per-character classes, since the renderer's
// font is unknown; layouts leave a margin for that estimate.
//   std::string svg = nlp::stats::svg_zipf_plot(stats.frequencies, stats.zipf, "Zipf plot");
// Thread-safe (pure functions). Never throws except std::bad_alloc.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/stats/corpus_stats.hpp"

namespace nlp::stats {

// Estimated advance width of `text` at font size `size` (px) in a generic sans-serif font.
double estimate_text_width(std::string_view text, double size);

// Histogram of `values` (ascending) with "nice" bin widths (1, 2 or 5 x 10^k). Values above
// the 99th percentile fall in a last, labelled overflow bin when the tail is long.
std::string svg_histogram(std::span<const std::uint64_t> sorted_values, std::string_view title,
                          std::string_view x_label);

// Frequency against rank on log-log axes (decade ticks), with the fitted line when given.
std::string svg_zipf_plot(std::span<const std::uint64_t> frequencies, const std::optional<ZipfFit>& fit,
                          std::string_view title);

// Horizontal bars, one per item, largest first, with the count at the end of each bar.
std::string svg_bar_chart(std::span<const CountedItem> items, std::string_view title);

// A placed word of the cloud: its box is [x, x + width) x [y, y + height) in SVG user units.
struct CloudWord {
  std::string text;
  double font_size = 0;
  double x = 0, y = 0, width = 0, height = 0;
};
// Deterministic layout: words in the given order (most frequent first), font size by
// log(count) between 12 and 72 px, each placed at the first point of an Archimedean spiral
// around the centre where its box overlaps no placed box and stays inside the canvas. Words
// that find no place are left out.
std::vector<CloudWord> word_cloud_layout(std::span<const CountedItem> items, double width, double height);
std::string svg_word_cloud(std::span<const CountedItem> items, std::string_view title);

}  // namespace nlp::stats
