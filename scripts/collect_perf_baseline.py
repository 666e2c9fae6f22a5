#!/usr/bin/env python3
"""Capture a perf baseline of wasmoon's compile metrics (or compare two).

    python3 scripts/collect_perf_baseline.py [--wasmoon PATH] [--out-dir DIR]
        [--timeout-sec N] [--subcommand run|test] [--workload PATH]... [--testsuite DIR] [--repeat N]
    python3 scripts/collect_perf_baseline.py compare OLD_DIR NEW_DIR [threshold flags]

This file only hands its arguments to the Java tool (module perf.baseline,
class perf.baseline.BaselineTool). When the runtime image has it
(<build dir>/wasmoon/bin/wasmoon-baseline, not older than the perf.metrics and
perf.baseline sources), that launcher runs it; otherwise a JDK 25 runs it on the
module path that the Maven build writes to
modules/perf.baseline/<build dir>/module-path.txt, the module being (re)built
first when it is missing or older than its sources. See
docs/perf/baselines.md for the artifacts, the exit codes and the thresholds.

Environment: JAVA_HOME (a JDK 25+, else the first /usr/lib/jvm/*25*),
WASMOON_BUILD_DIR (Maven output directory name, default "target").
"""
import argparse
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
MAIN = "perf.baseline/perf.baseline.BaselineTool"
DEFAULT_WORKLOADS = ["examples/core3.wasm", "examples/stream.wasm",
                     "examples/box_easy2.wasm", "examples/benchmark.wasm"]
# --subcommand test: scripts of the official suite, read in place (as Wasmoon's own baseline has them)
DEFAULT_TEST_SCRIPTS = ["const.wast", "int_exprs.wast", "float_exprs.wast"]
DEFAULT_TESTSUITE = os.path.join(os.path.dirname(ROOT), "shared", "wasm-testsuite")


def jdk_feature(home):
    try:
        with open(os.path.join(home, "release"), encoding="utf-8") as f:
            m = re.search(r'^JAVA_VERSION="(\d+)', f.read(), re.M)
    except OSError:
        return 0
    return int(m.group(1)) if m else 0


def find_jdk():
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK) and jdk_feature(home) >= 25:
        return home
    for candidate in sorted(glob.glob("/usr/lib/jvm/*25*")):
        if os.access(os.path.join(candidate, "bin", "java"), os.X_OK) and jdk_feature(candidate) >= 25:
            return candidate
    sys.exit("collect_perf_baseline: no JDK 25 found: set JAVA_HOME to a JDK 25 or newer")


def newest_source_mtime():
    newest = 0.0
    paths = [os.path.join(ROOT, "pom.xml")]
    for module in ("perf.metrics", "perf.baseline"):
        paths.append(os.path.join(ROOT, "modules", module, "pom.xml"))
        for dirpath, _, files in os.walk(os.path.join(ROOT, "modules", module, "src", "main")):
            paths.extend(os.path.join(dirpath, f) for f in files)
    for p in paths:
        try:
            newest = max(newest, os.path.getmtime(p))
        except OSError:
            pass
    return newest


def module_path(jdk):
    build_dir = os.environ.get("WASMOON_BUILD_DIR", "target")
    listing = os.path.join(ROOT, "modules", "perf.baseline", build_dir, "module-path.txt")
    if not os.path.exists(listing) or os.path.getmtime(listing) < newest_source_mtime():
        print("collect_perf_baseline: building modules/perf.baseline (mvn -B -q package) ...", file=sys.stderr)
        env = dict(os.environ, JAVA_HOME=jdk)
        cmd = ["mvn", "-B", "-q", "-Dstyle.color=never", "-Dwasmoon.buildDir=" + build_dir,
               "-Dmaven.test.skip=true", "-pl", "modules/perf.baseline", "-am", "package"]
        if subprocess.call(cmd, cwd=ROOT, env=env, stdout=sys.stderr) != 0 or not os.path.exists(listing):
            sys.exit("collect_perf_baseline: the build of modules/perf.baseline failed (see above)")
    with open(listing, encoding="utf-8") as f:
        return f.read().strip()


def parse_capture(argv):
    """The seed's command line, checked here so --help and typos answer at once."""
    p = argparse.ArgumentParser(prog="collect_perf_baseline.py",
                                description="Capture a perf baseline (see docs/perf/baselines.md); "
                                            "'compare OLD_DIR NEW_DIR' compares two.")
    p.add_argument("--wasmoon", default="./wasmoon", help="launcher (default ./wasmoon)")
    p.add_argument("--out-dir", default="docs/perf/baselines/latest/",
                   help="output directory (default docs/perf/baselines/latest/)")
    p.add_argument("--timeout-sec", type=int, default=600, help="per-workload timeout in seconds (default 600)")
    p.add_argument("--subcommand", choices=["run", "test"], default="run", help="wasmoon subcommand (default run)")
    p.add_argument("--workload", action="append", default=None,
                   help="workload file, repeatable (default: " + ", ".join(DEFAULT_WORKLOADS) + ")")
    p.add_argument("--testsuite", default=os.environ.get("WASM_TESTSUITE", DEFAULT_TESTSUITE),
                   help="the official spec suite, read in place by --subcommand test (default "
                        "../shared/wasm-testsuite beside the repository, or $WASM_TESTSUITE)")
    p.add_argument("--repeat", type=int, default=1, help="runs per workload; medians are reported (default 1)")
    a = p.parse_args(argv)
    if a.workload is None and a.subcommand == "test":
        missing = [s for s in DEFAULT_TEST_SCRIPTS if not os.path.isfile(os.path.join(a.testsuite, s))]
        if missing:
            p.error("the official suite's " + ", ".join(missing) + " not found in " + a.testsuite
                    + " (set --testsuite DIR)")
        a.workload = [os.path.join(a.testsuite, s) for s in DEFAULT_TEST_SCRIPTS]
    args = ["capture", "--wasmoon", a.wasmoon, "--out-dir", a.out_dir, "--timeout-sec", str(a.timeout_sec),
            "--subcommand", a.subcommand, "--repeat", str(a.repeat)]
    for w in a.workload or DEFAULT_WORKLOADS:
        args += ["--workload", w]
    return args


def image_launcher():
    """bin/wasmoon-baseline of the runtime image, when it is there and not older than the sources."""
    build_dir = os.environ.get("WASMOON_BUILD_DIR", "target")
    launcher = os.path.join(ROOT, build_dir, "wasmoon", "bin", "wasmoon-baseline")
    if os.access(launcher, os.X_OK) and os.path.getmtime(launcher) >= newest_source_mtime():
        return launcher
    return None


def main(argv):
    tool_args = argv if argv[:1] == ["compare"] else parse_capture(argv)
    launcher = image_launcher()
    if launcher:
        # The image carries its own JVM: no JDK lookup, no build.
        sys.stdout.flush()
        return subprocess.call([launcher] + tool_args)
    jdk = find_jdk()
    cmd = [os.path.join(jdk, "bin", "java"), "--module-path", module_path(jdk),
           "--add-modules", "ALL-MODULE-PATH", "-m", MAIN] + tool_args
    sys.stdout.flush()
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
