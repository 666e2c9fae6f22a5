package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import wasm.core.model.Module;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;

/** Runs a call natively and in the IR interpreter and compares result, trap, memory and globals. */
final class Differential {
    private Differential() {
    }

    static NativeInstance.Outcome interp(ModuleEnvironment env, Module m, int func, long... args) {
        try {
            long[] r = env.invoke(func, args);
            return new NativeInstance.Outcome(r.length == 0 ? null
                    : NativeInstance.normalise(m.functionType(func).results().get(0), r[0]), null);
        } catch (IrTrap t) {
            return new NativeInstance.Outcome(null, t.getMessage());
        }
    }

    /** NaN payloads and signs may legitimately differ between the JVM and x86 (e.g. 0/0). */
    private static boolean bothNan(Module m, int func, NativeInstance.Outcome x, NativeInstance.Outcome y) {
        if (x.value() == null || y.value() == null || m.functionType(func).results().isEmpty()) {
            return false;
        }
        return switch (m.functionType(func).results().get(0)) {
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) (long) x.value()))
                    && Float.isNaN(Float.intBitsToFloat((int) (long) y.value()));
            case F64 -> Double.isNaN(Double.longBitsToDouble(x.value())) && Double.isNaN(Double.longBitsToDouble(y.value()));
            default -> false;
        };
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

    /** Asserts equal outcomes and state; returns the native outcome. */
    static NativeInstance.Outcome compare(NativeInstance nat, ModuleEnvironment env, int func, long... args) {
        NativeInstance.Outcome expected = interp(env, nat.module, func, args);
        NativeInstance.Outcome actual = nat.invoke(func, args);
        String what = "func " + func + " args " + java.util.Arrays.toString(args);
        if (!(bothNan(nat.module, func, expected, actual))) {
            assertEquals(expected, actual, what);
        }
        if (!nat.module.memories().isEmpty() && !floatModule(nat.module)) {
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
}
