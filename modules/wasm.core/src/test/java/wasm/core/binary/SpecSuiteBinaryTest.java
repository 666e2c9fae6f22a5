package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;
import wasm.core.WasmException;
import wasm.core.model.Module;

/**
 * Every {@code (module binary ...)} of the official suite: well-formed ones
 * (including those under assert_invalid, assert_trap, ...) decode and survive
 * decode -> encode -> decode unchanged; assert_malformed ones fail with the
 * spec's message. Like the spec harness, messages are compared by prefix; the
 * test also requires the exact text wherever the expected text is not a
 * proper prefix of a longer spec message.
 */
class SpecSuiteBinaryTest {

    @Test
    void mvpAndTwoPointZeroBinaryModulesDecodeOrFailWithTheSpecMessage() {
        assertTrue(Files.isDirectory(SpecBinaryScripts.SUITE), "the official suite is missing");
        List<String> failures = new ArrayList<>();
        int wellFormed = 0;
        int malformed = 0;
        for (Path file : SpecBinaryScripts.files("mvp", "2.0", "simd")) {
            for (SpecBinaryScripts.BinaryModule m : SpecBinaryScripts.binaryModules(file)) {
                if (m.assertion().equals("assert_malformed")) {
                    malformed++;
                    checkMalformed(m, failures);
                } else {
                    wellFormed++;
                    checkRoundTrip(m, failures, false);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
        assertTrue(wellFormed > 50, "well-formed binary modules found: " + wellFormed);
        assertTrue(malformed > 600, "malformed binary modules found: " + malformed);
    }

    @Test
    void laterProposalFilesOnlyEverRaiseOurExceptions() {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (Path file : SpecBinaryScripts.files("3.0+")) {
            for (SpecBinaryScripts.BinaryModule m : SpecBinaryScripts.binaryModules(file)) {
                count++;
                if (m.assertion().equals("assert_malformed")) {
                    try {
                        ModuleDecoder.decode(m.bytes());
                        failures.add(m + ": decoded although malformed");
                    } catch (WasmException e) {
                        // malformed or unsupported: both fine for a proposal we do not implement
                    } catch (RuntimeException e) {
                        failures.add(m + ": " + e);
                    }
                } else {
                    checkRoundTrip(m, failures, true);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
        assertTrue(count > 10, "binary modules found: " + count);
    }

    private static void checkMalformed(SpecBinaryScripts.BinaryModule m, List<String> failures) {
        try {
            Module decoded = ModuleDecoder.decode(m.bytes());
            failures.add(m + ": decoded to " + decoded.types().size() + " types although malformed");
        } catch (MalformedModuleException e) {
            String expected = m.expectedMessage();
            if (!e.getMessage().startsWith(expected)) {
                failures.add(m + ": got \"" + e.getMessage() + "\"");
            } else if (!e.getMessage().equals(expected) && !specPrefix(expected, e.getMessage())) {
                failures.add(m + ": got \"" + e.getMessage() + "\" (prefix only)");
            }
        } catch (RuntimeException e) {
            failures.add(m + ": threw " + e);
        }
    }

    /** The spec messages that the suite abbreviates and the harness matches by prefix. */
    private static boolean specPrefix(String expected, String actual) {
        return (expected.equals("unexpected end") && actual.equals("unexpected end of section or function"))
                || (expected.equals("illegal opcode") && actual.matches("illegal opcode [0-9a-f]{2}( [0-9a-f]+)?"));
    }

    private static void checkRoundTrip(SpecBinaryScripts.BinaryModule m, List<String> failures,
                                       boolean unsupportedAllowed) {
        Module first;
        try {
            first = ModuleDecoder.decode(m.bytes());
        } catch (UnsupportedFeatureException e) {
            if (!unsupportedAllowed) {
                failures.add(m + ": " + e.getMessage());
            }
            return;
        } catch (WasmException e) {
            failures.add(m + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            failures.add(m + ": threw " + e);
            return;
        }
        try {
            byte[] again = ModuleEncoder.encode(first);
            Module second = ModuleDecoder.decode(again);
            assertEquals(first, second, m.toString());
            assertEquals(again.length, ModuleEncoder.encode(second).length, "canonical encoding is stable");
        } catch (AssertionError | RuntimeException e) {
            failures.add(m + ": round trip: " + e.getMessage());
        }
    }
}
