package wasm.opt;

/** The {@code -O} levels; {@link #number()} is what {@code opt_level} in the metrics reports. */
public enum OptLevel {
    /** No pass: the translator's verified IR goes straight to the backend, which accepts any verified IR. */
    O0(0),
    /** Cheap cleanups: CFG cleanup, constant folding, block-parameter copy propagation, GVN, DCE. */
    O1(1),
    /** O1 plus algebraic simplification, LICM and a second GVN/DCE round (and, later, the e-graph). */
    O2(2);

    private final int number;

    OptLevel(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The level for {@code -O<n>}; levels above 2 mean 2. */
    public static OptLevel of(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative optimisation level " + n);
        }
        return n == 0 ? O0 : n == 1 ? O1 : O2;
    }
}
