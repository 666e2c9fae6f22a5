/*
 * Published test vectors shared by the crypto workloads' start-up self-checks.
 *   - RFC 7748 section 5.2 (X25519 scalar multiplication, and its first iteration)
 *     and section 6.1 (the Alice/Bob Diffie-Hellman example).
 *   - RFC 8439 section 2.5.2 (Poly1305).
 *   - "Cryptography in NaCl" (D. J. Bernstein), whose worked example continues
 *     RFC 7748's Alice and Bob: HSalsa20 of their shared secret (firstkey), HSalsa20
 *     with the nonce prefix (secondkey), and the 131-byte crypto_box example.
 */
#ifndef WASMOON_SELFTEST_VECTORS_H
#define WASMOON_SELFTEST_VECTORS_H

#include "wasmoon_crypto.h"

static const char *const ALICE_SK = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
static const char *const ALICE_PK = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
static const char *const BOB_SK = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
static const char *const BOB_PK = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
static const char *const SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
static const char *const FIRSTKEY = "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389";
static const char *const SECONDKEY = "dc908dda0b9344a953629b733820778880f3ceb421bb61b91cbd4c3e66256ce4";
static const char *const BOX_NONCE = "69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37";
static const char *const BOX_MESSAGE =
    "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
    "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
    "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
    "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705";
/* crypto_box_easy layout: the 16-byte authenticator, then the ciphertext */
static const char *const BOX_CIPHERTEXT =
    "f3ffc7703f9400e52a7dfb4b3d3305d9"
    "8e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186a"
    "c0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738"
    "b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da"
    "99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5";
#define BOX_MESSAGE_LEN 131

static void selftest_hsalsa20(void) {
  uint8_t shared[32], key[32], out[32], prefix[24];
  from_hex(shared, SHARED, 32);
  static const uint8_t zero[16] = {0};
  hsalsa20(out, zero, shared, SALSA_SIGMA);
  expect_hex("HSalsa20 firstkey", out, FIRSTKEY, 32);
  from_hex(key, FIRSTKEY, 32);
  from_hex(prefix, BOX_NONCE, 24);
  hsalsa20(out, prefix, key, SALSA_SIGMA);
  expect_hex("HSalsa20 secondkey", out, SECONDKEY, 32);
}

static void selftest_poly1305(void) {
  uint8_t key[32], tag[16];
  from_hex(key, "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", 32);
  static const char msg[] = "Cryptographic Forum Research Group";
  poly1305(tag, (const uint8_t *)msg, sizeof msg - 1, key);
  expect_hex("Poly1305 (RFC 8439 2.5.2)", tag, "a8061dc1305136c6c22b8baf0c0127a9", 16);
}

/* NaCl's secretbox example: firstkey, the box nonce and message give the box ciphertext. */
static void selftest_secretbox(void) {
  uint8_t key[32], nonce[24], m[BOX_MESSAGE_LEN], c[BOX_MESSAGE_LEN + BOX_MACBYTES], back[BOX_MESSAGE_LEN];
  from_hex(key, FIRSTKEY, 32);
  from_hex(nonce, BOX_NONCE, 24);
  from_hex(m, BOX_MESSAGE, BOX_MESSAGE_LEN);
  secretbox_easy(c, m, BOX_MESSAGE_LEN, nonce, key);
  expect_hex("XSalsa20-Poly1305 secretbox", c, BOX_CIPHERTEXT, sizeof c);
  if (secretbox_open_easy(back, c, sizeof c, nonce, key) != 0 || memcmp(back, m, sizeof m) != 0) {
    out_str("selftest FAILED: secretbox open\n");
    exit(1);
  }
  c[20] ^= 1;
  if (secretbox_open_easy(back, c, sizeof c, nonce, key) == 0) {
    out_str("selftest FAILED: secretbox accepted a forged ciphertext\n");
    exit(1);
  }
}

static void selftest_x25519(void) {
  uint8_t k[32], u[32], out[32], sk[32], pk[32];
  from_hex(k, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", 32);
  from_hex(u, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", 32);
  x25519(out, k, u);
  expect_hex("X25519 (RFC 7748 5.2)", out, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", 32);
  /* the iterated test's first step: k = u = 9 */
  x25519(out, X25519_BASE, X25519_BASE);
  expect_hex("X25519 (RFC 7748 5.2, 1 iteration)", out,
             "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", 32);
  from_hex(sk, ALICE_SK, 32);
  x25519(out, sk, X25519_BASE);
  expect_hex("X25519 Alice public key (RFC 7748 6.1)", out, ALICE_PK, 32);
  from_hex(pk, BOB_PK, 32);
  x25519(out, sk, pk);
  expect_hex("X25519 shared secret (RFC 7748 6.1)", out, SHARED, 32);
}

/* The whole crypto_box example: Alice boxes, Bob opens. */
static void selftest_box(void) {
  uint8_t ask[32], apk[32], bsk[32], bpk[32], ka[32], kb[32], nonce[24];
  uint8_t m[BOX_MESSAGE_LEN], c[BOX_MESSAGE_LEN + BOX_MACBYTES], back[BOX_MESSAGE_LEN];
  from_hex(ask, ALICE_SK, 32);
  from_hex(apk, ALICE_PK, 32);
  from_hex(bsk, BOB_SK, 32);
  from_hex(bpk, BOB_PK, 32);
  from_hex(nonce, BOX_NONCE, 24);
  from_hex(m, BOX_MESSAGE, BOX_MESSAGE_LEN);
  box_beforenm(ka, bpk, ask);
  expect_hex("box key (Alice)", ka, FIRSTKEY, 32);
  box_beforenm(kb, apk, bsk);
  expect_hex("box key (Bob)", kb, FIRSTKEY, 32);
  secretbox_easy(c, m, BOX_MESSAGE_LEN, nonce, ka);
  expect_hex("crypto_box_easy", c, BOX_CIPHERTEXT, sizeof c);
  if (secretbox_open_easy(back, c, sizeof c, nonce, kb) != 0 || memcmp(back, m, sizeof m) != 0) {
    out_str("selftest FAILED: crypto_box_open_easy\n");
    exit(1);
  }
}

#endif
