package wasm.runtime.internal.jit;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the JIT can run on this machine: x86-64 Linux (the code memory, the stack probe and the
 * signal-free trap scheme assume it). No CPU extension is required: the backend uses SSE4.1,
 * POPCNT, LZCNT, BMI1 and the others only where {@code wasm.backend.CpuFeatures} detects them and
 * has a tested fallback for each (the SSE2 baseline of x86-64 is enough). The system property
 * {@value #FORCE_PROPERTY} forces the answer "unsupported", its value being the reason, so the fallback can be tested anywhere.
 */
public final class JitSupport {
    /** Set to any text to make the JIT unsupported here (the text is the reason given). */
    public static final String FORCE_PROPERTY = "wasmoon.jit.unsupported";

    private static final Optional<String> REASON = detect();

    private JitSupport() {
    }

    /** Why the JIT cannot run here, or empty when it can. */
    public static Optional<String> unsupportedReason() {
        String forced = System.getProperty(FORCE_PROPERTY);
        if (forced != null) {
            return Optional.of(forced.isBlank() ? "forced by -D" + FORCE_PROPERTY : forced.strip()
                    + " (-D" + FORCE_PROPERTY + ")");
        }
        return REASON;
    }

    private static Optional<String> detect() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return Optional.of("the JIT emits x86-64 code; this CPU is " + arch);
        }
        if (!os.startsWith("linux")) {
            return Optional.of("the JIT supports Linux; this system is " + os);
        }
        return Optional.empty();
    }
}
