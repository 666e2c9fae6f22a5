#!/usr/bin/env bash
# Interpreter benchmark: whole-process wall time of
#   ./wasmoon run examples/loop.wasm --invoke run --no-jit
# beside wabt's interpreter
#   wasm-interp examples/loop.wasm --run-all-exports
# (wasm-interp 1.0.32 has no --run-export; loop.wasm exports only `run`).
# Prints every run and the median of N runs of each, then the ratio.
#
# Usage: scripts/bench-interpreter.sh [N]     (N defaults to 5)
# WASMOON=path/to/bin/wasmoon times that launcher instead of ./wasmoon (which
# rebuilds the image first when it is stale).
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: number of runs, default 5)" >&2
  exit 2
fi
command -v wasm-interp >/dev/null 2>&1 || { echo "bench: wasm-interp (wabt) is not installed" >&2; exit 1; }

wasmoon=${WASMOON:-./wasmoon}
# Build the image first (if stale) so that no run includes a build.
"$wasmoon" --version >/dev/null

# Runs "$@" once with stdout discarded; prints the wall time in seconds.
time_once() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs "$@" $runs times, prints the runs and their median; leaves the median in $last_median.
bench() {
  local label=$1 times=() t
  shift
  for ((i = 1; i <= runs; i++)); do
    t=$(time_once "$@")
    times+=("$t")
  done
  last_median=$(printf '%s\n' "${times[@]}" | median)
  printf '%-12s median %ss  runs: %s\n' "$label" "$last_median" "${times[*]}"
}

echo "bench: examples/loop.wasm, $runs runs each, whole-process wall time in seconds"
echo "bench: wasmoon prints $("$wasmoon" run examples/loop.wasm --invoke run --no-jit)," \
  "wasm-interp prints $(wasm-interp examples/loop.wasm --run-all-exports)"
bench wasmoon "$wasmoon" run examples/loop.wasm --invoke run --no-jit
wasmoon_median=$last_median
bench wasm-interp wasm-interp examples/loop.wasm --run-all-exports
interp_median=$last_median
awk -v a="$wasmoon_median" -v b="$interp_median" \
  'BEGIN { printf "ratio wasmoon/wasm-interp: %.2f\n", a / b }'
