package wasmoon.cli.wast;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wasm.core.UnsupportedFeatureException;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WastScript;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.tooling.JitCoverage;

/**
 * Runs .wast spec scripts command by command and reports every command's
 * outcome. A run never stops early: a command that throws anything fails (or,
 * for {@link UnsupportedFeatureException}, is skipped) on its own, and the next
 * command runs. Each script gets a fresh store, registry and spectest module.
 */
public final class WastRunner {
    private static final Pattern POSITION = Pattern.compile(" at (\\d+):(\\d+)");

    private final PrintStream spectestOut;
    private final RuntimeOptions options;

    /**
     * @param spectestOut where the spectest print functions write
     * @param options     how each script's store executes code (tier, ...)
     */
    public WastRunner(PrintStream spectestOut, RuntimeOptions options) {
        this.spectestOut = Objects.requireNonNull(spectestOut);
        this.options = Objects.requireNonNull(options);
    }

    /** A runner with the runtime's default options ({@link RuntimeOptions#defaults()}). */
    public WastRunner(PrintStream spectestOut) {
        this(spectestOut, RuntimeOptions.defaults());
    }

    /** A runner whose spectest prints are discarded, on the given tier. */
    public static WastRunner quiet(ExecutionTier tier) {
        return new WastRunner(new PrintStream(OutputStream.nullOutputStream()),
                RuntimeOptions.defaults().withTier(tier));
    }

    /** A runner whose spectest prints are discarded, with the runtime's default options. */
    public static WastRunner quiet() {
        return new WastRunner(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Reads, parses and runs {@code file}; {@code displayName} names it in the report. */
    public FileReport runFile(Path file, String displayName) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return scriptFailure(displayName, 0, "expected a readable script, got " + e);
        }
        return runSource(new String(bytes, StandardCharsets.UTF_8), displayName);
    }

    /** Parses and runs a script given as text. */
    public FileReport runSource(String source, String fileName) {
        WastScript script;
        try {
            script = WastParser.parse(source, fileName);
        } catch (UnsupportedFeatureException e) {
            return new FileReport(fileName, List.of(
                    CommandResult.skipped(lineOf(e.getMessage()), "script", e.feature(), e.getMessage())));
        } catch (RuntimeException | Error e) {
            return scriptFailure(fileName, lineOf(e.getMessage()),
                    "expected a script, got " + ScriptExecution.describe(e));
        }
        return run(script);
    }

    /** Runs an already parsed script. */
    public FileReport run(WastScript script) {
        List<CommandResult> results = new ArrayList<>(script.commands().size());
        ScriptExecution execution = new ScriptExecution(spectestOut, options);
        JitCoverage coverage = FileReport.NO_FUNCTIONS;
        long jitGapFunctions = 0;
        try {
            for (WastCommand command : script.commands()) {
                results.add(execution.execute(command));
            }
        } finally {
            // Read before close: the coverage belongs to the store the script ran in.
            coverage = execution.coverage();
            jitGapFunctions = execution.jitGapFunctions();
            try {
                execution.close();
            } catch (RuntimeException e) {
                // A store that fails to release its memory must not hide the script's results.
                results.add(CommandResult.failed(0, "script", "expected the store to close, got "
                        + ScriptExecution.describe(e)));
            }
        }
        return new FileReport(script.fileName(), results, coverage, jitGapFunctions);
    }

    private static FileReport scriptFailure(String fileName, int line, String detail) {
        return new FileReport(fileName, List.of(CommandResult.failed(line, "script", detail)));
    }

    /** The line of a parser's trailing {@code " at LINE:COL"}, or 0. */
    private static int lineOf(String message) {
        if (message == null) {
            return 0;
        }
        Matcher m = POSITION.matcher(message);
        int line = 0;
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        return line;
    }
}
