/*
 * matmul: dense single-precision matrix multiply, repeated. C = A * B for 128 x 128
 * float matrices filled from a fixed pseudo-random sequence; after each round one
 * row of C, scaled down, replaces a row of A (so every round depends on the one
 * before), and that row's sum goes into a double checksum. Checks a small product
 * first, then prints the checksum in decimal and as bits.
 *
 * usage: matmul.wasm [ROUNDS]   (default sized for about a second under a JIT)
 */
#include "wasmoon_io.h"

#define DEFAULT_ROUNDS 400u
#define N 128

static float A[N * N], B[N * N], C[N * N];

static uint32_t seed = 12345;

/* A float in [-0.5, 0.5) with 16 significant bits, from a 32-bit LCG. */
static float next_value(void) {
  seed = seed * 1103515245u + 12345u;
  return (float)((seed >> 8) & 0xFFFF) / 65536.0f - 0.5f;
}

/* c = a * b for n x n row-major matrices (i-k-j order: the inner loop runs along rows). */
static void multiply(float *c, const float *a, const float *b, int n) {
  for (int i = 0; i < n; i++) {
    float *ci = c + i * n;
    for (int j = 0; j < n; j++) {
      ci[j] = 0.0f;
    }
    for (int k = 0; k < n; k++) {
      float aik = a[i * n + k];
      const float *bk = b + k * n;
      for (int j = 0; j < n; j++) {
        ci[j] += aik * bk[j];
      }
    }
  }
}

static void selftest(void) {
  static const float a[4] = {1.5f, -2.0f, 0.25f, 4.0f};
  static const float b[4] = {2.0f, 0.5f, -1.0f, 8.0f};
  static const float want[4] = {5.0f, -15.25f, -3.5f, 32.125f};
  float c[4];
  multiply(c, a, b, 2);
  for (int i = 0; i < 4; i++) {
    if (c[i] != want[i]) {
      out_str("selftest FAILED: 2x2 product\n");
      exit(1);
    }
  }
}

int main(int argc, char **argv) {
  uint32_t rounds = count_arg(argc, argv, DEFAULT_ROUNDS);
  selftest();
  out_str("selftest ok\n");
  for (int i = 0; i < N * N; i++) {
    A[i] = next_value();
    B[i] = next_value();
  }
  double checksum = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    multiply(C, A, B, N);
    int row = (int)(r % N);
    float sum = 0.0f;
    for (int j = 0; j < N; j++) {
      sum += C[row * N + j];
      A[row * N + j] = C[row * N + j] * 0.0625f;
    }
    checksum = checksum * 0.5 + (double)sum;
  }
  out_str("matmul: ");
  out_u64(rounds);
  out_str(" rounds of 128x128\nchecksum ");
  out_fixed(checksum, 6);
  out_str("\nbits ");
  out_bits64(checksum);
  out_str("\n");
  return 0;
}
