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

# shellcheck source=lib/timing.sh
source "$root/scripts/lib/timing.sh"
bench_label_format='%-12s median %ss  runs: %s\n'

echo "bench: examples/loop.wasm, $runs runs each, whole-process wall time in seconds"
echo "bench: wasmoon prints $("$wasmoon" run examples/loop.wasm --invoke run --no-jit)," \
  "wasm-interp prints $(wasm-interp examples/loop.wasm --run-all-exports)"
bench wasmoon "$wasmoon" run examples/loop.wasm --invoke run --no-jit
wasmoon_median=$last_median
bench wasm-interp wasm-interp examples/loop.wasm --run-all-exports
interp_median=$last_median
awk -v a="$wasmoon_median" -v b="$interp_median" \
  'BEGIN { printf "ratio wasmoon/wasm-interp: %.2f\n", a / b }'
