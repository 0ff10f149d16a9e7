#!/usr/bin/env python3
"""NLTK's WordNetLemmatizer over Debian's WordNet 3.0 (wordnet-base): golden lemmas, digests of the
lemmas of a larger vocabulary, a timing loop, and lemmas of an arbitrary word list.

usage: /usr/bin/python3 scripts/goldens/nltk_wordnet.py [DATA] [--out-dir DIR] [--sample-every K]
       /usr/bin/python3 scripts/goldens/nltk_wordnet.py --words FILE --out FILE
       /usr/bin/python3 scripts/goldens/nltk_wordnet.py [DATA] --time [--repeat N]
       /usr/bin/python3 scripts/goldens/nltk_wordnet.py --check-reader

DATA is the shared data folder (default: ../shared/data relative to the repository root). WordNet
is read from --wordnet-dir, else $NLP_WORDNET_DIR, else /usr/share/wordnet.

Lemmatizer (NLTK 3.8): WordNetLemmatizer().lemmatize(word, pos) for pos in n v a s r, the stock
method itself: nltk.stem.wordnet looks WordNet up through its module global `wn`, which this
script points at WordNetCorpusReader(folder, None). Debian's package lacks two files NLTK's reader
opens at start-up, lexnames and index.sense, which morphy never uses; the reader is therefore
given a temporary folder with links to Debian's index.*, data.*, *.exc and cntlist.rev and a
lexnames file written from lexnames(5WN). --check-reader shows that this reader's lemma index and
exception lists are exactly Debian's files.

Vocabulary:
  ud       the FORM column of ud/UD_English-EWT/*.conllu (train, dev, test; multiword ranges
           included), each form together with its lowercase form
  eltec    the whitespace tokens of corpora/en/eltec-eng.txt.xz, each also stripped of leading
           and trailing punctuation (Unicode category P*) when that leaves a different non-empty
           word, and each also lowercased
Default mode writes into DIR (default: tests/golden/nltk/lemmas in this repository):
  wordnet.tsv.xz          a header line, then "WORD<TAB>N<TAB>V<TAB>A<TAB>S<TAB>R" (the lemma for
                          each pos) for each word of the sample: every ud word, every K-th
                          (default 12) eltec word that is not a ud word in sorted order, and the
                          edge cases below. Words with a tab or newline are left out.
  full-vocabulary.digest  a header line, then "FIRST COUNT SHA256" per block of 10,000 words of the
                          whole vocabulary (ud and eltec, sorted by code point) and "all COUNT
                          SHA256"; SHA256 is the digest of the lemma lines of those words as in
                          the .tsv file, without the word ("N<TAB>V<TAB>A<TAB>S<TAB>R\\n", UTF-8).
Header lines: "#nlp-golden tool=nltk-3.8 wordnet=3.0 KEY=VALUE ...", with words=N and
words_sha256 (the SHA-256 of the words in order, each followed by "\\n").
--words FILE: lemmatizes the lines of FILE (UTF-8, split on "\\n" only; a final newline does not
start another word) and writes "N<TAB>V<TAB>A<TAB>S<TAB>R" per word to --out.
--time: lemmatizes the ud words of the vocabulary for each of n v a r, --repeat times (default
10; the best is kept), one thread, in thread CPU time, and prints lemmas per second; the time NLTK
takes to load WordNet and answer the first call is printed separately (wall time).
"""
import argparse
import hashlib
import lzma
import os
import pathlib
import sys
import tempfile
import time

from golden_words import conllu_forms, strip_punct, words_digest
import warnings

ROOT = pathlib.Path(__file__).resolve().parents[2]
BLOCK = 10000
POS = ["n", "v", "a", "s", "r"]

# lexnames(5WN): the lexicographer file names, numbered from 00, with their part of speech
# (1 noun, 2 verb, 3 adjective, 4 adverb). NLTK's reader requires the file; morphy ignores it.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
POS_NUMBER = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}

# Words the sample always contains: rule endings alone and doubled, exception-list entries in
# several cases, ties between equally short lemmas, collocations, digits, non-ASCII letters,
# whitespace, and long words whose endings repeat (morphy then applies its rules many rounds).
EDGE_CASES = [
    "", " ", "s", "S", "es", "ses", "ves", "xes", "zes", "ches", "shes", "men", "ies", "ed", "ing",
    "er", "est", "ss", "sss", "eses", "eded", "inging", "erer", "estest", "mens", "menmen",
    "dogs", "Dogs", "DOGS", "churches", "aardwolves", "abaci", "hardrock", "leaves", "axes",
    "better", "best", "Better", "saw", "men", "women", "geese", "feet", "mice", "oxen", "data",
    "media", "species", "series", "news", "glasses", "wolves", "knives", "wives", "dies", "lies",
    "ties", "flies", "skies", "lying", "dying", "tying", "was", "were", "is", "are", "am", "been",
    "has", "had", "does", "did", "done", "went", "gone", "ran", "running", "stopped", "feed",
    "need", "bed", "seed", "hoped", "hopped", "hoping", "hopping", "fixes", "buzzes", "wishes",
    "quizzes", "larger", "largest", "bigger", "biggest", "happier", "happiest", "farther",
    "further", "furthest", "hardest", "deeper", "oftener", "ice_cream", "ice cream", "ice-cream",
    "hot_dogs", "attorneys_general", "a", "i", "I", "u", "123", "1990s", "3rd", "'s", "n't",
    "café", "cafés", "naïve", "ÉCOLE", "straße", "книги", "日本s", "cafe\u0301s", "👍s",
    "\u00a0dogs", "dogs\u00a0", "dog\u200bs",
    "s" * 300, "es" * 150, "ses" * 100, "eded" * 50, "inging" * 40, "erest" * 50, "men" * 80,
    "x" * 200 + "es", "dog" + "s" * 40, "box" + "es" * 30,
]


def wordnet_dir(arg):
    if arg:
        return pathlib.Path(arg)
    env = os.environ.get("NLP_WORDNET_DIR")
    return pathlib.Path(env) if env else pathlib.Path("/usr/share/wordnet")


def nltk_lemmatizer(folder):
    """(nltk version, WordNetLemmatizer().lemmatize bound to Debian's WordNet, reader, load s)"""
    import nltk
    import nltk.stem.wordnet
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    tmp = tempfile.TemporaryDirectory(prefix="nltk-wordnet-")
    for name in sorted(os.listdir(folder)):
        if name.startswith(("index.", "data.")) or name.endswith(".exc") or name == "cntlist.rev":
            os.symlink(os.path.join(folder, name), os.path.join(tmp.name, name))
    with open(os.path.join(tmp.name, "lexnames"), "w", encoding="utf-8") as f:
        for i, name in enumerate(LEXNAMES):
            f.write(f"{i:02d}\t{name}\t{POS_NUMBER[name.split('.')[0]]}\n")
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available"
        reader = WordNetCorpusReader(tmp.name, None)
    nltk.stem.wordnet.wn = reader
    lemmatizer = nltk.stem.wordnet.WordNetLemmatizer()
    lemmatizer.lemmatize("dogs")
    load = time.perf_counter() - start
    lemmatizer._tmp = tmp  # keep the folder for the reader's lifetime
    return nltk.__version__, lemmatizer.lemmatize, reader, load


UD_FILES = ["ud/UD_English-EWT/en_ewt-ud-train.conllu", "ud/UD_English-EWT/en_ewt-ud-dev.conllu",
            "ud/UD_English-EWT/en_ewt-ud-test.conllu"]
ELTEC = "corpora/en/eltec-eng.txt.xz"


def vocabulary(data, with_eltec=True):
    """(sorted vocabulary, set of ud words)"""
    ud, eltec = set(), set()
    for name in UD_FILES:
        for form in conllu_forms(data / name):
            ud.update((form, form.lower()))
    if with_eltec:
        text = lzma.decompress((data / ELTEC).read_bytes()).decode("utf-8")
        for token in set(text.split()):
            stripped = strip_punct(token)
            for w in (token, stripped) if stripped and stripped != token else (token,):
                eltec.update((w, w.lower()))
    words = sorted(w for w in ud | eltec if "\t" not in w and "\n" not in w)
    return words, ud


def lemma_line(lemmatize, word):
    return "\t".join(lemmatize(word, p) for p in POS)


def write_goldens(data, out_dir, every, folder):
    version, lemmatize, _, _ = nltk_lemmatizer(folder)
    words, ud = vocabulary(data)
    others = [w for w in words if w not in ud]
    sample = sorted(set(w for w in ud if "\t" not in w and "\n" not in w) | set(others[::every])
                    | set(EDGE_CASES))
    out_dir.mkdir(parents=True, exist_ok=True)
    head = f"#nlp-golden tool=nltk-{version} wordnet=3.0"
    lines = [f"{head} lemmatizer=WordNetLemmatizer pos=n,v,a,s,r sample_every={every} "
             f"input={','.join(UD_FILES + [ELTEC])} words={len(sample)} "
             f"words_sha256={words_digest(sample)}\n"]
    lines += [f"{w}\t{lemma_line(lemmatize, w)}\n" for w in sample]
    (out_dir / "wordnet.tsv.xz").write_bytes(
        lzma.compress("".join(lines).encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    rows = [f"{head} lemmatizer=WordNetLemmatizer pos=n,v,a,s,r input={','.join(UD_FILES + [ELTEC])} "
            f"block={BLOCK} words={len(words)} words_sha256={words_digest(words)}\n"]
    total = hashlib.sha256()
    for first in range(0, len(words), BLOCK):
        block = hashlib.sha256()
        chunk = words[first:first + BLOCK]
        for w in chunk:
            line = (lemma_line(lemmatize, w) + "\n").encode("utf-8")
            block.update(line)
            total.update(line)
        rows.append(f"{first + 1} {len(chunk)} {block.hexdigest()}\n")
    rows.append(f"all {len(words)} {total.hexdigest()}\n")
    (out_dir / "full-vocabulary.digest").write_text("".join(rows), encoding="utf-8")
    print(f"{len(sample)} sample words, {len(words)} vocabulary words", file=sys.stderr)


def lemmatize_file(path, out, folder):
    _, lemmatize, _, _ = nltk_lemmatizer(folder)
    text = pathlib.Path(path).read_bytes().decode("utf-8")
    words = text.split("\n")
    if text.endswith("\n"):
        words.pop()
    with open(out, "w", encoding="utf-8", newline="") as f:
        for w in words:
            f.write(lemma_line(lemmatize, w) + "\n")


def time_lemmatizer(data, folder, repeat):
    version, lemmatize, _, load = nltk_lemmatizer(folder)
    words, _ = vocabulary(data, with_eltec=False)
    pos = ["n", "v", "a", "r"]
    best = None
    for _ in range(repeat):
        start = time.thread_time()
        for p in pos:
            for w in words:
                lemmatize(w, p)
        elapsed = time.thread_time() - start
        best = elapsed if best is None else min(best, elapsed)
    n = len(words) * len(pos)
    print(f"nltk-{version} WordNetLemmatizer: load and first call {load:.3f} s; "
          f"{n} lemmas ({len(words)} words x n,v,a,r) in {best:.3f} s CPU (best of {repeat}) = "
          f"{n / best:,.0f} lemmas/s")


def check_reader(folder):
    """The reader's lemma index and exception lists against a direct reading of the files."""
    _, _, reader, _ = nltk_lemmatizer(folder)
    files = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
    expected = {}
    for p, name in files.items():
        for line in (folder / f"index.{name}").read_text(encoding="utf-8").split("\n"):
            if line and not line.startswith(" "):
                lemma, pos = line.split()[:2]
                expected.setdefault(lemma, set()).add(pos)
                if pos == "a":
                    expected[lemma].add("s")
    got = {lemma: set(m) for lemma, m in reader._lemma_pos_offset_map.items()}
    assert got == expected, "lemma index differs"
    for p, name in files.items():
        exc = {}
        for line in (folder / f"{name}.exc").read_text(encoding="utf-8").split("\n"):
            if line.strip():
                terms = line.split()
                exc[terms[0]] = terms[1:]
        assert reader._exception_map[p] == exc, f"{name}.exc differs"
    assert reader._exception_map["s"] is reader._exception_map["a"]
    print(f"reader matches {folder}: {len(expected)} lemmas, "
          f"{sum(len(reader._exception_map[p]) for p in files)} exception lines")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out-dir", default=str(ROOT / "tests" / "golden" / "nltk" / "lemmas"))
    ap.add_argument("--sample-every", type=int, default=12)
    ap.add_argument("--wordnet-dir")
    ap.add_argument("--words")
    ap.add_argument("--out")
    ap.add_argument("--time", action="store_true")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--check-reader", action="store_true")
    args = ap.parse_args()
    folder = wordnet_dir(args.wordnet_dir)
    if args.words:
        if not args.out:
            ap.error("--words needs --out")
        lemmatize_file(args.words, args.out, folder)
    elif args.time:
        time_lemmatizer(pathlib.Path(args.data), folder, args.repeat)
    elif args.check_reader:
        check_reader(folder)
    else:
        write_goldens(pathlib.Path(args.data), pathlib.Path(args.out_dir), args.sample_every, folder)


if __name__ == "__main__":
    main()
