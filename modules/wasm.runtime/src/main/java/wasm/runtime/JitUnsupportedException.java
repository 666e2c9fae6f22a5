package wasm.runtime;

import wasm.core.WasmException;

/**
 * In strict JIT mode ({@link RuntimeOptions#jitStrict()}), a defined function
 * the JIT cannot compile: "function N (name) not supported by the JIT: reason".
 */
public final class JitUnsupportedException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final int functionIndex;
    private final String reason;

    public JitUnsupportedException(int functionIndex, String name, String reason) {
        super("function " + functionIndex + (name == null ? "" : " (" + name + ")")
                + " not supported by the JIT: " + reason);
        this.functionIndex = functionIndex;
        this.reason = reason;
    }

    public int functionIndex() {
        return functionIndex;
    }

    public String reason() {
        return reason;
    }
}
