package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import wasm.backend.CpuFeatures;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/**
 * Spilled constants are rematerialized ({@link Rematerialization}): re-created where they are read,
 * never stored, and the allocation checker rejects a constant table entry that would re-create a
 * wrong value.
 */
class RematerializationTest {
    private static final int CONSTANTS = 14;

    /**
     * CONSTANTS constants of type t that do not fit an immediate, all live across a call in a loop
     * (more of them than callee-saved registers, so some are spilled), each read once per round.
     */
    private static VCode lowered(String t) {
        StringBuilder sb = new StringBuilder("(module\n (func $id (param " + t + ") (result " + t + ") local.get 0)\n");
        sb.append(" (func (param $a ").append(t).append(") (param $n i32) (result ").append(t).append(")\n");
        sb.append("  (local $i i32)");
        for (int k = 0; k < CONSTANTS; k++) {
            sb.append(" (local $c").append(k).append(' ').append(t).append(')');
        }
        sb.append('\n');
        for (int k = 0; k < CONSTANTS; k++) {
            String c = t.equals("i64") ? "0x" + Long.toHexString(0x1_2345_6789L * (k + 1)) : (k + 0.25) + "";
            sb.append("  (local.set $c").append(k).append(" (").append(t).append(".const ").append(c).append("))\n");
        }
        sb.append("  (block $done (loop $round\n");
        sb.append("   (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n");
        sb.append("   (local.set $a (call $id (local.get $a)))\n");
        for (int k = 0; k < CONSTANTS; k++) {
            sb.append("   (local.set $a (").append(t).append(k % 2 == 0 ? ".add" : ".mul").append(" (local.get $a) (local.get $c")
                    .append(k).append(")))\n");
        }
        sb.append("   (local.set $i (i32.add (local.get $i) (i32.const 1)))\n");
        sb.append("   (br $round)))\n");
        sb.append("  (local.get $a)))\n");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        return Lowering.lower(new WasmToIr().translate(m, 1), j -> true, CpuFeatures.all());
    }

    @Test
    void spilledConstantsAreReCreatedNotStored() {
        for (String t : List.of("i64", "f64")) {
            VCode code = lowered(t);
            Allocation a = LinearScan.allocate(code);
            RegallocChecker.check(code, a);
            assertTrue(!a.constants().isEmpty(), t + ": no constant was rematerialized\n" + code);
            for (int i = 0; i < code.insts.size(); i++) {
                for (List<Move> edits : List.of(a.before().get(i), a.after().get(i))) {
                    for (Move mv : edits) {
                        // a constant's value never goes to memory from its definition: no slot holds it
                        assertTrue(!Loc.isRemat(mv.to()), t + ": a move into " + Loc.text(mv.to()));
                    }
                }
            }
        }
    }

    @Test
    void theCheckerRejectsAnOffByOneConstant() {
        for (String t : List.of("i64", "f64")) {
            VCode code = lowered(t);
            Allocation a = LinearScan.allocate(code);
            for (int k = 0; k < a.constants().size(); k++) {
                List<MInst> wrong = new ArrayList<>(a.constants());
                wrong.set(k, switch (a.constants().get(k)) {
                    case MInst.LoadConst c -> new MInst.LoadConst(c.dst(), c.value() + 1);
                    case MInst.FpConst c -> new MInst.FpConst(c.dst(), c.bits() + 1, c.f64());
                    default -> throw new AssertionError(a.constants().get(k));
                });
                Allocation bad = new Allocation(a.allocs(), a.before(), a.after(), a.vregLoc(), wrong, a.spillSlots(),
                        0, 0, 0, 0, a.usedCalleeSaved());
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad),
                        t + ": const" + k + " off by one");
                assertTrue(e.getMessage().contains("rematerializes"), e.getMessage());
            }
            if (a.constants().size() >= 2) {
                // the right kind of constant, but another value's
                List<MInst> swapped = new ArrayList<>(a.constants());
                swapped.set(0, a.constants().get(1));
                swapped.set(1, a.constants().get(0));
                Allocation bad = new Allocation(a.allocs(), a.before(), a.after(), a.vregLoc(), swapped, a.spillSlots(),
                        0, 0, 0, 0, a.usedCalleeSaved());
                assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad), t + ": swapped");
            }
        }
    }
}
