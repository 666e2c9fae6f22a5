package wasm.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import wasm.core.WasmException;

/**
 * A WebAssembly trap. The message is the specification's wording
 * ("unreachable", "integer divide by zero", "out of bounds memory access",
 * "call stack exhausted", ...) and {@link #kind()} says which it is. A trap aborts the
 * current call; the store stays usable.
 *
 * <p>A host function that throws ends the call with a trap of kind {@link TrapKind#HOST} whose
 * {@linkplain #getCause() cause} is the host's exception, unchanged (functions defined through a
 * {@link Linker}). {@link #frames()} is the wasm backtrace, innermost first, with the names of the
 * module's name section.
 */
public class Trap extends WasmException {
    private static final long serialVersionUID = 1L;

    /**
     * One wasm frame of a backtrace.
     *
     * @param module        the module's name (name section), or null
     * @param functionIndex the function's index in its module's function index space
     * @param functionName  the name section's name of the function, else an export name, else
     *                      {@code func_<index>}
     */
    public record Frame(String module, int functionIndex, String functionName) {
        @Override
        public String toString() {
            return (module == null ? "" : module + "!") + functionName + " (func " + functionIndex + ")";
        }
    }

    private final TrapKind kind;
    private final List<Frame> frames = new ArrayList<>();

    public Trap(String message) {
        this(TrapKind.of(message), message, null);
    }

    public Trap(String message, Throwable cause) {
        this(TrapKind.of(message), message, cause);
    }

    /** A trap of {@code kind}; {@code message} should start with the kind's {@link TrapKind#message()}. */
    public Trap(TrapKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public TrapKind kind() {
        return kind;
    }

    /**
     * The wasm frames the trap unwound, innermost first: every interpreted frame; in the JIT tier
     * the frames the runtime could attribute (see docs/embedding.md). Empty when none is known.
     */
    public List<Frame> frames() {
        return Collections.unmodifiableList(frames);
    }

    /** Adds frames further out than those already recorded (the runtime calls this as the trap unwinds). */
    public void appendFrames(List<Frame> outer) {
        frames.addAll(outer);
    }

    /** The message, then the backtrace one frame a line. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.valueOf(getMessage()));
        for (int i = 0; i < frames.size(); i++) {
            sb.append(System.lineSeparator()).append("  ").append(i).append(": ").append(frames.get(i));
        }
        return sb.toString();
    }
}
