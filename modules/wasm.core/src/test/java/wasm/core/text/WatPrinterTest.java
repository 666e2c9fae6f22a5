package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wasm.core.WasmException;
import wasm.core.model.Module;

/** The printer's output format and print -> parse on every spec-suite text module. */
class WatPrinterTest {

    @Test
    void printsFlatInstructionsWithNumericIndicesAndExactFloats() {
        Module m = WatParser.parseModule("""
                (module
                  (import "env" "f" (func $f (param i32)))
                  (memory 1 2)
                  (global $g (mut f32) (f32.const -0x1.8p-3))
                  (func (export "run") (param $x i32) (result f64)
                    (if (local.get $x) (then (call $f (i32.const -7))) (else (nop)))
                    (i32.store8 offset=3 (i32.const 0) (i32.const 255))
                    (f64.const nan:0x8))
                  (data (i32.const 16) "hi\\0a"))
                """);
        String text = WatPrinter.print(m);
        assertEquals("""
                (module
                  (type (func (param i32)))
                  (type (func (param i32) (result f64)))
                  (import "env" "f" (func (type 0)))
                  (func (type 1)
                    local.get 0
                    if
                      i32.const -7
                      call 0
                    else
                      nop
                    end
                    i32.const 0
                    i32.const 255
                    i32.store8 offset=3 align=1
                    f64.const nan:0x8
                  )
                  (memory 1 2)
                  (global (mut f32) f32.const -0x1.8p-3)
                  (export "run" (func 1))
                  (data (memory 0) (offset i32.const 16) "hi\\0a")
                )
                """, text);
        assertEquals(m, WatParser.parseModule(text));
    }

    @Test
    void everySpecSuiteTextModuleSurvivesPrintAndParse() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path p : SpecSuiteTextTest.files("mvp", "2.0", "simd")) {
            for (WastCommand c : SpecSuiteTextTest.read(p).commands()) {
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
                Module m = WatParser.parseModule(text);
                String printed = WatPrinter.print(m);
                try {
                    Module back = WatParser.parseModule(printed);
                    if (!m.equals(back)) {
                        failures.add(p.getFileName() + ":" + c.line() + " differs after print -> parse");
                    }
                } catch (WasmException e) {
                    failures.add(p.getFileName() + ":" + c.line() + " printed text does not parse: " + e.getMessage());
                }
                checked++;
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(20,
                    failures.size()))));
        }
        assertTrue(checked > 1500, "too few modules: " + checked);
    }
}
