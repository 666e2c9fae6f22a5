package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.List;

import wasm.ir.Type;

/**
 * Machine instructions over virtual registers, in blocks laid out in emission
 * order. Block {@code b} spans instructions {@code [blockStart[b], blockEnd[b])};
 * its first instruction is a BLOCK_START (or ENTRY + BLOCK_START for the entry
 * block), its last a terminator.
 */
final class VCode {
    final List<MInst> insts = new ArrayList<>();
    final List<int[]> blockRanges = new ArrayList<>();   // {start, end}
    final List<int[]> succs = new ArrayList<>();
    final List<int[]> blockParams = new ArrayList<>();   // vregs defined at the block start
    final List<Integer> loopDepths = new ArrayList<>();  // loop nesting depth of each block (spill costs)
    final Type[] vregTypes;
    int maxStackArgs;
    /** 8-byte slots of the results area (above the outgoing stack arguments) for multi-result calls. */
    int maxResultSlots;
    boolean hasIndirectCall;

    VCode(Type[] vregTypes) {
        this.vregTypes = vregTypes;
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

    int vregCount() {
        return vregTypes.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < blockCount(); b++) {
            sb.append("block").append(b).append(":\n");
            for (int i = start(b); i < end(b); i++) {
                sb.append("  ").append(i).append(": ").append(insts.get(i)).append('\n');
            }
        }
        return sb.toString();
    }
}
