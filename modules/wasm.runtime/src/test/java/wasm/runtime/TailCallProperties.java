package wasm.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Tail calls, differentially: generated pairs of mutually tail-recursive functions with random
 * signatures (0 to 14 parameters of all four number types besides the counter, so stack arguments
 * of both classes, and callees with more, fewer or as many stack arguments as their caller, whose
 * stack area the JIT resizes in place) pass each other their parameters picked at random (permuted,
 * repeated, transformed), directly or
 * through the table (sometimes reaching a slot of the wrong type or an empty one: the traps), and
 * count their calls in globals. The JIT at -O0/-O1/-O2, strict and all native, must agree with the
 * interpreter on results, traps, memory and globals ({@link JitDifferentialProperties#checkSame}).
 */
class TailCallProperties {
    private static final String[] TYPES = {"i32", "i64", "f32", "f64"};

    @Property(tries = 60)
    void jitAgreesWithTheInterpreter(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int optLevel) {
        Random r = new Random(seed);
        List<String> a = signature(r);
        List<String> b = signature(r);
        String wat = module(r, a, b);
        // 100,000: a long chain, each call resizing the stack area when the signatures differ
        int[] depths = {0, 1, 2, 5, 50, 1000, 100_000};
        long[][] args = new long[depths.length][];
        for (int k = 0; k < depths.length; k++) {
            args[k] = new long[1 + a.size()];
            args[k][0] = depths[k];
            for (int p = 0; p < a.size(); p++) {
                args[k][1 + p] = switch (a.get(p)) {
                    case "i32", "f32" -> r.nextInt();
                    default -> r.nextLong();
                };
            }
        }
        JitDifferentialProperties.checkSame(wat, args, optLevel, true);
        Statistics.label("stack slots").collect(stackSlots(a) + " -> " + stackSlots(b));
    }

    private static List<String> signature(Random r) {
        List<String> types = new ArrayList<>();
        // mostly past the argument registers, so that stack arguments move
        int n = r.nextInt(4) == 0 ? r.nextInt(6) : 6 + r.nextInt(9);
        for (int k = 0; k < n; k++) {
            types.add(TYPES[r.nextInt(TYPES.length)]);
        }
        return types;
    }

    /** Stack slots of (i32 counter, types...) under the JIT ABI (six integer, eight float registers). */
    private static int stackSlots(List<String> types) {
        int ints = 1;
        int floats = 0;
        int stack = 0;
        for (String t : types) {
            if (t.startsWith("f") ? floats++ >= 8 : ints++ >= 6) {
                stack++;
            }
        }
        return stack;
    }

    private static String module(Random r, List<String> a, List<String> b) {
        StringBuilder sb = new StringBuilder("(module\n");
        sb.append("  (type $ta (func (param i32").append(params(a)).append(") (result i64)))\n");
        sb.append("  (type $tb (func (param i32").append(params(b)).append(") (result i64)))\n");
        sb.append("  (memory (export \"mem\") 1)\n");
        sb.append("  (global $calls (export \"g0\") (mut i32) (i32.const 0))\n");
        sb.append("  (global $last (export \"g1\") (mut i64) (i64.const 0))\n");
        sb.append("  (table 3 funcref)\n  (elem (i32.const 0) $a $b)\n");
        function(sb, r, "$a (export \"run\")", "$ta", a, "$b", "$tb", b, 1);
        function(sb, r, "$b", "$tb", b, "$a", "$ta", a, 0);
        return sb.append(")\n").toString();
    }

    private static String params(List<String> types) {
        StringBuilder sb = new StringBuilder();
        for (String t : types) {
            sb.append(' ').append(t);
        }
        return sb.toString();
    }

    /**
     * A function that counts the call, stores its counter to memory, and at 0 returns a checksum of its
     * parameters (times {@code weight + 1}), else tail-calls {@code callee} with the counter minus one.
     */
    private static void function(StringBuilder sb, Random r, String name, String type, List<String> own,
                                 String callee, String calleeType, List<String> theirs, int weight) {
        sb.append("  (func ").append(name).append(" (type ").append(type).append(")\n");
        sb.append("    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))\n");
        sb.append("    (global.set $last (i64.extend_i32_u (local.get 0)))\n");
        sb.append("    (i32.store (i32.and (i32.mul (local.get 0) (i32.const 4)) (i32.const 0xfffc)) (local.get 0))\n");
        sb.append("    (if (result i64) (i32.eqz (local.get 0))\n      (then (i64.const 0)\n");
        for (int p = 0; p < own.size(); p++) {
            String widened = switch (own.get(p)) {
                case "i32" -> "(i64.extend_i32_s (local.get " + (p + 1) + "))";
                case "i64" -> "(local.get " + (p + 1) + ")";
                case "f32" -> "(i64.extend_i32_u (i32.reinterpret_f32 (local.get " + (p + 1) + ")))";
                default -> "(i64.reinterpret_f64 (local.get " + (p + 1) + "))";
            };
            sb.append("        (i64.mul (i64.const 31)) (i64.add ").append(widened).append(")\n");
        }
        sb.append("        (i64.mul (i64.const ").append(weight + 1).append(")))\n");
        sb.append("      (else\n");
        int mode = r.nextInt(8);
        boolean indirect = mode >= 4;
        sb.append("        (").append(indirect ? "return_call_indirect (type " + calleeType + ")" : "return_call " + callee);
        sb.append(" (i32.sub (local.get 0) (i32.const 1))");
        for (String t : theirs) {
            sb.append("\n          ").append(argument(r, t, own));
        }
        if (indirect) {
            // mostly the right slot; sometimes one that depends on the counter: the wrong type or empty
            int right = callee.equals("$a") ? 0 : 1;
            sb.append(mode == 7 ? "\n          (i32.rem_u (local.get 0) (i32.const 3))"
                    : "\n          (i32.const " + right + ")");
        }
        sb.append("))))\n");
    }

    /** A value of type {@code t}: a parameter of that type (maybe transformed exactly), or a constant. */
    private static String argument(Random r, String t, List<String> own) {
        List<Integer> same = new ArrayList<>();
        for (int p = 0; p < own.size(); p++) {
            if (own.get(p).equals(t)) {
                same.add(p + 1);
            }
        }
        if (same.isEmpty() || r.nextInt(8) == 0) {
            return switch (t) {
                case "i32" -> "(i32.const " + r.nextInt() + ")";
                case "i64" -> "(i64.const " + r.nextLong() + ")";
                case "f32" -> "(f32.const " + r.nextInt(1000) + ".5)";
                default -> "(f64.const " + r.nextInt(100000) + ".25)";
            };
        }
        String get = "(local.get " + same.get(r.nextInt(same.size())) + ")";
        if (r.nextBoolean()) {
            return get;
        }
        // transformations every tier computes bit for bit (a sign flip keeps a NaN's payload)
        return switch (t) {
            case "i32" -> "(i32.add " + get + " (i32.const " + r.nextInt(100) + "))";
            case "i64" -> "(i64.xor " + get + " (i64.const " + r.nextLong() + "))";
            case "f32" -> "(f32.neg " + get + ")";
            default -> "(f64.neg " + get + ")";
        };
    }
}
