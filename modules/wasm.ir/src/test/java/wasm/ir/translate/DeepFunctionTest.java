package wasm.ir.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.verify.Verifier;

/**
 * Large functions translate on a small Java stack: thousands of merges before a
 * local read, long br_if chains and deep block nesting do not recurse per block.
 */
class DeepFunctionTest {
    private static final int N = 3000;

    private static String wat() {
        StringBuilder sb = new StringBuilder("(module (func (export \"f\") (param i32) (result i32) (local i32 i32)\n");
        for (int i = 0; i < N; i++) {
            // a merge per step, and the accumulator (local 2) is only read at the very end
            sb.append("local.get 0 i32.const ").append(i % 7).append(" i32.gt_u if local.get 1 i32.const 1 i32.add local.set 1 end\n");
            sb.append("block local.get 0 br_if 0 end\n");
        }
        for (int i = 0; i < N; i++) {
            sb.append("block\n");
        }
        sb.append("local.get 1 local.get 2 i32.add local.set 2\n");
        for (int i = 0; i < N; i++) {
            sb.append("end\n");
        }
        sb.append("local.get 2))\n");
        return sb.toString();
    }

    @Test
    void translatesOnASmallStack() throws Exception {
        Module m = WatParser.parseModule(wat());
        Validator.validate(m);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] result = new long[1];
        Thread t = new Thread(null, () -> {
            try {
                var f = new WasmToIr().translate(m, 0);
                Verifier.check(f);
                result[0] = f.layoutInstCount();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        // and it computes the right thing: the number of steps where 5 > i % 7
        int expected = 0;
        for (int i = 0; i < N; i++) {
            expected += 5 > i % 7 ? 1 : 0;
        }
        var env = new ModuleEnvironment(m);
        assertEquals(expected, env.invoke(env.export("f"), 5)[0]);
    }
}
