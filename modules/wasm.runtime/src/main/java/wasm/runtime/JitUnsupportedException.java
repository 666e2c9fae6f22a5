package wasm.runtime;

import wasm.core.JitGap;
import wasm.core.WasmException;

/**
 * In strict JIT mode ({@link RuntimeOptions#jitStrict()}), a defined function
 * the JIT cannot compile: "function N (name) not supported by the JIT: reason".
 * When the reason is a whole feature the JIT does not compile yet, {@link #gap()} names it.
 */
public final class JitUnsupportedException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final int functionIndex;
    private final String reason;
    private final JitGap gap;

    public JitUnsupportedException(int functionIndex, String name, String reason) {
        this(functionIndex, name, reason, null);
    }

    public JitUnsupportedException(int functionIndex, String name, String reason, JitGap gap) {
        super("function " + functionIndex + (name == null ? "" : " (" + name + ")")
                + " not supported by the JIT: " + reason);
        this.functionIndex = functionIndex;
        this.reason = reason;
        this.gap = gap;
    }

    /** The feature the JIT does not compile yet that the function needs, or null. */
    public JitGap gap() {
        return gap;
    }

    public int functionIndex() {
        return functionIndex;
    }

    public String reason() {
        return reason;
    }
}
