#!/usr/bin/env bash
# Configures and builds migsim into build/ (or $1 with extra cmake flags after it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
if [ ! -f "$dir/CMakeCache.txt" ] || [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja -DMIGSIM_WERROR=ON "$@" >/dev/null
fi
cmake --build "$dir" -j"$(nproc)"
