package wasm.backend.internal.x64;

/** A general-purpose register operand (see {@link VReg}). */
record GReg(int index) implements VReg, GprMemImm {
    @Override
    public GReg at(int i) {
        return new GReg(i);
    }

    @Override
    public RegClass regClass() {
        return RegClass.GPR;
    }
}
