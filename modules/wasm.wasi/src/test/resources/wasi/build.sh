#!/bin/sh
# Rebuilds the WASI test programs: src/NAME.c -> NAME.wasm beside this script.
# Needs clang with the wasm32 target, wasi-libc and the wasm32 libclang_rt builtins.
# The brief's sysroot is /usr/share/wasi-sysroot (the upstream wasi-sdk layout); Debian's
# wasi-libc package installs into clang's default wasm32-wasi paths instead
# (/usr/lib/wasm32-wasi, /usr/include/wasm32-wasi), so the sysroot flag is used only when it exists.
set -eu
cd "$(dirname "$0")"
SYSROOT_FLAG=""
if [ -d /usr/share/wasi-sysroot ]; then
    SYSROOT_FLAG="--sysroot=/usr/share/wasi-sysroot"
fi
for c in src/*.c; do
    name=$(basename "$c" .c)
    # --strip-debug keeps the name section (readable traps) but drops DWARF.
    clang --target=wasm32-wasi $SYSROOT_FLAG -O2 -Wall -Werror -Wl,--strip-debug -o "$name.wasm" "$c"
    echo "built $name.wasm ($(wc -c < "$name.wasm") bytes)"
done
