package wasm.backend.internal.x64;

import wasm.backend.x64.Reg;

/**
 * The allocator's view of an instruction's register operands. Every form of
 * {@link MInst} lists its operands by passing each one through exactly one of
 * these methods, in a fixed order, and builds itself again from what they
 * return ({@link MInst#regs}). Two implementations exist: the collector of
 * {@link VCode} records the constraints and returns the operands unchanged; the
 * allocation applier returns each operand at its allocated location. Since both
 * walk the same code, constraints and locations cannot get out of step.
 *
 * <p>Positions: instruction i reads its uses and writes its early defs at 2i,
 * its fixed (late) defs at 2i+1.
 */
interface Regs {
    /** Read; must be in a register (a spilled value is reloaded into its class's scratch register). */
    <R extends VReg> R use(R r);

    /** Read; a register or a spill slot (the instruction has a memory form). */
    <R extends VReg> R any(R r);

    /** Read from the fixed register {@code p} (the allocator moves it there first). */
    <R extends VReg> R fixed(R r, Reg p);

    /** Written early: never shares a register with a use of the same instruction. */
    <R extends VReg> R def(R r);

    /**
     * Written early, but may take the register of {@code input} when this use is the input's last:
     * the emitter reads (or copies) {@code input} before it writes the result (two-address forms).
     */
    <R extends VReg> R defReusing(R r, VReg input);

    /** Written late into the fixed register {@code p}; the allocator moves it to its location afterwards. */
    <R extends VReg> R defFixed(R r, Reg p);

    /** A block parameter, defined by the incoming edge's parallel move. */
    <R extends VReg> R param(R r);

    /** A register or memory source, or an immediate (which is no operand). */
    default GprMemImm anyOrImm(GprMemImm o) {
        return o instanceof GReg g ? any(g) : o;
    }

    /** {@link #any(VReg)} for each element, in order. */
    default VReg[] anyEach(VReg[] rs) {
        VReg[] out = new VReg[rs.length];
        for (int k = 0; k < rs.length; k++) {
            out[k] = any(rs[k]);
        }
        return out;
    }
}
