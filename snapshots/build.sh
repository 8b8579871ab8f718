#!/usr/bin/env bash
# Builds every bundled snapshot's SQLite file from its reviewed JSON source:
#   snapshots/build.sh [MIGSIM [OUTDIR]]   (defaults: build/migsim, build/snapshots)
# The .sqlite files are build products and never committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
migsim=${1:-$here/../build/migsim}
out=${2:-$here/../build/snapshots}
mkdir -p "$out"
for json in "$here"/*.json; do
  name=$(basename "$json" .json)
  "$migsim" snapshot import "$json" -o "$out/$name.sqlite"
  echo "built $out/$name.sqlite"
done
