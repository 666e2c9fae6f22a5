package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static wasm.runtime.TestModuleBuilder.eval;
import static wasm.runtime.TestModuleBuilder.run;

import org.junit.jupiter.api.Test;

/** Blocks, loops, if/else, br, br_if, br_table, return, select, multi-value, unreachable. */
class ControlFlowTest {
    @Test
    void blockResultAndBranchCarriesValueDroppingTheRest() {
        assertEquals(7, eval(":i", "block @i32 i32.const 1 i32.const 2 i32.const 7 br 0 end"));
        assertEquals(9, eval(":i", "block @i32 i32.const 9 end"));
        // br out of two nested blocks with extra operands underneath
        assertEquals(5, eval(":i", """
                block @i32
                  i32.const 100
                  block @i32
                    i32.const 1 i32.const 2 i32.const 5 br 1
                  end
                  drop
                end"""));
    }

    @Test
    void loopSumsWithBrIf() {
        // sum 1..n
        String code = """
                block
                  loop
                    local.get 0 i32.eqz br_if 1
                    local.get 1 local.get 0 i32.add local.set 1
                    local.get 0 i32.const 1 i32.sub local.set 0
                    br 0
                  end
                end
                local.get 1""";
        assertEquals(5050, run("i:i", "i", code, 100)[0]);
        assertEquals(0, run("i:i", "i", code, 0)[0]);
    }

    @Test
    void ifElse() {
        String code = "local.get 0 if @i32 i32.const 10 else i32.const 20 end";
        assertEquals(10, eval("i:i", code, 1));
        assertEquals(20, eval("i:i", code, 0));
        assertEquals(10, eval("i:i", code, -7));
        // if without else
        assertEquals(3, run("i:i", "i", "local.get 0 if i32.const 3 local.set 1 end local.get 1", 1)[0]);
        assertEquals(0, run("i:i", "i", "local.get 0 if i32.const 3 local.set 1 end local.get 1", 0)[0]);
    }

    @Test
    void brIfKeepsValueWhenNotTaken() {
        String code = "block @i32 i32.const 1 local.get 0 br_if 0 drop i32.const 2 end";
        assertEquals(1, eval("i:i", code, 1));
        assertEquals(2, eval("i:i", code, 0));
    }

    @Test
    void brTableSelectsTargetAndDefault() {
        String code = """
                block block block block
                  local.get 0 br_table 0,1,2,3
                end i32.const 10 return
                end i32.const 11 return
                end i32.const 12 return
                end i32.const 13""";
        assertEquals(10, eval("i:i", code, 0));
        assertEquals(11, eval("i:i", code, 1));
        assertEquals(12, eval("i:i", code, 2));
        assertEquals(13, eval("i:i", code, 3));
        assertEquals(13, eval("i:i", code, 100));
        assertEquals(13, eval("i:i", code, -1));
    }

    @Test
    void brTableCarriesValues() {
        String code = """
                block @i32
                  block @i32
                    i32.const 99 i32.const 7 local.get 0 br_table 0,1
                  end
                  i32.const 1 i32.add
                end""";
        assertEquals(8, eval("i:i", code, 0));
        assertEquals(7, eval("i:i", code, 1));
    }

    @Test
    void multiValueBlocksAndFunctions() {
        TestModuleBuilder b = new TestModuleBuilder();
        int t = b.type("ii:ii");
        b.exportFunc("swap", "ii:ii", "", "local.get 1 local.get 0");
        b.exportFunc("blk", "ii:i", "",
                "local.get 0 local.get 1 block @t" + t + " i32.sub i32.const 5 end i32.mul");
        b.exportFunc("loop", "i:i", "", """
                i32.const 0 local.get 0
                loop @t%d
                  ;; params: acc n -> results acc n; loop while n > 0
                  local.set 0 local.get 0 i32.add local.get 0
                  local.get 0 i32.const 1 i32.sub local.tee 0
                  br_if 0
                end drop""".formatted(t));
        b.exportFunc("callswap", ":ii", "", "i32.const 1 i32.const 2 call 0");
        Instance inst = b.instantiate();
        assertArrayEquals(new long[] {2, 1}, inst.function("swap").call(1, 2));
        assertEquals(25, inst.function("blk").call(10, 5)[0]);
        assertArrayEquals(new long[] {2, 1}, inst.function("callswap").call());
    }

    @Test
    void returnFromNestedBlocks() {
        assertEquals(4, eval(":i", "block block i32.const 4 return end end i32.const 5"));
        assertEquals(4, eval(":i", "block @i32 i32.const 3 i32.const 4 br 1 end"));
    }

    @Test
    void selectPicksByCondition() {
        assertEquals(1, eval("i:i", "i32.const 1 i32.const 2 local.get 0 select", 5));
        assertEquals(2, eval("i:i", "i32.const 1 i32.const 2 local.get 0 select", 0));
        assertEquals(Double.doubleToRawLongBits(2.5),
                eval("i:F", "f64.const 1.5 f64.const 2.5 local.get 0 select", 0));
    }

    @Test
    void unreachableTrapsAndDeadCodeIsSkipped() {
        Trap t = assertThrows(Trap.class, () -> eval(":i", "unreachable"));
        assertEquals("unreachable", t.getMessage());
        // code after br is dead but may be ill-stacked
        assertEquals(1, eval(":i", "block @i32 i32.const 1 br 0 i32.add i64.const 3 block end end"));
        assertEquals(2, eval(":i", "i32.const 2 return unreachable if @i32 unreachable else i32.const 3 end"));
    }

    @Test
    void localsAreZeroInitialisedAndReferenceLocalsNull() {
        assertArrayEquals(new long[] {0, 0, 0, 0, Ref.NULL, Ref.NULL},
                run(":iIfFre", "iIfFre", "local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 local.get 5"));
    }
}
