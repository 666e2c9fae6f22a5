package wasmoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;

/**
 * {@code wasmoon explore}: function selection, stage selection, the asm
 * listing (through objdump, which must be installed: the test fails, never
 * skips, without it) and the errors.
 */
class ExploreCommandTest {
    @TempDir
    Path dir;

    private static final String FAC = MainInvocation.example("fac.wat");
    /** "  002d  e8 00 00 00 00                 call 0x32  ; reloc func[0]" */
    private static final Pattern ASM_LINE = Pattern.compile("  ([0-9a-f]{4})  ((?:[0-9a-f]{2} ?)+) +(\\S.*)");

    /** Passes of the -O pipeline (the count is in the ir-opt title; the e-graph slot may add some). */
    static int passCount(int level) {
        return PassPipeline.forLevel(OptLevel.of(level)).passes().size();
    }

    private static void assertUsageError(MainInvocation r, String fragment) {
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.errLines().getFirst().contains(fragment), r::toString);
    }

    @Test
    void defaultStagesForEveryDefinedFunction() {
        MainInvocation r = MainInvocation.of("explore", FAC);
        assertEquals(0, r.exitCode(), r::toString);
        List<String> titles = r.outLines().stream().filter(l -> l.startsWith(";; func[")).toList();
        String passes = "(O2, " + passCount(2) + " passes)";
        assertEquals(List.of(";; func[0] fac: ir", ";; func[0] fac: ir-opt " + passes,
                ";; func[1] fac_iter: ir", ";; func[1] fac_iter: ir-opt " + passes),
                titles.stream().filter(t -> !t.contains(": asm (")).toList());
        assertEquals(2, titles.stream().filter(t -> t.contains(": asm (")).count(), r::toString);
    }

    @Test
    void functionsByIndexNameOrExport() throws IOException {
        Path wat = dir.resolve("named.wat");
        Files.writeString(wat, """
                (module
                  (import "env" "f" (func $imported))
                  (func $inner (result i32) i32.const 1)
                  (func $outer (export "api") (result i32) call $inner))
                """);
        // Names as the metrics give them: name section, else export name, else func_N.
        assertEquals(";; func[2] api: ir", MainInvocation.of("explore", wat.toString(), "--func", "api", "--stage",
                "ir").outLines().getFirst());
        assertEquals(";; func[1] func_1: ir", MainInvocation.of("explore", wat.toString(), "--func=func_1", "--stage",
                "ir").outLines().getFirst());
        MainInvocation two = MainInvocation.of("explore", wat.toString(), "--func", "1", "--func", "2", "--stage", "ir");
        assertEquals(List.of(";; func[1] func_1: ir", ";; func[2] api: ir"),
                two.outLines().stream().filter(l -> l.startsWith(";; func[")).toList());
        assertUsageError(MainInvocation.of("explore", wat.toString(), "--func", "0"), "is imported");
        assertUsageError(MainInvocation.of("explore", wat.toString(), "--func", "3"), "has 3 functions, no function 3");
        assertUsageError(MainInvocation.of("explore", wat.toString(), "--func", "nope"), "no function named 'nope'");
    }

    @Test
    void asmListingDecodesTheWholeFunction() {
        MainInvocation r = MainInvocation.of("explore", FAC, "--func", "fac", "--stage", "asm");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.outLines();
        Matcher title = Pattern.compile(";; func\\[0\\] fac: asm \\((\\d+) bytes, (\\d+) trap sites, (\\d+) relocations\\)")
                .matcher(lines.getFirst());
        assertTrue(title.matches(), r::toString);
        int size = Integer.parseInt(title.group(1));
        int next = 0;
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = ASM_LINE.matcher(line);
            assertTrue(m.matches(), () -> "not an asm line: '" + line + "'\n" + r);
            assertEquals(next, Integer.parseInt(m.group(1), 16), () -> "gap before " + line);
            next += m.group(2).trim().split(" ").length;
        }
        assertEquals(size, next, "the listing covers every byte");
        assertTrue(lines.get(1).endsWith("push rbp"), r::toString);
        // fac calls itself: the rel32 call is annotated with its relocation, the stack check with its trap.
        assertTrue(r.out().contains("call ") && r.out().contains("; reloc func[0]"), r::toString);
        assertTrue(r.out().contains("; trap: call stack exhausted"), r::toString);
        // its only call is of itself in a module without tail calls: no fix-up after it (ABI v4's
        // rsp re-derivation and r15 reload), so no r15 slot either
        assertTrue(!r.out().contains("lea rsp") && !r.out().contains(",r15"), r::toString);
    }

    /**
     * JIT ABI v4's fix-up after a call ({@code lea rsp,[rbp-N]; mov r15,[rbp-M]}) follows the calls that
     * may come back with rsp moved or r15 switched (an import, a call_indirect), never a call of the
     * module's own function in a module without tail calls; the prologue then saves r15 for it.
     */
    @Test
    void asmListingFixesUpOnlyCallsThatMayComeBackMoved() throws IOException {
        Path wat = dir.resolve("calls.wat");
        Files.writeString(wat, """
                (module
                  (import "env" "f" (func $f (param i64) (result i64)))
                  (type $t (func (param i64) (result i64)))
                  (table 1 funcref)
                  (func $walk (export "walk") (param $d i32) (param $x i64) (result i64)
                    (if (result i64) (i32.eqz (local.get $d))
                      (then (i64.add (call $f (local.get $x)) (call_indirect (type $t) (local.get $x) (i32.const 0))))
                      (else (i64.mul (local.get $x)
                              (call $walk (i32.sub (local.get $d) (i32.const 1)) (local.get $x)))))))
                """);
        MainInvocation r = MainInvocation.of("explore", wat.toString(), "--func", "walk", "--stage", "asm");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> text = r.outLines().stream().skip(1).map(line -> {
            Matcher m = ASM_LINE.matcher(line);
            assertTrue(m.matches(), () -> "not an asm line: '" + line + "'\n" + r);
            return m.group(3);
        }).toList();
        int own = 0;
        int other = 0;
        for (int k = 0; k + 2 < text.size(); k++) {
            if (!text.get(k).startsWith("call ")) {
                continue;
            }
            boolean ownCall = text.get(k).contains("; reloc func[1]");
            boolean fixedUp = text.get(k + 1).startsWith("lea rsp,[rbp-")
                    && text.get(k + 2).startsWith("mov r15,QWORD PTR [rbp-");
            assertEquals(!ownCall, fixedUp, "after " + text.get(k) + ":\n" + r);
            if (ownCall) {
                own++;
            } else {
                other++;
            }
        }
        // the import and the call_indirect at least (-O2 may inline a level of the recursion)
        assertTrue(own >= 1 && other >= 2, r::toString);
        assertTrue(text.stream().anyMatch(l -> l.matches("mov QWORD PTR \\[rbp-0x[0-9a-f]+\\],r15")), r::toString);
    }

    /** Float constants live in a pool after the code: listed as data, never disassembled as junk. */
    @Test
    void asmListingShowsTheConstantPoolAsData() throws java.io.IOException {
        Path wat = dir.resolve("k.wat");
        java.nio.file.Files.writeString(wat, "(module (func (export \"k\") (param f64) (result f64)"
                + " local.get 0 f64.const 1.5 f64.mul f64.abs))");
        MainInvocation r = MainInvocation.of("explore", wat.toString(), "--func", "k", "--stage", "asm");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(!r.out().contains("(bad)"), r::toString);
        assertTrue(r.out().contains(".quad 0x3ff8000000000000  ; constant pool"), r::toString);
        assertTrue(r.out().contains(".quad 0x7fffffffffffffff"), r::toString);
        int next = 0;
        List<String> lines = r.outLines();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = ASM_LINE.matcher(line);
            assertTrue(m.matches(), () -> "not an asm line: '" + line + "'\n" + r);
            assertEquals(next, Integer.parseInt(m.group(1), 16), () -> "gap before " + line);
            next += m.group(2).trim().split(" ").length;
        }
    }

    @Test
    void objdumpParsing() {
        List<ObjdumpDisassembler.Line> lines = ObjdumpDisassembler.parse("""

                /tmp/x.bin:     file format binary


                Disassembly of section .data:

                0000000000000000 <.data>:
                   0:\t55                   \tpush   rbp
                   1:\t48 8b 45 08          \tmov    rax,QWORD PTR [rbp+0x8]
                   5:\tc3                   \tret
                """);
        assertEquals(3, lines.size());
        assertEquals(1, lines.get(1).offset());
        assertEquals(4, lines.get(1).length());
        assertEquals("mov rax,QWORD PTR [rbp+0x8]", lines.get(1).text());
    }

    @Test
    void usageErrors() {
        assertUsageError(MainInvocation.of("explore"), "explore: missing FILE argument");
        assertUsageError(MainInvocation.of("explore", FAC, "--stage", "ir,bytes"), "unknown stage 'bytes'");
        assertUsageError(MainInvocation.of("explore", FAC, "--opt-level", "9"), "--opt-level expects 0, 1 or 2");
        assertUsageError(MainInvocation.of("explore", FAC, "--func"), "--func needs a value");
        MainInvocation missing = MainInvocation.of("explore", dir.resolve("missing.wasm").toString());
        assertEquals(1, missing.exitCode(), missing::toString);
    }

    /**
     * explore reads its options as run does (ArgCursor): -ON with any digits is an
     * opt level (-O3 a bad one, not an unknown option), a flag refuses a value,
     * every option takes --option=VALUE, and "--" ends the options.
     */
    @Test
    void optionsAreReadAsRunReadsThem() {
        for (String command : List.of("run", "explore")) {
            assertUsageError(MainInvocation.of(command, FAC, "-O3"),
                    command + ": --opt-level expects 0, 1 or 2, got '3'");
            assertUsageError(MainInvocation.of(command, FAC, "--opt-level"), command + ": --opt-level needs a value");
            assertUsageError(MainInvocation.of(command, FAC, "--verbose=1"), command + ": --verbose takes no value");
            assertUsageError(MainInvocation.of(command, FAC, "-O"), command + ": unknown option '-O'");
            assertUsageError(MainInvocation.of(command, FAC, "--bogus=1"), command + ": unknown option '--bogus=1'");
        }
        assertUsageError(MainInvocation.of("explore", FAC, "other.wat"), "explore: unexpected argument 'other.wat'");

        ExploreCommand.Options o = ExploreCommand.parse(
                List.of("-O1", "--func=fac", "--stages=vcode,ir", "--", "-named-like-an-option.wat"));
        assertEquals("-named-like-an-option.wat", o.file());
        assertEquals(1, o.optLevel());
        assertEquals(List.of("fac"), o.functions());
        assertEquals(List.of(ExploreCommand.Stage.IR, ExploreCommand.Stage.VCODE), List.copyOf(o.stages()));

        MainInvocation r = MainInvocation.of("explore", "-O0", "--stage=ir-opt", "--func", "fac", "--", FAC);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.outLines().getFirst().startsWith(";; func[0] fac: ir-opt (O0, "), r::toString);
    }

    @Test
    void stagesPrintInPipelineOrder() {
        MainInvocation r = MainInvocation.of("explore", FAC, "--func", "fac", "--stage", "ir-opt,ir");
        List<String> titles = r.outLines().stream().filter(l -> l.startsWith(";; func[")).toList();
        assertEquals(List.of(";; func[0] fac: ir", ";; func[0] fac: ir-opt (O2, " + passCount(2) + " passes)"), titles);
    }

    /** Both VCode listings, headed; virtual registers before allocation, only physical locations after. */
    @Test
    void vcodeBeforeAndAfterRegisterAllocation() {
        MainInvocation r = MainInvocation.of("explore", FAC, "--func", "fac_iter", "--stage", "vcode");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
        List<String> lines = r.outLines();
        int before = lines.indexOf(";; func[1] fac_iter: vcode, before register allocation (virtual registers)");
        int after = lines.indexOf(
                ";; func[1] fac_iter: vcode, after register allocation (physical registers, spills, reloads)");
        assertTrue(before == 0 && after > before, r::toString);
        List<String> virtual = lines.subList(before + 1, after);
        List<String> physical = lines.subList(after + 1, lines.size());
        assertTrue(virtual.contains("block0:"), r::toString);
        assertTrue(virtual.stream().anyMatch(l -> l.matches("  v\\d+ = .*")), r::toString);
        assertTrue(virtual.stream().anyMatch(l -> l.contains("-> block")), r::toString);
        assertTrue(physical.contains("block0:"), r::toString);
        assertTrue(physical.stream().anyMatch(l -> l.matches("  %r[a-z0-9]+ = .*")), r::toString);
        assertTrue(physical.stream().noneMatch(l -> l.matches(".*\\bv\\d+\\b.*")), r::toString);
        // The same instructions in both listings: allocation adds edits, never instructions.
        assertEquals(virtual.stream().filter(l -> l.startsWith("  ") && !l.startsWith("    ")).count(),
                physical.stream().filter(l -> l.startsWith("  ") && !l.startsWith("    ")).count(), r::toString);
    }

    /** Register pressure beyond the allocatable registers shows spills and reloads in the allocated listing. */
    @Test
    void vcodeShowsSpillsAndReloads() throws IOException {
        // 20 values live at once, then each stored by global.set (a register operand: a spilled one is reloaded).
        StringBuilder wat = new StringBuilder("""
                (module (global $g (mut i64) (i64.const 0))
                  (func (export "f") (param i64)
                """);
        int n = 20;
        for (int i = 0; i < n; i++) {
            wat.append("  (local.get 0) (i64.const ").append(i + 7).append(") (i64.rotl)\n");
        }
        for (int i = 0; i < n; i++) {
            wat.append("  (global.set $g)");
        }
        wat.append("))\n");
        Path file = dir.resolve("pressure.wat");
        Files.writeString(file, wat);
        MainInvocation r = MainInvocation.of("explore", file.toString(), "--stage", "vcode", "--opt-level", "0");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("    spill \\[slot\\d+\\] <- %r[a-z0-9]+")),
                r::toString);
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("    reload %r[a-z0-9]+ <- \\[slot\\d+\\]")),
                r::toString);
    }
}
