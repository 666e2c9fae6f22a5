package wasm.opt;

/** A pass broke an invariant (found when the driver verifies): a compiler bug, not a property of the input. */
public final class PassFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pass;

    public PassFailedException(String pass, String function, String problem, Throwable cause) {
        super("pass " + pass + " on %" + function + ": " + problem, cause);
        this.pass = pass;
    }

    /** The name of the pass that failed. */
    public String pass() {
        return pass;
    }
}
