package wasmoon.cli.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch file both runners read (run-node.mjs and {@link FuzzWorker}): per module a
 * {@code module ID PATH} line, its {@code call} lines ({@link CallPlan.Call#line()}) and
 * {@code end}.
 */
record BatchFile(List<Entry> entries) {
    /** One module: its id, the instrumented binary and the calls to make. */
    record Entry(String id, Path wasm, List<CallPlan.Call> calls) {
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append("module ").append(e.id()).append(' ').append(e.wasm()).append('\n');
            for (CallPlan.Call c : e.calls()) {
                sb.append(c.line()).append('\n');
            }
            sb.append("end\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    static BatchFile read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String id = null;
        Path wasm = null;
        List<CallPlan.Call> calls = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" ");
            switch (f[0]) {
                case "module" -> {
                    id = f[1];
                    wasm = Path.of(line.substring(line.indexOf(' ', 7) + 1));
                    calls = new ArrayList<>();
                }
                case "call" -> {
                    long[] args = Arrays.stream(f, 3, f.length).mapToLong(Long::parseLong).toArray();
                    calls.add(new CallPlan.Call(f[1], f[2].equals("-") ? "" : f[2], args));
                }
                case "end" -> entries.add(new Entry(id, wasm, List.copyOf(calls)));
                default -> throw new IOException("bad batch line: " + line);
            }
        }
        return new BatchFile(entries);
    }
}
