package wasm.backend.x64;

/** The index scale of a SIB memory operand. */
public enum Scale {
    S1(1), S2(2), S4(4), S8(8);

    private final int factor;

    Scale(int factor) {
        this.factor = factor;
    }

    public int factor() {
        return factor;
    }

    /** The two SIB scale bits (log2 of the factor). */
    public int bits() {
        return ordinal();
    }

    public static Scale of(int factor) {
        return switch (factor) {
            case 1 -> S1;
            case 2 -> S2;
            case 4 -> S4;
            case 8 -> S8;
            default -> throw new IllegalArgumentException("scale must be 1, 2, 4 or 8: " + factor);
        };
    }
}
