#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "nlp/corpora/byte_source.hpp"
#include "nlp/corpora/conllu.hpp"
#include "nlp/corpora/reader.hpp"
#include "nlp/error.hpp"
#include "reader_helpers.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlp::corpora::ConlluReader;
using nlp::corpora::ConlluSentence;
using nlp::corpora::InputFormat;
using nlp::corpora::OnError;
using nlp::corpora::ReaderOptions;
using Strings = std::vector<std::string>;

namespace {

// One word line; `misc` last.
std::string w(const std::string& id, const std::string& form, const std::string& misc = "_") {
  return id + "\t" + form + "\t_\t_\t_\t_\t_\t_\t_\t" + misc + "\n";
}

std::vector<ConlluSentence> read_sentences(const std::string& input, ReaderOptions opts = {},
                                           nlp::corpora::ReadStats* stats = nullptr) {
  ConlluReader r(nlp::corpora::memory_byte_source(input, "t.conllu"), "t.conllu", opts);
  std::vector<ConlluSentence> out;
  for (ConlluSentence s; r.next(s);) out.push_back(s);
  if (stats) *stats = r.stats();
  return out;
}

std::optional<nlp::InputError> conllu_error(const std::string& input) {
  try {
    read_sentences(input);
  } catch (const nlp::InputError& e) {
    return e;
  }
  return std::nullopt;
}

Strings forms(const ConlluSentence& s) {
  Strings out;
  for (const auto& t : s.tokens) out.push_back(t.form);
  return out;
}

const std::string kSpanish =
    "# newdoc id = d1\n"
    "# newpar\n"
    "# sent_id = s1\n"
    "# text = Del mar, ya.\n"
    + w("1-2", "Del") + w("1", "De") + w("2", "el") + w("3", "mar", "SpaceAfter=No") +
    w("3.1", "x") + w("4", ",") + w("5", "ya", "Gloss=now|SpaceAfter=No") + w("6", ".") + "\n";

}  // namespace

TEST_CASE("conllu reader: multiword tokens empty nodes and SpaceAfter", "[corpora][conllu]") {
  nlp::corpora::ReadStats stats;
  const auto ss = read_sentences(kSpanish, {}, &stats);
  REQUIRE(ss.size() == 1);
  const ConlluSentence& s = ss[0];
  CHECK(s.sent_id == "s1");
  CHECK(s.text == "Del mar, ya.");
  CHECK(s.new_document);
  CHECK(s.new_paragraph);
  CHECK(s.comments == Strings{"newdoc id = d1", "newpar", "sent_id = s1", "text = Del mar, ya."});
  CHECK(s.words.size() == 6);  // the empty node 3.1 is not a word
  CHECK(s.words[2].form == "mar");
  CHECK(s.words[2].misc == "SpaceAfter=No");
  CHECK(s.words[3].id == "4");
  CHECK(forms(s) == Strings{"Del", "mar", ",", "ya", "."});
  CHECK(s.tokens[0].multiword);
  CHECK(s.tokens[0].first_word == 0);
  CHECK(s.tokens[0].last_word == 1);
  CHECK(s.tokens[1].first_word == 2);
  CHECK(s.tokens[1].last_word == 2);
  CHECK_FALSE(s.tokens[1].space_after);
  CHECK(s.tokens[2].space_after);
  CHECK_FALSE(s.tokens[3].space_after);
  CHECK(s.reconstructed_text() == s.text);
  CHECK(s.pos.line == 1);
  CHECK(s.text_pos.line == 4);
  CHECK(s.text_pos.column == 10);
  CHECK(s.text_pos.byte == kSpanish.find("Del mar"));
  CHECK(stats.documents == 1);
  CHECK(stats.lines == 13);
}

TEST_CASE("conllu reader: file layout edge cases", "[corpora][conllu]") {
  const std::string one = "# text = a b\n" + w("1", "a") + w("2", "b");
  struct Case {
    const char* name;
    std::string input;
    std::size_t sentences;
  };
  const std::vector<Case> cases = {
      {"empty file", "", 0},
      {"only newlines", "\n\n\n", 0},
      {"no final blank line", one, 1},
      {"no final newline", one.substr(0, one.size() - 1), 1},
      {"several blank lines between sentences", one + "\n\n\n" + one + "\n", 2},
      {"leading blank lines", "\n\n" + one + "\n", 1},
      {"CRLF", "# text = a b\r\n1\ta\t_\t_\t_\t_\t_\t_\t_\t_\r\n2\tb\t_\t_\t_\t_\t_\t_\t_\t_\r\n\r\n", 1},
      {"BOM", "\xEF\xBB\xBF" + one + "\n", 1},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto ss = read_sentences(c.input);
      REQUIRE(ss.size() == c.sentences);
      for (const auto& s : ss) {
        CHECK(s.text == "a b");
        CHECK(s.reconstructed_text() == "a b");
        CHECK(forms(s) == Strings{"a", "b"});
      }
    }
  }
}

TEST_CASE("conllu reader: comment-only blocks are empty sentences", "[corpora][conllu]") {
  nlp::corpora::ReadStats stats;
  const auto ss = read_sentences("# sent_id = e1\n# text =\n\n" + w("1", "x") + "\n", {}, &stats);
  REQUIRE(ss.size() == 2);
  CHECK(ss[0].sent_id == "e1");
  CHECK(ss[0].words.empty());
  CHECK(ss[0].reconstructed_text().empty());
  CHECK(stats.empty_documents == 1);
}

TEST_CASE("conllu reader: SpacesAfter is unescaped", "[corpora][conllu]") {
  const auto ss = read_sentences(w("1", "a", "SpacesAfter=\\s\\s") + w("2", "b", "SpacesAfter=\\u00A0") +
                                 w("3", "c", "SpacesAfter=\\t\\p\\\\") + w("4", "d", "SpacesAfter=\\n"));
  REQUIRE(ss.size() == 1);
  CHECK(ss[0].tokens[0].spaces_after == "  ");
  CHECK(ss[0].tokens[1].spaces_after == "\u00A0");
  CHECK(ss[0].tokens[2].spaces_after == "\t|\\");
  CHECK(ss[0].reconstructed_text() == "a  b\u00A0c\t|\\d");
}

TEST_CASE("conllu reader: malformed lines name line and column", "[corpora][conllu]") {
  struct Case {
    const char* name;
    std::string input;
    std::uint64_t line, column;
    std::string message;
  };
  const std::string tab9 = "1\ta\t_\t_\t_\t_\t_\t_\t_\n";
  const std::vector<Case> cases = {
      {"nine columns", "# c\n" + tab9, 2, 18,
       "expected 10 tab-separated columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), found 9"},
      {"eleven columns", "1\ta\t_\t_\t_\t_\t_\t_\t_\t_\textra\n", 1, 21, "expected 10 tab-separated columns"},
      {"spaces instead of tabs", "1 a _ _ _ _ _ _ _ _\n", 1, 20, "expected 10 tab-separated columns"},
      {"empty column", "1\ta\t\t_\t_\t_\t_\t_\t_\t_\n", 1, 5, "column 3 (LEMMA) is empty"},
      {"word out of order", w("1", "a") + w("3", "b"), 2, 1, "word ID 3 is out of order; expected 2"},
      {"first word not 1", w("2", "a"), 1, 1, "word ID 2 is out of order; expected 1"},
      {"repeated word", w("1", "a") + w("1", "b"), 2, 1, "word ID 1 is out of order; expected 2"},
      {"leading zero", w("01", "a"), 1, 1, "invalid ID \"01\""},
      {"not a number", w("a", "a"), 1, 1, "invalid ID \"a\""},
      {"zero", w("0", "a"), 1, 1, "invalid ID \"0\""},
      {"huge number", w("99999999999", "a"), 1, 1, "invalid ID"},
      {"range not at the next word", w("1", "a") + w("3-4", "bc"), 2, 1,
       "multiword token 3-4 must start at the next word ID, 2"},
      {"backwards range", w("1-1", "a"), 1, 1, "multiword token range 1-1 must end after it starts"},
      {"overlapping ranges", w("1-3", "abc") + w("1", "a") + w("2-3", "bc"), 3, 1,
       "multiword token 2-3 starts before the words of multiword token 1-3 are complete"},
      {"range not covered at the end", "# x\n" + w("1", "a") + w("2-3", "bc") + w("2", "b") + "\n", 3, 1,
       "multiword token 2-3 is not followed by all of its words"},
      {"empty node out of order", w("1", "a") + w("1.2", "e"), 2, 1, "empty node 1.2 is out of order; expected 1.1"},
      {"empty node after the wrong word", w("1", "a") + w("2", "b") + w("1.1", "e"), 3, 1,
       "empty node 1.1 is out of order; expected 2.1"},
      {"comment after words", w("1", "a") + "# late\n", 2, 1, "comment line after the first word line"},
      {"whitespace-only line", w("1", "a") + "  \n", 2, 1, "line holds only spaces or tabs"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto e = conllu_error(c.input);
      REQUIRE(e);
      CHECK(e->pos().file == "t.conllu");
      CHECK(e->pos().line == c.line);
      CHECK(e->pos().column == c.column);
      CHECK(e->detail().find(c.message) == 0);
      CHECK(e->detail().find("--on-error=skip") != std::string::npos);
      // Under skip the sentence is counted and the next one is read.
      ReaderOptions o;
      o.on_error = OnError::skip;
      nlp::corpora::ReadStats stats;
      const auto ss = read_sentences(c.input + "\n" + kSpanish, o, &stats);
      REQUIRE(ss.size() == 1);
      CHECK(ss[0].sent_id == "s1");
      CHECK(stats.records_skipped == 1);
      REQUIRE(stats.skipped_examples.size() == 1);
      CHECK(stats.skipped_examples[0].find("t.conllu:" + std::to_string(c.line) + ":") == 0);
    }
  }
}

TEST_CASE("conllu reader: invalid UTF-8 policies and limits", "[corpora][conllu][utf8]") {
  const std::string bad = "# text = a\xC3(\n" + w("1", "a\xC3(") + "\n";
  const auto e = conllu_error(bad);
  REQUIRE(e);
  CHECK(e->pos().line == 1);
  CHECK(e->pos().column == 11);
  ReaderOptions o;
  o.invalid_utf8 = nlp::utf8::InvalidPolicy::replace;
  nlp::corpora::ReadStats stats;
  const auto ss = read_sentences(bad, o, &stats);
  REQUIRE(ss.size() == 1);
  CHECK(ss[0].text == "a\xEF\xBF\xBD(");
  CHECK(ss[0].words[0].form == "a\xEF\xBF\xBD(");
  CHECK(stats.utf8_replaced == 2);
  // A sentence that never ends (no blank lines) is bounded by max_record_bytes.
  std::string runaway;
  for (int k = 1; k <= 100; ++k) runaway += w(std::to_string(k), "w");
  o.max_record_bytes = 500;
  o.invalid_utf8 = nlp::utf8::InvalidPolicy::strict;
  CHECK_THROWS_AS(read_sentences(runaway, o), nlp::InputError);
}

TEST_CASE("conllu input format: a document per sentence", "[corpora][conllu]") {
  ReaderOptions o;
  o.format = InputFormat::conllu;
  const std::string input = kSpanish + w("1", "sin") + w("2", "texto", "SpaceAfter=No") + w("3", "!") + "\n";
  const auto r = nlp::test::read_all(input, o, "t.conllu");
  CHECK(r.texts() == Strings{"Del mar, ya.", "sin texto!"});
  CHECK(r.ids() == Strings{"s1", "t.conllu:14"});
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[0].pos.line == 4);
  CHECK(r.docs[0].pos.column == 10);
  CHECK(input.substr(r.docs[0].pos.byte, 3) == "Del");
  CHECK(r.docs[1].pos.line == 14);
  CHECK(r.docs[1].index == 1);
  CHECK(r.stats.documents == 2);
}

namespace {

struct Treebank {
  const char* path;
  std::size_t sentences, words;
};

void check_treebank(const Treebank& tb) {
  const auto data = nlp::test::shared_data();
  if (!data) nlp::test::skip("shared data not found (../shared/data)");
  const fs::path file = *data / tb.path;
  if (!fs::exists(file)) nlp::test::skip(file.string() + " not found");
  const auto reader = nlp::corpora::open_conllu(file.string(), ReaderOptions{});
  std::size_t sentences = 0, words = 0, with_text = 0;
  std::vector<std::string> differ;
  for (ConlluSentence s; reader->next(s);) {
    ++sentences;
    words += s.words.size();
    if (s.sent_id.empty()) FAIL("sentence without sent_id at line " << s.pos.line);
    if (!s.text.empty()) ++with_text;
    if (s.reconstructed_text() != s.text) differ.push_back(s.sent_id + ": \"" + s.text + "\" vs \"" + s.reconstructed_text() + "\"");
    // Token word ranges are consecutive and cover every word exactly once.
    std::uint32_t next = 0;
    for (const auto& t : s.tokens) {
      REQUIRE(t.first_word == next);
      REQUIRE(t.last_word >= t.first_word);
      REQUIRE(t.multiword == (t.last_word > t.first_word));
      next = t.last_word + 1;
    }
    REQUIRE(next == s.words.size());
  }
  CHECK(sentences == tb.sentences);
  CHECK(words == tb.words);
  CHECK(with_text == tb.sentences);
  CHECK(reader->stats().records_skipped == 0);
  for (const auto& d : differ) WARN("reconstructed text differs: " << d);
  CHECK(differ.empty());
}

}  // namespace

TEST_CASE("conllu reader: UD English-EWT test has 2077 sentences and 25094 words", "[corpora][conllu][ud]") {
  check_treebank({"ud/UD_English-EWT/en_ewt-ud-test.conllu", 2077, 25094});
}

TEST_CASE("conllu reader: UD Spanish-AnCora test has 1721 sentences and 53599 words", "[corpora][conllu][ud]") {
  check_treebank({"ud/UD_Spanish-AnCora/es_ancora-ud-test.conllu", 1721, 53599});
}

TEST_CASE("conllu reader: UD English-EWT dev and train read cleanly", "[corpora][conllu][ud]") {
  check_treebank({"ud/UD_English-EWT/en_ewt-ud-dev.conllu", 2001, 25147});
  check_treebank({"ud/UD_English-EWT/en_ewt-ud-train.conllu", 12544, 204577});
}

TEST_CASE("conllu reader: UD Spanish dev sets read cleanly", "[corpora][conllu][ud]") {
  check_treebank({"ud/UD_Spanish-AnCora/es_ancora-ud-dev.conllu", 1654, 53423});
  check_treebank({"ud/UD_Spanish-GSD/es_gsd-ud-dev.conllu", 1400, 37154});
}
