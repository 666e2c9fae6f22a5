#!/bin/sh
# Builds examples/wzip.wasm from the C sources beside this script:
#   clang --target=wasm32-wasi -O2, Debian's wasi-libc (clang's default wasm32-wasi
#   paths) or a wasi-sdk sysroot at /usr/share/wasi-sysroot when there is one.
# The .wasm is committed; rebuild after editing a source.
set -eu
cd "$(dirname "$0")"
SYSROOT_FLAG=""
if [ -d /usr/share/wasi-sysroot ]; then
    SYSROOT_FLAG="--sysroot=/usr/share/wasi-sysroot"
fi
out=${1:-../../wzip.wasm}
# --strip-debug keeps the name section (readable traps) but drops DWARF.
clang --target=wasm32-wasi $SYSROOT_FLAG -O2 -std=c99 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror \
    -Wl,--strip-debug -o "$out" main.c util.c crc32.c sha256.c deflate.c inflate.c gzip.c archive.c \
    textstats.c gen.c -lm
echo "built $out ($(wc -c < "$out") bytes)"
