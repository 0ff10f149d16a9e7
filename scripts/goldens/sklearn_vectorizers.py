#!/usr/bin/python3
"""Golden outputs of scikit-learn's Count-, Tfidf- and HashingVectorizer for a grid of options.

Usage (from the repository root, with ../shared/data beside it):
  /usr/bin/python3 scripts/goldens/sklearn_vectorizers.py \\
      ../shared/data/corpora/en/eltec-eng.txt.xz ../shared/data/corpora/es/eltec-spa.txt.xz
      writes tests/golden/sklearn/vectorizers.golden
  /usr/bin/python3 scripts/goldens/sklearn_vectorizers.py --dump DIR CORPUS...
      writes, per case and corpus, DIR/CASE.NAME.vocab (one term per line, escaped as below)
      and DIR/CASE.NAME.csr (line 1: rows cols nnz; then one line per row:
      "col:value col:value ..." with values as repr() floats)
  /usr/bin/python3 scripts/goldens/sklearn_vectorizers.py --argsort FILE
      reads lines of space-separated integers, prints numpy.argsort of each

Documents: the corpus (xz-compressed UTF-8) split on "\\n" only (a final newline ends the last
line), then every STEP-th line starting with the first, STEP = max(1, lines // 3000).
NAME is the corpus file name without .txt.xz.

Golden file: comment lines start with '#'; then one line per case and corpus, tab-separated:
  case  corpus  options  documents  rows  cols  nnz  vocab_sha256  structure_sha256
  value_sum  weighted_sum  samples
- options: space-separated key=value (the grid below); min_df/max_df with a '.' are
  proportions, without one document counts; vocabulary= is a comma-separated list. kind=hashing
  is HashingVectorizer (no vocabulary: vocab_sha256 is that of the empty string). split=1 fits
  on the documents of even index (0, 2, 4, ...) and the matrix is transform() of the others.
- vocab_sha256: SHA-256 of the terms in column order, each followed by "\\n", with "\\\\",
  "\\n", "\\r" and "\\t" inside a term escaped as \\\\ \\n \\r \\t.
- structure_sha256: SHA-256 of "indptr\\nindices\\n", each a comma-separated decimal list.
- value_sum: sum of the stored values in storage order; weighted_sum: sum of value * (k % 7 + 1)
  for the k-th stored value (k from 0), both repr() floats.
- samples: k=value for every stored value whose index k is a multiple of max(1, nnz // 40),
  joined by ','.
"""
import argparse
import hashlib
import lzma
import os
import sys

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer

GIVEN = ("the,and,of,to,a,in,that,he,was,it,his,her,you,with,had,for,she,as,not,at,but,on,"
         "be,is,my,de,la,que,el,en,y,los,se,del,las,un,por,con,no,una,su,al,lo,como,mas,pero,"
         "sus,le,ya,o,este,si")

# (case, options); keys as in the golden file.
GRID = [
    ("count-default", "kind=count"),
    ("count-binary", "kind=count binary=1"),
    ("count-bigram-stop", "kind=count ngram=1,2 stop_words=english"),
    ("count-ngram23-case", "kind=count ngram=2,3 lowercase=0"),
    ("count-ascii-df", "kind=count strip_accents=ascii min_df=2 max_df=0.5"),
    ("count-dfprop-maxfeat", "kind=count min_df=0.001 max_df=100 max_features=500"),
    ("count-bigram-maxfeat", "kind=count ngram=1,2 max_features=2000"),
    ("count-char14", "kind=count analyzer=char ngram=1,4"),
    ("count-charwb25-maxfeat", "kind=count analyzer=char_wb ngram=2,5 max_features=5000"),
    ("count-pattern", "kind=count token_pattern=(?u)\\b\\w+\\b strip_accents=unicode"),
    ("count-given", "kind=count vocabulary=" + GIVEN),
    ("tfidf-default", "kind=tfidf"),
    ("tfidf-l1-sublinear", "kind=tfidf norm=l1 sublinear_tf=1"),
    ("tfidf-nonorm-nosmooth", "kind=tfidf norm=none smooth_idf=0"),
    ("tfidf-noidf", "kind=tfidf use_idf=0"),
    ("tfidf-trigram-stop", "kind=tfidf ngram=1,3 stop_words=english strip_accents=unicode "
                           "min_df=2 max_features=3000"),
    ("tfidf-charwb35-sublinear", "kind=tfidf analyzer=char_wb ngram=3,5 sublinear_tf=1"),
    ("tfidf-binary-maxdf", "kind=tfidf binary=1 max_df=0.3"),
    ("tfidf-given", "kind=tfidf vocabulary=" + GIVEN + " sublinear_tf=1"),
    ("hashing-default", "kind=hashing"),
    ("hashing-small-bigram", "kind=hashing n_features=1000 ngram=1,2 stop_words=english"),
    ("hashing-nosign-l1-binary", "kind=hashing n_features=4096 alternate_sign=0 norm=l1 binary=1"),
    ("hashing-charwb-nonorm", "kind=hashing n_features=65536 analyzer=char_wb ngram=2,4 norm=none"),
    ("hashing-tiny-ascii", "kind=hashing n_features=7 strip_accents=ascii lowercase=0"),
    ("split-count-bigram-df", "kind=count ngram=1,2 min_df=2 split=1"),
    ("split-tfidf-sublinear", "kind=tfidf sublinear_tf=1 max_df=0.5 split=1"),
    ("split-tfidf-charwb-maxfeat", "kind=tfidf analyzer=char_wb ngram=2,4 max_features=3000 split=1"),
]


def parse_options(text):
    opts = dict(kv.split("=", 1) for kv in text.split(" "))
    kind = opts.pop("kind")
    opts.pop("split", None)
    kw = {}
    for key, value in opts.items():
        if key == "ngram":
            lo, hi = value.split(",")
            kw["ngram_range"] = (int(lo), int(hi))
        elif key in ("lowercase", "binary", "use_idf", "smooth_idf", "sublinear_tf",
                     "alternate_sign"):
            kw[key] = value == "1"
        elif key in ("min_df", "max_df"):
            kw[key] = float(value) if "." in value else int(value)
        elif key in ("max_features", "n_features"):
            kw[key] = int(value)
        elif key == "norm":
            kw[key] = None if value == "none" else value
        elif key == "vocabulary":
            kw[key] = value.split(",")
        elif key in ("analyzer", "strip_accents", "token_pattern", "stop_words"):
            kw[key] = value
        else:
            raise SystemExit(f"unknown option {key}")
    cls = {"tfidf": TfidfVectorizer, "count": CountVectorizer, "hashing": HashingVectorizer}[kind]
    return cls(dtype=np.float64, **kw)


def matrix(options, docs):
    """The case's matrix (CSR, sorted indices) and its terms in column order."""
    vec = parse_options(options)
    if "split=1" in options.split(" "):
        vec.fit(docs[0::2])
        x = vec.transform(docs[1::2])
    else:
        x = vec.fit_transform(docs)
    x = x.tocsr()
    x.sort_indices()
    terms = [] if isinstance(vec, HashingVectorizer) else vec.get_feature_names_out().tolist()
    return x, terms


def read_documents(path):
    text = lzma.open(path, "rb").read().decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    step = max(1, len(lines) // 3000)
    return lines[::step]


def corpus_name(path):
    name = os.path.basename(path)
    for suffix in (".xz", ".txt"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def escape(term):
    return (term.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def golden_line(case, options, name, docs):
    x, terms = matrix(options, docs)
    vocab = hashlib.sha256("".join(escape(t) + "\n" for t in terms).encode("utf-8")).hexdigest()
    structure = (",".join(map(str, x.indptr.tolist())) + "\n" +
                 ",".join(map(str, x.indices.tolist())) + "\n")
    data = x.data.tolist()
    value_sum = 0.0
    weighted = 0.0
    for k, v in enumerate(data):
        value_sum += v
        weighted += v * (k % 7 + 1)
    step = max(1, len(data) // 40)
    samples = ",".join(f"{k}={data[k]!r}" for k in range(0, len(data), step))
    return "\t".join([case, name, options, str(len(docs)), str(x.shape[0]), str(x.shape[1]),
                      str(x.nnz), vocab, hashlib.sha256(structure.encode()).hexdigest(),
                      repr(value_sum), repr(weighted), samples])


def dump(out_dir, case, options, name, docs):
    x, terms = matrix(options, docs)
    with open(os.path.join(out_dir, f"{case}.{name}.vocab"), "w", encoding="utf-8") as f:
        for t in terms:
            f.write(escape(t) + "\n")
    with open(os.path.join(out_dir, f"{case}.{name}.csr"), "w") as f:
        f.write(f"{x.shape[0]} {x.shape[1]} {x.nnz}\n")
        for r in range(x.shape[0]):
            b, e = x.indptr[r], x.indptr[r + 1]
            f.write(" ".join(f"{c}:{v!r}" for c, v in
                             zip(x.indices[b:e].tolist(), x.data[b:e].tolist())) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*")
    ap.add_argument("--dump", metavar="DIR")
    ap.add_argument("--argsort", metavar="FILE")
    ap.add_argument("--out", default="tests/golden/sklearn/vectorizers.golden")
    args = ap.parse_args()
    if args.argsort:
        for line in open(args.argsort):
            print(" ".join(map(str, np.argsort(np.array([int(t) for t in line.split()],
                                                          dtype=np.int64)).tolist())))
        return
    lines = []
    for path in args.corpora:
        docs = read_documents(path)
        name = corpus_name(path)
        for case, options in GRID:
            if args.dump:
                dump(args.dump, case, options, name, docs)
            else:
                lines.append(golden_line(case, options, name, docs))
    if args.dump:
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"#nlp-golden tool=scikit-learn-{sklearn.__version__} numpy={np.__version__} "
                f"python={sys.version.split()[0]}\n")
        f.write("#case\tcorpus\toptions\tdocuments\trows\tcols\tnnz\tvocab_sha256\t"
                "structure_sha256\tvalue_sum\tweighted_sum\tsamples\n")
        for line in lines:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
