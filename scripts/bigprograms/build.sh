#!/usr/bin/env bash
# Builds the large real programs of the compile/start-up benchmarks into
# target/bigprograms/ (never committed, never needed by the tests):
#   sqlite_bench.wasm  SQLite's amalgamation (sqlite3.c, taken from the npm package
#                      better-sqlite3, which ships it under deps/sqlite3) with the
#                      small driver scripts/bigprograms/sqlite_bench.c; clang -O2 for
#                      wasm32-wasi: about 1 MB, 1,091 functions, of which a run calls a part.
#   sqlite_bench_O0.wasm  the same at -O0 (no inlining: about 2,000 functions of
#                      poorer code, the "thousands of functions" case).
# Needs npm (registry access) once, clang + lld + wasi-libc. Prints the paths built.
#
# Usage: scripts/bigprograms/build.sh
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd -P)
out=$root/target/bigprograms
mkdir -p "$out"
version=12.11.1
src=$out/better-sqlite3-$version/package/deps/sqlite3
if [[ ! -f $src/sqlite3.c ]]; then
  command -v npm >/dev/null || { echo "bigprograms: npm is needed to fetch SQLite's amalgamation" >&2; exit 1; }
  mkdir -p "$out/better-sqlite3-$version"
  (cd "$out/better-sqlite3-$version" && npm pack --silent "better-sqlite3@$version" >/dev/null &&
    tar xzf "better-sqlite3-$version.tgz")
fi
sysroot_args=()
if [[ -d ${WASI_SYSROOT:-/usr/share/wasi-sysroot} ]]; then
  sysroot_args=(--sysroot="${WASI_SYSROOT:-/usr/share/wasi-sysroot}")
fi
build() {
  local name=$1 opt=$2
  if [[ ! -f $out/$name.wasm || $root/scripts/bigprograms/sqlite_bench.c -nt $out/$name.wasm ]]; then
    echo "bigprograms: $name.wasm (clang --target=wasm32-wasi $opt, about a minute)" >&2
    ${CLANG:-clang} --target=wasm32-wasi "${sysroot_args[@]}" "$opt" -w \
      -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_OMIT_SHARED_CACHE \
      -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_MMAN -I"$src" -Wl,--strip-all \
      -lwasi-emulated-getpid -lwasi-emulated-mman \
      -o "$out/$name.wasm" "$root/scripts/bigprograms/sqlite_bench.c" "$src/sqlite3.c"
  fi
  echo "$out/$name.wasm"
}
build sqlite_bench -O2
build sqlite_bench_O0 -O0
