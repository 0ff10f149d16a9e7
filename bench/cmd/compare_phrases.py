#!/usr/bin/env python3
"""Times gensim's Phrases against `nlp phrases` on the same tokens and checks that the rewritten
corpora are identical.

usage: /usr/bin/python3 bench/cmd/compare_phrases.py NLP CORPUS [--max-bytes N] [--repeat R]
           [--threads T] [--connectors english|none] [--scoring default|npmi] [--passes P]

Tokens: each line lowercased with str.lower() and split with str.split() (`nlp phrases -t
whitespace --case lower`). gensim: Phrases(sentences, min_count=5, threshold=10 (npmi: 0.5),
connector_words=...) learned, then phrases[s] for every sentence (repeated for each pass), timed
from the token lists in memory; nlp: the whole command from the file (reading, tokenizing,
learning, rewriting, writing). Prints seconds, the ratio and peak memory of each side.
"""
import resource
import subprocess
import sys
import tempfile
import time
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import benchlib  # noqa: E402

from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases  # noqa: E402


def main():
    parser = benchlib.parser_for(__doc__)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--connectors", default="english", choices=["english", "none"])
    parser.add_argument("--scoring", default="default", choices=["default", "npmi"])
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args()
    threshold = 0.5 if args.scoring == "npmi" else 10.0
    data = benchlib.read_input(args.input, args.max_bytes)
    lines = benchlib.split_lines(data)
    sentences = [line.lower().split() for line in lines]
    benchlib.describe(args, data, lines, "gensim " + __import__("gensim").__version__)
    connectors = ENGLISH_CONNECTOR_WORDS if args.connectors == "english" else frozenset()

    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        current = sentences
        for _ in range(args.passes):
            model = Phrases(current, min_count=5, threshold=threshold, scoring=args.scoring,
                            connector_words=connectors)
            current = [model[s] for s in current]
        best = min(best, time.perf_counter() - start)
    gensim_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    expected = "".join(" ".join(s) + "\n" for s in current)

    with tempfile.TemporaryDirectory() as tmp:
        text = pathlib.Path(tmp) / "input.txt"
        text.write_bytes(data)
        out = pathlib.Path(tmp) / "out.txt"
        argv = [str(args.nlp), "phrases", "-q", "-t", "whitespace", "--case", "lower", "--min-count", "5",
                "--threshold", str(threshold), "--scoring", args.scoring, "--connector-words", args.connectors,
                "--passes", str(args.passes), "--threads", str(args.threads), "-o", str(out), str(text)]
        nlp_best = float("inf")
        rss_file = pathlib.Path(tmp) / "rss"
        # /usr/bin/time measures the nlp process alone (a child forked from this large Python
        # process would report the parent's pages in its own maximum).
        argv = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file)] + argv
        for _ in range(args.repeat):
            start = time.perf_counter()
            proc = subprocess.run(argv, stderr=subprocess.PIPE)
            nlp_best = min(nlp_best, time.perf_counter() - start)
            if proc.returncode != 0:
                sys.exit(f"nlp phrases failed: {proc.stderr.decode(errors='replace')}")
        nlp_rss = int(rss_file.read_text().split()[-1]) / 1024
        got = out.read_text(encoding="utf-8")
    same = got == expected
    print(f"gensim Phrases learn + apply ({args.passes} pass(es)): {best:.2f} s, peak {gensim_rss:.0f} MB "
          f"(includes the token lists)")
    print(f"nlp phrases --threads {args.threads}: {nlp_best:.2f} s, peak {nlp_rss:.0f} MB")
    print(f"ratio: {best / nlp_best:.1f}x; rewritten corpora identical: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
