"""NLTK 3.8's METEOR (nltk.translate.meteor_score.meteor_score, default alpha, beta, gamma, Porter
stemmer) over Debian's WordNet 3.0: one score per line of HYP against the same line of every REF
(NLTK keeps the best reference), printed with repr() on stdout.

usage: /usr/bin/python3 scripts/goldens/nltk_meteor.py HYP REF [REF...] [--lines N] [--wordnet-dir DIR]
       /usr/bin/python3 scripts/goldens/nltk_meteor.py HYP REF [REF...] --time [--repeat N]

Tokens are the whitespace-separated pieces of each line (str.split()), as in the shared goldens.
WordNet is read as scripts/goldens/nltk_wordnet.py reads it (--wordnet-dir, else $NLP_WORDNET_DIR,
else /usr/share/wordnet). --time prints the best time of --repeat runs over all lines instead.
"""
import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import nltk_wordnet  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hyp")
    ap.add_argument("refs", nargs="+")
    ap.add_argument("--lines", type=int, default=0, help="only the first N lines")
    ap.add_argument("--wordnet-dir")
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    _, keep_folder, reader, _ = nltk_wordnet.nltk_lemmatizer(nltk_wordnet.wordnet_dir(args.wordnet_dir))  # holds the folder
    from nltk.translate.meteor_score import meteor_score

    def read(path):
        lines = pathlib.Path(path).read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines[: args.lines] if args.lines else lines

    hyps = read(args.hyp)
    refs = [read(r) for r in args.refs]
    if any(len(r) != len(hyps) for r in refs):
        sys.exit("the reference files must have as many lines as the hypothesis file")
    meteor_score([["warm", "up"]], ["warm", "up"], wordnet=reader)

    def score_all():
        return [meteor_score([r[i].split() for r in refs], hyps[i].split(), wordnet=reader) for i in range(len(hyps))]

    if args.time:
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            scores = score_all()
            best = min(best, time.perf_counter() - start)
        print(f"{best:.4f} s for {len(hyps)} segments, mean {sum(scores) / len(scores)!r}")
        return
    for s in score_all():
        print(repr(s))


if __name__ == "__main__":
    main()
