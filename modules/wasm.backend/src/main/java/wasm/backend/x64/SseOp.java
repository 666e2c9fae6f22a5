package wasm.backend.x64;

/** Scalar SSE/SSE2 register-register instructions: mandatory prefix (0 for none) and 0F opcode. */
public enum SseOp {
    ADDSS(0xF3, 0x0F58), ADDSD(0xF2, 0x0F58), SUBSS(0xF3, 0x0F5C), SUBSD(0xF2, 0x0F5C),
    MULSS(0xF3, 0x0F59), MULSD(0xF2, 0x0F59), DIVSS(0xF3, 0x0F5E), DIVSD(0xF2, 0x0F5E),
    SQRTSS(0xF3, 0x0F51), SQRTSD(0xF2, 0x0F51), MINSS(0xF3, 0x0F5D), MINSD(0xF2, 0x0F5D),
    MAXSS(0xF3, 0x0F5F), MAXSD(0xF2, 0x0F5F), UCOMISS(0, 0x0F2E), UCOMISD(0x66, 0x0F2E),
    CVTSS2SD(0xF3, 0x0F5A), CVTSD2SS(0xF2, 0x0F5A), ANDPS(0, 0x0F54), ORPS(0, 0x0F56);

    private final int prefix;
    private final int opcode;

    SseOp(int prefix, int opcode) {
        this.prefix = prefix;
        this.opcode = opcode;
    }

    public int prefix() {
        return prefix;
    }

    public int opcode() {
        return opcode;
    }

    public String mnemonic() {
        return name().toLowerCase();
    }
}
