/*
 * box_easy2: public-key authenticated encryption round trips, crypto_box_easy
 * style (X25519 key exchange, HSalsa20, XSalsa20-Poly1305). Each round makes two
 * fresh key pairs, boxes a message of varying length from one side, opens it on
 * the other, checks the plaintext and that a forged box is refused. The
 * authenticators and box keys are folded into the checksum.
 *
 * usage: box_easy2.wasm [ROUNDS]   (default sized for about a second under a JIT)
 */
#include "selftest_vectors.h"

#define DEFAULT_ROUNDS 300u
#define MAX_MESSAGE 2048u

/* Deterministic bytes: the Salsa20 core of a counter under a fixed key. */
static void fill_bytes(uint8_t *out, size_t n, uint32_t stream, uint32_t *counter) {
  static const uint8_t seed_key[32] = "wasmoon box_easy2 workload seed";
  uint8_t in[16] = {0}, block[64];
  store32_le(in, stream);
  while (n > 0) {
    store32_le(in + 8, (*counter)++);
    salsa20_core(block, in, seed_key, SALSA_SIGMA);
    size_t k = n < 64 ? n : 64;
    memcpy(out, block, k);
    out += k;
    n -= k;
  }
}

int main(int argc, char **argv) {
  uint32_t rounds = count_arg(argc, argv, DEFAULT_ROUNDS);
  selftest_x25519();
  selftest_hsalsa20();
  selftest_poly1305();
  selftest_box();
  out_str("selftest ok\n");

  static uint8_t m[MAX_MESSAGE], c[MAX_MESSAGE + BOX_MACBYTES], back[MAX_MESSAGE];
  uint8_t ask[32], apk[32], bsk[32], bpk[32], ka[32], kb[32], nonce[24], acc[32] = {0};
  uint32_t counter = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    fill_bytes(ask, 32, 1, &counter);
    fill_bytes(bsk, 32, 2, &counter);
    fill_bytes(nonce, 24, 3, &counter);
    size_t len = 1 + (r * 389u) % MAX_MESSAGE;
    fill_bytes(m, len, 4, &counter);
    x25519(apk, ask, X25519_BASE);
    x25519(bpk, bsk, X25519_BASE);
    box_beforenm(ka, bpk, ask);
    box_beforenm(kb, apk, bsk);
    secretbox_easy(c, m, len, nonce, ka);
    if (secretbox_open_easy(back, c, len + BOX_MACBYTES, nonce, kb) != 0 || memcmp(back, m, len) != 0) {
      out_str("box_easy2: round trip failed\n");
      return 1;
    }
    c[BOX_MACBYTES + r % len] ^= 0x80;
    if (secretbox_open_easy(back, c, len + BOX_MACBYTES, nonce, kb) == 0) {
      out_str("box_easy2: a forged box was accepted\n");
      return 1;
    }
    for (int i = 0; i < 16; i++) {
      acc[i] ^= c[i];
      acc[16 + i] ^= ka[i] ^ kb[16 + i];
    }
  }
  out_str("box_easy2: ");
  out_u64(rounds);
  out_str(" round trips\nchecksum ");
  out_hex(acc, 32);
  out_str("\n");
  return 0;
}
