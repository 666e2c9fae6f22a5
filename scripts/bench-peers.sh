#!/usr/bin/env bash
# Run-phase benchmark against V8's optimizing tier: for the float workloads
# (matmul, nbody), the SIMD one (imgfilter) and the curated ones (core3, stream,
# box_easy2, benchmark),
# the time of the program's own run after compilation, of wasmoon and of
# `node --no-liftoff --no-wasm-lazy-compilation` (TurboFan only, every function
# compiled before the run) on the same .wasm, runs interleaved; medians,
# the wasmoon/node ratio per workload and geometric means of the ratios.
#
# Run phase: wasmoon's `run --verbose` line "invoked _start in N ms (cpu M ms,
# wasm thread T ms)" (with every function compiled before it); node's
# scripts/run-node-wasi.mjs with RUN_PHASE_TIMING=1 ("run phase: N ms (cpu M ms)",
# around wasi.start). JVM start, decoding, validation and compilation are
# excluded on both sides: scripts/bench-ab.sh and bench-jit.sh time whole
# processes instead. Wall time and CPU time are reported; the ratios use CPU
# time (wasmoon: the thread wasm runs on, leaving out the JVM's compiler and GC
# threads; node: the process, whose wasm runs on its main thread), which a busy
# machine (other builds preempting the benchmark) disturbs far less than wall time.
#
# Usage: scripts/bench-peers.sh [N] [WORKLOAD...]   (N runs each, default 5)
# WASMOON=path/to/bin/wasmoon times that launcher instead of ./wasmoon (which
# rebuilds the image first when it is stale), e.g. an image of an older commit.
# wasmoon runs with WASMOON_RUN_OPTIONS (default "--compile=eager --cache=off":
# every function compiled before the run, as node's are; set it empty for an
# image older than those options, which always compiled eagerly).
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
  workloads=(matmul nbody imgfilter core3 stream box_easy2 benchmark)
fi
command -v node >/dev/null 2>&1 || { echo "bench-peers: node is not installed" >&2; exit 1; }
export NODE_NO_WARNINGS=1
wasmoon=${WASMOON:-./wasmoon}
# Build the image first (if stale) so that no run includes a build.
"$wasmoon" --version >/dev/null
# shellcheck source=lib/timing.sh
source "$root/scripts/lib/timing.sh"
node_flags=(--no-liftoff --no-wasm-lazy-compilation)
read -r -a run_opts <<<"${WASMOON_RUN_OPTIONS---compile=eager --cache=off}"

# The run phase of one wasmoon run: "WALL CPU" in seconds (its stdout discarded).
wasmoon_run() {
  local err line
  err=$("$wasmoon" run "${run_opts[@]}" --verbose "$1" 2>&1 >/dev/null) || { echo "bench-peers: wasmoon failed on $1:" >&2; echo "$err" >&2; exit 1; }
  line=$(sed -n 's/^wasmoon: invoked .* in \([0-9.]*\) ms (cpu [0-9.]* ms, wasm thread \([0-9.]*\) ms)$/\1 \2/p' <<<"$err")
  [[ -n $line ]] || { echo "bench-peers: no run-phase line from $wasmoon (too old for cpu times?):" >&2; echo "$err" >&2; exit 1; }
  awk '{ printf "%.4f %.4f\n", $1 / 1000, $2 / 1000 }' <<<"$line"
}

# The run phase of one node run: "WALL CPU" in seconds.
node_run() {
  local err
  err=$(RUN_PHASE_TIMING=1 node "${node_flags[@]}" scripts/run-node-wasi.mjs "$1" 2>&1 >/dev/null) \
    || { echo "bench-peers: node failed on $1:" >&2; echo "$err" >&2; exit 1; }
  sed -n 's/^run phase: \([0-9.]*\) ms (cpu \([0-9.]*\) ms)$/\1 \2/p' <<<"$err" | awk '{ printf "%.4f %.4f\n", $1 / 1000, $2 / 1000 }'
}

echo "bench-peers: $wasmoon vs node ${node_flags[*]}, $runs interleaved runs each, run phase in seconds (median)"
printf '%-10s %9s %9s %7s %10s %9s %7s\n' workload 'cpu:wasm' node ratio 'wall:wasm' node ratio
ratios=()
for w in "${workloads[@]}"; do
  wasm=examples/$w.wasm
  [[ -f $wasm ]] || { echo "bench-peers: no $wasm" >&2; exit 1; }
  if [[ $("$wasmoon" run "${run_opts[@]}" "$wasm") != "$(node scripts/run-node-wasi.mjs "$wasm")" ]]; then
    echo "bench-peers: wasmoon and node print different things for $wasm" >&2
    exit 1
  fi
  ww=() wc=() nw=() nc=()
  for ((i = 1; i <= runs; i++)); do
    read -r a b <<<"$(wasmoon_run "$wasm")"
    ww+=("$a") wc+=("$b")
    read -r a b <<<"$(node_run "$wasm")"
    nw+=("$a") nc+=("$b")
  done
  mwc=$(printf '%s\n' "${wc[@]}" | median)
  mnc=$(printf '%s\n' "${nc[@]}" | median)
  mww=$(printf '%s\n' "${ww[@]}" | median)
  mnw=$(printf '%s\n' "${nw[@]}" | median)
  ratio=$(awk -v x="$mwc" -v y="$mnc" 'BEGIN { printf "%.2f", x / y }')
  wall=$(awk -v x="$mww" -v y="$mnw" 'BEGIN { printf "%.2f", x / y }')
  ratios+=("$w:$ratio")
  printf '%-10s %9s %9s %7s %10s %9s %7s\n' "$w" "$mwc" "$mnc" "${ratio}x" "$mww" "$mnw" "${wall}x"
  printf '           cpu runs: wasmoon %s; node %s\n' "${wc[*]}" "${nc[*]}"
done
geomean() {
  awk '{ s += log($1); n++ } END { if (n) printf "%.2fx (%d workloads)", exp(s / n), n; else printf "-" }'
}
floats=$(printf '%s\n' "${ratios[@]}" | awk -F: '$1 == "matmul" || $1 == "nbody" { print $2 }' | geomean)
simd=$(printf '%s\n' "${ratios[@]}" | awk -F: '$1 == "imgfilter" { print $2 }' | geomean)
ints=$(printf '%s\n' "${ratios[@]}" | awk -F: '$1 != "matmul" && $1 != "nbody" && $1 != "imgfilter" { print $2 }' | geomean)
all=$(printf '%s\n' "${ratios[@]}" | awk -F: '{ print $2 }' | geomean)
echo "geometric mean of wasmoon/node (cpu): float $floats, simd $simd, integer $ints, all $all"
