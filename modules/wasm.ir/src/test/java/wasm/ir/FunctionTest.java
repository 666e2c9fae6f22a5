package wasm.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.ir.interp.IrInterpreter;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.text.IrPrinter;
import wasm.ir.verify.Verifier;

/** The editing operations passes rely on keep the function well formed and mean what they say. */
class FunctionTest {
    /** f(x) = (x + 1) * (x + 1), built by hand. */
    private static Function square() {
        return square(new Function());
    }

    private static Function square(Function f) {
        f.setName("sq");
        f.setSignature(new Signature(List.of(Type.I32), List.of(Type.I32)));
        FunctionBuilder b = new FunctionBuilder(f);
        b.createEntryBlock();
        int x = f.blockParam(f.entryBlock(), 1);
        int one = b.iconst(Type.I32, 1);
        int a = b.binary(IrOpcode.IADD, Type.I32, x, one);
        int c = b.binary(IrOpcode.IADD, Type.I32, x, one);
        int m = b.binary(IrOpcode.IMUL, Type.I32, a, c);
        b.ret(new int[] {m}, 1);
        return f;
    }

    private static long run(Function f, long arg) {
        return new IrInterpreter().run(f, null, arg)[0];
    }

    @Test
    void builderMakesAVerifiedFunction() {
        Function f = square();
        Verifier.check(f);
        assertEquals(36, run(f, 5));
        assertEquals(5, f.layoutInstCount());
        assertTrue(IrOpcode.IADD.isPure());
        assertFalse(IrOpcode.SDIV.isPure());
        assertTrue(IrOpcode.SDIV.hasSideEffects());
        assertTrue(IrOpcode.LOAD.readsMemory() && IrOpcode.LOAD.canTrap());
    }

    @Test
    void replaceAllUsesThenRemoveTheDeadInstruction() {
        Function f = square();
        int entry = f.entryBlock();
        int addA = f.nextInst(f.firstInst(entry));
        int addC = f.nextInst(addA);
        int a = f.firstResult(addA), c = f.firstResult(addC);
        f.replaceAllUses(c, a); // what CSE does
        assertEquals(0, f.useCounts()[f.firstResult(addC)]);
        assertEquals(2, f.useCounts()[a]);
        f.removeInst(addC);
        Verifier.check(f);
        assertEquals(4, f.layoutInstCount());
        assertEquals(36, run(f, 5));
        assertTrue(IrPrinter.print(f).contains("imul.i32 v3, v3"), IrPrinter.print(f));
    }

    @Test
    void cseKeysAndCopies() {
        Function f = square();
        int entry = f.entryBlock();
        int addA = f.nextInst(f.firstInst(entry));
        int addC = f.nextInst(addA);
        int mul = f.nextInst(addC);
        assertTrue(f.sameComputation(addA, addC));
        assertEquals(f.computationHash(addA), f.computationHash(addC));
        assertFalse(f.sameComputation(addA, mul));
        Function snapshot = f.copy();
        f.replaceAllUses(f.firstResult(addC), f.firstResult(addA));
        f.removeInst(addC);
        assertEquals(5, snapshot.layoutInstCount());
        assertEquals(4, f.layoutInstCount());
        Verifier.check(snapshot);
        assertEquals(run(snapshot, 3), run(f, 3));
        assertEquals(2, IrOpcode.SLOAD16.accessBytes(Type.I64));
        assertEquals(8, IrOpcode.STORE.accessBytes(Type.F64));
    }

    @Test
    void replaceWithConstKeepsTheResult() {
        Function f = square();
        int mul = f.prevInst(f.lastInst(f.entryBlock()));
        f.replaceWithConst(mul, 99);
        Verifier.check(f);
        assertEquals(99, run(f, 5));
    }

    @Test
    void movingAPureInstructionAcrossBlocks() {
        Function f = square();
        int entry = f.entryBlock();
        int ret = f.lastInst(entry);
        // split: entry jumps to a new block holding the multiply and the return
        int next = f.makeBlock();
        f.appendBlock(next);
        int mul = f.prevInst(ret);
        f.removeInst(mul);
        f.removeInst(ret);
        f.appendInst(next, mul);
        f.appendInst(next, ret);
        int jump = f.makeInst(IrOpcode.JUMP, null, 0, 0, new int[0], 0);
        f.addTarget(jump, next, new int[0], 0);
        f.appendInst(entry, jump);
        Verifier.check(f);
        assertEquals(36, run(f, 5));
    }

    @Test
    void blockParamsCanBeAddedAndRemoved() {
        Function f = square();
        int entry = f.entryBlock();
        int ret = f.lastInst(entry);
        int m = f.arg(ret, 0);
        int exit = f.makeBlock();
        f.appendBlock(exit);
        int p = f.appendBlockParam(exit, Type.I32);
        f.removeInst(ret);
        int jump = f.makeInst(IrOpcode.JUMP, null, 0, 0, new int[0], 0);
        f.addTarget(jump, exit, new int[0], 0);
        f.appendTargetArg(jump, 0, m);
        f.appendInst(entry, jump);
        int r2 = f.makeInst(IrOpcode.RETURN, null, 0, 0, new int[] {p}, 1);
        f.appendInst(exit, r2);
        Verifier.check(f);
        assertEquals(36, run(f, 5));
        // the parameter is trivial (one incoming value): remove it the way a CFG pass would
        f.replaceAllUses(p, m);
        f.removeTargetArg(jump, 0, 0);
        f.removeBlockParam(exit, 0);
        Verifier.check(f);
        assertEquals(0, f.blockParamCount(exit));
        assertEquals(36, run(f, 5));
    }

    @Test
    void clearReusesTheFunction() {
        Function f = square();
        String first = IrPrinter.print(f);
        f.clear();
        assertEquals(-1, f.entryBlock());
        assertEquals(0, f.valueCount());
        assertEquals(first, IrPrinter.print(square(f)));
        Verifier.check(f);
    }

    @Test
    void moduleEnvironmentAppliesATransformBeforeRunning() {
        var module = wasm.core.text.WatParser.parseModule(
                "(module (func (export \"f\") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))");
        int[] seen = new int[1];
        var env = new ModuleEnvironment(module, fn -> seen[0] = fn.layoutInstCount(), 1000);
        assertArrayEquals(new long[] {14}, env.invoke(env.export("f"), 7));
        assertEquals(3, seen[0]);
    }
}
