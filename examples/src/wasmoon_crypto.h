/*
 * Plain portable C for wasmoon's crypto workloads (core3, stream, box_easy2).
 * Written for this project from the specifications:
 *   - Salsa20 core and HSalsa20: D. J. Bernstein, "The Salsa20 family of stream ciphers"
 *     and "Extending the Salsa20 nonce" (XSalsa20).
 *   - Poly1305: RFC 8439 section 2.5 (26-bit limbs, 64-bit products).
 *   - X25519: RFC 7748 section 5 (Montgomery ladder; field elements as 16 signed
 *     64-bit limbs of 16 bits each, reduced with 2^256 = 38 mod 2^255-19).
 * Speed is not the point: the workloads exercise a compiler and a runtime, so the
 * code keeps to ordinary loops, calls, 32/64-bit integer arithmetic and memory.
 * Output goes through write(2) alone (wasmoon_io.h, no printf) so the modules stay small.
 */
#ifndef WASMOON_CRYPTO_H
#define WASMOON_CRYPTO_H

#include "wasmoon_io.h"

static int hex_nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Decodes a lower-case hex string of exactly 2*n digits into out. */
static void from_hex(uint8_t *out, const char *hex, size_t n) {
  for (size_t i = 0; i < n; i++) {
    out[i] = (uint8_t)(hex_nibble(hex[2 * i]) << 4 | hex_nibble(hex[2 * i + 1]));
  }
}

/* Aborts with exit code 1 when the n bytes at got differ from the hex string. */
static void expect_hex(const char *what, const uint8_t *got, const char *hex, size_t n) {
  uint8_t want[256];
  from_hex(want, hex, n);
  if (memcmp(want, got, n) != 0) {
    out_str("selftest FAILED: ");
    out_str(what);
    out_str("\n  got  ");
    out_hex(got, n);
    out_str("\n  want ");
    out_str(hex);
    out_str("\n");
    exit(1);
  }
}

/* ---------- little-endian loads and stores ---------- */

static uint32_t load32_le(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void store32_le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static uint32_t rotl32(uint32_t v, int c) { return v << c | v >> (32 - c); }

/* ---------- Salsa20 core, HSalsa20, XSalsa20 ---------- */

static const uint8_t SALSA_SIGMA[16] = "expand 32-byte k";

/* The 20 rounds on the 4x4 state: column rounds then row rounds, ten times. */
static void salsa20_rounds(uint32_t x[16]) {
  for (int i = 0; i < 20; i += 2) {
    /* columns: (0,4,8,12) (5,9,13,1) (10,14,2,6) (15,3,7,11) */
    x[4] ^= rotl32(x[0] + x[12], 7);
    x[8] ^= rotl32(x[4] + x[0], 9);
    x[12] ^= rotl32(x[8] + x[4], 13);
    x[0] ^= rotl32(x[12] + x[8], 18);
    x[9] ^= rotl32(x[5] + x[1], 7);
    x[13] ^= rotl32(x[9] + x[5], 9);
    x[1] ^= rotl32(x[13] + x[9], 13);
    x[5] ^= rotl32(x[1] + x[13], 18);
    x[14] ^= rotl32(x[10] + x[6], 7);
    x[2] ^= rotl32(x[14] + x[10], 9);
    x[6] ^= rotl32(x[2] + x[14], 13);
    x[10] ^= rotl32(x[6] + x[2], 18);
    x[3] ^= rotl32(x[15] + x[11], 7);
    x[7] ^= rotl32(x[3] + x[15], 9);
    x[11] ^= rotl32(x[7] + x[3], 13);
    x[15] ^= rotl32(x[11] + x[7], 18);
    /* rows: (0,1,2,3) (5,6,7,4) (10,11,8,9) (15,12,13,14) */
    x[1] ^= rotl32(x[0] + x[3], 7);
    x[2] ^= rotl32(x[1] + x[0], 9);
    x[3] ^= rotl32(x[2] + x[1], 13);
    x[0] ^= rotl32(x[3] + x[2], 18);
    x[6] ^= rotl32(x[5] + x[4], 7);
    x[7] ^= rotl32(x[6] + x[5], 9);
    x[4] ^= rotl32(x[7] + x[6], 13);
    x[5] ^= rotl32(x[4] + x[7], 18);
    x[11] ^= rotl32(x[10] + x[9], 7);
    x[8] ^= rotl32(x[11] + x[10], 9);
    x[9] ^= rotl32(x[8] + x[11], 13);
    x[10] ^= rotl32(x[9] + x[8], 18);
    x[12] ^= rotl32(x[15] + x[14], 7);
    x[13] ^= rotl32(x[12] + x[15], 9);
    x[14] ^= rotl32(x[13] + x[12], 13);
    x[15] ^= rotl32(x[14] + x[13], 18);
  }
}

/* The state: constants on the diagonal, key in words 1-4 and 11-14, input in 6-9. */
static void salsa20_setup(uint32_t x[16], const uint8_t in[16], const uint8_t k[32], const uint8_t c[16]) {
  x[0] = load32_le(c);
  x[5] = load32_le(c + 4);
  x[10] = load32_le(c + 8);
  x[15] = load32_le(c + 12);
  for (int i = 0; i < 4; i++) {
    x[1 + i] = load32_le(k + 4 * i);
    x[11 + i] = load32_le(k + 16 + 4 * i);
    x[6 + i] = load32_le(in + 4 * i);
  }
}

/* crypto_core_salsa20: 64 output bytes, the rounds' result plus the input state. */
static void salsa20_core(uint8_t out[64], const uint8_t in[16], const uint8_t k[32], const uint8_t c[16]) {
  uint32_t j[16], x[16];
  salsa20_setup(j, in, k, c);
  memcpy(x, j, sizeof x);
  salsa20_rounds(x);
  for (int i = 0; i < 16; i++) {
    store32_le(out + 4 * i, x[i] + j[i]);
  }
}

/* crypto_core_hsalsa20: the diagonal and the input words of the rounds' result. */
static void hsalsa20(uint8_t out[32], const uint8_t in[16], const uint8_t k[32], const uint8_t c[16]) {
  static const int pick[8] = {0, 5, 10, 15, 6, 7, 8, 9};
  uint32_t x[16];
  salsa20_setup(x, in, k, c);
  salsa20_rounds(x);
  for (int i = 0; i < 8; i++) {
    store32_le(out + 4 * i, x[pick[i]]);
  }
}

/*
 * XSalsa20: out = in XOR keystream, starting `skip` bytes into the keystream
 * (secretbox skips the 32 bytes used as the Poly1305 key). in may equal out.
 */
static void xsalsa20_xor(uint8_t *out, const uint8_t *in, size_t len, const uint8_t nonce[24],
                         const uint8_t key[32], uint64_t skip) {
  uint8_t subkey[32], block_in[16], block[64];
  hsalsa20(subkey, nonce, key, SALSA_SIGMA);
  memcpy(block_in, nonce + 16, 8);
  uint64_t counter = skip / 64;
  size_t offset = (size_t)(skip % 64);
  while (len > 0) {
    for (int i = 0; i < 8; i++) {
      block_in[8 + i] = (uint8_t)(counter >> (8 * i));
    }
    salsa20_core(block, block_in, subkey, SALSA_SIGMA);
    size_t n = 64 - offset;
    if (n > len) {
      n = len;
    }
    for (size_t i = 0; i < n; i++) {
      out[i] = in[i] ^ block[offset + i];
    }
    out += n;
    in += n;
    len -= n;
    offset = 0;
    counter++;
  }
}

/* ---------- Poly1305 (RFC 8439 section 2.5) ---------- */

static void poly1305(uint8_t tag[16], const uint8_t *m, size_t len, const uint8_t key[32]) {
  const uint32_t mask = 0x3ffffff;
  /* r clamped (RFC 8439 2.5.1), split into 26-bit limbs */
  uint32_t r0 = load32_le(key) & 0x3ffffff;
  uint32_t r1 = (load32_le(key + 3) >> 2) & 0x3ffff03;
  uint32_t r2 = (load32_le(key + 6) >> 4) & 0x3ffc0ff;
  uint32_t r3 = (load32_le(key + 9) >> 6) & 0x3f03fff;
  uint32_t r4 = (load32_le(key + 12) >> 8) & 0x00fffff;
  uint32_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
  uint32_t h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0;
  while (len > 0) {
    uint8_t block[17] = {0};
    size_t n = len < 16 ? len : 16;
    memcpy(block, m, n);
    block[n] = 1; /* the 2^(8n) bit: a short block carries it inside its 16 bytes, a full one as hibit */
    uint32_t hibit = n == 16 ? (1u << 24) : 0;
    h0 += load32_le(block) & mask;
    h1 += (load32_le(block + 3) >> 2) & mask;
    h2 += (load32_le(block + 6) >> 4) & mask;
    h3 += (load32_le(block + 9) >> 6) & mask;
    h4 += (load32_le(block + 12) >> 8) | hibit;
    uint64_t d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 + (uint64_t)h3 * s2 + (uint64_t)h4 * s1;
    uint64_t d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 + (uint64_t)h3 * s3 + (uint64_t)h4 * s2;
    uint64_t d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 + (uint64_t)h3 * s4 + (uint64_t)h4 * s3;
    uint64_t d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 + (uint64_t)h3 * r0 + (uint64_t)h4 * s4;
    uint64_t d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 + (uint64_t)h3 * r1 + (uint64_t)h4 * r0;
    uint64_t c = d0 >> 26;
    h0 = (uint32_t)d0 & mask;
    d1 += c;
    c = d1 >> 26;
    h1 = (uint32_t)d1 & mask;
    d2 += c;
    c = d2 >> 26;
    h2 = (uint32_t)d2 & mask;
    d3 += c;
    c = d3 >> 26;
    h3 = (uint32_t)d3 & mask;
    d4 += c;
    c = d4 >> 26;
    h4 = (uint32_t)d4 & mask;
    h0 += (uint32_t)c * 5; /* 2^130 = 5 mod p */
    h1 += h0 >> 26;
    h0 &= mask;
    m += n;
    len -= n;
  }
  /* full carry, then h mod p: take h - p when h >= p */
  uint32_t c = h1 >> 26;
  h1 &= mask;
  h2 += c;
  c = h2 >> 26;
  h2 &= mask;
  h3 += c;
  c = h3 >> 26;
  h3 &= mask;
  h4 += c;
  c = h4 >> 26;
  h4 &= mask;
  h0 += c * 5;
  c = h0 >> 26;
  h0 &= mask;
  h1 += c;
  uint32_t g0 = h0 + 5;
  c = g0 >> 26;
  g0 &= mask;
  uint32_t g1 = h1 + c;
  c = g1 >> 26;
  g1 &= mask;
  uint32_t g2 = h2 + c;
  c = g2 >> 26;
  g2 &= mask;
  uint32_t g3 = h3 + c;
  c = g3 >> 26;
  g3 &= mask;
  uint32_t g4 = h4 + c - (1u << 26);
  uint32_t use_g = (g4 >> 31) - 1; /* all ones when g4 did not borrow: h >= p */
  h0 = (h0 & ~use_g) | (g0 & use_g);
  h1 = (h1 & ~use_g) | (g1 & use_g);
  h2 = (h2 & ~use_g) | (g2 & use_g);
  h3 = (h3 & ~use_g) | (g3 & use_g);
  h4 = (h4 & ~use_g) | (g4 & use_g);
  /* h mod 2^128 as four words, plus s */
  uint32_t w0 = h0 | h1 << 26;
  uint32_t w1 = h1 >> 6 | h2 << 20;
  uint32_t w2 = h2 >> 12 | h3 << 14;
  uint32_t w3 = h3 >> 18 | h4 << 8;
  uint64_t f = (uint64_t)w0 + load32_le(key + 16);
  store32_le(tag, (uint32_t)f);
  f = (uint64_t)w1 + load32_le(key + 20) + (f >> 32);
  store32_le(tag + 4, (uint32_t)f);
  f = (uint64_t)w2 + load32_le(key + 24) + (f >> 32);
  store32_le(tag + 8, (uint32_t)f);
  f = (uint64_t)w3 + load32_le(key + 28) + (f >> 32);
  store32_le(tag + 12, (uint32_t)f);
}

/* ---------- X25519 (RFC 7748) ---------- */

/* An element of GF(2^255-19): value = sum limb[i] * 2^(16 i); limbs may leave [0, 2^16) between carries. */
typedef struct {
  int64_t limb[16];
} fe;

/* Moves each limb's overflow into the next; the top limb's wraps as 38 * carry (2^256 = 38). */
static void fe_carry(fe *a) {
  for (int i = 0; i < 16; i++) {
    int64_t carry = a->limb[i] >> 16; /* floor division: clang shifts arithmetically */
    a->limb[i] -= carry * 65536;
    if (i < 15) {
      a->limb[i + 1] += carry;
    } else {
      a->limb[0] += 38 * carry;
    }
  }
}

static void fe_add(fe *o, const fe *a, const fe *b) {
  for (int i = 0; i < 16; i++) o->limb[i] = a->limb[i] + b->limb[i];
}

static void fe_sub(fe *o, const fe *a, const fe *b) {
  for (int i = 0; i < 16; i++) o->limb[i] = a->limb[i] - b->limb[i];
}

static void fe_mul(fe *o, const fe *a, const fe *b) {
  int64_t t[31] = {0};
  for (int i = 0; i < 16; i++) {
    for (int j = 0; j < 16; j++) {
      t[i + j] += a->limb[i] * b->limb[j];
    }
  }
  for (int i = 0; i < 15; i++) {
    t[i] += 38 * t[i + 16];
  }
  fe r;
  memcpy(r.limb, t, sizeof r.limb);
  fe_carry(&r);
  fe_carry(&r);
  *o = r;
}

static void fe_sq(fe *o, const fe *a) { fe_mul(o, a, a); }

/* Swaps a and b when bit is 1, without a branch on it. */
static void fe_cswap(fe *a, fe *b, int64_t bit) {
  int64_t mask = -bit;
  for (int i = 0; i < 16; i++) {
    int64_t t = mask & (a->limb[i] ^ b->limb[i]);
    a->limb[i] ^= t;
    b->limb[i] ^= t;
  }
}

static void fe_from_bytes(fe *o, const uint8_t s[32]) {
  for (int i = 0; i < 16; i++) {
    o->limb[i] = (int64_t)s[2 * i] | (int64_t)s[2 * i + 1] << 8;
  }
  o->limb[15] &= 0x7fff; /* RFC 7748: the top bit of u is ignored */
}

/* The canonical encoding: carried, then p subtracted while the value is at least p. */
static void fe_to_bytes(uint8_t s[32], const fe *a) {
  fe t = *a;
  fe_carry(&t);
  fe_carry(&t);
  fe_carry(&t);
  for (int pass = 0; pass < 2; pass++) {
    fe m;
    /* m = t - p, p = 2^255 - 19: limb 0 takes -0xffed, limbs 1-14 -0xffff, limb 15 -0x7fff */
    int64_t borrow = 0;
    for (int i = 0; i < 16; i++) {
      int64_t pl = i == 0 ? 0xffed : (i == 15 ? 0x7fff : 0xffff);
      int64_t v = t.limb[i] - pl - borrow;
      borrow = (v >> 16) & 1;
      m.limb[i] = v & 0xffff;
    }
    /* no borrow out of the top: t >= p, keep m */
    fe_cswap(&t, &m, 1 - borrow);
  }
  for (int i = 0; i < 16; i++) {
    s[2 * i] = (uint8_t)t.limb[i];
    s[2 * i + 1] = (uint8_t)(t.limb[i] >> 8);
  }
}

/* a^(p-2) = 1/a; p-2 = 2^255 - 21 has every bit of 0..254 set but bits 2 and 4. */
static void fe_invert(fe *o, const fe *a) {
  fe r = *a;
  for (int bit = 253; bit >= 0; bit--) {
    fe_sq(&r, &r);
    if (bit != 2 && bit != 4) {
      fe_mul(&r, &r, a);
    }
  }
  *o = r;
}

/* RFC 7748 section 5: out = X25519(scalar, u). */
static void x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
  uint8_t k[32];
  memcpy(k, scalar, 32);
  k[0] &= 248;
  k[31] &= 127;
  k[31] |= 64;
  fe x1, x2 = {{1}}, z2 = {{0}}, x3, z3 = {{1}};
  fe a24 = {{0xdb41, 1}}; /* 121665 = 0x1db41 */
  fe_from_bytes(&x1, u);
  x3 = x1;
  int64_t swap = 0;
  for (int t = 254; t >= 0; t--) {
    int64_t kt = (k[t >> 3] >> (t & 7)) & 1;
    swap ^= kt;
    fe_cswap(&x2, &x3, swap);
    fe_cswap(&z2, &z3, swap);
    swap = kt;
    fe A, AA, B, BB, E, C, D, DA, CB, tmp;
    fe_add(&A, &x2, &z2);
    fe_sq(&AA, &A);
    fe_sub(&B, &x2, &z2);
    fe_sq(&BB, &B);
    fe_sub(&E, &AA, &BB);
    fe_add(&C, &x3, &z3);
    fe_sub(&D, &x3, &z3);
    fe_mul(&DA, &D, &A);
    fe_mul(&CB, &C, &B);
    fe_add(&tmp, &DA, &CB);
    fe_sq(&x3, &tmp);
    fe_sub(&tmp, &DA, &CB);
    fe_sq(&tmp, &tmp);
    fe_mul(&z3, &x1, &tmp);
    fe_mul(&x2, &AA, &BB);
    fe_mul(&tmp, &a24, &E);
    fe_add(&tmp, &AA, &tmp);
    fe_mul(&z2, &E, &tmp);
  }
  fe_cswap(&x2, &x3, swap);
  fe_cswap(&z2, &z3, swap);
  fe_invert(&z2, &z2);
  fe_mul(&x2, &x2, &z2);
  fe_to_bytes(out, &x2);
}

static const uint8_t X25519_BASE[32] = {9};

/* ---------- crypto_box_easy: X25519 + HSalsa20 + XSalsa20-Poly1305 ---------- */

#define BOX_MACBYTES 16

/* The box key: HSalsa20 of the X25519 shared secret with a zero input. */
static void box_beforenm(uint8_t k[32], const uint8_t pk[32], const uint8_t sk[32]) {
  static const uint8_t zero[16] = {0};
  uint8_t shared[32];
  x25519(shared, sk, pk);
  hsalsa20(k, zero, shared, SALSA_SIGMA);
}

/* c = tag(16) || ciphertext(len): the Poly1305 key is the first 32 keystream bytes. */
static void secretbox_easy(uint8_t *c, const uint8_t *m, size_t len, const uint8_t nonce[24], const uint8_t k[32]) {
  uint8_t polykey[32] = {0};
  xsalsa20_xor(polykey, polykey, 32, nonce, k, 0);
  xsalsa20_xor(c + BOX_MACBYTES, m, len, nonce, k, 32);
  poly1305(c, c + BOX_MACBYTES, len, polykey);
}

/* Returns 0 and the plaintext when the tag verifies, -1 (m untouched) otherwise. */
static int secretbox_open_easy(uint8_t *m, const uint8_t *c, size_t clen, const uint8_t nonce[24], const uint8_t k[32]) {
  if (clen < BOX_MACBYTES) {
    return -1;
  }
  uint8_t polykey[32] = {0}, tag[16];
  xsalsa20_xor(polykey, polykey, 32, nonce, k, 0);
  poly1305(tag, c + BOX_MACBYTES, clen - BOX_MACBYTES, polykey);
  uint8_t diff = 0;
  for (int i = 0; i < 16; i++) {
    diff |= tag[i] ^ c[i];
  }
  if (diff != 0) {
    return -1;
  }
  xsalsa20_xor(m, c + BOX_MACBYTES, clen - BOX_MACBYTES, nonce, k, 32);
  return 0;
}

#endif
