package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wasm.core.Feature;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WastScript;
import wasm.core.text.WastValue;
import wasm.runtime.CompilePolicy;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

class WastRunnerTest {
    private static FileReport run(String script) {
        return WastRunner.quiet(ExecutionTier.INTERPRETER).runSource(script, "t.wast");
    }

    private static CommandResult at(FileReport report, int line) {
        return report.results().stream().filter(r -> r.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no command at line " + line + " in " + report));
    }

    private static void assertStatus(FileReport report, int line, CommandStatus status) {
        CommandResult r = at(report, line);
        assertEquals(status, r.status(), () -> "line " + line + ": " + r);
    }

    private static Expected i32(int v) {
        return new Expected.Exact(new WastValue.Num(ValType.I32, v & 0xFFFF_FFFFL));
    }

    @Test
    void skippedModuleSkipsTheCommandsThatReferToItAndNothingElse() {
        FileReport report = run("""
                (module $S (type (struct)) (func (export "f")))
                (assert_return (invoke "f") (i32.const 1))
                (assert_trap (invoke $S "f") "unreachable")
                (register "s" $S)
                (module (import "s" "f" (func)))
                (module definition $D (type (struct)) (func (export "g")))
                (module instance $I $D)
                (invoke $I "g")
                (invoke $unknown "g")
                (module (import "nobody" "f" (func)))
                (assert_unlinkable (module (import "s" "f" (func))) "unknown import")
                """);
        for (int line = 1; line <= 5; line++) {
            assertStatus(report, line, CommandStatus.SKIPPED);
            assertEquals(Feature.GC, at(report, line).feature());
        }
        assertEquals("unsupported feature: gc (struct at 1:19)", at(report, 1).detail());
        assertEquals("module skipped: unsupported feature: gc (struct at 1:19)", at(report, 2).detail());
        // A definition that needs a feature skips its instances and what acts on them.
        for (int line = 6; line <= 8; line++) {
            assertStatus(report, line, CommandStatus.SKIPPED);
            assertEquals(Feature.GC, at(report, line).feature());
        }
        assertEquals("module definition", at(report, 6).kind());
        assertEquals("module instance", at(report, 7).kind());
        // No guessing: a name nobody defined, or an import nobody registered, is a failure.
        assertStatus(report, 9, CommandStatus.FAILED);
        assertTrue(at(report, 9).detail().contains("unknown module $unknown"), at(report, 9).detail());
        assertStatus(report, 10, CommandStatus.FAILED);
        assertTrue(at(report, 10).detail().contains("unknown import"), at(report, 10).detail());
        // Linking against a skipped module cannot be judged.
        assertEquals(Feature.GC, at(report, 11).feature());
        assertEquals(Map.of(Feature.GC, 9), report.skipsByFeature());
    }

    @Test
    void moduleDefinitionsAreInstantiatedAfreshByEachInstanceCommand() {
        FileReport report = run("""
                (module definition $D
                  (global $g (export "g") (mut i32) (i32.const 0))
                  (func (export "inc") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1)))
                    (global.get $g)))
                (module instance $A $D)
                (module instance $B $D)
                (assert_return (invoke $A "inc") (i32.const 1))
                (assert_return (invoke $A "inc") (i32.const 2))
                (assert_return (invoke $B "inc") (i32.const 1))
                (module instance)
                (assert_return (invoke "inc") (i32.const 1))
                (module definition (memory 65536))
                (module definition $bad (func (result i32)))
                (module instance $C $nothing)
                (module instance $E $bad)
                (assert_return (invoke "f") (ref.null))
                """);
        for (int line : new int[] {1, 5, 6, 7, 8, 9, 10, 11, 12}) {
            assertStatus(report, line, CommandStatus.PASSED);
        }
        // A definition is validated, not instantiated: a 4 GiB memory costs nothing.
        assertEquals("module definition", at(report, 12).kind());
        assertStatus(report, 13, CommandStatus.FAILED);
        assertEquals("expected module to be valid, got invalid \"type mismatch\"", at(report, 13).detail());
        assertStatus(report, 14, CommandStatus.FAILED);
        assertTrue(at(report, 14).detail().contains("unknown module $nothing"), at(report, 14).detail());
        assertStatus(report, 15, CommandStatus.FAILED);
        assertTrue(at(report, 15).detail().contains("module definition failed to load at line 13"),
                at(report, 15).detail());
        // The current module is the failed instance $E: the action on it fails too.
        assertStatus(report, 16, CommandStatus.FAILED);
    }

    @Test
    void customAnnotationAssertionsCheckTheirOwnErrors() {
        FileReport report = run("""
                (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
                (assert_malformed_custom (module quote "(@custom \\"a\\")") "@custom annotation")
                (assert_invalid_custom (module (func i32.const 0 (@metadata.code.branch_hint "\\00") drop))
                  "@metadata.code.branch_hint annotation: invalid target")
                (module (func (export "f") (result funcref) (ref.null func)))
                (assert_return (invoke "f") (ref.null))
                """);
        assertStatus(report, 1, CommandStatus.PASSED);
        assertStatus(report, 2, CommandStatus.FAILED);
        assertEquals("expected malformed \"@custom annotation\", got a well-formed module", at(report, 2).detail());
        assertStatus(report, 3, CommandStatus.PASSED);
        assertStatus(report, 6, CommandStatus.PASSED);
    }

    @Test
    void commandsOnStateASkippedModuleSharesAreSkippedWhateverTheirOutcome() {
        FileReport report = run("""
                (module $M (memory (export "mem") 1)
                  (func (export "read") (param i32) (result i32) (i32.load8_u (local.get 0))))
                (register "M" $M)
                (module $N (func (export "one") (result i32) (i32.const 1)))
                (register "N" $N)
                (module (memory (import "M" "mem") 1) (tag $t) (data (memory 0) (i32.const 0) "\\05"))
                (assert_return (invoke $M "read" (i32.const 0)) (i32.const 5))
                (assert_return (invoke $M "read" (i32.const 1)) (i32.const 0))
                (assert_return (invoke $N "one") (i32.const 1))
                (module $X (memory (import "M" "mem") 1)
                  (func (export "read") (param i32) (result i32) (i32.load8_u (local.get 0))))
                (assert_return (invoke $X "read" (i32.const 0)) (i32.const 5))
                (assert_return (invoke $N "one") (i32.const 2))
                """);
        assertEquals(Feature.EXCEPTIONS, at(report, 6).feature());
        // Decided from the import of "M", not from the outcome: the passing command is skipped too.
        for (int line : new int[] {7, 8, 12}) {
            assertStatus(report, line, CommandStatus.SKIPPED);
            assertEquals(Feature.EXCEPTIONS, at(report, line).feature());
        }
        assertEquals("shares state with the module skipped at line 6: unsupported feature: "
                + "exceptions (tag at 1:40)", at(report, 7).detail());
        // $N is not imported by the skipped module: its commands run, and a failure stays a failure.
        assertStatus(report, 9, CommandStatus.PASSED);
        assertStatus(report, 10, CommandStatus.PASSED);
        assertStatus(report, 13, CommandStatus.FAILED);
    }

    /**
     * What the last JIT gaps refused (a tail call, a second memory) the strict JIT now runs under
     * both compile policies, exactly as the interpreter does: nothing is skipped, no function is
     * counted for a gap.
     */
    @Test
    void strictJitRunsWhatTheLastGapsRefused() {
        String script = """
                (module
                  (memory $a 1) (memory $b (data "\\2a"))
                  (func (export "copy") (return_call $c)) (func $c (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 1)))
                  (func (export "read") (result i32) (i32.load8_u (i32.const 0))))
                (assert_return (invoke "read") (i32.const 0))
                (invoke "copy")
                (assert_return (invoke "read") (i32.const 42))
                (module (func (export "one") (result i32) (i32.const 1)))
                (assert_return (invoke "one") (i32.const 1))
                """;
        FileReport interpreted = run(script);
        assertEquals(6, interpreted.passed());
        for (CompilePolicy policy : CompilePolicy.values()) {
            RuntimeOptions strict = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(true)
                    .withCompilePolicy(policy);
            FileReport report = new WastRunner(new PrintStream(new ByteArrayOutputStream()), strict)
                    .runSource(script, "t.wast");
            assertEquals(6, report.passed(), policy.toString());
            assertEquals(0, report.failed(), policy.toString());
            assertEquals(Map.of(), report.skipsByJitGap(), policy.toString());
            assertEquals(0, report.jitGapFunctions(), policy.toString());
        }
    }

    @Test
    void unexpectedExceptionsFailOneCommandWithTheirClassAndMessage() {
        List<WastCommand> commands = new ArrayList<>(WastParser.parse(
                "(module (func (export \"id\") (param i32) (result i32) (local.get 0)))", "t.wast").commands());
        // A Num of type v128 cannot be passed (the parser makes WastValue.V128); the conversion throws.
        commands.add(new WastCommand.AssertReturn(2, new WastAction.Invoke(null, "id",
                List.of(new WastValue.Num(ValType.V128, 0))), List.of(i32(0))));
        commands.add(new WastCommand.AssertReturn(3, new WastAction.Invoke(null, "id",
                List.of(new WastValue.Num(ValType.I32, 4))), List.of(i32(4))));
        FileReport report = WastRunner.quiet(ExecutionTier.INTERPRETER).run(new WastScript("t.wast", commands));
        assertStatus(report, 2, CommandStatus.FAILED);
        assertEquals("expected [i32:0], got java.lang.IllegalArgumentException: not a scalar number type: v128",
                at(report, 2).detail());
        assertStatus(report, 3, CommandStatus.PASSED);
    }

    @Test
    void actionWithoutAnyModuleFailsButTheRunGoesOn() {
        WastScript script = new WastScript("s.wast", List.of(
                new WastCommand.AssertReturn(1, new WastAction.Invoke(null, "f", List.of()), List.of(i32(1))),
                new WastCommand.Action(2, new WastAction.Get("$nope", "g")),
                new WastCommand.Unsupported(3, "assert_return", Feature.GC, "unsupported feature: gc (ref.i31)")));
        FileReport report = WastRunner.quiet(ExecutionTier.INTERPRETER).run(script);
        assertEquals(2, report.failed());
        assertEquals(1, report.skipped());
        assertTrue(at(report, 1).detail().contains("no module defined"), at(report, 1).detail());
        assertTrue(at(report, 2).detail().contains("unknown module $nope"), at(report, 2).detail());
        assertEquals("get", at(report, 2).kind());
    }

    @Test
    void everyFailureIsCountedAndTheRunReachesTheEnd() {
        FileReport report = run("""
                (module (func (export "one") (result i32) (i32.const 1)) (func (export "trap") (unreachable)))
                (assert_return (invoke "one") (i32.const 2))
                (invoke "trap")
                (invoke "missing")
                (assert_return (invoke "one") (i32.const 1))
                (assert_trap (invoke "trap") "unreachable")
                (assert_trap (invoke "trap") "integer overflow")
                (assert_trap (invoke "one") "unreachable")
                (assert_return (invoke "one") (i64.const 1))
                """);
        assertStatus(report, 1, CommandStatus.PASSED);
        assertStatus(report, 2, CommandStatus.FAILED);
        assertEquals("expected [i32:2], got [i32:1]", at(report, 2).detail());
        assertStatus(report, 3, CommandStatus.FAILED);
        assertEquals("expected action to complete, got trap \"unreachable\"", at(report, 3).detail());
        assertStatus(report, 4, CommandStatus.FAILED);
        assertTrue(at(report, 4).detail().contains("missing"), at(report, 4).detail());
        assertStatus(report, 5, CommandStatus.PASSED);
        assertStatus(report, 6, CommandStatus.PASSED);
        assertStatus(report, 7, CommandStatus.FAILED);
        assertEquals("expected trap \"integer overflow\", got trap \"unreachable\"", at(report, 7).detail());
        assertStatus(report, 8, CommandStatus.FAILED);
        assertEquals("expected trap \"unreachable\", got [i32:1]", at(report, 8).detail());
        assertStatus(report, 9, CommandStatus.FAILED);
        assertEquals(3, report.passed());
        assertEquals(6, report.failed());
    }

    @Test
    void nanExpectationsEndToEnd() {
        FileReport report = run("""
                (module
                  (func (export "quiet") (result f32) (f32.div (f32.const 0) (f32.const 0)))
                  (func (export "signalling") (result f32) (f32.reinterpret_i32 (i32.const 0x7fa00000)))
                  (func (export "payload") (result f64) (f64.reinterpret_i64 (i64.const 0x7ff8000000000001)))
                  (func (export "negzero") (result f64) (f64.const -0)))
                (assert_return (invoke "quiet") (f32.const nan:canonical))
                (assert_return (invoke "quiet") (f32.const nan:arithmetic))
                (assert_return (invoke "signalling") (f32.const nan:arithmetic))
                (assert_return (invoke "signalling") (f32.const nan:0x200000))
                (assert_return (invoke "payload") (f64.const nan:canonical))
                (assert_return (invoke "payload") (f64.const nan:arithmetic))
                (assert_return (invoke "negzero") (f64.const 0))
                (assert_return (invoke "negzero") (f64.const -0))
                """);
        assertStatus(report, 6, CommandStatus.PASSED);
        assertStatus(report, 7, CommandStatus.PASSED);
        assertStatus(report, 8, CommandStatus.FAILED);
        assertStatus(report, 9, CommandStatus.PASSED);
        assertStatus(report, 10, CommandStatus.FAILED);
        assertStatus(report, 11, CommandStatus.PASSED);
        assertStatus(report, 12, CommandStatus.FAILED);
        assertStatus(report, 13, CommandStatus.PASSED);
    }

    @Test
    void moduleThatFailsToLoadFailsItsDependents() {
        FileReport report = run("""
                (module $bad (func (export "f") (result i32) (i64.const 0)))
                (assert_return (invoke "f") (i32.const 0))
                (assert_return (invoke $bad "f") (i32.const 0))
                """);
        assertStatus(report, 1, CommandStatus.FAILED);
        assertTrue(at(report, 1).detail().startsWith("expected module to load, got invalid \""), at(report, 1).detail());
        assertStatus(report, 2, CommandStatus.FAILED);
        assertTrue(at(report, 2).detail().contains("failed to load at line 1"), at(report, 2).detail());
        assertStatus(report, 3, CommandStatus.FAILED);
    }

    @Test
    void assertionsThatDoNotHoldFail() {
        FileReport report = run("""
                (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
                (assert_malformed (module quote "(func)") "unexpected token")
                (assert_unlinkable (module (func (import "spectest" "print_i32") (param i32))) "unknown import")
                (assert_uninstantiable (module (func $f) (start $f)) "unreachable")
                (assert_invalid (module quote "(func (i32.const))") "type mismatch")
                (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
                (assert_malformed (module quote "(func (i32.const 0x100000000) drop)") "constant out of range")
                """);
        for (int line = 1; line <= 5; line++) {
            assertStatus(report, line, CommandStatus.FAILED);
        }
        assertTrue(at(report, 5).detail().startsWith("expected invalid \"type mismatch\", got malformed"),
                at(report, 5).detail());
        assertStatus(report, 6, CommandStatus.PASSED);
        assertStatus(report, 7, CommandStatus.PASSED);
    }

    @Test
    void spectestPrintsItsArguments() {
        var bytes = new ByteArrayOutputStream();
        WastRunner runner = new WastRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        FileReport report = runner.runSource("""
                (module
                  (func $p (import "spectest" "print_i32_f32") (param i32 f32))
                  (func $q (import "spectest" "print_i64") (param i64))
                  (func (export "go") (call $p (i32.const -7) (f32.const 1.5)) (call $q (i64.const 42))))
                (invoke "go")
                """, "p.wast");
        assertEquals(0, report.failed(), report::toString);
        assertEquals("-7 : i32\n1.5 : f32\n42 : i64\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void scriptThatDoesNotParseIsOneFailure() {
        FileReport report = run("(module (func))\n(assert_return (invoke \"f\"\n");
        assertEquals(1, report.results().size(), report::toString);
        assertEquals(CommandStatus.FAILED, report.results().get(0).status());
        assertEquals("script", report.results().get(0).kind());
    }
}
