#!/usr/bin/env bash
# Run-phase benchmark against V8's optimizing tier: for the float workloads
# (matmul, nbody) and the curated ones (core3, stream, box_easy2, benchmark),
# the time of the program's own run after compilation, of wasmoon and of
# `node --no-liftoff --no-wasm-lazy-compilation` (TurboFan only, every function
# compiled before the run) on the same .wasm, runs interleaved; medians,
# the wasmoon/node ratio per workload and geometric means of the ratios.
#
# Run phase: wasmoon's `run --verbose` line "invoked _start in N ms" (the JIT
# compiles every function at instantiation, before it); node's
# scripts/run-node-wasi.mjs with RUN_PHASE_TIMING=1 (the time of wasi.start).
# JVM start, decoding, validation and compilation are excluded on both sides:
# scripts/bench-ab.sh and bench-jit.sh time whole processes instead.
#
# Usage: scripts/bench-peers.sh [N] [WORKLOAD...]   (N runs each, default 5)
# WASMOON=path/to/bin/wasmoon times that launcher instead of ./wasmoon (which
# rebuilds the image first when it is stale), e.g. an image of an older commit.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
runs=5
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  runs=$1
  shift
fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [WORKLOAD...]   (N: a positive number of runs, default 5)" >&2
  exit 2
fi
workloads=("$@")
if [[ ${#workloads[@]} -eq 0 ]]; then
  workloads=(matmul nbody core3 stream box_easy2 benchmark)
fi
command -v node >/dev/null 2>&1 || { echo "bench-peers: node is not installed" >&2; exit 1; }
export NODE_NO_WARNINGS=1
wasmoon=${WASMOON:-./wasmoon}
# Build the image first (if stale) so that no run includes a build.
"$wasmoon" --version >/dev/null
# shellcheck source=lib/timing.sh
source "$root/scripts/lib/timing.sh"
node_flags=(--no-liftoff --no-wasm-lazy-compilation)

# The run phase of one wasmoon run, in seconds (its stdout discarded).
wasmoon_run() {
  local err
  err=$("$wasmoon" run --verbose "$1" 2>&1 >/dev/null) || { echo "bench-peers: wasmoon failed on $1:" >&2; echo "$err" >&2; exit 1; }
  sed -n 's/^wasmoon: invoked .* in \([0-9.]*\) ms$/\1/p' <<<"$err" | awk '{ printf "%.4f\n", $1 / 1000 }'
}

# The run phase of one node run, in seconds.
node_run() {
  local err
  err=$(RUN_PHASE_TIMING=1 node "${node_flags[@]}" scripts/run-node-wasi.mjs "$1" 2>&1 >/dev/null) \
    || { echo "bench-peers: node failed on $1:" >&2; echo "$err" >&2; exit 1; }
  sed -n 's/^run phase: \([0-9.]*\) ms$/\1/p' <<<"$err" | awk '{ printf "%.4f\n", $1 / 1000 }'
}

echo "bench-peers: $wasmoon vs node ${node_flags[*]}, $runs interleaved runs each, run phase in seconds (median)"
printf '%-10s %9s %9s %7s\n' workload wasmoon node ratio
ratios=()
for w in "${workloads[@]}"; do
  wasm=examples/$w.wasm
  [[ -f $wasm ]] || { echo "bench-peers: no $wasm" >&2; exit 1; }
  if [[ $("$wasmoon" run "$wasm") != "$(node scripts/run-node-wasi.mjs "$wasm")" ]]; then
    echo "bench-peers: wasmoon and node print different things for $wasm" >&2
    exit 1
  fi
  tw=() tn=()
  for ((i = 1; i <= runs; i++)); do
    tw+=("$(wasmoon_run "$wasm")")
    tn+=("$(node_run "$wasm")")
  done
  mw=$(printf '%s\n' "${tw[@]}" | median)
  mn=$(printf '%s\n' "${tn[@]}" | median)
  ratio=$(awk -v x="$mw" -v y="$mn" 'BEGIN { printf "%.2f", x / y }')
  ratios+=("$w:$ratio")
  printf '%-10s %9s %9s %7s   wasmoon runs: %s; node runs: %s\n' "$w" "$mw" "$mn" "${ratio}x" "${tw[*]}" "${tn[*]}"
done
geomean() {
  awk '{ s += log($1); n++ } END { if (n) printf "%.2fx (%d workloads)", exp(s / n), n; else printf "-" }'
}
floats=$(printf '%s\n' "${ratios[@]}" | awk -F: '$1 == "matmul" || $1 == "nbody" { print $2 }' | geomean)
ints=$(printf '%s\n' "${ratios[@]}" | awk -F: '$1 != "matmul" && $1 != "nbody" { print $2 }' | geomean)
all=$(printf '%s\n' "${ratios[@]}" | awk -F: '{ print $2 }' | geomean)
echo "geometric mean of wasmoon/node: float $floats, integer $ints, all $all"
