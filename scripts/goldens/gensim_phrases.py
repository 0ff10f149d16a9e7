#!/usr/bin/python3
"""Phrase goldens from gensim 4.2 (gensim.models.phrases.Phrases) for `nlp phrases`.

Sentences: one per input line; tokens: line.lower().split() (Python's str.lower, then
str.split on Unicode whitespace), which is what `nlp phrases -t whitespace --case lower` makes.
For each case, gensim learns a Phrases model on the sentences (with passes=2, a second Phrases
on the first model's output, as `bigram = Phrases(s); trigram = Phrases(bigram[s])`), rewrites
every sentence with phrases[sentence] (each pass in turn) and exports the phrases
(export_phrases()).

usage:
  gensim_phrases.py golden CORPUS[.xz] OUT --first N
      cases over the first N lines of CORPUS, written to OUT:
        #nlp-golden tool=gensim-<version> input=<name> lines=N input_sha256=<hex of the N lines>
        case <name> <option>=<value> ...
        corpus <sha256 of the rewritten lines, each + "\\n"> <lines> <tokens>
        phrases <count>
        <phrase> TAB <score, repr> TAB <pass>      (score descending, then phrase)
  gensim_phrases.py dump INPUT OUTDIR [--case NAME ...]
      for each case, OUTDIR/NAME.txt (rewritten lines) and OUTDIR/NAME.tsv (the phrase table as
      `nlp phrases --export` writes it, scores with repr), for the live test
  gensim_phrases.py time INPUT OUT --case NAME
      times learning and rewriting (no export) and writes the rewritten lines to OUT; prints JSON
      {"read": s, "learn": s, "apply": s, "max_rss_kb": n} on stdout, for the benchmark

Cases (name: options; connectors "english" is gensim's ENGLISH_CONNECTOR_WORDS):
"""
import argparse
import hashlib
import json
import lzma
import os
import resource
import sys
import time


CASES = {
    "default": dict(min_count=5, threshold=10.0, scoring="default", connectors="none"),
    "default-english": dict(min_count=5, threshold=10.0, scoring="default", connectors="english"),
    "npmi": dict(min_count=5, threshold=0.5, scoring="npmi", connectors="none"),
    "npmi-english": dict(min_count=5, threshold=0.4, scoring="npmi", connectors="english"),
    "default-english-passes2": dict(min_count=5, threshold=10.0, scoring="default", connectors="english", passes=2),
    "default-prune": dict(min_count=2, threshold=5.0, scoring="default", connectors="english",
                          max_vocab_size=60000),
}
__doc__ += "".join(f"  {name}: {opts}\n" for name, opts in CASES.items())


def read_lines(path, first=None):
    data = lzma.decompress(open(path, "rb").read()) if path.endswith(".xz") else open(path, "rb").read()
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if first is not None:
        lines = lines[:first]
    return lines


def run_case(sentences, opts):
    """(rewritten sentences, [(phrase, score, pass)]) for one case."""
    from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases
    connectors = ENGLISH_CONNECTOR_WORDS if opts["connectors"] == "english" else frozenset()
    exported = []
    current = sentences
    for p in range(opts.get("passes", 1)):
        model = Phrases(current, min_count=opts["min_count"], threshold=opts["threshold"],
                        scoring=opts["scoring"], connector_words=connectors,
                        max_vocab_size=opts.get("max_vocab_size", 40000000))
        exported += [(phrase, score, p + 1) for phrase, score in model.export_phrases().items()]
        current = [model[s] for s in current]
    exported.sort(key=lambda e: (e[2], -e[1], e[0]))
    return current, exported


def corpus_digest(sentences):
    h = hashlib.sha256()
    tokens = 0
    for s in sentences:
        h.update((" ".join(s) + "\n").encode("utf-8"))
        tokens += len(s)
    return h.hexdigest(), len(sentences), tokens


def options_text(opts):
    return " ".join(f"{k}={v}" for k, v in opts.items())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["golden", "dump", "time"])
    ap.add_argument("input")
    ap.add_argument("out")
    ap.add_argument("--first", type=int)
    ap.add_argument("--case", action="append")
    args = ap.parse_args()
    cases = args.case or list(CASES)

    if args.mode == "time":
        from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases
        start = time.perf_counter()
        sentences = [line.lower().split() for line in read_lines(args.input)]
        read = time.perf_counter()
        opts = CASES[cases[0]]
        connectors = ENGLISH_CONNECTOR_WORDS if opts["connectors"] == "english" else frozenset()
        current = sentences
        learn = apply = 0.0
        for _ in range(opts.get("passes", 1)):
            t0 = time.perf_counter()
            model = Phrases(current, min_count=opts["min_count"], threshold=opts["threshold"],
                            scoring=opts["scoring"], connector_words=connectors,
                            max_vocab_size=opts.get("max_vocab_size", 40000000))
            t1 = time.perf_counter()
            current = [model[s] for s in current]
            t2 = time.perf_counter()
            learn += t1 - t0
            apply += t2 - t1
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            for s in current:
                f.write(" ".join(s) + "\n")
        print(json.dumps({"read": read - start, "learn": learn, "apply": apply,
                          "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        return

    lines = read_lines(args.input, args.first)
    sentences = [line.lower().split() for line in lines]
    if args.mode == "dump":
        os.makedirs(args.out, exist_ok=True)
        for name in cases:
            rewritten, exported = run_case(sentences, CASES[name])
            with open(os.path.join(args.out, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
                for s in rewritten:
                    f.write(" ".join(s) + "\n")
            with open(os.path.join(args.out, name + ".tsv"), "w", encoding="utf-8", newline="\n") as f:
                f.write("phrase\tscore\tpass\n")
                for phrase, score, p in exported:
                    f.write(f"{phrase}\t{score!r}\t{p}\n")
        return

    import gensim
    sha = hashlib.sha256(("\n".join(lines) + "\n").encode("utf-8")).hexdigest()
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#nlp-golden tool=gensim-{gensim.__version__} input={os.path.basename(args.input)} "
                f"lines={len(lines)} input_sha256={sha}\n")
        for name in cases:
            rewritten, exported = run_case(sentences, CASES[name])
            f.write(f"case {name} {options_text(CASES[name])}\n")
            f.write("corpus %s %d %d\n" % corpus_digest(rewritten))
            f.write(f"phrases {len(exported)}\n")
            for phrase, score, p in exported:
                f.write(f"{phrase}\t{score!r}\t{p}\n")


if __name__ == "__main__":
    sys.exit(main())
