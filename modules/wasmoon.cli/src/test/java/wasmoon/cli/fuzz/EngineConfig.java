package wasmoon.cli.fuzz;

import java.util.List;

import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

/**
 * One way wasmoon runs a fuzz module: the interpreter, or the JIT at an optimisation level.
 * The JIT configurations are strict: a function the JIT cannot compile fails instantiation
 * instead of falling back, so a JIT run really ran native code.
 */
enum EngineConfig {
    INTERP("interp"),
    JIT_O0("jit-O0"),
    JIT_O1("jit-O1"),
    JIT_O2("jit-O2");

    static final List<EngineConfig> ALL = List.of(values());

    private final String label;

    EngineConfig(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    RuntimeOptions options() {
        RuntimeOptions d = RuntimeOptions.defaults();
        return switch (this) {
            case INTERP -> d.withTier(ExecutionTier.INTERPRETER);
            case JIT_O0 -> d.withTier(ExecutionTier.JIT).withJitStrict(true).withOptLevel(0);
            case JIT_O1 -> d.withTier(ExecutionTier.JIT).withJitStrict(true).withOptLevel(1);
            case JIT_O2 -> d.withTier(ExecutionTier.JIT).withJitStrict(true).withOptLevel(2);
        };
    }

    static EngineConfig byLabel(String label) {
        for (EngineConfig c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown engine configuration " + label + " (interp, jit-O0, jit-O1, jit-O2)");
    }
}
