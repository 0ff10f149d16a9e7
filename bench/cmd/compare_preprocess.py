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
import pathlib
import sys

import nltk
import sklearn
from nltk.tokenize import word_tokenize
from sklearn.feature_extraction.text import CountVectorizer

from benchlib import parser_for, run_cases


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
    parser = parser_for(__doc__)
    parser.add_argument("--threads", type=int, default=1, help="nlp preprocess --threads")
    parser.add_argument("--recipes", default="sklearn,sklearn-stop,sklearn-accents,nltk-stop")
    args = parser.parse_args()
    table = recipes()
    cases = [(name, table[name][0], ["preprocess", "--threads", str(args.threads), *table[name][1]])
             for name in args.recipes.split(",")]
    print(f"nlp preprocess --threads {args.threads}")
    sys.exit(run_cases(args, f"NLTK {nltk.__version__}, scikit-learn {sklearn.__version__}", "recipe", cases))


if __name__ == "__main__":
    main()
