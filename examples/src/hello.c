/*
 * hello: the first program a user runs, printf from wasi-libc and nothing else. Its run is
 * all start-up (the JVM, decoding, the JIT's set-up, whatever compiling `_start` costs), so
 * scripts/bench-compile.sh times it against node and against --no-jit.
 */
#include <stdio.h>

int main(void) {
  printf("hello, world\n");
  return 0;
}
