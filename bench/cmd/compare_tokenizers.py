#!/usr/bin/env python3
"""Times reference tokenizers (NLTK, scikit-learn, Python) against `nlp tokenize` on the same
file and checks that the tokens are identical.

usage: /usr/bin/python3 bench/cmd/compare_tokenizers.py NLP_BINARY INPUT [--max-bytes N]
           [--repeat R] [--tokenizers treebank,word,tweet,regex,whitespace]

INPUT is a text file, one document per line (a .xz file is decompressed first). For each
tokenizer it runs, in the same process and on the same lines, the reference:
  treebank    nltk.tokenize.TreebankWordTokenizer().tokenize(line)
  word        nltk.tokenize.word_tokenize(line, preserve_line=True)
  tweet       nltk.tokenize.TweetTokenizer().tokenize(line)
  regex       sklearn CountVectorizer().build_tokenizer()(line)
  whitespace  line.split()
timing the loop over the lines (best of R runs), then `NLP_BINARY tokenize --tokenizer NAME FILE`
(the whole command, output to a file, best of R runs), and compares the output line by line with
the reference's tokens joined by single spaces. Prints MB/s (10^6 bytes of input per second) by
wall time and by CPU time (user + system; the fairer figure on a busy machine), the speed ratios,
and the number of identical lines; exits 1 if any line differs.
"""
import argparse
import pathlib
import sys
import tempfile

import nltk
from nltk.tokenize import TreebankWordTokenizer, word_tokenize

from benchlib import compare, describe, jsonl_tokens, print_table, read_input, split_lines, time_command, time_reference


def reference_tokenizers():
    from nltk.tokenize import TweetTokenizer
    from sklearn.feature_extraction.text import CountVectorizer

    treebank, tweet = TreebankWordTokenizer(), TweetTokenizer()
    return {
        "treebank": treebank.tokenize,
        "word": lambda text: word_tokenize(text, preserve_line=True),
        "tweet": tweet.tokenize,
        "regex": CountVectorizer().build_tokenizer(),
        "whitespace": str.split,
    }


def sklearn_version():
    import sklearn

    return sklearn.__version__


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("nlp", type=pathlib.Path, help="the nlp executable")
    parser.add_argument("input", type=pathlib.Path)
    parser.add_argument("--max-bytes", type=int, default=0, help="use only the first N bytes (whole lines)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tokenizers", default="treebank,word,tweet,regex,whitespace")
    args = parser.parse_args()

    data = read_input(args.input, args.max_bytes)
    lines = split_lines(data)
    mb = len(data) / 1e6
    describe(args, data, lines, f"NLTK {nltk.__version__}, scikit-learn {sklearn_version()}")

    tokenizers = reference_tokenizers()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "input.txt"
        src.write_bytes(data)
        out = pathlib.Path(tmp) / "out.txt"
        for name in args.tokenizers.split(","):
            ref_wall, ref_cpu, expected = time_reference(tokenizers[name], lines, args.repeat)
            argv = [str(args.nlp), "tokenize", "--tokenizer", name, str(src)]
            nlp_wall, nlp_cpu = time_command(argv, out, args.repeat)
            same = compare(name, lines, expected, jsonl_tokens(argv, out))
            rows.append((name, mb / ref_wall, mb / nlp_wall, mb / ref_cpu, mb / nlp_cpu, same, len(lines)))

    print_table("tokenizer", rows)
    sys.exit(0 if all(r[5] == r[6] for r in rows) else 1)


if __name__ == "__main__":
    main()
