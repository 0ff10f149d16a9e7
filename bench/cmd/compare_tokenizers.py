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
import json
import lzma
import os
import pathlib
import platform
import resource
import subprocess
import sys
import tempfile
import time

import nltk
from nltk.tokenize import TreebankWordTokenizer, word_tokenize


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


def read_input(path, max_bytes):
    data = lzma.decompress(path.read_bytes()) if path.name.endswith(".xz") else path.read_bytes()
    if max_bytes and len(data) > max_bytes:
        cut = data.rfind(b"\n", 0, max_bytes)
        data = data[: cut + 1] if cut >= 0 else b""
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("nlp", type=pathlib.Path, help="the nlp executable")
    parser.add_argument("input", type=pathlib.Path)
    parser.add_argument("--max-bytes", type=int, default=0, help="use only the first N bytes (whole lines)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tokenizers", default="treebank,word,tweet,regex,whitespace")
    args = parser.parse_args()

    data = read_input(args.input, args.max_bytes)
    text = data.decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    mb = len(data) / 1e6
    print(f"input: {args.input.name}, {len(lines)} lines, {len(data)} bytes")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.processor() or 'unknown CPU'}; "
          f"Python {platform.python_version()}, NLTK {nltk.__version__}, scikit-learn {sklearn_version()}")
    version = subprocess.run([str(args.nlp), "--version"], capture_output=True, text=True).stdout
    print(f"nlp: {version.splitlines()[0] if version else 'unknown version'}")

    tokenizers = reference_tokenizers()
    failed = False
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "input.txt"
        src.write_bytes(data)
        out = pathlib.Path(tmp) / "out.txt"
        for name in args.tokenizers.split(","):
            tokenize = tokenizers[name]
            best_nltk = best_nltk_cpu = float("inf")
            for _ in range(args.repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = [tokenize(line) for line in lines]
                best_nltk = min(best_nltk, time.perf_counter() - start)
                best_nltk_cpu = min(best_nltk_cpu, time.process_time() - start_cpu)

            best_nlp = best_nlp_cpu = float("inf")
            for _ in range(args.repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                with open(out, "wb") as sink:
                    proc = subprocess.run([str(args.nlp), "tokenize", "--tokenizer", name, str(src)],
                                          stdout=sink, stderr=subprocess.PIPE)
                best_nlp = min(best_nlp, time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                best_nlp_cpu = min(best_nlp_cpu, cpu)
                if proc.returncode != 0:
                    sys.exit(f"nlp tokenize failed: {proc.stderr.decode(errors='replace')}")
            # Tokens may contain spaces (NLTK's ". . ."), so compare token lists from a JSONL run
            # (not timed) rather than the space-joined text.
            with open(out, "wb") as sink:
                proc = subprocess.run([str(args.nlp), "tokenize", "-q", "--tokenizer", name, "--format", "jsonl",
                                       str(src)], stdout=sink, stderr=subprocess.PIPE)
            if proc.returncode != 0:
                sys.exit(f"nlp tokenize --format jsonl failed: {proc.stderr.decode(errors='replace')}")
            got = [json.loads(line)["tokens"] for line in out.read_text(encoding="utf-8").splitlines()]
            expected_lists = [list(tokens) for tokens in result]
            same = sum(1 for e, g in zip(expected_lists, got) if e == g)
            if len(got) != len(expected_lists) or same != len(expected_lists):
                failed = True
                for i, (e, g) in enumerate(zip(expected_lists, got)):
                    if e != g:
                        print(f"{name}: first difference at line {i + 1}: {lines[i]!r}\n  reference: {e}\n  nlp:       {g}")
                        break
                else:
                    print(f"{name}: {len(got)} output lines for {len(expected_lists)} input lines")
            rows.append((name, mb / best_nltk, mb / best_nlp, mb / best_nltk_cpu, mb / best_nlp_cpu,
                         same, len(expected_lists)))

    print(f"{'':<10} {'---------- wall time ----------':>31}  {'---------- CPU time -----------':>31}")
    print(f"{'tokenizer':<10} {'ref MB/s':>10} {'nlp MB/s':>10} {'ratio':>9}  {'ref MB/s':>10} "
          f"{'nlp MB/s':>10} {'ratio':>9}  identical lines")
    for name, nltk_wall, nlp_wall, nltk_cpu, nlp_cpu, same, total in rows:
        print(f"{name:<10} {nltk_wall:>10.2f} {nlp_wall:>10.1f} {nlp_wall / nltk_wall:>8.1f}x  "
              f"{nltk_cpu:>10.2f} {nlp_cpu:>10.1f} {nlp_cpu / nltk_cpu:>8.1f}x  {same}/{total}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
