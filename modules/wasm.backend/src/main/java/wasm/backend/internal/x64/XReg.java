package wasm.backend.internal.x64;

/** An XMM register operand (see {@link VReg}). */
record XReg(int index) implements VReg {
    @Override
    public XReg at(int i) {
        return new XReg(i);
    }

    @Override
    public RegClass regClass() {
        return RegClass.XMM;
    }
}
