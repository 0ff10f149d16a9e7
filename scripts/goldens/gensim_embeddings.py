#!/usr/bin/python3
"""Word vector evaluation goldens from gensim 4.2 (gensim.models.KeyedVectors) for `nlp vectors`.

usage:
  gensim_embeddings.py vectors CORPUS[.xz] OUT.bin --first N [--dim D] [--words K]
      trains gensim Word2Vec (skip-gram, negative 5, window 5, min_count 5, epochs 3, seed 1,
      one worker) on the first N lines of CORPUS, tokens line.split() (case kept, so that the
      vocabulary has case variants), and saves the K most frequent words in word2vec binary
      format (save_word2vec_format(binary=True)). The golden vectors, made once.
  gensim_embeddings.py golden VECTORS.bin DATA OUT
      loads VECTORS.bin with load_word2vec_format(binary=True) and writes gensim's results for
      every case below to OUT; DATA is the shared data folder (embeddings/en/...):
        #nlp-golden tool=gensim-<version> vectors=<name> words=<n> dim=<d>
        analogies <case> <file> restrict=<r> case_insensitive=<0|1> dummy4unknown=<0|1>
        score <repr> questions <n> oov <n>
        section <correct> <incorrect> <name>          (sections in file order, then the total)
        pairs <case> <file> restrict=<r> case_insensitive=<0|1> dummy4unknown=<0|1>
        pearson <r repr> <p repr>
        spearman <r repr> <p repr>
        oov_ratio <repr>
        similar <word> topn=<k> restrict=<r>           (most_similar(positive=[word]))
        cosmul <a> <b> <c> topn=<k>                    (most_similar_cosmul([b, c], [a]))
        similarity <w1> <w2> <repr>
        then one "<word> TAB <score repr>" line per neighbour
"""
import argparse
import lzma
import sys


ANALOGY_CASES = [
    # name, file under embeddings/en, restrict_vocab, case_insensitive, dummy4unknown
    ("default", "analogy/questions-words.txt", 300000, True, False),
    ("restrict1000", "analogy/questions-words.txt", 1000, True, False),
    ("case-sensitive", "analogy/questions-words.txt", 300000, False, False),
    ("dummy", "analogy/questions-words.txt", 2000, True, True),
]
PAIR_CASES = [
    ("ws353", "wordsim/gensim-format/wordsim353.tsv", 300000, True, False),
    ("simlex", "wordsim/gensim-format/simlex999.txt", 300000, True, False),
    ("simlex-dummy", "wordsim/gensim-format/simlex999.txt", 300000, True, True),
    ("ws353-crlf", "wordsim/EN-WS-353-ALL.txt", 1500, True, False),
    ("men-case-sensitive", "wordsim/EN-MEN-TR-3k.txt", 300000, False, False),
]
SIMILAR_WORDS = ["the", "man", "said", "house", "love", "London", "water", "two", "Lady", "dark", "Mr."]
SIMILAR_RESTRICTS = [0, 500]
COSMUL_TRIPLES = [("man", "Lord", "woman"), ("he", "his", "she"), ("good", "better", "bad"),
                  ("London", "England", "house")]
SIMILARITY_PAIRS = [("man", "woman"), ("the", "a"), ("house", "home"), ("The", "the")]


def read_lines(path, first):
    data = lzma.decompress(open(path, "rb").read()) if path.endswith(".xz") else open(path, "rb").read()
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines[:first]


def make_vectors(args):
    from gensim.models import KeyedVectors, Word2Vec
    sentences = [line.split() for line in read_lines(args.corpus, args.first)]
    model = Word2Vec(sentences, vector_size=args.dim, window=5, min_count=5, sg=1, negative=5,
                     epochs=3, seed=1, workers=1)
    top = KeyedVectors(vector_size=args.dim)
    top.add_vectors(model.wv.index_to_key[:args.words], model.wv.vectors[:args.words])
    top.save_word2vec_format(args.out, binary=True)


def golden(args):
    import gensim
    from gensim.models import KeyedVectors
    kv = KeyedVectors.load_word2vec_format(args.vectors, binary=True)
    out = []
    name = args.vectors.replace("\\", "/").rsplit("/", 1)[-1]
    out.append(f"#nlp-golden tool=gensim-{gensim.__version__} vectors={name} words={len(kv)} dim={kv.vector_size}")
    for case, rel, restrict, ci, dummy in ANALOGY_CASES:
        score, sections = kv.evaluate_word_analogies(f"{args.data}/embeddings/en/{rel}", restrict_vocab=restrict,
                                                     case_insensitive=ci, dummy4unknown=dummy)
        # gensim does not return its OOV count: recount it as it does.
        ok = kv.index_to_key[:restrict]
        ok = {k.upper() for k in ok} if ci else set(ok)
        questions = oov = 0
        for line in open(f"{args.data}/embeddings/en/{rel}", encoding="utf-8"):
            if line.startswith(": "):
                continue
            words = [w.upper() for w in line.split()] if ci else line.split()
            if len(words) != 4:
                continue
            questions += 1
            oov += any(w not in ok for w in words)
        out.append(f"analogies {case} {rel} restrict={restrict} case_insensitive={int(ci)} dummy4unknown={int(dummy)}")
        out.append(f"score {score!r} questions {questions} oov {oov}")
        for s in sections:
            out.append(f"section {len(s['correct'])} {len(s['incorrect'])} {s['section']}")
    for case, rel, restrict, ci, dummy in PAIR_CASES:
        pearson, spearman, oov_ratio = kv.evaluate_word_pairs(f"{args.data}/embeddings/en/{rel}",
                                                              restrict_vocab=restrict, case_insensitive=ci,
                                                              dummy4unknown=dummy)
        out.append(f"pairs {case} {rel} restrict={restrict} case_insensitive={int(ci)} dummy4unknown={int(dummy)}")
        out.append(f"pearson {float(pearson[0])!r} {float(pearson[1])!r}")
        out.append(f"spearman {float(spearman[0])!r} {float(spearman[1])!r}")
        out.append(f"oov_ratio {float(oov_ratio)!r}")
    for word in SIMILAR_WORDS:
        for restrict in SIMILAR_RESTRICTS:
            sims = kv.most_similar(positive=[word], topn=10, restrict_vocab=restrict or None)
            out.append(f"similar {word} topn=10 restrict={restrict}")
            out.extend(f"{w}\t{float(s)!r}" for w, s in sims)
    for a, b, c in COSMUL_TRIPLES:
        sims = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)
        out.append(f"cosmul {a} {b} {c} topn=5")
        out.extend(f"{w}\t{float(s)!r}" for w, s in sims)
    for w1, w2 in SIMILARITY_PAIRS:
        out.append(f"similarity {w1} {w2} {float(kv.similarity(w1, w2))!r}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("vectors")
    v.add_argument("corpus")
    v.add_argument("out")
    v.add_argument("--first", type=int, required=True)
    v.add_argument("--dim", type=int, default=16)
    v.add_argument("--words", type=int, default=2500)
    g = sub.add_parser("golden")
    g.add_argument("vectors")
    g.add_argument("data")
    g.add_argument("out")
    args = p.parse_args()
    make_vectors(args) if args.cmd == "vectors" else golden(args)


if __name__ == "__main__":
    sys.exit(main())
