#!/usr/bin/env bash
# Instructions executed in JIT code (a benchmark, not a test): each curated
# workload runs once under valgrind's callgrind with WASMOON_PERF_MAP=1, and the
# instructions callgrind counted are attributed to wasm functions through the
# perf map the runtime writes (/tmp/perf-<pid>.map). JVM start, the compiler and
# the host side are left out, so the figure is the run phase's own work in JIT
# code, and it is deterministic: it does not move with the load of a shared
# machine, which wall time does (a change that adds spills or memory operands can
# still cost time the count does not show).
#
# Usage: scripts/bench-jit-instructions.sh LAUNCHER [LAUNCHER_B [LAUNCHER_C]] [--top N] [--only WORKLOAD]...
#   prints per workload the JIT instructions of LAUNCHER (and of LAUNCHER_B and
#   LAUNCHER_C with their ratios to A), then the N busiest functions of each
#   (default 3); --only limits the run to the workloads named (core3, stream,
#   box_easy2, benchmark, and the float ones, matmul and nbody).
#   e.g. scripts/bench-jit-instructions.sh /tmp/main/bin/wasmoon target/wasmoon/bin/wasmoon
# Sizes are small (core3 30000 steps, stream 4 passes, box_easy2 6 rounds,
# benchmark scale 4, matmul 20 rounds, nbody 100000 steps): callgrind runs about
# 50 times slower than the hardware.
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"
launchers=()
top=3
only=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --top) top=$2; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    *) launchers+=("$1"); shift ;;
  esac
done
if [[ ${#launchers[@]} -lt 1 || ${#launchers[@]} -gt 3 ]]; then
  echo "usage: $0 LAUNCHER [LAUNCHER_B [LAUNCHER_C]] [--top N] [--only WORKLOAD]..." >&2
  exit 2
fi
for l in "${launchers[@]}"; do
  [[ -x $l ]] || { echo "bench-jit-instructions: not an executable launcher: $l" >&2; exit 1; }
done
command -v valgrind >/dev/null 2>&1 || { echo "bench-jit-instructions: valgrind is not installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs launcher $1 on workload $2 with argument $3; prints "total" then "count name" lines, busiest first.
count() {
  local out pid
  WASMOON_PERF_MAP=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" --trace-children=yes \
    --smc-check=all-non-file --dump-instr=yes "$1" run "examples/$2.wasm" -- "$3" >/dev/null 2>"$work/log" ||
    { echo "bench-jit-instructions: $1 run examples/$2.wasm failed under valgrind:" >&2; cat "$work/log" >&2; exit 1; }
  out=$(ls -S "$work"/cg.* | head -1)
  pid=${out##*.}
  [[ -f /tmp/perf-$pid.map ]] || { echo "bench-jit-instructions: no perf map for pid $pid" >&2; exit 1; }
  python3 - "$out" "/tmp/perf-$pid.map" <<'PY'
import bisect, sys
cg, mp = sys.argv[1], sys.argv[2]
syms = sorted((int(a, 16), int(s, 16), n.strip()) for a, s, n in (l.split(' ', 2) for l in open(mp)))
starts = [s[0] for s in syms]
per, pos, skip = {}, 0, False
for line in open(cg):
    if line.startswith('calls='):
        skip = True          # the next cost line is the callee's inclusive cost
        continue
    if not line or line[0] not in '0+-*':
        continue
    t = line.split()         # positions "instr line", then the Ir cost
    if len(t) < 3:
        continue
    p = t[0]
    pos = int(p, 16) if p.startswith('0x') else pos + int(p[1:]) if p[0] == '+' else pos - int(p[1:]) if p[0] == '-' else pos
    if skip:
        skip = False
        continue
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < syms[i][0] + syms[i][1]:
        per[syms[i][2]] = per.get(syms[i][2], 0) + int(t[2])
print(sum(per.values()))
for n, c in sorted(per.items(), key=lambda x: -x[1]):
    print(c, n)
PY
  rm -f "$work"/cg.* "/tmp/perf-$pid.map"
}

echo "bench-jit-instructions: instructions executed in JIT code (callgrind), per workload"
for spec in "core3 30000" "stream 4" "box_easy2 6" "benchmark 4" "matmul 20" "nbody 100000"; do
  set -- $spec
  w=$1 arg=$2
  if [[ ${#only[@]} -gt 0 && " ${only[*]} " != *" $w "* ]]; then
    continue
  fi
  names=(A B C)
  line=$(printf '%-10s' "$w")
  for k in "${!launchers[@]}"; do
    count "${launchers[$k]}" "$w" "$arg" > "$work/${names[$k]}"
    n=$(head -1 "$work/${names[$k]}")
    [[ $k -eq 0 ]] && a=$n
    line+=$(printf ' %s %12d' "${names[$k]}" "$n")
    [[ $k -gt 0 ]] && line+=$(printf '  %s/A %s' "${names[$k]}" "$(awk -v x="$n" -v y="$a" 'BEGIN { printf "%.3f", x / y }')")
  done
  echo "$line"
  for k in "${!launchers[@]}"; do
    sed -n "2,$((top + 1))p" "$work/${names[$k]}" |
      awk -v l="${names[$k]}" '{ c = $1; sub(/^[0-9]+ /, ""); printf "           %s %12d  %s\n", l, c, $0 }'
  done
done
