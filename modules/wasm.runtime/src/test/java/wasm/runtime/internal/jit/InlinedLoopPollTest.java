package wasm.runtime.internal.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.CompilePolicy;
import wasm.runtime.Engine;
import wasm.runtime.ExecutionTier;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.TrapKind;
import wasm.runtime.tooling.JitInspector;

/**
 * The -O2 inliner copies a small callee, loop and all, into its caller. Back-edge polls are placed
 * by the backend on the optimised IR, so the copy polls as the original does: the caller's code
 * holds the poll and no call, and an interruption stops the inlined loop (the trap's only frame is
 * the caller's, so it was the copy that ran).
 */
class InlinedLoopPollTest {
    private static final String WAT = """
            (module
              (global $n (mut i32) (i32.const 0))
              (func $spin (loop $l (global.set $n (i32.add (global.get $n) (i32.const 1))) (br $l)))
              (func (export "outer") (param i32) (result i32) (call $spin) (local.get 0)))
            """;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a loop without its poll never ends
    void anInlinedLoopKeepsItsPoll() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        JitInspector.FunctionStages outer = StageInspection.inspect(m, 1, 2);
        String notes = outer.passes().stream().map(JitInspector.PassLine::note).toList().toString();
        assertTrue(notes.contains("inlined fn0 (1 site)"), notes);
        assertFalse(outer.vcode().contains("call"), outer.vcode());
        assertEquals(1, outer.vcode().split("poll interrupt", -1).length - 1, outer.vcode());

        // lazy: the first call runs the optimizing tier's code (tiered, it would run baseline code)
        try (Engine engine = Engine.builder().tier(ExecutionTier.JIT).jitStrict(true).optLevel(2)
                .compilePolicy(CompilePolicy.LAZY).build();
             Store store = engine.newStore()) {
            Instance in = new Linker().instantiate(store, engine.compileText(WAT));
            store.setDeadline(Duration.ofMillis(20));
            Trap t = assertThrows(Trap.class, () -> in.function("outer").callInt(1));
            assertEquals(TrapKind.INTERRUPTED, t.kind(), t.describe());
            assertEquals(List.of("outer"), t.frames().stream().map(Trap.Frame::functionName).toList(), t.describe());
            store.clearDeadline();
        }
    }
}
