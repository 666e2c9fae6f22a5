package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import wasm.core.model.Module;
import wasm.ir.interp.IrTrap;
import wasm.ir.testing.FloatEdges;
import wasm.ir.interp.ModuleEnvironment;

/** Runs a call natively and in the IR interpreter and compares result, trap, memory and globals. */
final class Differential {
    private Differential() {
    }

    static NativeInstance.Outcome interp(ModuleEnvironment env, Module m, int func, long... args) {
        try {
            long[] r = env.invoke(func, args);
            var types = NativeInstance.slotTypes(m.functionType(func).results());
            long[] n = new long[r.length];
            for (int k = 0; k < r.length; k++) {
                n[k] = NativeInstance.normalise(types.get(k), r[k]);
            }
            return NativeInstance.Outcome.of(n);
        } catch (IrTrap t) {
            return new NativeInstance.Outcome(null, t.getMessage());
        }
    }

    /**
     * NaN payloads and signs may legitimately differ between the JVM and x86 (e.g. 0/0): one NaN per
     * type. A v128 half (lane shape unknown) becomes one NaN per f64, or per f32 in each half's two.
     */
    private static NativeInstance.Outcome canonicalNans(Module m, int func, NativeInstance.Outcome o) {
        if (o.value() == null) {
            return o;
        }
        var types = NativeInstance.slotTypes(m.functionType(func).results());
        long[] v = new long[types.size()];
        for (int k = 0; k < v.length; k++) {
            long x = k == 0 ? o.value() : o.more().get(k - 1);
            v[k] = switch (types.get(k)) {
                case F32 -> Float.isNaN(Float.intBitsToFloat((int) x)) ? 0x7FC0_0000L : x;
                case F64 -> Double.isNaN(Double.longBitsToDouble(x)) ? 0x7FF8_0000_0000_0000L : x;
                case V128 -> canonicalLaneNans(x);
                default -> x;
            };
        }
        return NativeInstance.Outcome.of(v);
    }

    /** 64 bits of a v128: an f64 NaN as one NaN, else each f32 NaN as one NaN. */
    static long canonicalLaneNans(long x) {
        if (Double.isNaN(Double.longBitsToDouble(x))) {
            return 0x7FF8_0000_0000_0000L;
        }
        long lo = x & 0xFFFF_FFFFL;
        long hi = x >>> 32;
        lo = Float.isNaN(Float.intBitsToFloat((int) lo)) ? 0x7FC0_0000L : lo;
        hi = Float.isNaN(Float.intBitsToFloat((int) hi)) ? 0x7FC0_0000L : hi;
        return hi << 32 | lo;
    }

    /** Stored NaNs may differ in payload too, so memory is compared only for float-free modules. */
    private static boolean floatModule(Module m) {
        for (int f = 0; f < m.functionCount(); f++) {
            var t = m.functionType(f);
            if (t.params().contains(wasm.core.model.ValType.F32) || t.params().contains(wasm.core.model.ValType.F64)
                    || t.results().contains(wasm.core.model.ValType.F32) || t.results().contains(wasm.core.model.ValType.F64)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The interpreter's outcome with each float NaN result replaced by the native one when that
     * is a quiet NaN: Wasm lets arithmetic choose any arithmetic NaN.
     */
    private static NativeInstance.Outcome tolerateNans(Module m, int func, NativeInstance.Outcome expected,
                                                       NativeInstance.Outcome actual) {
        if (expected.value() == null || actual.value() == null || expected.more().size() != actual.more().size()) {
            return expected;
        }
        var types = NativeInstance.slotTypes(m.functionType(func).results());
        long[] v = new long[types.size()];
        for (int k = 0; k < v.length; k++) {
            long e = k == 0 ? expected.value() : expected.more().get(k - 1);
            long a = k == 0 ? actual.value() : actual.more().get(k - 1);
            boolean f64 = types.get(k) == wasm.core.model.ValType.F64;
            boolean isFloat = f64 || types.get(k) == wasm.core.model.ValType.F32;
            v[k] = isFloat && FloatEdges.isNan(f64, e) && FloatEdges.isQuietNan(f64, a) ? a : e;
        }
        return NativeInstance.Outcome.of(v);
    }

    /** Asserts equal outcomes and state; returns the native outcome. NaN results compare as one NaN per type. */
    static NativeInstance.Outcome compare(NativeInstance nat, ModuleEnvironment env, int func, long... args) {
        return compare(nat, env, func, null, args);
    }

    /**
     * As {@link #compare(NativeInstance, ModuleEnvironment, int, long...)}, with {@code exact}
     * non-null: true compares results (NaN bits included) and memory bit for bit; false lets a
     * NaN result be any quiet NaN and leaves memory alone (stored NaNs may differ too).
     */
    static NativeInstance.Outcome compare(NativeInstance nat, ModuleEnvironment env, int func, Boolean exact,
                                          long... args) {
        NativeInstance.Outcome expected = interp(env, nat.module, func, args);
        NativeInstance.Outcome actual = nat.invoke(func, args);
        String what = "func " + func + " args " + java.util.Arrays.toString(args);
        if (exact == null) {
            assertEquals(canonicalNans(nat.module, func, expected), canonicalNans(nat.module, func, actual), what);
        } else if (exact) {
            assertEquals(expected, actual, what + " (bit-exact)");
        } else {
            assertEquals(tolerateNans(nat.module, func, expected, actual), actual, what);
        }
        if (!nat.module.memories().isEmpty() && (Boolean.TRUE.equals(exact) || !floatModule(nat.module))) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(env.memory(), nat.memory(), what + ": memory");
        }
        for (int g = 0; g < nat.module.globals().size(); g++) {
            wasm.core.model.ValType t = nat.module.globals().get(g).type().type();
            if (t == wasm.core.model.ValType.I32 || t == wasm.core.model.ValType.I64) {
                assertEquals(env.globalGet(g), nat.global(g), what + ": global " + g);
            }
        }
        return actual;
    }

    /**
     * Compiles {@code wat} with every function supported and runs each (export name,
     * {@code long[]} args) pair of {@code nameAndArgs} in order on one instance, in both
     * call modes (direct rel32 calls, then vmctx slots), comparing every call with the IR
     * interpreter.
     */
    static void checkExports(String wat, Object... nameAndArgs) {
        Module m = WatModules.parse(wat);
        for (boolean direct : new boolean[] {true, false}) {
            ModuleEnvironment env = new ModuleEnvironment(m);
            try (NativeInstance nat = new NativeInstance(m, direct)) {
                assertTrue(nat.unsupported.isEmpty(), nat.unsupported.toString());
                for (int k = 0; k < nameAndArgs.length; k += 2) {
                    compare(nat, env, WatModules.export(m, (String) nameAndArgs[k]), (long[]) nameAndArgs[k + 1]);
                }
            }
        }
    }
}
