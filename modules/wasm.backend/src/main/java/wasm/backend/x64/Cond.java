package wasm.backend.x64;

/**
 * Condition codes, numbered as the hardware does: Jcc rel32 is {@code 0F 80+cc},
 * Jcc rel8 {@code 70+cc}, SETcc {@code 0F 90+cc}, CMOVcc {@code 0F 40+cc}.
 * Flipping the low bit negates a condition, which is what {@link #invert()} does.
 */
public enum Cond {
    O("o"),      // overflow
    NO("no"),
    B("b"),      // unsigned <  (carry)
    AE("ae"),    // unsigned >=
    E("e"),      // ==
    NE("ne"),
    BE("be"),    // unsigned <=
    A("a"),      // unsigned >
    S("s"),      // sign
    NS("ns"),
    P("p"),      // parity (unordered float compares)
    NP("np"),
    L("l"),      // signed <
    GE("ge"),
    LE("le"),
    G("g");

    private static final Cond[] VALUES = values();

    private final String suffix;

    Cond(String suffix) {
        this.suffix = suffix;
    }

    /** The 4-bit condition number. */
    public int encoding() {
        return ordinal();
    }

    /** The negated condition. */
    public Cond invert() {
        return VALUES[ordinal() ^ 1];
    }

    /** The condition after swapping the compared operands ({@code a < b} is {@code b > a}). */
    public Cond swapOperands() {
        return switch (this) {
            case B -> A;
            case A -> B;
            case AE -> BE;
            case BE -> AE;
            case L -> G;
            case G -> L;
            case GE -> LE;
            case LE -> GE;
            default -> this;
        };
    }

    /** The mnemonic suffix ({@code e} in {@code je}, {@code sete}, {@code cmove}). */
    public String suffix() {
        return suffix;
    }

    public int jccRel8Opcode() {
        return 0x70 + ordinal();
    }

    public int jccRel32Opcode() {
        return 0x0F80 + ordinal();
    }

    public int setccOpcode() {
        return 0x0F90 + ordinal();
    }

    public int cmovccOpcode() {
        return 0x0F40 + ordinal();
    }
}
