package wasmoon.cli.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a batch in a child process that marks each unit of work with {@code begin KEY} and
 * {@code end KEY} lines, and survives the child's death: when the child crashes or stops
 * answering, the unit it had begun is named as the culprit, and a new child goes on with the
 * modules after it. A crash never ends a campaign.
 */
final class IsolatedRun {
    /** A unit whose child died ({@code crash}, with its exit code) or went silent ({@code hang}). */
    record Failure(String key, String kind, int exitCode, List<String> output, Path errorLog) {
        String id() {
            int sp = key.indexOf(' ');
            return sp < 0 ? key : key.substring(0, sp);
        }
    }

    /** Per unit key, its observation lines; plus the failures. */
    record Results(Map<String, List<String>> outputs, List<Failure> failures) {
    }

    private static final String EOF = "\u0000eof";
    private static final int OUTPUT_KEPT = 60;

    private IsolatedRun() {
    }

    /**
     * Runs {@code entries} with {@code command} (given the batch file) until each has run or
     * failed. {@code unitsPerEntry} is the number of {@code end} markers an entry produces;
     * {@code silenceSeconds} is how long a child may go without printing a line.
     */
    static Results run(List<BatchFile.Entry> entries, int unitsPerEntry, Path workDir, String name,
                       Function<Path, List<String>> command, int silenceSeconds)
            throws IOException, InterruptedException {
        Map<String, List<String>> outputs = new HashMap<>();
        List<Failure> failures = new ArrayList<>();
        List<BatchFile.Entry> remaining = new ArrayList<>(entries);
        while (!remaining.isEmpty()) {
            Path batchFile = workDir.resolve(name + ".batch");
            new BatchFile(remaining).write(batchFile);
            Path errFile = workDir.resolve(name + ".stderr");
            ProcessBuilder pb = new ProcessBuilder(command.apply(batchFile));
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = in.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the child died; its exit code tells
                }
                lines.add(EOF);
            });
            Map<String, Integer> unitsDone = new LinkedHashMap<>();
            String current = null;
            List<String> currentLines = new ArrayList<>();
            List<String> stray = new ArrayList<>();
            boolean hung = false;
            while (true) {
                String l = lines.poll(silenceSeconds, TimeUnit.SECONDS);
                if (l == null) {
                    hung = true;
                    p.destroyForcibly();
                    break;
                }
                if (l == EOF) {
                    break;
                }
                if (l.startsWith("begin ")) {
                    current = l.substring(6);
                    currentLines = new ArrayList<>();
                } else if (l.startsWith("end ") && current != null && l.substring(4).equals(current)) {
                    outputs.put(current, currentLines);
                    unitsDone.merge(idOf(current), 1, Integer::sum);
                    current = null;
                } else if (current != null) {
                    currentLines.add(l);
                } else if (stray.size() < OUTPUT_KEPT) {
                    stray.add(l);
                }
            }
            int exit = p.waitFor();
            reader.join(5000);
            int firstUndone = 0;
            while (firstUndone < remaining.size()
                    && unitsDone.getOrDefault(remaining.get(firstUndone).id(), 0) >= unitsPerEntry) {
                firstUndone++;
            }
            if (firstUndone == remaining.size()) {
                break;
            }
            String culprit = current != null ? current : remaining.get(firstUndone).id();
            List<String> output = new ArrayList<>(currentLines.subList(Math.max(0, currentLines.size() - OUTPUT_KEPT),
                    currentLines.size()));
            output.addAll(stray);
            if (Files.exists(errFile)) {
                List<String> err = Files.readAllLines(errFile, StandardCharsets.UTF_8);
                output.addAll(err.subList(0, Math.min(err.size(), OUTPUT_KEPT)));
            }
            Path errorLog = workDir.resolve("hs_err_pid" + p.pid() + ".log");
            failures.add(new Failure(culprit, hung ? "hang" : "crash", exit, output,
                    Files.exists(errorLog) ? errorLog : null));
            String culpritId = idOf(culprit);
            int at = 0;
            while (at < remaining.size() && !remaining.get(at).id().equals(culpritId)) {
                at++;
            }
            remaining = new ArrayList<>(remaining.subList(Math.min(at + 1, remaining.size()), remaining.size()));
        }
        return new Results(outputs, failures);
    }

    private static String idOf(String key) {
        int sp = key.indexOf(' ');
        return sp < 0 ? key : key.substring(0, sp);
    }
}
