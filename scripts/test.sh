#!/bin/sh
# Installs what is needed, builds with warnings as errors and runs the whole test suite.
# Parity tests use ../shared/data when it is present next to the repository and are reported as
# skipped otherwise.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh" -DNLP_BUILD_TESTS=ON -DNLP_WERROR=ON
cd "$root/build"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
