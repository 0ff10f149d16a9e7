#!/usr/bin/python3
"""Word n-gram counts and document frequencies with NLTK (nltk.util.everygrams, FreqDist), written
as the TSV that `nlp ngrams -k 0` prints, for the live parity test.

Each input line is one document split on whitespace (str.split), as `nlp ngrams -t whitespace`.
Order: count descending, then document frequency descending, then the n-gram text in code point
order.

usage: nltk_ngrams.py INPUT MIN_N MAX_N > table.tsv
"""
import sys

from nltk.probability import FreqDist
from nltk.util import everygrams


def main():
    path, min_n, max_n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    counts, df = FreqDist(), FreqDist()
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            grams = [" ".join(g) for g in everygrams(line.split(), min_n, max_n)]
            counts.update(grams)
            df.update(set(grams))
    out = sys.stdout
    out.write("ngram\tcount\tdf\n")
    for g in sorted(counts, key=lambda g: (-counts[g], -df[g], g)):
        out.write("%s\t%d\t%d\n" % (g, counts[g], df[g]))


if __name__ == "__main__":
    main()
