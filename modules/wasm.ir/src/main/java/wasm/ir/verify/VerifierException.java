package wasm.ir.verify;

import java.util.List;

/** The IR broke an invariant; a compiler bug, never a user error. Lists every problem found. */
public final class VerifierException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public VerifierException(String functionName, List<String> errors) {
        super("IR verification of %" + functionName + " failed:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
