/*
 * core3: the Salsa20 core permutation and HSalsa20 key derivation, iterated.
 * Each step runs the Salsa20 core on a counter block under the current key and
 * folds the 64 output bytes into an accumulator; every 16th step derives the next
 * key with HSalsa20 from the last output. Prints the accumulator as the checksum.
 *
 * usage: core3.wasm [STEPS]   (default sized for about a second under a JIT)
 */
#include "selftest_vectors.h"

#define DEFAULT_STEPS 3000000u

int main(int argc, char **argv) {
  uint32_t steps = count_arg(argc, argv, DEFAULT_STEPS);
  selftest_hsalsa20();
  selftest_secretbox(); /* the Salsa20 core through NaCl's example */
  out_str("selftest ok\n");

  uint8_t key[32], in[16] = {0}, block[64], acc[64] = {0};
  from_hex(key, FIRSTKEY, 32);
  for (uint32_t i = 0; i < steps; i++) {
    store32_le(in, i);
    memcpy(in + 4, acc + 4 * (i & 7), 12);
    salsa20_core(block, in, key, SALSA_SIGMA);
    for (int j = 0; j < 64; j++) {
      acc[j] ^= block[j];
    }
    if ((i & 15) == 15) {
      hsalsa20(key, block, key, SALSA_SIGMA);
    }
  }
  out_str("core3: ");
  out_u64(steps);
  out_str(" steps\nchecksum ");
  out_hex(acc, 32);
  out_str("\n");
  return 0;
}
