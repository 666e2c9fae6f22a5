package wasm.backend.internal.x64;

import wasm.backend.x64.Gpr;

/**
 * One virtual-register operand of a machine instruction with its allocation
 * constraint. Positions: instruction i reads its uses and writes its early defs
 * at 2i, its late (fixed) defs at 2i+1.
 */
record Operand(int vreg, Kind kind, Gpr fixed) {
    enum Kind {
        /** Read; must be in a register (a spilled value is reloaded into the scratch register). */
        USE_REG,
        /** Read; a register or a stack slot (the instruction has a memory form). */
        USE_ANY,
        /** Read from a fixed register (the allocator moves it there first). */
        USE_FIXED,
        /**
         * Written at the use position (early): never shares a register with a use of the same
         * instruction, except the first operand of a two-address instruction when that use is
         * the operand's last ({@code LinearScan.tiedOperand}).
         */
        DEF_REG,
        /** Written late into a fixed register; the allocator moves it to its location afterwards. */
        DEF_FIXED,
        /** Block parameter: defined by the incoming edge's parallel move. */
        DEF_PARAM;

        boolean isUse() {
            return this == USE_REG || this == USE_ANY || this == USE_FIXED;
        }
    }

    static Operand useReg(int v) {
        return new Operand(v, Kind.USE_REG, null);
    }

    static Operand useAny(int v) {
        return new Operand(v, Kind.USE_ANY, null);
    }

    static Operand useFixed(int v, Gpr r) {
        return new Operand(v, Kind.USE_FIXED, r);
    }

    static Operand defReg(int v) {
        return new Operand(v, Kind.DEF_REG, null);
    }

    static Operand defFixed(int v, Gpr r) {
        return new Operand(v, Kind.DEF_FIXED, r);
    }

    static Operand defParam(int v) {
        return new Operand(v, Kind.DEF_PARAM, null);
    }
}
