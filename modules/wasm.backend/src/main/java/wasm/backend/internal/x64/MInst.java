package wasm.backend.internal.x64;

import wasm.ir.TrapCode;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.Cond;
import wasm.backend.x64.ShiftOp;
import wasm.backend.x64.Size;

/**
 * One x86-64 machine instruction (or fixed short sequence) over virtual
 * registers. Which fields mean what depends on {@link #op}; the operand layout
 * of each op is documented in {@link Op}.
 */
final class MInst {
    enum Op {
        /** Block entry; operands: DEF_PARAM per block parameter. */
        BLOCK_START,
        /** Function entry; operands: DEF_FIXED per register parameter. */
        ENTRY,
        /** operands: def; imm = parameter stack slot k ([rbp+16+8k]). */
        LOAD_STACK_ARG,
        /** operands: def; imm = constant. */
        CONST,
        /** operands: def; mov dst, r15. */
        VMCTX,
        /** operands: def, a, [b] (b absent: immediate imm). */
        ALU,
        /** operands: def, a, [b] (absent: imm). */
        IMUL,
        /** operands: def, a, [count fixed rcx] (absent: imm). */
        SHIFT,
        /** operands: a (fixed rax), b (any), result (fixed rax or rdx); div = DivKind. */
        DIV,
        /** lzcnt/tzcnt/popcnt; operands: def, a; bitOp. */
        BITCOUNT,
        /** operands: def, a, [b] (absent: imm); cond: setcc. */
        CMP_SET,
        /** extension; operands: def, a; ext. */
        EXTEND,
        /** operands: def, a (then), b (else), c [, y]: cmov on cond of (c cmp y|imm), or c != 0 when cond is null. */
        SELECT,
        /** operands: def, addr [, base]; memory access (see fields). */
        LOAD,
        /** operands: value, addr. */
        STORE,
        /** operands: def; imm = global index. */
        GLOBAL_GET,
        /** operands: value; imm = global index. */
        GLOBAL_SET,
        /** operands: def. */
        MEMORY_SIZE,
        /** Float operation on bit patterns held in general registers; operands: def, a [, b]; fop, dbl. */
        FLOAT,
        /** operands: def; imm = xmm register of a float parameter at entry. */
        FPARAM,
        /** operands: def; imm = table index. */
        TABLE_SIZE,
        /** operands: def, index; imm = table index. */
        TABLE_GET,
        /** operands: index, value; imm = table index. */
        TABLE_SET,
        /** operands: fixed/any args..., [index any], [result fixed rax]; call fields. */
        CALL,
        /** operands: any block arguments; target = block. */
        JUMP,
        /** operands: a [, b]: branch to target when (a cmp b|imm) holds, or a != 0 when cond is null; else target2. */
        BRANCH,
        /** operands: index; targets. */
        BR_TABLE,
        /**
         * operands: [value fixed rax] (one result), or (ABI v2, several results) the results-area
         * pointer (any) then every result (any): stored to [area + 8k].
         */
        RETURN,
        /** operands: def; imm = k: result k of the preceding multi-result CALL, read from the caller's results area. */
        LOAD_RESULT,
        /** trap. */
        TRAP
    }

    enum DivKind { SDIV, UDIV, SREM, UREM }

    enum BitOp { LZCNT, TZCNT, POPCNT }

    enum Ext { ZX32, SX32, SX8, SX16, MOV64 }

    enum FOp { ADD, SUB, MUL, DIV, MIN, MAX, SQRT, CEIL, FLOOR, TRUNC, NEAREST, ABS, NEG, COPYSIGN, PROMOTE, DEMOTE,
        FROM_SINT, FROM_UINT, CMP, TO_SINT, TO_UINT, TO_SINT_SAT, TO_UINT_SAT }

    enum CallKind { DIRECT, SLOT, INDIRECT, HELPER }

    final Op op;
    final Operand[] ops;
    Size size = Size.QWORD;
    long imm;
    boolean hasImm;
    AluOp alu;
    ShiftOp shift;
    Cond cond;
    DivKind div;
    BitOp bitOp;
    Ext ext;
    TrapCode trap;
    // memory: access bytes, signed, static offset; addrAdd: folded "iadd base, imm" (32-bit wrap) when foldedBase
    int accessBytes;
    boolean signedLoad;
    long offset;
    boolean foldedBase;
    long foldedAdd;
    // a dominating access with the same address and a larger end was checked (RedundantBoundsChecks)
    boolean provenInBounds;
    // floats: operation, f64 (else f32), integer operand size of conversions, compare condition
    FOp fop;
    boolean dbl;
    Size intSize;
    wasm.ir.FloatCC fcc;
    boolean floatValue; // RETURN / CALL result: a float in xmm0
    boolean multiValue; // RETURN of several results through the results area (ABI v2)
    // calls: per argument, -1 = fixed register, -2 - k = xmm k, s >= 0 = outgoing stack slot s
    int[] argDest;
    boolean[] argDouble;
    // calls
    CallKind callKind;
    wasm.backend.Helper helper;
    long[] helperImms; // immediate helper arguments (after vmctx): value, or Long.MIN_VALUE for "vreg operand"

    int callee;        // function index (DIRECT/SLOT), vmctx offset (SLOT, HELPER), type index (INDIRECT)
    int slotOffset;
    int tableIndex;
    int stackArgs;     // number of args passed on the stack
    boolean hasResult;
    boolean resultArea;   // CALL with several results (ABI v2): rax = the caller's results area at the call
    boolean indexOperand; // INDIRECT: the operand after the args is the table index
    // control flow
    int target = -1;
    int target2 = -1;
    int[] targets;

    MInst(Op op, Operand... ops) {
        this.op = op;
        this.ops = ops;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.name().toLowerCase());
        if (alu != null) {
            sb.append('.').append(alu.mnemonic());
        }
        if (cond != null) {
            sb.append('.').append(cond.suffix());
        }
        if (hasImm) {
            sb.append(" #").append(imm);
        }
        for (Operand o : ops) {
            sb.append(' ').append(o.kind().name().toLowerCase()).append(":v").append(o.vreg());
            if (o.fixed() != null) {
                sb.append('@').append(o.fixed());
            }
        }
        return sb.toString();
    }
}
