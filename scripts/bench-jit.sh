#!/usr/bin/env bash
# JIT benchmark: whole-process wall time (median of N runs) of two workloads
#   examples/benchmark.wasm        (WASI: loops, calls, recursion, call_indirect, memory)
#   examples/loop.wasm --invoke run (two nested i32 loops, ~440 million wasm instructions)
# under three engines:
#   jit     ./wasmoon run ...             (the x86-64 JIT, the default tier)
#   interp  ./wasmoon run --no-jit ...    (the interpreter)
#   node    node scripts/run-node-wasi.mjs / scripts/run-node-invoke.mjs (V8)
# and prints the ratios jit/node and interp/jit. Whole process: JVM start,
# decode, validate and compile are included, as a user sees them.
#
# Usage: scripts/bench-jit.sh [N] [-- BENCHMARK_ARGS...]
#   N defaults to 5; BENCHMARK_ARGS go to benchmark.wasm after "--" (its
#   optional size; default: none, its full size).
# WASMOON=path/to/bin/wasmoon times that launcher instead of ./wasmoon (which
# rebuilds the image first when it is stale).
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
runs=5
if [[ $# -gt 0 && $1 != -- ]]; then
  runs=$1
  shift
fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [-- BENCHMARK_ARGS...]   (N: number of runs, default 5)" >&2
  exit 2
fi
bench_args=()
if [[ $# -gt 0 ]]; then
  [[ $1 == -- ]] || { echo "usage: $0 [N] [-- BENCHMARK_ARGS...]" >&2; exit 2; }
  shift
  bench_args=("$@")
fi
command -v node >/dev/null 2>&1 || { echo "bench: node is not installed" >&2; exit 1; }
# node:wasi prints an "experimental feature" warning on every run.
export NODE_NO_WARNINGS=1

wasmoon=${WASMOON:-./wasmoon}
# Build the image first (if stale) so that no run includes a build.
"$wasmoon" --version >/dev/null

# shellcheck source=lib/timing.sh
source "$root/scripts/lib/timing.sh"
bench_label_format='  %-7s median %7ss  runs: %s\n'

# The three engines must agree before their times mean anything.
check_same() {
  local what=$1 a=$2 b=$3 c=$4
  if [[ $a != "$b" || $a != "$c" ]]; then
    printf 'bench: %s: the engines disagree\n--- jit\n%s\n--- interp\n%s\n--- node\n%s\n' "$what" "$a" "$b" "$c" >&2
    exit 1
  fi
}

ratios() {
  awk -v j="$1" -v i="$2" -v n="$3" \
    'BEGIN { printf "  ratios: jit/node %.2f, interp/jit %.2f, interp/node %.2f\n", j / n, i / j, i / n }'
}

echo "bench: $runs runs each, whole-process wall time in seconds (median)"

echo "examples/benchmark.wasm ${bench_args[*]:+-- ${bench_args[*]}}"
check_same benchmark.wasm \
  "$("$wasmoon" run examples/benchmark.wasm -- "${bench_args[@]}")" \
  "$("$wasmoon" run --no-jit examples/benchmark.wasm -- "${bench_args[@]}")" \
  "$(node scripts/run-node-wasi.mjs examples/benchmark.wasm "${bench_args[@]}")"
bench jit "$wasmoon" run examples/benchmark.wasm -- "${bench_args[@]}"
jit=$last_median
bench interp "$wasmoon" run --no-jit examples/benchmark.wasm -- "${bench_args[@]}"
interp=$last_median
bench node node scripts/run-node-wasi.mjs examples/benchmark.wasm "${bench_args[@]}"
ratios "$jit" "$interp" "$last_median"

echo "examples/loop.wasm --invoke run"
check_same loop.wasm \
  "$("$wasmoon" run examples/loop.wasm --invoke run)" \
  "$("$wasmoon" run --no-jit examples/loop.wasm --invoke run)" \
  "$(node scripts/run-node-invoke.mjs examples/loop.wasm run)"
bench jit "$wasmoon" run examples/loop.wasm --invoke run
jit=$last_median
bench interp "$wasmoon" run --no-jit examples/loop.wasm --invoke run
interp=$last_median
bench node node scripts/run-node-invoke.mjs examples/loop.wasm run
ratios "$jit" "$interp" "$last_median"
