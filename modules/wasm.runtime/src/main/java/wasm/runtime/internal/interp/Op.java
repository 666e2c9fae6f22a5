package wasm.runtime.internal.interp;

/**
 * The interpreter's opcode numbers. Core opcodes keep their binary code;
 * 0xFC-prefixed ones are 0xE0 + sub-opcode; interpreter-only control opcodes
 * (branches with resolved targets) follow at 0xF8, fused and two-slot (v128)
 * variants at 0x100. Kept dense so the dispatch switch compiles to a
 * tableswitch. SIMD instructions (0xFD prefix) are {@link #SIMD_BASE} +
 * sub-opcode and run in {@link VectorOps}.
 *
 * <p>Code layout (ints): {@code op imm...}. Branch targets are absolute code
 * offsets; heights are stack offsets relative to the frame pointer. memory.size,
 * memory.grow and memory.fill carry their memory index, memory.copy the
 * destination and source memories, memory.init the data segment and memory.
 */
final class Op {
    private Op() {
    }

    static final int UNREACHABLE = 0x00;
    static final int NOP = 0x01;
    static final int BLOCK = 0x02;
    static final int LOOP = 0x03;
    static final int IF = 0x04;
    static final int ELSE = 0x05;
    static final int END = 0x0B;
    static final int BR = 0x0C;
    static final int BR_IF = 0x0D;
    static final int BR_TABLE = 0x0E;
    static final int RETURN = 0x0F;
    static final int CALL = 0x10;
    static final int CALL_INDIRECT = 0x11;
    /**
     * RETURN_CALL f, then a RETURN: a tail call. An interpreted callee takes over the
     * caller's frame (no frame is pushed, so tail recursion runs in constant space); a host
     * or native callee is called as by CALL, and the RETURN that follows returns its results.
     */
    static final int RETURN_CALL = 0x12;
    /** RETURN_CALL_INDIRECT type table, then a RETURN: call_indirect's checks, RETURN_CALL's frame. */
    static final int RETURN_CALL_INDIRECT = 0x13;
    static final int DROP = 0x1A;
    static final int SELECT = 0x1B;
    static final int SELECT_TYPED = 0x1C;
    static final int LOCAL_GET = 0x20;
    static final int LOCAL_SET = 0x21;
    static final int LOCAL_TEE = 0x22;
    static final int GLOBAL_GET = 0x23;
    static final int GLOBAL_SET = 0x24;
    static final int TABLE_GET = 0x25;
    static final int TABLE_SET = 0x26;
    static final int I32_LOAD = 0x28;
    static final int I64_LOAD = 0x29;
    static final int F32_LOAD = 0x2A;
    static final int F64_LOAD = 0x2B;
    static final int I32_LOAD8_S = 0x2C;
    static final int I32_LOAD8_U = 0x2D;
    static final int I32_LOAD16_S = 0x2E;
    static final int I32_LOAD16_U = 0x2F;
    static final int I64_LOAD8_S = 0x30;
    static final int I64_LOAD8_U = 0x31;
    static final int I64_LOAD16_S = 0x32;
    static final int I64_LOAD16_U = 0x33;
    static final int I64_LOAD32_S = 0x34;
    static final int I64_LOAD32_U = 0x35;
    static final int I32_STORE = 0x36;
    static final int I64_STORE = 0x37;
    static final int F32_STORE = 0x38;
    static final int F64_STORE = 0x39;
    static final int I32_STORE8 = 0x3A;
    static final int I32_STORE16 = 0x3B;
    static final int I64_STORE8 = 0x3C;
    static final int I64_STORE16 = 0x3D;
    static final int I64_STORE32 = 0x3E;
    static final int MEMORY_SIZE = 0x3F;
    static final int MEMORY_GROW = 0x40;
    static final int I32_CONST = 0x41;
    static final int I64_CONST = 0x42;
    static final int F32_CONST = 0x43;
    static final int F64_CONST = 0x44;
    static final int I32_EQZ = 0x45;
    static final int I32_EQ = 0x46;
    static final int I32_NE = 0x47;
    static final int I32_LT_S = 0x48;
    static final int I32_LT_U = 0x49;
    static final int I32_GT_S = 0x4A;
    static final int I32_GT_U = 0x4B;
    static final int I32_LE_S = 0x4C;
    static final int I32_LE_U = 0x4D;
    static final int I32_GE_S = 0x4E;
    static final int I32_GE_U = 0x4F;
    static final int I64_EQZ = 0x50;
    static final int I64_EQ = 0x51;
    static final int I64_NE = 0x52;
    static final int I64_LT_S = 0x53;
    static final int I64_LT_U = 0x54;
    static final int I64_GT_S = 0x55;
    static final int I64_GT_U = 0x56;
    static final int I64_LE_S = 0x57;
    static final int I64_LE_U = 0x58;
    static final int I64_GE_S = 0x59;
    static final int I64_GE_U = 0x5A;
    static final int F32_EQ = 0x5B;
    static final int F32_NE = 0x5C;
    static final int F32_LT = 0x5D;
    static final int F32_GT = 0x5E;
    static final int F32_LE = 0x5F;
    static final int F32_GE = 0x60;
    static final int F64_EQ = 0x61;
    static final int F64_NE = 0x62;
    static final int F64_LT = 0x63;
    static final int F64_GT = 0x64;
    static final int F64_LE = 0x65;
    static final int F64_GE = 0x66;
    static final int I32_CLZ = 0x67;
    static final int I32_CTZ = 0x68;
    static final int I32_POPCNT = 0x69;
    static final int I32_ADD = 0x6A;
    static final int I32_SUB = 0x6B;
    static final int I32_MUL = 0x6C;
    static final int I32_DIV_S = 0x6D;
    static final int I32_DIV_U = 0x6E;
    static final int I32_REM_S = 0x6F;
    static final int I32_REM_U = 0x70;
    static final int I32_AND = 0x71;
    static final int I32_OR = 0x72;
    static final int I32_XOR = 0x73;
    static final int I32_SHL = 0x74;
    static final int I32_SHR_S = 0x75;
    static final int I32_SHR_U = 0x76;
    static final int I32_ROTL = 0x77;
    static final int I32_ROTR = 0x78;
    static final int I64_CLZ = 0x79;
    static final int I64_CTZ = 0x7A;
    static final int I64_POPCNT = 0x7B;
    static final int I64_ADD = 0x7C;
    static final int I64_SUB = 0x7D;
    static final int I64_MUL = 0x7E;
    static final int I64_DIV_S = 0x7F;
    static final int I64_DIV_U = 0x80;
    static final int I64_REM_S = 0x81;
    static final int I64_REM_U = 0x82;
    static final int I64_AND = 0x83;
    static final int I64_OR = 0x84;
    static final int I64_XOR = 0x85;
    static final int I64_SHL = 0x86;
    static final int I64_SHR_S = 0x87;
    static final int I64_SHR_U = 0x88;
    static final int I64_ROTL = 0x89;
    static final int I64_ROTR = 0x8A;
    static final int F32_ABS = 0x8B;
    static final int F32_NEG = 0x8C;
    static final int F32_CEIL = 0x8D;
    static final int F32_FLOOR = 0x8E;
    static final int F32_TRUNC = 0x8F;
    static final int F32_NEAREST = 0x90;
    static final int F32_SQRT = 0x91;
    static final int F32_ADD = 0x92;
    static final int F32_SUB = 0x93;
    static final int F32_MUL = 0x94;
    static final int F32_DIV = 0x95;
    static final int F32_MIN = 0x96;
    static final int F32_MAX = 0x97;
    static final int F32_COPYSIGN = 0x98;
    static final int F64_ABS = 0x99;
    static final int F64_NEG = 0x9A;
    static final int F64_CEIL = 0x9B;
    static final int F64_FLOOR = 0x9C;
    static final int F64_TRUNC = 0x9D;
    static final int F64_NEAREST = 0x9E;
    static final int F64_SQRT = 0x9F;
    static final int F64_ADD = 0xA0;
    static final int F64_SUB = 0xA1;
    static final int F64_MUL = 0xA2;
    static final int F64_DIV = 0xA3;
    static final int F64_MIN = 0xA4;
    static final int F64_MAX = 0xA5;
    static final int F64_COPYSIGN = 0xA6;
    static final int I32_WRAP_I64 = 0xA7;
    static final int I32_TRUNC_F32_S = 0xA8;
    static final int I32_TRUNC_F32_U = 0xA9;
    static final int I32_TRUNC_F64_S = 0xAA;
    static final int I32_TRUNC_F64_U = 0xAB;
    static final int I64_EXTEND_I32_S = 0xAC;
    static final int I64_EXTEND_I32_U = 0xAD;
    static final int I64_TRUNC_F32_S = 0xAE;
    static final int I64_TRUNC_F32_U = 0xAF;
    static final int I64_TRUNC_F64_S = 0xB0;
    static final int I64_TRUNC_F64_U = 0xB1;
    static final int F32_CONVERT_I32_S = 0xB2;
    static final int F32_CONVERT_I32_U = 0xB3;
    static final int F32_CONVERT_I64_S = 0xB4;
    static final int F32_CONVERT_I64_U = 0xB5;
    static final int F32_DEMOTE_F64 = 0xB6;
    static final int F64_CONVERT_I32_S = 0xB7;
    static final int F64_CONVERT_I32_U = 0xB8;
    static final int F64_CONVERT_I64_S = 0xB9;
    static final int F64_CONVERT_I64_U = 0xBA;
    static final int F64_PROMOTE_F32 = 0xBB;
    static final int I32_REINTERPRET_F32 = 0xBC;
    static final int I64_REINTERPRET_F64 = 0xBD;
    static final int F32_REINTERPRET_I32 = 0xBE;
    static final int F64_REINTERPRET_I64 = 0xBF;
    static final int I32_EXTEND8_S = 0xC0;
    static final int I32_EXTEND16_S = 0xC1;
    static final int I64_EXTEND8_S = 0xC2;
    static final int I64_EXTEND16_S = 0xC3;
    static final int I64_EXTEND32_S = 0xC4;
    static final int REF_NULL = 0xD0;
    static final int REF_IS_NULL = 0xD1;
    static final int REF_FUNC = 0xD2;
    static final int I32_TRUNC_SAT_F32_S = 0xE0;
    static final int I32_TRUNC_SAT_F32_U = 0xE1;
    static final int I32_TRUNC_SAT_F64_S = 0xE2;
    static final int I32_TRUNC_SAT_F64_U = 0xE3;
    static final int I64_TRUNC_SAT_F32_S = 0xE4;
    static final int I64_TRUNC_SAT_F32_U = 0xE5;
    static final int I64_TRUNC_SAT_F64_S = 0xE6;
    static final int I64_TRUNC_SAT_F64_U = 0xE7;
    static final int MEMORY_INIT = 0xE8;
    static final int DATA_DROP = 0xE9;
    static final int MEMORY_COPY = 0xEA;
    static final int MEMORY_FILL = 0xEB;
    static final int TABLE_INIT = 0xEC;
    static final int ELEM_DROP = 0xED;
    static final int TABLE_COPY = 0xEE;
    static final int TABLE_GROW = 0xEF;
    static final int TABLE_SIZE = 0xF0;
    static final int TABLE_FILL = 0xF1;

    /** JUMP target. */
    static final int JUMP = 0xF8;
    /** JUMP_IF target: pops a condition, jumps when non-zero (br_if needing no stack adjustment). */
    static final int JUMP_IF = 0xF9;
    /** JUMP_IF_ZERO target: pops a condition, jumps when zero (if). */
    static final int JUMP_IF_ZERO = 0xFA;
    /** BR_ADJUST target arity height: moves the top arity values to fp+height, then jumps. */
    static final int BR_ADJUST = 0xFB;
    /** BR_IF_ADJUST target arity height: pops a condition, then BR_ADJUST when non-zero. */
    static final int BR_IF_ADJUST = 0xFC;
    /** BR_TABLE_ADJUST count (target arity height)*(count+1): the last triple is the default. */
    static final int BR_TABLE_ADJUST = 0xFD;

    // ---- fused instructions (peephole superinstructions made by FunctionTranslator) ----

    /** LOCAL_GET2 a b: local.get a; local.get b. */
    static final int LOCAL_GET2 = 0x100;
    /** LOCAL_I32_ADD_CONST a c: local.get a; i32.const c; i32.add (i32.sub uses -c). */
    static final int LOCAL_I32_ADD_CONST = 0x101;
    /** I32_ADD_CONST c: i32.const c; i32.add (i32.sub uses -c). */
    static final int I32_ADD_CONST = 0x102;
    /** I32_xx_JUMP target: pops two i32, jumps when the comparison holds (compare; br_if, or inverted compare; if). */
    static final int I32_EQ_JUMP = 0x103;
    static final int I32_NE_JUMP = 0x104;
    static final int I32_LT_S_JUMP = 0x105;
    static final int I32_LT_U_JUMP = 0x106;
    static final int I32_GT_S_JUMP = 0x107;
    static final int I32_GT_U_JUMP = 0x108;
    static final int I32_LE_S_JUMP = 0x109;
    static final int I32_LE_U_JUMP = 0x10A;
    static final int I32_GE_S_JUMP = 0x10B;
    static final int I32_GE_U_JUMP = 0x10C;
    /** LOCAL_SET_GET a b: local.set a; local.get b. */
    static final int LOCAL_SET_GET = 0x10D;
    /** I32_LOAD_LOCAL a offset: local.get a; i32.load offset. */
    static final int I32_LOAD_LOCAL = 0x10E;
    /** I64_LOAD_LOCAL a offset: local.get a; i64.load offset. */
    static final int I64_LOAD_LOCAL = 0x10F;

    // ---- v128 values take two slots (low half first): their stack and local moves ----

    /** LOCAL_GET_V128 slot: pushes the two slots of the v128 local at slot. */
    static final int LOCAL_GET_V128 = 0x110;
    static final int LOCAL_SET_V128 = 0x111;
    static final int LOCAL_TEE_V128 = 0x112;
    static final int DROP_V128 = 0x113;
    /** SELECT_V128: v128 a, v128 b, i32 c -> a when c != 0, else b. */
    static final int SELECT_V128 = 0x114;
    static final int GLOBAL_GET_V128 = 0x115;
    static final int GLOBAL_SET_V128 = 0x116;

    /**
     * A poll for interruption and fuel where native code polls: every function's code starts with one
     * (the prologue's), and with loop polls on, a loop's branches land on one its entry jumps past.
     */
    static final int POLL = 0x117;

    // ---- 3.0: several memories, 64-bit memories and tables (out of line) ----

    /**
     * ANY_MEMORY_ACCESS op memory offsetLow offsetHigh: a load or store ({@code op} is its
     * core opcode number) on any memory, 32- or 64-bit, with a 64-bit offset; the fast
     * opcodes above serve memory 0 when it is 32-bit.
     */
    static final int ANY_MEMORY_ACCESS = 0x118;
    /** CALL_INDIRECT_64 type table: call_indirect through a 64-bit table (the index is an i64). */
    static final int CALL_INDIRECT_64 = 0x119;
    /** RETURN_CALL_INDIRECT_64 type table, then a RETURN: return_call_indirect through a 64-bit table. */
    static final int RETURN_CALL_INDIRECT_64 = 0x11A;

    /** SIMD instruction {@code x} (0xFD prefix, sub-opcode {@code x}) is {@code SIMD_BASE + x}. */
    static final int SIMD_BASE = 0x200;
}
