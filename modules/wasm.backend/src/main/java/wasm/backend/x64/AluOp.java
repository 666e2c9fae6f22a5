package wasm.backend.x64;

/**
 * The eight classic two-operand ALU operations. Their number {@code n} is the
 * /digit of the immediate forms (81 /n id, 83 /n ib) and gives the register
 * forms: {@code 8n+1} (r/m, r) and {@code 8n+3} (r, r/m).
 */
public enum AluOp {
    ADD("add"), OR("or"), ADC("adc"), SBB("sbb"), AND("and"), SUB("sub"), XOR("xor"), CMP("cmp");

    private final String mnemonic;

    AluOp(String mnemonic) {
        this.mnemonic = mnemonic;
    }

    public String mnemonic() {
        return mnemonic;
    }

    /** The ModRM /digit of the immediate forms. */
    public int digit() {
        return ordinal();
    }

    /** Opcode of the {@code op r/m, r} form. */
    public int opcodeRmReg() {
        return ordinal() * 8 + 1;
    }

    /** Opcode of the {@code op r, r/m} form. */
    public int opcodeRegRm() {
        return ordinal() * 8 + 3;
    }
}
