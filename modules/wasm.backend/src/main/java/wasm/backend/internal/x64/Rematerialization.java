package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rematerialization of spilled constants: a value defined by a constant instruction and spilled by
 * the scan is not kept in memory but re-created where it is needed. Its location becomes a remat
 * location ({@link Loc#remat}), which the rest of the allocator treats like a slot that is never
 * written: a reload from it (into the scratch register, a fixed register, a {@link ReloadWindows}
 * window or an edge's parallel move) becomes a {@code mov} of the constant, which costs no more
 * than the load it replaces and needs no store at the definition. The definition itself emits
 * nothing unless something reads the value from memory.
 *
 * <p>That is the one case a constant cannot be re-created for: a use that reads its operand as a
 * memory operand ({@link Operand.Kind#USE_ANY} outside a window's register, other than a jump's
 * argument, which is an edge move). Those operands would each need a register the instruction may
 * not have free (its one scratch register may be taken by another operand or by the emitter), so
 * they read a backing slot instead: the slot the scan gave the value, stored once at the
 * definition as before. The simple forms ({@link #readsOperandsOnly}) take a constant operand in
 * the scratch register of its class instead when no other operand of the instruction needs it. {@link RegallocChecker} verifies each remat location against the value's
 * defining instruction, so a wrong constant in the table is caught before emission.
 */
final class Rematerialization {
    /** The defining instruction of each rematerialized value, by remat index. */
    final List<MInst> constants = new ArrayList<>();
    /** Per vreg: the slot the scan gave a rematerialized value (read by memory operands), else -1. */
    final int[] backing;

    private Rematerialization(int vregs) {
        backing = new int[vregs];
        Arrays.fill(backing, -1);
    }

    /** Whether {@code m} defines a constant the emitter can materialize anywhere without side effects. */
    static boolean isConstant(MInst m) {
        return m instanceof MInst.LoadConst || m instanceof MInst.FpConst || m instanceof MInst.VecConst;
    }

    /**
     * Whether {@code m}'s emitter reads its register-or-memory operands and writes its result with
     * no scratch register of its own, so that one such operand may be handed to it in the class's
     * scratch register (r10, xmm15). Kept to simple forms, each checked in the emitter; any other
     * instruction reads a constant operand from its backing slot.
     */
    static boolean readsOperandsOnly(MInst m) {
        return switch (m) {
            case MInst.Alu x -> true;
            case MInst.IMul x -> true;
            case MInst.IMulImm x -> true;
            case MInst.ShiftImm x -> true;
            case MInst.Extend x -> true;
            case MInst.CmpSet x -> true;
            case MInst.Select x -> true;
            case MInst.Branch x -> true;
            case MInst.FpArith x -> true;
            default -> false;
        };
    }

    /**
     * Gives every spilled value of {@code loc} that a constant instruction defines ({@code defAt}:
     * each vreg's defining instruction, or -1) a remat location, in place.
     */
    static Rematerialization choose(VCode code, int[] loc, int[] defAt) {
        Rematerialization r = new Rematerialization(loc.length);
        for (int v = 0; v < loc.length; v++) {
            if (loc[v] >= 0 && Loc.isSlot(loc[v]) && defAt[v] >= 0 && isConstant(code.insts.get(defAt[v]))) {
                r.backing[v] = loc[v];
                loc[v] = Loc.remat(r.constants.size());
                r.constants.add(code.insts.get(defAt[v]));
            }
        }
        return r;
    }
}
