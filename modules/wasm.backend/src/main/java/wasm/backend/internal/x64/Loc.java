package wasm.backend.internal.x64;

import wasm.backend.x64.Gpr;
import wasm.backend.x64.Reg;

/**
 * Locations are ints: 0..15 a general-purpose register (its encoding), 16 + k
 * spill slot k. A register allocator's whole output is expressed in them.
 */
final class Loc {
    static final int FIRST_SLOT = 16;

    private Loc() {
    }

    static int reg(Reg r) {
        return r.encoding();
    }

    static int slot(int k) {
        return FIRST_SLOT + k;
    }

    static boolean isReg(int loc) {
        return loc < FIRST_SLOT;
    }

    static Gpr gpr(int loc) {
        return Gpr.of(loc);
    }

    static int slotIndex(int loc) {
        return loc - FIRST_SLOT;
    }

    static String text(int loc) {
        return isReg(loc) ? Gpr.of(loc).toString() : "slot" + slotIndex(loc);
    }
}
