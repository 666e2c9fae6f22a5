# Whole-process timing helpers shared by the bench-*.sh scripts (source it).
# The caller sets $runs (how many runs per measurement) and $bench_label_format
# (a printf format for label, median and runs).

# Runs "$@" once with stdout discarded; prints the wall time in seconds.
time_once() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

# The median of the numbers on standard input, one per line.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs "$@" $runs times, prints the runs and their median; leaves the median in $last_median.
bench() {
  local label=$1 times=() t i
  shift
  for ((i = 1; i <= runs; i++)); do
    t=$(time_once "$@")
    times+=("$t")
  done
  last_median=$(printf '%s\n' "${times[@]}" | median)
  # shellcheck disable=SC2059  # the format is the caller's
  printf "$bench_label_format" "$label" "$last_median" "${times[*]}"
}
