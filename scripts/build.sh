#!/bin/sh
# Configures and builds nlp in build/ (Release). Extra arguments go to cmake's configure step,
# e.g. scripts/build.sh -DNLP_BUILD_BENCH=ON.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$root/build" -j "$jobs"
