#!/usr/bin/python3
"""Trains gensim 4.2 Word2Vec or FastText on a corpus file (one document per line, tokens
line.split()) with explicit hyperparameters, and reports the wall time of training.

usage: gensim_word2vec.py CORPUS OUT.vec [--model skipgram|cbow] [--fasttext] [--dim 100]
           [--window 5] [--negative 5] [--min-count 5] [--sample 1e-3] [--epochs 5]
           [--alpha A] [--threads 2] [--seed 1] [--minn 3] [--maxn 6]
prints one JSON line: {"tool": "gensim-4.2.0", "read": s, "train": s, "raw_words": n,
"words_per_second": n / train, "max_rss_kb": n}; OUT.vec in word2vec text format.
The learning rate defaults to 0.025 for skip-gram and 0.05 for CBOW (the word2vec tool's).
"""
import argparse
import json
import resource
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("out")
    p.add_argument("--model", default="skipgram", choices=["skipgram", "cbow"])
    p.add_argument("--fasttext", action="store_true")
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--window", type=int, default=5)
    p.add_argument("--negative", type=int, default=5)
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--sample", type=float, default=1e-3)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--alpha", type=float)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--minn", type=int, default=3)
    p.add_argument("--maxn", type=int, default=6)
    a = p.parse_args()
    import gensim
    from gensim.models import FastText, Word2Vec
    t0 = time.time()
    with open(a.corpus, encoding="utf-8") as f:
        sentences = [line.split() for line in f]
    t1 = time.time()
    sg = 1 if a.model == "skipgram" else 0
    alpha = a.alpha if a.alpha else (0.025 if sg else 0.05)
    common = dict(vector_size=a.dim, window=a.window, negative=a.negative, min_count=a.min_count, sample=a.sample,
                  epochs=a.epochs, alpha=alpha, workers=a.threads, seed=a.seed, sg=sg, hs=0)
    if a.fasttext:
        model = FastText(sentences, min_n=a.minn, max_n=a.maxn, **common)
    else:
        model = Word2Vec(sentences, **common)
    t2 = time.time()
    model.wv.save_word2vec_format(a.out)
    raw = sum(len(s) for s in sentences)
    print(json.dumps({"tool": f"gensim-{gensim.__version__}", "read": round(t1 - t0, 3), "train": round(t2 - t1, 3),
                      "raw_words": raw * a.epochs, "words_per_second": round(raw * a.epochs / (t2 - t1)),
                      "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
