package wasm.ir.interp;

/** The interpreter ran more instructions than its fuel allowed (guards tests against endless loops). */
public final class OutOfFuelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfFuelException() {
        super("out of fuel");
    }
}
