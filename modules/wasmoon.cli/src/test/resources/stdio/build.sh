#!/bin/sh
# Rebuilds isatty.wasm from isatty.c (clang --target=wasm32-wasi with wasi-libc), as
# modules/wasm.runtime/src/test/resources/wasi/build.sh builds the WASI test programs.
set -eu
cd "$(dirname "$0")"
SYSROOT_FLAG=""
if [ -d /usr/share/wasi-sysroot ]; then
    SYSROOT_FLAG="--sysroot=/usr/share/wasi-sysroot"
fi
clang --target=wasm32-wasi $SYSROOT_FLAG -O2 -Wall -Werror -Wl,--strip-debug -o isatty.wasm isatty.c
