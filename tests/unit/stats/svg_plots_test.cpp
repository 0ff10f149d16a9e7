// SVG plots: well-formed XML (a small structural parser), escaping, labels, and a word cloud
// whose boxes never overlap and stay on the canvas.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nlp/stats/svg_plots.hpp"

using nlp::stats::CountedItem;

namespace {

// Checks the structure of an XML document: one root element, every tag closed in order,
// quoted attributes, only the five predefined entities or character references. Returns an
// empty string when well-formed, else what went wrong. Also counts elements by name.
struct XmlCheck {
  std::string error;
  std::string root;
  std::vector<std::string> elements;
};

XmlCheck check_xml(const std::string& s) {
  XmlCheck r;
  std::vector<std::string> stack;
  std::size_t i = 0;
  if (s.starts_with("<?xml")) {
    i = s.find("?>");
    if (i == std::string::npos) return {"unterminated XML declaration", {}, {}};
    i += 2;
  }
  bool root_closed = false;
  auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
  };
  while (i < s.size()) {
    if (s[i] == '<') {
      if (s.compare(i, 2, "</") == 0) {
        std::size_t j = i + 2;
        while (j < s.size() && name_char(s[j])) ++j;
        const std::string name = s.substr(i + 2, j - i - 2);
        if (stack.empty() || stack.back() != name) return {"mismatched </" + name + ">", {}, {}};
        stack.pop_back();
        if (stack.empty()) root_closed = true;
        i = s.find('>', j);
        if (i == std::string::npos) return {"unterminated end tag", {}, {}};
        ++i;
        continue;
      }
      if (root_closed) return {"content after the root element", {}, {}};
      std::size_t j = i + 1;
      while (j < s.size() && name_char(s[j])) ++j;
      const std::string name = s.substr(i + 1, j - i - 1);
      if (name.empty()) return {"empty tag name", {}, {}};
      if (stack.empty() && r.root.empty()) r.root = name;
      else if (stack.empty()) return {"second root element", {}, {}};
      r.elements.push_back(name);
      // attributes
      while (true) {
        while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
        if (j >= s.size()) return {"unterminated tag", {}, {}};
        if (s[j] == '>') { stack.push_back(name); ++j; break; }
        if (s.compare(j, 2, "/>") == 0) {
          j += 2;
          if (stack.empty()) root_closed = true;
          break;
        }
        const std::size_t a = j;
        while (j < s.size() && name_char(s[j])) ++j;
        if (j == a || j >= s.size() || s[j] != '=') return {"bad attribute in <" + name + ">", {}, {}};
        ++j;
        if (s[j] != '"') return {"unquoted attribute in <" + name + ">", {}, {}};
        const std::size_t end = s.find('"', j + 1);
        if (end == std::string::npos || s.substr(j + 1, end - j - 1).find('<') != std::string::npos)
          return {"bad attribute value", {}, {}};
        j = end + 1;
      }
      i = j;
    } else if (s[i] == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi == std::string::npos) return {"unterminated entity", {}, {}};
      const std::string ent = s.substr(i + 1, semi - i - 1);
      if (ent != "amp" && ent != "lt" && ent != "gt" && ent != "quot" && ent != "apos" && !ent.starts_with("#"))
        return {"unknown entity &" + ent + ";", {}, {}};
      i = semi + 1;
    } else {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return {"control character", {}, {}};
      if (!stack.empty() || std::isspace(c)) ++i;
      else return {"text outside the root element", {}, {}};
    }
  }
  if (!stack.empty()) return {"unclosed <" + stack.back() + ">", {}, {}};
  if (r.root.empty()) return {"no root element", {}, {}};
  return r;
}

std::size_t count_of(const XmlCheck& x, const std::string& name) {
  std::size_t n = 0;
  for (const auto& e : x.elements) n += e == name;
  return n;
}

std::vector<CountedItem> zipf_items(std::size_t n) {
  std::vector<CountedItem> v;
  for (std::size_t r = 1; r <= n; ++r) v.push_back({"word" + std::to_string(r), 100000 / r});
  return v;
}

}  // namespace

TEST_CASE("svg: the structural checker rejects broken XML", "[svg]") {
  CHECK_FALSE(check_xml("<svg><g></svg>").error.empty());
  CHECK_FALSE(check_xml("<svg a=b/>").error.empty());
  CHECK_FALSE(check_xml("<svg>a & b</svg>").error.empty());
  CHECK_FALSE(check_xml("<svg/><svg/>").error.empty());
  CHECK(check_xml("<?xml version=\"1.0\"?>\n<svg x=\"1\"><g/>&lt;</svg>\n").error.empty());
}

TEST_CASE("svg: every plot is well-formed with a title and axis labels, empty data included", "[svg]") {
  const std::vector<std::uint64_t> lengths{0, 1, 1, 2, 3, 5, 8, 13, 21, 34};
  std::vector<std::uint64_t> freqs;
  for (const auto& it : zipf_items(500)) freqs.push_back(it.count);
  const auto items = zipf_items(20);
  const std::vector<std::string> docs{
      nlp::stats::svg_histogram(lengths, "Lengths", "tokens per document"),
      nlp::stats::svg_histogram({}, "Lengths", "tokens"),
      nlp::stats::svg_zipf_plot(freqs, nlp::stats::fit_zipf(freqs), "Zipf"),
      nlp::stats::svg_zipf_plot({}, std::nullopt, "Zipf"),
      nlp::stats::svg_zipf_plot(std::vector<std::uint64_t>{1}, std::nullopt, "Zipf"),
      nlp::stats::svg_bar_chart(items, "Top"),
      nlp::stats::svg_bar_chart({}, "Top"),
      nlp::stats::svg_word_cloud(zipf_items(150), "Cloud"),
      nlp::stats::svg_word_cloud({}, "Cloud"),
  };
  for (const auto& d : docs) {
    const auto x = check_xml(d);
    INFO(d.substr(0, 400));
    CHECK(x.error.empty());
    CHECK(x.root == "svg");
    CHECK(count_of(x, "title") >= 1);
    CHECK(d.find("font-family=\"sans-serif\"") != std::string::npos);
    CHECK(d.find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  }
  CHECK(docs[0].find(">tokens per document</text>") != std::string::npos);
  CHECK(docs[1].find(">no data</text>") != std::string::npos);
  CHECK(docs[2].find("rank (log scale)") != std::string::npos);
  CHECK(docs[2].find("fit: s = ") != std::string::npos);
  CHECK(count_of(check_xml(docs[5]), "rect") == 1 + 20);  // background and 20 bars
}

TEST_CASE("svg: markup and control characters in words are escaped", "[svg]") {
  const std::vector<CountedItem> items{{"<b>&\"x\"", 5}, {std::string("a\x01z"), 3}, {"\xF0\x9F\x91\x8D", 2}};
  for (const auto& d : {nlp::stats::svg_bar_chart(items, "T&C <1>"), nlp::stats::svg_word_cloud(items, "Cloud")}) {
    const auto x = check_xml(d);
    CHECK(x.error.empty());
    CHECK(d.find("&lt;b&gt;&amp;&quot;x&quot;") != std::string::npos);
    CHECK(d.find("a\xEF\xBF\xBDz") != std::string::npos);
  }
}

TEST_CASE("svg: the word cloud layout is deterministic and has no overlapping boxes", "[svg]") {
  const auto items = zipf_items(200);
  const double W = 900, H = 532;
  const auto placed = nlp::stats::word_cloud_layout(items, W, H);
  REQUIRE(placed.size() > 50);
  CHECK(placed[0].text == "word1");
  CHECK(placed[0].font_size == 72);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const auto& a = placed[i];
    CHECK(a.x >= 0);
    CHECK(a.y >= 0);
    CHECK(a.x + a.width <= W);
    CHECK(a.y + a.height <= H);
    CHECK(a.width >= nlp::stats::estimate_text_width(a.text, a.font_size));
    for (std::size_t j = i + 1; j < placed.size(); ++j) {
      const auto& b = placed[j];
      const bool overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      if (overlap) FAIL(a.text << " overlaps " << b.text);
    }
  }
  const auto again = nlp::stats::word_cloud_layout(items, W, H);
  REQUIRE(again.size() == placed.size());
  for (std::size_t i = 0; i < placed.size(); ++i) {
    CHECK(again[i].x == placed[i].x);
    CHECK(again[i].y == placed[i].y);
  }
  // A word too wide for the canvas is left out, not squeezed in.
  const std::vector<CountedItem> wide{{std::string(400, 'W'), 10}, {"ok", 1}};
  const auto w = nlp::stats::word_cloud_layout(wide, W, H);
  REQUIRE(w.size() == 1);
  CHECK(w[0].text == "ok");
}

TEST_CASE("svg: text width estimates", "[svg]") {
  CHECK(nlp::stats::estimate_text_width("", 10) == 0);
  CHECK(nlp::stats::estimate_text_width("mm", 10) > nlp::stats::estimate_text_width("ii", 10));
  // A combining mark adds no width; a CJK character is about one em.
  CHECK(nlp::stats::estimate_text_width("e\xCC\x81", 10) == nlp::stats::estimate_text_width("e", 10));
  CHECK(nlp::stats::estimate_text_width("\xE4\xB8\xAD", 10) == Approx(10));
}

TEST_CASE("svg: tiny counts get whole-number ticks", "[svg]") {
  const std::vector<std::uint64_t> one{3};
  const std::string h = nlp::stats::svg_histogram(one, "Lengths", "tokens");
  CHECK(check_xml(h).error.empty());
  CHECK(h.find(">0.2<") == std::string::npos);
  CHECK(h.find(">1<") != std::string::npos);
  const std::vector<CountedItem> items{{"a", 1}};
  const std::string b = nlp::stats::svg_bar_chart(items, "Top");
  CHECK(b.find(">0.2<") == std::string::npos);
}
