#!/usr/bin/env bash
# The differential fuzzing campaign by hand (docs/fuzzing.md): modules from binaryen's
# translate-to-fuzz mode and from wasmoon's own generator, run under node (V8) and under
# wasmoon (interpreter, JIT at -O0/-O1/-O2) in child processes per batch; mismatches, JVM
# crashes and hangs are reduced with wasm-reduce and written as regression scripts to
# spec/fuzz/. Prints a progress line every --progress modules and the figures at the end.
#
# Usage: scripts/fuzz.sh [--seed N] [--modules N] [--batch N] [--sources ttf,gen]
#                        [--features sign-ext,...] [--simd SHARE] [--configs interp,jit-O0,jit-O1,jit-O2]
#                        [--work DIR] [--no-reduce] [--regressions DIR] [--progress N]
# Builds the test classes first into $WASMOON_FUZZ_BUILD_DIR (default target-fuzz), so a
# long campaign does not share class files with an ordinary build. Run long campaigns
# niced: nice -n 19 scripts/fuzz.sh --modules 100000
# Exit status: 0 when nothing was found, 1 otherwise, 2 on usage errors or a failed build.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=lib/find-jdk.sh
source "$root/scripts/lib/find-jdk.sh"
wasmoon_find_jdk || exit 2
for tool in node wasm-opt wasm-reduce; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool is not installed (node; binaryen for wasm-opt, wasm-reduce)" >&2; exit 2; }
done
build=${WASMOON_FUZZ_BUILD_DIR:-target-fuzz}
echo "fuzz: compiling into $build ..." >&2
# Maven's output (colour escape codes even with -B -q on some Maven builds) goes to a log,
# shown without the escapes only when the build fails, as the wasmoon launcher does.
mkdir -p "$root/$build"
log=$root/$build/fuzz-build.log
if ! (cd "$root" && JAVA_HOME=$WASMOON_JDK mvn -B -q -Dstyle.color=never -Dwasmoon.buildDir="$build" \
  -pl modules/wasmoon.cli -am test-compile) >"$log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
  echo "fuzz: the build failed (the Maven log above is $log)" >&2
  exit 2
fi
cp=$root/modules/wasmoon.cli/$build/test-classes
for m in wasmoon.cli wasm.core wasm.ir wasm.opt wasm.backend wasm.runtime perf.metrics; do
  cp=$cp:$root/modules/$m/$build/classes
done
cd "$root"
exec "$WASMOON_JDK/bin/java" --enable-native-access=ALL-UNNAMED -Xss16m -cp "$cp" \
  wasmoon.cli.fuzz.FuzzCampaign --work "$root/$build/fuzz" "$@"
