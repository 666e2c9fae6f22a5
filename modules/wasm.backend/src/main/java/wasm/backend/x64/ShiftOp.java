package wasm.backend.x64;

/** Shifts and rotates; the number is the ModRM /digit of D3 (by cl), D1 (by 1) and C1 (by imm8). */
public enum ShiftOp {
    ROL("rol", 0), ROR("ror", 1), SHL("shl", 4), SHR("shr", 5), SAR("sar", 7);

    private final String mnemonic;
    private final int digit;

    ShiftOp(String mnemonic, int digit) {
        this.mnemonic = mnemonic;
        this.digit = digit;
    }

    public String mnemonic() {
        return mnemonic;
    }

    public int digit() {
        return digit;
    }
}
