#!/usr/bin/env python3
"""NLTK's own Snowball stemmers (English and Spanish): golden stems and digests for
tests/golden/nltk/stems/, and a filter for the live parity test.

usage: /usr/bin/python3 scripts/goldens/nltk_snowball.py [--out-dir DIR] [--every K] [DATA]
       /usr/bin/python3 scripts/goldens/nltk_snowball.py --stem english|spanish [--file FILE] [--time]

The stemmers are SnowballStemmer("english") and SnowballStemmer("spanish") of NLTK (with
ignore_stopwords=False, the default), called on each word as it is: they lowercase it themselves.

Golden mode. DATA is the shared data folder (default: ../shared/data beside the repository).
Two vocabularies are built from it:
  en  corpora/en/eltec-eng.txt.xz, corpora/en/brown/brown-tokens.txt.xz, and the FORM column of
      ud/UD_English-*/*.conllu
  es  corpora/es/eltec-spa.txt.xz and the FORM column of ud/UD_Spanish-*/*.conllu
A corpus contributes the tokens of str.split() over its whole decompressed text (runs of Unicode
whitespace separate tokens); a treebank contributes the FORM (second) field of every line with at
least ten tab-separated fields that does not start with "#" (words, multiword tokens and empty
nodes alike). Each token is added as it is, case and punctuation kept, and also with the
characters that are not word characters (neither str.isalnum() nor "_") stripped from both ends,
when something remains. A vocabulary is the sorted (by code point) set of distinct strings.

Files written into DIR (default: tests/golden/nltk/stems in this repository), for LANG in
english, spanish:
  snowball-nltk-LANG.sample.tsv
      A header line, then "WORD<TAB>STEM" per word with .esc escapes (below). The words: edge
      cases (empty and blank strings, apostrophes, case mappings of every cased code point,
      combining marks, emoji, long words, every suffix of the algorithm after a set of short
      stems, suffix pairs), then every word of the language's treebanks and every K-th word
      (default 30) of its vocabulary, in vocabulary order.
  snowball-nltk-LANG.VOC-vocab.digest   (VOC = en and es: each stemmer on both vocabularies)
      A header line "#nlp-golden tool=nltk-VERSION stemmer=LANG vocabulary=VOC words=N
      vocabulary_sha256=HEX", where HEX is the SHA-256 of the vocabulary's words each followed
      by "\\n" (UTF-8); then "FIRST COUNT SHA256" per block of 10,000 words, the SHA-256 of
      their stems each followed by "\\n"; then "all N SHA256" for the whole vocabulary.
The header of every file also gives the NLTK version.

Escapes (as in the .esc files of tests/golden): \\\\ \\t \\n \\r, \\e for the empty string,
\\x23 for a "#" that starts a field, \\uHHHH and \\UHHHHHHHH for other control, format,
private-use, unassigned and separator characters (the words are valid Unicode: no surrogates).

Stem mode (--stem LANG): reads FILE (default stdin) as lines separated by "\\n" (a final newline
ends the last line), decoded as UTF-8 with errors="surrogateescape" so that invalid bytes reach
the stemmer as lone surrogates, and writes one stem per line in the same encoding. --time prints
the rate of the stemming loop alone (reading and writing excluded, CPU time of the process) on
stderr.
"""
import argparse
import hashlib
import lzma
import pathlib
import sys
import time
import unicodedata

from golden_words import words_digest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BLOCK = 10000


def stemmer(language):
    import nltk
    from nltk.stem.snowball import SnowballStemmer

    return nltk.__version__, SnowballStemmer(language)


# ---- vocabularies ----

def is_word_char(c):
    return c.isalnum() or c == "_"


def strip_non_word(token):
    begin, end = 0, len(token)
    while begin < end and not is_word_char(token[begin]):
        begin += 1
    while end > begin and not is_word_char(token[end - 1]):
        end -= 1
    return token[begin:end]


def corpus_tokens(path):
    return lzma.decompress(path.read_bytes()).decode("utf-8").split()


def treebank_forms(path):
    forms = []
    for line in path.read_bytes().decode("utf-8").split("\n"):
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 10:
            forms.append(fields[1])
    return forms


def sources(data, voc):
    """(corpus files, treebank files) of a vocabulary."""
    if voc == "en":
        corpora = [data / "corpora/en/eltec-eng.txt.xz", data / "corpora/en/brown/brown-tokens.txt.xz"]
        treebanks = sorted(data.glob("ud/UD_English-*/*.conllu"))
    else:
        corpora = [data / "corpora/es/eltec-spa.txt.xz"]
        treebanks = sorted(data.glob("ud/UD_Spanish-*/*.conllu"))
    return corpora, treebanks


def add_tokens(words, tokens):
    for token in tokens:
        words.add(token)
        stripped = strip_non_word(token)
        if stripped:
            words.add(stripped)


def vocabulary(data, voc):
    """(sorted vocabulary, sorted treebank words)"""
    corpora, treebanks = sources(data, voc)
    if not treebanks:
        sys.exit(f"{data}: no treebank for the {voc} vocabulary under ud/")
    ud = set()
    for path in treebanks:
        add_tokens(ud, treebank_forms(path))
    words = set(ud)
    for path in corpora:
        add_tokens(words, corpus_tokens(path))
    return sorted(words), sorted(ud)


# ---- edge cases ----

def suffix_lists(language):
    """The suffixes each step of NLTK's stemmer looks for (read from the class)."""
    from nltk.stem import snowball

    cls = snowball.EnglishStemmer if language == "english" else snowball.SpanishStemmer
    prefix = f"_{cls.__name__}__"
    lists = []
    for name in sorted(vars(cls)):
        if name.startswith(prefix) and name.endswith("_suffixes"):
            lists.append(list(getattr(cls, name)))
    return lists


def edge_cases(language):
    cases = [
        "", " ", "\t", "  ", "\r\n", "\u00a0", "\u2028", "\u3000", "a b", " running ", "running\r",
        "a", "A", "y", "Y", "s", "'", "\u2019", "ab", "AB", "Ab", "ys", "'s", "\u2019s", "''", "'''",
        "''s", "'s'", "s'", "x's'", "dogs'", "dog's'", "dog's", "DOG'S", "\u2019dog\u2019s",
        "\u2018tis", "\u201btwas", "'yes'", "'y", "'ying", "\u2019yelling\u2019", "``", "--", "...",
        "\u2013", "\u2014", "_", "__init__", "1", "12", "123", "1990s", "3rd", "2nd", "1.5", "50%",
        "$100", "\u0661\u0662\u0663", "\u00bd", "\u2167", "IV",
        "RUNNING", "Running", "rUnNiNg", "\u00c9COLE", "\u00c9coles", "\u0130", "\u0130STANBUL",
        "SK\u0130S", "i\u0307", "\u03a3", "a\u03a3", "a\u03a3b", "\u03a3\u03a3", "\u03a3\u0391\u03a3",
        "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3", "\u03a3\u0391\u03a3'S", "\u03a3.\u03a3",
        "A\u03a3\u0301", "A\u03a3\u00ad", "\u01c5", "\u01c4AMIJA", "\u1e9e", "\u00df", "stra\u00dfe",
        "STRASSE", "\ufb01nally", "\ufb06", "\u2126", "\u212a", "\u212b", "\u017f", "\u0131", "\u0131ng",
        "\u0178", "\u00ff", "\u00b5", "\u00d7", "\u00f7", "\u1f88", "\u10a0", "\u13a0", "\uab70",
        "cafe\u0301s", "e\u0301", "na\u00efvely", "resume\u0301s", "\u0301ing", "running\u0301",
        "\U0001f600", "\U0001f600s", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "running\U0001f600", "\u2764\ufe0fs", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
        "\ufdfa", "\ufeffrunning", "\u200drunning", "running\u200c",
        "a" * 1000 + "ational", "y" * 300, "ing" * 200, "ing" * 3000, "sses" * 100, "\u00f1" * 500 + "amente",
        "\u00c1" * 100 + "NDOSELO", "\u2019" * 50 + "s",
    ]
    # Every character whose lowercase differs from it, alone and before a suffix.
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if unicodedata.category(c) != "Cs" and c.lower() != c:
            cases.append(c)
            cases.append(c + "ations")
    if language == "english":
        from nltk.stem import snowball

        special = list(getattr(snowball.EnglishStemmer, "_EnglishStemmer__special_words"))
        for w in special:
            cases += [w, w.upper(), w.title(), "'" + w, "\u2019" + w, w + "s", w + "'s", w + "\u2019",
                      w[:-1]]
        cases += [
            "generation", "generously", "generals", "gener", "GENERATE", "communism", "community",
            "commun", "communes", "arsenal", "arsenic", "arsen", "yyy", "ayyy", "yay", "Yvonne",
            "sayings", "crying", "cry", "by", "bye", "eyes", "eyed", "obeyed", "skies'", "ied",
            "ies", "tied", "ties", "cries", "gas", "this", "kiwis", "us", "ss", "agreed", "feed",
            "bleed", "proceedings", "eedly", "luxuriating", "hopping", "hoping", "fizzed", "filing",
            "failing", "ability", "abilities", "rational", "relational", "conditional", "valency",
            "digitizer", "operator", "feudalism", "decisiveness", "hopefulness", "callousness",
            "formality", "sensitivity", "sensibility", "fluently", "fruitfully", "analogi",
            "analogy", "archaeology", "generically", "electricity", "adjustment", "adoption",
            "controllable", "rolled", "rolling", "spelled", "bowed", "boxed", "played", "played'",
            "hop", "hope", "heavily", "mysteriously", "tiny", "sky's", "news'", "innings'",
        ]
        stems = ["", "a", "b", "y", "ab", "ba", "bab", "abab", "aba", "ey", "gener", "commun",
                 "arsen", "'", "\u2019a", "l", "al", "st", "\u00e9", "\u00e9t"]
    else:
        cases += [
            "corriendo", "corri\u00e9ndole", "dici\u00e9ndoselo", "d\u00e1rselo", "com\u00e9rmelo",
            "haci\u00e9ndolos", "huyendo", "huy\u00e9ndole", "arguyendo", "construy\u00e9ndose",
            "ley\u00e9ndolo", "amablemente", "r\u00e1pidamente", "abiertamente", "l\u00f3gicamente",
            "activamente", "efectivamente", "nacionalidad", "posibilidad", "actividad",
            "contabilidad", "pac\u00edficamente", "yendo", "oyeron", "cayendo", "arg\u00fcir",
            "ping\u00fcino", "averig\u00fc\u00e9is", "sigue", "siguen", "sigui\u00f3", "pagu\u00e9",
            "apagues", "llegue", "\u00d1and\u00fa", "\u00c1RBOL", "canci\u00f3n", "canciones",
            "organizaci\u00f3n", "organizaciones", "evoluci\u00f3n", "evoluciones",
            "alineaci\u00f3n", "alineacion", "antropolog\u00eda", "biolog\u00edas",
            "independencia", "prudencias", "\u00e1", "\u00e9", "\u00f3", "\u00fa", "\u00fc", "\u00f1",
            "ya", "yo", "uy", "u", "gu", "g\u00fce", "que", "qu\u00e9", "AMABLEMENTE",
            "Corri\u00c9ndole", "guerra", "averiguar", "averiguando", "averigu\u00e9", "guisos",
        ]
        stems = ["", "a", "b", "u", "gu", "ab", "ba", "bab", "abab", "aba", "ua", "bu", "buy",
                 "arg", "averig", "corr", "\u00e1b", "\u00f1", "aic", "abat", "ativ", "abil"]
    lists = suffix_lists(language)
    all_suffixes = [s for lst in lists for s in lst]
    for s in all_suffixes:
        for stem in stems:
            cases.append(stem + s)
    if language == "english":
        for a in all_suffixes:
            for b in all_suffixes:
                cases.append("ab" + a + b)
    else:
        step0 = next(lst for lst in lists if "selas" in lst)
        for s in all_suffixes:
            for p in step0:
                cases.append("ab" + s + p)
                cases.append("bab" + s + p)
    seen = set()
    unique = []
    for w in cases:
        if w not in seen:
            seen.add(w)
            unique.append(w)
    return unique


# ---- files ----

def escape(s):
    if s == "":
        return "\\e"
    out = []
    for i, c in enumerate(s):
        if c == "\\":
            out.append("\\\\")
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "#" and i == 0:
            out.append("\\x23")
        elif unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp") or (
                c.isspace() and c != " "):
            out.append(f"\\u{ord(c):04X}" if ord(c) < 0x10000 else f"\\U{ord(c):08X}")
        else:
            out.append(c)
    return "".join(out)


def write(path, text):
    path.write_bytes(text.encode("utf-8"))
    print(f"{path}: {len(text.encode('utf-8')):,} bytes", file=sys.stderr)


def golden(args):
    data = args.data.resolve()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    vocabularies = {voc: vocabulary(data, voc) for voc in ("en", "es")}
    for voc, (words, ud) in vocabularies.items():
        print(f"vocabulary {voc}: {len(words):,} words, {len(ud):,} from treebanks", file=sys.stderr)
    for language, own in (("english", "en"), ("spanish", "es")):
        version, st = stemmer(language)
        words, ud = vocabularies[own]
        picked = set(ud)
        picked.update(words[::args.every])
        sample = edge_cases(language)
        in_edges = set(sample)
        sample += [w for w in sorted(picked) if w not in in_edges]
        lines = [f"#nlp-golden tool=nltk-{version} stemmer={language} words={len(sample)} "
                 f"vocabulary={own} every={args.every}\n"]
        lines += [f"{escape(w)}\t{escape(st.stem(w))}\n" for w in sample]
        write(args.out_dir / f"snowball-nltk-{language}.sample.tsv", "".join(lines))
        for voc, (vwords, _) in vocabularies.items():
            out = [f"#nlp-golden tool=nltk-{version} stemmer={language} vocabulary={voc} "
                   f"words={len(vwords)} vocabulary_sha256={words_digest(vwords)}\n"]
            whole = hashlib.sha256()
            for first in range(0, len(vwords), BLOCK):
                block = hashlib.sha256()
                chunk = vwords[first:first + BLOCK]
                for w in chunk:
                    line = (st.stem(w) + "\n").encode("utf-8")
                    block.update(line)
                    whole.update(line)
                out.append(f"{first + 1} {len(chunk)} {block.hexdigest()}\n")
            out.append(f"all {len(vwords)} {whole.hexdigest()}\n")
            write(args.out_dir / f"snowball-nltk-{language}.{voc}-vocab.digest", "".join(out))


def stem_filter(args):
    _, st = stemmer(args.stem)
    raw = (args.file.read_bytes() if args.file else sys.stdin.buffer.read())
    words = raw.decode("utf-8", "surrogateescape").split("\n")
    if words and words[-1] == "":
        words.pop()
    start = time.process_time()
    stems = [st.stem(w) for w in words]
    seconds = time.process_time() - start
    if args.time:
        print(f"nltk {args.stem}: {len(words)} words in {seconds:.3f} s: "
              f"{len(words) / max(seconds, 1e-9):,.0f} stems/s "
              f"(stems_per_second={len(words) / max(seconds, 1e-9):.0f})", file=sys.stderr)
    sys.stdout.buffer.write("".join(s + "\n" for s in stems).encode("utf-8", "surrogateescape"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=pathlib.Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out-dir", type=pathlib.Path, default=ROOT / "tests" / "golden" / "nltk" / "stems")
    parser.add_argument("--every", type=int, default=30)
    parser.add_argument("--stem", choices=("english", "spanish"))
    parser.add_argument("--file", type=pathlib.Path, help="input of --stem (default: stdin)")
    parser.add_argument("--time", action="store_true",
                        help="with --stem: print the stemming rate (stems per CPU second) on stderr")
    args = parser.parse_args()
    if args.stem:
        stem_filter(args)
    else:
        golden(args)


if __name__ == "__main__":
    main()
