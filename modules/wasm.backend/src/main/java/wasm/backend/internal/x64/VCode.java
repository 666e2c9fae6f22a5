package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.List;

import wasm.ir.Type;

/**
 * Machine instructions over virtual registers, in blocks laid out in emission
 * order. Block {@code b} spans instructions {@code [blockStart[b], blockEnd[b])};
 * its first instruction is a BlockStart (or Entry + BlockStart for the entry
 * block), its last a terminator. Each instruction's operands, as the allocator
 * sees them, are listed once when it is added.
 */
final class VCode {
    final List<MInst> insts = new ArrayList<>();
    private final List<Operand[]> operands = new ArrayList<>();
    final List<int[]> blockRanges = new ArrayList<>();   // {start, end}
    final List<int[]> succs = new ArrayList<>();
    final List<int[]> blockParams = new ArrayList<>();   // vregs defined at the block start
    final List<Integer> loopDepths = new ArrayList<>();  // loop nesting depth of each block (spill costs)
    /** The type of each vreg: the IR's values first, then lowering temporaries ({@link #newVreg}). */
    Type[] vregTypes;
    private int vregCount;
    int maxStackArgs;
    /** 8-byte slots of the results area (above the outgoing stack arguments) for multi-result calls. */
    int maxResultSlots;
    /**
     * Whether some call of wasm code is followed by a fix-up ({@link MInst.Call#fixup}): its callee may
     * come back with another instance's vmctx in r15 and rsp moved (tail calls), so the frame keeps
     * r15 in a slot.
     */
    boolean callFixups;
    /** How often each lowering rule fired ({@link LoweringRules}), for tests and tools. */
    int[] ruleHits;

    VCode(Type[] vregTypes) {
        this.vregTypes = vregTypes;
        this.vregCount = vregTypes.length;
    }

    /** A new virtual register of type {@code t} (a temporary of a lowering sequence). */
    int newVreg(Type t) {
        if (vregCount == vregTypes.length) {
            vregTypes = java.util.Arrays.copyOf(vregTypes, Math.max(16, 2 * vregCount));
        }
        vregTypes[vregCount] = t;
        return vregCount++;
    }

    void add(MInst m) {
        insts.add(m);
        operands.add(Operand.of(m));
    }

    /** The operands of instruction i, in listing order. */
    Operand[] ops(int i) {
        return operands.get(i);
    }

    int blockCount() {
        return blockRanges.size();
    }

    int start(int b) {
        return blockRanges.get(b)[0];
    }

    int end(int b) {
        return blockRanges.get(b)[1];
    }

    /** Each block's predecessors, in block order: the inverse of {@link #succs}. */
    int[][] predecessors() {
        int blocks = blockCount();
        int[] count = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            for (int s : succs.get(b)) {
                count[s]++;
            }
        }
        int[][] preds = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            preds[b] = new int[count[b]];
            count[b] = 0;
        }
        for (int b = 0; b < blocks; b++) {
            for (int s : succs.get(b)) {
                preds[s][count[s]++] = b;
            }
        }
        return preds;
    }

    int vregCount() {
        return vregCount;
    }

    @Override
    public String toString() {
        return VCodePrinter.print(this, null);
    }
}
