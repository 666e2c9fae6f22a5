package wasm.ir;

/** Float comparison condition of {@code fcmp}, with Wasm's semantics (any NaN operand: false, except ne: true). */
public enum FloatCC {
    EQ("eq"), NE("ne"), LT("lt"), GT("gt"), LE("le"), GE("ge");

    private static final FloatCC[] VALUES = values();
    private final String text;

    FloatCC(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case GT -> a > b;
            case LE -> a <= b;
            case GE -> a >= b;
        };
    }

    public static FloatCC byOrdinal(int o) {
        return VALUES[o];
    }

    public static FloatCC fromText(String text) {
        for (FloatCC c : VALUES) {
            if (c.text.equals(text)) {
                return c;
            }
        }
        return null;
    }
}
