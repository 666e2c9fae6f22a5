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

    /** Which trap it is. */
    private final TrapKind kind;
    /** The wasm backtrace, innermost first. */
    private final List<Frame> frames = new ArrayList<>();

    /**
     * A trap whose kind is read from {@code message} ({@link TrapKind#of}).
     *
     * @param message the specification's wording, optionally followed by details
     */
    public Trap(String message) {
        this(TrapKind.of(message), message, null);
    }

    /**
     * A trap whose kind is read from {@code message} ({@link TrapKind#of}), with a cause.
     *
     * @param message the specification's wording, optionally followed by details
     * @param cause what caused it, or null
     */
    public Trap(String message, Throwable cause) {
        this(TrapKind.of(message), message, cause);
    }

    /**
     * A trap of {@code kind}; {@code message} should start with the kind's {@link TrapKind#message()}.
     *
     * @param kind the kind
     * @param message the message
     * @param cause what caused it (the host's exception for {@link TrapKind#HOST}), or null
     */
    public Trap(TrapKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Which trap this is; {@link TrapKind#OTHER} when the message is none of the known ones.
     *
     * @return the kind
     */
    public TrapKind kind() {
        return kind;
    }

    /**
     * The wasm frames the trap unwound, innermost first: every interpreted frame; in the JIT tier
     * the frames the runtime could attribute (see docs/embedding.md). Empty when none is known.
     *
     * @return the frames, unmodifiable
     */
    public List<Frame> frames() {
        return Collections.unmodifiableList(frames);
    }

    /**
     * Adds frames further out than those already recorded (the runtime calls this as the trap unwinds).
     *
     * @param outer the frames, innermost first
     */
    public void appendFrames(List<Frame> outer) {
        frames.addAll(outer);
    }

    /**
     * The message, then the backtrace one frame a line.
     *
     * @return the description, for a log or a terminal
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.valueOf(getMessage()));
        for (int i = 0; i < frames.size(); i++) {
            sb.append(System.lineSeparator()).append("  ").append(i).append(": ").append(frames.get(i));
        }
        return sb.toString();
    }
}
