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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;

/**
 * The text parser must give the same model as wat2wasm plus the binary decoder.
 * Checked on every text module of the mvp/2.0/simd spec scripts that wat2wasm accepts
 * (it validates, so modules only the reference interpreter takes are counted and
 * skipped). Modules of assert_invalid are included: wat2wasm runs with --no-check.
 */
class WatBinaryEquivalenceTest {
    /**
     * Modules where wat2wasm, not the spec, is wrong. comments.wast:83: wabt ends a
     * line comment only at LF, so it swallows the code after a lone CR; the spec (and
     * the script's own assert_return) make CR a newline.
     */
    private static final Set<String> WABT_DEVIATIONS = Set.of("comments.wast:83");


    static byte[] wat2wasm(String text, Path dir) throws IOException, InterruptedException {
        Path in = Files.createTempFile(dir, "m", ".wat");
        Path out = in.resolveSibling(in.getFileName() + ".wasm");
        Files.writeString(in, text, StandardCharsets.UTF_8);
        Process p;
        try {
            p = new ProcessBuilder("wat2wasm", "--no-check", in.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("wat2wasm (wabt) is required for this test but could not be started", e);
        }
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wat2wasm timed out");
        }
        if (p.exitValue() != 0) {
            return null;
        }
        return Files.readAllBytes(out);
    }

    /** One module per abbreviation of the text format. */
    @ParameterizedTest
    @ValueSource(strings = {
        "(module (func $f (export \"f\") (export \"g\") (param $a i32) (param i64 f32) (result i32) (local $l f64)"
                + " (local i32 i64) (local.get $a)))",
        "(module (func (import \"m\" \"f\") (param i32) (result i32)) (func (param i32) (result i32) local.get 0)"
                + " (type $t (func (param i32) (result i32))) (func (type $t) (call 0 (local.get 0))))",
        "(module (table $t (export \"t\") funcref (elem $f $g)) (func $f) (func $g)"
                + " (table externref (elem (ref.null extern) (item ref.null extern))))",
        "(module (memory $m (export \"m\") (data \"hello\" \"\\00\\ff\\u{1F600}\")))",
        "(module (global $g (import \"m\" \"g\") (mut i32)) (table (import \"m\" \"t\") 1 2 funcref)"
                + " (memory (import \"m\" \"mem\") 1) (global (export \"h\") i64 (i64.const -1)))",
        "(module (table 4 funcref) (func $a) (func $b) (elem (i32.const 0) $a $b) (elem (offset (i32.const 2)) func $a)"
                + " (elem $e func $b $a) (elem declare func $a) (elem funcref (ref.func $a) (item (ref.null func)))"
                + " (elem (table 0) (i32.const 1) funcref (ref.func $b))"
                + " (func (table.init $e (i32.const 0) (i32.const 0) (i32.const 1)) (elem.drop $e)))",
        "(module (memory 1) (data (i32.const 0) \"a\") (data (memory 0) (offset (i32.const 8)) \"b\") (data $p \"c\")"
                + " (func (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $p)))",
        "(module (type $bt (func (param i32) (result i32 i32))) (func (result i32 i32)"
                + " (block $b (param) (result i32 i32) (i32.const 1) (i32.const 2))"
                + " (if (param i32 i32) (result i32 i32) (i32.const 0) (then) (else))"
                + " (loop (type $bt) (i32.const 9) (br 0)) unreachable))",
        "(module (func (result i32) block $a (result i32) i32.const 1 if $b (result i32) i32.const 2 else $b"
                + " i32.const 3 end $b br_if $a (i32.const 4) end $a))",
        "(module (memory 1) (func (drop (i32.load8_u offset=7 align=1 (i32.const 0)))"
                + " (i64.store32 offset=0x10 (i32.const 0) (i64.const 0)) (drop (memory.grow (memory.size)))"
                + " (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))"
                + " (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))))",
        "(module (table $t 1 funcref) (type $v (func)) (func (call_indirect $t (type $v) (i32.const 0))"
                + " (call_indirect (param i32) (i32.const 1) (i32.const 0)) (drop (select (result i64) (i64.const 1)"
                + " (i64.const 2) (i32.const 1))) (drop (ref.is_null (ref.func 0))) (table.copy (i32.const 0)"
                + " (i32.const 0) (i32.const 0)) (drop (table.grow $t (ref.null func) (i32.const 1)))))",
        "(module (func (drop (f32.const 0x1.fffffep127)) (drop (f64.const -nan:0x1234)) (drop (f32.const 1e-45))"
                + " (drop (f64.const 0.1)) (drop (f32.const -inf)) (drop (i64.const 0x8000_0000_0000_0000))"
                + " (drop (i32.const -0x8000_0000)) (drop (f64.const 1_000.000_1e-1_0))))",
        "(module (func $s) (start $s) (export \"s\" (func $s)) (global $g f32 (f32.const 1))"
                + " (export \"g\" (global $g)))"})
    void abbreviationsEqualTheirWat2wasmBinaries(String text) throws Exception {
        byte[] wasm = wat2wasm(text, Files.createTempDirectory("wasmoon-text"));
        if (wasm == null) {
            fail("wat2wasm rejected " + text);
        }
        assertEquals(ModuleDecoder.decode(wasm), WatParser.parseModule(text), text);
    }

    @Test
    void textModulesEqualTheirWat2wasmBinaries() throws Exception {
        Path dir = Files.createTempDirectory("wasmoon-text");
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int rejectedByWabt = 0;
        for (Path p : SpecSuiteTextTest.files("mvp", "2.0", "simd")) {
            WastScript script = SpecSuiteTextTest.read(p);
            for (WastCommand c : script.commands()) {
                ModuleSource source = switch (c) {
                    case WastCommand.ModuleCommand m -> m.source();
                    case WastCommand.AssertInvalid a -> a.module();
                    case WastCommand.AssertTrap a -> a.module();
                    case WastCommand.AssertUnlinkable a -> a.module();
                    case WastCommand.AssertUninstantiable a -> a.module();
                    default -> null;
                };
                String text = source == null ? null : SpecSuiteTextTest.textOf(source);
                if (text == null) {
                    continue;
                }
                String where = p.getFileName() + ":" + c.line();
                if (WABT_DEVIATIONS.contains(where)) {
                    continue;
                }
                byte[] wasm = wat2wasm(text, dir);
                if (wasm == null) {
                    rejectedByWabt++;
                    continue;
                }
                Module expected;
                try {
                    expected = ModuleDecoder.decode(wasm);
                } catch (WasmException e) {
                    // wat2wasm omits the data count when there are no data segments, which
                    // the decoder rightly rejects; such modules are invalid anyway.
                    rejectedByWabt++;
                    continue;
                }
                Module actual = WatParser.parseModule(text);
                if (!expected.equals(actual)) {
                    failures.add(where + "\n  wat2wasm: " + expected + "\n  parser:   " + actual);
                }
                compared++;
            }
        }
        System.out.println("[text] wat2wasm equivalence: " + compared + " modules compared, " + rejectedByWabt
                + " rejected by wat2wasm");
        if (!failures.isEmpty()) {
            fail(failures.size() + " differences:\n" + String.join("\n", failures.subList(0,
                    Math.min(10, failures.size()))));
        }
        assertTrue(compared > 500, "too few modules compared: " + compared);
    }
}
