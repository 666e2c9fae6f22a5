package wasm.backend.jit;

import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.ir.interp.ModuleEnvironment;

/**
 * Spilled constants re-created at their uses ({@code Rematerialization} in the backend) give the
 * values the interpreter computes: more constants than registers live across a call in a loop, read
 * as an instruction's register or memory operand, as a call's argument, a comparison's operand
 * and a loop-carried block argument, in both register classes, with constants that need all 64
 * bits, fit 32 (sign-extended or not) or are zero. Compiled with the allocation checker on.
 */
class RematerializationExecutionTest {
    private static final long[] INTS = {
        0x1_2345_6789L, -2, 0, 0xFFFF_FFFFL, 0x7FFF_FFFFL, Long.MIN_VALUE, -0x1_0000_0001L, 3, 0x5555_5555_5555L,
        1L << 40, -0x8000_0000L, 77, 0xDEAD_BEEF_CAFEL, 9
    };
    /** Values carried around the loop, set to constants in both arms of an if. */
    private static final int CARRIED = 8;
    private static final double[] FLOATS = {
        0.25, -0.0, 0.0, 1e300, -3.5, Double.MIN_VALUE, 7.0, 0.1, -1e-300, 2.0, 1.5, 1e10, -0.75, 3.0
    };

    /** {@code (param $a T) (param $n i32) (result T)}: the constants folded into $a for $n rounds. */
    private static String function(String name, String t, String[] constants) {
        StringBuilder sb = new StringBuilder();
        sb.append(" (func (export \"").append(name).append("\") (param $a ").append(t).append(") (param $n i32) (result ")
                .append(t).append(")\n  (local $i i32)");
        for (int p = 0; p < CARRIED; p++) {
            sb.append(" (local $p").append(p).append(' ').append(t).append(')');
        }
        for (int k = 0; k < constants.length; k++) {
            sb.append(" (local $c").append(k).append(' ').append(t).append(')');
        }
        sb.append('\n');
        for (int k = 0; k < constants.length; k++) {
            sb.append("  (local.set $c").append(k).append(" (").append(t).append(".const ").append(constants[k]).append("))\n");
        }
        sb.append("  (block $done (loop $round\n");
        sb.append("   (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n");
        // a constant as a call's argument, then every constant live across the call
        sb.append("   (local.set $a (").append(t).append(".add (local.get $a) (call $id_").append(t)
                .append(" (local.get $c1))))\n");
        sb.append("   (local.set $a (call $id_").append(t).append(" (local.get $a)))\n");
        for (int k = 0; k < constants.length; k++) {
            String op = t.equals("i64") ? (k % 3 == 0 ? ".add" : k % 3 == 1 ? ".xor" : ".mul") : (k % 2 == 0 ? ".add" : ".mul");
            // the constant first (a two-address form's copied operand) or second (its memory operand)
            String a = "(local.get $a)";
            String c = "(local.get $c" + k + ")";
            sb.append("   (local.set $a (").append(t).append(op).append(' ').append(k % 4 == 3 ? c + " " + a : a + " " + c)
                    .append("))\n");
        }
        // a comparison against a constant, and constants carried around the loop: block arguments
        // into parameters that are spilled too (an edge move that stores a constant to a slot)
        sb.append("   (if (").append(t).append(t.equals("i64") ? ".lt_s" : ".lt").append(" (local.get $a) (local.get $c4))\n");
        for (String arm : new String[] {"then", "else"}) {
            sb.append("    (").append(arm);
            for (int p = 0; p < CARRIED; p++) {
                int k = arm.equals("then") ? (p + 5) % constants.length : (3 * p + 2) % constants.length;
                sb.append(" (local.set $p").append(p).append(" (local.get $c").append(k).append("))");
            }
            sb.append(")\n");
        }
        sb.append("   )\n");
        for (int p = 0; p < CARRIED; p++) {
            sb.append("   (local.set $a (").append(t).append(".sub (local.get $a) (local.get $p").append(p).append(")))\n");
        }
        sb.append("   (local.set $i (i32.add (local.get $i) (i32.const 1)))\n");
        sb.append("   (br $round)))\n");
        sb.append("  (local.get $a))\n");
        return sb.toString();
    }

    private static Module module() {
        String[] ints = new String[INTS.length];
        for (int k = 0; k < INTS.length; k++) {
            ints[k] = Long.toString(INTS[k]);
        }
        String[] floats = new String[FLOATS.length];
        for (int k = 0; k < FLOATS.length; k++) {
            floats[k] = Double.toHexString(FLOATS[k]);
        }
        String wat = "(module\n (func $id_i64 (param i64) (result i64) local.get 0)\n"
                + " (func $id_f64 (param f64) (result f64) local.get 0)\n"
                + function("ints", "i64", ints)
                + function("floats", "f64", floats)
                + ")";
        return WatModules.parse(wat);
    }

    @Test
    void rematerializedConstantsAgreeWithTheInterpreter() {
        Module m = module();
        ModuleEnvironment env = new ModuleEnvironment(m);
        try (NativeInstance nat = new NativeInstance(m, true)) {
            for (long n : new long[] {0, 1, 3}) {
                for (long a : new long[] {1, -7, 0x1234_5678_9ABCL}) {
                    Differential.compare(nat, env, 2, a, n);
                }
                for (double a : new double[] {1.5, -0.0, 1e-300}) {
                    Differential.compare(nat, env, 3, Boolean.TRUE, Double.doubleToRawLongBits(a), n);
                }
            }
        }
    }
}
