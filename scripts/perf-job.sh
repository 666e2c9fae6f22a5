#!/usr/bin/env bash
# The dedicated perf job (kept out of the normal test run): captures a baseline
# of the curated workloads and compares it with the checked-in reference,
# docs/perf/baselines/reference/.
#
# Usage: scripts/perf-job.sh [CAPTURE OPTIONS...]
#   CAPTURE OPTIONS go to collect_perf_baseline.py (e.g. --repeat 5, --timeout-sec 600);
#   the capture takes medians of 3 runs unless told otherwise, like the reference.
# Environment:
#   PERF_JOB_OUT            where the new baseline goes (default target/perf-job/latest)
#   PERF_JOB_REFERENCE      the reference baseline (default docs/perf/baselines/reference)
#   PERF_JOB_COMPARE_FLAGS  threshold flags for compare, e.g. "--max-wall-pct 10"
# Exit status: 2 when compare finds a regression past the thresholds, else 1 when
# a workload failed (non-zero exit, timeout, no metrics) or compare could not
# read a summary, else 0. The new summary.json/summary.md are written in every case.
set -uo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
out=${PERF_JOB_OUT:-target/perf-job/latest}
reference=${PERF_JOB_REFERENCE:-docs/perf/baselines/reference}

# Build the runtime image once, then run its launcher directly: ./wasmoon would
# rebuild whenever a source changed meanwhile and put the build into a wall time.
if ! ./wasmoon --version >/dev/null; then
  echo "perf-job: ./wasmoon could not be built" >&2
  exit 1
fi
echo "perf-job: capturing into $out" >&2
# a --wasmoon among "$@" comes later and wins
python3 scripts/collect_perf_baseline.py --wasmoon target/wasmoon/bin/wasmoon --repeat 3 --out-dir "$out" "$@"
capture=$?
if [[ ! -f $out/summary.json ]]; then
  echo "perf-job: the capture wrote no summary (exit $capture)" >&2
  exit 1
fi

echo "perf-job: comparing $reference -> $out" >&2
# shellcheck disable=SC2086  # the flags are meant to split
python3 scripts/collect_perf_baseline.py compare "$reference" "$out" ${PERF_JOB_COMPARE_FLAGS:-}
compare=$?

if ((compare == 2)); then
  echo "perf-job: REGRESSION against $reference" >&2
  exit 2
fi
if ((capture != 0 || compare != 0)); then
  echo "perf-job: FAILED (capture exit $capture, compare exit $compare); see $out/summary.md" >&2
  exit 1
fi
echo "perf-job: ok" >&2
