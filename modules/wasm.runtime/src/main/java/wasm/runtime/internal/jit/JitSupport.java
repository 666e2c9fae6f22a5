package wasm.runtime.internal.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the JIT can run on this machine: x86-64 Linux (the code memory, the stack probe and the
 * signal-free trap scheme assume it) with the CPU features the backend emits unconditionally
 * (SSE4.1 rounding, POPCNT, BMI1's TZCNT). The system property {@value #FORCE_PROPERTY} forces
 * the answer "unsupported", its value being the reason, so the fallback can be tested anywhere.
 */
public final class JitSupport {
    /** Set to any text to make the JIT unsupported here (the text is the reason given). */
    public static final String FORCE_PROPERTY = "wasmoon.jit.unsupported";

    /** cpuinfo flags the backend's instructions need. */
    private static final List<String> CPU_FLAGS = List.of("sse4_1", "popcnt", "bmi1");

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
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    Set<String> flags = Set.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
                    for (String f : CPU_FLAGS) {
                        if (!flags.contains(f)) {
                            return Optional.of("the JIT needs the CPU feature " + f + ", which this CPU lacks");
                        }
                    }
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot read the CPU features from /proc/cpuinfo: " + e.getMessage());
        }
        return Optional.of("/proc/cpuinfo lists no CPU features");
    }
}
