#!/usr/bin/env bash
# Start-up benchmark of the runtime image: whole-process wall time of
#   bin/wasmoon run examples/fac.wasm --invoke fac --arg 10
# with the image's AOT cache (lib/wasmoon.aot, as shipped) and without it
# (-XX:AOTMode=off; the image has no default CDS archive either), and with the
# cache in the interpreter tier (--no-jit: no JIT compile in the measurement).
# Prints every run and the median of N runs of each.
#
# Usage: scripts/bench-startup.sh [N]     (N defaults to 10)
# WASMOON=path/to/bin/wasmoon times that launcher instead of ./wasmoon's image.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
runs=${1:-10}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: number of runs, default 10)" >&2
  exit 2
fi
if [[ -z ${WASMOON:-} ]]; then
  ./wasmoon --version >/dev/null   # builds the image when stale
  WASMOON=$root/target/wasmoon/bin/wasmoon
fi

time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

bench() {
  local label=$1 times=() median
  shift
  for ((i = 1; i <= runs; i++)); do
    times+=("$(time_ms "$@")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '%-14s median %5s ms  runs: %s\n' "$label" "$median" "${times[*]}"
}

echo "startup: $WASMOON run examples/fac.wasm --invoke fac --arg 10, $runs runs each"
bench "AOT cache" "$WASMOON" run examples/fac.wasm --invoke fac --arg 10
bench "AOT, --no-jit" "$WASMOON" run examples/fac.wasm --invoke fac --arg 10 --no-jit
WASMOON_JAVA_OPTIONS="-XX:AOTMode=off ${WASMOON_JAVA_OPTIONS:-}" \
  bench "no AOT cache" "$WASMOON" run examples/fac.wasm --invoke fac --arg 10
