#!/usr/bin/env python3
"""Writes tests/golden/nltk/tweet_cases.tsv: NLTK's TweetTokenizer on tests/data/tweets.txt.

usage: /usr/bin/python3 scripts/goldens/nltk_tweet.py [INPUT [OUTPUT]]
       /usr/bin/python3 scripts/goldens/nltk_tweet.py --classes
  INPUT   one case per line (default: tests/data/tweets.txt)
  OUTPUT  default: tests/golden/nltk/tweet_cases.tsv; "-" writes to stdout
  --classes  print, as "CLASS FIRST LAST" hex ranges, which code points the `regex` module's
             \w, \s and \d match (the classes TweetTokenizer's patterns use), plus "assigned"
             (unicodedata.category != "Cn"), for the live class test

Each output line is the input line, a TAB, then the tokens joined by U+2581 (LOWER ONE EIGHTH
BLOCK); an input without tokens ends right after the TAB. Inputs and tokens must not contain a
TAB, a newline or U+2581, so the script refuses them rather than write an ambiguous file.
The tokenizer is TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False,
match_phone_numbers=True), NLTK's defaults.
"""
import pathlib
import sys

import nltk
from nltk.tokenize import TweetTokenizer

SEP = "\u2581"
ROOT = pathlib.Path(__file__).resolve().parents[2]


def print_classes():
    import unicodedata

    import regex

    classes = {
        "assigned": lambda c: unicodedata.category(c) != "Cn",
        "word": regex.compile(r"\w").match,
        "space": regex.compile(r"\s").match,
        "decimal": regex.compile(r"\d").match,
    }
    out = []
    for name, pred in classes.items():
        start = None
        for cp in range(0x110001):
            inside = cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF and bool(pred(chr(cp)))
            if inside and start is None:
                start = cp
            elif not inside and start is not None:
                out.append(f"{name} {start:X} {cp - 1:X}\n")
                start = None
    sys.stdout.write("".join(out))


def main(argv):
    if len(argv) > 1 and argv[1] == "--classes":
        print_classes()
        return
    src = pathlib.Path(argv[1]) if len(argv) > 1 else ROOT / "tests/data/tweets.txt"
    dst = argv[2] if len(argv) > 2 else str(ROOT / "tests/golden/nltk/tweet_cases.tsv")
    tokenizer = TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False,
                               match_phone_numbers=True)
    lines = src.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for number, line in enumerate(lines, 1):
        tokens = tokenizer.tokenize(line)
        for piece in [line] + tokens:
            if "\t" in piece or "\n" in piece or SEP in piece:
                sys.exit(f"{src}:{number}: a TAB, newline or U+2581 in {piece!r} cannot be written")
        out.append(line + "\t" + SEP.join(tokens) + "\n")
    text = "".join(out)
    if dst == "-":
        sys.stdout.write(text)
    else:
        pathlib.Path(dst).write_text(text, encoding="utf-8")
        print(f"nltk {nltk.__version__}: {len(lines)} cases -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
