#!/usr/bin/env python3
"""Times scikit-learn's vectorizers on a corpus, for comparison with nlp's (the hidden timing
tests of tests/unit/vectorize/vectorizer_bench_test.cpp run the same cases).

usage: /usr/bin/time -f "%e s wall, %M KB max RSS" /usr/bin/python3 bench/cmd/sklearn_vectorize_time.py
           ../shared/data/corpora/en/eltec-eng.txt.xz tfidf1|tfidf12|charwb24|hashing

The file (.xz decompressed) is split on "\\n" (a trailing empty line dropped), one document per
line; the script prints the matrix shape, the seconds fit_transform took and the peak memory
it added to what the process held before it (Linux: the peak is reset through
/proc/self/clear_refs, then read from VmHWM), as the nlp timing tests do.
"""
import lzma
import pathlib
import sys
import time

from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer

CASES = {
    "tfidf1": lambda: TfidfVectorizer(),
    "tfidf12": lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2),
    "charwb24": lambda: CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)),
    "hashing": lambda: HashingVectorizer(),
}


def memory_kb():
    """Resident and peak resident memory (VmRSS, VmHWM) in KB."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def main():
    path, case = pathlib.Path(sys.argv[1]), sys.argv[2]
    data = lzma.decompress(path.read_bytes()) if path.name.endswith(".xz") else path.read_bytes()
    docs = data.decode("utf-8").split("\n")
    if docs and docs[-1] == "":
        docs.pop()
    del data
    vectorizer = CASES[case]()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    before = memory_kb()[0]
    start = time.perf_counter()
    x = vectorizer.fit_transform(docs)
    seconds = time.perf_counter() - start
    peak = memory_kb()[1]
    print(f"{case}: {x.shape[0]} x {x.shape[1]}, {x.nnz} stored values, {seconds:.2f} s, "
          f"peak {(peak - before) // 1024} MB above the {before // 1024} MB before")


if __name__ == "__main__":
    main()
