package wasm.ir.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.text.ModuleSource;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WastScript;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * The official spec suite, read in place (never copied): where it is, its MVP,
 * 2.0 and SIMD scripts (relaxed SIMD included), and the modules they define. A missing suite fails the test
 * that asks for it; it is never skipped.
 */
public final class SpecSuite {
    private SpecSuite() {
    }

    /** The suite's directory: the build's {@code wasm.testsuite} property, else the shared checkout beside this one. */
    public static Path root() {
        Path p = Path.of(System.getProperty("wasm.testsuite", "../../../shared/wasm-testsuite"));
        assertTrue(Files.isDirectory(p), "spec suite not found at " + p.toAbsolutePath());
        return p;
    }

    /**
     * The .wast files FILES.tsv groups as {@code mvp}, {@code 2.0} or {@code simd}, and
     * the relaxed SIMD files (grouped 3.0+), in its order.
     */
    public static List<String> files() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(root().resolve("FILES.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length > 1 && (cols[1].equals("mvp") || cols[1].equals("2.0") || cols[1].equals("simd")
                    || cols[0].contains("relaxed"))) {
                out.add(cols[0]);
            }
        }
        return out;
    }

    /** Whether {@code file} (one of {@link #files()}) is a SIMD script: FILES.tsv's {@code simd} group or relaxed SIMD. */
    public static boolean isSimd(String file) throws IOException {
        for (String line : Files.readAllLines(root().resolve("FILES.tsv"))) {
            String[] cols = line.split("\t");
            if (cols[0].equals(file)) {
                return cols.length > 1 && cols[1].equals("simd") || file.contains("relaxed");
            }
        }
        throw new IllegalArgumentException(file + " is not in FILES.tsv");
    }

    /** One of {@link #files()}, parsed. */
    public static WastScript script(String file) throws IOException {
        return WastParser.parse(Files.readString(root().resolve(file)), file);
    }

    /** The module a script defines, not yet validated. */
    public static Module load(ModuleSource source) {
        return switch (source) {
            case ModuleSource.Text t -> WatParser.parseModule(t.source());
            case ModuleSource.Binary b -> ModuleDecoder.decode(b.bytes());
            case ModuleSource.Quote q -> WatParser.parseModule(q.text());
        };
    }

    /**
     * The module of {@code command} if it loads and validates; empty for the suite's
     * malformed and invalid modules (a {@link WasmException}, or an
     * {@link IllegalArgumentException} from a decoder limit).
     */
    public static Optional<Module> validModule(WastCommand.ModuleCommand command) {
        try {
            Module m = load(command.source());
            Validator.validate(m);
            return Optional.of(m);
        } catch (WasmException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every valid module of the suite, in file order; any failure other than a {@link WasmException} propagates. */
    public static List<Module> validModules() throws IOException {
        List<Module> modules = new ArrayList<>();
        for (String file : files()) {
            for (WastCommand cmd : script(file).commands()) {
                if (cmd instanceof WastCommand.ModuleCommand mc) {
                    try {
                        Module m = load(mc.source());
                        Validator.validate(m);
                        modules.add(m);
                    } catch (WasmException e) {
                        // invalid modules are the suite's negative tests
                    }
                }
            }
        }
        return modules;
    }
}
