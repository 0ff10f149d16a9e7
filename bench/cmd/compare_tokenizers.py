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
import sys

import nltk
from nltk.tokenize import TreebankWordTokenizer, word_tokenize

from benchlib import parser_for, run_cases


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
    parser = parser_for(__doc__)
    parser.add_argument("--tokenizers", default="treebank,word,tweet,regex,whitespace")
    args = parser.parse_args()
    tokenizers = reference_tokenizers()
    cases = [(name, tokenizers[name], ["tokenize", "--tokenizer", name]) for name in args.tokenizers.split(",")]
    sys.exit(run_cases(args, f"NLTK {nltk.__version__}, scikit-learn {sklearn_version()}", "tokenizer", cases))


if __name__ == "__main__":
    main()
