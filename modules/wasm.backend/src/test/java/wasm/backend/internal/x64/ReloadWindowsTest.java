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
 * The allocator's reload windows ({@link ReloadWindows}) are taken where they should be, and the
 * allocation checker rejects an allocation that lost one of their reloads.
 */
class ReloadWindowsTest {
    private static final int VALUES = 16;

    /**
     * VALUES values of type t, each used once right after its definition, then live across a
     * call (more of them than callee-saved registers) and read in a loop.
     */
    private static VCode lowered(String t) {
        StringBuilder sb = new StringBuilder("(module\n (func $id (param " + t + ") (result " + t + ") local.get 0)\n");
        sb.append(" (func (param $a ").append(t).append(") (param $n i32) (result ").append(t).append(")\n");
        sb.append("  (local $acc ").append(t).append(") (local $i i32)");
        for (int k = 0; k < VALUES; k++) {
            sb.append(" (local $v").append(k).append(' ').append(t).append(')');
        }
        sb.append('\n');
        for (int k = 0; k < VALUES; k++) {
            sb.append("  (local.set $v").append(k).append(" (").append(t).append(".mul (local.get $a) (").append(t)
                    .append(".const ").append(k + 3).append(")))\n");
            // a use right after the definition: a window from the definition serves it
            sb.append("  (local.set $acc (").append(t).append(".add (local.get $acc) (local.get $v").append(k).append(")))\n");
        }
        sb.append("  (local.set $acc (call $id (local.get $acc)))\n");
        sb.append("  (block $done (loop $round\n");
        sb.append("   (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n");
        for (int k = 0; k < VALUES; k++) {
            sb.append("   (local.set $acc (").append(t).append(".sub (local.get $acc) (").append(t)
                    .append(".mul (local.get $v").append(k).append(") (local.get $v").append(k).append("))))\n");
        }
        sb.append("   (local.set $i (i32.add (local.get $i) (i32.const 1)))\n");
        sb.append("   (br $round)))\n");
        sb.append("  (local.get $acc)))\n");
        Module m = WatParser.parseModule(sb.toString());
        Validator.validate(m);
        return Lowering.lower(new WasmToIr().translate(m, 1), j -> true, CpuFeatures.all());
    }

    /** Operands of spilled values that were given a register: the uses inside windows. */
    private static int usesInWindows(VCode code, Allocation a) {
        int n = 0;
        for (int i = 0; i < code.insts.size(); i++) {
            Operand[] ops = code.ops(i);
            for (int k = 0; k < ops.length; k++) {
                int home = a.vregLoc()[ops[k].vreg()];
                if (ops[k].kind().isUse() && !Loc.isReg(home) && Loc.isReg(a.allocs()[i][k])) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void valuesSpilledAcrossACallGetARegisterInTheLoopAfterIt() {
        for (String t : List.of("i64", "f64")) {
            VCode code = lowered(t);
            Allocation a = LinearScan.allocate(code);
            RegallocChecker.check(code, a);
            assertTrue(usesInWindows(code, a) >= 4, t + ": uses in windows " + usesInWindows(code, a) + "\n" + code);
        }
    }

    /**
     * A window may start at a definition, which then writes a register and stores to the slot
     * from it; dropping such a store (where a later reload reads the slot) must fail the check.
     */
    @Test
    void theCheckerCatchesEachDroppedStoreFromADefinitionsWindow() {
        for (String t : List.of("i64", "f64")) {
            VCode code = lowered(t);
            Allocation a = LinearScan.allocate(code);
            int dropped = 0;
            for (int i = 0; i < code.insts.size(); i++) {
                List<Move> moves = a.after().get(i);
                for (int k = 0; k < moves.size(); k++) {
                    Move mv = moves.get(k);
                    boolean scratch = mv.from() == Loc.reg(LinearScan.SCRATCH) || mv.from() == Loc.reg(LinearScan.XMM_SCRATCH);
                    boolean defStore = !(code.insts.get(i) instanceof MInst.Jump) && Loc.isReg(mv.from()) && !scratch
                            && !Loc.isReg(mv.to()) && isDefLocation(code, a, i, mv.from());
                    if (!defStore) {
                        continue;
                    }
                    assertCheckFailsWithout(code, a, i, true, k, t + ": store " + mv + " of inst " + i + " dropped");
                    dropped++;
                }
            }
            assertTrue(dropped >= 1, t + ": no store from a definition's window found to drop");
        }
    }

    /** The allocation without move k of instruction i's edits after it (or before it) must fail the check. */
    private static void assertCheckFailsWithout(VCode code, Allocation a, int i, boolean after, int k, String what) {
        List<List<Move>> before = new ArrayList<>(a.before());
        List<List<Move>> afterLists = new ArrayList<>(a.after());
        List<List<Move>> edited = after ? afterLists : before;
        List<Move> without = new ArrayList<>(edited.get(i));
        without.remove(k);
        edited.set(i, without);
        Allocation bad = new Allocation(a.allocs(), before, afterLists, a.vregLoc(), a.constants(), a.spillSlots(), a.spills(),
                a.reloads(), a.regMoves(), a.spillToSpill(), a.usedCalleeSaved());
        assertThrows(IllegalStateException.class, () -> RegallocChecker.check(code, bad), what);
    }

    /** Whether {@code reg} is where instruction i defines a spilled value (a window from its definition). */
    private static boolean isDefLocation(VCode code, Allocation a, int i, int reg) {
        Operand[] ops = code.ops(i);
        for (int k = 0; k < ops.length; k++) {
            if (ops[k].kind() == Operand.Kind.DEF_REG && a.allocs()[i][k] == reg && !Loc.isReg(a.vregLoc()[ops[k].vreg()])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The planted fault: each reload that enters a window (a move from a value's own slot into a
     * register, outside the scratch registers), dropped in turn, must make the checker fail.
     */
    @Test
    void theCheckerCatchesEachDroppedWindowReload() {
        for (String t : List.of("i64", "f64")) {
            VCode code = lowered(t);
            Allocation a = LinearScan.allocate(code);
            int dropped = 0;
            for (int i = 0; i < code.insts.size(); i++) {
                for (boolean after : new boolean[] {false, true}) {
                    List<Move> moves = (after ? a.after() : a.before()).get(i);
                    for (int k = 0; k < moves.size(); k++) {
                        Move mv = moves.get(k);
                        boolean scratch = mv.to() == Loc.reg(LinearScan.SCRATCH) || mv.to() == Loc.reg(LinearScan.XMM_SCRATCH);
                        if (Loc.isReg(mv.from()) || !Loc.isReg(mv.to()) || scratch) {
                            continue;
                        }
                        assertCheckFailsWithout(code, a, i, after, k, t + ": reload " + mv + " of inst " + i + " dropped");
                        dropped++;
                    }
                }
            }
            assertTrue(dropped >= 1, t + ": no window reload found to drop");
        }
    }
}
