package perf.metrics;

import java.util.Objects;

/**
 * Where a function ended up running: compiled to native code, or left to the
 * interpreter because the JIT gave up on it.
 */
public sealed interface Tier {

    /**
     * The value of the {@code tier} key.
     *
     * @return {@code jit} or {@code interpreter}
     */
    String jsonName();

    /** Compiled to native code ({@code "tier": "jit"}). */
    record Jit() implements Tier {
        @Override
        public String jsonName() {
            return "jit";
        }
    }

    /**
     * Fell back to the interpreter ({@code "tier": "interpreter", "fallback_reason": reason}).
     *
     * @param fallbackReason why the JIT gave up on the function (its exception's message)
     */
    record Interpreter(String fallbackReason) implements Tier {
        /**
         * Checks that there is a reason.
         *
         * @throws NullPointerException when {@code fallbackReason} is null
         */
        public Interpreter {
            Objects.requireNonNull(fallbackReason, "fallbackReason");
        }

        @Override
        public String jsonName() {
            return "interpreter";
        }
    }

    /** The one JIT tier value. */
    Tier JIT = new Jit();
}
