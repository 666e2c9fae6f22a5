#!/usr/bin/env bash
# Start-up benchmark of the runtime image against node on the same trivial module:
# whole-process wall time of
#   bin/wasmoon run examples/fac.wasm --invoke fac --arg 20
#   node scripts/run-node-invoke.mjs examples/fac.wasm fac 20
# runs interleaved (machine drift hits all alike), medians of N and ratios to node:
# the image as shipped (AOT cache, lazy compilation, an empty code cache each run),
# eager compilation, the interpreter (--no-jit), and without the AOT cache
# (-XX:AOTMode=off; the image has no default CDS archive either).
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
command -v node >/dev/null 2>&1 || { echo "bench-startup: node is not installed" >&2; exit 1; }
if [[ -z ${WASMOON:-} ]]; then
  ./wasmoon --version >/dev/null   # builds the image when stale
  WASMOON=$root/target/wasmoon/bin/wasmoon
fi
# shellcheck source=lib/timing.sh
source "$root/scripts/lib/timing.sh"
scratch=$(mktemp -d)
trap 'rm -rf -- "$scratch"' EXIT
export WASMOON_CACHE_DIR=$scratch/cache   # never the user's code cache

args=(run examples/fac.wasm --invoke fac --arg 20)
labels=("wasmoon" "wasmoon --compile=eager" "wasmoon --no-jit" "wasmoon, no AOT cache" "node")
declare -A times
for ((i = 1; i <= runs; i++)); do
  rm -rf "$WASMOON_CACHE_DIR"
  times[0]+=" $(time_once "$WASMOON" "${args[@]}")"
  rm -rf "$WASMOON_CACHE_DIR"
  times[1]+=" $(time_once "$WASMOON" "${args[@]}" --compile=eager)"
  times[2]+=" $(time_once "$WASMOON" "${args[@]}" --no-jit)"
  rm -rf "$WASMOON_CACHE_DIR"
  times[3]+=" $(WASMOON_JAVA_OPTIONS="-XX:AOTMode=off ${WASMOON_JAVA_OPTIONS:-}" time_once "$WASMOON" "${args[@]}")"
  times[4]+=" $(time_once node scripts/run-node-invoke.mjs examples/fac.wasm fac 20)"
done
node_median=$(tr ' ' '\n' <<<"${times[4]}" | grep . | median)
echo "startup: run examples/fac.wasm --invoke fac --arg 20, $runs interleaved runs each (load $(cut -d' ' -f1 /proc/loadavg))"
for k in 0 1 2 3 4; do
  m=$(tr ' ' '\n' <<<"${times[$k]}" | grep . | median)
  printf '%-26s median %6ss  x node %s  runs:%s\n' "${labels[$k]}" "$m" \
    "$(awk -v x="$m" -v y="$node_median" 'BEGIN { printf "%.2f", x / y }')" "${times[$k]}"
done
