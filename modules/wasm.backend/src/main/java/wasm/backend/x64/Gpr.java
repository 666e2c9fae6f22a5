package wasm.backend.x64;

/** The sixteen general-purpose registers, in hardware encoding order. */
public enum Gpr implements Reg {
    RAX("rax", "eax", "ax", "al"),
    RCX("rcx", "ecx", "cx", "cl"),
    RDX("rdx", "edx", "dx", "dl"),
    RBX("rbx", "ebx", "bx", "bl"),
    RSP("rsp", "esp", "sp", "spl"),
    RBP("rbp", "ebp", "bp", "bpl"),
    RSI("rsi", "esi", "si", "sil"),
    RDI("rdi", "edi", "di", "dil"),
    R8("r8", "r8d", "r8w", "r8b"),
    R9("r9", "r9d", "r9w", "r9b"),
    R10("r10", "r10d", "r10w", "r10b"),
    R11("r11", "r11d", "r11w", "r11b"),
    R12("r12", "r12d", "r12w", "r12b"),
    R13("r13", "r13d", "r13w", "r13b"),
    R14("r14", "r14d", "r14w", "r14b"),
    R15("r15", "r15d", "r15w", "r15b");

    private static final Gpr[] VALUES = values();

    private final String name64;
    private final String name32;
    private final String name16;
    private final String name8;

    Gpr(String name64, String name32, String name16, String name8) {
        this.name64 = name64;
        this.name32 = name32;
        this.name16 = name16;
        this.name8 = name8;
    }

    @Override
    public int encoding() {
        return ordinal();
    }

    public static Gpr of(int encoding) {
        return VALUES[encoding];
    }

    /**
     * Whether the 8-bit form needs a REX prefix to mean SPL/BPL/SIL/DIL
     * (without REX, encodings 4..7 name AH/CH/DH/BH, which we never use).
     */
    public boolean byteFormNeedsRex() {
        return ordinal() >= 4 && ordinal() <= 7;
    }

    /** The Intel-syntax name at the given size, e.g. {@code r8d} or {@code sil}. */
    public String name(Size size) {
        return switch (size) {
            case BYTE -> name8;
            case WORD -> name16;
            case DWORD -> name32;
            case QWORD -> name64;
        };
    }

    @Override
    public String toString() {
        return name64;
    }
}
