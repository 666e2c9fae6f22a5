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

    /** The function's index in the module's function index space. */
    private final int functionIndex;
    /** Why the JIT cannot compile it. */
    private final String reason;
    /** The missing feature, or null. */
    private final JitGap gap;

    /**
     * A refusal not tied to a whole missing feature.
     *
     * @param functionIndex the function's index in the module's function index space
     * @param name the function's name from the name section, or null
     * @param reason why the JIT cannot compile it
     */
    public JitUnsupportedException(int functionIndex, String name, String reason) {
        this(functionIndex, name, reason, null);
    }

    /**
     * A refusal, naming the missing feature when there is one.
     *
     * @param functionIndex the function's index in the module's function index space
     * @param name the function's name from the name section, or null
     * @param reason why the JIT cannot compile it
     * @param gap the missing feature, or null
     */
    public JitUnsupportedException(int functionIndex, String name, String reason, JitGap gap) {
        super("function " + functionIndex + (name == null ? "" : " (" + name + ")")
                + " not supported by the JIT: " + reason);
        this.functionIndex = functionIndex;
        this.reason = reason;
        this.gap = gap;
    }

    /**
     * The feature the JIT does not compile yet that the function needs, or null.
     *
     * @return the feature, or null
     */
    public JitGap gap() {
        return gap;
    }

    /**
     * The function the JIT refused.
     *
     * @return its index in the module's function index space (imports first)
     */
    public int functionIndex() {
        return functionIndex;
    }

    /**
     * Why the JIT refused the function.
     *
     * @return the reason, without the function's index and name
     */
    public String reason() {
        return reason;
    }
}
