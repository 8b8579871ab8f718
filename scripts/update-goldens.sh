#!/usr/bin/env bash
# Rewrites the golden outputs under tests/golden/ (listed in tests/golden/manifest.txt)
# from the current build. Read `git diff tests/golden` before committing: a golden
# records what users see, so a wrong line is fixed in the code, not in the golden.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build >/dev/null
MIGSIM_UPDATE_GOLDEN=1 build/tests/migsim_tests "[golden]"
git --no-pager diff --stat -- tests/golden
git status --short -- tests/golden
