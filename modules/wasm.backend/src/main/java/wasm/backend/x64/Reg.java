package wasm.backend.x64;

/** A machine register: general purpose or SSE. */
public sealed interface Reg extends Operand permits Gpr, Xmm {
    /** The 4-bit hardware number (0..15). */
    int encoding();

    /** The low three bits, as placed in ModRM/SIB/opcode. */
    default int low3() {
        return encoding() & 7;
    }

    /** Whether the number needs a REX extension bit (8..15). */
    default boolean isExtended() {
        return encoding() >= 8;
    }
}
