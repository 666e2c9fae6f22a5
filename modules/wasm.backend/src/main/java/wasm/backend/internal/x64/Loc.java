package wasm.backend.internal.x64;

import wasm.backend.x64.Gpr;
import wasm.backend.x64.Reg;
import wasm.backend.x64.Xmm;

/**
 * Locations are ints: 0..15 a general-purpose register (its encoding), 16..31
 * an XMM register (16 + its encoding), 32 + k spill slot k. A register
 * allocator's whole output is expressed in them.
 *
 * <p>Slots are 8-byte units of the frame's spill area (16-byte aligned), unit k at
 * {@code [base - 8(k+1)]}. A value of the XMM class takes two units, k even and k+1,
 * and is named by k+1: its address {@code base - 8(k+2)} is 16-byte aligned, so
 * packed instructions may read the slot (and v128 values will fit).
 *
 * <p>{@code FIRST_REMAT + k} is the k-th rematerialized constant of an allocation
 * ({@link Allocation#constants}): a read-only location that holds its value everywhere.
 * A move from it materializes the constant instead of loading from memory; nothing is
 * ever moved into it.
 */
final class Loc {
    static final int FIRST_XMM = 16;
    static final int FIRST_SLOT = 32;
    /** Bits 0..15 of a register mask: the general-purpose registers; bits 16..31: the XMM registers. */
    static final int GPR_MASK = 0xFFFF;
    static final int XMM_MASK = 0xFFFF_0000;
    /** Far above any slot a frame can have: a remat location never aliases a slot. */
    static final int FIRST_REMAT = 1 << 24;

    private Loc() {
    }

    static int reg(Reg r) {
        return r instanceof Xmm ? FIRST_XMM + r.encoding() : r.encoding();
    }

    static int slot(int k) {
        return FIRST_SLOT + k;
    }

    static boolean isReg(int loc) {
        return loc < FIRST_SLOT;
    }

    static boolean isGpr(int loc) {
        return loc < FIRST_XMM;
    }

    static boolean isXmm(int loc) {
        return loc >= FIRST_XMM && loc < FIRST_SLOT;
    }

    static Gpr gpr(int loc) {
        return Gpr.of(loc);
    }

    static Xmm xmm(int loc) {
        return Xmm.values()[loc - FIRST_XMM];
    }

    static int remat(int k) {
        return FIRST_REMAT + k;
    }

    static boolean isRemat(int loc) {
        return loc >= FIRST_REMAT;
    }

    static int rematIndex(int loc) {
        return loc - FIRST_REMAT;
    }

    /** A spill slot: neither a register nor a rematerialized constant. */
    static boolean isSlot(int loc) {
        return loc >= FIRST_SLOT && loc < FIRST_REMAT;
    }

    static int slotIndex(int loc) {
        return loc - FIRST_SLOT;
    }

    /** The register bits of {@code cls} in a register mask. */
    static int mask(RegClass cls) {
        return cls == RegClass.GPR ? GPR_MASK : XMM_MASK;
    }

    static String text(int loc) {
        return isGpr(loc) ? Gpr.of(loc).toString() : isXmm(loc) ? xmm(loc).toString()
                : isRemat(loc) ? "const" + rematIndex(loc) : "slot" + slotIndex(loc);
    }
}
