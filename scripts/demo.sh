#!/usr/bin/env bash
# Builds migsim if needed and runs it on the bundled fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build >/dev/null
exec build/migsim replay --schema fixtures/demo/base.sql fixtures/demo/upgrade.sql
