package wasm.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import wasm.ir.testing.FloatEdges;

/**
 * Random modules over the vector instructions, for differential testing of the JIT against the
 * interpreter (SimdDifferentialProperties). Every function takes {@code (v128 $a, v128 $b, v128 $c,
 * i32 $s, i32 $p)}: three vectors with edge lanes of every shape (NaN payloads, infinities, -0,
 * saturation and conversion limits), a shift count or lane value, and an address that is sometimes
 * out of bounds (a trap both tiers must agree on).
 *
 * <p>Expressions are typed by how deterministic their bits are. Integer and bit-level code is
 * {@code exact}; float arithmetic ({@code f32x4.add}, sqrt, min, rounding, demote, madd ...)
 * leaves a NaN's payload open in Wasm, so an {@code arith} value of one float shape flows only
 * into arithmetic of that shape, comparisons and saturating truncations (whose results are exact
 * again) or the function's result, which is then compared lane by lane with NaN for NaN. Stores
 * write exact values only, so memory must match bit for bit.
 */
final class SimdPrograms {
    /** A function of the module: its export name, whether it returns an i32, its float shape if arith. */
    record Func(String name, boolean i32Result, String arithShape) {
    }

    record Program(String wat, List<Func> functions) {
    }

    private static final String PARAMS = "(param $a v128) (param $b v128) (param $c v128) (param $s i32) (param $p i32)";
    private static final String[] SHAPES = {"i8x16", "i16x8", "i32x4", "i64x2"};
    private static final String[] FLOATS = {"f32x4", "f64x2"};

    private final Random r;
    private final StringBuilder funcs = new StringBuilder();
    private final List<Func> functions = new ArrayList<>();

    private SimdPrograms(long seed) {
        this.r = new Random(seed);
    }

    static Program program(long seed) {
        return new SimdPrograms(seed).build();
    }

    /** {@code count} argument lists for the program of {@code seed} (a, b, c as two longs each, s, p). */
    static long[][] arguments(long seed, int count) {
        SimdPrograms g = new SimdPrograms(~seed);
        long[][] out = new long[count][];
        for (int k = 0; k < count; k++) {
            out[k] = g.arguments();
        }
        return out;
    }

    private <T> T pick(T[] xs) {
        return xs[r.nextInt(xs.length)];
    }

    private Program build() {
        int n = 3 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(10);
            String name = "f" + k;
            if (kind < 4) {
                body(name, exact(3 + r.nextInt(2)), false, null);
            } else if (kind < 7) {
                String shape = pick(FLOATS);
                body(name, arith(shape, 3), false, shape);
            } else if (kind < 8) {
                body(name, scalar(), true, null);
            } else if (kind < 9) {
                body(name, stores(), true, null);
            } else if (r.nextBoolean()) {
                body(name, pressure(), false, null);
            } else {
                body(name, loop(), false, null);
            }
        }
        StringBuilder data = new StringBuilder();
        for (int k = 0; k < 64; k++) {
            data.append(String.format("\\%02x", (int) (lane(4) & 0xFF)));
        }
        String wat = "(module\n  (memory (export \"mem\") 1)\n  (data (i32.const 0) \"" + data + "\")\n"
                + "  (global $g (mut v128) " + vconst() + ")\n"
                + "  (func $wide (param v128 v128 v128 v128 v128 v128 v128 v128 v128 i32 v128) (result v128)\n"
                + "    (i32x4.add (local.get 10) (i8x16.sub (local.get 8) (i64x2.splat (i64.extend_i32_s (local.get 9))))))\n"
                + funcs + ")\n";
        return new Program(wat, functions);
    }

    private void body(String name, String expr, boolean i32, String arithShape) {
        funcs.append("  (func (export \"").append(name).append("\") ").append(PARAMS)
                .append(i32 ? " (result i32)" : " (result v128)").append("\n    ").append(expr).append(")\n");
        functions.add(new Func(name, i32, arithShape));
    }

    // ---- values -------------------------------------------------------------------------------

    /** An edge value of a lane of {@code bytes} bytes, sometimes a random one. */
    long lane(int bytes) {
        long[] ints = {0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L,
            0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, 0x55, 0xAAAA};
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong();
            case 1 -> ints[r.nextInt(ints.length)] * (r.nextBoolean() ? 1 : -1);
            default -> ints[r.nextInt(ints.length)];
        };
    }

    private static final long[] F64_LIMITS = {0x41DFFFFFFFC00000L /* 2^31-1 */, 0xC1E0000000000000L /* -2^31 */,
        0x41EFFFFFFFE00000L /* 2^32-1 */, 0xC1E0000000100000L /* -2^31-0.5 */, 0x41DFFFFFFFE00000L /* 2^31-0.5 */};

    /** Two longs: a vector whose lanes are edge values of one random shape. */
    long[] vector() {
        long[] v = new long[2];
        int shape = r.nextInt(6);
        for (int half = 0; half < 2; half++) {
            long x = 0;
            switch (shape) {
                case 4 -> {
                    for (int k = 0; k < 2; k++) {
                        x |= (FloatEdges.f32(r) & 0xFFFF_FFFFL) << (32 * k);
                    }
                }
                case 5 -> x = r.nextInt(4) == 0 ? F64_LIMITS[r.nextInt(F64_LIMITS.length)] : FloatEdges.f64(r);
                default -> {
                    int bytes = 1 << shape;
                    for (int k = 0; k < 8; k += bytes) {
                        long mask = bytes == 8 ? -1 : (1L << (8 * bytes)) - 1;
                        x |= (lane(bytes) & mask) << (8 * k);
                    }
                }
            }
            v[half] = x;
        }
        return v;
    }

    private String vconst() {
        long[] v = vector();
        return "(v128.const i64x2 " + v[0] + " " + v[1] + ")";
    }

    /** Arguments of one call: a, b, c (two longs each), s, p. */
    long[] arguments() {
        long[] a = vector();
        long[] b = vector();
        long[] c = vector();
        int[] counts = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, -1, 0x7FFF_FFFF};
        int[] addresses = {0, 1, 8, 100, 4096, 65520, 65528, 65530, 65535, 65536, -16, -1};
        int s = r.nextInt(3) == 0 ? r.nextInt() : counts[r.nextInt(counts.length)];
        int p = r.nextInt(3) == 0 ? r.nextInt(65536) : addresses[r.nextInt(addresses.length)];
        return new long[] {a[0], a[1], b[0], b[1], c[0], c[1], s, p};
    }

    // ---- expressions --------------------------------------------------------------------------

    /** An address: mostly masked into the first page, sometimes the raw argument (may trap). */
    private String address() {
        return r.nextInt(5) == 0 ? "(local.get $p)" : "(i32.and (local.get $p) (i32.const 0x3ff0))";
    }

    private String leaf() {
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> "(local.get $a)";
            case 3, 4 -> "(local.get $b)";
            case 5 -> "(local.get $c)";
            case 6 -> vconst();
            case 7 -> "(global.get $g)";
            case 8 -> "(v128.load offset=" + (16 * r.nextInt(3)) + " " + address() + ")";
            case 9 -> "(" + pick(new String[] {"v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s",
                "v128.load16x4_u", "v128.load32x2_s", "v128.load32x2_u", "v128.load8_splat", "v128.load16_splat",
                "v128.load32_splat", "v128.load64_splat", "v128.load32_zero", "v128.load64_zero"}) + " offset=3 "
                    + address() + ")";
            case 10 -> splat();
            default -> "(call $wide (local.get $a) (local.get $b) (local.get $c) (local.get $a) (local.get $b) "
                    + "(local.get $c) (local.get $a) (local.get $b) (local.get $c) (local.get $s) (local.get $a))";
        };
    }

    private String splat() {
        return switch (r.nextInt(5)) {
            case 0 -> "(i8x16.splat (local.get $s))";
            case 1 -> "(i16x8.splat (local.get $s))";
            case 2 -> "(i32x4.splat (local.get $s))";
            case 3 -> "(i64x2.splat (i64.extend_i32_u (local.get $s)))";
            default -> "(i32x4.splat (i32.const " + (int) lane(4) + "))";
        };
    }

    private int laneCount(String shape) {
        return switch (shape) {
            case "i8x16" -> 16;
            case "i16x8" -> 8;
            case "i32x4", "f32x4" -> 4;
            default -> 2;
        };
    }

    /** A scalar for a lane of {@code shape}: the argument, a constant or another vector's lane. */
    private String laneValue(String shape, int depth) {
        String from = exact(depth);
        return switch (shape) {
            case "i64x2" -> r.nextBoolean() ? "(i64.extend_i32_s (local.get $s))"
                    : "(i64x2.extract_lane " + r.nextInt(2) + " " + from + ")";
            case "f32x4" -> "(f32x4.extract_lane " + r.nextInt(4) + " " + from + ")";
            case "f64x2" -> "(f64x2.extract_lane " + r.nextInt(2) + " " + from + ")";
            default -> r.nextBoolean() ? "(local.get $s)" : "(i32x4.extract_lane " + r.nextInt(4) + " " + from + ")";
        };
    }

    private static final String[] INT_BINARY = {
        "i8x16.add", "i16x8.add", "i32x4.add", "i64x2.add", "i8x16.sub", "i16x8.sub", "i32x4.sub", "i64x2.sub",
        "i16x8.mul", "i32x4.mul", "i64x2.mul", "i8x16.add_sat_s", "i8x16.add_sat_u", "i16x8.add_sat_s",
        "i16x8.add_sat_u", "i8x16.sub_sat_s", "i8x16.sub_sat_u", "i16x8.sub_sat_s", "i16x8.sub_sat_u",
        "i8x16.min_s", "i8x16.min_u", "i8x16.max_s", "i8x16.max_u", "i16x8.min_s", "i16x8.min_u", "i16x8.max_s",
        "i16x8.max_u", "i32x4.min_s", "i32x4.min_u", "i32x4.max_s", "i32x4.max_u", "i8x16.avgr_u", "i16x8.avgr_u",
        "i16x8.q15mulr_sat_s", "i32x4.dot_i16x8_s", "i8x16.narrow_i16x8_s", "i8x16.narrow_i16x8_u",
        "i16x8.narrow_i32x4_s", "i16x8.narrow_i32x4_u", "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_s",
        "i16x8.extmul_low_i8x16_u", "i16x8.extmul_high_i8x16_u", "i32x4.extmul_low_i16x8_s",
        "i32x4.extmul_high_i16x8_s", "i32x4.extmul_low_i16x8_u", "i32x4.extmul_high_i16x8_u",
        "i64x2.extmul_low_i32x4_s", "i64x2.extmul_high_i32x4_s", "i64x2.extmul_low_i32x4_u",
        "i64x2.extmul_high_i32x4_u", "i8x16.swizzle", "i8x16.relaxed_swizzle", "i16x8.relaxed_q15mulr_s",
        "i16x8.relaxed_dot_i8x16_i7x16_s", "v128.and", "v128.or", "v128.xor", "v128.andnot",
        "i8x16.eq", "i8x16.ne", "i8x16.lt_s", "i8x16.lt_u", "i8x16.gt_s", "i8x16.gt_u", "i8x16.le_s", "i8x16.le_u",
        "i8x16.ge_s", "i8x16.ge_u", "i16x8.eq", "i16x8.ne", "i16x8.lt_s", "i16x8.lt_u", "i16x8.gt_s", "i16x8.gt_u",
        "i16x8.le_s", "i16x8.le_u", "i16x8.ge_s", "i16x8.ge_u", "i32x4.eq", "i32x4.ne", "i32x4.lt_s", "i32x4.lt_u",
        "i32x4.gt_s", "i32x4.gt_u", "i32x4.le_s", "i32x4.le_u", "i32x4.ge_s", "i32x4.ge_u", "i64x2.eq", "i64x2.ne",
        "i64x2.lt_s", "i64x2.gt_s", "i64x2.le_s", "i64x2.ge_s",
        // bit-exact on floats: they return one of their operands' bits
        "f32x4.pmin", "f32x4.pmax", "f64x2.pmin", "f64x2.pmax", "f32x4.relaxed_min", "f32x4.relaxed_max",
        "f64x2.relaxed_min", "f64x2.relaxed_max"};
    private static final String[] INT_UNARY = {
        "v128.not", "i8x16.abs", "i16x8.abs", "i32x4.abs", "i64x2.abs", "i8x16.neg", "i16x8.neg", "i32x4.neg",
        "i64x2.neg", "i8x16.popcnt", "i16x8.extend_low_i8x16_s", "i16x8.extend_high_i8x16_s",
        "i16x8.extend_low_i8x16_u", "i16x8.extend_high_i8x16_u", "i32x4.extend_low_i16x8_s",
        "i32x4.extend_high_i16x8_s", "i32x4.extend_low_i16x8_u", "i32x4.extend_high_i16x8_u",
        "i64x2.extend_low_i32x4_s", "i64x2.extend_high_i32x4_s", "i64x2.extend_low_i32x4_u",
        "i64x2.extend_high_i32x4_u", "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u",
        "i32x4.extadd_pairwise_i16x8_s", "i32x4.extadd_pairwise_i16x8_u", "f32x4.abs", "f32x4.neg", "f64x2.abs",
        "f64x2.neg", "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u", "f64x2.convert_low_i32x4_s",
        "f64x2.convert_low_i32x4_u"};
    /** Float to int conversions: exact whatever NaN they meet. */
    private static final String[] TRUNCATIONS = {
        "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u", "i32x4.trunc_sat_f64x2_s_zero",
        "i32x4.trunc_sat_f64x2_u_zero", "i32x4.relaxed_trunc_f32x4_s", "i32x4.relaxed_trunc_f32x4_u",
        "i32x4.relaxed_trunc_f64x2_s_zero", "i32x4.relaxed_trunc_f64x2_u_zero"};
    private static final String[] FLOAT_COMPARE = {"eq", "ne", "lt", "gt", "le", "ge"};
    private static final String[] SHIFTS = {"shl", "shr_s", "shr_u"};

    /** An exact vector expression of about {@code depth} levels. */
    String exact(int depth) {
        if (depth <= 0) {
            return leaf();
        }
        int d = depth - 1;
        return switch (r.nextInt(16)) {
            case 0, 1, 2, 3 -> "(" + pick(INT_BINARY) + " " + exact(d) + " " + exact(d) + ")";
            case 4, 5 -> "(" + pick(INT_UNARY) + " " + exact(d) + ")";
            case 6 -> {
                String count = r.nextBoolean() ? "(local.get $s)" : "(i32.const " + r.nextInt(70) + ")";
                yield "(" + pick(SHAPES) + "." + pick(SHIFTS) + " " + exact(d) + " " + count + ")";
            }
            case 7 -> {
                StringBuilder sb = new StringBuilder("(i8x16.shuffle");
                boolean oneSide = r.nextInt(3) == 0;
                int base = r.nextBoolean() ? 0 : 16;
                for (int k = 0; k < 16; k++) {
                    sb.append(' ').append(oneSide ? base + r.nextInt(16) : r.nextInt(32));
                }
                yield sb.append(' ').append(exact(d)).append(' ').append(exact(d)).append(')').toString();
            }
            case 8 -> switch (r.nextInt(3)) {
                case 0 -> "(v128.bitselect " + exact(d) + " " + exact(d) + " " + exact(d) + ")";
                case 1 -> "(" + pick(SHAPES) + ".relaxed_laneselect " + exact(d) + " " + exact(d) + " " + exact(d) + ")";
                default -> "(i32x4.relaxed_dot_i8x16_i7x16_add_s " + exact(d) + " " + exact(d) + " " + exact(d) + ")";
            };
            case 9 -> {
                String shape = pick(FLOATS);
                String operand = r.nextBoolean() ? arith(shape, d) : exact(d);
                yield "(" + shape + "." + pick(FLOAT_COMPARE) + " " + operand + " " + exact(d) + ")";
            }
            case 10 -> {
                String t = pick(TRUNCATIONS);
                String from = t.contains("f32x4") ? "f32x4" : "f64x2";
                yield "(" + t + " " + (r.nextBoolean() ? arith(from, d) : exact(d)) + ")";
            }
            case 11 -> {
                String shape = r.nextInt(3) == 0 ? pick(FLOATS) : pick(SHAPES);
                yield "(" + shape + ".replace_lane " + r.nextInt(laneCount(shape)) + " " + exact(d) + " "
                        + laneValue(shape, d) + ")";
            }
            case 12 -> {
                String[] widths = {"8", "16", "32", "64"};
                int w = r.nextInt(4);
                yield "(v128.load" + widths[w] + "_lane offset=" + r.nextInt(8) + " " + r.nextInt(16 >> w) + " "
                        + address() + " " + exact(d) + ")";
            }
            case 13 -> {
                String shape = pick(FLOATS);
                yield "(" + shape + ".splat " + laneValue(shape, d) + ")";
            }
            case 14 -> gather();
            default -> leaf();
        };
    }

    /** How a gather reads one lane as an i32, and how many lanes the source shape has. */
    private static final String[][] LANE_READS = {{"i32x4.extract_lane", "4"}, {"i16x8.extract_lane_u", "8"},
        {"i16x8.extract_lane_s", "8"}, {"i8x16.extract_lane_u", "16"}, {"i8x16.extract_lane_s", "16"}};

    /**
     * A vector built lane by lane from consecutive lanes of one parameter, converted or not: a splat
     * of the first and replace_lane of the others, as clang emits a widening conversion that Wasm
     * has no instruction for (the e-graph's lane-gather rules fold it into vector instructions).
     * Now and then one lane reads out of order, which must keep the rules from firing.
     */
    private String gather() {
        String src = "(local.get " + pick(new String[] {"$a", "$b", "$c"}) + ")";
        String[] read = pick(LANE_READS);
        int sourceLanes = Integer.parseInt(read[1]);
        int base = 4 * r.nextInt(sourceLanes / 4);
        String shape;
        String convert;
        switch (r.nextInt(4)) {
            case 0 -> {
                shape = "i32x4";
                convert = null;
            }
            case 1 -> {
                shape = "f32x4";
                convert = "f32.convert_i32_s";
            }
            case 2 -> {
                shape = "f32x4";
                convert = "f32.convert_i32_u";
            }
            default -> {
                shape = "f64x2";
                convert = r.nextBoolean() ? "f64.convert_i32_s" : "f64.convert_i32_u";
            }
        }
        int lanes = laneCount(shape);
        String v = null;
        for (int i = 0; i < lanes; i++) {
            int lane = r.nextInt(6) == 0 ? r.nextInt(sourceLanes) : base + i;
            String value = "(" + read[0] + " " + lane + " " + src + ")";
            if (convert != null) {
                value = "(" + convert + " " + value + ")";
            }
            v = i == 0 ? "(" + shape + ".splat " + value + ")"
                    : "(" + shape + ".replace_lane " + i + " " + v + " " + value + ")";
        }
        return v;
    }

    private static final String[] ARITH_BINARY = {"add", "sub", "mul", "div", "min", "max"};
    private static final String[] ARITH_UNARY = {"sqrt", "ceil", "floor", "trunc", "nearest"};

    /** A float vector of {@code shape} whose NaN lanes may carry any payload. */
    String arith(String shape, int depth) {
        if (depth <= 0) {
            return exact(0);
        }
        int d = depth - 1;
        return switch (r.nextInt(7)) {
            case 0, 1, 2 -> "(" + shape + "." + pick(ARITH_BINARY) + " " + arith(shape, d) + " " + arith(shape, d) + ")";
            case 3 -> "(" + shape + "." + pick(ARITH_UNARY) + " " + arith(shape, d) + ")";
            case 4 -> "(" + shape + "." + (r.nextBoolean() ? "relaxed_madd" : "relaxed_nmadd") + " " + arith(shape, d)
                    + " " + arith(shape, d) + " " + arith(shape, d) + ")";
            case 5 -> shape.equals("f32x4") ? "(f32x4.demote_f64x2_zero " + arith("f64x2", d) + ")"
                    : "(f64x2.promote_low_f32x4 " + arith("f32x4", d) + ")";
            default -> exact(d);
        };
    }

    /** A function returning an i32 read from vectors. */
    private String scalar() {
        String v = exact(3);
        return switch (r.nextInt(6)) {
            case 0 -> "(i8x16.extract_lane_" + (r.nextBoolean() ? "s " : "u ") + r.nextInt(16) + " " + v + ")";
            case 1 -> "(i16x8.extract_lane_" + (r.nextBoolean() ? "s " : "u ") + r.nextInt(8) + " " + v + ")";
            case 2 -> "(v128.any_true " + v + ")";
            case 3 -> "(" + pick(SHAPES) + ".all_true " + v + ")";
            case 4 -> "(" + pick(SHAPES) + ".bitmask " + v + ")";
            default -> "(i32.wrap_i64 (i64x2.extract_lane " + r.nextInt(2) + " " + v + "))";
        };
    }

    /** Stores of exact vectors (whole, lanes, the global), then a value read back. */
    private String stores() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            switch (r.nextInt(3)) {
                case 0 -> sb.append("(v128.store offset=").append(r.nextInt(40)).append(' ').append(address())
                        .append(' ').append(exact(2)).append(")\n    ");
                case 1 -> {
                    String[] widths = {"8", "16", "32", "64"};
                    int w = r.nextInt(4);
                    sb.append("(v128.store").append(widths[w]).append("_lane offset=").append(r.nextInt(20)).append(' ')
                            .append(r.nextInt(16 >> w)).append(' ').append(address()).append(' ').append(exact(2))
                            .append(")\n    ");
                }
                default -> sb.append("(global.set $g ").append(exact(2)).append(")\n    ");
            }
        }
        return sb + "(i32.add (i8x16.bitmask (global.get $g)) (i32.load " + address() + "))";
    }

    /**
     * A loop carrying more vectors than there are xmm registers, permuted and updated every
     * iteration ({@code $s & 7} of them): its back edge's parallel move copies 16-byte spill slots.
     */
    private String loop() {
        int n = 16 + r.nextInt(6);
        StringBuilder sb = new StringBuilder("(local $i i32)");
        for (int k = 0; k < n; k++) {
            sb.append(" (local $v").append(k).append(" v128)");
        }
        sb.append("\n    ");
        for (int k = 0; k < n; k++) {
            sb.append("(local.set $v").append(k).append(' ').append(k % 3 == 0 ? exact(1) : leaf()).append(")\n    ");
        }
        sb.append("(local.set $i (i32.and (local.get $s) (i32.const 7)))\n    (block $done (loop $next\n")
                .append("      (br_if $done (i32.eqz (local.get $i)))\n");
        // a rotation by a random step through a temporary, then one lane-wise update
        int step = 1 + r.nextInt(n - 1);
        sb.append("      (local.set $a (local.get $v0))\n");
        int at = 0;
        for (int k = 0; k < n - 1; k++) {
            int next = (at + step) % n;
            if (next == 0) {
                break;
            }
            sb.append("      (local.set $v").append(at).append(" (local.get $v").append(next).append("))\n");
            at = next;
        }
        sb.append("      (local.set $v").append(at).append(" (").append(pick(INT_BINARY))
                .append(" (local.get $a) (local.get $v").append((at + 1) % n).append(")))\n")
                .append("      (local.set $i (i32.sub (local.get $i) (i32.const 1)))\n      (br $next)))\n    ");
        String sum = "(local.get $v0)";
        for (int k = 1; k < n; k++) {
            sum = "(" + pick(new String[] {"i32x4.add", "v128.xor", "i8x16.sub", "i64x2.add"}) + " " + sum
                    + " (local.get $v" + k + "))";
        }
        return sb + sum;
    }

    /** More live vectors than xmm registers, some across a call: spills and reloads of 16 bytes. */
    private String pressure() {
        int n = 18 + r.nextInt(6);
        StringBuilder locals = new StringBuilder("(local");
        StringBuilder sets = new StringBuilder();
        for (int k = 0; k < n; k++) {
            locals.append(" v128");
            sets.append("(local.set ").append(5 + k).append(' ').append(k == n / 2
                    ? "(call $wide (local.get $a) (local.get $b) (local.get $c) (local.get $a) (local.get $b) "
                            + "(local.get $c) (local.get $a) (local.get $b) (local.get 5) (local.get $s) (local.get 6))"
                    : "(" + pick(INT_BINARY) + " " + (k == 0 ? "(local.get $a)" : "(local.get " + (4 + k) + ")") + " "
                            + exact(1) + ")").append(")\n    ");
        }
        String sum = "(local.get 5)";
        for (int k = 1; k < n; k++) {
            sum = "(" + pick(new String[] {"i32x4.add", "v128.xor", "i8x16.sub", "i64x2.add"}) + " " + sum
                    + " (local.get " + (5 + k) + "))";
        }
        return locals + ")\n    " + sets + sum;
    }
}
