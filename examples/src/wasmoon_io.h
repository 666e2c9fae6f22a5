/*
 * Output and argument helpers shared by wasmoon's C workloads: text goes through
 * write(2) alone (no printf), so the modules stay small and import only
 * args_get, args_sizes_get, fd_write and proc_exit.
 */
#ifndef WASMOON_IO_H
#define WASMOON_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void out_str(const char *s) {
  size_t n = strlen(s);
  while (n > 0) {
    ssize_t w = write(1, s, n);
    if (w <= 0) {
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

static void out_u64(uint64_t v) {
  char buf[24];
  int i = 23;
  buf[i] = 0;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out_str(buf + i);
}

static void out_hex(const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  char buf[129];
  while (n > 0) {
    size_t chunk = n > 64 ? 64 : n;
    for (size_t i = 0; i < chunk; i++) {
      buf[2 * i] = digits[p[i] >> 4];
      buf[2 * i + 1] = digits[p[i] & 15];
    }
    buf[2 * chunk] = 0;
    out_str(buf);
    p += chunk;
    n -= chunk;
  }
}

/* The bits of v as 16 hex digits (exact, for floating-point checksums). */
static void out_bits64(double v) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  uint8_t be[8];
  for (int i = 0; i < 8; i++) {
    be[i] = (uint8_t)(bits >> (56 - 8 * i));
  }
  out_hex(be, 8);
}

/* v with `decimals` digits after the point, rounded half up on the magnitude (|v| < 1.8e10). */
static void out_fixed(double v, int decimals) {
  if (v < 0) {
    out_str("-");
    v = -v;
  }
  uint64_t scale = 1;
  for (int i = 0; i < decimals; i++) {
    scale *= 10;
  }
  uint64_t scaled = (uint64_t)(v * (double)scale + 0.5);
  out_u64(scaled / scale);
  if (decimals > 0) {
    char buf[24];
    uint64_t frac = scaled % scale;
    for (int i = decimals - 1; i >= 0; i--) {
      buf[i] = (char)('0' + frac % 10);
      frac /= 10;
    }
    buf[decimals] = 0;
    out_str(".");
    out_str(buf);
  }
}

/* The count from argv[1] (a positive decimal), else the default. */
static uint32_t count_arg(int argc, char **argv, uint32_t dflt) {
  if (argc < 2) {
    return dflt;
  }
  uint32_t v = 0;
  for (const char *s = argv[1]; *s; s++) {
    if (*s < '0' || *s > '9') {
      out_str("usage: a positive decimal count\n");
      exit(2);
    }
    v = v * 10 + (uint32_t)(*s - '0');
  }
  return v == 0 ? dflt : v;
}

#endif
