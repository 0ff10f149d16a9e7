#!/usr/bin/python3
"""Bigram collocation scores from NLTK (BigramCollocationFinder + BigramAssocMeasures), written as
the TSV that `nlp collocations` prints, for the golden and live parity tests.

Tokens: each input line is one document, split on whitespace (str.split), which is what
`nlp collocations -t whitespace` does. Boundaries: "cross" runs from_words over the
concatenation of all lines, "respect" runs from_documents over the lines.

usage: nltk_collocations.py INPUT OUTDIR --boundaries cross|respect --min-freq N --top N [--trigrams]
writes OUTDIR/<measure>.tsv for each measure (npmi is computed from NLTK's pmi). With --trigrams:
TrigramCollocationFinder and TrigramAssocMeasures (which have no dice).
"""
import argparse
import math
import os
import sys
import time

from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

MEASURES = ["pmi", "npmi", "likelihood_ratio", "chi_sq", "student_t", "dice", "jaccard",
            "raw_freq", "poisson_stirling"]


def npmi(n_ii, n_ix_xi, n_xx):
    # Normalized PMI (Bouma 2009): pmi / -log2 p(w1 w2); NLTK 3.8 has no such measure.
    return BigramAssocMeasures.pmi(n_ii, n_ix_xi, n_xx) / -math.log2(n_ii / n_xx)


def npmi3(n_iii, pairs, words, n_xxx):
    return TrigramAssocMeasures.pmi(n_iii, pairs, words, n_xxx) / -math.log2(n_iii / n_xxx)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("outdir")
    ap.add_argument("--boundaries", choices=["cross", "respect"], default="cross")
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--top", type=int, default=0)
    ap.add_argument("--measures", default=None)
    ap.add_argument("--trigrams", action="store_true")
    args = ap.parse_args()
    if args.measures is None:
        args.measures = ",".join(m for m in MEASURES if not (args.trigrams and m == "dice"))
    finder_class = TrigramCollocationFinder if args.trigrams else BigramCollocationFinder
    measures = TrigramAssocMeasures if args.trigrams else BigramAssocMeasures
    with open(args.input, encoding="utf-8", newline="\n") as f:
        docs = [line.rstrip("\n").split() for line in f]
    start = time.perf_counter()
    if args.boundaries == "cross":
        finder = finder_class.from_words([w for d in docs for w in d])
    else:
        finder = finder_class.from_documents(docs)
    finder.apply_freq_filter(args.min_freq)
    counted = time.perf_counter()
    os.makedirs(args.outdir, exist_ok=True)
    for name in args.measures.split(","):
        if name == "npmi":
            fn = npmi3 if args.trigrams else npmi
        else:
            fn = getattr(measures, name)
        scored = finder.score_ngrams(fn)
        if args.top:
            scored = scored[: args.top]
        with open(os.path.join(args.outdir, name + ".tsv"), "w", encoding="utf-8", newline="\n") as out:
            out.write("w1\tw2\tw3\tcount\tscore\n" if args.trigrams else "w1\tw2\tcount\tscore\n")
            for ngram, score in scored:
                out.write("%s\t%d\t%r\n" % ("\t".join(ngram), finder.ngram_fd[ngram], score))
    done = time.perf_counter()
    print("counting %.3f s, scoring %d measures %.3f s" % (counted - start, len(args.measures.split(",")),
                                                          done - counted), file=sys.stderr)


if __name__ == "__main__":
    main()
