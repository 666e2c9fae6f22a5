package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;

/**
 * Parses the official spec scripts: every mvp/2.0/simd script parses without
 * Unsupported commands, every text module in them parses (including those of
 * assert_invalid, which only fail validation), and every assert_malformed quote
 * module is rejected with the expected message. Scripts of later proposals must
 * still parse as scripts.
 */
class SpecSuiteTextTest {

    static Path suite() {
        String dir = System.getProperty("wasm.testsuite");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            fail("system property wasm.testsuite must name the spec suite directory, got " + dir);
        }
        return Path.of(dir);
    }

    /** Files of FILES.tsv whose group is one of {@code groups}. */
    static List<Path> files(String... groups) throws IOException {
        Path root = suite();
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("FILES.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length >= 2 && List.of(groups).contains(cols[1]) && cols[0].endsWith(".wast")) {
                out.add(root.resolve(cols[0]));
            }
        }
        return out;
    }

    static WastScript read(Path p) throws IOException {
        return WastParser.parse(Files.readString(p, StandardCharsets.UTF_8), p.getFileName().toString());
    }

    static String textOf(ModuleSource m) {
        return switch (m) {
            case ModuleSource.Text t -> t.source();
            case ModuleSource.Quote q -> "(module " + q.text() + ")";
            case ModuleSource.Binary b -> null;
        };
    }

    @Test
    void everyMvpAnd20ScriptAndModuleParses() throws IOException {
        List<Path> files = files("mvp", "2.0", "simd");
        assertTrue(files.size() >= 60, "expected the mvp/2.0/simd scripts, found " + files.size());
        List<String> failures = new ArrayList<>();
        int modules = 0;
        int malformed = 0;
        int commands = 0;
        for (Path p : files) {
            WastScript script = read(p);
            commands += script.commands().size();
            for (WastCommand c : script.commands()) {
                String where = p.getFileName() + ":" + c.line();
                try {
                    switch (c) {
                        case WastCommand.Unsupported u -> failures.add(where + " unsupported: " + u.reason());
                        case WastCommand.ModuleCommand m when textOf(m.source()) != null -> {
                            WatParser.parseModule(textOf(m.source()));
                            modules++;
                        }
                        case WastCommand.AssertInvalid a when textOf(a.module()) != null -> {
                            WatParser.parseModule(textOf(a.module()));
                            modules++;
                        }
                        case WastCommand.AssertTrap a when a.module() != null && textOf(a.module()) != null -> {
                            WatParser.parseModule(textOf(a.module()));
                            modules++;
                        }
                        case WastCommand.AssertUnlinkable a when textOf(a.module()) != null -> {
                            WatParser.parseModule(textOf(a.module()));
                            modules++;
                        }
                        case WastCommand.AssertUninstantiable a when textOf(a.module()) != null -> {
                            WatParser.parseModule(textOf(a.module()));
                            modules++;
                        }
                        case WastCommand.AssertMalformed a when a.module() instanceof ModuleSource.Quote q -> {
                            try {
                                WatParser.parseModule(textOf(q));
                                failures.add(where + " accepted malformed text, expected \"" + a.message() + "\"");
                            } catch (MalformedModuleException e) {
                                if (!e.getMessage().contains(a.message())) {
                                    failures.add(where + " expected \"" + a.message() + "\" got \"" + e.getMessage()
                                            + "\"");
                                }
                                malformed++;
                            }
                        }
                        default -> {
                        }
                    }
                } catch (MalformedModuleException | UnsupportedFeatureException e) {
                    failures.add(where + " " + e.getMessage());
                }
            }
        }
        System.out.println("[text] mvp/2.0/simd: " + files.size() + " scripts, " + commands + " commands, " + modules
                + " text modules parsed, " + malformed + " malformed quotes rejected");
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(80,
                    failures.size()))));
        }
        assertTrue(modules > 1000, "too few modules: " + modules);
    }

    @Test
    void laterProposalScriptsStillParseAsScripts() throws IOException {
        List<String> failures = new ArrayList<>();
        int unsupported = 0;
        List<Path> files = files("3.0+");
        for (Path p : files) {
            try {
                WastScript s = read(p);
                unsupported += (int) s.commands().stream().filter(c -> c instanceof WastCommand.Unsupported).count();
            } catch (RuntimeException e) {
                failures.add(p.getFileName() + ": " + e);
            }
        }
        System.out.println("[text] 3.0+: " + files.size() + " scripts, " + unsupported + " unsupported commands");
        assertEquals(List.of(), failures);
    }
}
