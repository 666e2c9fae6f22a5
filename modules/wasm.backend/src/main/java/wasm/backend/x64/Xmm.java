package wasm.backend.x64;

/**
 * The sixteen SSE registers. Present so operand types and the REX logic are
 * designed for them; floating-point instructions come later.
 */
public enum Xmm implements Reg {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7,
    XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15;

    @Override
    public int encoding() {
        return ordinal();
    }

    @Override
    public String toString() {
        return "xmm" + ordinal();
    }
}
