package wasm.runtime.internal.jit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import wasm.backend.code.CodeMemory;
import wasm.backend.code.RelocationTarget;

/**
 * Names the JIT's code for Linux {@code perf}: one {@code START SIZE NAME} line (hex
 * address and size) per function, trampoline and thunk, appended to
 * {@code /tmp/perf-<pid>.map}, the file perf reads for code it finds in anonymous
 * memory. Without it a profile of a wasm program is a list of bare addresses.
 *
 * <p>Lines are only ever appended: perf takes the newest mapping of an address, and
 * code memory is not reused while the process lives long enough to be profiled.
 */
final class PerfMap {
    /** One process-wide file: appends from several engines must not interleave. */
    private static final Object LOCK = new Object();

    private final Path file;
    private boolean warned;

    PerfMap(Path file) {
        this.file = file;
    }

    /** The file perf looks for: {@code /tmp/perf-<pid>.map}. */
    static PerfMap forThisProcess() {
        return new PerfMap(Path.of("/tmp", "perf-" + ProcessHandle.current().pid() + ".map"));
    }

    Path file() {
        return file;
    }

    /**
     * Appends a line for every target {@code code} defines; a definition's size runs to
     * the next definition (or the image's end). A write failure is one warning on stderr,
     * never a failure of the program being run.
     */
    void record(CodeMemory code, Function<RelocationTarget, String> naming) {
        List<Map.Entry<RelocationTarget, Integer>> defs = new ArrayList<>(code.image().definitions().entrySet());
        defs.sort(Map.Entry.comparingByValue());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < defs.size(); i++) {
            int start = defs.get(i).getValue();
            int end = i + 1 < defs.size() ? defs.get(i + 1).getValue() : code.image().size();
            if (end > start) {
                lines.append(Long.toHexString(code.baseAddress() + start)).append(' ')
                        .append(Integer.toHexString(end - start)).append(' ')
                        .append(naming.apply(defs.get(i).getKey()).replace('\n', ' ')).append('\n');
            }
        }
        synchronized (LOCK) {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                w.write(lines.toString());
            } catch (IOException e) {
                if (!warned) {
                    warned = true;
                    System.err.println("wasmoon: warning: cannot write the perf map " + file + ": " + e.getMessage());
                }
            }
        }
    }
}
