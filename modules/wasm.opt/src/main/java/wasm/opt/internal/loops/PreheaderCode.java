package wasm.opt.internal.loops;

import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.loops.AffineAddress.Term;

/** Appends instructions right before one instruction (a preheader's jump): the pre-check's arithmetic. */
final class PreheaderCode {
    private final Function f;
    private final int before;
    private final int[] args = new int[3];
    private final java.util.function.IntUnaryOperator current;

    /** {@code current} maps a value of the unchanged function to the one that stands for it now. */
    PreheaderCode(Function f, int before, java.util.function.IntUnaryOperator current) {
        this.f = f;
        this.before = before;
        this.current = current;
    }

    private int emit(IrOpcode op, Type ctrl, long imm, int n) {
        int inst = f.makeInst(op, ctrl, imm, 0, args, n);
        int r = f.addResult(inst, op.resultType(0, ctrl));
        f.insertInstBefore(inst, before);
        return r;
    }

    int i64(long value) {
        return emit(IrOpcode.ICONST, Type.I64, value, 0);
    }

    int i32(long value) {
        return emit(IrOpcode.ICONST, Type.I32, (int) value, 0);
    }

    /** What stands for {@code v} (a value of the unchanged function) now. */
    int current(int v) {
        return current.applyAsInt(v);
    }

    /**
     * {@code v} where it is available here: a constant is made anew (it may be defined inside the
     * loop), a value an earlier versioned loop defined is that loop's exit parameter.
     */
    int value(int v) {
        v = current.applyAsInt(v);
        int d = f.valueInst(v);
        if (d >= 0 && f.opcode(d) == IrOpcode.ICONST) {
            return f.valueType(v) == Type.I64 ? i64(f.imm(d)) : i32(f.imm(d));
        }
        return v;
    }

    int binary(IrOpcode op, Type t, int a, int b) {
        args[0] = a;
        args[1] = b;
        return emit(op, t, 0, 2);
    }

    int icmp(IntCC cc, Type t, int a, int b) {
        args[0] = a;
        args[1] = b;
        return emit(IrOpcode.ICMP, t, cc.ordinal(), 2);
    }

    int zext(int v32) {
        args[0] = v32;
        return emit(IrOpcode.UEXTEND, Type.I64, 0, 1);
    }

    /** The larger of two i64 values, signed. */
    int max(int a, int b) {
        int c = icmp(IntCC.SGT, Type.I64, a, b);
        args[0] = c;
        args[1] = a;
        args[2] = b;
        return emit(IrOpcode.SELECT, Type.I64, 0, 3);
    }

    /** Memory 0's size in bytes, as i64. */
    int memoryBytes() {
        int pages = emit(IrOpcode.MEMORY_SIZE, Type.I32, 0, 0); // memory 0, 32-bit: an i32 page count
        return binary(IrOpcode.ISHL, Type.I64, zext(pages), i64(16));
    }

    /** The i32 value of a loop-invariant term, with the wrapping arithmetic of the loop's own code. */
    int term(Term t) {
        return switch (t) {
            case Term.Const c -> i32(c.value());
            case Term.Val v -> value(v.value());
            case Term.Add a -> binary(IrOpcode.IADD, Type.I32, term(a.a()), term(a.b()));
            case Term.Sub s -> binary(IrOpcode.ISUB, Type.I32, term(s.a()), term(s.b()));
            case Term.Shl s -> binary(IrOpcode.ISHL, Type.I32, term(s.a()), i32(s.amount()));
            case Term.Mul m -> binary(IrOpcode.IMUL, Type.I32, term(m.a()), i32(m.factor()));
        };
    }
}
