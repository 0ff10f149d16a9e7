#!/usr/bin/env python3
"""Times NLTK's stemmers and lemmatizer and PyStemmer against `nlp stem` and `nlp lemmatize` on
the same word list, and checks that every output word is identical.

usage: /usr/bin/python3 bench/cmd/compare_morph.py NLP_BINARY INPUT [--lang en|es]
           [--max-words N] [--distinct] [--repeat R] [--cases a,b,...] [--wordnet-dir DIR]
           [--threads T]

INPUT is a text file (a .xz file is decompressed first); its words (whitespace-separated, with
surrounding punctuation stripped, lowercased) become the word list, one per line, in corpus order
with repeats (as a stemmer meets them in a corpus) or, with --distinct, each word once. Cases:
  en: porter           nltk PorterStemmer().stem                    nlp stem -a porter
      porter-original  PorterStemmer(mode=ORIGINAL_ALGORITHM)       nlp stem -a porter --mode original
      porter-martin    PorterStemmer(mode=MARTIN_EXTENSIONS)        nlp stem -a porter --mode martin
      lancaster        LancasterStemmer().stem                      nlp stem -a lancaster
      snowball-nltk    SnowballStemmer('english').stem              nlp stem --compat nltk
      snowball         PyStemmer Stemmer('english').stemWord        nlp stem -a snowball
      wordnet          WordNetLemmatizer().lemmatize(w)             nlp lemmatize --method wordnet
      wordnet-v        WordNetLemmatizer().lemmatize(w, 'v')        nlp lemmatize --method wordnet --pos v
  es: snowball-nltk    SnowballStemmer('spanish').stem              nlp stem --lang es --compat nltk
      snowball         PyStemmer Stemmer('spanish').stemWord        nlp stem --lang es
NLTK's WordNet lemmatizer reads WordNet 3.0 from --wordnet-dir (Debian's wordnet-base), as nlp
does. Each reference runs in this process over the words (best of R); each nlp command runs as a
whole process with its output in a file (best of R). Prints thousands of words per second by
wall and CPU time and the ratios; exits 1 if any word differs.
"""
import pathlib
import re
import sys

import nltk
from nltk.stem import LancasterStemmer, PorterStemmer, SnowballStemmer

from benchlib import parser_for, read_input, run_cases

EDGE = re.compile(r"^\W+|\W+$")


def word_list(data, max_words, distinct):
    words, seen = [], set()
    for raw in data.decode("utf-8").split():
        w = EDGE.sub("", raw).lower()
        if not w or (distinct and w in seen):
            continue
        seen.add(w)
        words.append(w)
        if max_words and len(words) >= max_words:
            break
    return ("\n".join(words) + "\n").encode("utf-8")


def wordnet_lemmatize(wordnet_dir):
    """NLTK's WordNetLemmatizer().lemmatize over Debian's WordNet files, loaded, as the golden
    script builds it (Debian's wordnet-base lacks files NLTK's reader opens at start-up)."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts" / "goldens"))
    from nltk_wordnet import nltk_lemmatizer

    return nltk_lemmatizer(str(wordnet_dir))[1]


def cases(lang, wordnet_dir):
    import Stemmer

    one = lambda f: (lambda w: [f(w)])  # noqa: E731  one word in, one out
    if lang == "es":
        return {
            "snowball-nltk": (one(SnowballStemmer("spanish").stem), ["stem", "--lang", "es", "--compat", "nltk"]),
            "snowball": (one(Stemmer.Stemmer("spanish").stemWord), ["stem", "--lang", "es"]),
        }
    table = {
        "porter": (one(PorterStemmer().stem), ["stem", "-a", "porter"]),
        "porter-original": (one(PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM).stem),
                            ["stem", "-a", "porter", "--mode", "original"]),
        "porter-martin": (one(PorterStemmer(mode=PorterStemmer.MARTIN_EXTENSIONS).stem),
                          ["stem", "-a", "porter", "--mode", "martin"]),
        "lancaster": (one(LancasterStemmer().stem), ["stem", "-a", "lancaster"]),
        "snowball-nltk": (one(SnowballStemmer("english").stem), ["stem", "--compat", "nltk"]),
        "snowball": (one(Stemmer.Stemmer("english").stemWord), ["stem"]),
    }
    if wordnet_dir.is_dir():
        lemmatize = wordnet_lemmatize(wordnet_dir)
        table["wordnet"] = (one(lemmatize), ["lemmatize", "--lang", "en", "--method", "wordnet"], True)
        table["wordnet-v"] = (one(lambda w: lemmatize(w, "v")),
                              ["lemmatize", "--lang", "en", "--method", "wordnet", "--pos", "v"], True)
    return table


def main():
    parser = parser_for(__doc__)
    parser.add_argument("--lang", default="en", choices=["en", "es"])
    parser.add_argument("--max-words", type=int, default=1000000)
    parser.add_argument("--distinct", action="store_true", help="each word once")
    parser.add_argument("--cases", default="", help="comma-separated (default: all of the language)")
    parser.add_argument("--wordnet-dir", type=pathlib.Path, default=pathlib.Path("/usr/share/wordnet"))
    parser.add_argument("--threads", type=int, default=1, help="--threads of the nlp commands")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        table = cases(args.lang, args.wordnet_dir)
        names = args.cases.split(",") if args.cases else list(table)
        words = pathlib.Path(tmp) / "words.txt"
        words.write_bytes(word_list(read_input(args.input, args.max_bytes), args.max_words, args.distinct))
        args.input, args.max_bytes = words, 0
        import Stemmer

        references = f"NLTK {nltk.__version__}, PyStemmer {Stemmer.version()}"
        threads = ["--threads", str(args.threads)]
        chosen = [(n, table[n][0], [*table[n][1], *threads], *table[n][2:]) for n in names]
        print(f"nlp commands with --threads {args.threads}")
        status = run_cases(args, references, "case", chosen, per_line=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
