package wasm.runtime;

/** How a store runs defined functions. */
public enum ExecutionTier {
    /** Compile each defined function to x86-64 at instantiation; functions the JIT cannot compile are interpreted. */
    JIT,
    /** Interpret every function ({@code --no-jit}). */
    INTERPRETER
}
