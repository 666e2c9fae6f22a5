#!/usr/bin/env bash
# Metrics-overhead benchmark (a benchmark, not a test): what collecting compile
# metrics costs the JIT's compile pipeline. Runs wasmoon.cli.MetricsOverheadBenchmark
# in the runtime image's JVM: one module compiled many times, rounds with
# metrics off (the shared no-op recorder) and on alternating, medians and the
# overhead in percent.
#
# Usage: scripts/bench-metrics-overhead.sh [--rounds N] [--warmup N] [FILE | --generated FUNCTIONS]
#   default: examples/box_easy2.wasm, then a generated module of 2000 functions.
# WASMOON=path/to/bin/wasmoon uses that image (its bin/java) instead of ./wasmoon's.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
wasmoon=${WASMOON:-./wasmoon}
# Build the image first (if stale).
"$wasmoon" --version >/dev/null
if [[ $wasmoon == ./wasmoon ]]; then
  java=$root/target/wasmoon/bin/java
else
  java=$(dirname -- "$(readlink -f -- "$wasmoon")")/java
fi
[[ -x $java ]] || { echo "bench: no java beside the launcher: $java" >&2; exit 1; }

run() {
  "$java" -m wasmoon.cli/wasmoon.cli.MetricsOverheadBenchmark "$@"
}

if [[ $# -gt 0 ]]; then
  run "$@"
else
  # Warm-up rounds let HotSpot compile the pipeline before anything is measured.
  run --rounds 100 --warmup 50 examples/box_easy2.wasm
  run --rounds 20 --warmup 5 --generated 2000
fi
