#!/bin/sh
# Installs the Debian packages nlp needs. Idempotent: when everything is present it only checks.
#   scripts/install-deps.sh           build dependencies
#   scripts/install-deps.sh --test    plus what the test suite uses (NLTK and scikit-learn for
#                                     the live parity tests, xz for the shared corpora)
#   scripts/install-deps.sh --bench   plus Google Benchmark
# Runs apt-get as root, or through sudo when available.
set -eu

packages="make g++ cmake pkg-config libicu-dev libboost-program-options-dev libfmt-dev rapidjson-dev
  catch2 zlib1g-dev xz-utils curl ca-certificates libstemmer-dev libhunspell-dev hunspell-es wordnet-base"
for arg in "$@"; do
  case "$arg" in
    --test) packages="$packages python3 python3-nltk python3-sklearn python3-stemmer python3-gensim" ;;
    --bench) packages="$packages libbenchmark-dev python3 python3-nltk python3-sklearn python3-stemmer python3-gensim" ;;
    *) echo "install-deps.sh: unknown option $arg (use --test or --bench)" >&2; exit 2 ;;
  esac
done

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *" installed") ;;
    *) missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "install-deps.sh: missing packages:$missing; run as root or install sudo" >&2
  exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
