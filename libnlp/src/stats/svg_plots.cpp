// Standalone SVG plots of corpus statistics (see svg_plots.hpp).
#include "nlp/stats/svg_plots.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace nlp::stats {
namespace {

constexpr std::string_view kBarColor = "#4c78a8";
constexpr std::string_view kFitColor = "#e45756";
constexpr std::string_view kAxisColor = "#333333";
constexpr std::string_view kGridColor = "#e6e6e6";
constexpr std::string_view kPalette[] = {"#4c78a8", "#f58518", "#54a24b", "#e45756",
                                         "#72b7b2", "#b279a2", "#9d755d", "#eeca3b"};

// Next code point of valid UTF-8 at s[i]; advances i.
char32_t next_cp(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += len;
  return cp;
}

// Text as XML character data: markup characters escaped, characters XML 1.0 forbids replaced
// by U+FFFD.
std::string xml(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_cp(s, i);
    switch (cp) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default:
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
          o += "\xEF\xBF\xBD";
        else
          o.append(s.substr(start, i - start));
    }
  }
  return o;
}

std::string f1(double v) { return fmt::format("{:.1f}", v); }

// Smallest 1, 2 or 5 x 10^k that is >= x (x > 0).
double nice_step(double x) {
  const double p = std::pow(10.0, std::floor(std::log10(x)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

// A count for a label: 12345 -> "12,345".
std::string grouped(std::uint64_t v) {
  std::string d = std::to_string(v), o;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) o.push_back(',');
    o.push_back(d[i]);
  }
  return o;
}

std::string tick_label(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return grouped(static_cast<std::uint64_t>(std::abs(v)));
  return fmt::format("{:g}", v);
}

std::string open_svg(double w, double h, std::string_view title) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\">\n"
      "<title>{2}</title>\n"
      "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n"
      "<text x=\"{3}\" y=\"28\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{4}\">{2}</text>\n",
      w, h, xml(title), f1(w / 2), kAxisColor);
}

std::string text_at(double x, double y, std::string_view s, double size, std::string_view anchor,
                    std::string_view extra = {}) {
  return fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\" fill=\"{}\"{}>{}</text>\n", f1(x),
                     f1(y), size, anchor, kAxisColor, extra, xml(s));
}

std::string line_at(double x1, double y1, double x2, double y2, std::string_view color, double w = 1,
                    std::string_view extra = {}) {
  return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n", f1(x1),
                     f1(y1), f1(x2), f1(y2), color, w, extra);
}

// Plot area of the axis charts.
struct Area {
  double left, top, width, height;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

std::string no_data(const Area& a) {
  return text_at(a.left + a.width / 2, a.top + a.height / 2, "no data", 16, "middle");
}

}  // namespace

double estimate_text_width(std::string_view text, double size) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_cp(text, i);
    double w = 0.6;
    if (c >= 0x300 && c < 0x370) w = 0;  // combining marks
    else if (c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F)) w = 0;  // joiners, variation selectors
    else if (c == ' ' || c == 'i' || c == 'j' || c == 'l' || c == '.' || c == ',' || c == ';' || c == ':' ||
             c == '!' || c == '|' || c == '\'' || c == 'I')
      w = 0.3;
    else if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '-' || c == '[' || c == ']')
      w = 0.38;
    else if (c == 'm' || c == 'w') w = 0.86;
    else if (c == 'M' || c == 'W') w = 0.95;
    else if (c >= 'A' && c <= 'Z') w = 0.7;
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) w = 0.57;
    else if (c < 0x80) w = 0.6;
    else if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
             (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || c >= 0x1F000)
      w = 1.0;  // CJK, Hangul, full-width forms, emoji
    else w = 0.65;
    em += w;
  }
  return em * size;
}

std::string svg_histogram(std::span<const std::uint64_t> v, std::string_view title, std::string_view x_label) {
  const double W = 800, H = 480;
  const Area a{80, 60, W - 80 - 30, H - 60 - 70};
  std::string o = open_svg(W, H, title);
  if (v.empty()) return o + no_data(a) + "</svg>\n";
  const std::size_t n = v.size();
  const std::uint64_t vmin = v.front(), vmax = v.back();
  // A long tail (max above 1.5x the 99th percentile) goes to one overflow bin past the p99
  // value, so the bulk of the distribution keeps its resolution.
  const auto p99 = v[static_cast<std::size_t>(std::floor(static_cast<double>(n - 1) * 0.99))];
  const bool overflow = n >= 100 && 2 * vmax > 3 * p99 + 2;
  const std::uint64_t cap = overflow ? p99 : vmax;
  const double width = std::max(1.0, nice_step(std::max(1.0, static_cast<double>(cap - vmin + 1)) / 40.0));
  const auto bw = static_cast<std::uint64_t>(width);
  const std::uint64_t lo = vmin / bw * bw;
  const std::size_t bins = static_cast<std::size_t>((cap - lo) / bw) + 1;
  std::vector<std::uint64_t> counts(bins + (overflow ? 1 : 0), 0);
  for (const auto x : v) counts[x > cap ? bins : static_cast<std::size_t>((x - lo) / bw)]++;
  const std::uint64_t cmax = *std::max_element(counts.begin(), counts.end());
  const double ystep = std::max(1.0, nice_step(static_cast<double>(cmax) / 6.0));  // whole documents
  const double ytop = std::ceil(static_cast<double>(cmax) / ystep) * ystep;
  const double slot = a.width / static_cast<double>(counts.size());
  auto ymap = [&](double c) { return a.bottom() - c / ytop * a.height; };
  // grid and y ticks
  for (double t = 0; t <= ytop + ystep / 2; t += ystep) {
    o += line_at(a.left, ymap(t), a.right(), ymap(t), t == 0 ? kAxisColor : kGridColor);
    o += text_at(a.left - 8, ymap(t) + 4, tick_label(t), 12, "end");
  }
  for (std::size_t b = 0; b < counts.size(); ++b) {
    if (!counts[b]) continue;
    const double x = a.left + static_cast<double>(b) * slot;
    const std::string_view color = overflow && b == bins ? std::string_view("#9d755d") : kBarColor;
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\" "
                     "stroke-width=\"0.5\"><title>{}</title></rect>\n",
                     f1(x), f1(ymap(static_cast<double>(counts[b]))), f1(slot),
                     f1(static_cast<double>(counts[b]) / ytop * a.height), color,
                     overflow && b == bins
                         ? fmt::format("&gt; {}: {}", cap, counts[b])
                         : fmt::format("{}-{}: {}", lo + b * bw, lo + (b + 1) * bw - 1, counts[b]));
  }
  // x ticks at multiples of a nice step, on bin edges
  const double span = static_cast<double>(bins * bw);
  const double xstep = std::max(width, std::ceil(nice_step(span / 8.0) / width) * width);
  for (double t = static_cast<double>(lo); t <= static_cast<double>(lo) + span + 0.5; t += xstep) {
    const double x = a.left + (t - static_cast<double>(lo)) / width * slot;
    o += line_at(x, a.bottom(), x, a.bottom() + 5, kAxisColor);
    o += text_at(x, a.bottom() + 20, tick_label(t), 12, "middle");
  }
  if (overflow) {
    const double x = a.left + (static_cast<double>(bins) + 0.5) * slot;
    o += text_at(x, a.bottom() + 20, fmt::format("> {}", cap), 12, "start");
  }
  o += line_at(a.left, a.top, a.left, a.bottom(), kAxisColor);
  o += text_at(a.left + a.width / 2, H - 20, x_label, 14, "middle");
  o += text_at(22, a.top + a.height / 2, "documents", 14, "middle",
               fmt::format(" transform=\"rotate(-90 22 {})\"", f1(a.top + a.height / 2)));
  double sum = 0;
  for (const auto x : v) sum += static_cast<double>(x);
  o += text_at(a.right(), a.top - 8,
               fmt::format("{} document{}, bin width {}, mean {:.1f}, median {:g}{}", grouped(n), n == 1 ? "" : "s", bw,
                           sum / static_cast<double>(n),
                           n % 2 ? static_cast<double>(v[n / 2])
                                 : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2,
                           overflow ? fmt::format(", last bar: above {}", cap) : std::string()),
               12, "end");
  return o + "</svg>\n";
}

std::string svg_zipf_plot(std::span<const std::uint64_t> f, const std::optional<ZipfFit>& fit,
                          std::string_view title) {
  const double W = 800, H = 560;
  const Area a{90, 60, W - 90 - 30, H - 60 - 70};
  std::string o = open_svg(W, H, title);
  if (f.empty()) return o + no_data(a) + "</svg>\n";
  const std::size_t n = f.size();
  const double fmax = static_cast<double>(f.front()), fmin = static_cast<double>(std::max<std::uint64_t>(f.back(), 1));
  const int x_hi = std::max(1, static_cast<int>(std::ceil(std::log10(static_cast<double>(n)) - 1e-9)));
  int y_lo = static_cast<int>(std::floor(std::log10(fmin)));
  int y_hi = static_cast<int>(std::ceil(std::log10(fmax) - 1e-9));
  if (y_hi <= y_lo) y_hi = y_lo + 1;
  auto xmap = [&](double r) { return a.left + std::log10(r) / x_hi * a.width; };
  auto ymap = [&](double v) {
    return a.bottom() - (std::log10(v) - y_lo) / static_cast<double>(y_hi - y_lo) * a.height;
  };
  auto decade = [](int k) {
    if (k >= 0 && k <= 3) return fmt::format("{}", static_cast<int>(std::pow(10, k)));
    return fmt::format("10<tspan dy=\"-7\" font-size=\"9\">{}</tspan>", k);
  };
  auto raw_text = [&](double x, double y, const std::string& markup, std::string_view anchor) {
    return fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"{}\" fill=\"{}\">{}</text>\n", f1(x),
                       f1(y), anchor, kAxisColor, markup);
  };
  for (int k = 0; k <= x_hi; ++k) {
    const double x = xmap(std::pow(10.0, k));
    o += line_at(x, a.top, x, a.bottom(), kGridColor);
    o += line_at(x, a.bottom(), x, a.bottom() + 6, kAxisColor);
    o += raw_text(x, a.bottom() + 22, decade(k), "middle");
    if (k < x_hi)
      for (int m = 2; m <= 9; ++m) {
        const double xm = xmap(m * std::pow(10.0, k));
        o += line_at(xm, a.bottom(), xm, a.bottom() + 3, kAxisColor);
      }
  }
  for (int k = y_lo; k <= y_hi; ++k) {
    const double y = ymap(std::pow(10.0, k));
    o += line_at(a.left, y, a.right(), y, kGridColor);
    o += line_at(a.left - 6, y, a.left, y, kAxisColor);
    o += raw_text(a.left - 10, y + 4, decade(k), "end");
    if (k < y_hi)
      for (int m = 2; m <= 9; ++m) {
        const double ym = ymap(m * std::pow(10.0, k));
        o += line_at(a.left - 3, ym, a.left, ym, kAxisColor);
      }
  }
  o += line_at(a.left, a.bottom(), a.right(), a.bottom(), kAxisColor);
  o += line_at(a.left, a.top, a.left, a.bottom(), kAxisColor);
  // Observed points: every rank up to 1000, then about 1000 log-spaced ranks.
  std::string pts;
  std::size_t last = 0;
  for (std::size_t r = 1; r <= n;) {
    pts += fmt::format("{}{},{}", pts.empty() ? "" : " ", f1(xmap(static_cast<double>(r))),
                       f1(ymap(static_cast<double>(f[r - 1]))));
    last = r;
    r = r < 1000 ? r + 1 : std::max(r + 1, static_cast<std::size_t>(static_cast<double>(r) * 1.003));
  }
  if (last != n)
    pts += fmt::format(" {},{}", f1(xmap(static_cast<double>(n))), f1(ymap(static_cast<double>(f[n - 1]))));
  o += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
                   "stroke-linejoin=\"round\"/>\n",
                   pts, kBarColor);
  double ly = a.top + 20;
  const double lx = a.right() - 300;
  o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"290\" height=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.9\" "
                   "stroke=\"#cccccc\"/>\n",
                   f1(lx - 10), f1(a.top + 4), fit ? 48 : 26);
  o += line_at(lx, ly - 4, lx + 30, ly - 4, kBarColor, 2);
  o += text_at(lx + 38, ly, fmt::format("observed ({} types)", grouped(n)), 12, "start");
  if (fit) {
    const auto at = [&](double r) { return std::exp(fit->intercept + fit->slope * std::log(r)); };
    // Clip the fitted line to the plot's frequency range.
    const double r0 = 1, r1 = static_cast<double>(n);
    o += line_at(xmap(r0), std::clamp(ymap(at(r0)), a.top, a.bottom()), xmap(r1),
                 std::clamp(ymap(at(r1)), a.top, a.bottom()), kFitColor, 2, " stroke-dasharray=\"6 4\"");
    ly += 22;
    o += line_at(lx, ly - 4, lx + 30, ly - 4, kFitColor, 2, " stroke-dasharray=\"6 4\"");
    o += text_at(lx + 38, ly, fmt::format("fit: s = {:.3f}, R\xC2\xB2 = {:.3f}", fit->exponent, fit->r_squared), 12,
                 "start");
  }
  o += text_at(a.left + a.width / 2, H - 20, "rank (log scale)", 14, "middle");
  o += text_at(22, a.top + a.height / 2, "frequency (log scale)", 14, "middle",
               fmt::format(" transform=\"rotate(-90 22 {})\"", f1(a.top + a.height / 2)));
  return o + "</svg>\n";
}

std::string svg_bar_chart(std::span<const CountedItem> items, std::string_view title) {
  const double row = 22, label_size = 13, W = 800;
  // Labels longer than the label column are cut and end in an ellipsis.
  const double max_label = 280;
  std::vector<std::string> labels;
  double label_w = 40;
  for (const auto& it : items) {
    std::string s = it.text;
    if (estimate_text_width(s, label_size) > max_label) {
      std::size_t i = 0, cut = 0;
      while (i < s.size()) {
        next_cp(s, i);
        if (estimate_text_width(std::string_view(s).substr(0, i), label_size) > max_label - 15) break;
        cut = i;
      }
      s = s.substr(0, cut) + "\xE2\x80\xA6";
    }
    label_w = std::max(label_w, estimate_text_width(s, label_size));
    labels.push_back(std::move(s));
  }
  const double H = 60 + std::max<double>(1, static_cast<double>(items.size())) * row + 60;
  const Area a{20 + label_w + 12, 60, W - (20 + label_w + 12) - 90, H - 60 - 60};
  std::string o = open_svg(W, H, title);
  if (items.empty()) return o + no_data(a) + "</svg>\n";
  const double cmax = static_cast<double>(items.front().count);
  const double step = std::max(1.0, nice_step(cmax / 5.0));  // whole counts
  const double xtop = std::ceil(cmax / step) * step;
  auto xmap = [&](double c) { return a.left + c / xtop * a.width; };
  for (double t = 0; t <= xtop + step / 2; t += step) {
    o += line_at(xmap(t), a.top, xmap(t), a.bottom(), t == 0 ? kAxisColor : kGridColor);
    o += text_at(xmap(t), a.bottom() + 18, tick_label(t), 12, "middle");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double y = a.top + static_cast<double>(i) * row;
    const double c = static_cast<double>(items[i].count);
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", f1(a.left), f1(y + 3),
                     f1(c / xtop * a.width), f1(row - 6), kBarColor);
    o += text_at(a.left - 8, y + row / 2 + 4.5, labels[i], label_size, "end");
    o += text_at(xmap(c) + 5, y + row / 2 + 4, grouped(items[i].count), 11, "start");
  }
  o += line_at(a.left, a.bottom(), a.right(), a.bottom(), kAxisColor);
  o += text_at(a.left + a.width / 2, H - 18, "count", 14, "middle");
  return o + "</svg>\n";
}

std::vector<CloudWord> word_cloud_layout(std::span<const CountedItem> items, double width, double height) {
  std::vector<CloudWord> placed;
  if (items.empty()) return placed;
  double cmin = static_cast<double>(items.front().count), cmax = cmin;
  for (const auto& it : items) {
    cmin = std::min(cmin, static_cast<double>(std::max<std::uint64_t>(it.count, 1)));
    cmax = std::max(cmax, static_cast<double>(it.count));
  }
  const double lmin = std::log(cmin), lmax = std::log(cmax);
  const double cx = width / 2, cy = height / 2;
  const double aspect = width / height;
  const double r_max = std::hypot(width, height) / 2;
  for (const auto& it : items) {
    const double l = std::log(static_cast<double>(std::max<std::uint64_t>(it.count, 1)));
    const double size = lmax > lmin ? 12 + 60 * (l - lmin) / (lmax - lmin) : 36;
    // The box adds a margin of 8% of the estimated width plus a quarter em, and is one line
    // height (1.2 em) tall.
    const double w = estimate_text_width(it.text, size) * 1.08 + 0.25 * size + 2, h = size * 1.2;
    if (w > width || h > height) continue;
    bool done = false;
    // Archimedean spiral r = b * theta, stretched horizontally to the canvas aspect; the angle
    // step keeps consecutive points about 3 units apart.
    const double b = 4.0 / (2 * std::numbers::pi);
    for (double theta = 0; !done && b * theta <= r_max;) {
      const double r = b * theta;
      const double x = cx + r * std::cos(theta) * aspect - w / 2, y = cy + r * std::sin(theta) - h / 2;
      theta += std::min(0.5, 3.0 / (r + 1));
      if (x < 0 || y < 0 || x + w > width || y + h > height) continue;
      bool clash = false;
      for (const auto& p : placed)
        if (x < p.x + p.width && p.x < x + w && y < p.y + p.height && p.y < y + h) {
          clash = true;
          break;
        }
      if (clash) continue;
      placed.push_back({it.text, size, x, y, w, h});
      done = true;
    }
  }
  return placed;
}

std::string svg_word_cloud(std::span<const CountedItem> items, std::string_view title) {
  // The words fill the band between the title and a footer line of their own.
  const double W = 900, H = 600, top = 44, footer = 24;
  std::string o = open_svg(W, H, title);
  const auto words = word_cloud_layout(items, W, H - top - footer);
  if (words.empty()) return o + no_data({0, top, W, H - top - footer}) + "</svg>\n";
  o += fmt::format("<g transform=\"translate(0 {})\">\n", top);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    // Baseline at 0.93 em below the box top: the box is 1.2 em tall with the glyphs centred.
    o += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
                     f1(w.x + w.width / 2), f1(w.y + w.font_size * 0.93), f1(w.font_size),
                     kPalette[i % std::size(kPalette)], xml(w.text));
  }
  o += "</g>\n";
  o += text_at(W - 10, H - 8, fmt::format("{} of {} words shown", words.size(), items.size()), 11, "end");
  return o + "</svg>\n";
}

}  // namespace nlp::stats
