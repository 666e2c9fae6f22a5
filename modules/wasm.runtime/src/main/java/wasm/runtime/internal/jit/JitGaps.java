package wasm.runtime.internal.jit;

import wasm.core.JitGap;
import wasm.core.model.Module;

/**
 * Which {@link JitGap} a defined function needs, read from its Wasm code without compiling it:
 * the one decision for every gap. Strict JIT mode asks before any compilation, so that a module
 * is refused for its gap at instantiation under both compile policies (lazily, the backend would
 * only meet the function at its first call), and the inliner never copies a callee's gap into a
 * caller. The JIT has no gap today (tail calls, memory64 and multiple memories, the last ones,
 * compile natively): every function answers none.
 */
final class JitGaps {
    private JitGaps() {
    }

    /** The gap defined function {@code funcIndex} of {@code module} needs, or null when the JIT covers it. */
    static JitGap of(Module module, int funcIndex) {
        return null;
    }
}
