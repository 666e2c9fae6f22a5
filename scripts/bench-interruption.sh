#!/usr/bin/env bash
# What interruption polls and fuel metering cost in the JIT (a benchmark, not a test).
# Three configurations of the same launcher on the curated workloads:
#   off    -Dwasmoon.polls=off: loops without polls (function entries check the stack
#          limit as they always did): the code from before interruption existed
#   polls  the default: every loop back edge also compares rsp with the stack limit
#   fuel   --fuel (a huge budget): polls plus a fuel decrement on every function entry and
#          back edge, compiled without inlining
# Wall time: the run phase alone ("invoked" of --verbose; eager compile and no code
# cache, so no compiling falls into it), N runs per configuration interleaved run by
# run so that the machine's load hits all three alike; prints medians, the spread
# (min..max) and the ratios to "off", and the load average before and after.
# With --instructions, instead: the instructions executed in JIT code per workload
# (scripts/bench-jit-instructions.sh under callgrind, small sizes), off (A), polls
# (B) and fuel (C), with B/A and C/A: deterministic, so it shows the cost where a
# loaded machine's wall time cannot.
#
# Usage: scripts/bench-interruption.sh [N] [--instructions [--only WORKLOAD]...]
#   N: runs, default 5; --only (with --instructions) limits the callgrind runs
# WASMOON=path/to/bin/wasmoon times that launcher instead of ./wasmoon.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
runs=5
instructions=false
only=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --instructions) instructions=true; shift ;;
    --only) only+=(--only "$2"); shift 2 ;;
    *) [[ $1 =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N] [--instructions [--only WORKLOAD]...]" >&2; exit 2; }
       runs=$1; shift ;;
  esac
done
if [[ -n ${WASMOON:-} ]]; then
  wasmoon=$(command -v "$WASMOON" || echo "$WASMOON")
  [[ $wasmoon == /* ]] || wasmoon="$root/${wasmoon#./}"
else
  ./wasmoon --version >/dev/null # build the image first (if stale) ...
  # ... then run the image's own launcher: ./wasmoon would rebuild it, under valgrind too, if a
  # source file changed while the benchmark runs
  wasmoon="$root/target/wasmoon/bin/wasmoon"
fi
[[ -x $wasmoon ]] || { echo "bench-interruption: not an executable launcher: $wasmoon" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fuel=4611686018427387903

# Launchers for the three configurations: LAUNCHER run FILE [OPTIONS] [-- ARGS]
cat > "$work/off" <<EOF
#!/usr/bin/env bash
WASMOON_JAVA_OPTIONS="\${WASMOON_JAVA_OPTIONS:-} -Dwasmoon.polls=off" exec "$wasmoon" "\$@"
EOF
cat > "$work/polls" <<EOF
#!/usr/bin/env bash
exec "$wasmoon" "\$@"
EOF
cat > "$work/fuel" <<EOF
#!/usr/bin/env bash
cmd=\$1 file=\$2
shift 2
exec "$wasmoon" "\$cmd" "\$file" --fuel $fuel "\$@"
EOF
chmod +x "$work/off" "$work/polls" "$work/fuel"
configs=(off polls fuel)

# The run phase of one run, in ms: "wasmoon: invoked _start in X ms" of --verbose.
run_ms() {
  local out
  out=$("$work/$1" run "examples/$2.wasm" --verbose --compile=eager --cache=off 2>&1 >/dev/null) ||
    { echo "bench-interruption: $1 run examples/$2.wasm failed:" >&2; echo "$out" >&2; exit 1; }
  sed -n 's/^wasmoon: invoked _start in \([0-9.]*\) ms$/\1/p' <<<"$out"
}

stats() { # median min max of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'
}

if $instructions; then
  echo "instructions in JIT code: off (A), polls (B), fuel (C)"
  scripts/bench-jit-instructions.sh "$work/off" "$work/polls" "$work/fuel" --top 1 "${only[@]}"
  exit 0
fi

echo "bench-interruption: run phase of each workload, $runs runs per configuration, interleaved"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for w in core3 stream box_easy2 benchmark; do
  # the configurations must print the same before their times mean anything
  ref=$("$work/off" run "examples/$w.wasm" --cache=off)
  for c in polls fuel; do
    [[ $("$work/$c" run "examples/$w.wasm" --cache=off) == "$ref" ]] ||
      { echo "bench-interruption: $w prints differently under $c" >&2; exit 1; }
  done
  for ((i = 1; i <= runs; i++)); do
    for c in "${configs[@]}"; do
      run_ms "$c" "$w" >> "$work/$w.$c"
    done
  done
  read -r off_m off_lo off_hi < <(stats < "$work/$w.off")
  line=$(printf '%-10s off %8.1f ms (%.1f..%.1f)' "$w" "$off_m" "$off_lo" "$off_hi")
  for c in polls fuel; do
    read -r m lo hi < <(stats < "$work/$w.$c")
    line+=$(printf '  %s %8.1f ms (%.1f..%.1f) x%.3f' "$c" "$m" "$lo" "$hi" "$(awk -v a="$m" -v b="$off_m" 'BEGIN { print a / b }')")
  done
  echo "$line"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

