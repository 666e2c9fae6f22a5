package perf.metrics;

import java.util.Objects;

/**
 * Where a function ended up running: compiled to native code, or left to the
 * interpreter because the JIT gave up on it.
 */
public sealed interface Tier {

    /** The value of the {@code tier} key. */
    String jsonName();

    /** Compiled to native code ({@code "tier": "jit"}). */
    record Jit() implements Tier {
        @Override
        public String jsonName() {
            return "jit";
        }
    }

    /** Fell back to the interpreter ({@code "tier": "interpreter", "fallback_reason": reason}). */
    record Interpreter(String fallbackReason) implements Tier {
        public Interpreter {
            Objects.requireNonNull(fallbackReason, "fallbackReason");
        }

        @Override
        public String jsonName() {
            return "interpreter";
        }
    }

    Tier JIT = new Jit();
}
