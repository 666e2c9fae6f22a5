package wasm.backend.internal.x64;

import java.util.List;

import wasm.backend.x64.Reg;

/**
 * The register allocator's output: a location per operand of every
 * instruction, and edits (sequential moves) to run before and after
 * instructions. For a Jump the "after" moves are the edge's parallel move
 * (already sequentialised), executed before the jump itself. A move from a remat
 * location ({@link Loc#remat}) materializes {@code constants}' entry there, the
 * value's defining instruction ({@link Rematerialization}).
 */
record Allocation(int[][] allocs, List<List<Move>> before, List<List<Move>> after, int[] vregLoc,
                  List<MInst> constants, int spillSlots, int spills, int reloads, int regMoves, int spillToSpill, int usedCalleeSaved) {

    /** The rematerialized constant at remat location {@code loc}, defining the register location {@code to}. */
    MInst rematerialized(int loc, int to) {
        return constants.get(Loc.rematIndex(loc)).regs(new Applier(new int[] {to}));
    }

    /** Instruction i of {@code code} with every register operand replaced by its location. */
    MInst located(VCode code, int i) {
        return code.insts.get(i).regs(new Applier(allocs[i]));
    }

    /** Hands out the locations of one instruction's operands in listing order. */
    private static final class Applier implements Regs {
        private final int[] locs;
        private int next;

        Applier(int[] locs) {
            this.locs = locs;
        }

        @SuppressWarnings("unchecked")
        private <R extends VReg> R at(R r) {
            return (R) r.at(locs[next++]);
        }

        @Override
        public <R extends VReg> R use(R r) {
            return at(r);
        }

        @Override
        public <R extends VReg> R any(R r) {
            return at(r);
        }

        @Override
        public <R extends VReg> R fixed(R r, Reg p) {
            return at(r);
        }

        @Override
        public <R extends VReg> R def(R r) {
            return at(r);
        }

        @Override
        public <R extends VReg> R defReusing(R r, VReg input) {
            return at(r);
        }

        @Override
        public <R extends VReg> R defFixed(R r, Reg p) {
            return at(r);
        }

        @Override
        public <R extends VReg> R param(R r) {
            return at(r);
        }
    }
}
