#!/usr/bin/env python3
"""Whole-process timing of shell commands, runs interleaved (machine drift hits all alike).

Usage: scripts/bench-commands.py N 'COMMAND' ['COMMAND'...]

Runs each COMMAND (a /bin/sh command line; standard output and error discarded) N times,
round-robin, and prints per command the median wall time and the median CPU time (user +
system of the process and everything it waited for) in milliseconds. A command that exits
non-zero is reported (and still timed). Example, an older image against the current one:

  scripts/bench-commands.py 11 '/tmp/old/bin/wasmoon run examples/fac.wasm --invoke fac --arg 20' \\
      'target/wasmoon/bin/wasmoon run examples/fac.wasm --invoke fac --arg 20'
"""
import os
import statistics
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit() or int(argv[1]) < 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    runs = int(argv[1])
    commands = argv[2:]
    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for _ in range(runs):
        for c in commands:
            start = time.perf_counter()
            p = subprocess.Popen(["/bin/sh", "-c", c], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            wall[c].append((time.perf_counter() - start) * 1000)
            cpu[c].append((usage.ru_utime + usage.ru_stime) * 1000)
            if status != 0:
                print(f"bench-commands: exit status {status >> 8}: {c}", file=sys.stderr)
    print(f"bench-commands: {runs} interleaved runs each, medians in ms (load {os.getloadavg()[0]:.2f})")
    for c in commands:
        print(f"wall {statistics.median(wall[c]):8.1f}  cpu {statistics.median(cpu[c]):8.1f}  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
