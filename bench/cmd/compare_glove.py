#!/usr/bin/python3
"""Trains GloVe with nlp and with the GloVe tool (its four programs built from source outside
the repository; give their folder) on the same corpus with the same settings, times each whole
pipeline (counting, shuffling, training) and evaluates both outputs with `nlp vectors evaluate`.

usage: compare_glove.py NLP CORPUS DATA GLOVE_DIR [--threads 2] [--window 5] [--epochs 5] [--dim 100]
           [--work DIR] [--double] [--seed N] [--no-tool] [--tool-seed N]
Settings: min_count 5, x_max 100, alpha 0.75, eta 0.05, symmetric, 1/d weighting, W + C output.
Prints one JSON line per tool on stderr and a Markdown table on stdout. (The tool's output is
written without its header: with -write-header 1 it counts the vocabulary but also writes an
<unk> row, a file that nlp's reader refuses as having more rows than its header says.)
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_word2vec import evaluate  # noqa: E402


def timed(cmd, stdin=None, stdout=None):
    t0 = time.time()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", "/dev/stderr"] + cmd, stdin=stdin, stdout=stdout,
                   check=True, stderr=subprocess.PIPE)
    return time.time() - t0


def run_tool(a):
    g = lambda name: os.path.join(a.glove_dir, name)  # noqa: E731
    w = lambda name: os.path.join(a.work, name)  # noqa: E731
    seed = ["-seed", str(a.tool_seed)] if a.tool_seed else []
    steps = {}
    with open(a.corpus, "rb") as fin, open(w("vocab.txt"), "wb") as fout:
        steps["vocab_count"] = timed([g("vocab_count"), "-min-count", "5", "-verbose", "0"], fin, fout)
    with open(a.corpus, "rb") as fin, open(w("cooc.bin"), "wb") as fout:
        steps["cooccur"] = timed([g("cooccur"), "-memory", "4", "-vocab-file", w("vocab.txt"), "-verbose", "0",
                                  "-window-size", str(a.window)], fin, fout)
    with open(w("cooc.bin"), "rb") as fin, open(w("cooc.shuf.bin"), "wb") as fout:
        steps["shuffle"] = timed([g("shuffle"), "-memory", "4", "-verbose", "0"] + seed, fin, fout)
    steps["glove"] = timed([g("glove"), "-save-file", w("glove-tool"), "-threads", str(a.threads), "-input-file",
                            w("cooc.shuf.bin"), "-x-max", "100", "-iter", str(a.epochs), "-vector-size", str(a.dim),
                            "-binary", "0", "-vocab-file", w("vocab.txt"), "-verbose", "0", "-model", "2",
                            "-write-header", "0"] + seed)
    return dict(tool="GloVe tool", seconds=sum(steps.values()), steps=steps,
                eval=evaluate(a.nlp, w("glove-tool.txt"), a.data, ["--vectors-format", "glove"]))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("nlp")
    p.add_argument("corpus")
    p.add_argument("data")
    p.add_argument("glove_dir")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--window", type=int, default=5)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--work", default=".")
    p.add_argument("--double", action="store_true", help="also train nlp with --double (the tool's precision)")
    p.add_argument("--seed", type=int, default=1, help="nlp's seed")
    p.add_argument("--no-tool", action="store_true", help="train with nlp only")
    p.add_argument("--tool-seed", type=int, default=0, help="the tool's -seed (0: its default, the clock)")
    a = p.parse_args()
    rows = []
    for precision in ["float", "double"] if a.double else ["float"]:
        out = os.path.join(a.work, "nlp-glove-" + precision)
        t = timed([a.nlp, "train", "glove", "-i", a.corpus, "-o", out, "--dim", str(a.dim), "--window", str(a.window),
                   "--epochs", str(a.epochs), "--min-count", "5", "-j", str(a.threads), "-q", "--summary", "none",
                   "--seed", str(a.seed)] + (["--double"] if precision == "double" else []))
        rows.append(dict(tool=f"nlp ({precision})", seconds=t, steps={}, eval=evaluate(a.nlp, out + ".vec", a.data)))
    if not a.no_tool:
        rows.append(run_tool(a))
    for r in rows:
        print(json.dumps(r), file=sys.stderr)
    print("| tool | seconds (all steps) | steps | analogy (top 30k) | WS-353 | SimLex-999 |")
    print("|---|---:|---|---:|---:|---:|")
    for r in rows:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in r["steps"].items())
        print(f"| {r['tool']} | {r['seconds']:.1f} | {steps} | {r['eval'][0]:.3f} | {r['eval'][1]:.3f} | {r['eval'][2]:.3f} |")


if __name__ == "__main__":
    main()
