package wasm.ir.testing;

import java.util.Random;

/**
 * Random WAT modules of counted loops over memory, the shapes bounds-check
 * versioning handles and the ones it must leave alone: a counter from
 * {@code init} stepping by a constant up to a limit, tested after the step
 * (do-while: {@code br_if (lt_u|le_u|lt_s|le_s|ne (tee i (i+step)) limit)}) or
 * before the body (while: {@code br_if $exit (eqz (cmp i limit))}), with loads
 * and stores at {@code base + (i << s)}, {@code base + i*m}, {@code base - i}
 * or {@code base}, constants added to those (negative ones and sums that wrap
 * included), static offsets, {@code memory.grow} and global writes now and
 * then, and inner loops; and counters that run down by a constant to zero
 * ({@code br_if (tee i (i - step))}) or to a limit ({@code ne}), with the accesses
 * through a second variable, a pointer that steps by a stride of its own, at a
 * negative constant from it (nbody's {@code b[j].x} as {@code p - 48}).
 *
 * <p>The first loop of every function is <em>planned</em>: its bounds are
 * constants and its base is placed so that its widest access first goes out of
 * bounds at the first, a middle or the last iteration (or never), after a store
 * of the same iteration and of every earlier one: the trap must come at the
 * same access with the same memory behind it. Other loops take bounds and
 * bases from the parameters. Every loop ends within about a hundred
 * iterations, wrap-around of the counter included.
 *
 * <p>Each module has memory "mem" (1 page, at most 3), globals "g0" (i32) and
 * "g1" (i64), and exports {@code f0..fN} of type {@code (i32, i64) -> i32}.
 */
public final class CountedLoopPrograms {
    /** Where the planned loop traps. */
    public enum TrapPlan {
        FIRST, MIDDLE, LAST, NONE
    }

    private static final String[] TESTS = {"i32.lt_u", "i32.le_u", "i32.lt_s", "i32.le_s", "i32.ne"};
    private static final long[] INTERESTING = {0, 1, 2, 7, 16, 63, 64, 255, 4096, 65532, 65535, 65536, -1, -4, -16,
        0x7fffffffL, 0x80000000L};

    private final Random rnd;
    private final int functions;
    private final TrapPlan[] plans;
    private int labels;

    private CountedLoopPrograms(long seed) {
        this.rnd = new Random(seed);
        this.functions = 1 + rnd.nextInt(3);
        this.plans = new TrapPlan[functions];
        for (int f = 0; f < functions; f++) {
            plans[f] = TrapPlan.values()[rnd.nextInt(TrapPlan.values().length)];
        }
    }

    /** The module of {@code seed}: same seed, same text. */
    public static String module(long seed) {
        return new CountedLoopPrograms(seed).module();
    }

    /** The trap plan of function {@code f} of the module of {@code seed} (for statistics). */
    public static TrapPlan plan(long seed, int f) {
        CountedLoopPrograms p = new CountedLoopPrograms(seed);
        return f < p.functions ? p.plans[f] : TrapPlan.NONE;
    }

    /** Arguments {@code (i32, i64)} for the exported functions: small values, interesting ones, random ones. */
    public static long[][] arguments(long seed, int count) {
        Random r = new Random(seed ^ 0x9E3779B97F4A7C15L);
        long[][] out = new long[count][];
        for (int i = 0; i < count; i++) {
            long a = switch (r.nextInt(3)) {
                case 0 -> INTERESTING[r.nextInt(INTERESTING.length)];
                case 1 -> r.nextInt(128);
                default -> r.nextInt();
            };
            long b = r.nextInt(3) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(70000);
            out[i] = new long[] {(int) a, b};
        }
        return out;
    }

    private String module() {
        StringBuilder sb = new StringBuilder("(module\n");
        sb.append("  (memory (export \"mem\") 1 3)\n");
        sb.append("  (global $g0 (export \"g0\") (mut i32) (i32.const 0))\n");
        sb.append("  (global $g1 (export \"g1\") (mut i64) (i64.const 0))\n");
        for (int f = 0; f < functions; f++) {
            function(f, sb);
        }
        return sb.append(")\n").toString();
    }

    private void function(int f, StringBuilder sb) {
        sb.append("  (func $f").append(f).append(" (export \"f").append(f)
                .append("\") (param $a i32) (param $b i64) (result i32)\n");
        sb.append("    (local $i0 i32) (local $i1 i32) (local $acc i32) (local $lim0 i32) (local $lim1 i32)")
                .append(" (local $base0 i32) (local $base1 i32) (local $fp i32)\n");
        plannedLoop(plans[f], sb);
        int more = rnd.nextInt(3);
        for (int k = 0; k < more; k++) {
            randomLoop(0, sb);
        }
        sb.append("    (i32.add (local.get $acc) (global.get $g0))\n  )\n");
    }

    // ---- the planned loop: constant bounds, a base that makes it trap where planned

    private void plannedLoop(TrapPlan plan, StringBuilder sb) {
        if (rnd.nextInt(3) == 0) {
            plannedDownLoop(plan, sb);
            return;
        }
        String test = TESTS[rnd.nextInt(TESTS.length)];
        boolean whileShape = rnd.nextBoolean();
        int step = 1 + rnd.nextInt(4);
        int init = rnd.nextInt(3) == 0 ? rnd.nextInt(40) : 0;
        int iterations = 1 + rnd.nextInt(12);
        // counts to init + iterations * step: ne meets it exactly, the others stop at it
        int limit = init + iterations * step;
        int[] values = counterValues(test, whileShape, init, step, limit);
        int shift = rnd.nextInt(4);
        int size = 1 << rnd.nextInt(4);
        int offset = rnd.nextBoolean() ? 0 : rnd.nextInt(24);
        String load = size == 1 ? "i32.load8_u" : size == 2 ? "i32.load16_u" : size == 4 ? "i32.load" : "i64.load";
        String store = size == 1 ? "i32.store8" : size == 2 ? "i32.store16" : size == 4 ? "i32.store" : "i64.store";
        long base;
        if (plan == TrapPlan.NONE || values.length == 0) {
            base = rnd.nextInt(256);
        } else {
            int t = switch (plan) {
                case FIRST -> 0;
                case MIDDLE -> values.length / 2;
                default -> values.length - 1;
            };
            // the access of iteration t ends one byte past the page; those before it fit
            long index = (long) values[t] << shift;
            base = 65536 - size - offset - index + 1;
        }
        sb.append("    (local.set $base0 (i32.const ").append((int) base).append("))\n");
        sb.append("    (local.set $lim0 (i32.const ").append(limit).append("))\n");
        sb.append("    (local.set $i0 (i32.const ").append(init).append("))\n");
        String addr = "(i32.add (local.get $base0) (i32.shl (local.get $i0) (i32.const " + shift + ")))";
        // part of the offset as a constant added to the address (the same bytes: the sum stays far
        // below 2^32), which the fast copy folds back into the offset
        int addend = offset > 0 && rnd.nextBoolean() ? rnd.nextInt(offset + 1) : 0;
        if (addend > 0) {
            addr = "(i32.add " + addr + " (i32.const " + addend + "))";
            offset -= addend;
        }
        String value = size == 8 ? "(i64.extend_i32_u (i32.add (local.get $i0) (local.get $acc)))"
                : "(i32.add (local.get $i0) (local.get $acc))";
        String loaded = size == 8 ? "(i32.wrap_i64 (" + load + offset(offset) + " " + addr + "))"
                : "(" + load + offset(offset) + " " + addr + ")";
        // a store of the same iteration before the access that may trap (it must stay visible)
        String low = "(i32.store8 (i32.and (i32.add (local.get $i0) (i32.const 100)) (i32.const 0xffff)) (local.get $i0))";
        String body = low + " (" + store + offset(offset) + " " + addr + " " + value + ")"
                + " (local.set $acc (i32.add (local.get $acc) " + loaded + "))";
        loop(0, test, whileShape, step, "(local.get $lim0)", body, sb);
    }

    /**
     * A counter from {@code limit + iterations * step} down by {@code step} to {@code limit} (zero: the
     * test is the counter itself), and a pointer {@code p} from {@code base} up by {@code stride}, the
     * accesses at {@code p + delta} ({@code delta <= 0}), the widest going out of bounds at the planned
     * iteration; without a plan the base may also lie below {@code -delta}, so that the first address
     * wraps around below zero.
     */
    private void plannedDownLoop(TrapPlan plan, StringBuilder sb) {
        int iterations = 1 + rnd.nextInt(12);
        int step = 1 + rnd.nextInt(3);
        boolean toZero = rnd.nextBoolean();
        int limit = toZero ? 0 : rnd.nextInt(20);
        int init = limit + iterations * step;
        int stride = 1 + rnd.nextInt(64);
        int delta = rnd.nextBoolean() ? 0 : -(1 + rnd.nextInt(60));
        int size = 1 << rnd.nextInt(4);
        int offset = rnd.nextBoolean() ? 0 : rnd.nextInt(24);
        String load = size == 1 ? "i32.load8_u" : size == 2 ? "i32.load16_u" : size == 4 ? "i32.load" : "i64.load";
        String store = size == 1 ? "i32.store8" : size == 2 ? "i32.store16" : size == 4 ? "i32.store" : "i64.store";
        long base = switch (plan) {
            case NONE -> rnd.nextInt(4) == 0 ? rnd.nextInt(64) : -delta + rnd.nextInt(256);
            case FIRST -> 65536 - size - offset - delta + 1;
            case MIDDLE -> 65536 - size - offset - delta - (long) stride * (iterations / 2) + 1;
            case LAST -> 65536 - size - offset - delta - (long) stride * (iterations - 1) + 1;
        };
        sb.append("    (local.set $base1 (i32.const ").append((int) base).append("))\n");
        sb.append("    (local.set $i0 (i32.const ").append(init).append("))\n");
        String addr = pointerPlus(delta);
        // a second read at another constant from the pointer (one bound covers both)
        String near = "(local.set $acc (i32.xor (local.get $acc) (i32.load8_u " + pointerPlus(-rnd.nextInt(1 - delta))
                + ")))";
        String value = size == 8 ? "(i64.extend_i32_u (i32.add (local.get $i0) (local.get $acc)))"
                : "(i32.add (local.get $i0) (local.get $acc))";
        String loaded = size == 8 ? "(i32.wrap_i64 (" + load + offset(offset) + " " + addr + "))"
                : "(" + load + offset(offset) + " " + addr + ")";
        String low = "(i32.store8 (i32.and (i32.add (local.get $i0) (i32.const 100)) (i32.const 0xffff)) (local.get $i0))";
        String next = rnd.nextBoolean() ? "(local.tee $i0 (i32.add (local.get $i0) (i32.const " + -step + ")))"
                : "(local.tee $i0 (i32.sub (local.get $i0) (i32.const " + step + ")))";
        String test = toZero ? next : "(i32.ne " + next + " (i32.const " + limit + "))";
        int label = labels++;
        sb.append("    (loop $l").append(label).append(' ').append(low).append(" (").append(store).append(offset(offset))
                .append(' ').append(addr).append(' ').append(value).append(") (local.set $acc (i32.add (local.get $acc) ")
                .append(loaded).append(")) ").append(near).append(" (local.set $base1 (i32.add (local.get $base1) (i32.const ").append(stride)
                .append("))) (br_if $l").append(label).append(' ').append(test).append("))\n");
    }

    /** {@code p + delta} for {@code delta <= 0}, written as an add of a negative constant or a subtract. */
    private String pointerPlus(int delta) {
        if (delta == 0) {
            return "(local.get $base1)";
        }
        return rnd.nextBoolean() ? "(i32.add (local.get $base1) (i32.const " + delta + "))"
                : "(i32.sub (local.get $base1) (i32.const " + -delta + "))";
    }

    /** The counter values the body sees, in order (the loops stay short by construction). */
    private static int[] counterValues(String test, boolean whileShape, int init, int step, int limit) {
        int[] out = new int[256];
        int n = 0;
        int i = init;
        while (n < out.length) {
            if (whileShape && !holds(test, i, limit)) {
                break;
            }
            out[n++] = i;
            i += step;
            if (!whileShape && !holds(test, i, limit)) {
                break;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean holds(String test, int i, int limit) {
        return switch (test) {
            case "i32.lt_u" -> Integer.compareUnsigned(i, limit) < 0;
            case "i32.le_u" -> Integer.compareUnsigned(i, limit) <= 0;
            case "i32.lt_s" -> i < limit;
            case "i32.le_s" -> i <= limit;
            default -> i != limit;
        };
    }

    // ---- other loops: bounds and bases from the parameters

    private void randomLoop(int depth, StringBuilder sb) {
        String i = "$i" + depth;
        String lim = "$lim" + depth;
        String base = "$base" + depth;
        String test = TESTS[rnd.nextInt(TESTS.length)];
        boolean whileShape = rnd.nextBoolean();
        int step = 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 16);
        String init;
        String limit;
        if (test.equals("i32.ne")) {
            // the limit is an exact number of steps away, so ne ends the loop
            int start = rnd.nextInt(16);
            init = "(i32.const " + start + ")";
            limit = "(i32.const " + (start + (1 + rnd.nextInt(10)) * step) + ")";
        } else if (test.endsWith("_u") && rnd.nextInt(6) == 0) {
            // a counter that wraps around before it meets the limit
            init = "(i32.const " + (-1 - rnd.nextInt(8) * step) + ")";
            limit = "(i32.const " + rnd.nextInt(40) + ")";
        } else {
            // a negative start only under a signed test: unsigned, it is a counter near 2^32
            // that would run to the top before a limit near 2^32 stops it
            boolean signed = test.endsWith("_s");
            init = switch (rnd.nextInt(3)) {
                case 0 -> "(i32.and (local.get $a) (i32.const 31))";
                case 1 -> signed ? "(i32.sub (i32.and (local.get $a) (i32.const 31)) (i32.const 8))"
                        : "(i32.and (local.get $a) (i32.const 7))";
                default -> "(i32.const " + rnd.nextInt(20) + ")";
            };
            limit = switch (rnd.nextInt(3)) {
                case 0 -> "(i32.and (i32.wrap_i64 (local.get $b)) (i32.const 63))";
                case 1 -> "(i32.add " + init + " (i32.const " + rnd.nextInt(40) + "))";
                default -> "(i32.const " + rnd.nextInt(60) + ")";
            };
        }
        String baseExpr = switch (rnd.nextInt(5)) {
            case 0 -> "(i32.and (i32.wrap_i64 (local.get $b)) (i32.const 0x1fffc))";
            case 4 -> "(i32.const " + rnd.nextInt(16) + ")"; // a sum with a negative constant wraps below 0
            case 1 -> "(i32.const " + (65536 - rnd.nextInt(300)) + ")";
            case 2 -> "(local.get $a)";
            default -> "(i32.const " + rnd.nextInt(1024) + ")";
        };
        sb.append("    (local.set ").append(base).append(' ').append(baseExpr).append(")\n");
        sb.append("    (local.set ").append(lim).append(' ').append(limit).append(")\n");
        sb.append("    (local.set ").append(i).append(' ').append(init).append(")\n");
        StringBuilder body = new StringBuilder();
        int statements = 1 + rnd.nextInt(3);
        for (int k = 0; k < statements; k++) {
            body.append(bodyStatement(depth, i, base)).append(' ');
        }
        if (depth == 0 && rnd.nextInt(4) == 0) {
            StringBuilder inner = new StringBuilder();
            randomLoop(1, inner);
            body.append(inner.toString().replace('\n', ' '));
        }
        loop(depth, test, whileShape, step, "(local.get " + lim + ")", body.toString(), sb);
    }

    private String bodyStatement(int depth, String i, String base) {
        if (rnd.nextInt(4) == 0) {
            // a frame: a load checks base up to K + 4, then stores at base + k, inside those bytes
            // or (now and then) past them, where only their own check may decide
            // (the frame may end right at the end of the page: the load fits, a store past it traps)
            int k = 4 + rnd.nextInt(60);
            int at = rnd.nextInt(3) == 0 ? k + rnd.nextInt(16) : rnd.nextInt(k + 1);
            String store = rnd.nextBoolean() ? "i32.store8" : k - at >= 4 && rnd.nextBoolean() ? "i64.store" : "i32.store";
            String value = store.equals("i64.store") ? "(i64.extend_i32_u (local.get " + i + "))" : "(local.get " + i + ")";
            String fp = rnd.nextBoolean() ? "(local.tee $fp (local.get " + base + "))"
                    : "(local.tee $fp (i32.sub (i32.const " + (65532 - k) + ") (i32.and (local.get $a) (i32.const 3))))";
            return "(local.set $acc (i32.add (local.get $acc) (i32.load offset=" + k + " " + fp + ")))"
                    + " (" + store + " (i32.add (local.get $fp) (i32.const " + at + ")) " + value + ")";
        }
        String addr = switch (rnd.nextInt(5)) {
            case 0 -> "(i32.add (local.get " + base + ") (local.get " + i + "))";
            case 1 -> "(i32.add (local.get " + base + ") (i32.shl (local.get " + i + ") (i32.const " + rnd.nextInt(4)
                    + ")))";
            case 2 -> "(i32.add (i32.mul (local.get " + i + ") (i32.const " + (1 + rnd.nextInt(12)) + ")) (local.get "
                    + base + "))";
            case 3 -> "(i32.sub (local.get " + base + ") (local.get " + i + "))";
            default -> "(local.get " + base + ")";
        };
        // a constant added to the address: folded into the offset where a check of the rest covers
        // the access (in a loop's fast copy, or after an access with a larger offset); negative
        // ones and sums that wrap at 2^32 must stay as they are
        addr = switch (rnd.nextInt(6)) {
            case 0 -> "(i32.add " + addr + " (i32.const " + rnd.nextInt(24) + "))";
            case 1 -> "(i32.add (i32.const " + rnd.nextInt(400) + ") " + addr + ")";
            case 2 -> "(i32.add (i32.add " + addr + " (i32.const " + (rnd.nextBoolean() ? rnd.nextInt(8) : -rnd.nextInt(64))
                    + ")) (i32.const " + (rnd.nextBoolean() ? rnd.nextInt(80) : -rnd.nextInt(8)) + "))";
            default -> addr;
        };
        String off = offset(rnd.nextInt(3) == 0 ? rnd.nextInt(70000) : rnd.nextInt(8));
        return switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> "(i32.store" + (rnd.nextBoolean() ? "8" : "") + off + " " + addr + " (local.get " + i + "))";
            case 3 -> "(i64.store" + off + " " + addr + " (i64.extend_i32_s (local.get $acc)))";
            case 4, 5, 6 -> "(local.set $acc (i32.add (local.get $acc) (i32.load" + (rnd.nextBoolean() ? "8_s" : "")
                    + off + " " + addr + ")))";
            case 7 -> "(local.set $acc (i32.xor (local.get $acc) (i32.wrap_i64 (i64.load" + off + " " + addr + "))))";
            case 8 -> rnd.nextBoolean() ? "(drop (memory.grow (i32.const 1)))" : "(global.set $g0 (local.get " + i + "))";
            default -> "(global.set $g1 (i64.add (global.get $g1) (i64.extend_i32_u (local.get " + i + "))))";
        };
    }

    private void loop(int depth, String test, boolean whileShape, int step, String limit, String body, StringBuilder sb) {
        String i = "$i" + depth;
        String next = "(i32.add (local.get " + i + ") (i32.const " + step + "))";
        int label = labels++;
        if (whileShape) {
            sb.append("    (block $x").append(label).append(" (loop $l").append(label)
                    .append(" (br_if $x").append(label).append(" (i32.eqz (").append(test).append(" (local.get ")
                    .append(i).append(") ").append(limit).append("))) ").append(body).append(" (local.set ").append(i)
                    .append(' ').append(next).append(") (br $l").append(label).append(")))\n");
        } else {
            sb.append("    (loop $l").append(label).append(' ').append(body).append(" (br_if $l").append(label)
                    .append(" (").append(test).append(" (local.tee ").append(i).append(' ').append(next).append(") ")
                    .append(limit).append(")))\n");
        }
    }

    private static String offset(int offset) {
        return offset == 0 ? "" : " offset=" + offset;
    }
}
