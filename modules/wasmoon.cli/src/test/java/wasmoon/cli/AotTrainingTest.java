package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wasmoon aot-training}: the command lines of the AOT cache's training run, in one process. */
class AotTrainingTest {
    @Test
    void separatorsSplitTheCommandLines() {
        assertEquals(List.of(List.of("run", "a.wasm"), List.of("validate", "b.wasm", "--verbose")),
                AotTraining.split(List.of(";;", "run", "a.wasm", ";;", ";;", "validate", "b.wasm", "--verbose", ";;")));
        assertEquals(List.of(), AotTraining.split(List.of(";;")));
    }

    @Test
    void eachCommandLineRunsInOrder() {
        String fac = MainInvocation.example("fac.wasm");
        MainInvocation r = MainInvocation.of("aot-training", "run", fac, "--invoke", "fac", "--arg", "5", ";;",
                "run", MainInvocation.example("fac.wat"), "--invoke", "fac_iter", "--arg", "20");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("120\n2432902008176640000\n", r.out());
    }

    @Test
    void theFirstFailureIsTheExitCodeAndTheRestStillRun() {
        String fac = MainInvocation.example("fac.wasm");
        MainInvocation r = MainInvocation.of("aot-training", "run", fac, "--invoke", "nope", ";;",
                "run", "missing.wasm", ";;", "run", fac, "--invoke", "fac", "--arg", "3");
        assertEquals(Main.EXIT_USAGE, r.exitCode());
        assertEquals("6\n", r.out());
        assertTrue(r.err().contains("wasmoon: aot-training: exit 2 from: wasmoon run " + fac + " --invoke nope"), r.err());
        assertTrue(r.err().contains("wasmoon: aot-training: exit 1 from: wasmoon run missing.wasm"), r.err());
    }

    @Test
    void nothingToRunIsAUsageError() {
        MainInvocation r = MainInvocation.of("aot-training", ";;");
        assertEquals(Main.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("aot-training: no command line given"), r.err());
        assertEquals(Main.EXIT_USAGE, MainInvocation.of("aot-training", "aot-training", "run", "x.wasm").exitCode());
    }
}
