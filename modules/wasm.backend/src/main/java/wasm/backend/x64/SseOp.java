package wasm.backend.x64;

/**
 * SSE/SSE2 instructions of the form {@code op xmm, xmm/mem}: mandatory prefix (0 for none) and 0F
 * opcode. The scalar ones read 4 or 8 bytes of a memory operand; the packed bitwise ones (ANDPS,
 * ANDNPS, ORPS, XORPS) read 16, which must be 16-byte aligned.
 */
public enum SseOp {
    ADDSS(0xF3, 0x0F58), ADDSD(0xF2, 0x0F58), SUBSS(0xF3, 0x0F5C), SUBSD(0xF2, 0x0F5C),
    MULSS(0xF3, 0x0F59), MULSD(0xF2, 0x0F59), DIVSS(0xF3, 0x0F5E), DIVSD(0xF2, 0x0F5E),
    SQRTSS(0xF3, 0x0F51), SQRTSD(0xF2, 0x0F51), MINSS(0xF3, 0x0F5D), MINSD(0xF2, 0x0F5D),
    MAXSS(0xF3, 0x0F5F), MAXSD(0xF2, 0x0F5F), UCOMISS(0, 0x0F2E), UCOMISD(0x66, 0x0F2E),
    CVTSS2SD(0xF3, 0x0F5A), CVTSD2SS(0xF2, 0x0F5A), ANDPS(0, 0x0F54), ANDNPS(0, 0x0F55), ORPS(0, 0x0F56),
    XORPS(0, 0x0F57);

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
