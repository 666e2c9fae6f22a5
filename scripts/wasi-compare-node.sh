#!/usr/bin/env bash
# Runs every WASI test program (modules/wasm.wasi/src/test/resources/wasi/programs.tsv)
# under node's WASI (node:wasi, preview1) and under wasmoon, and diffs their stdout
# and exit codes. Each run gets a fresh copy of the sandbox/ template preopened as
# /sandbox, the environment GREETING=hi WASI_TEST=1 and stdin.txt as standard input.
#
# Usage: scripts/wasi-compare-node.sh [--runner wasmoon|java] [--bless]
#   --runner wasmoon  (default) ./wasmoon run --dir HOST::/sandbox --env K=V FILE -- ARGS
#   --runner java     the public Java API on the interpreter (test class WasiProgram, built
#                     with -Dwasmoon.buildDir=$WASMOON_BUILD_DIR, default target-wasi), for
#                     when the launcher has no WASI options yet
#   --bless           also write node's stdout to expected/CASE.stdout (the files the unit
#                     tests compare wasmoon against); review the diff before keeping it
# Exit status: 0 when every case agrees, 1 otherwise.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
wasi=$root/modules/wasm.wasi/src/test/resources/wasi
runner=wasmoon
bless=false
while (($#)); do
  case $1 in
    --runner) runner=${2:?--runner needs wasmoon or java}; shift 2 ;;
    --runner=*) runner=${1#--runner=}; shift ;;
    --bless) bless=true; shift ;;
    *) echo "usage: $0 [--runner wasmoon|java] [--bless]" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null || { echo "wasi-compare-node: node is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

cat >"$work/run.mjs" <<'JS'
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const [wasmPath, sandbox, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: 'preview1',
  args,
  env: { GREETING: 'hi', WASI_TEST: '1' },
  preopens: { '/sandbox': sandbox },
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
JS

if [[ $runner == java ]]; then
  # shellcheck source=lib/find-jdk.sh
  source "$root/scripts/lib/find-jdk.sh"
  wasmoon_find_jdk || exit 2
  build=${WASMOON_BUILD_DIR:-target-wasi}
  cp=$root/modules/wasm.core/$build/classes:$root/modules/wasm.runtime/$build/classes:$root/modules/wasm.wasi/$build/classes:$root/modules/wasm.wasi/$build/test-classes
  [[ -f $root/modules/wasm.wasi/$build/test-classes/wasm/wasi/WasiProgram.class ]] || {
    echo "wasi-compare-node: build first: mvn -o -q -Dwasmoon.buildDir=$build -pl modules/wasm.wasi -am test-compile" >&2
    exit 2
  }
fi

run_wasmoon() { # wasm sandbox argv0 args...
  local wasm=$1 sandbox=$2
  shift 3
  case $runner in
    wasmoon) "$root/wasmoon" run --dir "$sandbox::/sandbox" --env GREETING=hi --env WASI_TEST=1 "$wasm" -- "$@" ;;
    java) "$WASMOON_JDK/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" wasm.wasi.WasiProgram \
            "$wasm" "$sandbox" "$(basename "$wasm" .wasm)" "$@" ;;
    *) echo "unknown runner $runner" >&2; return 2 ;;
  esac
}

failures=0
total=0
while IFS=$'\t' read -r name program expected_exit args; do
  [[ -z $name || $name == \#* ]] && continue
  total=$((total + 1))
  read -r -a argv <<<"${args:-}"
  wasm=$wasi/$program.wasm
  for side in node wasmoon; do
    rm -rf -- "$work/$side-sandbox"
    cp -R -- "$wasi/sandbox" "$work/$side-sandbox"
  done
  set +e
  node --no-warnings "$work/run.mjs" "$wasm" "$work/node-sandbox" "$program" "${argv[@]}" \
    <"$wasi/stdin.txt" >"$work/node.out" 2>"$work/node.err"
  node_exit=$?
  run_wasmoon "$wasm" "$work/wasmoon-sandbox" "$program" "${argv[@]}" \
    <"$wasi/stdin.txt" >"$work/wasmoon.out" 2>"$work/wasmoon.err"
  wasmoon_exit=$?
  set -e
  status=same
  if ! diff -u --label "node $name" --label "wasmoon $name" "$work/node.out" "$work/wasmoon.out" >"$work/diff"; then
    status=DIFFERENT
  fi
  if [[ $node_exit != "$wasmoon_exit" ]]; then
    status=DIFFERENT
  fi
  if ! diff -r "$work/node-sandbox" "$work/wasmoon-sandbox" >"$work/tree.diff" 2>&1; then
    status=DIFFERENT
  fi
  printf '%-14s node exit %-3s wasmoon exit %-3s (expected %s)  %s\n' \
    "$name" "$node_exit" "$wasmoon_exit" "$expected_exit" "$status"
  if [[ $status != same ]]; then
    failures=$((failures + 1))
    cat "$work/diff" "$work/tree.diff"
    sed 's/^/  wasmoon stderr: /' "$work/wasmoon.err" | head -20
  fi
  if [[ $node_exit != "$expected_exit" ]]; then
    echo "  note: node's exit code $node_exit differs from programs.tsv's $expected_exit"
  fi
  if $bless; then
    cp -- "$work/node.out" "$wasi/expected/$name.stdout"
  fi
done <"$wasi/programs.tsv"

echo "wasi-compare-node: $((total - failures))/$total cases agree (runner: $runner)"
((failures == 0))
