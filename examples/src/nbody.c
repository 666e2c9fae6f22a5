/*
 * nbody: the Jovian planets and the sun, integrated with the simple symplectic
 * scheme of the Computer Language Benchmarks Game's n-body (double precision,
 * sqrt, divisions, a struct array). Checks itself against the published energy
 * after 1000 steps, then prints the energy before and after the run (9 decimals)
 * and the final energy's bits.
 *
 * usage: nbody.wasm [STEPS]   (default sized for about a second under a JIT)
 */
#include "wasmoon_io.h"

#include <math.h>

#define DEFAULT_STEPS 10000000u
#define BODIES 5
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

typedef struct {
  double x, y, z, vx, vy, vz, mass;
} body;

static const body INITIAL[BODIES] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS}, /* sun */
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS}, /* jupiter */
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS}, /* saturn */
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS}, /* uranus */
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS}, /* neptune */
};

static void advance(body *b, double dt) {
  for (int i = 0; i < BODIES; i++) {
    for (int j = i + 1; j < BODIES; j++) {
      double dx = b[i].x - b[j].x;
      double dy = b[i].y - b[j].y;
      double dz = b[i].z - b[j].z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      b[i].vx -= dx * b[j].mass * mag;
      b[i].vy -= dy * b[j].mass * mag;
      b[i].vz -= dz * b[j].mass * mag;
      b[j].vx += dx * b[i].mass * mag;
      b[j].vy += dy * b[i].mass * mag;
      b[j].vz += dz * b[i].mass * mag;
    }
  }
  for (int i = 0; i < BODIES; i++) {
    b[i].x += dt * b[i].vx;
    b[i].y += dt * b[i].vy;
    b[i].z += dt * b[i].vz;
  }
}

static double energy(const body *b) {
  double e = 0;
  for (int i = 0; i < BODIES; i++) {
    e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    for (int j = i + 1; j < BODIES; j++) {
      double dx = b[i].x - b[j].x;
      double dy = b[i].y - b[j].y;
      double dz = b[i].z - b[j].z;
      e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

/* The sun moves so that the system's total momentum is zero. */
static void offset_momentum(body *b) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < BODIES; i++) {
    px += b[i].vx * b[i].mass;
    py += b[i].vy * b[i].mass;
    pz += b[i].vz * b[i].mass;
  }
  b[0].vx = -px / SOLAR_MASS;
  b[0].vy = -py / SOLAR_MASS;
  b[0].vz = -pz / SOLAR_MASS;
}

static void start(body *b) {
  memcpy(b, INITIAL, sizeof INITIAL);
  offset_momentum(b);
}

/* The Benchmarks Game's published output for 1000 steps. */
static void selftest(void) {
  body b[BODIES];
  start(b);
  double before = energy(b);
  for (int i = 0; i < 1000; i++) {
    advance(b, 0.01);
  }
  double after = energy(b);
  if ((int64_t)(before * 1e9 - 0.5) != -169075164 || (int64_t)(after * 1e9 - 0.5) != -169087605) {
    out_str("selftest FAILED: energies ");
    out_fixed(before, 9);
    out_str(" ");
    out_fixed(after, 9);
    out_str(", want -0.169075164 -0.169087605\n");
    exit(1);
  }
}

int main(int argc, char **argv) {
  uint32_t steps = count_arg(argc, argv, DEFAULT_STEPS);
  selftest();
  out_str("selftest ok\n");
  body b[BODIES];
  start(b);
  out_fixed(energy(b), 9);
  out_str("\n");
  for (uint32_t i = 0; i < steps; i++) {
    advance(b, 0.01);
  }
  double e = energy(b);
  out_fixed(e, 9);
  out_str("\nnbody: ");
  out_u64(steps);
  out_str(" steps\nbits ");
  out_bits64(e);
  out_str("\n");
  return 0;
}
