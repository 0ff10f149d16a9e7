#!/usr/bin/python3
"""Golden outputs of gensim's Phrases (gensim.models.phrases) for a grid of options.

Usage (from the repository root, with ../shared/data beside it):
  /usr/bin/python3 scripts/goldens/gensim_phrases.py ../shared/data/corpora/en/eltec-eng.txt.xz
      writes tests/golden/gensim/phrases.golden
  /usr/bin/python3 scripts/goldens/gensim_phrases.py --dump DIR CORPUS
      writes, per case, DIR/CASE.export (one "phrase<TAB>score-bits" line per phrase, sorted by
      phrase) and DIR/CASE.corpus (the rewritten sentences, tokens joined by one space)

Sentences: the first 20,000 lines of the corpus (xz-compressed UTF-8, split on "\\n"), each
lowercased with str.lower() and split with str.split() (`nlp phrases -t whitespace --case lower`).

Golden file: comment lines start with '#'; then one line per case, tab-separated:
  case  options  sentences  phrases  export_sha256  corpus_sha256  samples
- options: space-separated key=value: min_count, threshold, scoring (default|npmi),
  connectors (none|english), max_vocab_size, and passes (learn on the output of the previous
  pass: Phrases(Phrases(s)[s])[...]); export and phrases describe the last pass.
- export_sha256: SHA-256 of the export lines "PHRASE\\tBITS\\n" sorted by phrase (byte order of
  the UTF-8), where BITS is the score's IEEE 754 bit pattern as an unsigned decimal: a match means
  every score is bit-identical.
- corpus_sha256: SHA-256 of the rewritten sentences (phrases[sentence] of a Phrases model),
  each as its tokens joined by " " plus "\\n".
- samples: phrase=repr(score) for every k-th phrase in export order, k = max(1, n // 20),
  joined by '\\x1f'.
"""
import argparse
import hashlib
import lzma
import os
import struct
import sys

import gensim
from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases

LINES = 20000

GRID = [
    ("default", "min_count=5 threshold=10.0 scoring=default connectors=none max_vocab_size=40000000"),
    ("default-connectors", "min_count=5 threshold=10.0 scoring=default connectors=english max_vocab_size=40000000"),
    ("low-threshold", "min_count=3 threshold=2.5 scoring=default connectors=english max_vocab_size=40000000"),
    ("npmi", "min_count=5 threshold=0.5 scoring=npmi connectors=none max_vocab_size=40000000"),
    ("npmi-connectors", "min_count=2 threshold=0.3 scoring=npmi connectors=english max_vocab_size=40000000"),
    ("pruned", "min_count=2 threshold=5.0 scoring=default connectors=english max_vocab_size=30000"),
    ("two-passes", "min_count=5 threshold=10.0 scoring=default connectors=english max_vocab_size=40000000 passes=2"),
]


def parse(options):
    o = dict(kv.split("=", 1) for kv in options.split(" "))
    o.pop("passes", None)
    return Phrases(
        min_count=int(o["min_count"]), threshold=float(o["threshold"]), scoring=o["scoring"],
        connector_words=ENGLISH_CONNECTOR_WORDS if o["connectors"] == "english" else frozenset(),
        max_vocab_size=int(o["max_vocab_size"]))


def sentences(path):
    text = lzma.open(path, "rb").read().decode("utf-8")
    return [line.lower().split() for line in text.split("\n")[:LINES]]


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def run(options, sents):
    passes = int(dict(kv.split("=", 1) for kv in options.split(" ")).get("passes", "1"))
    for _ in range(passes):
        model = parse(options)
        model.add_vocab(sents)
        sents = [model[s] for s in sents]
    export = sorted(model.export_phrases().items(), key=lambda kv: kv[0].encode("utf-8"))
    corpus = "".join(" ".join(s) + "\n" for s in sents)
    return export, corpus


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--dump", metavar="DIR")
    ap.add_argument("--out", default="tests/golden/gensim/phrases.golden")
    args = ap.parse_args()
    sents = sentences(args.corpus)
    lines = []
    for case, options in GRID:
        export, corpus = run(options, sents)
        export_text = "".join(f"{p}\t{bits(s)}\n" for p, s in export)
        if args.dump:
            with open(os.path.join(args.dump, case + ".export"), "w", encoding="utf-8") as f:
                f.write(export_text)
            with open(os.path.join(args.dump, case + ".corpus"), "w", encoding="utf-8") as f:
                f.write(corpus)
            continue
        step = max(1, len(export) // 20)
        samples = "\x1f".join(f"{p}={s!r}" for p, s in export[::step])
        lines.append("\t".join([case, options, str(len(sents)), str(len(export)),
                                hashlib.sha256(export_text.encode("utf-8")).hexdigest(),
                                hashlib.sha256(corpus.encode("utf-8")).hexdigest(), samples]))
    if args.dump:
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"#nlp-golden tool=gensim-{gensim.__version__} python={sys.version.split()[0]}\n")
        f.write("#case\toptions\tsentences\tphrases\texport_sha256\tcorpus_sha256\tsamples\n")
        for line in lines:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
