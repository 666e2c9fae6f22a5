package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import wasm.backend.CpuFeatures;
import wasm.core.model.Module;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.testing.FloatEdges;

/**
 * The instructions that depend on CPU features and their fallbacks agree bit for
 * bit: clz, ctz and popcnt (lzcnt / tzcnt / popcnt against bsr / bsf / shifts and
 * masks) and ceil, floor, trunc, nearest (roundss/roundsd against the
 * integer-conversion sequence, NaN payloads and signed zeros included), compiled
 * for this machine's CPU and for the SSE2 baseline; and the fallbacks agree
 * with the IR interpreter (bit for bit but for NaNs, where Wasm leaves the
 * payload open and both must be quiet).
 */
class CpuFeatureFallbackProperties {
    private static final String[] OPS = {"i32.clz", "i32.ctz", "i32.popcnt", "i64.clz", "i64.ctz", "i64.popcnt",
        "f32.ceil", "f32.floor", "f32.trunc", "f32.nearest", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest"};

    private static final Module MODULE;

    static {
        StringBuilder sb = new StringBuilder("(module\n");
        for (String op : OPS) {
            String t = op.substring(0, 3);
            sb.append("  (func (export \"").append(op).append("\") (param ").append(t).append(") (result ").append(t)
                    .append(") local.get 0 ").append(op).append(")\n");
            // the same with the operand in a spill slot (memory operand forms)
            sb.append("  (func (export \"").append(op).append("/spilled\") (param ").append(t).append(") (result ")
                    .append(t).append(") (local ").append(t).append(") local.get 0 local.set 1 call $clobber local.get 1 ")
                    .append(op).append(")\n");
        }
        sb.append("  (func $clobber))\n");
        MODULE = WatModules.parse(sb.toString());
    }

    private static long value(String type, Random r) {
        return switch (type) {
            case "i32" -> switch (r.nextInt(4)) {
                case 0 -> 1L << r.nextInt(32);
                case 1 -> (r.nextInt() >>> r.nextInt(32));
                case 2 -> new int[] {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE}[r.nextInt(5)];
                default -> r.nextInt();
            };
            case "i64" -> switch (r.nextInt(4)) {
                case 0 -> 1L << r.nextInt(64);
                case 1 -> r.nextLong() >>> r.nextInt(64);
                case 2 -> new long[] {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE}[r.nextInt(5)];
                default -> r.nextLong();
            };
            case "f32" -> (r.nextInt(3) == 0 ? Float.floatToRawIntBits((r.nextInt(64) - 32) * 0.5f + (r.nextBoolean() ? 0 : 0.25f))
                    : FloatEdges.f32(r)) & 0xFFFF_FFFFL;
            default -> r.nextInt(3) == 0 ? Double.doubleToRawLongBits((r.nextInt(64) - 32) * 0.5 + (r.nextBoolean() ? 0 : 0.25))
                    : FloatEdges.f64(r);
        };
    }

    private static boolean nanResult(String type, NativeInstance.Outcome o) {
        return o.value() != null && type.startsWith("f") && FloatEdges.isNan(type.equals("f64"), o.value());
    }

    @Property(tries = 200)
    void fallbacksMatchTheFeatureInstructionsBitForBit(@ForAll long seed) {
        Random r = new Random(seed);
        try (NativeInstance host = new NativeInstance(MODULE, true, null, CpuFeatures.host());
             NativeInstance baseline = new NativeInstance(MODULE, true, null, CpuFeatures.baseline())) {
            assertTrue(host.unsupported.isEmpty() && baseline.unsupported.isEmpty());
            ModuleEnvironment env = new ModuleEnvironment(MODULE);
            for (int k = 0; k < 40; k++) {
                int f = r.nextInt(2 * OPS.length);
                String op = OPS[f / 2];
                String type = op.substring(0, 3);
                long arg = value(type, r);
                NativeInstance.Outcome withFeatures = host.invoke(f, arg);
                NativeInstance.Outcome fallback = baseline.invoke(f, arg);
                assertEquals(withFeatures, fallback, op + " of 0x" + Long.toHexString(arg));
                NativeInstance.Outcome interp = Differential.interp(env, MODULE, f, arg);
                if (nanResult(type, interp)) {
                    assertTrue(FloatEdges.isQuietNan(type.equals("f64"), fallback.value()), op + " of 0x"
                            + Long.toHexString(arg) + " gave a signalling NaN");
                } else {
                    assertEquals(interp, fallback, op + " of 0x" + Long.toHexString(arg) + " (interpreter)");
                }
            }
        }
    }

    /** Every edge value, and the neighbours of every power of two and half-integer near the limits. */
    @Test
    void edgeValuesAgree() {
        List<long[]> cases = new ArrayList<>();
        for (long bits : FloatEdges.F64) {
            cases.add(new long[] {1, bits});
            cases.add(new long[] {1, bits + 1});
            cases.add(new long[] {1, bits - 1});
        }
        for (int bits : FloatEdges.F32) {
            cases.add(new long[] {0, bits & 0xFFFF_FFFFL});
            cases.add(new long[] {0, (bits + 1) & 0xFFFF_FFFFL});
            cases.add(new long[] {0, (bits - 1) & 0xFFFF_FFFFL});
        }
        for (int e = -2; e < 64; e++) {
            double p = Math.scalb(1.0, e);
            for (double v : new double[] {p, p + 0.5, p - 0.5, -p, -p - 0.5, -p + 0.5, p * 1.5}) {
                cases.add(new long[] {1, Double.doubleToRawLongBits(v)});
                cases.add(new long[] {0, Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL});
            }
        }
        try (NativeInstance host = new NativeInstance(MODULE, true, null, CpuFeatures.host());
             NativeInstance baseline = new NativeInstance(MODULE, true, null, CpuFeatures.baseline())) {
            int checked = 0;
            for (int f = 0; f < 2 * OPS.length; f++) {
                String op = OPS[f / 2];
                String type = op.substring(0, 3);
                if (!type.startsWith("f")) {
                    for (int s = 0; s < 64; s++) {
                        for (long v : new long[] {1L << s, (1L << s) - 1, -(1L << s), 0}) {
                            long arg = type.equals("i32") ? (int) v : v;
                            assertEquals(host.invoke(f, arg), baseline.invoke(f, arg), op + " of 0x" + Long.toHexString(arg));
                            checked++;
                        }
                    }
                    continue;
                }
                for (long[] c : cases) {
                    if ((c[0] == 1) != type.equals("f64")) {
                        continue;
                    }
                    assertEquals(host.invoke(f, c[1]), baseline.invoke(f, c[1]), op + " of 0x" + Long.toHexString(c[1]));
                    checked++;
                }
            }
            assertTrue(checked > 5000, "checked " + checked);
        }
    }
}
