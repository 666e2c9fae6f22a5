package wasm.backend.internal.x64;

import wasm.backend.x64.Gpr;
import wasm.backend.x64.Reg;
import wasm.backend.x64.SysVAbi;
import wasm.backend.x64.Xmm;

/**
 * Registers an instruction destroys, as bit masks over register encodings.
 * Early clobbers are written while the uses may still be read (so no value read
 * by the instruction may live there); late clobbers are written during the
 * instruction (so no value live across it may live there).
 */
final class Clobbers {
    static final int R10 = 1 << Gpr.R10.encoding();
    static final int R11 = 1 << Gpr.R11.encoding();
    static final int XMM15 = 1 << Loc.reg(Xmm.XMM15);
    /** The scratch registers any instruction may write: r10 and xmm15 (allocator), r11 (emitter). */
    static final int SCRATCH = R10 | R11 | XMM15;
    /** What a call destroys: SysV's caller-saved general registers and every XMM register. */
    static final int CALLER_SAVED;

    static {
        int m = Loc.XMM_MASK;
        for (Gpr r : SysVAbi.CALLER_SAVED) {
            m |= 1 << r.encoding();
        }
        CALLER_SAVED = m;
    }

    private Clobbers() {
    }

    static int bit(Reg r) {
        return 1 << Loc.reg(r);
    }

    static int early(MInst m, Operand[] ops) {
        int mask = 0;
        for (Operand o : ops) {
            if (o.kind() == Operand.Kind.USE_FIXED) {
                mask |= bit(o.fixed());
            }
        }
        return mask | switch (m) {
            case MInst.Div d -> bit(Gpr.RAX) | bit(Gpr.RDX);
            case MInst.Call c -> c.earlyClobbers();
            default -> 0;
        };
    }

    static int late(MInst m, Operand[] ops) {
        int mask = early(m, ops);
        for (Operand o : ops) {
            if (o.kind() == Operand.Kind.DEF_FIXED) {
                mask |= bit(o.fixed());
            }
        }
        if (m instanceof MInst.Call || m instanceof MInst.TailCall) {
            mask |= CALLER_SAVED;
        }
        return mask;
    }
}
