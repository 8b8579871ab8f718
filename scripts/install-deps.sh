#!/usr/bin/env bash
# Installs what migsim needs to build and test, from Debian 12's archive.
# Idempotent: does nothing when every package is already there.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config clang clang-format
  libpg-query-dev libprotobuf-c-dev libsqlite3-dev libpq-dev postgresql-server-dev-15
  libcli11-dev catch2 libsimdjson-dev libtomlplusplus-dev libabsl-dev
  postgresql-15 python3 python3-psycopg2 python3-alembic sqlite3
  clang-14 libclang-rt-14-dev
  cmark-gfm graphviz
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]} (run as root to install them)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
