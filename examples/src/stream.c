/*
 * stream: XSalsa20 over a 1 MiB buffer, again and again (one nonce per pass),
 * then Poly1305 over the result as the checksum.
 *
 * usage: stream.wasm [PASSES]   (default sized for about a second under a JIT)
 */
#include "selftest_vectors.h"

#define BUFFER_BYTES (1u << 20)
#define DEFAULT_PASSES 200u

int main(int argc, char **argv) {
  uint32_t passes = count_arg(argc, argv, DEFAULT_PASSES);
  selftest_hsalsa20();
  selftest_poly1305();
  selftest_secretbox();
  out_str("selftest ok\n");

  uint8_t *buf = malloc(BUFFER_BYTES);
  if (buf == NULL) {
    out_str("stream: out of memory\n");
    return 1;
  }
  for (uint32_t i = 0; i < BUFFER_BYTES; i++) {
    buf[i] = (uint8_t)(i * 31 + (i >> 8));
  }
  uint8_t key[32], nonce[24], tag[16];
  from_hex(key, SECONDKEY, 32);
  from_hex(nonce, BOX_NONCE, 24);
  for (uint32_t p = 0; p < passes; p++) {
    store32_le(nonce + 16, p);
    xsalsa20_xor(buf, buf, BUFFER_BYTES, nonce, key, 0);
  }
  poly1305(tag, buf, BUFFER_BYTES, key);
  out_str("stream: ");
  out_u64(passes);
  out_str(" passes over ");
  out_u64(BUFFER_BYTES);
  out_str(" bytes\nchecksum ");
  out_hex(tag, 16);
  out_str("\n");
  free(buf);
  return 0;
}
