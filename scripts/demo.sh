#!/usr/bin/env bash
# Builds migsim if needed and runs its main job on the bundled fixture: the
# status report of the PA-dealing service: its dev and prod environments, from their snapshots.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build >/dev/null
exec build/migsim report --config fixtures/pa_dealing/migsim.toml "$@"
