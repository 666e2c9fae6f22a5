package wasm.backend.internal.x64;

/**
 * A register operand of a machine instruction, typed by register class. Before
 * register allocation {@link #index()} is a virtual register; the allocation
 * applier ({@link Regs}) turns every operand into one holding its {@link Loc}
 * (a physical register of the class, or a spill slot when the operand allows
 * memory), which is what the emitter reads.
 */
sealed interface VReg permits GReg, XReg {
    /** The virtual register, or after allocation the location. */
    int index();

    /** The same class of operand with another index. */
    VReg at(int index);

    RegClass regClass();
}
