package wasm.ir.text;

import java.util.Map;
import wasm.ir.FloatCC;
import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.TrapCode;
import wasm.ir.Type;

/**
 * Writes a function in the IR text format, Cranelift-like:
 * <pre>
 * function %add(i32, i32) -> i32 {
 *     fn1 = (i32) -> i32
 *
 * block0(v0: i64, v1: i32, v2: i32):
 *     v3 = iadd.i32 v1, v2
 *     return v3
 * }
 * </pre>
 * Value and block numbers are the handles themselves; operands are printed with
 * aliases resolved. {@link IrParser} reads this format back.
 */
public final class IrPrinter {
    private IrPrinter() {
    }

    public static String print(Function f) {
        StringBuilder sb = new StringBuilder();
        print(f, sb);
        return sb.toString();
    }

    public static void print(Function f, StringBuilder sb) {
        sb.append("function %").append(f.name()).append(signatureText(f.signature())).append(" {\n");
        boolean decls = false;
        for (Map.Entry<Integer, Signature> e : f.typeSignatures().entrySet()) {
            sb.append("    type").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            decls = true;
        }
        for (Map.Entry<Integer, Signature> e : f.calleeSignatures().entrySet()) {
            sb.append("    fn").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            decls = true;
        }
        boolean first = true;
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            if (!first || decls) {
                sb.append('\n');
            }
            first = false;
            sb.append("block").append(b);
            int np = f.blockParamCount(b);
            if (np > 0) {
                sb.append('(');
                for (int k = 0; k < np; k++) {
                    int v = f.blockParam(b, k);
                    sb.append(k == 0 ? "" : ", ").append('v').append(v).append(": ").append(f.valueType(v).text());
                }
                sb.append(')');
            }
            if (f.blockOrigin(b) >= 0) {
                sb.append(" inlined fn").append(f.blockOrigin(b));
            }
            sb.append(":\n");
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                sb.append("    ");
                printInst(f, i, sb);
                sb.append('\n');
            }
        }
        sb.append("}\n");
    }

    private static String signatureText(Signature sig) {
        return sig.toString();
    }

    /** One instruction, without indentation or newline. */
    public static String instToString(Function f, int inst) {
        StringBuilder sb = new StringBuilder();
        printInst(f, inst, sb);
        return sb.toString();
    }

    public static void printInst(Function f, int inst, StringBuilder sb) {
        int nr = f.resultCount(inst);
        for (int k = 0; k < nr; k++) {
            sb.append(k == 0 ? "" : ", ").append('v').append(f.result(inst, k));
        }
        if (nr > 0) {
            sb.append(" = ");
        }
        IrOpcode op = f.opcode(inst);
        sb.append(op.text());
        Type ctrl = f.ctrlType(inst);
        if (op.hasCtrlType() && ctrl != null) {
            sb.append('.').append(ctrl.text());
        }
        long imm = f.imm(inst);
        int na = f.argCount(inst);
        switch (op.format()) {
            case PLAIN, RETURN -> args(f, inst, 0, sb, " ");
            case INT_IMM -> sb.append(' ').append(imm);
            case FLOAT_IMM -> sb.append(' ').append(ctrl == Type.F32
                    ? String.format("0x%08x", imm & 0xFFFF_FFFFL) : String.format("0x%016x", imm));
            case INT_COMPARE -> {
                sb.append(' ').append(IntCC.byOrdinal((int) imm).text());
                args(f, inst, 0, sb, " ");
            }
            case FLOAT_COMPARE -> {
                sb.append(' ').append(FloatCC.byOrdinal((int) imm).text());
                args(f, inst, 0, sb, " ");
            }
            case LOAD -> {
                memory(f.memoryOf(inst), sb);
                inBounds(f, inst, sb);
                sb.append(" v").append(f.arg(inst, 0));
                offset(imm, sb);
            }
            case STORE -> {
                memory(f.memoryOf(inst), sb);
                inBounds(f, inst, sb);
                sb.append(" v").append(f.arg(inst, 0)).append(", v").append(f.arg(inst, 1));
                offset(imm, sb);
            }
            case MEMORY -> {
                sb.append(" mem").append(imm);
                args(f, inst, 0, sb, ", ");
            }
            case MEMORY_COPY -> {
                sb.append(" mem").append(imm).append(", mem").append(f.imm2(inst));
                args(f, inst, 0, sb, ", ");
            }
            case MEMORY_INIT -> {
                sb.append(" data").append(imm).append(", mem").append(f.imm2(inst));
                args(f, inst, 0, sb, ", ");
            }
            case FUNC -> sb.append(" fn").append(imm);
            case GLOBAL -> {
                sb.append(" g").append(imm);
                args(f, inst, 0, sb, ", ");
            }
            case TABLE -> {
                sb.append(" table").append(imm);
                args(f, inst, 0, sb, ", ");
            }
            case TABLE_COPY -> {
                sb.append(" table").append(imm).append(", table").append(f.imm2(inst));
                args(f, inst, 0, sb, ", ");
            }
            case TABLE_INIT -> {
                sb.append(" elem").append(imm).append(", table").append(f.imm2(inst));
                args(f, inst, 0, sb, ", ");
            }
            case ELEM -> {
                sb.append(" elem").append(imm);
                args(f, inst, 0, sb, ", ");
            }
            case DATA -> {
                sb.append(" data").append(imm);
                args(f, inst, 0, sb, ", ");
            }
            case CALL -> {
                sb.append(" fn").append(imm).append('(');
                for (int k = 0; k < na; k++) {
                    sb.append(k == 0 ? "" : ", ").append('v').append(f.arg(inst, k));
                }
                sb.append(')');
            }
            case CALL_INDIRECT -> {
                sb.append(" type").append(imm).append(", table").append(f.imm2(inst)).append(", v").append(f.arg(inst, 0)).append('(');
                for (int k = 1; k < na; k++) {
                    sb.append(k == 1 ? "" : ", ").append('v').append(f.arg(inst, k));
                }
                sb.append(')');
            }
            case JUMP -> {
                sb.append(' ');
                target(f, inst, 0, sb);
            }
            case BRIF -> {
                sb.append(" v").append(f.arg(inst, 0)).append(", ");
                target(f, inst, 0, sb);
                sb.append(", ");
                target(f, inst, 1, sb);
            }
            case BR_TABLE -> {
                sb.append(" v").append(f.arg(inst, 0)).append(", ");
                target(f, inst, 0, sb);
                sb.append(", [");
                for (int t = 1; t < f.targetCount(inst); t++) {
                    if (t > 1) {
                        sb.append(", ");
                    }
                    target(f, inst, t, sb);
                }
                sb.append(']');
            }
            case TRAP -> sb.append(' ').append(TrapCode.byOrdinal((int) imm).text());
            case LANE -> {
                args(f, inst, 0, sb, " ");
                sb.append(", ").append(imm);
            }
            case SHUFFLE -> {
                args(f, inst, 0, sb, " ");
                sb.append(", [");
                for (int k = 0; k < 16; k++) {
                    sb.append(k == 0 ? "" : " ").append(wasm.ir.ShuffleMask.lane(imm, f.imm2(inst), k));
                }
                sb.append(']');
            }
            case LOAD_LANE -> {
                memory(f.memoryOf(inst), sb);
                sb.append(" v").append(f.arg(inst, 0));
                offset(imm, sb);
                sb.append(", v").append(f.arg(inst, 1)).append(", ").append(f.laneOf(inst));
            }
            case STORE_LANE -> {
                memory(f.memoryOf(inst), sb);
                sb.append(" v").append(f.arg(inst, 0)).append(", v").append(f.arg(inst, 1));
                offset(imm, sb);
                sb.append(", ").append(f.laneOf(inst));
            }
        }
    }

    private static void inBounds(Function f, int inst, StringBuilder sb) {
        if (f.isInBounds(inst)) {
            sb.append(" inbounds");
        }
    }

    private static void offset(long imm, StringBuilder sb) {
        if (imm != 0) {
            sb.append('+').append(Long.toUnsignedString(imm));
        }
    }

    /** A load's or store's memory, printed only when it is not memory 0. */
    private static void memory(int memory, StringBuilder sb) {
        if (memory != 0) {
            sb.append(" mem").append(memory);
        }
    }

    private static void args(Function f, int inst, int from, StringBuilder sb, String firstSep) {
        int na = f.argCount(inst);
        for (int k = from; k < na; k++) {
            sb.append(k == from ? firstSep : ", ").append('v').append(f.arg(inst, k));
        }
    }

    private static void target(Function f, int inst, int t, StringBuilder sb) {
        sb.append("block").append(f.targetBlock(inst, t));
        int n = f.targetArgCount(inst, t);
        if (n > 0) {
            sb.append('(');
            for (int k = 0; k < n; k++) {
                sb.append(k == 0 ? "" : ", ").append('v').append(f.targetArg(inst, t, k));
            }
            sb.append(')');
        }
    }
}
