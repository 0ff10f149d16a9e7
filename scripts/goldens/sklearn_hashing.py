#!/usr/bin/env python3
"""Golden files for feature hashing: scikit-learn's MurmurHash3 and HashingVectorizer rows.

usage: /usr/bin/python3 scripts/goldens/sklearn_hashing.py [--out-dir DIR] [--extra-keys FILE]

Writes into DIR (default: tests/golden/sklearn/hashing in this script's repository):

  murmur.tsv  a header line "#nlp-golden tool=sklearn-VERSION kind=murmurhash3_32", then one line
              per (key, seed): KEY_HEX <TAB> SEED <TAB> SIGNED <TAB> POSITIVE, where KEY_HEX is the
              key's UTF-8 bytes in lowercase hex ("-" for the empty key), SIGNED is
              sklearn.utils.murmurhash3_32(key, seed) and POSITIVE the same with positive=True.
  rows.tsv    a header line "#nlp-golden tool=sklearn-VERSION kind=hashing_vectorizer", then one
              line per (document, options):
                N_FEATURES <TAB> ALTERNATE_SIGN <TAB> BINARY <TAB> NORM <TAB> FEATURES <TAB> ROW
              ALTERNATE_SIGN and BINARY are 0 or 1, NORM is l1, l2 or none. FEATURES are the
              analyzed features, each as UTF-8 hex, joined by "," ("-" for none). ROW is the
              document's row of HashingVectorizer(analyzer=lambda d: FEATURES, ...).transform,
              as COLUMN:VALUE pairs joined by " " in stored order ("-" for an empty row), with
              VALUE written by repr() so it parses back to the same double.
              The documents include texts run through the default analyzer (lowercase, token
              pattern (?u)\\b\\w\\w+\\b): their FEATURES are that analyzer's output.

--extra-keys FILE hashes each line of FILE (UTF-8, without its "\\n") with seed 0 and prints
KEY_HEX <TAB> SIGNED <TAB> POSITIVE lines on stdout instead of writing files (for live tests).
--extra-rows FILE reads lines "N_FEATURES <TAB> ALTERNATE_SIGN <TAB> BINARY <TAB> NORM <TAB>
FEATURES" (fields as in rows.tsv) and prints each line followed by <TAB> ROW on stdout.
"""
import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
# An ASCII key whose signed hash (seed 0) is -2**31, found by a brute-force search over 7-letter
# keys; scikit-learn maps that hash to column (2**31 - 1 - (n_features - 1)) % n_features.
INTMIN = "FrZ0mda"

KEYS = [
    "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi",
    "hello", "Hello", "hello world", "the", "The", "THE", " ", "  ", "\t", "\n", "\r\n",
    "\u00e9", "caf\u00e9", "cafe\u0301", "na\u00efve", "\u00f1and\u00fa", "Espa\u00f1a",
    "\u00fcber", "stra\u00dfe", "\u0130stanbul", "\u03b1\u03b2\u03b3", "\u043c\u0438\u0440",
    "\u65e5\u672c\u8a9e", "\u3042", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1ea\U0001f1f8", "a\u200bb", "\ufeff", "\ufeffbom", "\u00bd", "\uffff", "\U0010ffff",
    "x" * 100, "ab" * 513, "0", "1", "42", "-1", "3.14", "don't", "\"quoted\"", "tab\tinside",
    "new\nline", "back\\slash", "the cat", "cat sat", "sat on", "on the", "the mat",
    "\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5", "\u1e9e", "\u2028", "\U0001d400",
    # A key whose hash is INT32_MIN, the case scikit-learn handles specially when indexing.
    "INTMIN_KEY",
]
SEEDS = [0, 1, 42, 2**31 - 1, 2**31, 2**32 - 1]

FEATURE_LISTS = [
    [],
    ["a"],
    ["a", "a"],
    ["the", "cat", "sat", "on", "the", "mat"],
    ["caf\u00e9", "cafe\u0301", "\U0001f600", "\u65e5\u672c", "", "the", "the", "the"],
    ["x" * 100, "y", "z", "y"],
    [f"w{i}" for i in range(120)],
    [f"w{i % 37}" for i in range(200)],
    ["INTMIN_KEY", "INTMIN_KEY", "a"],
]
TEXTS = [
    "",
    "   ",
    "The quick brown fox jumps over the lazy dog.",
    "the the the THE The",
    "Caf\u00e9 na\u00efve \u00fcber stra\u00dfe \u00d1and\u00fa",
    "A b c de fg hij: one-letter tokens are dropped, 42 and 7 too? 42!",
    "Emoji \U0001f600 and CJK \u65e5\u672c\u8a9e text\r\nwith CRLF",
]
OPTIONS = [
    (2**20, True, False, "l2"),
    (2**20, False, False, "l2"),
    (16, True, False, "l2"),
    (16, False, False, "l1"),
    (16, True, False, "none"),
    (16, True, True, "l2"),
    (7, True, False, "none"),
    (7, True, True, "l1"),
    (1, True, False, "none"),
    (1, True, True, "l2"),
    (3, False, True, "none"),
    (2**31 - 1, True, False, "l2"),
]


def hexkey(s):
    return s.encode("utf-8").hex() or "-"


def main():
    import sklearn
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.utils import murmurhash3_32

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", type=pathlib.Path, default=ROOT / "tests" / "golden" / "sklearn" / "hashing")
    ap.add_argument("--extra-keys", type=pathlib.Path)
    ap.add_argument("--extra-rows", type=pathlib.Path)
    args = ap.parse_args()

    if args.extra_rows:
        for line in args.extra_rows.read_text(encoding="utf-8").splitlines():
            n_features, alternate, binary, norm, fs = line.split("\t")
            feats = [] if fs == "-" else [bytes.fromhex(h).decode("utf-8") for h in fs.split(",")]
            hv = HashingVectorizer(analyzer=lambda d: d, n_features=int(n_features), alternate_sign=alternate == "1",
                                   binary=binary == "1", norm=None if norm == "none" else norm)
            sys.stdout.write(f"{line}\t{row_text(hv.transform([feats]), 0)}\n")
        return

    if args.extra_keys:
        data = args.extra_keys.read_bytes().decode("utf-8")
        lines = data.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        out = sys.stdout
        for k in lines:
            out.write(f"{hexkey(k)}\t{murmurhash3_32(k, 0)}\t{murmurhash3_32(k, 0, positive=True)}\n")
        return

    keys = [INTMIN if k == "INTMIN_KEY" else k for k in KEYS]
    assert murmurhash3_32(INTMIN, 0) == -(2**31)
    tool = f"sklearn-{sklearn.__version__}"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with open(args.out_dir / "murmur.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#nlp-golden tool={tool} kind=murmurhash3_32\n")
        for k in keys:
            for seed in SEEDS:
                f.write(f"{hexkey(k)}\t{seed}\t{murmurhash3_32(k, seed)}\t"
                        f"{murmurhash3_32(k, seed, positive=True)}\n")

    docs = [[INTMIN if x == "INTMIN_KEY" else x for x in feats] for feats in FEATURE_LISTS]
    analyzer = HashingVectorizer().build_analyzer()
    docs += [analyzer(t) for t in TEXTS]
    with open(args.out_dir / "rows.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#nlp-golden tool={tool} kind=hashing_vectorizer\n")
        for n_features, alternate, binary, norm in OPTIONS:
            hv = HashingVectorizer(analyzer=lambda d: d, n_features=n_features, alternate_sign=alternate,
                                   binary=binary, norm=None if norm == "none" else norm)
            X = hv.transform(docs)
            for i, feats in enumerate(docs):
                fs = ",".join(hexkey(x) if x else "" for x in feats) if feats else "-"
                f.write(f"{n_features}\t{int(alternate)}\t{int(binary)}\t{norm}\t{fs}\t{row_text(X, i)}\n")


def row_text(X, i):
    """Row i of a CSR matrix as "COLUMN:VALUE ..." in stored order, "-" when empty."""
    lo, hi = X.indptr[i], X.indptr[i + 1]
    return " ".join(f"{int(c)}:{float(v)!r}" for c, v in zip(X.indices[lo:hi], X.data[lo:hi])) or "-"


if __name__ == "__main__":
    main()
