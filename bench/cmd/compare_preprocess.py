#!/usr/bin/env python3
"""Times the preprocessing of scikit-learn's CountVectorizer analyzers and of a common NLTK recipe
against `nlp preprocess` doing the same, and checks that the tokens are identical.

usage: /usr/bin/python3 bench/cmd/compare_preprocess.py NLP_BINARY INPUT [--max-bytes N]
           [--repeat R] [--threads T] [--recipes sklearn,sklearn-stop,sklearn-accents,nltk-stop]

INPUT is a text file, one document per line (a .xz file is decompressed first). Recipes:
  sklearn          CountVectorizer().build_analyzer()
                   nlp preprocess --normalize-case lower                      (regex tokenizer)
  sklearn-stop     CountVectorizer(stop_words='english').build_analyzer()
                   nlp preprocess --normalize-case lower --stopwords sklearn:en
  sklearn-accents  CountVectorizer(strip_accents='unicode').build_analyzer()
                   nlp preprocess --normalize-case lower --strip-accents unicode
  nltk-stop        [w for w in word_tokenize(line.lower(), preserve_line=True) if w not in
                    stop]  with stop = set(stopwords.words('english')), read from the copy of
                    NLTK's list bundled with nlp (corpora/data/stopwords/nltk/en.txt), as
                    NLTK's data package may be absent
                   nlp preprocess -t word --normalize-case lower --stopwords nltk:en
Each reference runs in this process over the lines (best of R); `nlp preprocess --threads T`
runs as a whole command with its output in a file (best of R). Prints MB/s by wall and CPU time,
the ratios and the identical lines; exits 1 if any line differs.
"""
import argparse
import pathlib
import sys
import tempfile

import nltk
import sklearn
from nltk.tokenize import word_tokenize
from sklearn.feature_extraction.text import CountVectorizer

from benchlib import compare, describe, jsonl_tokens, print_table, read_input, split_lines, time_command, time_reference


def recipes():
    bundled = pathlib.Path(__file__).resolve().parents[2] / "corpora" / "data" / "stopwords" / "nltk" / "en.txt"
    nltk_stop = set(bundled.read_text(encoding="utf-8").split())
    return {
        "sklearn": (CountVectorizer().build_analyzer(), ["--normalize-case", "lower"]),
        "sklearn-stop": (CountVectorizer(stop_words="english").build_analyzer(),
                         ["--normalize-case", "lower", "--stopwords", "sklearn:en"]),
        "sklearn-accents": (CountVectorizer(strip_accents="unicode").build_analyzer(),
                            ["--normalize-case", "lower", "--strip-accents", "unicode"]),
        "nltk-stop": (lambda line: [w for w in word_tokenize(line.lower(), preserve_line=True) if w not in nltk_stop],
                      ["-t", "word", "--normalize-case", "lower", "--stopwords", "nltk:en"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("nlp", type=pathlib.Path, help="the nlp executable")
    parser.add_argument("input", type=pathlib.Path)
    parser.add_argument("--max-bytes", type=int, default=0, help="use only the first N bytes (whole lines)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="nlp preprocess --threads")
    parser.add_argument("--recipes", default="sklearn,sklearn-stop,sklearn-accents,nltk-stop")
    args = parser.parse_args()

    data = read_input(args.input, args.max_bytes)
    lines = split_lines(data)
    mb = len(data) / 1e6
    describe(args, data, lines, f"NLTK {nltk.__version__}, scikit-learn {sklearn.__version__}")
    print(f"nlp preprocess --threads {args.threads}")

    table = recipes()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "input.txt"
        src.write_bytes(data)
        out = pathlib.Path(tmp) / "out.txt"
        for name in args.recipes.split(","):
            reference, flags = table[name]
            ref_wall, ref_cpu, expected = time_reference(reference, lines, args.repeat)
            argv = [str(args.nlp), "preprocess", "--threads", str(args.threads), *flags, str(src)]
            nlp_wall, nlp_cpu = time_command(argv, out, args.repeat)
            same = compare(name, lines, expected, jsonl_tokens(argv, out))
            rows.append((name, mb / ref_wall, mb / nlp_wall, mb / ref_cpu, mb / nlp_cpu, same, len(lines)))

    print_table("recipe", rows)
    sys.exit(0 if all(r[5] == r[6] for r in rows) else 1)


if __name__ == "__main__":
    main()
