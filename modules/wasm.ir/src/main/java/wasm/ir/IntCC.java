package wasm.ir;

/** Integer comparison condition of {@code icmp}. */
public enum IntCC {
    EQ("eq"), NE("ne"), SLT("slt"), ULT("ult"), SGT("sgt"), UGT("ugt"), SLE("sle"), ULE("ule"), SGE("sge"), UGE("uge");

    private static final IntCC[] VALUES = values();
    private final String text;

    IntCC(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Evaluates the condition on two values of the given width (32-bit operands are compared on their low halves). */
    public boolean test(long a, long b, boolean is32) {
        if (is32) {
            a = is32Signed(this) ? (int) a : a & 0xFFFF_FFFFL;
            b = is32Signed(this) ? (int) b : b & 0xFFFF_FFFFL;
        }
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case SLT -> a < b;
            case SGT -> a > b;
            case SLE -> a <= b;
            case SGE -> a >= b;
            case ULT -> Long.compareUnsigned(a, b) < 0;
            case UGT -> Long.compareUnsigned(a, b) > 0;
            case ULE -> Long.compareUnsigned(a, b) <= 0;
            case UGE -> Long.compareUnsigned(a, b) >= 0;
        };
    }

    private static boolean is32Signed(IntCC cc) {
        return cc == EQ || cc == NE || cc == SLT || cc == SGT || cc == SLE || cc == SGE;
    }

    /** The condition with operands swapped ({@code a < b} iff {@code b > a}). */
    public IntCC swapped() {
        return switch (this) {
            case EQ, NE -> this;
            case SLT -> SGT;
            case SGT -> SLT;
            case SLE -> SGE;
            case SGE -> SLE;
            case ULT -> UGT;
            case UGT -> ULT;
            case ULE -> UGE;
            case UGE -> ULE;
        };
    }

    /** The negated condition. */
    public IntCC inverse() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case SLT -> SGE;
            case SGE -> SLT;
            case SGT -> SLE;
            case SLE -> SGT;
            case ULT -> UGE;
            case UGE -> ULT;
            case UGT -> ULE;
            case ULE -> UGT;
        };
    }

    public static IntCC byOrdinal(int o) {
        return VALUES[o];
    }

    public static IntCC fromText(String text) {
        for (IntCC c : VALUES) {
            if (c.text.equals(text)) {
                return c;
            }
        }
        return null;
    }
}
