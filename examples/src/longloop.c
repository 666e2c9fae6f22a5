/*
 * longloop: a hash-mixing kernel over a 16 KiB table, called once through a function
 * pointer, as a program calls a callback, a plugin or a kernel it picks at run time. The
 * pointer keeps any inliner from pulling the kernel into main, so all its time is one
 * activation's loop: what a tiered runtime without on-stack replacement leaves in its
 * baseline code for the whole run (docs/perf/startup.md, "On-stack replacement").
 *
 * usage: longloop.wasm [ROUNDS]   (default sized for about half a second under a JIT)
 */
#include "wasmoon_io.h"

#define DEFAULT_ROUNDS 10000u
#define WORDS 4096u

static uint32_t mix(uint32_t rounds, uint32_t *table, uint32_t words) {
  uint32_t h = 2166136261u;
  for (uint32_t r = 0; r < rounds; r++) {
    /* a mixing pass: each word with a rotated neighbour, Collatz-style, into the hash */
    for (uint32_t i = 0; i < words; i++) {
      uint32_t x = table[i] ^ (r * 2654435761u);
      x = (x << 7) | (x >> 25);
      x += table[(i * 7 + r) % words];
      x = (x & 1) ? x * 3 + 1 : x >> 1;
      table[i] = x;
      h = (h ^ x) * 16777619u;
      if ((h & 0xff) == 0x5a) {
        h += i * r;
      }
    }
    /* every 64th round, a prefix-xor pass and a byte-swapping pass over a quarter of the table */
    if ((r & 63) == 0) {
      uint32_t acc = h;
      for (uint32_t i = 0; i < words; i++) {
        acc ^= table[i];
        table[i] = acc;
      }
      for (uint32_t i = r % 4; i < words; i += 4) {
        uint32_t x = table[i];
        table[i] = (x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) | (x << 24);
      }
      h ^= acc;
    }
  }
  return h;
}

static uint32_t table[WORDS];

int main(int argc, char **argv) {
  uint32_t rounds = count_arg(argc, argv, DEFAULT_ROUNDS);
  for (uint32_t i = 0; i < WORDS; i++) {
    table[i] = i * 2654435761u;
  }
  uint32_t (*volatile kernel)(uint32_t, uint32_t *, uint32_t) = mix;
  uint32_t h = kernel(rounds, table, WORDS);
  out_str("longloop: ");
  out_u64(rounds);
  out_str(" rounds\nhash ");
  out_u64(h);
  out_str("\n");
  return 0;
}
