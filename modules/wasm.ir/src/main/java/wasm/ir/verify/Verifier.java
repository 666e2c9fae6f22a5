package wasm.ir.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import wasm.ir.Function;
import wasm.ir.InstFormat;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.Type;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.text.IrPrinter;

/**
 * Checks the IR invariants: every block in layout ends with exactly one
 * terminator; operand and result counts and types follow the opcode table;
 * branch arguments match the target's parameters; entry parameters are
 * {@code vmctx: i64} then the signature's; returns match the results; every
 * use is dominated by its definition (SSA). Run it after every pass in tests.
 */
public final class Verifier {
    private final Function f;
    private final List<String> errors = new ArrayList<>();
    private int[] instPos = new int[0];
    private DominatorTree dom;

    private Verifier(Function f) {
        this.f = f;
    }

    /** All problems found (empty when the function is well formed). */
    public static List<String> verify(Function f) {
        Verifier v = new Verifier(f);
        v.run();
        return v.errors;
    }

    /** Throws {@link VerifierException} listing the problems, if any. */
    public static void check(Function f) {
        List<String> errors = verify(f);
        if (!errors.isEmpty()) {
            throw new VerifierException(f.name(), errors);
        }
    }

    private void run() {
        int entry = f.entryBlock();
        if (entry < 0) {
            errors.add("function has no blocks");
            return;
        }
        // entry parameters
        List<Type> sigParams = f.signature().params();
        if (f.blockParamCount(entry) != sigParams.size() + 1) {
            errors.add("block" + entry + ": entry block has " + f.blockParamCount(entry) + " params, expected vmctx + " + sigParams.size());
        } else {
            if (f.valueType(f.blockParam(entry, 0)) != Type.I64) {
                errors.add("block" + entry + ": entry param 0 (vmctx) must be i64");
            }
            for (int k = 0; k < sigParams.size(); k++) {
                if (f.valueType(f.blockParam(entry, k + 1)) != sigParams.get(k)) {
                    errors.add("block" + entry + ": entry param " + (k + 1) + " has type " + f.valueType(f.blockParam(entry, k + 1)) + ", signature says " + sigParams.get(k));
                }
            }
        }
        instPos = new int[f.instCount()];
        Arrays.fill(instPos, -1);
        int pos = 0;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                instPos[i] = pos++;
            }
        }
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            checkBlockShape(b);
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                checkInst(b, i);
            }
        }
        if (errors.isEmpty()) {
            dom = DominatorTree.compute(f);
            for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
                if (!dom.cfg().isReachable(b)) {
                    continue; // unreachable: no dominance to check
                }
                for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                    for (int k = 0; k < f.argCount(i); k++) {
                        checkDominance(b, i, f.arg(i, k));
                    }
                    for (int t = 0; t < f.targetCount(i); t++) {
                        for (int k = 0; k < f.targetArgCount(i, t); k++) {
                            checkDominance(b, i, f.targetArg(i, t, k));
                        }
                    }
                }
            }
        }
    }

    private String where(int b, int i) {
        return "block" + b + ": `" + IrPrinter.instToString(f, i) + "`";
    }

    private void checkBlockShape(int b) {
        for (int k = 0; k < f.blockParamCount(b); k++) {
            Type t = f.valueType(f.blockParam(b, k));
            if (!t.isValueType()) {
                errors.add("block" + b + ": param v" + f.blockParam(b, k) + " has the lane shape " + t
                        + " as its type (shapes only control vector opcodes; vectors are v128)");
            }
        }
        int last = f.lastInst(b);
        if (last < 0) {
            errors.add("block" + b + ": empty block (no terminator)");
            return;
        }
        if (!f.opcode(last).isTerminator()) {
            errors.add("block" + b + ": does not end with a terminator (last is `" + IrPrinter.instToString(f, last) + "`)");
        }
        for (int i = f.firstInst(b); i >= 0 && i != last; i = f.nextInst(i)) {
            if (f.opcode(i).isTerminator()) {
                errors.add(where(b, i) + ": terminator before the end of the block");
            }
        }
    }

    private void checkInst(int b, int i) {
        IrOpcode op = f.opcode(i);
        Type ctrl = f.ctrlType(i);
        if (op.hasCtrlType()) {
            if (ctrl == null || (op.ctrlTypes() & ctrl.mask()) == 0) {
                errors.add(where(b, i) + ": bad controlling type " + ctrl);
                return;
            }
        }
        int na = f.argCount(i);
        for (int k = 0; k < na; k++) {
            if (!defined(f.arg(i, k))) {
                errors.add(where(b, i) + ": operand " + k + " is not a defined value");
                return;
            }
        }
        String sig = op.operandSig();
        if (!sig.equals("*")) {
            if (na != sig.length()) {
                errors.add(where(b, i) + ": has " + na + " operands, expected " + sig.length());
                return;
            }
            for (int k = 0; k < na; k++) {
                Type t = f.valueType(f.arg(i, k));
                if (!IrOpcode.letterAccepts(sig.charAt(k), ctrl, t)) {
                    errors.add(where(b, i) + ": operand " + k + " has type " + t + ", expected " + describe(sig.charAt(k), ctrl));
                }
            }
        }
        switch (op.format()) {
            case LANE -> checkLane(b, i, f.imm(i), ctrl);
            case LOAD_LANE, STORE_LANE -> checkLane(b, i, f.laneOf(i), ctrl);
            case SHUFFLE -> {
                if (!wasm.ir.ShuffleMask.isWellFormed(f.imm(i), f.imm2(i))) {
                    errors.add(where(b, i) + ": malformed shuffle lanes");
                }
            }
            default -> {
            }
        }
        int nr = f.resultCount(i);
        if (op.fixedResultCount() >= 0) {
            if (nr != op.fixedResultCount()) {
                errors.add(where(b, i) + ": has " + nr + " results, expected " + op.fixedResultCount());
            } else {
                for (int k = 0; k < nr; k++) {
                    if (f.valueType(f.result(i, k)) != op.resultType(k, ctrl)) {
                        errors.add(where(b, i) + ": result " + k + " has type " + f.valueType(f.result(i, k)));
                    }
                }
            }
        }
        if ((op.format() == InstFormat.LOAD || op.format() == InstFormat.STORE) && f.imm2(i) < 0) {
            errors.add(where(b, i) + ": unknown memory access flags " + f.imm2(i));
        }
        switch (op) {
            case CALL -> checkCall(b, i, f.calleeSignature((int) f.imm(i)), 0, "fn" + f.imm(i));
            case CALL_INDIRECT -> {
                if (na < 1 || !f.valueType(f.arg(i, 0)).isInt()) {
                    errors.add(where(b, i) + ": callee slot must be an i32 (i64 for a 64-bit table)");
                }
                checkCall(b, i, f.typeSignature((int) f.imm(i)), 1, "type" + f.imm(i));
            }
            case RETURN_CALL -> checkTailCall(b, i, f.calleeSignature((int) f.imm(i)), 0, "fn" + f.imm(i));
            case RETURN_CALL_INDIRECT -> {
                if (na < 1 || !f.valueType(f.arg(i, 0)).isInt()) {
                    errors.add(where(b, i) + ": callee slot must be an i32 (i64 for a 64-bit table)");
                }
                checkTailCall(b, i, f.typeSignature((int) f.imm(i)), 1, "type" + f.imm(i));
            }
            case RETURN -> {
                List<Type> results = f.signature().results();
                if (na != results.size()) {
                    errors.add(where(b, i) + ": returns " + na + " values, signature has " + results.size());
                } else {
                    for (int k = 0; k < na; k++) {
                        if (f.valueType(f.arg(i, k)) != results.get(k)) {
                            errors.add(where(b, i) + ": return value " + k + " has type " + f.valueType(f.arg(i, k)) + ", expected " + results.get(k));
                        }
                    }
                }
            }
            default -> {
            }
        }
        int expectedTargets = switch (op.format()) {
            case JUMP -> 1;
            case BRIF -> 2;
            case BR_TABLE -> -1;
            default -> 0;
        };
        int nt = f.targetCount(i);
        if (expectedTargets >= 0 && nt != expectedTargets) {
            errors.add(where(b, i) + ": has " + nt + " targets, expected " + expectedTargets);
        }
        if (op.format() == InstFormat.BR_TABLE && nt < 1) {
            errors.add(where(b, i) + ": br_table needs a default target");
        }
        for (int t = 0; t < nt; t++) {
            int target = f.targetBlock(i, t);
            if (target < 0 || target >= f.blockCount() || !f.isBlockInLayout(target)) {
                errors.add(where(b, i) + ": target block" + target + " is not in the layout");
                continue;
            }
            if (target == f.entryBlock()) {
                errors.add(where(b, i) + ": branches to the entry block");
            }
            int n = f.targetArgCount(i, t);
            if (n != f.blockParamCount(target)) {
                errors.add(where(b, i) + ": passes " + n + " arguments to block" + target + ", which has " + f.blockParamCount(target) + " params");
                continue;
            }
            for (int k = 0; k < n; k++) {
                int v = f.targetArg(i, t, k);
                if (!defined(v)) {
                    errors.add(where(b, i) + ": argument " + k + " to block" + target + " is not a defined value");
                } else if (f.valueType(v) != f.valueType(f.blockParam(target, k))) {
                    errors.add(where(b, i) + ": argument " + k + " to block" + target + " has type " + f.valueType(v)
                            + ", param v" + f.blockParam(target, k) + " has " + f.valueType(f.blockParam(target, k)));
                }
            }
        }
    }

    private void checkLane(int b, int i, long lane, Type shape) {
        if (lane < 0 || lane >= shape.lanes()) {
            errors.add(where(b, i) + ": lane " + lane + " out of range for " + shape);
        }
    }

    /** A tail call: its arguments like a call's; the callee's results are this function's. */
    private void checkTailCall(int b, int i, Signature sig, int skip, String what) {
        if (sig == null) {
            errors.add(where(b, i) + ": " + what + " is not declared");
            return;
        }
        checkArguments(b, i, sig, skip, what);
        if (!sig.results().equals(f.signature().results())) {
            errors.add(where(b, i) + ": tail call of " + what + " returning " + sig.results()
                    + " from a function returning " + f.signature().results());
        }
    }

    private void checkCall(int b, int i, Signature sig, int skip, String what) {
        if (sig == null) {
            errors.add(where(b, i) + ": " + what + " is not declared");
            return;
        }
        checkArguments(b, i, sig, skip, what);
        checkResults(b, i, sig, what);
    }

    private void checkArguments(int b, int i, Signature sig, int skip, String what) {
        int na = f.argCount(i) - skip;
        if (na != sig.params().size()) {
            errors.add(where(b, i) + ": passes " + na + " arguments, " + what + " takes " + sig.params().size());
        } else {
            for (int k = 0; k < na; k++) {
                if (f.valueType(f.arg(i, k + skip)) != sig.params().get(k)) {
                    errors.add(where(b, i) + ": argument " + k + " has type " + f.valueType(f.arg(i, k + skip)) + ", expected " + sig.params().get(k));
                }
            }
        }
    }

    private void checkResults(int b, int i, Signature sig, String what) {
        if (f.resultCount(i) != sig.results().size()) {
            errors.add(where(b, i) + ": has " + f.resultCount(i) + " results, " + what + " returns " + sig.results().size());
        } else {
            for (int k = 0; k < sig.results().size(); k++) {
                if (f.valueType(f.result(i, k)) != sig.results().get(k)) {
                    errors.add(where(b, i) + ": result " + k + " has type " + f.valueType(f.result(i, k)) + ", expected " + sig.results().get(k));
                }
            }
        }
    }

    private static String describe(char c, Type ctrl) {
        return switch (c) {
            case 'N' -> "an integer";
            case 'X' -> "a float";
            default -> String.valueOf(IrOpcode.letterType(c, ctrl));
        };
    }

    private boolean defined(int v) {
        if (v < 0 || v >= f.valueCount() || f.isUnused(v)) {
            return false;
        }
        return f.valueBlock(v) >= 0 && f.isBlockInLayout(f.valueBlock(v));
    }

    private void checkDominance(int b, int i, int v) {
        int defBlock = f.valueBlock(v);
        int defInst = f.valueInst(v);
        if (defBlock == b) {
            if (defInst >= 0 && instPos[defInst] >= instPos[i]) {
                errors.add(where(b, i) + ": uses v" + v + " before its definition");
            }
            return;
        }
        if (!dom.dominates(defBlock, b)) {
            errors.add(where(b, i) + ": use of v" + v + " is not dominated by its definition in block" + defBlock);
        }
    }
}
