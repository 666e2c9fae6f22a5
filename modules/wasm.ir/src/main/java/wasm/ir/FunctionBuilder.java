package wasm.ir;

/**
 * A cursor that appends instructions at the end of a current block, with one
 * method per opcode family. Reusable: {@link #reset(Function)} points it at a
 * (cleared) function.
 */
public final class FunctionBuilder {
    private Function f;
    private int block = -1;
    private final int[] scratch = new int[3];

    public FunctionBuilder(Function f) {
        this.f = f;
    }

    public void reset(Function f) {
        this.f = f;
        this.block = -1;
    }

    public Function function() {
        return f;
    }

    /** Creates the entry block with {@code vmctx: i64} and the signature's parameters, appends it and switches to it. */
    public int createEntryBlock() {
        int b = f.makeBlock();
        f.appendBlockParam(b, Type.I64);
        for (Type t : f.signature().params()) {
            f.appendBlockParam(b, t);
        }
        f.appendBlock(b);
        block = b;
        return b;
    }

    /** A new block, appended to the layout. */
    public int createBlock() {
        int b = f.makeBlock();
        f.appendBlock(b);
        return b;
    }

    public void switchTo(int b) {
        block = b;
    }

    public int currentBlock() {
        return block;
    }

    /** Appends an instruction with operands {@code args[0..n)} and no results. */
    public int inst(IrOpcode op, Type ctrl, long imm, int imm2, int[] args, int n) {
        int i = f.makeInst(op, ctrl, imm, imm2, args, n);
        f.appendInst(block, i);
        return i;
    }

    /** Appends an instruction with the opcode's fixed results; returns the first result (or -1). */
    public int emit(IrOpcode op, Type ctrl, long imm, int imm2, int[] args, int n) {
        int i = inst(op, ctrl, imm, imm2, args, n);
        int results = op.fixedResultCount();
        int first = -1;
        for (int k = 0; k < results; k++) {
            int v = f.addResult(i, op.resultType(k, ctrl));
            if (k == 0) {
                first = v;
            }
        }
        return first;
    }

    public int nullary(IrOpcode op, Type ctrl, long imm) {
        return emit(op, ctrl, imm, 0, scratch, 0);
    }

    public int unary(IrOpcode op, Type ctrl, int a) {
        scratch[0] = a;
        return emit(op, ctrl, 0, 0, scratch, 1);
    }

    public int unaryImm(IrOpcode op, Type ctrl, long imm, int a) {
        scratch[0] = a;
        return emit(op, ctrl, imm, 0, scratch, 1);
    }

    public int binary(IrOpcode op, Type ctrl, int a, int b) {
        scratch[0] = a;
        scratch[1] = b;
        return emit(op, ctrl, 0, 0, scratch, 2);
    }

    public int ternary(IrOpcode op, Type ctrl, long imm, int imm2, int a, int b, int c) {
        scratch[0] = a;
        scratch[1] = b;
        scratch[2] = c;
        return emit(op, ctrl, imm, imm2, scratch, 3);
    }

    public int iconst(Type t, long value) {
        return nullary(IrOpcode.ICONST, t, t == Type.I32 ? (int) value : value);
    }

    public int fconst(Type t, long bits) {
        return nullary(IrOpcode.FCONST, t, t == Type.F32 ? bits & 0xFFFF_FFFFL : bits);
    }

    /** A v128 constant: {@code vconcat} of two i64 constants (low 64 bits, high 64 bits). */
    public int vconst(long lo, long hi) {
        return binary(IrOpcode.VCONCAT, null, iconst(Type.I64, lo), iconst(Type.I64, hi));
    }

    public int icmp(IntCC cc, Type t, int a, int b) {
        scratch[0] = a;
        scratch[1] = b;
        return emit(IrOpcode.ICMP, t, cc.ordinal(), 0, scratch, 2);
    }

    public int fcmp(FloatCC cc, Type t, int a, int b) {
        scratch[0] = a;
        scratch[1] = b;
        return emit(IrOpcode.FCMP, t, cc.ordinal(), 0, scratch, 2);
    }

    public int select(Type t, int cond, int a, int b) {
        return ternary(IrOpcode.SELECT, t, 0, 0, cond, a, b);
    }

    /** A load of type {@code t} ({@code op} picks the width/extension) from {@code addr + offset} of memory 0. */
    public int load(IrOpcode op, Type t, int addr, long offset) {
        return load(op, t, addr, offset, 0);
    }

    /** A load from {@code addr + offset} (unsigned 64-bit offset) of memory {@code memory}. */
    public int load(IrOpcode op, Type t, int addr, long offset, int memory) {
        scratch[0] = addr;
        return emit(op, t, offset, Function.accessImm2(memory, false), scratch, 1);
    }

    /** A store of {@code value} (its type is the controlling type) to {@code addr + offset} of memory 0. */
    public void store(IrOpcode op, int value, int addr, long offset) {
        store(op, value, addr, offset, 0);
    }

    /** A store to {@code addr + offset} of memory {@code memory}. */
    public void store(IrOpcode op, int value, int addr, long offset, int memory) {
        scratch[0] = value;
        scratch[1] = addr;
        inst(op, f.valueType(value), offset, Function.accessImm2(memory, false), scratch, 2);
    }

    /** A call; returns the instruction (results via {@link Function#result}). The callee must be declared. */
    public int call(int funcIndex, int[] args, int n) {
        Signature sig = f.calleeSignature(funcIndex);
        int i = inst(IrOpcode.CALL, null, funcIndex, 0, args, n);
        for (Type t : sig.results()) {
            f.addResult(i, t);
        }
        return i;
    }

    /** call_indirect; {@code args[0]} is the table slot, then the arguments. The type must be declared. */
    public int callIndirect(int typeIndex, int table, int[] args, int n) {
        Signature sig = f.typeSignature(typeIndex);
        int i = inst(IrOpcode.CALL_INDIRECT, null, typeIndex, table, args, n);
        for (Type t : sig.results()) {
            f.addResult(i, t);
        }
        return i;
    }

    /** return_call: a tail call of {@code funcIndex} (declared, with this function's results); ends the block. */
    public int returnCall(int funcIndex, int[] args, int n) {
        return inst(IrOpcode.RETURN_CALL, null, funcIndex, 0, args, n);
    }

    /** return_call_indirect; {@code args[0]} is the table slot, then the arguments. Ends the block. */
    public int returnCallIndirect(int typeIndex, int table, int[] args, int n) {
        return inst(IrOpcode.RETURN_CALL_INDIRECT, null, typeIndex, table, args, n);
    }

    public int jump(int target, int[] args, int n) {
        int i = inst(IrOpcode.JUMP, null, 0, 0, scratch, 0);
        f.addTarget(i, target, args, n);
        return i;
    }

    public int brif(int cond, int thenBlock, int[] thenArgs, int thenN, int elseBlock, int[] elseArgs, int elseN) {
        scratch[0] = cond;
        int i = inst(IrOpcode.BRIF, null, 0, 0, scratch, 1);
        f.addTarget(i, thenBlock, thenArgs, thenN);
        f.addTarget(i, elseBlock, elseArgs, elseN);
        return i;
    }

    /** br_table with no targets yet: add the default first, then the table, with {@link Function#addTarget}. */
    public int brTable(int index) {
        scratch[0] = index;
        return inst(IrOpcode.BR_TABLE, null, 0, 0, scratch, 1);
    }

    public int ret(int[] values, int n) {
        return inst(IrOpcode.RETURN, null, 0, 0, values, n);
    }

    public int trap(TrapCode code) {
        return inst(IrOpcode.TRAP, null, code.ordinal(), 0, scratch, 0);
    }
}
