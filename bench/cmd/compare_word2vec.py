#!/usr/bin/python3
"""Trains word2vec skip-gram and CBOW with nlp, gensim 4.2 and (when its path is given) the original
word2vec tool -- or, with --fasttext, fastText-style vectors with nlp, gensim's FastText and the
fastText tool (Debian `fasttext`, path given with --fasttext-tool) -- on the same corpus file with the same hyperparameters, one after another, then
evaluates every output the same way (`nlp vectors evaluate`, which reproduces gensim's
evaluate_word_analogies and evaluate_word_pairs) and prints a Markdown table.

usage: compare_word2vec.py NLP CORPUS DATA [--word2vec PATH] [--fasttext [--fasttext-tool PATH]]
           [--threads 2] [--models skipgram,cbow]
           [--seeds 1] [--first-seed 1] [--epochs 5] [--dim 100] [--work DIR] [--lang en|es]
  NLP      the nlp binary
  CORPUS   one document per line, already tokenized (e.g. lowercased ELTeC: tr A-Z a-z)
  DATA     the shared data folder (embeddings/en/... or, with --lang es, embeddings/es/...)
Settings (the issue's): dim 100, window 5, negative 5, min_count 5, sample 1e-3, epochs 5,
alpha 0.025 skip-gram / 0.05 CBOW; fastText-style: minn 3, maxn 6, 2,000,000 buckets. Words/s = corpus tokens x epochs / training seconds (nlp and
gensim: training alone, reading excluded; the word2vec tool: its whole run).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


# The evaluation sets of each language in the shared data folder: analogies, then two pair sets.
EVAL_SETS = {
    "en": ("embeddings/en/analogy/questions-words.txt", "embeddings/en/wordsim/gensim-format/wordsim353.tsv",
           "embeddings/en/wordsim/gensim-format/simlex999.txt"),
    "es": ("embeddings/es/analogy/questions-words-es.txt", "embeddings/es/wordsim/WS353.txt",
           "embeddings/es/wordsim/MSL.txt"),
}


def evaluate(nlp, vec, data, extra=(), lang="en"):
    analogies, ws, simlex = (os.path.join(data, f) for f in EVAL_SETS[lang])
    out = subprocess.run([nlp, "vectors", "evaluate", "-m", vec, *extra, "--format", "json", "-j", "2",
                          "--analogies", analogies, "--pairs", ws, "--pairs", simlex],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["analogies"][0]["accuracy"], r["pairs"][0]["spearman"]["r"], r["pairs"][1]["spearman"]["r"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("nlp")
    p.add_argument("corpus")
    p.add_argument("data")
    p.add_argument("--word2vec")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--models", default="skipgram,cbow")
    p.add_argument("--seeds", type=int, default=1, help="how many seeds, from --first-seed on")
    p.add_argument("--first-seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--tools", default="nlp,gensim,word2vec")
    p.add_argument("--fasttext", action="store_true")
    p.add_argument("--fasttext-tool", default="/usr/bin/fasttext")
    p.add_argument("--work", default=".")
    p.add_argument("--lang", default="en", choices=sorted(EVAL_SETS),
                   help="evaluation sets: en (Google analogies, WordSim-353, SimLex-999) or es (their "
                        "Spanish versions: questions-words-es, WS353, Multi-SimLex)")
    a = p.parse_args()
    tokens = 0
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            tokens += len(line.split())
    rows = []
    for model in a.models.split(","):
        alpha = "0.025" if model == "skipgram" else "0.05"
        for seed in range(a.first_seed, a.first_seed + a.seeds):
            for tool in a.tools.split(","):
                out = os.path.join(a.work, f"{tool}-{model}-{seed}")
                t0 = time.time()
                if tool == "nlp":
                    r = subprocess.run([a.nlp, "train", "fasttext" if a.fasttext else "word2vec", "-i", a.corpus, "-o", out, "--model", model,
                                        "--dim", str(a.dim), "--window", "5", "--negative", "5", "--min-count", "5",
                                        "--sample", "1e-3", "--epochs", str(a.epochs), "--alpha", alpha,
                                        "-j", str(a.threads), "--seed", str(seed), "-q"],
                                       check=True, capture_output=True, text=True)
                    s = json.loads(r.stderr.strip().splitlines()[-1])
                    train, mem = s["train_seconds"], s["peak_memory_mb"]
                elif tool == "gensim":
                    r = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gensim_word2vec.py"), a.corpus,
                                        out + ".vec", "--model", model, "--dim", str(a.dim), "--epochs", str(a.epochs),
                                        "--threads", str(a.threads), "--seed", str(seed), "--alpha", alpha]
                                       + (["--fasttext"] if a.fasttext else []),
                                       check=True, capture_output=True, text=True)
                    s = json.loads(r.stdout.strip().splitlines()[-1])
                    train, mem = s["train"], s["max_rss_kb"] / 1000
                elif a.fasttext:
                    r = subprocess.run(["/usr/bin/time", "-f", "%M", a.fasttext_tool, model, "-input", a.corpus,
                                        "-output", out, "-dim", str(a.dim), "-ws", "5", "-neg", "5", "-minCount", "5",
                                        "-t", "1e-3", "-epoch", str(a.epochs), "-lr", alpha, "-thread",
                                        str(a.threads), "-minn", "3", "-maxn", "6", "-bucket", "2000000",
                                        "-verbose", "0"],
                                       check=True, capture_output=True, text=True)
                    train = time.time() - t0
                    mem = int(r.stderr.strip().splitlines()[-1]) / 1000
                else:
                    if not a.word2vec:
                        continue
                    r = subprocess.run(["/usr/bin/time", "-f", "%M", a.word2vec, "-train", a.corpus, "-output",
                                        out + ".vec", "-size", str(a.dim), "-window", "5", "-negative", "5", "-hs",
                                        "0", "-sample", "1e-3", "-threads", str(a.threads), "-iter", str(a.epochs),
                                        "-min-count", "5", "-alpha", alpha, "-cbow", "1" if model == "cbow" else "0",
                                        "-binary", "0", "-debug", "0"],
                                       check=True, capture_output=True, text=True)
                    train = time.time() - t0
                    mem = int(r.stderr.strip().splitlines()[-1]) / 1000
                acc, ws, sl = evaluate(a.nlp, out + ".vec", a.data, lang=a.lang)
                row = dict(model=model, seed=seed, tool=tool, train=train, words_per_s=tokens * a.epochs / train,
                           memory_mb=mem, analogy=acc, ws353=ws, simlex=sl)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    sets = "analogy (30k) | WS-353 | SimLex" if a.lang == "en" else "analogy-es (30k) | WS353-es | Multi-SimLex-es"
    print(f"| model | tool | seed | train s | words/s | peak MB | {sets} |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['model']} | {r['tool']} | {r['seed']} | {r['train']:.1f} | {r['words_per_s'] / 1000:.0f} k | "
              f"{r['memory_mb']:.0f} | {r['analogy']:.3f} | {r['ws353']:.3f} | {r['simlex']:.3f} |")


if __name__ == "__main__":
    main()
