#!/usr/bin/env bash
# Compile-time and start-up benchmark of issue 15 (a benchmark, not a test): whole-process
# wall time, peak resident memory and in-process compile times of wasmoon against node 20,
# medians of N interleaved runs (machine drift hits both alike), ratios wasmoon/node.
#
#   (a) trivial module: run examples/fac.wasm --invoke fac --arg 20, whole process
#   (b) cold whole process of a C hello world (all start-up), of the curated workloads (core3,
#       stream, box_easy2, benchmark), of longloop (a long loop in a function called once:
#       on-stack replacement's case) and of the large real programs (scripts/bigprograms/build.sh,
#       when built): first run (an empty code cache each time) and cached run (the cache a first
#       run left), vs node's default mode; plus --no-jit, in every round for hello and once
#       for the large programs (the default tier must not lose)
#   (c) warm in-process compile of every function (wasmoon.cli.CompileBenchmark, 1 thread and all
#       cores; warm = after WARMUP seconds of untimed compiles, default 10: our compiler's steady
#       state in a JVM with C2, as an embedding application runs it)
#       vs V8's TurboFan compiling every function (node --no-liftoff --no-wasm-lazy-compilation)
#       and vs node --no-liftoff as it is by default (lazy: validation only)
#   (d) load and validation (decode + validate) of core3 and the large programs, in process, cold
#       and warm, vs WebAssembly.validate in node; and `wasmoon validate` of the largest, whole
#       process, vs node validating the same file
#   (e) peak resident memory (max RSS) of each run of (a) and (b), vs node's
#
# Usage: scripts/bench-compile.sh [N]          (N runs per measurement, default 5)
#   BEFORE=/path/to/bin/wasmoon adds "before" columns: the same first and cached runs with another image
#   (e.g. one built from main), interleaved with the others.
#   WASMOON=/path/to/bin/wasmoon measures that image instead of ./wasmoon's.
#   SECTIONS="a b c d e" chooses sections (default all).
#   WARMUP=S seconds of untimed rounds before the timed ones of (c) and (d) (default 10).
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: runs per measurement, default 5)" >&2
  exit 2
fi
sections=${SECTIONS:-a b c d e}
warmup=${WARMUP:-10}
command -v node >/dev/null 2>&1 || { echo "bench-compile: node is not installed" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench-compile: /usr/bin/time (GNU time) is needed for peak memory" >&2; exit 1; }
if [[ -z ${WASMOON:-} ]]; then
  ./wasmoon --version >/dev/null   # builds the image when stale
  WASMOON=$root/target/wasmoon/bin/wasmoon
fi
before=${BEFORE:-}
export NODE_NO_WARNINGS=1
scratch=$(mktemp -d)
trap 'rm -rf -- "$scratch"' EXIT
# Never the user's cache: every wasmoon run below names its cache directory.
export WASMOON_CACHE_DIR=$scratch/unused-cache

# measure LABEL CMD...: runs once, appends "wall_s rss_kb cpu_s" to $scratch/LABEL (cpu: user + system,
# all threads; steadier than wall time when other processes load the machine)
measure() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M %U %S' -o "$scratch/time.out" "$@" >/dev/null 2>"$scratch/stderr.out" || {
    echo "bench-compile: failed: $*" >&2
    cat "$scratch/stderr.out" >&2
    exit 1
  }
  tail -1 "$scratch/time.out" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >>"$scratch/$label"
}

# col LABEL FIELD: median of field 1 (wall), 2 (rss) or 3 (cpu) of LABEL's runs
col() {
  awk -v f="$2" '{ print $f }' "$scratch/$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
  awk -v x="$1" -v y="$2" 'BEGIN { if (x == "-" || y == "-" || y == 0) print "-"; else printf "%.2f", x / y }'
}

# fresh_cache NAME: an empty cache directory for one cold run
fresh_cache() {
  local d
  d=$(mktemp -d "$scratch/cache-$1-XXXX")
  echo "$d"
}

big=()
for p in target/bigprograms/sqlite_bench.wasm target/bigprograms/sqlite_bench_O0.wasm; do
  [[ -f $p ]] && big+=("$p")
done

echo "bench-compile: $runs interleaved runs per figure, medians; wasmoon=$WASMOON${before:+, before=$before}"
echo "bench-compile: machine load at start: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; figures are noisy when it is high)"

if [[ " $sections " == *" a "* ]]; then
  echo
  echo "(a) trivial module: run examples/fac.wasm --invoke fac --arg 20 (whole process; wall s, max RSS MB)"
  for ((i = 1; i <= runs; i++)); do
    WASMOON_CACHE_DIR=$(fresh_cache fac) measure fac.w "$WASMOON" run examples/fac.wasm --invoke fac --arg 20
    # the before image as the current one: an empty cache each run
    [[ -n $before ]] && WASMOON_CACHE_DIR=$(fresh_cache fac-before) measure fac.b "$before" run examples/fac.wasm --invoke fac --arg 20
    measure fac.n node scripts/run-node-invoke.mjs examples/fac.wasm fac 20
  done
  printf '  %-8s wall: wasmoon %6s s  node %6s s  ratio %s | cpu: wasmoon %5s s  node %5s s  ratio %s | rss: %s MB / %s MB = %s%s\n' fac \
    "$(col fac.w 1)" "$(col fac.n 1)" "$(ratio "$(col fac.w 1)" "$(col fac.n 1)")" \
    "$(col fac.w 3)" "$(col fac.n 3)" "$(ratio "$(col fac.w 3)" "$(col fac.n 3)")" \
    "$(($(col fac.w 2) / 1024))" "$(($(col fac.n 2) / 1024))" "$(ratio "$(col fac.w 2)" "$(col fac.n 2)")" \
    "${before:+ | before: wall $(col fac.b 1) s ($(ratio "$(col fac.b 1)" "$(col fac.n 1)")), cpu $(col fac.b 3) s ($(ratio "$(col fac.b 3)" "$(col fac.n 3)")), rss $(($(col fac.b 2) / 1024)) MB}"
fi

if [[ " $sections " == *" b "* || " $sections " == *" e "* ]]; then
  echo
  echo "(b)+(e) whole process, cold (empty cache) and cached, vs node default mode: wall s, cpu s (user+sys),"
  echo "        max RSS MB; ratios to node (wall/cpu); before = the BEFORE image's first and cached runs, made alike"
  printf '  %-16s %-13s %-13s %-13s %-13s | %-11s %-11s | %-14s %-14s%s\n' workload "first w/cpu" "cached w/cpu" \
    "node w/cpu" "no-jit w/cpu" "first/node" "cached/node" "rss first/node" "rss cached" \
    "${before:+ | before first w/cpu (/node)  cached w/cpu (/node)  rss first/cached}"
  for w in examples/hello.wasm examples/core3.wasm examples/stream.wasm examples/box_easy2.wasm examples/benchmark.wasm \
    examples/longloop.wasm "${big[@]}"; do
    name=$(basename "$w" .wasm)
    expected=$(node scripts/run-node-wasi.mjs "$w")
    warm=$(fresh_cache "$name-warm")
    out=$(WASMOON_CACHE_DIR=$warm "$WASMOON" run "$w")
    if [[ -n $before ]]; then
      before_warm=$(fresh_cache "$name-before-warm")
      WASMOON_CACHE_DIR=$before_warm "$before" run "$w" >/dev/null
    fi
    if [[ $out != "$expected" ]]; then
      echo "bench-compile: wasmoon prints something else than node for $w" >&2
      exit 1
    fi
    for ((i = 1; i <= runs; i++)); do
      WASMOON_CACHE_DIR=$(fresh_cache "$name") measure "$name.first" "$WASMOON" run "$w"
      WASMOON_CACHE_DIR=$warm measure "$name.cached" "$WASMOON" run "$w"
      if [[ -n $before ]]; then
        WASMOON_CACHE_DIR=$(fresh_cache "$name-before") measure "$name.bfirst" "$before" run "$w"
        WASMOON_CACHE_DIR=$before_warm measure "$name.bcached" "$before" run "$w"
      fi
      measure "$name.node" node scripts/run-node-wasi.mjs "$w"
      if [[ $w == examples/hello.wasm ]]; then
        # the interleaved rounds for the one program whose whole run is the difference
        measure "$name.nojit" "$WASMOON" run --no-jit "$w"
      fi
    done
    nojit=-
    if [[ $w == target/bigprograms/* ]]; then
      measure "$name.nojit" "$WASMOON" run --no-jit "$w"
    fi
    if [[ $w == target/bigprograms/* || $w == examples/hello.wasm ]]; then
      nojit="$(col "$name.nojit" 1)/$(col "$name.nojit" 3)"
    fi
    printf '  %-16s %-13s %-13s %-13s %-13s | %-11s %-11s | %-14s %-14s%s\n' "$name" \
      "$(col "$name.first" 1)/$(col "$name.first" 3)" "$(col "$name.cached" 1)/$(col "$name.cached" 3)" \
      "$(col "$name.node" 1)/$(col "$name.node" 3)" "$nojit" \
      "$(ratio "$(col "$name.first" 1)" "$(col "$name.node" 1)")/$(ratio "$(col "$name.first" 3)" "$(col "$name.node" 3)")" \
      "$(ratio "$(col "$name.cached" 1)" "$(col "$name.node" 1)")/$(ratio "$(col "$name.cached" 3)" "$(col "$name.node" 3)")" \
      "$(($(col "$name.first" 2) / 1024))/$(($(col "$name.node" 2) / 1024))=$(ratio "$(col "$name.first" 2)" "$(col "$name.node" 2)")" \
      "$(($(col "$name.cached" 2) / 1024))=$(ratio "$(col "$name.cached" 2)" "$(col "$name.node" 2)")" \
      "${before:+ | $(col "$name.bfirst" 1)/$(col "$name.bfirst" 3) ($(ratio "$(col "$name.bfirst" 1)" "$(col "$name.node" 1)"))  $(col "$name.bcached" 1)/$(col "$name.bcached" 3) ($(ratio "$(col "$name.bcached" 1)" "$(col "$name.node" 1)"))  $(($(col "$name.bfirst" 2) / 1024))/$(($(col "$name.bcached" 2) / 1024))}"
  done
fi

java_of() {
  echo "$(dirname -- "$(readlink -f -- "$1")")/java"
}

if [[ " $sections " == *" c "* ]]; then
  echo
  echo "(c) warm in-process compile of every function (ms; median of $runs after a cold round and ${warmup} s of warm-up)"
  printf '  %-22s %10s %10s %10s | %12s %10s | %12s\n' module wasmoon/1t "1t CPU" wasmoon/all "V8 TurboFan" ratio \
    "V8 no-liftoff (lazy)"
  for w in examples/core3.wasm examples/stream.wasm examples/box_easy2.wasm examples/benchmark.wasm "${big[@]}"; do
    name=$(basename "$w" .wasm)
    mine=$("$(java_of "$WASMOON")" -m wasmoon.cli/wasmoon.cli.CompileBenchmark --rounds "$runs" --warmup "$warmup" \
      --threads 1 --threads "$(nproc)" "$w")
    one=$(awk '$2 == "compile/1" { print $4 }' <<<"$mine")
    onecpu=$(awk '$2 == "compile/1" { print $5 }' <<<"$mine")
    all=$(awk -v t="compile/$(nproc)" '$2 == t { print $4 }' <<<"$mine")
    tf=$(node --no-liftoff --no-wasm-lazy-compilation scripts/node-compile-time.mjs "$w" "$runs" |
      awk '$2 == "compile" { print $4 }')
    lazy=$(node --no-liftoff scripts/node-compile-time.mjs "$w" "$runs" | awk '$2 == "compile" { print $4 }')
    printf '  %-22s %10s %10s %10s | %12s %10s | %12s\n' "$name" "$one" "$onecpu" "$all" "$tf" "$(ratio "$all" "$tf")" "$lazy"
  done
fi

if [[ " $sections " == *" d "* ]]; then
  echo
  echo "(d) load and validation (decode + validate), in process: ms, cold = the first round, warm = median of"
  echo "    the $runs after ${warmup} s of warm-up; cpu = the thread's, process = the process's CPU (the"
  echo "    collector and the JIT's threads too); with the JVM's defaults and the launcher's options (C1, serial GC);"
  echo "    node: WebAssembly.validate of the same bytes (wall)"
  launcher_jvm="-XX:+UseSerialGC -Xmn32m -XX:SurvivorRatio=4 -XX:-UsePerfData -XX:TieredStopAtLevel=1"
  for w in examples/core3.wasm "${big[@]}"; do
    theirs=$(node scripts/node-compile-time.mjs "$w" "$runs" | awk '$2 == "validate" { print $3, $4 }')
    read -r ncold nwarm <<<"$theirs"
    for jvm in default launcher; do
      opts=()
      [[ $jvm == launcher ]] && read -r -a opts <<<"$launcher_jvm"
      mine=$("$(java_of "$WASMOON")" "${opts[@]}" -m wasmoon.cli/wasmoon.cli.CompileBenchmark --rounds "$runs" \
        --warmup "$warmup" --load-only "$w" | awk '$2 == "decode+validate" { print $3, $4, $5, $6, $7, $8 }')
      read -r cold warm cpu coldcpu pcpu coldpcpu <<<"$mine"
      printf '  %-16s %-8s wasmoon cold %7s (cpu %6s, process %6s) warm %7s (cpu %6s, process %6s) | node cold %6s warm %6s | warm wall ratio %s\n' \
        "$(basename "$w" .wasm)" "$jvm" "$cold" "$coldcpu" "$coldpcpu" "$warm" "$cpu" "$pcpu" "$ncold" "$nwarm" \
        "$(ratio "$warm" "$nwarm")"
    done
  done
  largest=examples/wzip.wasm
  [[ ${#big[@]} -gt 0 ]] && largest=${big[-1]}
  for ((i = 1; i <= runs; i++)); do
    measure validate.w "$WASMOON" validate "$largest"
    measure validate.n node -e 'process.exit(WebAssembly.validate(require("fs").readFileSync(process.argv[1])) ? 0 : 1)' \
      "$largest"
  done
  printf '  whole process, %s: wasmoon validate %s s (cpu %s s) | node %s s (cpu %s s) | ratio wall %s cpu %s\n' \
    "$(basename "$largest" .wasm)" "$(col validate.w 1)" "$(col validate.w 3)" "$(col validate.n 1)" \
    "$(col validate.n 3)" "$(ratio "$(col validate.w 1)" "$(col validate.n 1)")" \
    "$(ratio "$(col validate.w 3)" "$(col validate.n 3)")"
  echo "  (wasmoon run of the large programs, lazy compilation by default: the 'first' column of (b))"
fi
