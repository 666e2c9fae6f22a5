package wasm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Function#layoutInstCount()} is a live count kept by the layout operations; after
 * every kind of edit it must equal {@link Function#walkLayoutInstCount()}, a walk of the layout.
 */
class LayoutInstCountTest {
    private static void assertCount(int expected, Function f) {
        assertEquals(expected, f.walkLayoutInstCount(), "walked");
        assertEquals(expected, f.layoutInstCount(), "live");
    }

    private static int iconst(Function f, long value) {
        int i = f.makeInst(IrOpcode.ICONST, Type.I32, value, 0, new int[0], 0);
        f.addResult(i, Type.I32);
        return i;
    }

    @Test
    void everyInstructionLayoutEditKeepsTheLiveCount() {
        Function f = new Function();
        f.setSignature(new Signature(List.of(), List.of()));
        int entry = f.makeBlock();
        f.appendBlockParam(entry, Type.I64);
        f.appendBlock(entry);
        assertCount(0, f);
        int a = iconst(f, 1);
        int b = iconst(f, 2);
        int c = iconst(f, 3);
        int d = iconst(f, 4);
        assertCount(0, f); // made, not placed
        f.appendInst(entry, a);
        f.insertInstBefore(b, a);
        f.insertInstAfter(c, a);
        f.prependInst(entry, d);
        assertCount(4, f);
        f.removeInst(c);
        f.removeInst(c); // not in the layout any more: nothing changes
        assertCount(3, f);
        f.insertInstAfter(c, d); // moved back, as LICM moves an instruction
        assertCount(4, f);
    }

    @Test
    void blocksLeavingAndEnteringTheLayoutCarryTheirInstructions() {
        Function f = new Function();
        int entry = f.makeBlock();
        f.appendBlock(entry);
        f.appendInst(entry, iconst(f, 1));
        int side = f.makeBlock();
        int x = iconst(f, 2);
        int y = iconst(f, 3);
        f.appendInst(side, x); // into a block not in the layout: not counted yet
        f.appendInst(side, y);
        assertCount(1, f);
        f.insertBlockAfter(side, entry);
        assertCount(3, f);
        f.removeBlock(side);
        assertCount(1, f);
        f.removeInst(x); // detached block: the layout count stays
        assertCount(1, f);
        f.appendBlock(side);
        assertCount(2, f);
        Function copy = f.copy();
        f.removeInst(y);
        assertCount(2, copy);
        assertCount(1, f);
        f.clear();
        assertCount(0, f);
        int again = f.makeBlock(); // reuses handle 0 and its storage
        f.appendBlock(again);
        assertCount(0, f);
    }
}
