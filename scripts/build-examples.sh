#!/usr/bin/env bash
# Rebuilds the curated and float workloads in examples/ from their sources in examples/src/:
#   core3.wasm, stream.wasm, box_easy2.wasm  C, clang + lld + wasi-libc (Debian's
#   matmul.wasm, nbody.wasm (floats),         clang, lld, wasi-libc and
#   longloop.wasm, hello.wasm
#   imgfilter.wasm (SIMD, -msimd128)          libclang-rt-dev-wasm32 packages)
#   benchmark.wasm                            WAT, wasmoon's own `wat2wasm`
# The built .wasm files are committed, so users need no C toolchain; run this after
# editing a source and commit the result (ExampleWorkloadsTest checks the outputs).
#
# Usage: scripts/build-examples.sh [--check]
#   --check  build into a temporary directory and fail when a result differs from
#            the committed file (the build is reproducible with the same toolchain)
# Environment: WASMOON (default ./wasmoon) for wat2wasm, CLANG (default clang).
set -euo pipefail

root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
src=$root/examples/src
check=false
case ${1:-} in
  --check) check=true ;;
  '') ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

clang=${CLANG:-clang}
wasmoon=${WASMOON:-$root/wasmoon}
command -v "$clang" >/dev/null || { echo "build-examples: $clang not found (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)" >&2; exit 1; }

# Debian's wasi-libc installs into clang's default wasm32-wasi search paths; a
# sysroot at /usr/share/wasi-sysroot (the wasi-sdk layout) is used when present.
sysroot_args=()
if [[ -d ${WASI_SYSROOT:-/usr/share/wasi-sysroot} ]]; then
  sysroot_args=(--sysroot="${WASI_SYSROOT:-/usr/share/wasi-sysroot}")
fi

if $check; then
  out=$(mktemp -d)
  trap 'rm -rf -- "$out"' EXIT
else
  out=$root/examples
fi

for name in core3 stream box_easy2 matmul nbody longloop hello; do
  echo "build-examples: $name.wasm (clang --target=wasm32-wasi -O2)" >&2
  "$clang" --target=wasm32-wasi "${sysroot_args[@]}" -O2 -std=c11 -Wall -Wextra -Werror -Wno-unused-function \
    -Wl,--strip-all -o "$out/$name.wasm" "$src/$name.c"
done
# SIMD: compiled with -O2 -msimd128, linked without -O: at -O the clang driver runs binaryen's
# wasm-opt (when it is installed) without enabling SIMD, which then rejects the module.
echo "build-examples: imgfilter.wasm (clang --target=wasm32-wasi -O2 -msimd128)" >&2
"$clang" --target=wasm32-wasi "${sysroot_args[@]}" -O2 -msimd128 -std=c11 -Wall -Wextra -Werror \
  -Wno-unused-function -c -o "$out/imgfilter.o" "$src/imgfilter.c"
"$clang" --target=wasm32-wasi "${sysroot_args[@]}" -msimd128 -Wl,--strip-all -o "$out/imgfilter.wasm" \
  "$out/imgfilter.o"
rm -f "$out/imgfilter.o"
echo "build-examples: benchmark.wasm (wasmoon wat2wasm)" >&2
"$wasmoon" wat2wasm "$src/benchmark.wat" -o "$out/benchmark.wasm"

if $check; then
  status=0
  for name in core3 stream box_easy2 matmul nbody longloop hello imgfilter benchmark; do
    if ! cmp -s "$out/$name.wasm" "$root/examples/$name.wasm"; then
      echo "build-examples: examples/$name.wasm differs from a fresh build of its source" >&2
      status=1
    fi
  done
  exit $status
fi
