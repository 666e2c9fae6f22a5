package wasm.backend.x64;

/**
 * The group-3 one-operand instructions (F7 /digit). MUL, IMUL1, DIV and IDIV
 * work on rdx:rax implicitly.
 */
public enum UnaryOp {
    NOT("not", 2), NEG("neg", 3), MUL("mul", 4), IMUL1("imul", 5), DIV("div", 6), IDIV("idiv", 7);

    private final String mnemonic;
    private final int digit;

    UnaryOp(String mnemonic, int digit) {
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
