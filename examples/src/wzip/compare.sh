#!/usr/bin/env bash
# Runs every wzip case (modules/wasmoon.cli/src/test/resources/realprog/cases.tsv)
# under node (node:wasi, run-node.mjs), wasmoon's JIT and wasmoon's interpreter
# (--no-jit), each in a fresh copy of the sandbox/ template preopened as /w, and
# compares stdout, stderr, the exit code and the tree left behind (paths and SHA-256).
#
# Usage: examples/src/wzip/compare.sh [--bless] [--time]
#   --bless  write node's results to realprog/expected/ (what RealProgramTest checks)
#   --time   also print each side's whole-process wall time
# Environment: WASMOON (default ./wasmoon at the repository root). While sources are
# being edited ./wasmoon rebuilds its image first and says so on stderr, which then
# differs from node's; point WASMOON at a copy of target/wasmoon/bin/wasmoon instead.
# Exit status: 0 when all three agree on every case.
set -euo pipefail

here=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd -- "$here/../../.." && pwd)
res=$root/modules/wasmoon.cli/src/test/resources/realprog
wasm=$root/examples/wzip.wasm
wasmoon=${WASMOON:-$root/wasmoon}
bless=false
timing=false
for a in "$@"; do
  case $a in
    --bless) bless=true ;;
    --time) timing=true ;;
    *) echo "usage: $0 [--bless] [--time]" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null || { echo "compare: node is not installed" >&2; exit 2; }
[[ -f $wasm ]] || { echo "compare: $wasm is missing (run examples/src/wzip/build.sh)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# The tree as RealProgramTest lists it: sorted paths, "DIR/" or "SHA256  FILE".
tree() {
  (cd "$1" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort | while IFS= read -r p; do
    if [[ -d $p ]]; then echo "$p/"; else echo "$(sha256sum <"$p" | cut -d' ' -f1)  $p"; fi
  done)
}

failures=0
while IFS=$'\t' read -r name exit_code envs args; do
  [[ -z $name || $name == \#* ]] && continue
  read -r -a argv <<<"${args:-}"
  env_node=()
  env_wasmoon=()
  if [[ $envs != - ]]; then
    for kv in $envs; do
      env_node+=("$kv")
      env_wasmoon+=(--env "$kv")
    done
  fi
  line="$name:"
  for side in node jit nojit; do
    box=$work/$side
    rm -rf -- "$box"
    cp -R -- "$res/sandbox" "$box"
    start=$(date +%s.%N)
    set +e
    case $side in
      node) node --no-warnings "$here/run-node.mjs" "$wasm" "$box" /w "${env_node[@]}" -- "${argv[@]}" ;;
      jit) "$wasmoon" run "$wasm" --dir "$box::/w" "${env_wasmoon[@]}" -- "${argv[@]}" ;;
      nojit) "$wasmoon" run "$wasm" --no-jit --dir "$box::/w" "${env_wasmoon[@]}" -- "${argv[@]}" ;;
    esac >"$work/$side.out" 2>"$work/$side.err" </dev/null
    echo $? >"$work/$side.exit"
    set -e
    end=$(date +%s.%N)
    tree "$box" >"$work/$side.tree"
    $timing && line+=" $side $(printf '%.2f' "$(echo "$end - $start" | bc)")s"
  done
  status=same
  for side in jit nojit; do
    for f in out err exit tree; do
      if ! diff -u --label "node $name.$f" --label "$side $name.$f" "$work/node.$f" "$work/$side.$f"; then
        status=DIFFERENT
      fi
    done
  done
  [[ $(cat "$work/node.exit") == "$exit_code" ]] || { echo "  node's exit $(cat "$work/node.exit") is not cases.tsv's $exit_code"; status=DIFFERENT; }
  echo "$line exit $(cat "$work/node.exit") $status"
  [[ $status == same ]] || failures=$((failures + 1))
  if $bless; then
    cp -- "$work/node.out" "$res/expected/$name.stdout"
    cp -- "$work/node.err" "$res/expected/$name.stderr"
    cp -- "$work/node.tree" "$res/expected/$name.tree"
  fi
done <"$res/cases.tsv"
echo "compare: $failures case(s) differ"
((failures == 0))
