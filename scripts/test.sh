#!/usr/bin/env bash
# Installs the dependencies, builds migsim twice (optimised, and with the
# address and undefined-behaviour sanitizers) and runs every test in both, then
# fuzzes every reader for a bounded time (MIGSIM_FUZZ_SECONDS per target,
# default 25; 0 skips it) and fails on any crash, hang or sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
(cd build && ctest --output-on-failure -j2)
scripts/build.sh build-asan -DMIGSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
# libpg_query leaks one byte per parser start (pg_query_raw_parse); that stack alone is suppressed.
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/../fuzz/lsan.supp ctest --output-on-failure -j2 -LE "fuzz|bench")
fuzz_seconds=${MIGSIM_FUZZ_SECONDS:-25}
if [ "$fuzz_seconds" -gt 0 ]; then
  scripts/fuzz.sh "$fuzz_seconds"
fi
