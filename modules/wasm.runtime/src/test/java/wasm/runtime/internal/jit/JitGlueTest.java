package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import wasm.backend.CompiledFunction;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.TrapAbi;
import wasm.ir.TrapCode;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.X64Assembler;
import wasm.core.model.FuncType;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.CompilePolicy;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Trap;
import wasm.runtime.internal.HostFunctionEntity;
import wasm.runtime.internal.InstanceContext;
import wasm.runtime.internal.ModuleInstantiator;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.WasmFunction;

/**
 * The runtime's native glue with hand-assembled "compiled" functions (so
 * signatures the code generator does not cover yet, floats and stack
 * arguments, are exercised): entry trampolines, upcall thunks to host
 * functions, cross-instance thunks, trap unwinding.
 */
class JitGlueTest {
    /**
     * The JIT with the hand-made compilers below at every first call: lazy compilation (tiered
     * compilation would run the baseline compiler's code of the real bodies instead).
     */
    private static final RuntimeOptions HAND_MADE = RuntimeOptions.defaults().withTier(ExecutionTier.JIT)
            .withCompilePolicy(CompilePolicy.LAZY);

    /** 6 integer-class and 9 float params: one i64 and one f64 travel on the stack. */
    private static final String PARAMS = "i32 f32 i64 f64 i32 i32 i32 i32 f64 f64 f64 f64 f64 f64 f64 i64";

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    /**
     * Every defined function tail-jumps into import 0's vmctx slot (same signature, so arguments
     * pass through); in a module without imported functions it traps "unreachable".
     */
    private static final NativeCompiler TAIL_CALL_IMPORT_0 = (module, funcIndex, layout, together, metrics) -> {
        X64Assembler a = new X64Assembler(new CodeBuffer());
        if (layout.importedFunctionCount() > 0) {
            a.jmp(Mem.of(Gpr.R15, layout.importCodeOffset(0)));
        } else {
            a.mov(Size.DWORD, Mem.of(Gpr.R15, layout.trapCode()), TrapAbi.abiCode(TrapCode.UNREACHABLE));
            a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.unwindRsp()));
            a.jmp(Mem.of(Gpr.R15, layout.unwindTarget()));
        }
        return new CompiledFunction(funcIndex, a.buffer().finish(), 0);
    };

    /** Every defined function traps with "integer divide by zero" through the ABI's unwind sequence. */
    private static final NativeCompiler TRAPS = (module, funcIndex, layout, together, metrics) -> {
        X64Assembler a = new X64Assembler(new CodeBuffer());
        a.mov(Size.DWORD, Mem.of(Gpr.R15, layout.trapCode()), TrapAbi.abiCode(TrapCode.INT_DIVZ));
        a.mov(Size.QWORD, Gpr.RSP, Mem.of(Gpr.R15, layout.unwindRsp()));
        a.jmp(Mem.of(Gpr.R15, layout.unwindTarget()));
        return new CompiledFunction(funcIndex, a.buffer().finish(), 0);
    };

    private static long[] sampleArgs() {
        return new long[] {-7, Float.floatToRawIntBits(1.5f) & 0xFFFFFFFFL, Long.MIN_VALUE + 3,
            Double.doubleToRawLongBits(-2.25), 1, 2, 3, Integer.MIN_VALUE, Double.doubleToRawLongBits(1e300),
            Double.doubleToRawLongBits(2), Double.doubleToRawLongBits(3), Double.doubleToRawLongBits(4),
            Double.doubleToRawLongBits(5), Double.doubleToRawLongBits(6), Double.doubleToRawLongBits(Math.PI),
            0x1234_5678_9ABC_DEF0L};
    }

    @Test
    void floatAndStackArgumentsReachTheHostAndTheResultComesBack() {
        StoreState store = new StoreState(HAND_MADE, TAIL_CALL_IMPORT_0);
        try {
            Module m = parse("(module (import \"env\" \"h\" (func $h (param " + PARAMS + ") (result f64)))"
                    + " (func (export \"f\") (param " + PARAMS + ") (result f64) (unreachable)))");
            FuncType type = m.types().get(0);
            List<long[]> seen = new ArrayList<>();
            HostFunctionEntity h = new HostFunctionEntity(type, store.typeId(type), store.nextFunctionAddress(),
                    args -> {
                        seen.add(args.clone());
                        return new long[] {Double.doubleToRawLongBits(42.5)};
                    });
            store.register(h);
            InstanceContext ctx = ModuleInstantiator.instantiate(store, m, new Object[] {h});
            WasmFunction f = (WasmFunction) ctx.functions[1];
            assertTrue(f.isNative());
            long[] r = store.invoke(f, sampleArgs());
            assertArrayEquals(new long[] {Double.doubleToRawLongBits(42.5)}, r);
            assertEquals(1, seen.size());
            assertArrayEquals(sampleArgs(), seen.getFirst());

            // Another instance imports the native function: the cross-instance thunk switches vmctx
            // and copies the stack arguments.
            Module b = parse("(module (import \"a\" \"f\" (func $f (param " + PARAMS + ") (result f64)))"
                    + " (func (export \"g\") (param " + PARAMS + ") (result f64) (unreachable)))");
            InstanceContext ctxB = ModuleInstantiator.instantiate(store, b, new Object[] {f});
            WasmFunction g = (WasmFunction) ctxB.functions[1];
            assertArrayEquals(new long[] {Double.doubleToRawLongBits(42.5)}, store.invoke(g, sampleArgs()));
            assertEquals(2, seen.size());
            assertArrayEquals(sampleArgs(), seen.get(1));
        } finally {
            store.close();
        }
    }

    @Test
    void hostExceptionsCrossNativeFramesUnchanged() {
        StoreState store = new StoreState(HAND_MADE, TAIL_CALL_IMPORT_0);
        try {
            Module m = parse("(module (import \"env\" \"h\" (func $h (param i32) (result i32)))"
                    + " (func (export \"f\") (param i32) (result i32) (unreachable)))");
            FuncType type = m.types().get(0);
            IllegalArgumentException thrown = new IllegalArgumentException("from the host");
            HostFunctionEntity h = new HostFunctionEntity(type, store.typeId(type), store.nextFunctionAddress(),
                    args -> {
                        if (args[0] == 1) {
                            throw thrown;
                        }
                        return new long[] {args[0] + 1};
                    });
            store.register(h);
            InstanceContext ctx = ModuleInstantiator.instantiate(store, m, new Object[] {h});
            WasmFunction f = (WasmFunction) ctx.functions[1];
            assertArrayEquals(new long[] {6}, store.invoke(f, new long[] {5}));
            assertEquals(thrown, assertThrows(IllegalArgumentException.class, () -> store.invoke(f, new long[] {1})));
            assertArrayEquals(new long[] {-1}, store.invoke(f, new long[] {-2}));
        } finally {
            store.close();
        }
    }

    @Test
    void trapStubsUnwindToTheEntryAndTheStoreStaysUsable() {
        StoreState store = new StoreState(HAND_MADE, TRAPS);
        try {
            Module m = parse("(module (func (export \"f\") (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)"
                    + " (unreachable)))");
            InstanceContext ctx = ModuleInstantiator.instantiate(store, m, new Object[0]);
            WasmFunction f = (WasmFunction) ctx.functions[0];
            for (int i = 0; i < 3; i++) {
                Trap t = assertThrows(Trap.class, () -> store.invoke(f, new long[8]));
                assertEquals("integer divide by zero", t.getMessage());
            }
        } finally {
            store.close();
        }
    }

    @Test
    void nestedEntriesRestoreTheOuterUnwindPoint() {
        StoreState store = new StoreState(HAND_MADE, TAIL_CALL_IMPORT_0);
        StoreState trapping = null;
        try {
            // f (native) -> host -> t (native, traps); the host catches the trap and then returns;
            // afterwards f's own frame must still be the unwind point of a trap.
            Module tm = parse("(module (func (export \"t\") (result i32) (unreachable)))");
            AtomicReference<WasmFunction> t = new AtomicReference<>();
            Module m = parse("(module (import \"env\" \"h\" (func $h (param i32) (result i32)))"
                    + " (func (export \"f\") (param i32) (result i32) (unreachable)))");
            FuncType type = m.types().get(0);
            HostFunctionEntity h = new HostFunctionEntity(type, store.typeId(type), store.nextFunctionAddress(),
                    args -> {
                        Trap inner = assertThrows(Trap.class, () -> store.invoke(t.get(), new long[0]));
                        assertEquals("unreachable", inner.getMessage());
                        if (args[0] == 0) {
                            throw new Trap("out of bounds table access");
                        }
                        return new long[] {args[0] * 10};
                    });
            store.register(h);
            InstanceContext ctx = ModuleInstantiator.instantiate(store, m, new Object[] {h});
            // t has no imports: its hand-made native body traps "unreachable".
            InstanceContext tctx = ModuleInstantiator.instantiate(store, tm, new Object[0]);
            t.set((WasmFunction) tctx.functions[0]);
            WasmFunction f = (WasmFunction) ctx.functions[1];
            assertArrayEquals(new long[] {30}, store.invoke(f, new long[] {3}));
            Trap outer = assertThrows(Trap.class, () -> store.invoke(f, new long[] {0}));
            assertEquals("out of bounds table access", outer.getMessage());
            assertArrayEquals(new long[] {40}, store.invoke(f, new long[] {4}));
        } finally {
            store.close();
        }
    }
}
