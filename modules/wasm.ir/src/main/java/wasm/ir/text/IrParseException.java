package wasm.ir.text;

/** A syntax or consistency error in IR text; the message names the line. */
public final class IrParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IrParseException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
