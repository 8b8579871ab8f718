#!/usr/bin/env bash
# Builds migsim if needed and runs its main job on the bundled fixture: the
# upgrade plan of the PA-dealing service's dev environment, from its snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build >/dev/null
exec build/migsim plan --config fixtures/pa_dealing/migsim.toml --env dev "$@"
