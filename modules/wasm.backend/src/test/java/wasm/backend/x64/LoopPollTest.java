package wasm.backend.x64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import perf.metrics.MetricsRecorder;
import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.backend.X64Compiler;
import wasm.backend.jit.TestLayout;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * The polls of interruption and fuel metering: with {@link VmctxLayout#interruptPolls()} every loop
 * back edge taken compares rsp with the stack limit as the prologue does (conditional back edges in
 * their own edge block), with {@link VmctxLayout#fuelCounter()} the prologue and every back edge
 * decrement the fuel counter, and without either the code is byte for byte what it was.
 */
class LoopPollTest {
    private static final String MODULE = """
            (module
              (memory 1)
              ;; two back edges: br_if (conditional) and br (unconditional)
              (func $loops (param i32) (result i32)
                (loop $l
                  (i32.store (i32.const 0) (local.get 0))
                  (br_if $l (i32.and (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
                  (br_if 1 (i32.eqz (local.get 0))
                    ;; keeps the result of the block
                    (i32.const 0))
                  (drop)
                  (br $l))
                (i32.const 7))
              (func $straight (param i32) (result i32)
                (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.load (i32.const 4))))))
            """;

    /** A test layout with polls as given. */
    private record Polling(TestLayout base, boolean interruptPolls, int fuelCounter) implements VmctxLayout {
        @Override public int stackLimit() { return base.stackLimit(); }
        @Override public int trapCode() { return base.trapCode(); }
        @Override public int trapDetail() { return base.trapDetail(); }
        @Override public int unwindRsp() { return base.unwindRsp(); }
        @Override public int unwindTarget() { return base.unwindTarget(); }
        @Override public int memoryBase() { return base.memoryBase(); }
        @Override public int memoryLength() { return base.memoryLength(); }
        @Override public int globalCellOffset(int g) { return base.globalCellOffset(g); }
        @Override public int tableOffset(int t) { return base.tableOffset(t); }
        @Override public int funcDirectoryOffset() { return base.funcDirectoryOffset(); }
        @Override public int funcDirEntrySize() { return base.funcDirEntrySize(); }
        @Override public int signatureIdOffset(int t) { return base.signatureIdOffset(t); }
        @Override public int importedFunctionCount() { return base.importedFunctionCount(); }
        @Override public int importCodeOffset(int i) { return base.importCodeOffset(i); }
        @Override public int functionCodeOffset(int f) { return base.functionCodeOffset(f); }
        @Override public int helperOffset(Helper h) { return base.helperOffset(h); }
    }

    private static Module module() {
        Module m = WatParser.parseModule(MODULE);
        Validator.validate(m);
        return m;
    }

    private static byte[] code(Module m, int func, VmctxLayout layout) {
        var metrics = MetricsRecorder.disabled().beginModule(1).beginFunction(func, "", 0);
        return new X64Compiler(layout, j -> true, true).compile(func, new WasmToIr().translate(m, func), metrics)
                .code().code();
    }

    private static int count(byte[] code, String idiom) {
        String all = String.join("\n", Objdump.disassemble(code).values());
        assertFalse(all.contains("(bad)"), all);
        return all.split(java.util.regex.Pattern.quote(idiom), -1).length - 1;
    }

    @Test
    void everyBackEdgePollsWhereTheProloguePolls() {
        Module m = module();
        TestLayout base = new TestLayout(m.types());
        byte[] plain = code(m, 0, base);
        assertEquals(1, count(plain, "cmp rsp,QWORD PTR [r15]"), "the prologue's check only");
        byte[] polled = code(m, 0, new Polling(base, true, -1));
        assertEquals(3, count(polled, "cmp rsp,QWORD PTR [r15]"), "the prologue and two back edges");
        assertEquals(0, count(polled, "sub QWORD PTR [r11],0x1"));
    }

    @Test
    void fuelIsChargedInThePrologueAndOnEveryBackEdge() {
        Module m = module();
        byte[] metered = code(m, 0, new Polling(new TestLayout(m.types()), false, 64));
        assertEquals(3, count(metered, "sub QWORD PTR [r11],0x1"));
        assertEquals(3, count(metered, "mov r11,QWORD PTR [r15+0x40]"));
        assertEquals(1, count(metered, "cmp rsp,QWORD PTR [r15]"), "no interruption polls asked for");
    }

    @Test
    void withoutPollsOrWithoutLoopsTheCodeIsUnchanged() {
        Module m = module();
        TestLayout base = new TestLayout(m.types());
        assertArrayEquals(code(m, 0, base), code(m, 0, new Polling(base, false, -1)));
        assertArrayEquals(code(m, 1, base), code(m, 1, new Polling(base, true, -1)),
                "a function without loops polls in its prologue only, as before");
    }
}
