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
 * start constant and its {@code iadd}), found by an optimistic fixpoint.
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
        BitSet clean = new BitSet(f.valueCount());
        BitSet params = new BitSet(f.valueCount());
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
                if (f.resultCount(i) == 1 && f.valueType(f.firstResult(i)) == Type.I32 && writes32(f.opcode(i))
                        && !(f.opcode(i) == IrOpcode.LOAD && f.ctrlType(i) != Type.I32)) {
                    clean.set(f.firstResult(i));
                }
            }
        }
        // drop the parameters fed by a value that is not clean, until nothing changes
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int v = params.nextSetBit(0); v >= 0; v = params.nextSetBit(v + 1)) {
                if (clean.get(v) && !allArgsClean(f, cfg, v, clean)) {
                    clean.clear(v);
                    changed = true;
                }
            }
        }
        return clean;
    }

    private static boolean allArgsClean(Function f, ControlFlowGraph cfg, int param, BitSet clean) {
        int b = f.valueBlock(param);
        int k = paramIndex(f, b, param);
        for (int p = 0; p < cfg.predecessorCount(b); p++) {
            if (!cfg.isReachable(cfg.predecessor(b, p))) {
                continue;
            }
            int arg = f.targetArg(cfg.predecessorInst(b, p), cfg.predecessorTarget(b, p), k);
            if (!clean.get(arg)) {
                return false;
            }
        }
        return true;
    }

    private static int paramIndex(Function f, int b, int param) {
        for (int k = 0; k < f.blockParamCount(b); k++) {
            if (f.blockParam(b, k) == param) {
                return k;
            }
        }
        throw new IllegalStateException("v" + param + " is not a parameter of block" + b);
    }
}
