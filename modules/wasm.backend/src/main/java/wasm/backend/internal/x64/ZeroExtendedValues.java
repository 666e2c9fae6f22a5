package wasm.backend.internal.x64;

import java.util.BitSet;

import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.ControlFlowGraph;

/**
 * The i32 values whose register holds them zero-extended to 64 bits, so that a memory access can
 * use the register itself as the index of {@code [base + index + disp]} with no {@code mov r32}
 * first. An i32 value's upper half is undefined in general (the ABI's rule); these are the
 * exceptions the lowering rules guarantee: results of instructions emitted at 32-bit operand size,
 * which zero the upper half (add, sub, and, or, xor, imul, shifts and rotates, 32-bit loads,
 * compares as setcc into a zeroed register, constants masked to 32 bits, i32.wrap as a 32-bit
 * mov). Spills, reloads and moves copy all 64 bits, so the property holds wherever the value goes.
 * A block parameter is one when every argument passed to it is (a loop's induction variable: its
 * start constant and its {@code iadd}): assumed, then refuted along the parameters each one feeds.
 */
final class ZeroExtendedValues {
    private ZeroExtendedValues() {
    }

    /** Whether every rule lowering {@code op} at controlling type i32 writes a 32-bit register. */
    private static boolean writes32(IrOpcode op) {
        return switch (op) {
            case ICONST, IADD, ISUB, IMUL, BAND, BOR, BXOR, ISHL, USHR, SSHR, ROTL, ROTR, IREDUCE, EQZ, ICMP,
                 LOAD, ULOAD8, ULOAD16, SLOAD8, SLOAD16 -> true;
            default -> false;
        };
    }

    static BitSet compute(Function f, ControlFlowGraph cfg) {
        int n = f.valueCount();
        BitSet clean = new BitSet(n);
        BitSet params = new BitSet(n);
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            if (b != f.entryBlock() && cfg.isReachable(b)) {
                for (int k = 0; k < f.blockParamCount(b); k++) {
                    int v = f.blockParam(b, k);
                    if (f.valueType(v) == Type.I32) {
                        clean.set(v);
                        params.set(v);
                    }
                }
            }
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.resultCount(i) == 1 && f.valueType(f.firstResult(i)) == Type.I32 && writes32(f.opcode(i))) {
                    clean.set(f.firstResult(i));
                }
            }
        }
        if (params.isEmpty()) {
            return clean;
        }
        // A parameter fed by a value that is not clean is not; nor, then, is a parameter it feeds.
        // users: for each parameter, the parameters it is passed to (linked lists in two arrays).
        int[] head = new int[n];
        java.util.Arrays.fill(head, -1);
        int[] next = new int[16];
        int[] user = new int[16];
        int edges = 0;
        int[] work = new int[n];
        int sp = 0;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            if (b == f.entryBlock() || !cfg.isReachable(b)) {
                continue;
            }
            for (int k = 0; k < f.blockParamCount(b); k++) {
                int p = f.blockParam(b, k);
                if (!params.get(p)) {
                    continue;
                }
                for (int e = 0; e < cfg.predecessorCount(b) && clean.get(p); e++) {
                    if (!cfg.isReachable(cfg.predecessor(b, e))) {
                        continue;
                    }
                    int arg = f.targetArg(cfg.predecessorInst(b, e), cfg.predecessorTarget(b, e), k);
                    if (params.get(arg)) {
                        if (edges == next.length) {
                            next = java.util.Arrays.copyOf(next, 2 * edges);
                            user = java.util.Arrays.copyOf(user, 2 * edges);
                        }
                        user[edges] = p;
                        next[edges] = head[arg];
                        head[arg] = edges++;
                    } else if (!clean.get(arg)) {
                        clean.clear(p);
                        work[sp++] = p;
                    }
                }
            }
        }
        while (sp > 0) {
            int p = work[--sp];
            for (int e = head[p]; e >= 0; e = next[e]) {
                int u = user[e];
                if (clean.get(u)) {
                    clean.clear(u);
                    work[sp++] = u;
                }
            }
        }
        return clean;
    }
}
