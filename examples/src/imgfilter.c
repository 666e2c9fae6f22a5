/*
 * imgfilter: an 8-bit grayscale image pipeline written with WebAssembly SIMD
 * intrinsics (wasm_simd128.h, clang -msimd128), repeated. Each round blurs the image
 * with a 1-2-1 kernel horizontally and vertically (bytes widened to 16-bit lanes,
 * summed, rounded, narrowed back with saturation), takes a Sobel gradient magnitude
 * (16-bit lanes, absolute values, saturating narrow), counts the edge pixels above a
 * threshold (byte compares, bitmask, popcount), tone-maps the blurred image through
 * f32x4 (convert, sqrt, multiply-add, saturating truncation) and mixes it back into
 * the image with a rounding average, so every round depends on the one before; a band
 * of rows gets new noise each round, so the image never settles.
 * Checks the vector kernels against scalar versions on a small image first, then
 * prints the edge count and an FNV-1a hash of the final image.
 *
 * usage: imgfilter.wasm [ROUNDS]   (default sized for about a second under a JIT)
 */
#include <wasm_simd128.h>

#include "wasmoon_io.h"

#define DEFAULT_ROUNDS 1500u
#define W 512
#define H 512

/* One pixel of padding on every side, so the kernels read neighbours without branches. */
#define STRIDE (W + 32)
static uint8_t img[(H + 2) * STRIDE], tmp[(H + 2) * STRIDE], blur[(H + 2) * STRIDE], edges[(H + 2) * STRIDE];

static uint32_t seed = 2463534242u;

static uint32_t next_random(void) {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed;
}

static uint8_t *row(uint8_t *p, int y) {
  return p + (y + 1) * STRIDE + 16;
}

/* Repeats the edge pixels into the padding (left, right, top and bottom). */
static void pad(uint8_t *p, int w, int h) {
  for (int y = 0; y < h; y++) {
    uint8_t *r = row(p, y);
    r[-1] = r[0];
    r[w] = r[w - 1];
  }
  memcpy(row(p, -1) - 1, row(p, 0) - 1, (size_t)w + 2);
  memcpy(row(p, h) - 1, row(p, h - 1) - 1, (size_t)w + 2);
}

/* (a + 2b + c + 2) >> 2 for 16 bytes, in 16-bit lanes. */
static v128_t smooth(v128_t a, v128_t b, v128_t c) {
  v128_t two = wasm_i16x8_splat(2);
  v128_t lo = wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(a), wasm_u16x8_extend_low_u8x16(c)),
                             wasm_i16x8_shl(wasm_u16x8_extend_low_u8x16(b), 1));
  v128_t hi = wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(a), wasm_u16x8_extend_high_u8x16(c)),
                             wasm_i16x8_shl(wasm_u16x8_extend_high_u8x16(b), 1));
  lo = wasm_u16x8_shr(wasm_i16x8_add(lo, two), 2);
  hi = wasm_u16x8_shr(wasm_i16x8_add(hi, two), 2);
  return wasm_u8x16_narrow_i16x8(lo, hi);
}

static void blur_simd(uint8_t *dst, uint8_t *scratch, uint8_t *src, int w, int h) {
  for (int y = 0; y < h; y++) {
    const uint8_t *s = row(src, y);
    uint8_t *d = row(scratch, y);
    for (int x = 0; x < w; x += 16) {
      wasm_v128_store(d + x, smooth(wasm_v128_load(s + x - 1), wasm_v128_load(s + x), wasm_v128_load(s + x + 1)));
    }
  }
  pad(scratch, w, h);
  for (int y = 0; y < h; y++) {
    uint8_t *d = row(dst, y);
    for (int x = 0; x < w; x += 16) {
      wasm_v128_store(d + x, smooth(wasm_v128_load(row(scratch, y - 1) + x), wasm_v128_load(row(scratch, y) + x),
                                    wasm_v128_load(row(scratch, y + 1) + x)));
    }
  }
  pad(dst, w, h);
}

static void blur_scalar(uint8_t *dst, uint8_t *scratch, uint8_t *src, int w, int h) {
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const uint8_t *s = row(src, y) + x;
      row(scratch, y)[x] = (uint8_t)((s[-1] + 2 * s[0] + s[1] + 2) >> 2);
    }
  }
  pad(scratch, w, h);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      row(dst, y)[x] = (uint8_t)((row(scratch, y - 1)[x] + 2 * row(scratch, y)[x] + row(scratch, y + 1)[x] + 2) >> 2);
    }
  }
  pad(dst, w, h);
}

/* |gx| + |gy| of the Sobel operator for 8 pixels (16-bit lanes) at p, rows apart by STRIDE. */
static v128_t sobel8(const uint8_t *p, int high) {
  v128_t r[3][3];
  for (int dy = 0; dy < 3; dy++) {
    for (int dx = 0; dx < 3; dx++) {
      v128_t v = wasm_v128_load(p + (dy - 1) * STRIDE + dx - 1);
      r[dy][dx] = high ? wasm_u16x8_extend_high_u8x16(v) : wasm_u16x8_extend_low_u8x16(v);
    }
  }
  v128_t gx = wasm_i16x8_sub(wasm_i16x8_add(wasm_i16x8_add(r[0][2], wasm_i16x8_shl(r[1][2], 1)), r[2][2]),
                             wasm_i16x8_add(wasm_i16x8_add(r[0][0], wasm_i16x8_shl(r[1][0], 1)), r[2][0]));
  v128_t gy = wasm_i16x8_sub(wasm_i16x8_add(wasm_i16x8_add(r[2][0], wasm_i16x8_shl(r[2][1], 1)), r[2][2]),
                             wasm_i16x8_add(wasm_i16x8_add(r[0][0], wasm_i16x8_shl(r[0][1], 1)), r[0][2]));
  return wasm_i16x8_add_sat(wasm_i16x8_abs(gx), wasm_i16x8_abs(gy));
}

/* Gradient magnitudes (saturated to a byte) into dst; returns how many exceed threshold. */
static uint32_t sobel_simd(uint8_t *dst, uint8_t *src, int w, int h, uint8_t threshold) {
  uint32_t count = 0;
  v128_t t = wasm_u8x16_splat(threshold);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x += 16) {
      const uint8_t *p = row(src, y) + x;
      v128_t m = wasm_u8x16_narrow_i16x8(sobel8(p, 0), sobel8(p, 1));
      wasm_v128_store(row(dst, y) + x, m);
      count += (uint32_t)__builtin_popcount(wasm_i8x16_bitmask(wasm_u8x16_gt(m, t)));
    }
  }
  return count;
}

static uint32_t sobel_scalar(uint8_t *dst, uint8_t *src, int w, int h, uint8_t threshold) {
  uint32_t count = 0;
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const uint8_t *p = row(src, y) + x;
      int gx = (p[-STRIDE + 1] + 2 * p[1] + p[STRIDE + 1]) - (p[-STRIDE - 1] + 2 * p[-1] + p[STRIDE - 1]);
      int gy = (p[STRIDE - 1] + 2 * p[STRIDE] + p[STRIDE + 1]) - (p[-STRIDE - 1] + 2 * p[-STRIDE] + p[-STRIDE + 1]);
      int m = (gx < 0 ? -gx : gx) + (gy < 0 ? -gy : gy);
      uint8_t v = (uint8_t)(m > 255 ? 255 : m);
      row(dst, y)[x] = v;
      count += v > threshold;
    }
  }
  return count;
}

/*
 * img = avgr(img, tone(blur)) per byte, where tone(v) = sqrt(v) * 15.9 + edge / 8, truncated and
 * saturated: f32x4 lanes from the 32-bit widening of the bytes.
 */
static void tone_mix(uint8_t *dst, const uint8_t *b, const uint8_t *e, int w, int h) {
  v128_t k = wasm_f32x4_splat(15.9f);
  v128_t eighth = wasm_f32x4_splat(0.125f);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x += 16) {
      v128_t bv = wasm_v128_load(row((uint8_t *)b, y) + x);
      v128_t ev = wasm_v128_load(row((uint8_t *)e, y) + x);
      v128_t b16[2] = {wasm_u16x8_extend_low_u8x16(bv), wasm_u16x8_extend_high_u8x16(bv)};
      v128_t e16[2] = {wasm_u16x8_extend_low_u8x16(ev), wasm_u16x8_extend_high_u8x16(ev)};
      v128_t out16[2];
      for (int half = 0; half < 2; half++) {
        v128_t q[2];
        for (int quarter = 0; quarter < 2; quarter++) {
          v128_t b32 = quarter ? wasm_u32x4_extend_high_u16x8(b16[half]) : wasm_u32x4_extend_low_u16x8(b16[half]);
          v128_t e32 = quarter ? wasm_u32x4_extend_high_u16x8(e16[half]) : wasm_u32x4_extend_low_u16x8(e16[half]);
          v128_t f = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_sqrt(wasm_f32x4_convert_i32x4(b32)), k),
                                    wasm_f32x4_mul(wasm_f32x4_convert_i32x4(e32), eighth));
          q[quarter] = wasm_i32x4_trunc_sat_f32x4(f);
        }
        out16[half] = wasm_u16x8_narrow_i32x4(q[0], q[1]);
      }
      v128_t tone = wasm_u8x16_narrow_i16x8(out16[0], out16[1]);
      uint8_t *d = row(dst, y) + x;
      wasm_v128_store(d, wasm_u8x16_avgr(wasm_v128_load(d), tone));
    }
  }
  pad(dst, w, h);
}

/* FNV-1a over the image's pixels (padding excluded). */
static uint32_t hash(uint8_t *p, int w, int h) {
  uint32_t x = 2166136261u;
  for (int y = 0; y < h; y++) {
    for (int i = 0; i < w; i++) {
      x = (x ^ row(p, y)[i]) * 16777619u;
    }
  }
  return x;
}

static void fill(uint8_t *p, int w, int h) {
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      uint32_t noise = next_random() & 63;
      row(p, y)[x] = (uint8_t)(((x * 3 + y * 5) & 127) + ((x / 64 + y / 64) & 1 ? 96 : 0) + noise / 2);
    }
  }
  pad(p, w, h);
}

static void fail(const char *what) {
  out_str("selftest FAILED: ");
  out_str(what);
  out_str("\n");
  exit(1);
}

/* The vector kernels against scalar ones on a 64 x 48 image. */
static void selftest(void) {
  static uint8_t a[(H + 2) * STRIDE], b[(H + 2) * STRIDE];
  fill(img, 64, 48);
  blur_simd(a, tmp, img, 64, 48);
  blur_scalar(b, tmp, img, 64, 48);
  if (hash(a, 64, 48) != hash(b, 64, 48)) {
    fail("blur");
  }
  uint32_t ca = sobel_simd(a, img, 64, 48, 100);
  uint32_t cb = sobel_scalar(b, img, 64, 48, 100);
  if (ca != cb || hash(a, 64, 48) != hash(b, 64, 48)) {
    fail("sobel");
  }
}

int main(int argc, char **argv) {
  uint32_t rounds = count_arg(argc, argv, DEFAULT_ROUNDS);
  selftest();
  out_str("selftest ok\n");
  fill(img, W, H);
  uint64_t total = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    blur_simd(blur, tmp, img, W, H);
    total += sobel_simd(edges, blur, W, H, (uint8_t)(24 + r % 16));
    tone_mix(img, blur, edges, W, H);
    /* new detail in a band of rows each round, so the image never settles */
    for (int y = (int)(r * 37 % (H - 8)), end = y + 8; y < end; y++) {
      for (int x = 0; x < W; x++) {
        row(img, y)[x] ^= (uint8_t)(next_random() & 0x3F);
      }
    }
    pad(img, W, H);
  }
  out_str("imgfilter: ");
  out_u64(rounds);
  out_str(" rounds of ");
  out_u64(W);
  out_str("x");
  out_u64(H);
  out_str("\nedges ");
  out_u64(total);
  out_str("\nhash ");
  uint32_t hv = hash(img, W, H);
  uint8_t be[4] = {(uint8_t)(hv >> 24), (uint8_t)(hv >> 16), (uint8_t)(hv >> 8), (uint8_t)hv};
  out_hex(be, 4);
  out_str("\n");
  return 0;
}
