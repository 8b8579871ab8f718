#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ (clang, ASan + UBSan), runs each
# on the inputs that once broke it (fuzz/regressions/<target>/), then fuzzes it
# for N seconds (default 60) from its seed corpus under fuzz/corpus/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# New inputs go to build-fuzz/corpus/<target>/ (the committed seeds stay as they
# are); crashes, hangs and sanitizer reports to build-fuzz/artifacts/<target>/.
# Exits 1 when any target found a problem.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
if ! [ "$seconds" -gt 0 ] 2>/dev/null; then
  # libFuzzer takes -max_total_time=0 as "run forever".
  echo "fuzz: SECONDS must be a positive number, not '$seconds'" >&2
  exit 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(sql_replay python revision_sources snapshot_json snapshot_sqlite config saved_run)
fi
dir=${MIGSIM_FUZZ_BUILD:-build-fuzz}
if [ ! -f "$dir/build.ninja" ]; then
  # -O0: the sanitizer build of the whole engine is slow to compile; fuzzing
  # speed matters less than having the targets.
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DMIGSIM_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only" \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only" >/dev/null
fi
cmake --build "$dir" -j2 --target $(printf 'fuzz_%s ' "${targets[@]}")
status=0
for t in "${targets[@]}"; do
  # Inputs that once crashed a target run first, every time.
  if [ -d "fuzz/regressions/$t" ]; then
    if ! LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp" "$dir/fuzz/fuzz_$t" -timeout=10 \
        -rss_limit_mb=2048 fuzz/regressions/$t/* >"$dir/regressions_$t.log" 2>&1; then
      echo "fuzz: $t FAILED on a committed regression input (see $dir/regressions_$t.log)" >&2
      tail -40 "$dir/regressions_$t.log" >&2
      status=1
    fi
  fi
  corpus="$dir/corpus/$t"
  artifacts="$dir/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  if [ -f "fuzz/$t.dict" ]; then dict=(-dict="fuzz/$t.dict"); fi
  echo "fuzz: $t for ${seconds}s" >&2
  if ! LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp" "$dir/fuzz/fuzz_$t" "$corpus" "fuzz/corpus/$t" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -artifact_prefix="$artifacts/" -print_final_stats=1 "${dict[@]}" 2>"$dir/fuzz_$t.log"; then
    echo "fuzz: $t FAILED (see $dir/fuzz_$t.log and $artifacts/)" >&2
    tail -40 "$dir/fuzz_$t.log" >&2
    status=1
  fi
done
exit $status
