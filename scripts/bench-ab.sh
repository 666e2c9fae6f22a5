#!/usr/bin/env bash
# A/B benchmark of two wasmoon builds on the curated workloads: whole-process
# wall time of `LAUNCHER run examples/W.wasm` for W in core3, stream, box_easy2,
# benchmark, runs of A, B and node interleaved (so machine drift hits all three
# alike), and the median of N runs of each with the B/A ratio.
#
# Usage: scripts/bench-ab.sh A_LAUNCHER B_LAUNCHER [N]     (N defaults to 7)
#   e.g. an image built from an older commit against the current one:
#   git archive OLD | tar -x -C /tmp/old && (cd /tmp/old && mvn -o -q package -DskipTests)
#   scripts/bench-ab.sh /tmp/old/target/wasmoon/bin/wasmoon target/wasmoon/bin/wasmoon
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 A_LAUNCHER B_LAUNCHER [N]   (N: runs of each, default 7)" >&2
  exit 2
fi
a=$1
b=$2
runs=${3:-7}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 A_LAUNCHER B_LAUNCHER [N]   (N: a positive number of runs)" >&2
  exit 2
fi
for launcher in "$a" "$b"; do
  [[ -x $launcher ]] || { echo "bench-ab: not an executable launcher: $launcher" >&2; exit 1; }
done
command -v node >/dev/null 2>&1 || { echo "bench-ab: node is not installed" >&2; exit 1; }
export NODE_NO_WARNINGS=1
# shellcheck source=lib/timing.sh
source "$root/scripts/lib/timing.sh"

echo "bench-ab: A=$a"
echo "bench-ab: B=$b"
echo "bench-ab: $runs interleaved runs each, whole-process wall time in seconds (median)"
for w in core3 stream box_easy2 benchmark; do
  wasm=examples/$w.wasm
  expected=$(node scripts/run-node-wasi.mjs "$wasm")
  for launcher in "$a" "$b"; do
    if [[ $("$launcher" run "$wasm") != "$expected" ]]; then
      echo "bench-ab: $launcher prints something else than node for $wasm" >&2
      exit 1
    fi
  done
  ta=() tb=() tn=()
  for ((i = 1; i <= runs; i++)); do
    ta+=("$(time_once "$a" run "$wasm")")
    tb+=("$(time_once "$b" run "$wasm")")
    tn+=("$(time_once node scripts/run-node-wasi.mjs "$wasm")")
  done
  ma=$(printf '%s\n' "${ta[@]}" | median)
  mb=$(printf '%s\n' "${tb[@]}" | median)
  mn=$(printf '%s\n' "${tn[@]}" | median)
  printf '%-10s A %6ss  B %6ss  node %6ss  B/A %s  B/node %s\n' "$w" "$ma" "$mb" "$mn" \
    "$(awk -v x="$mb" -v y="$ma" 'BEGIN { printf "%.2f", x / y }')" \
    "$(awk -v x="$mb" -v y="$mn" 'BEGIN { printf "%.2f", x / y }')"
  printf '           A runs: %s\n           B runs: %s\n' "${ta[*]}" "${tb[*]}"
done
