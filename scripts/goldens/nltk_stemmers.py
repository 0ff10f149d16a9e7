#!/usr/bin/env python3
"""NLTK's Porter (three modes) and Lancaster stemmers on a vocabulary: golden stems, digests of the
stems of the full vocabulary, a timing loop, and agreement with the Snowball Porter lists.

usage: /usr/bin/python3 scripts/goldens/nltk_stemmers.py [DATA] [--out-dir DIR] [--sample-every K]
       /usr/bin/python3 scripts/goldens/nltk_stemmers.py --words FILE --out-dir DIR [--stemmer NAME]...
       /usr/bin/python3 scripts/goldens/nltk_stemmers.py [DATA] --time
       /usr/bin/python3 scripts/goldens/nltk_stemmers.py [DATA] --snowball

DATA is the shared data folder (default: ../shared/data relative to the repository root).

Stemmers (NLTK 3.8):
  porter-nltk      PorterStemmer(mode=PorterStemmer.NLTK_EXTENSIONS).stem(word)
  porter-martin    PorterStemmer(mode=PorterStemmer.MARTIN_EXTENSIONS).stem(word)
  porter-original  PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM).stem(word)
  lancaster-nltk   LancasterStemmer().stem(word)

Vocabulary: the distinct words of
  corpora/en/eltec-eng.txt.xz, corpora/es/eltec-spa.txt.xz, corpora/en/brown/brown-tokens.txt.xz
    (every whitespace token, str.split())
  ud/*/*.conllu
    (the FORM column of every token line, multiword ranges and empty nodes included)
together with each such word stripped of leading and trailing punctuation (characters whose
Unicode general category is P*) when that leaves a different, non-empty word. Sorted by code point.

Default mode writes into DIR (default: tests/golden/nltk/stems in this repository):
  STEMMER.tsv.xz        a header line, then "WORD<TAB>STEM" for each word of the sample: every
                        word that comes from a UD treebank, every K-th (default 40) of the other
                        words in sorted order, and the edge cases listed in EDGE_CASES below.
  full-vocabulary.digest
                        a header line, then "STEMMER FIRST COUNT SHA256" per block of 10,000 words
                        of the full vocabulary and "STEMMER all COUNT SHA256" for all of it; SHA256
                        is the digest of the stems of those words, each followed by "\\n" (UTF-8).
Header lines: "#nlp-golden tool=nltk-3.8 KEY=VALUE ...", with words=N and words_sha256 (the
SHA-256 of the words in order, each followed by "\\n").

--words FILE: stems the lines of FILE (UTF-8, split on "\\n" only; a final newline does not start
another word) and writes DIR/STEMMER.txt, one stem per line, for each stemmer (or those named
with --stemmer).
--time: stems the full vocabulary with each stemmer once (one thread) and prints words per second.
--snowball: prints, per Porter mode, on how many words of the Snowball project's Porter lists
(stemmers/porter-original-2005 and stemmers/snowball-data/porter, voc.txt and output.txt) NLTK
agrees with output.txt, and the differing words when there are at most 20.
"""
import argparse
import hashlib
import lzma
import pathlib
import sys
import time

from golden_words import conllu_forms, strip_punct, words_digest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BLOCK = 10000

# Words the sample always contains: short words, the special-word pool, the examples of the
# algorithms' papers and docstrings, rule suffixes on their own, case and non-ASCII letters
# (vowel and consonant tests and str.isalpha work on code points), digits and punctuation.
EDGE_CASES = [
    "", "a", "s", "y", "e", "i", "A", "S", "Y", "is", "as", "us", "ss", "yy", "ys", "sy", "IS",
    "ies", "ied", "eed", "ing", "ed", "ate", "ly", "ful", "ness", "ational", "alli", "logi", "fulli",
    "sky", "skies", "Sky", "SKIES", "sKy", "dying", "Dying", "lying", "tying", "news", "News",
    "innings", "inning", "outings", "outing", "cannings", "canning", "howe", "proceed", "exceed",
    "succeed", "proceeds", "exceeding", "succeeded",
    "syzygy", "happy", "enjoy", "enjoyment", "spy", "fly", "try", "by", "flies", "dies", "died",
    "spied", "ties", "tied", "lies", "pies", "caresses", "ponies", "cats", "feed", "agreed",
    "plastered", "bled", "motoring", "sing", "conflated", "troubled", "sized", "hopping", "tanned",
    "falling", "hissing", "fizzed", "failing", "filing", "relational", "conditional", "rational",
    "valenci", "hesitanci", "digitizer", "conformabli", "radicalli", "differentli", "vileli",
    "analogousli", "vietnamization", "predication", "operator", "feudalism", "decisiveness",
    "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "triplicate",
    "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness", "revival",
    "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant",
    "replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate",
    "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate", "cease", "controll",
    "roll", "generalli", "hopefulli", "archaeology", "geology", "theology", "analogi", "apology",
    "toy", "toys", "yay", "yyyy", "ayyy", "yyy", "aly", "owy", "ow", "awing", "owed", "ear",
    "ha*ding", "bu*ded", "*d", "x*ding", "aaa*ded",
    "maximum", "presumably", "multiply", "provision", "saying", "crying", "string", "meant",
    "cement", "kilometer", "es-s", "ab1c", "ness", "nests", "agreement", "aeiouy", "ij", "ijs",
    "café", "cafés", "naïve", "naïvely", "ÉCOLE", "écoles", "Über", "über", "éy", "çyes",
    "İstanbul", "İ", "İS", "İSS", "İİ", "ΣΟΦΟΣ", "ΟΔΟΣ", "Σ", "λόγος", "straße", "STRASSE",
    "ﬁve", "ﬀ", "\u212aelvin", "ǅungla", "ǲ", "Ⅻ", "ⅻs", "книги", "日本s", "cafe\u0301s",
    "\U0001d538s", "👍s", "👍", "١٢٣", "123", "1990s", "3rd", "10th", "co-operation",
    "well-being", "don't", "o'clock", "rock'n'roll", "'s", "n't", "--", "...", "ing's", "ies-",
    "-ing", "_ing", "x2y", "ⅰing", "ªing", "ºs",
    "supercalifragilisticexpialidocious", "antidisestablishmentarianism",
    "a" * 60 + "ational", "y" * 41, "Y" * 8 + "ies",
]


def stemmers():
    """(nltk version, [(name, stem function)])"""
    import nltk
    from nltk.stem import LancasterStemmer, PorterStemmer

    return nltk.__version__, [
        ("porter-nltk", PorterStemmer(mode=PorterStemmer.NLTK_EXTENSIONS).stem),
        ("porter-martin", PorterStemmer(mode=PorterStemmer.MARTIN_EXTENSIONS).stem),
        ("porter-original", PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM).stem),
        ("lancaster-nltk", LancasterStemmer().stem),
    ]


def add_with_stripped(words, tokens):
    for t in tokens:
        words.add(t)
        s = strip_punct(t)
        if s and s != t:
            words.add(s)


CORPORA = ["corpora/en/eltec-eng.txt.xz", "corpora/es/eltec-spa.txt.xz",
           "corpora/en/brown/brown-tokens.txt.xz"]


def vocabulary(data):
    """(sorted full vocabulary, set of words that come from the UD treebanks, input names)"""
    ud, corpus = set(), set()
    conllus = sorted(data.glob("ud/*/*.conllu"))
    if not conllus:
        sys.exit(f"no ud/*/*.conllu under {data}")
    for path in conllus:
        add_with_stripped(ud, conllu_forms(path))
    for name in CORPORA:
        text = lzma.decompress((data / name).read_bytes()).decode("utf-8")
        add_with_stripped(corpus, text.split())
    inputs = CORPORA + [str(p.relative_to(data)) for p in conllus]
    return sorted(ud | corpus), ud, inputs


def write_xz(path, text):
    path.write_bytes(lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))


def write_goldens(data, out_dir, every):
    version, stems = stemmers()
    words, ud, inputs = vocabulary(data)
    others = [w for w in words if w not in ud]
    sample = sorted(ud | set(others[::every]) | set(EDGE_CASES))
    for w in sample:
        if "\n" in w or "\t" in w:
            sys.exit(f"sample word {w!r} contains a tab or newline")
    out_dir.mkdir(parents=True, exist_ok=True)
    sample_sha = words_digest(sample)
    for name, stem in stems:
        lines = [f"#nlp-golden tool=nltk-{version} stemmer={name} sample_every={every} "
                 f"words={len(sample)} words_sha256={sample_sha}\n"]
        lines += [f"{w}\t{stem(w)}\n" for w in sample]
        write_xz(out_dir / f"{name}.tsv.xz", "".join(lines))
    rows = [f"#nlp-golden tool=nltk-{version} input={','.join(inputs)} block={BLOCK} "
            f"words={len(words)} words_sha256={words_digest(words)}\n"]
    for name, stem in stems:
        whole = hashlib.sha256()
        for first in range(0, len(words), BLOCK):
            block = "".join(stem(w) + "\n" for w in words[first:first + BLOCK]).encode("utf-8")
            whole.update(block)
            count = min(BLOCK, len(words) - first)
            rows.append(f"{name} {first + 1} {count} {hashlib.sha256(block).hexdigest()}\n")
        rows.append(f"{name} all {len(words)} {whole.hexdigest()}\n")
    (out_dir / "full-vocabulary.digest").write_text("".join(rows), encoding="utf-8")
    print(f"{len(words)} words, sample of {len(sample)} ({len(ud)} from UD) -> {out_dir}")


def stem_file(path, out_dir, only):
    _, stems = stemmers()
    unknown = set(only) - {name for name, _ in stems}
    if unknown:
        sys.exit(f"unknown stemmer(s): {', '.join(sorted(unknown))}")
    stems = [(name, stem) for name, stem in stems if not only or name in only]
    data = path.read_bytes().decode("utf-8")
    words = data.split("\n")
    if data.endswith("\n"):
        words.pop()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, stem in stems:
        with open(out_dir / f"{name}.txt", "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(stem(w) + "\n" for w in words))


def time_stemmers(data):
    version, stems = stemmers()
    words, _, _ = vocabulary(data)
    print(f"NLTK {version}, Python {sys.version.split()[0]}, {len(words)} distinct words")
    for name, stem in stems:
        start = time.perf_counter()
        for w in words:
            stem(w)
        elapsed = time.perf_counter() - start
        print(f"{name:16} {elapsed:8.2f} s  {len(words) / elapsed:12,.0f} words/s")


def snowball_agreement(data):
    _, stems = stemmers()
    for folder in ["stemmers/porter-original-2005", "stemmers/snowball-data/porter"]:
        voc = (data / folder / "voc.txt").read_text(encoding="utf-8").split("\n")
        out = (data / folder / "output.txt").read_text(encoding="utf-8").split("\n")
        voc, out = voc[:-1], out[:-1]
        for name, stem in stems[:3]:
            differ = [w for w, o in zip(voc, out) if stem(w) != o]
            print(f"{folder} {name}: {len(voc) - len(differ)} of {len(voc)} agree")
            if len(differ) <= 20:
                print("  differ: " + " ".join(differ))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", type=pathlib.Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out-dir", type=pathlib.Path, default=ROOT / "tests" / "golden" / "nltk" / "stems")
    ap.add_argument("--sample-every", type=int, default=40)
    ap.add_argument("--words", type=pathlib.Path)
    ap.add_argument("--stemmer", action="append", default=[])
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--snowball", action="store_true")
    args = ap.parse_args()
    if args.words:
        stem_file(args.words, args.out_dir, args.stemmer)
    elif args.time:
        time_stemmers(args.data)
    elif args.snowball:
        snowball_agreement(args.data)
    else:
        write_goldens(args.data, args.out_dir, args.sample_every)


if __name__ == "__main__":
    main()
