#!/usr/bin/env bash
# Metrics-overhead benchmark (a benchmark, not a test): what collecting compile
# metrics costs the JIT's compile pipeline. Runs wasmoon.cli.MetricsOverheadBenchmark
# (in wasmoon.cli's test tree, so the shipped command line does not carry it) on the
# test class path: one module compiled many times, rounds with metrics off (the shared
# no-op recorder) and on alternating, medians and the overhead in percent.
#
# Usage: scripts/bench-metrics-overhead.sh [--rounds N] [--warmup N] [--stopped-clock] [FILE | --generated FUNCTIONS]
#   default: examples/box_easy2.wasm, then a generated module of 2000 functions.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
# shellcheck source=lib/find-jdk.sh
source "$root/scripts/lib/find-jdk.sh"
wasmoon_find_jdk || exit 1

# Compile the modules and wasmoon.cli's tests, and write its test class path (the reactor's
# target/classes directories, no installed artifacts). Maven's output goes to a log shown
# only when the build fails.
cli=$root/modules/wasmoon.cli/target
mkdir -p "$cli"
log=$cli/bench-metrics-overhead-build.log
echo "bench: compiling (mvn test-compile; log: $log) ..." >&2
if ! JAVA_HOME=$WASMOON_JDK mvn -B -Dstyle.color=never -Dwasmoon.image.skip=true \
    -pl modules/wasmoon.cli -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath >"$log" 2>&1; then
  cat "$log" >&2
  echo "bench: the build failed (log above: $log)" >&2
  exit 1
fi
classpath=$cli/test-classes:$cli/classes:$(cat "$cli/benchmark.classpath")

run() {
  "$WASMOON_JDK/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" \
    wasmoon.cli.MetricsOverheadBenchmark "$@"
}

if [[ $# -gt 0 ]]; then
  run "$@"
else
  # Warm-up rounds let HotSpot compile the pipeline before anything is measured.
  run --rounds 100 --warmup 50 examples/box_easy2.wasm
  run --rounds 20 --warmup 5 --generated 2000
fi
