package wasm.backend.x64;

/** Operand size. WORD needs the 0x66 prefix, QWORD needs REX.W. */
public enum Size {
    BYTE(1, "BYTE"),
    WORD(2, "WORD"),
    DWORD(4, "DWORD"),
    QWORD(8, "QWORD");

    private final int bytes;
    private final String ptrName;

    Size(int bytes, String ptrName) {
        this.bytes = bytes;
        this.ptrName = ptrName;
    }

    public int bytes() {
        return bytes;
    }

    public int bits() {
        return bytes * 8;
    }

    /** The Intel-syntax size keyword, e.g. {@code QWORD} in {@code QWORD PTR [rax]}. */
    public String ptrName() {
        return ptrName;
    }
}
