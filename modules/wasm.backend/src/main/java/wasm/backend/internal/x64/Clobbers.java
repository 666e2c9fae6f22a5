package wasm.backend.internal.x64;

import wasm.backend.x64.Gpr;
import wasm.backend.x64.SysVAbi;

/**
 * Registers an instruction destroys, as bit masks over register encodings.
 * Early clobbers are written while the uses may still be read (so no value read
 * by the instruction may live there); late clobbers are written during the
 * instruction (so no value live across it may live there).
 */
final class Clobbers {
    static final int R10 = 1 << Gpr.R10.encoding();
    static final int R11 = 1 << Gpr.R11.encoding();
    static final int CALLER_SAVED;

    static {
        int m = 0;
        for (Gpr r : SysVAbi.CALLER_SAVED) {
            m |= 1 << r.encoding();
        }
        CALLER_SAVED = m;
    }

    private Clobbers() {
    }

    static int bit(Gpr r) {
        return 1 << r.encoding();
    }

    static int early(MInst m) {
        int mask = 0;
        for (Operand o : m.ops) {
            if (o.kind() == Operand.Kind.USE_FIXED) {
                mask |= bit(o.fixed());
            }
        }
        if (m.op == MInst.Op.DIV) {
            mask |= bit(Gpr.RAX) | bit(Gpr.RDX);
        }
        if (m.op == MInst.Op.CALL && m.callKind == MInst.CallKind.HELPER) {
            mask |= bit(Gpr.RDI);
            if (m.helperImms != null) {
                for (int k = 0; k < m.helperImms.length; k++) {
                    if (m.helperImms[k] != Long.MIN_VALUE) {
                        mask |= bit(SysVAbi.INT_ARGS.get(k + 1)); // written with the immediate before the call
                    }
                }
            }
        }
        return mask;
    }

    static int late(MInst m) {
        int mask = early(m);
        for (Operand o : m.ops) {
            if (o.kind() == Operand.Kind.DEF_FIXED) {
                mask |= bit(o.fixed());
            }
        }
        if (m.op == MInst.Op.CALL) {
            mask |= CALLER_SAVED;
        }
        return mask;
    }
}
