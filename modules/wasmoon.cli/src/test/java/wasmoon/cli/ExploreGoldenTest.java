package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden outputs of {@code wasmoon explore examples/fac.wat} for the stages
 * that do not depend on a disassembler: src/test/resources/wasmoon/cli/explore/fac.STAGE.txt
 * holds the whole expected stdout. {@code -Dbless=true} rewrites them from the
 * current output; review the diff before committing.
 */
class ExploreGoldenTest {
    private static final boolean BLESS = Boolean.getBoolean("bless");

    static Path golden(String name) {
        return MainInvocation.repositoryRoot()
                .resolve("modules/wasmoon.cli/src/test/resources/wasmoon/cli/explore").resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ir", "ir-opt", "vcode"})
    void facStage(String stage) throws IOException {
        checkGolden("fac." + stage + ".txt",
                MainInvocation.of("explore", MainInvocation.example("fac.wat"), "--stage", stage));
    }

    /** {@code r} succeeded quietly and printed golden file {@code name} (rewritten when blessing). */
    private static void checkGolden(String name, MainInvocation r) throws IOException {
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
        Path expected = golden(name);
        if (BLESS) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), r.out(),
                () -> "explore output differs from " + expected + " (regenerate with -Dbless=true and review the diff)");
    }

    /**
     * Vector code at every stage that does not depend on a disassembler: v128 values and vector
     * opcodes in the IR, SSE instructions over xmm registers in the VCode (pool constants shown
     * as their bytes). The function uses no instruction whose lowering depends on AVX2.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ir", "ir-opt", "vcode"})
    void simdStage(String stage) throws IOException {
        checkGolden("simd." + stage + ".txt", MainInvocation.of("explore", MainInvocation.example("simd.wat"),
                "--func", "dot", "--func", "reverse_bytes", "--stage", stage));
    }

    /** The ir-opt listing's pass lines chain: each pass starts where the previous one ended. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2"})
    void passLinesChainAtEveryLevel(String level) {
        MainInvocation r = MainInvocation.of("explore", MainInvocation.example("fac.wat"), "--stage", "ir-opt",
                "--opt-level", level, "--func", "fac_iter");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> passLines = r.outLines().stream().filter(l -> l.matches(";;   \\S+ +\\d+ -> +\\d+ insts.*")).toList();
        if (level.equals("0")) {
            assertEquals(List.of(), passLines, r::toString);
            assertEquals(";; func[1] fac_iter: ir-opt (O0, 0 passes)", r.outLines().getFirst());
            return;
        }
        long previousAfter = -1;
        for (String line : passLines) {
            String[] parts = line.substring(3).trim().split(" +");
            long before = Long.parseLong(parts[1]);
            long after = Long.parseLong(parts[3]);
            if (previousAfter >= 0) {
                assertEquals(previousAfter, before, r::toString);
            }
            if (before != after) {
                assertEquals("changed", parts[parts.length - 1], line);
            }
            previousAfter = after;
        }
        assertEquals(ExploreCommandTest.passCount(Integer.parseInt(level)), passLines.size(), r::toString);
    }
}
