package wasm.core.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebAssembly 2.0 instruction set with fixed-width and relaxed SIMD,
 * declared once: the text mnemonic, binary prefix and code, immediate kind, and
 * for instructions with a fixed type their signature. Decoder, encoder, text
 * parser and printer, validator and interpreter all read this table. The SIMD
 * instructions (prefix 0xFD) form their own section at the end.
 *
 * <p>Signatures are written {@code "params:results"} with one letter per value:
 * {@code i}=i32, {@code I}=i64, {@code f}=f32, {@code F}=f64, {@code V}=v128. Instructions whose
 * type depends on context (control, locals, calls, references, drop/select,
 * table.grow/fill) have a null signature. The signature of a memory or table
 * instruction (loads, stores, memory.*, table.size/copy/init) is the one it has on
 * a 32-bit memory or table: on a 64-bit one (memory64, table64) its addresses,
 * sizes and lengths are i64 instead (see {@link AddressType}).
 */
public enum Opcode {
    /** {@code unreachable} (0x00) */
    UNREACHABLE("unreachable", 0x00, 0x00, Imm.NONE, null, 0),
    /** {@code nop} (0x01) */
    NOP("nop", 0x00, 0x01, Imm.NONE, null, 0),
    /** {@code block} (0x02) */
    BLOCK("block", 0x00, 0x02, Imm.BLOCK_TYPE, null, 0),
    /** {@code loop} (0x03) */
    LOOP("loop", 0x00, 0x03, Imm.BLOCK_TYPE, null, 0),
    /** {@code if} (0x04) */
    IF("if", 0x00, 0x04, Imm.BLOCK_TYPE, null, 0),
    /** {@code else} (0x05) */
    ELSE("else", 0x00, 0x05, Imm.NONE, null, 0),
    /** {@code end} (0x0B) */
    END("end", 0x00, 0x0B, Imm.NONE, null, 0),
    /** {@code br} (0x0C) */
    BR("br", 0x00, 0x0C, Imm.LABEL, null, 0),
    /** {@code br_if} (0x0D) */
    BR_IF("br_if", 0x00, 0x0D, Imm.LABEL, null, 0),
    /** {@code br_table} (0x0E) */
    BR_TABLE("br_table", 0x00, 0x0E, Imm.BR_TABLE, null, 0),
    /** {@code return} (0x0F) */
    RETURN("return", 0x00, 0x0F, Imm.NONE, null, 0),
    /** {@code call} (0x10) */
    CALL("call", 0x00, 0x10, Imm.FUNC, null, 0),
    /** {@code call_indirect} (0x11) */
    CALL_INDIRECT("call_indirect", 0x00, 0x11, Imm.CALL_INDIRECT, null, 0),
    /** {@code return_call} (0x12) */
    RETURN_CALL("return_call", 0x00, 0x12, Imm.FUNC, null, 0),
    /** {@code return_call_indirect} (0x13) */
    RETURN_CALL_INDIRECT("return_call_indirect", 0x00, 0x13, Imm.CALL_INDIRECT, null, 0),
    /** {@code drop} (0x1A) */
    DROP("drop", 0x00, 0x1A, Imm.NONE, null, 0),
    /** {@code select} (0x1B) */
    SELECT("select", 0x00, 0x1B, Imm.NONE, null, 0),
    /** {@code select} with its result type written out (0x1C) */
    SELECT_TYPED("select", 0x00, 0x1C, Imm.SELECT_TYPES, null, 0),
    /** {@code local.get} (0x20) */
    LOCAL_GET("local.get", 0x00, 0x20, Imm.LOCAL, null, 0),
    /** {@code local.set} (0x21) */
    LOCAL_SET("local.set", 0x00, 0x21, Imm.LOCAL, null, 0),
    /** {@code local.tee} (0x22) */
    LOCAL_TEE("local.tee", 0x00, 0x22, Imm.LOCAL, null, 0),
    /** {@code global.get} (0x23) */
    GLOBAL_GET("global.get", 0x00, 0x23, Imm.GLOBAL, null, 0),
    /** {@code global.set} (0x24) */
    GLOBAL_SET("global.set", 0x00, 0x24, Imm.GLOBAL, null, 0),
    /** {@code table.get} (0x25) */
    TABLE_GET("table.get", 0x00, 0x25, Imm.TABLE, null, 0),
    /** {@code table.set} (0x26) */
    TABLE_SET("table.set", 0x00, 0x26, Imm.TABLE, null, 0),
    /** {@code i32.load} (0x28) */
    I32_LOAD("i32.load", 0x00, 0x28, Imm.MEMARG, "i:i", 4),
    /** {@code i64.load} (0x29) */
    I64_LOAD("i64.load", 0x00, 0x29, Imm.MEMARG, "i:I", 8),
    /** {@code f32.load} (0x2A) */
    F32_LOAD("f32.load", 0x00, 0x2A, Imm.MEMARG, "i:f", 4),
    /** {@code f64.load} (0x2B) */
    F64_LOAD("f64.load", 0x00, 0x2B, Imm.MEMARG, "i:F", 8),
    /** {@code i32.load8_s} (0x2C) */
    I32_LOAD8_S("i32.load8_s", 0x00, 0x2C, Imm.MEMARG, "i:i", 1),
    /** {@code i32.load8_u} (0x2D) */
    I32_LOAD8_U("i32.load8_u", 0x00, 0x2D, Imm.MEMARG, "i:i", 1),
    /** {@code i32.load16_s} (0x2E) */
    I32_LOAD16_S("i32.load16_s", 0x00, 0x2E, Imm.MEMARG, "i:i", 2),
    /** {@code i32.load16_u} (0x2F) */
    I32_LOAD16_U("i32.load16_u", 0x00, 0x2F, Imm.MEMARG, "i:i", 2),
    /** {@code i64.load8_s} (0x30) */
    I64_LOAD8_S("i64.load8_s", 0x00, 0x30, Imm.MEMARG, "i:I", 1),
    /** {@code i64.load8_u} (0x31) */
    I64_LOAD8_U("i64.load8_u", 0x00, 0x31, Imm.MEMARG, "i:I", 1),
    /** {@code i64.load16_s} (0x32) */
    I64_LOAD16_S("i64.load16_s", 0x00, 0x32, Imm.MEMARG, "i:I", 2),
    /** {@code i64.load16_u} (0x33) */
    I64_LOAD16_U("i64.load16_u", 0x00, 0x33, Imm.MEMARG, "i:I", 2),
    /** {@code i64.load32_s} (0x34) */
    I64_LOAD32_S("i64.load32_s", 0x00, 0x34, Imm.MEMARG, "i:I", 4),
    /** {@code i64.load32_u} (0x35) */
    I64_LOAD32_U("i64.load32_u", 0x00, 0x35, Imm.MEMARG, "i:I", 4),
    /** {@code i32.store} (0x36) */
    I32_STORE("i32.store", 0x00, 0x36, Imm.MEMARG, "ii:", 4),
    /** {@code i64.store} (0x37) */
    I64_STORE("i64.store", 0x00, 0x37, Imm.MEMARG, "iI:", 8),
    /** {@code f32.store} (0x38) */
    F32_STORE("f32.store", 0x00, 0x38, Imm.MEMARG, "if:", 4),
    /** {@code f64.store} (0x39) */
    F64_STORE("f64.store", 0x00, 0x39, Imm.MEMARG, "iF:", 8),
    /** {@code i32.store8} (0x3A) */
    I32_STORE8("i32.store8", 0x00, 0x3A, Imm.MEMARG, "ii:", 1),
    /** {@code i32.store16} (0x3B) */
    I32_STORE16("i32.store16", 0x00, 0x3B, Imm.MEMARG, "ii:", 2),
    /** {@code i64.store8} (0x3C) */
    I64_STORE8("i64.store8", 0x00, 0x3C, Imm.MEMARG, "iI:", 1),
    /** {@code i64.store16} (0x3D) */
    I64_STORE16("i64.store16", 0x00, 0x3D, Imm.MEMARG, "iI:", 2),
    /** {@code i64.store32} (0x3E) */
    I64_STORE32("i64.store32", 0x00, 0x3E, Imm.MEMARG, "iI:", 4),
    /** {@code memory.size} (0x3F) */
    MEMORY_SIZE("memory.size", 0x00, 0x3F, Imm.MEMORY, ":i", 0),
    /** {@code memory.grow} (0x40) */
    MEMORY_GROW("memory.grow", 0x00, 0x40, Imm.MEMORY, "i:i", 0),
    /** {@code i32.const} (0x41) */
    I32_CONST("i32.const", 0x00, 0x41, Imm.I32, ":i", 0),
    /** {@code i64.const} (0x42) */
    I64_CONST("i64.const", 0x00, 0x42, Imm.I64, ":I", 0),
    /** {@code f32.const} (0x43) */
    F32_CONST("f32.const", 0x00, 0x43, Imm.F32, ":f", 0),
    /** {@code f64.const} (0x44) */
    F64_CONST("f64.const", 0x00, 0x44, Imm.F64, ":F", 0),
    /** {@code i32.eqz} (0x45) */
    I32_EQZ("i32.eqz", 0x00, 0x45, Imm.NONE, "i:i", 0),
    /** {@code i32.eq} (0x46) */
    I32_EQ("i32.eq", 0x00, 0x46, Imm.NONE, "ii:i", 0),
    /** {@code i32.ne} (0x47) */
    I32_NE("i32.ne", 0x00, 0x47, Imm.NONE, "ii:i", 0),
    /** {@code i32.lt_s} (0x48) */
    I32_LT_S("i32.lt_s", 0x00, 0x48, Imm.NONE, "ii:i", 0),
    /** {@code i32.lt_u} (0x49) */
    I32_LT_U("i32.lt_u", 0x00, 0x49, Imm.NONE, "ii:i", 0),
    /** {@code i32.gt_s} (0x4A) */
    I32_GT_S("i32.gt_s", 0x00, 0x4A, Imm.NONE, "ii:i", 0),
    /** {@code i32.gt_u} (0x4B) */
    I32_GT_U("i32.gt_u", 0x00, 0x4B, Imm.NONE, "ii:i", 0),
    /** {@code i32.le_s} (0x4C) */
    I32_LE_S("i32.le_s", 0x00, 0x4C, Imm.NONE, "ii:i", 0),
    /** {@code i32.le_u} (0x4D) */
    I32_LE_U("i32.le_u", 0x00, 0x4D, Imm.NONE, "ii:i", 0),
    /** {@code i32.ge_s} (0x4E) */
    I32_GE_S("i32.ge_s", 0x00, 0x4E, Imm.NONE, "ii:i", 0),
    /** {@code i32.ge_u} (0x4F) */
    I32_GE_U("i32.ge_u", 0x00, 0x4F, Imm.NONE, "ii:i", 0),
    /** {@code i64.eqz} (0x50) */
    I64_EQZ("i64.eqz", 0x00, 0x50, Imm.NONE, "I:i", 0),
    /** {@code i64.eq} (0x51) */
    I64_EQ("i64.eq", 0x00, 0x51, Imm.NONE, "II:i", 0),
    /** {@code i64.ne} (0x52) */
    I64_NE("i64.ne", 0x00, 0x52, Imm.NONE, "II:i", 0),
    /** {@code i64.lt_s} (0x53) */
    I64_LT_S("i64.lt_s", 0x00, 0x53, Imm.NONE, "II:i", 0),
    /** {@code i64.lt_u} (0x54) */
    I64_LT_U("i64.lt_u", 0x00, 0x54, Imm.NONE, "II:i", 0),
    /** {@code i64.gt_s} (0x55) */
    I64_GT_S("i64.gt_s", 0x00, 0x55, Imm.NONE, "II:i", 0),
    /** {@code i64.gt_u} (0x56) */
    I64_GT_U("i64.gt_u", 0x00, 0x56, Imm.NONE, "II:i", 0),
    /** {@code i64.le_s} (0x57) */
    I64_LE_S("i64.le_s", 0x00, 0x57, Imm.NONE, "II:i", 0),
    /** {@code i64.le_u} (0x58) */
    I64_LE_U("i64.le_u", 0x00, 0x58, Imm.NONE, "II:i", 0),
    /** {@code i64.ge_s} (0x59) */
    I64_GE_S("i64.ge_s", 0x00, 0x59, Imm.NONE, "II:i", 0),
    /** {@code i64.ge_u} (0x5A) */
    I64_GE_U("i64.ge_u", 0x00, 0x5A, Imm.NONE, "II:i", 0),
    /** {@code f32.eq} (0x5B) */
    F32_EQ("f32.eq", 0x00, 0x5B, Imm.NONE, "ff:i", 0),
    /** {@code f32.ne} (0x5C) */
    F32_NE("f32.ne", 0x00, 0x5C, Imm.NONE, "ff:i", 0),
    /** {@code f32.lt} (0x5D) */
    F32_LT("f32.lt", 0x00, 0x5D, Imm.NONE, "ff:i", 0),
    /** {@code f32.gt} (0x5E) */
    F32_GT("f32.gt", 0x00, 0x5E, Imm.NONE, "ff:i", 0),
    /** {@code f32.le} (0x5F) */
    F32_LE("f32.le", 0x00, 0x5F, Imm.NONE, "ff:i", 0),
    /** {@code f32.ge} (0x60) */
    F32_GE("f32.ge", 0x00, 0x60, Imm.NONE, "ff:i", 0),
    /** {@code f64.eq} (0x61) */
    F64_EQ("f64.eq", 0x00, 0x61, Imm.NONE, "FF:i", 0),
    /** {@code f64.ne} (0x62) */
    F64_NE("f64.ne", 0x00, 0x62, Imm.NONE, "FF:i", 0),
    /** {@code f64.lt} (0x63) */
    F64_LT("f64.lt", 0x00, 0x63, Imm.NONE, "FF:i", 0),
    /** {@code f64.gt} (0x64) */
    F64_GT("f64.gt", 0x00, 0x64, Imm.NONE, "FF:i", 0),
    /** {@code f64.le} (0x65) */
    F64_LE("f64.le", 0x00, 0x65, Imm.NONE, "FF:i", 0),
    /** {@code f64.ge} (0x66) */
    F64_GE("f64.ge", 0x00, 0x66, Imm.NONE, "FF:i", 0),
    /** {@code i32.clz} (0x67) */
    I32_CLZ("i32.clz", 0x00, 0x67, Imm.NONE, "i:i", 0),
    /** {@code i32.ctz} (0x68) */
    I32_CTZ("i32.ctz", 0x00, 0x68, Imm.NONE, "i:i", 0),
    /** {@code i32.popcnt} (0x69) */
    I32_POPCNT("i32.popcnt", 0x00, 0x69, Imm.NONE, "i:i", 0),
    /** {@code i32.add} (0x6A) */
    I32_ADD("i32.add", 0x00, 0x6A, Imm.NONE, "ii:i", 0),
    /** {@code i32.sub} (0x6B) */
    I32_SUB("i32.sub", 0x00, 0x6B, Imm.NONE, "ii:i", 0),
    /** {@code i32.mul} (0x6C) */
    I32_MUL("i32.mul", 0x00, 0x6C, Imm.NONE, "ii:i", 0),
    /** {@code i32.div_s} (0x6D) */
    I32_DIV_S("i32.div_s", 0x00, 0x6D, Imm.NONE, "ii:i", 0),
    /** {@code i32.div_u} (0x6E) */
    I32_DIV_U("i32.div_u", 0x00, 0x6E, Imm.NONE, "ii:i", 0),
    /** {@code i32.rem_s} (0x6F) */
    I32_REM_S("i32.rem_s", 0x00, 0x6F, Imm.NONE, "ii:i", 0),
    /** {@code i32.rem_u} (0x70) */
    I32_REM_U("i32.rem_u", 0x00, 0x70, Imm.NONE, "ii:i", 0),
    /** {@code i32.and} (0x71) */
    I32_AND("i32.and", 0x00, 0x71, Imm.NONE, "ii:i", 0),
    /** {@code i32.or} (0x72) */
    I32_OR("i32.or", 0x00, 0x72, Imm.NONE, "ii:i", 0),
    /** {@code i32.xor} (0x73) */
    I32_XOR("i32.xor", 0x00, 0x73, Imm.NONE, "ii:i", 0),
    /** {@code i32.shl} (0x74) */
    I32_SHL("i32.shl", 0x00, 0x74, Imm.NONE, "ii:i", 0),
    /** {@code i32.shr_s} (0x75) */
    I32_SHR_S("i32.shr_s", 0x00, 0x75, Imm.NONE, "ii:i", 0),
    /** {@code i32.shr_u} (0x76) */
    I32_SHR_U("i32.shr_u", 0x00, 0x76, Imm.NONE, "ii:i", 0),
    /** {@code i32.rotl} (0x77) */
    I32_ROTL("i32.rotl", 0x00, 0x77, Imm.NONE, "ii:i", 0),
    /** {@code i32.rotr} (0x78) */
    I32_ROTR("i32.rotr", 0x00, 0x78, Imm.NONE, "ii:i", 0),
    /** {@code i64.clz} (0x79) */
    I64_CLZ("i64.clz", 0x00, 0x79, Imm.NONE, "I:I", 0),
    /** {@code i64.ctz} (0x7A) */
    I64_CTZ("i64.ctz", 0x00, 0x7A, Imm.NONE, "I:I", 0),
    /** {@code i64.popcnt} (0x7B) */
    I64_POPCNT("i64.popcnt", 0x00, 0x7B, Imm.NONE, "I:I", 0),
    /** {@code i64.add} (0x7C) */
    I64_ADD("i64.add", 0x00, 0x7C, Imm.NONE, "II:I", 0),
    /** {@code i64.sub} (0x7D) */
    I64_SUB("i64.sub", 0x00, 0x7D, Imm.NONE, "II:I", 0),
    /** {@code i64.mul} (0x7E) */
    I64_MUL("i64.mul", 0x00, 0x7E, Imm.NONE, "II:I", 0),
    /** {@code i64.div_s} (0x7F) */
    I64_DIV_S("i64.div_s", 0x00, 0x7F, Imm.NONE, "II:I", 0),
    /** {@code i64.div_u} (0x80) */
    I64_DIV_U("i64.div_u", 0x00, 0x80, Imm.NONE, "II:I", 0),
    /** {@code i64.rem_s} (0x81) */
    I64_REM_S("i64.rem_s", 0x00, 0x81, Imm.NONE, "II:I", 0),
    /** {@code i64.rem_u} (0x82) */
    I64_REM_U("i64.rem_u", 0x00, 0x82, Imm.NONE, "II:I", 0),
    /** {@code i64.and} (0x83) */
    I64_AND("i64.and", 0x00, 0x83, Imm.NONE, "II:I", 0),
    /** {@code i64.or} (0x84) */
    I64_OR("i64.or", 0x00, 0x84, Imm.NONE, "II:I", 0),
    /** {@code i64.xor} (0x85) */
    I64_XOR("i64.xor", 0x00, 0x85, Imm.NONE, "II:I", 0),
    /** {@code i64.shl} (0x86) */
    I64_SHL("i64.shl", 0x00, 0x86, Imm.NONE, "II:I", 0),
    /** {@code i64.shr_s} (0x87) */
    I64_SHR_S("i64.shr_s", 0x00, 0x87, Imm.NONE, "II:I", 0),
    /** {@code i64.shr_u} (0x88) */
    I64_SHR_U("i64.shr_u", 0x00, 0x88, Imm.NONE, "II:I", 0),
    /** {@code i64.rotl} (0x89) */
    I64_ROTL("i64.rotl", 0x00, 0x89, Imm.NONE, "II:I", 0),
    /** {@code i64.rotr} (0x8A) */
    I64_ROTR("i64.rotr", 0x00, 0x8A, Imm.NONE, "II:I", 0),
    /** {@code f32.abs} (0x8B) */
    F32_ABS("f32.abs", 0x00, 0x8B, Imm.NONE, "f:f", 0),
    /** {@code f32.neg} (0x8C) */
    F32_NEG("f32.neg", 0x00, 0x8C, Imm.NONE, "f:f", 0),
    /** {@code f32.ceil} (0x8D) */
    F32_CEIL("f32.ceil", 0x00, 0x8D, Imm.NONE, "f:f", 0),
    /** {@code f32.floor} (0x8E) */
    F32_FLOOR("f32.floor", 0x00, 0x8E, Imm.NONE, "f:f", 0),
    /** {@code f32.trunc} (0x8F) */
    F32_TRUNC("f32.trunc", 0x00, 0x8F, Imm.NONE, "f:f", 0),
    /** {@code f32.nearest} (0x90) */
    F32_NEAREST("f32.nearest", 0x00, 0x90, Imm.NONE, "f:f", 0),
    /** {@code f32.sqrt} (0x91) */
    F32_SQRT("f32.sqrt", 0x00, 0x91, Imm.NONE, "f:f", 0),
    /** {@code f32.add} (0x92) */
    F32_ADD("f32.add", 0x00, 0x92, Imm.NONE, "ff:f", 0),
    /** {@code f32.sub} (0x93) */
    F32_SUB("f32.sub", 0x00, 0x93, Imm.NONE, "ff:f", 0),
    /** {@code f32.mul} (0x94) */
    F32_MUL("f32.mul", 0x00, 0x94, Imm.NONE, "ff:f", 0),
    /** {@code f32.div} (0x95) */
    F32_DIV("f32.div", 0x00, 0x95, Imm.NONE, "ff:f", 0),
    /** {@code f32.min} (0x96) */
    F32_MIN("f32.min", 0x00, 0x96, Imm.NONE, "ff:f", 0),
    /** {@code f32.max} (0x97) */
    F32_MAX("f32.max", 0x00, 0x97, Imm.NONE, "ff:f", 0),
    /** {@code f32.copysign} (0x98) */
    F32_COPYSIGN("f32.copysign", 0x00, 0x98, Imm.NONE, "ff:f", 0),
    /** {@code f64.abs} (0x99) */
    F64_ABS("f64.abs", 0x00, 0x99, Imm.NONE, "F:F", 0),
    /** {@code f64.neg} (0x9A) */
    F64_NEG("f64.neg", 0x00, 0x9A, Imm.NONE, "F:F", 0),
    /** {@code f64.ceil} (0x9B) */
    F64_CEIL("f64.ceil", 0x00, 0x9B, Imm.NONE, "F:F", 0),
    /** {@code f64.floor} (0x9C) */
    F64_FLOOR("f64.floor", 0x00, 0x9C, Imm.NONE, "F:F", 0),
    /** {@code f64.trunc} (0x9D) */
    F64_TRUNC("f64.trunc", 0x00, 0x9D, Imm.NONE, "F:F", 0),
    /** {@code f64.nearest} (0x9E) */
    F64_NEAREST("f64.nearest", 0x00, 0x9E, Imm.NONE, "F:F", 0),
    /** {@code f64.sqrt} (0x9F) */
    F64_SQRT("f64.sqrt", 0x00, 0x9F, Imm.NONE, "F:F", 0),
    /** {@code f64.add} (0xA0) */
    F64_ADD("f64.add", 0x00, 0xA0, Imm.NONE, "FF:F", 0),
    /** {@code f64.sub} (0xA1) */
    F64_SUB("f64.sub", 0x00, 0xA1, Imm.NONE, "FF:F", 0),
    /** {@code f64.mul} (0xA2) */
    F64_MUL("f64.mul", 0x00, 0xA2, Imm.NONE, "FF:F", 0),
    /** {@code f64.div} (0xA3) */
    F64_DIV("f64.div", 0x00, 0xA3, Imm.NONE, "FF:F", 0),
    /** {@code f64.min} (0xA4) */
    F64_MIN("f64.min", 0x00, 0xA4, Imm.NONE, "FF:F", 0),
    /** {@code f64.max} (0xA5) */
    F64_MAX("f64.max", 0x00, 0xA5, Imm.NONE, "FF:F", 0),
    /** {@code f64.copysign} (0xA6) */
    F64_COPYSIGN("f64.copysign", 0x00, 0xA6, Imm.NONE, "FF:F", 0),
    /** {@code i32.wrap_i64} (0xA7) */
    I32_WRAP_I64("i32.wrap_i64", 0x00, 0xA7, Imm.NONE, "I:i", 0),
    /** {@code i32.trunc_f32_s} (0xA8) */
    I32_TRUNC_F32_S("i32.trunc_f32_s", 0x00, 0xA8, Imm.NONE, "f:i", 0),
    /** {@code i32.trunc_f32_u} (0xA9) */
    I32_TRUNC_F32_U("i32.trunc_f32_u", 0x00, 0xA9, Imm.NONE, "f:i", 0),
    /** {@code i32.trunc_f64_s} (0xAA) */
    I32_TRUNC_F64_S("i32.trunc_f64_s", 0x00, 0xAA, Imm.NONE, "F:i", 0),
    /** {@code i32.trunc_f64_u} (0xAB) */
    I32_TRUNC_F64_U("i32.trunc_f64_u", 0x00, 0xAB, Imm.NONE, "F:i", 0),
    /** {@code i64.extend_i32_s} (0xAC) */
    I64_EXTEND_I32_S("i64.extend_i32_s", 0x00, 0xAC, Imm.NONE, "i:I", 0),
    /** {@code i64.extend_i32_u} (0xAD) */
    I64_EXTEND_I32_U("i64.extend_i32_u", 0x00, 0xAD, Imm.NONE, "i:I", 0),
    /** {@code i64.trunc_f32_s} (0xAE) */
    I64_TRUNC_F32_S("i64.trunc_f32_s", 0x00, 0xAE, Imm.NONE, "f:I", 0),
    /** {@code i64.trunc_f32_u} (0xAF) */
    I64_TRUNC_F32_U("i64.trunc_f32_u", 0x00, 0xAF, Imm.NONE, "f:I", 0),
    /** {@code i64.trunc_f64_s} (0xB0) */
    I64_TRUNC_F64_S("i64.trunc_f64_s", 0x00, 0xB0, Imm.NONE, "F:I", 0),
    /** {@code i64.trunc_f64_u} (0xB1) */
    I64_TRUNC_F64_U("i64.trunc_f64_u", 0x00, 0xB1, Imm.NONE, "F:I", 0),
    /** {@code f32.convert_i32_s} (0xB2) */
    F32_CONVERT_I32_S("f32.convert_i32_s", 0x00, 0xB2, Imm.NONE, "i:f", 0),
    /** {@code f32.convert_i32_u} (0xB3) */
    F32_CONVERT_I32_U("f32.convert_i32_u", 0x00, 0xB3, Imm.NONE, "i:f", 0),
    /** {@code f32.convert_i64_s} (0xB4) */
    F32_CONVERT_I64_S("f32.convert_i64_s", 0x00, 0xB4, Imm.NONE, "I:f", 0),
    /** {@code f32.convert_i64_u} (0xB5) */
    F32_CONVERT_I64_U("f32.convert_i64_u", 0x00, 0xB5, Imm.NONE, "I:f", 0),
    /** {@code f32.demote_f64} (0xB6) */
    F32_DEMOTE_F64("f32.demote_f64", 0x00, 0xB6, Imm.NONE, "F:f", 0),
    /** {@code f64.convert_i32_s} (0xB7) */
    F64_CONVERT_I32_S("f64.convert_i32_s", 0x00, 0xB7, Imm.NONE, "i:F", 0),
    /** {@code f64.convert_i32_u} (0xB8) */
    F64_CONVERT_I32_U("f64.convert_i32_u", 0x00, 0xB8, Imm.NONE, "i:F", 0),
    /** {@code f64.convert_i64_s} (0xB9) */
    F64_CONVERT_I64_S("f64.convert_i64_s", 0x00, 0xB9, Imm.NONE, "I:F", 0),
    /** {@code f64.convert_i64_u} (0xBA) */
    F64_CONVERT_I64_U("f64.convert_i64_u", 0x00, 0xBA, Imm.NONE, "I:F", 0),
    /** {@code f64.promote_f32} (0xBB) */
    F64_PROMOTE_F32("f64.promote_f32", 0x00, 0xBB, Imm.NONE, "f:F", 0),
    /** {@code i32.reinterpret_f32} (0xBC) */
    I32_REINTERPRET_F32("i32.reinterpret_f32", 0x00, 0xBC, Imm.NONE, "f:i", 0),
    /** {@code i64.reinterpret_f64} (0xBD) */
    I64_REINTERPRET_F64("i64.reinterpret_f64", 0x00, 0xBD, Imm.NONE, "F:I", 0),
    /** {@code f32.reinterpret_i32} (0xBE) */
    F32_REINTERPRET_I32("f32.reinterpret_i32", 0x00, 0xBE, Imm.NONE, "i:f", 0),
    /** {@code f64.reinterpret_i64} (0xBF) */
    F64_REINTERPRET_I64("f64.reinterpret_i64", 0x00, 0xBF, Imm.NONE, "I:F", 0),
    /** {@code i32.extend8_s} (0xC0) */
    I32_EXTEND8_S("i32.extend8_s", 0x00, 0xC0, Imm.NONE, "i:i", 0),
    /** {@code i32.extend16_s} (0xC1) */
    I32_EXTEND16_S("i32.extend16_s", 0x00, 0xC1, Imm.NONE, "i:i", 0),
    /** {@code i64.extend8_s} (0xC2) */
    I64_EXTEND8_S("i64.extend8_s", 0x00, 0xC2, Imm.NONE, "I:I", 0),
    /** {@code i64.extend16_s} (0xC3) */
    I64_EXTEND16_S("i64.extend16_s", 0x00, 0xC3, Imm.NONE, "I:I", 0),
    /** {@code i64.extend32_s} (0xC4) */
    I64_EXTEND32_S("i64.extend32_s", 0x00, 0xC4, Imm.NONE, "I:I", 0),
    /** {@code ref.null} (0xD0) */
    REF_NULL("ref.null", 0x00, 0xD0, Imm.REF_TYPE, null, 0),
    /** {@code ref.is_null} (0xD1) */
    REF_IS_NULL("ref.is_null", 0x00, 0xD1, Imm.NONE, null, 0),
    /** {@code ref.func} (0xD2) */
    REF_FUNC("ref.func", 0x00, 0xD2, Imm.FUNC, null, 0),
    /** {@code i32.trunc_sat_f32_s} (0xFC 0x00) */
    I32_TRUNC_SAT_F32_S("i32.trunc_sat_f32_s", 0xFC, 0x00, Imm.NONE, "f:i", 0),
    /** {@code i32.trunc_sat_f32_u} (0xFC 0x01) */
    I32_TRUNC_SAT_F32_U("i32.trunc_sat_f32_u", 0xFC, 0x01, Imm.NONE, "f:i", 0),
    /** {@code i32.trunc_sat_f64_s} (0xFC 0x02) */
    I32_TRUNC_SAT_F64_S("i32.trunc_sat_f64_s", 0xFC, 0x02, Imm.NONE, "F:i", 0),
    /** {@code i32.trunc_sat_f64_u} (0xFC 0x03) */
    I32_TRUNC_SAT_F64_U("i32.trunc_sat_f64_u", 0xFC, 0x03, Imm.NONE, "F:i", 0),
    /** {@code i64.trunc_sat_f32_s} (0xFC 0x04) */
    I64_TRUNC_SAT_F32_S("i64.trunc_sat_f32_s", 0xFC, 0x04, Imm.NONE, "f:I", 0),
    /** {@code i64.trunc_sat_f32_u} (0xFC 0x05) */
    I64_TRUNC_SAT_F32_U("i64.trunc_sat_f32_u", 0xFC, 0x05, Imm.NONE, "f:I", 0),
    /** {@code i64.trunc_sat_f64_s} (0xFC 0x06) */
    I64_TRUNC_SAT_F64_S("i64.trunc_sat_f64_s", 0xFC, 0x06, Imm.NONE, "F:I", 0),
    /** {@code i64.trunc_sat_f64_u} (0xFC 0x07) */
    I64_TRUNC_SAT_F64_U("i64.trunc_sat_f64_u", 0xFC, 0x07, Imm.NONE, "F:I", 0),
    /** {@code memory.init} (0xFC 0x08) */
    MEMORY_INIT("memory.init", 0xFC, 0x08, Imm.MEMORY_INIT, "iii:", 0),
    /** {@code data.drop} (0xFC 0x09) */
    DATA_DROP("data.drop", 0xFC, 0x09, Imm.DATA, ":", 0),
    /** {@code memory.copy} (0xFC 0x0A) */
    MEMORY_COPY("memory.copy", 0xFC, 0x0A, Imm.MEMORY_COPY, "iii:", 0),
    /** {@code memory.fill} (0xFC 0x0B) */
    MEMORY_FILL("memory.fill", 0xFC, 0x0B, Imm.MEMORY_FILL, "iii:", 0),
    /** {@code table.init} (0xFC 0x0C) */
    TABLE_INIT("table.init", 0xFC, 0x0C, Imm.TABLE_INIT, "iii:", 0),
    /** {@code elem.drop} (0xFC 0x0D) */
    ELEM_DROP("elem.drop", 0xFC, 0x0D, Imm.ELEM, ":", 0),
    /** {@code table.copy} (0xFC 0x0E) */
    TABLE_COPY("table.copy", 0xFC, 0x0E, Imm.TABLE_COPY, "iii:", 0),
    /** {@code table.grow} (0xFC 0x0F) */
    TABLE_GROW("table.grow", 0xFC, 0x0F, Imm.TABLE, null, 0),
    /** {@code table.size} (0xFC 0x10) */
    TABLE_SIZE("table.size", 0xFC, 0x10, Imm.TABLE, ":i", 0),
    /** {@code table.fill} (0xFC 0x11) */
    TABLE_FILL("table.fill", 0xFC, 0x11, Imm.TABLE, null, 0),

    // ---- fixed-width SIMD (0xFD prefix): 128-bit vectors, then relaxed SIMD from 0x100 ----

    /** {@code v128.load} (0xFD 0x00) */
    V128_LOAD("v128.load", 0xFD, 0x00, Imm.MEMARG, "i:V", 16),
    /** {@code v128.load8x8_s} (0xFD 0x01) */
    V128_LOAD8X8_S("v128.load8x8_s", 0xFD, 0x01, Imm.MEMARG, "i:V", 8),
    /** {@code v128.load8x8_u} (0xFD 0x02) */
    V128_LOAD8X8_U("v128.load8x8_u", 0xFD, 0x02, Imm.MEMARG, "i:V", 8),
    /** {@code v128.load16x4_s} (0xFD 0x03) */
    V128_LOAD16X4_S("v128.load16x4_s", 0xFD, 0x03, Imm.MEMARG, "i:V", 8),
    /** {@code v128.load16x4_u} (0xFD 0x04) */
    V128_LOAD16X4_U("v128.load16x4_u", 0xFD, 0x04, Imm.MEMARG, "i:V", 8),
    /** {@code v128.load32x2_s} (0xFD 0x05) */
    V128_LOAD32X2_S("v128.load32x2_s", 0xFD, 0x05, Imm.MEMARG, "i:V", 8),
    /** {@code v128.load32x2_u} (0xFD 0x06) */
    V128_LOAD32X2_U("v128.load32x2_u", 0xFD, 0x06, Imm.MEMARG, "i:V", 8),
    /** {@code v128.load8_splat} (0xFD 0x07) */
    V128_LOAD8_SPLAT("v128.load8_splat", 0xFD, 0x07, Imm.MEMARG, "i:V", 1),
    /** {@code v128.load16_splat} (0xFD 0x08) */
    V128_LOAD16_SPLAT("v128.load16_splat", 0xFD, 0x08, Imm.MEMARG, "i:V", 2),
    /** {@code v128.load32_splat} (0xFD 0x09) */
    V128_LOAD32_SPLAT("v128.load32_splat", 0xFD, 0x09, Imm.MEMARG, "i:V", 4),
    /** {@code v128.load64_splat} (0xFD 0x0A) */
    V128_LOAD64_SPLAT("v128.load64_splat", 0xFD, 0x0A, Imm.MEMARG, "i:V", 8),
    /** {@code v128.store} (0xFD 0x0B) */
    V128_STORE("v128.store", 0xFD, 0x0B, Imm.MEMARG, "iV:", 16),
    /** {@code v128.const} (0xFD 0x0C) */
    V128_CONST("v128.const", 0xFD, 0x0C, Imm.V128_CONST, ":V", 0),
    /** {@code i8x16.shuffle} (0xFD 0x0D) */
    I8X16_SHUFFLE("i8x16.shuffle", 0xFD, 0x0D, Imm.SHUFFLE, "VV:V", 0),
    /** {@code i8x16.swizzle} (0xFD 0x0E) */
    I8X16_SWIZZLE("i8x16.swizzle", 0xFD, 0x0E, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.splat} (0xFD 0x0F) */
    I8X16_SPLAT("i8x16.splat", 0xFD, 0x0F, Imm.NONE, "i:V", 0),
    /** {@code i16x8.splat} (0xFD 0x10) */
    I16X8_SPLAT("i16x8.splat", 0xFD, 0x10, Imm.NONE, "i:V", 0),
    /** {@code i32x4.splat} (0xFD 0x11) */
    I32X4_SPLAT("i32x4.splat", 0xFD, 0x11, Imm.NONE, "i:V", 0),
    /** {@code i64x2.splat} (0xFD 0x12) */
    I64X2_SPLAT("i64x2.splat", 0xFD, 0x12, Imm.NONE, "I:V", 0),
    /** {@code f32x4.splat} (0xFD 0x13) */
    F32X4_SPLAT("f32x4.splat", 0xFD, 0x13, Imm.NONE, "f:V", 0),
    /** {@code f64x2.splat} (0xFD 0x14) */
    F64X2_SPLAT("f64x2.splat", 0xFD, 0x14, Imm.NONE, "F:V", 0),
    /** {@code i8x16.extract_lane_s} (0xFD 0x15) */
    I8X16_EXTRACT_LANE_S("i8x16.extract_lane_s", 0xFD, 0x15, Imm.LANE, "V:i", 0),
    /** {@code i8x16.extract_lane_u} (0xFD 0x16) */
    I8X16_EXTRACT_LANE_U("i8x16.extract_lane_u", 0xFD, 0x16, Imm.LANE, "V:i", 0),
    /** {@code i8x16.replace_lane} (0xFD 0x17) */
    I8X16_REPLACE_LANE("i8x16.replace_lane", 0xFD, 0x17, Imm.LANE, "Vi:V", 0),
    /** {@code i16x8.extract_lane_s} (0xFD 0x18) */
    I16X8_EXTRACT_LANE_S("i16x8.extract_lane_s", 0xFD, 0x18, Imm.LANE, "V:i", 0),
    /** {@code i16x8.extract_lane_u} (0xFD 0x19) */
    I16X8_EXTRACT_LANE_U("i16x8.extract_lane_u", 0xFD, 0x19, Imm.LANE, "V:i", 0),
    /** {@code i16x8.replace_lane} (0xFD 0x1A) */
    I16X8_REPLACE_LANE("i16x8.replace_lane", 0xFD, 0x1A, Imm.LANE, "Vi:V", 0),
    /** {@code i32x4.extract_lane} (0xFD 0x1B) */
    I32X4_EXTRACT_LANE("i32x4.extract_lane", 0xFD, 0x1B, Imm.LANE, "V:i", 0),
    /** {@code i32x4.replace_lane} (0xFD 0x1C) */
    I32X4_REPLACE_LANE("i32x4.replace_lane", 0xFD, 0x1C, Imm.LANE, "Vi:V", 0),
    /** {@code i64x2.extract_lane} (0xFD 0x1D) */
    I64X2_EXTRACT_LANE("i64x2.extract_lane", 0xFD, 0x1D, Imm.LANE, "V:I", 0),
    /** {@code i64x2.replace_lane} (0xFD 0x1E) */
    I64X2_REPLACE_LANE("i64x2.replace_lane", 0xFD, 0x1E, Imm.LANE, "VI:V", 0),
    /** {@code f32x4.extract_lane} (0xFD 0x1F) */
    F32X4_EXTRACT_LANE("f32x4.extract_lane", 0xFD, 0x1F, Imm.LANE, "V:f", 0),
    /** {@code f32x4.replace_lane} (0xFD 0x20) */
    F32X4_REPLACE_LANE("f32x4.replace_lane", 0xFD, 0x20, Imm.LANE, "Vf:V", 0),
    /** {@code f64x2.extract_lane} (0xFD 0x21) */
    F64X2_EXTRACT_LANE("f64x2.extract_lane", 0xFD, 0x21, Imm.LANE, "V:F", 0),
    /** {@code f64x2.replace_lane} (0xFD 0x22) */
    F64X2_REPLACE_LANE("f64x2.replace_lane", 0xFD, 0x22, Imm.LANE, "VF:V", 0),
    /** {@code i8x16.eq} (0xFD 0x23) */
    I8X16_EQ("i8x16.eq", 0xFD, 0x23, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.ne} (0xFD 0x24) */
    I8X16_NE("i8x16.ne", 0xFD, 0x24, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.lt_s} (0xFD 0x25) */
    I8X16_LT_S("i8x16.lt_s", 0xFD, 0x25, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.lt_u} (0xFD 0x26) */
    I8X16_LT_U("i8x16.lt_u", 0xFD, 0x26, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.gt_s} (0xFD 0x27) */
    I8X16_GT_S("i8x16.gt_s", 0xFD, 0x27, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.gt_u} (0xFD 0x28) */
    I8X16_GT_U("i8x16.gt_u", 0xFD, 0x28, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.le_s} (0xFD 0x29) */
    I8X16_LE_S("i8x16.le_s", 0xFD, 0x29, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.le_u} (0xFD 0x2A) */
    I8X16_LE_U("i8x16.le_u", 0xFD, 0x2A, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.ge_s} (0xFD 0x2B) */
    I8X16_GE_S("i8x16.ge_s", 0xFD, 0x2B, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.ge_u} (0xFD 0x2C) */
    I8X16_GE_U("i8x16.ge_u", 0xFD, 0x2C, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.eq} (0xFD 0x2D) */
    I16X8_EQ("i16x8.eq", 0xFD, 0x2D, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.ne} (0xFD 0x2E) */
    I16X8_NE("i16x8.ne", 0xFD, 0x2E, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.lt_s} (0xFD 0x2F) */
    I16X8_LT_S("i16x8.lt_s", 0xFD, 0x2F, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.lt_u} (0xFD 0x30) */
    I16X8_LT_U("i16x8.lt_u", 0xFD, 0x30, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.gt_s} (0xFD 0x31) */
    I16X8_GT_S("i16x8.gt_s", 0xFD, 0x31, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.gt_u} (0xFD 0x32) */
    I16X8_GT_U("i16x8.gt_u", 0xFD, 0x32, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.le_s} (0xFD 0x33) */
    I16X8_LE_S("i16x8.le_s", 0xFD, 0x33, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.le_u} (0xFD 0x34) */
    I16X8_LE_U("i16x8.le_u", 0xFD, 0x34, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.ge_s} (0xFD 0x35) */
    I16X8_GE_S("i16x8.ge_s", 0xFD, 0x35, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.ge_u} (0xFD 0x36) */
    I16X8_GE_U("i16x8.ge_u", 0xFD, 0x36, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.eq} (0xFD 0x37) */
    I32X4_EQ("i32x4.eq", 0xFD, 0x37, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.ne} (0xFD 0x38) */
    I32X4_NE("i32x4.ne", 0xFD, 0x38, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.lt_s} (0xFD 0x39) */
    I32X4_LT_S("i32x4.lt_s", 0xFD, 0x39, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.lt_u} (0xFD 0x3A) */
    I32X4_LT_U("i32x4.lt_u", 0xFD, 0x3A, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.gt_s} (0xFD 0x3B) */
    I32X4_GT_S("i32x4.gt_s", 0xFD, 0x3B, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.gt_u} (0xFD 0x3C) */
    I32X4_GT_U("i32x4.gt_u", 0xFD, 0x3C, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.le_s} (0xFD 0x3D) */
    I32X4_LE_S("i32x4.le_s", 0xFD, 0x3D, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.le_u} (0xFD 0x3E) */
    I32X4_LE_U("i32x4.le_u", 0xFD, 0x3E, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.ge_s} (0xFD 0x3F) */
    I32X4_GE_S("i32x4.ge_s", 0xFD, 0x3F, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.ge_u} (0xFD 0x40) */
    I32X4_GE_U("i32x4.ge_u", 0xFD, 0x40, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.eq} (0xFD 0x41) */
    F32X4_EQ("f32x4.eq", 0xFD, 0x41, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.ne} (0xFD 0x42) */
    F32X4_NE("f32x4.ne", 0xFD, 0x42, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.lt} (0xFD 0x43) */
    F32X4_LT("f32x4.lt", 0xFD, 0x43, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.gt} (0xFD 0x44) */
    F32X4_GT("f32x4.gt", 0xFD, 0x44, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.le} (0xFD 0x45) */
    F32X4_LE("f32x4.le", 0xFD, 0x45, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.ge} (0xFD 0x46) */
    F32X4_GE("f32x4.ge", 0xFD, 0x46, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.eq} (0xFD 0x47) */
    F64X2_EQ("f64x2.eq", 0xFD, 0x47, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.ne} (0xFD 0x48) */
    F64X2_NE("f64x2.ne", 0xFD, 0x48, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.lt} (0xFD 0x49) */
    F64X2_LT("f64x2.lt", 0xFD, 0x49, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.gt} (0xFD 0x4A) */
    F64X2_GT("f64x2.gt", 0xFD, 0x4A, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.le} (0xFD 0x4B) */
    F64X2_LE("f64x2.le", 0xFD, 0x4B, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.ge} (0xFD 0x4C) */
    F64X2_GE("f64x2.ge", 0xFD, 0x4C, Imm.NONE, "VV:V", 0),
    /** {@code v128.not} (0xFD 0x4D) */
    V128_NOT("v128.not", 0xFD, 0x4D, Imm.NONE, "V:V", 0),
    /** {@code v128.and} (0xFD 0x4E) */
    V128_AND("v128.and", 0xFD, 0x4E, Imm.NONE, "VV:V", 0),
    /** {@code v128.andnot} (0xFD 0x4F) */
    V128_ANDNOT("v128.andnot", 0xFD, 0x4F, Imm.NONE, "VV:V", 0),
    /** {@code v128.or} (0xFD 0x50) */
    V128_OR("v128.or", 0xFD, 0x50, Imm.NONE, "VV:V", 0),
    /** {@code v128.xor} (0xFD 0x51) */
    V128_XOR("v128.xor", 0xFD, 0x51, Imm.NONE, "VV:V", 0),
    /** {@code v128.bitselect} (0xFD 0x52) */
    V128_BITSELECT("v128.bitselect", 0xFD, 0x52, Imm.NONE, "VVV:V", 0),
    /** {@code v128.any_true} (0xFD 0x53) */
    V128_ANY_TRUE("v128.any_true", 0xFD, 0x53, Imm.NONE, "V:i", 0),
    /** {@code v128.load8_lane} (0xFD 0x54) */
    V128_LOAD8_LANE("v128.load8_lane", 0xFD, 0x54, Imm.MEMARG_LANE, "iV:V", 1),
    /** {@code v128.load16_lane} (0xFD 0x55) */
    V128_LOAD16_LANE("v128.load16_lane", 0xFD, 0x55, Imm.MEMARG_LANE, "iV:V", 2),
    /** {@code v128.load32_lane} (0xFD 0x56) */
    V128_LOAD32_LANE("v128.load32_lane", 0xFD, 0x56, Imm.MEMARG_LANE, "iV:V", 4),
    /** {@code v128.load64_lane} (0xFD 0x57) */
    V128_LOAD64_LANE("v128.load64_lane", 0xFD, 0x57, Imm.MEMARG_LANE, "iV:V", 8),
    /** {@code v128.store8_lane} (0xFD 0x58) */
    V128_STORE8_LANE("v128.store8_lane", 0xFD, 0x58, Imm.MEMARG_LANE, "iV:", 1),
    /** {@code v128.store16_lane} (0xFD 0x59) */
    V128_STORE16_LANE("v128.store16_lane", 0xFD, 0x59, Imm.MEMARG_LANE, "iV:", 2),
    /** {@code v128.store32_lane} (0xFD 0x5A) */
    V128_STORE32_LANE("v128.store32_lane", 0xFD, 0x5A, Imm.MEMARG_LANE, "iV:", 4),
    /** {@code v128.store64_lane} (0xFD 0x5B) */
    V128_STORE64_LANE("v128.store64_lane", 0xFD, 0x5B, Imm.MEMARG_LANE, "iV:", 8),
    /** {@code v128.load32_zero} (0xFD 0x5C) */
    V128_LOAD32_ZERO("v128.load32_zero", 0xFD, 0x5C, Imm.MEMARG, "i:V", 4),
    /** {@code v128.load64_zero} (0xFD 0x5D) */
    V128_LOAD64_ZERO("v128.load64_zero", 0xFD, 0x5D, Imm.MEMARG, "i:V", 8),
    /** {@code f32x4.demote_f64x2_zero} (0xFD 0x5E) */
    F32X4_DEMOTE_F64X2_ZERO("f32x4.demote_f64x2_zero", 0xFD, 0x5E, Imm.NONE, "V:V", 0),
    /** {@code f64x2.promote_low_f32x4} (0xFD 0x5F) */
    F64X2_PROMOTE_LOW_F32X4("f64x2.promote_low_f32x4", 0xFD, 0x5F, Imm.NONE, "V:V", 0),
    /** {@code i8x16.abs} (0xFD 0x60) */
    I8X16_ABS("i8x16.abs", 0xFD, 0x60, Imm.NONE, "V:V", 0),
    /** {@code i8x16.neg} (0xFD 0x61) */
    I8X16_NEG("i8x16.neg", 0xFD, 0x61, Imm.NONE, "V:V", 0),
    /** {@code i8x16.popcnt} (0xFD 0x62) */
    I8X16_POPCNT("i8x16.popcnt", 0xFD, 0x62, Imm.NONE, "V:V", 0),
    /** {@code i8x16.all_true} (0xFD 0x63) */
    I8X16_ALL_TRUE("i8x16.all_true", 0xFD, 0x63, Imm.NONE, "V:i", 0),
    /** {@code i8x16.bitmask} (0xFD 0x64) */
    I8X16_BITMASK("i8x16.bitmask", 0xFD, 0x64, Imm.NONE, "V:i", 0),
    /** {@code i8x16.narrow_i16x8_s} (0xFD 0x65) */
    I8X16_NARROW_I16X8_S("i8x16.narrow_i16x8_s", 0xFD, 0x65, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.narrow_i16x8_u} (0xFD 0x66) */
    I8X16_NARROW_I16X8_U("i8x16.narrow_i16x8_u", 0xFD, 0x66, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.ceil} (0xFD 0x67) */
    F32X4_CEIL("f32x4.ceil", 0xFD, 0x67, Imm.NONE, "V:V", 0),
    /** {@code f32x4.floor} (0xFD 0x68) */
    F32X4_FLOOR("f32x4.floor", 0xFD, 0x68, Imm.NONE, "V:V", 0),
    /** {@code f32x4.trunc} (0xFD 0x69) */
    F32X4_TRUNC("f32x4.trunc", 0xFD, 0x69, Imm.NONE, "V:V", 0),
    /** {@code f32x4.nearest} (0xFD 0x6A) */
    F32X4_NEAREST("f32x4.nearest", 0xFD, 0x6A, Imm.NONE, "V:V", 0),
    /** {@code i8x16.shl} (0xFD 0x6B) */
    I8X16_SHL("i8x16.shl", 0xFD, 0x6B, Imm.NONE, "Vi:V", 0),
    /** {@code i8x16.shr_s} (0xFD 0x6C) */
    I8X16_SHR_S("i8x16.shr_s", 0xFD, 0x6C, Imm.NONE, "Vi:V", 0),
    /** {@code i8x16.shr_u} (0xFD 0x6D) */
    I8X16_SHR_U("i8x16.shr_u", 0xFD, 0x6D, Imm.NONE, "Vi:V", 0),
    /** {@code i8x16.add} (0xFD 0x6E) */
    I8X16_ADD("i8x16.add", 0xFD, 0x6E, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.add_sat_s} (0xFD 0x6F) */
    I8X16_ADD_SAT_S("i8x16.add_sat_s", 0xFD, 0x6F, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.add_sat_u} (0xFD 0x70) */
    I8X16_ADD_SAT_U("i8x16.add_sat_u", 0xFD, 0x70, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.sub} (0xFD 0x71) */
    I8X16_SUB("i8x16.sub", 0xFD, 0x71, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.sub_sat_s} (0xFD 0x72) */
    I8X16_SUB_SAT_S("i8x16.sub_sat_s", 0xFD, 0x72, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.sub_sat_u} (0xFD 0x73) */
    I8X16_SUB_SAT_U("i8x16.sub_sat_u", 0xFD, 0x73, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.ceil} (0xFD 0x74) */
    F64X2_CEIL("f64x2.ceil", 0xFD, 0x74, Imm.NONE, "V:V", 0),
    /** {@code f64x2.floor} (0xFD 0x75) */
    F64X2_FLOOR("f64x2.floor", 0xFD, 0x75, Imm.NONE, "V:V", 0),
    /** {@code i8x16.min_s} (0xFD 0x76) */
    I8X16_MIN_S("i8x16.min_s", 0xFD, 0x76, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.min_u} (0xFD 0x77) */
    I8X16_MIN_U("i8x16.min_u", 0xFD, 0x77, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.max_s} (0xFD 0x78) */
    I8X16_MAX_S("i8x16.max_s", 0xFD, 0x78, Imm.NONE, "VV:V", 0),
    /** {@code i8x16.max_u} (0xFD 0x79) */
    I8X16_MAX_U("i8x16.max_u", 0xFD, 0x79, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.trunc} (0xFD 0x7A) */
    F64X2_TRUNC("f64x2.trunc", 0xFD, 0x7A, Imm.NONE, "V:V", 0),
    /** {@code i8x16.avgr_u} (0xFD 0x7B) */
    I8X16_AVGR_U("i8x16.avgr_u", 0xFD, 0x7B, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.extadd_pairwise_i8x16_s} (0xFD 0x7C) */
    I16X8_EXTADD_PAIRWISE_I8X16_S("i16x8.extadd_pairwise_i8x16_s", 0xFD, 0x7C, Imm.NONE, "V:V", 0),
    /** {@code i16x8.extadd_pairwise_i8x16_u} (0xFD 0x7D) */
    I16X8_EXTADD_PAIRWISE_I8X16_U("i16x8.extadd_pairwise_i8x16_u", 0xFD, 0x7D, Imm.NONE, "V:V", 0),
    /** {@code i32x4.extadd_pairwise_i16x8_s} (0xFD 0x7E) */
    I32X4_EXTADD_PAIRWISE_I16X8_S("i32x4.extadd_pairwise_i16x8_s", 0xFD, 0x7E, Imm.NONE, "V:V", 0),
    /** {@code i32x4.extadd_pairwise_i16x8_u} (0xFD 0x7F) */
    I32X4_EXTADD_PAIRWISE_I16X8_U("i32x4.extadd_pairwise_i16x8_u", 0xFD, 0x7F, Imm.NONE, "V:V", 0),
    /** {@code i16x8.abs} (0xFD 0x80) */
    I16X8_ABS("i16x8.abs", 0xFD, 0x80, Imm.NONE, "V:V", 0),
    /** {@code i16x8.neg} (0xFD 0x81) */
    I16X8_NEG("i16x8.neg", 0xFD, 0x81, Imm.NONE, "V:V", 0),
    /** {@code i16x8.q15mulr_sat_s} (0xFD 0x82) */
    I16X8_Q15MULR_SAT_S("i16x8.q15mulr_sat_s", 0xFD, 0x82, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.all_true} (0xFD 0x83) */
    I16X8_ALL_TRUE("i16x8.all_true", 0xFD, 0x83, Imm.NONE, "V:i", 0),
    /** {@code i16x8.bitmask} (0xFD 0x84) */
    I16X8_BITMASK("i16x8.bitmask", 0xFD, 0x84, Imm.NONE, "V:i", 0),
    /** {@code i16x8.narrow_i32x4_s} (0xFD 0x85) */
    I16X8_NARROW_I32X4_S("i16x8.narrow_i32x4_s", 0xFD, 0x85, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.narrow_i32x4_u} (0xFD 0x86) */
    I16X8_NARROW_I32X4_U("i16x8.narrow_i32x4_u", 0xFD, 0x86, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.extend_low_i8x16_s} (0xFD 0x87) */
    I16X8_EXTEND_LOW_I8X16_S("i16x8.extend_low_i8x16_s", 0xFD, 0x87, Imm.NONE, "V:V", 0),
    /** {@code i16x8.extend_high_i8x16_s} (0xFD 0x88) */
    I16X8_EXTEND_HIGH_I8X16_S("i16x8.extend_high_i8x16_s", 0xFD, 0x88, Imm.NONE, "V:V", 0),
    /** {@code i16x8.extend_low_i8x16_u} (0xFD 0x89) */
    I16X8_EXTEND_LOW_I8X16_U("i16x8.extend_low_i8x16_u", 0xFD, 0x89, Imm.NONE, "V:V", 0),
    /** {@code i16x8.extend_high_i8x16_u} (0xFD 0x8A) */
    I16X8_EXTEND_HIGH_I8X16_U("i16x8.extend_high_i8x16_u", 0xFD, 0x8A, Imm.NONE, "V:V", 0),
    /** {@code i16x8.shl} (0xFD 0x8B) */
    I16X8_SHL("i16x8.shl", 0xFD, 0x8B, Imm.NONE, "Vi:V", 0),
    /** {@code i16x8.shr_s} (0xFD 0x8C) */
    I16X8_SHR_S("i16x8.shr_s", 0xFD, 0x8C, Imm.NONE, "Vi:V", 0),
    /** {@code i16x8.shr_u} (0xFD 0x8D) */
    I16X8_SHR_U("i16x8.shr_u", 0xFD, 0x8D, Imm.NONE, "Vi:V", 0),
    /** {@code i16x8.add} (0xFD 0x8E) */
    I16X8_ADD("i16x8.add", 0xFD, 0x8E, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.add_sat_s} (0xFD 0x8F) */
    I16X8_ADD_SAT_S("i16x8.add_sat_s", 0xFD, 0x8F, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.add_sat_u} (0xFD 0x90) */
    I16X8_ADD_SAT_U("i16x8.add_sat_u", 0xFD, 0x90, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.sub} (0xFD 0x91) */
    I16X8_SUB("i16x8.sub", 0xFD, 0x91, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.sub_sat_s} (0xFD 0x92) */
    I16X8_SUB_SAT_S("i16x8.sub_sat_s", 0xFD, 0x92, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.sub_sat_u} (0xFD 0x93) */
    I16X8_SUB_SAT_U("i16x8.sub_sat_u", 0xFD, 0x93, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.nearest} (0xFD 0x94) */
    F64X2_NEAREST("f64x2.nearest", 0xFD, 0x94, Imm.NONE, "V:V", 0),
    /** {@code i16x8.mul} (0xFD 0x95) */
    I16X8_MUL("i16x8.mul", 0xFD, 0x95, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.min_s} (0xFD 0x96) */
    I16X8_MIN_S("i16x8.min_s", 0xFD, 0x96, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.min_u} (0xFD 0x97) */
    I16X8_MIN_U("i16x8.min_u", 0xFD, 0x97, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.max_s} (0xFD 0x98) */
    I16X8_MAX_S("i16x8.max_s", 0xFD, 0x98, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.max_u} (0xFD 0x99) */
    I16X8_MAX_U("i16x8.max_u", 0xFD, 0x99, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.avgr_u} (0xFD 0x9B) */
    I16X8_AVGR_U("i16x8.avgr_u", 0xFD, 0x9B, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.extmul_low_i8x16_s} (0xFD 0x9C) */
    I16X8_EXTMUL_LOW_I8X16_S("i16x8.extmul_low_i8x16_s", 0xFD, 0x9C, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.extmul_high_i8x16_s} (0xFD 0x9D) */
    I16X8_EXTMUL_HIGH_I8X16_S("i16x8.extmul_high_i8x16_s", 0xFD, 0x9D, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.extmul_low_i8x16_u} (0xFD 0x9E) */
    I16X8_EXTMUL_LOW_I8X16_U("i16x8.extmul_low_i8x16_u", 0xFD, 0x9E, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.extmul_high_i8x16_u} (0xFD 0x9F) */
    I16X8_EXTMUL_HIGH_I8X16_U("i16x8.extmul_high_i8x16_u", 0xFD, 0x9F, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.abs} (0xFD 0xA0) */
    I32X4_ABS("i32x4.abs", 0xFD, 0xA0, Imm.NONE, "V:V", 0),
    /** {@code i32x4.neg} (0xFD 0xA1) */
    I32X4_NEG("i32x4.neg", 0xFD, 0xA1, Imm.NONE, "V:V", 0),
    /** {@code i32x4.all_true} (0xFD 0xA3) */
    I32X4_ALL_TRUE("i32x4.all_true", 0xFD, 0xA3, Imm.NONE, "V:i", 0),
    /** {@code i32x4.bitmask} (0xFD 0xA4) */
    I32X4_BITMASK("i32x4.bitmask", 0xFD, 0xA4, Imm.NONE, "V:i", 0),
    /** {@code i32x4.extend_low_i16x8_s} (0xFD 0xA7) */
    I32X4_EXTEND_LOW_I16X8_S("i32x4.extend_low_i16x8_s", 0xFD, 0xA7, Imm.NONE, "V:V", 0),
    /** {@code i32x4.extend_high_i16x8_s} (0xFD 0xA8) */
    I32X4_EXTEND_HIGH_I16X8_S("i32x4.extend_high_i16x8_s", 0xFD, 0xA8, Imm.NONE, "V:V", 0),
    /** {@code i32x4.extend_low_i16x8_u} (0xFD 0xA9) */
    I32X4_EXTEND_LOW_I16X8_U("i32x4.extend_low_i16x8_u", 0xFD, 0xA9, Imm.NONE, "V:V", 0),
    /** {@code i32x4.extend_high_i16x8_u} (0xFD 0xAA) */
    I32X4_EXTEND_HIGH_I16X8_U("i32x4.extend_high_i16x8_u", 0xFD, 0xAA, Imm.NONE, "V:V", 0),
    /** {@code i32x4.shl} (0xFD 0xAB) */
    I32X4_SHL("i32x4.shl", 0xFD, 0xAB, Imm.NONE, "Vi:V", 0),
    /** {@code i32x4.shr_s} (0xFD 0xAC) */
    I32X4_SHR_S("i32x4.shr_s", 0xFD, 0xAC, Imm.NONE, "Vi:V", 0),
    /** {@code i32x4.shr_u} (0xFD 0xAD) */
    I32X4_SHR_U("i32x4.shr_u", 0xFD, 0xAD, Imm.NONE, "Vi:V", 0),
    /** {@code i32x4.add} (0xFD 0xAE) */
    I32X4_ADD("i32x4.add", 0xFD, 0xAE, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.sub} (0xFD 0xB1) */
    I32X4_SUB("i32x4.sub", 0xFD, 0xB1, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.mul} (0xFD 0xB5) */
    I32X4_MUL("i32x4.mul", 0xFD, 0xB5, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.min_s} (0xFD 0xB6) */
    I32X4_MIN_S("i32x4.min_s", 0xFD, 0xB6, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.min_u} (0xFD 0xB7) */
    I32X4_MIN_U("i32x4.min_u", 0xFD, 0xB7, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.max_s} (0xFD 0xB8) */
    I32X4_MAX_S("i32x4.max_s", 0xFD, 0xB8, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.max_u} (0xFD 0xB9) */
    I32X4_MAX_U("i32x4.max_u", 0xFD, 0xB9, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.dot_i16x8_s} (0xFD 0xBA) */
    I32X4_DOT_I16X8_S("i32x4.dot_i16x8_s", 0xFD, 0xBA, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.extmul_low_i16x8_s} (0xFD 0xBC) */
    I32X4_EXTMUL_LOW_I16X8_S("i32x4.extmul_low_i16x8_s", 0xFD, 0xBC, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.extmul_high_i16x8_s} (0xFD 0xBD) */
    I32X4_EXTMUL_HIGH_I16X8_S("i32x4.extmul_high_i16x8_s", 0xFD, 0xBD, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.extmul_low_i16x8_u} (0xFD 0xBE) */
    I32X4_EXTMUL_LOW_I16X8_U("i32x4.extmul_low_i16x8_u", 0xFD, 0xBE, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.extmul_high_i16x8_u} (0xFD 0xBF) */
    I32X4_EXTMUL_HIGH_I16X8_U("i32x4.extmul_high_i16x8_u", 0xFD, 0xBF, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.abs} (0xFD 0xC0) */
    I64X2_ABS("i64x2.abs", 0xFD, 0xC0, Imm.NONE, "V:V", 0),
    /** {@code i64x2.neg} (0xFD 0xC1) */
    I64X2_NEG("i64x2.neg", 0xFD, 0xC1, Imm.NONE, "V:V", 0),
    /** {@code i64x2.all_true} (0xFD 0xC3) */
    I64X2_ALL_TRUE("i64x2.all_true", 0xFD, 0xC3, Imm.NONE, "V:i", 0),
    /** {@code i64x2.bitmask} (0xFD 0xC4) */
    I64X2_BITMASK("i64x2.bitmask", 0xFD, 0xC4, Imm.NONE, "V:i", 0),
    /** {@code i64x2.extend_low_i32x4_s} (0xFD 0xC7) */
    I64X2_EXTEND_LOW_I32X4_S("i64x2.extend_low_i32x4_s", 0xFD, 0xC7, Imm.NONE, "V:V", 0),
    /** {@code i64x2.extend_high_i32x4_s} (0xFD 0xC8) */
    I64X2_EXTEND_HIGH_I32X4_S("i64x2.extend_high_i32x4_s", 0xFD, 0xC8, Imm.NONE, "V:V", 0),
    /** {@code i64x2.extend_low_i32x4_u} (0xFD 0xC9) */
    I64X2_EXTEND_LOW_I32X4_U("i64x2.extend_low_i32x4_u", 0xFD, 0xC9, Imm.NONE, "V:V", 0),
    /** {@code i64x2.extend_high_i32x4_u} (0xFD 0xCA) */
    I64X2_EXTEND_HIGH_I32X4_U("i64x2.extend_high_i32x4_u", 0xFD, 0xCA, Imm.NONE, "V:V", 0),
    /** {@code i64x2.shl} (0xFD 0xCB) */
    I64X2_SHL("i64x2.shl", 0xFD, 0xCB, Imm.NONE, "Vi:V", 0),
    /** {@code i64x2.shr_s} (0xFD 0xCC) */
    I64X2_SHR_S("i64x2.shr_s", 0xFD, 0xCC, Imm.NONE, "Vi:V", 0),
    /** {@code i64x2.shr_u} (0xFD 0xCD) */
    I64X2_SHR_U("i64x2.shr_u", 0xFD, 0xCD, Imm.NONE, "Vi:V", 0),
    /** {@code i64x2.add} (0xFD 0xCE) */
    I64X2_ADD("i64x2.add", 0xFD, 0xCE, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.sub} (0xFD 0xD1) */
    I64X2_SUB("i64x2.sub", 0xFD, 0xD1, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.mul} (0xFD 0xD5) */
    I64X2_MUL("i64x2.mul", 0xFD, 0xD5, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.eq} (0xFD 0xD6) */
    I64X2_EQ("i64x2.eq", 0xFD, 0xD6, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.ne} (0xFD 0xD7) */
    I64X2_NE("i64x2.ne", 0xFD, 0xD7, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.lt_s} (0xFD 0xD8) */
    I64X2_LT_S("i64x2.lt_s", 0xFD, 0xD8, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.gt_s} (0xFD 0xD9) */
    I64X2_GT_S("i64x2.gt_s", 0xFD, 0xD9, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.le_s} (0xFD 0xDA) */
    I64X2_LE_S("i64x2.le_s", 0xFD, 0xDA, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.ge_s} (0xFD 0xDB) */
    I64X2_GE_S("i64x2.ge_s", 0xFD, 0xDB, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.extmul_low_i32x4_s} (0xFD 0xDC) */
    I64X2_EXTMUL_LOW_I32X4_S("i64x2.extmul_low_i32x4_s", 0xFD, 0xDC, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.extmul_high_i32x4_s} (0xFD 0xDD) */
    I64X2_EXTMUL_HIGH_I32X4_S("i64x2.extmul_high_i32x4_s", 0xFD, 0xDD, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.extmul_low_i32x4_u} (0xFD 0xDE) */
    I64X2_EXTMUL_LOW_I32X4_U("i64x2.extmul_low_i32x4_u", 0xFD, 0xDE, Imm.NONE, "VV:V", 0),
    /** {@code i64x2.extmul_high_i32x4_u} (0xFD 0xDF) */
    I64X2_EXTMUL_HIGH_I32X4_U("i64x2.extmul_high_i32x4_u", 0xFD, 0xDF, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.abs} (0xFD 0xE0) */
    F32X4_ABS("f32x4.abs", 0xFD, 0xE0, Imm.NONE, "V:V", 0),
    /** {@code f32x4.neg} (0xFD 0xE1) */
    F32X4_NEG("f32x4.neg", 0xFD, 0xE1, Imm.NONE, "V:V", 0),
    /** {@code f32x4.sqrt} (0xFD 0xE3) */
    F32X4_SQRT("f32x4.sqrt", 0xFD, 0xE3, Imm.NONE, "V:V", 0),
    /** {@code f32x4.add} (0xFD 0xE4) */
    F32X4_ADD("f32x4.add", 0xFD, 0xE4, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.sub} (0xFD 0xE5) */
    F32X4_SUB("f32x4.sub", 0xFD, 0xE5, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.mul} (0xFD 0xE6) */
    F32X4_MUL("f32x4.mul", 0xFD, 0xE6, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.div} (0xFD 0xE7) */
    F32X4_DIV("f32x4.div", 0xFD, 0xE7, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.min} (0xFD 0xE8) */
    F32X4_MIN("f32x4.min", 0xFD, 0xE8, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.max} (0xFD 0xE9) */
    F32X4_MAX("f32x4.max", 0xFD, 0xE9, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.pmin} (0xFD 0xEA) */
    F32X4_PMIN("f32x4.pmin", 0xFD, 0xEA, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.pmax} (0xFD 0xEB) */
    F32X4_PMAX("f32x4.pmax", 0xFD, 0xEB, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.abs} (0xFD 0xEC) */
    F64X2_ABS("f64x2.abs", 0xFD, 0xEC, Imm.NONE, "V:V", 0),
    /** {@code f64x2.neg} (0xFD 0xED) */
    F64X2_NEG("f64x2.neg", 0xFD, 0xED, Imm.NONE, "V:V", 0),
    /** {@code f64x2.sqrt} (0xFD 0xEF) */
    F64X2_SQRT("f64x2.sqrt", 0xFD, 0xEF, Imm.NONE, "V:V", 0),
    /** {@code f64x2.add} (0xFD 0xF0) */
    F64X2_ADD("f64x2.add", 0xFD, 0xF0, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.sub} (0xFD 0xF1) */
    F64X2_SUB("f64x2.sub", 0xFD, 0xF1, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.mul} (0xFD 0xF2) */
    F64X2_MUL("f64x2.mul", 0xFD, 0xF2, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.div} (0xFD 0xF3) */
    F64X2_DIV("f64x2.div", 0xFD, 0xF3, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.min} (0xFD 0xF4) */
    F64X2_MIN("f64x2.min", 0xFD, 0xF4, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.max} (0xFD 0xF5) */
    F64X2_MAX("f64x2.max", 0xFD, 0xF5, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.pmin} (0xFD 0xF6) */
    F64X2_PMIN("f64x2.pmin", 0xFD, 0xF6, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.pmax} (0xFD 0xF7) */
    F64X2_PMAX("f64x2.pmax", 0xFD, 0xF7, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.trunc_sat_f32x4_s} (0xFD 0xF8) */
    I32X4_TRUNC_SAT_F32X4_S("i32x4.trunc_sat_f32x4_s", 0xFD, 0xF8, Imm.NONE, "V:V", 0),
    /** {@code i32x4.trunc_sat_f32x4_u} (0xFD 0xF9) */
    I32X4_TRUNC_SAT_F32X4_U("i32x4.trunc_sat_f32x4_u", 0xFD, 0xF9, Imm.NONE, "V:V", 0),
    /** {@code f32x4.convert_i32x4_s} (0xFD 0xFA) */
    F32X4_CONVERT_I32X4_S("f32x4.convert_i32x4_s", 0xFD, 0xFA, Imm.NONE, "V:V", 0),
    /** {@code f32x4.convert_i32x4_u} (0xFD 0xFB) */
    F32X4_CONVERT_I32X4_U("f32x4.convert_i32x4_u", 0xFD, 0xFB, Imm.NONE, "V:V", 0),
    /** {@code i32x4.trunc_sat_f64x2_s_zero} (0xFD 0xFC) */
    I32X4_TRUNC_SAT_F64X2_S_ZERO("i32x4.trunc_sat_f64x2_s_zero", 0xFD, 0xFC, Imm.NONE, "V:V", 0),
    /** {@code i32x4.trunc_sat_f64x2_u_zero} (0xFD 0xFD) */
    I32X4_TRUNC_SAT_F64X2_U_ZERO("i32x4.trunc_sat_f64x2_u_zero", 0xFD, 0xFD, Imm.NONE, "V:V", 0),
    /** {@code f64x2.convert_low_i32x4_s} (0xFD 0xFE) */
    F64X2_CONVERT_LOW_I32X4_S("f64x2.convert_low_i32x4_s", 0xFD, 0xFE, Imm.NONE, "V:V", 0),
    /** {@code f64x2.convert_low_i32x4_u} (0xFD 0xFF) */
    F64X2_CONVERT_LOW_I32X4_U("f64x2.convert_low_i32x4_u", 0xFD, 0xFF, Imm.NONE, "V:V", 0),
    /** {@code i8x16.relaxed_swizzle} (0xFD 0x100) */
    I8X16_RELAXED_SWIZZLE("i8x16.relaxed_swizzle", 0xFD, 0x100, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.relaxed_trunc_f32x4_s} (0xFD 0x101) */
    I32X4_RELAXED_TRUNC_F32X4_S("i32x4.relaxed_trunc_f32x4_s", 0xFD, 0x101, Imm.NONE, "V:V", 0),
    /** {@code i32x4.relaxed_trunc_f32x4_u} (0xFD 0x102) */
    I32X4_RELAXED_TRUNC_F32X4_U("i32x4.relaxed_trunc_f32x4_u", 0xFD, 0x102, Imm.NONE, "V:V", 0),
    /** {@code i32x4.relaxed_trunc_f64x2_s_zero} (0xFD 0x103) */
    I32X4_RELAXED_TRUNC_F64X2_S_ZERO("i32x4.relaxed_trunc_f64x2_s_zero", 0xFD, 0x103, Imm.NONE, "V:V", 0),
    /** {@code i32x4.relaxed_trunc_f64x2_u_zero} (0xFD 0x104) */
    I32X4_RELAXED_TRUNC_F64X2_U_ZERO("i32x4.relaxed_trunc_f64x2_u_zero", 0xFD, 0x104, Imm.NONE, "V:V", 0),
    /** {@code f32x4.relaxed_madd} (0xFD 0x105) */
    F32X4_RELAXED_MADD("f32x4.relaxed_madd", 0xFD, 0x105, Imm.NONE, "VVV:V", 0),
    /** {@code f32x4.relaxed_nmadd} (0xFD 0x106) */
    F32X4_RELAXED_NMADD("f32x4.relaxed_nmadd", 0xFD, 0x106, Imm.NONE, "VVV:V", 0),
    /** {@code f64x2.relaxed_madd} (0xFD 0x107) */
    F64X2_RELAXED_MADD("f64x2.relaxed_madd", 0xFD, 0x107, Imm.NONE, "VVV:V", 0),
    /** {@code f64x2.relaxed_nmadd} (0xFD 0x108) */
    F64X2_RELAXED_NMADD("f64x2.relaxed_nmadd", 0xFD, 0x108, Imm.NONE, "VVV:V", 0),
    /** {@code i8x16.relaxed_laneselect} (0xFD 0x109) */
    I8X16_RELAXED_LANESELECT("i8x16.relaxed_laneselect", 0xFD, 0x109, Imm.NONE, "VVV:V", 0),
    /** {@code i16x8.relaxed_laneselect} (0xFD 0x10A) */
    I16X8_RELAXED_LANESELECT("i16x8.relaxed_laneselect", 0xFD, 0x10A, Imm.NONE, "VVV:V", 0),
    /** {@code i32x4.relaxed_laneselect} (0xFD 0x10B) */
    I32X4_RELAXED_LANESELECT("i32x4.relaxed_laneselect", 0xFD, 0x10B, Imm.NONE, "VVV:V", 0),
    /** {@code i64x2.relaxed_laneselect} (0xFD 0x10C) */
    I64X2_RELAXED_LANESELECT("i64x2.relaxed_laneselect", 0xFD, 0x10C, Imm.NONE, "VVV:V", 0),
    /** {@code f32x4.relaxed_min} (0xFD 0x10D) */
    F32X4_RELAXED_MIN("f32x4.relaxed_min", 0xFD, 0x10D, Imm.NONE, "VV:V", 0),
    /** {@code f32x4.relaxed_max} (0xFD 0x10E) */
    F32X4_RELAXED_MAX("f32x4.relaxed_max", 0xFD, 0x10E, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.relaxed_min} (0xFD 0x10F) */
    F64X2_RELAXED_MIN("f64x2.relaxed_min", 0xFD, 0x10F, Imm.NONE, "VV:V", 0),
    /** {@code f64x2.relaxed_max} (0xFD 0x110) */
    F64X2_RELAXED_MAX("f64x2.relaxed_max", 0xFD, 0x110, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.relaxed_q15mulr_s} (0xFD 0x111) */
    I16X8_RELAXED_Q15MULR_S("i16x8.relaxed_q15mulr_s", 0xFD, 0x111, Imm.NONE, "VV:V", 0),
    /** {@code i16x8.relaxed_dot_i8x16_i7x16_s} (0xFD 0x112) */
    I16X8_RELAXED_DOT_I8X16_I7X16_S("i16x8.relaxed_dot_i8x16_i7x16_s", 0xFD, 0x112, Imm.NONE, "VV:V", 0),
    /** {@code i32x4.relaxed_dot_i8x16_i7x16_add_s} (0xFD 0x113) */
    I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S("i32x4.relaxed_dot_i8x16_i7x16_add_s", 0xFD, 0x113, Imm.NONE, "VVV:V", 0);

    /** Kinds of immediate operands that follow an opcode. */
    public enum Imm {
        /** No immediates. */
        NONE,
        /** A block type (block, loop, if). */
        BLOCK_TYPE,
        /** A label depth (br, br_if). */
        LABEL,
        /** A vector of label depths plus a default (br_table). */
        BR_TABLE,
        /** A function index (call, return_call, ref.func). */
        FUNC,
        /** A type index then a table index (call_indirect, return_call_indirect). */
        CALL_INDIRECT,
        /** A local index. */
        LOCAL,
        /** A global index. */
        GLOBAL,
        /** A table index (table.get/set/size/grow/fill). */
        TABLE,
        /** Alignment (log2), memory index when flag bit 6 is set, and offset. */
        MEMARG,
        /** A memory index (memory.size, memory.grow). */
        MEMORY,
        /** A 32-bit integer constant. */
        I32,
        /** A 64-bit integer constant. */
        I64,
        /** A 32-bit float constant, kept as raw bits. */
        F32,
        /** A 64-bit float constant, kept as raw bits. */
        F64,
        /** A vector of value types (typed select). */
        SELECT_TYPES,
        /** A reference type (ref.null). */
        REF_TYPE,
        /** A data index then a memory index (memory.init). */
        MEMORY_INIT,
        /** A data index (data.drop). */
        DATA,
        /** Destination then source memory index (memory.copy). */
        MEMORY_COPY,
        /** A memory index (memory.fill). */
        MEMORY_FILL,
        /** An element index then a table index (table.init). */
        TABLE_INIT,
        /** An element index (elem.drop). */
        ELEM,
        /** Destination then source table index (table.copy). */
        TABLE_COPY,
        /** A 128-bit constant, 16 bytes little-endian (v128.const). */
        V128_CONST,
        /** 16 lane indices, one byte each (i8x16.shuffle). */
        SHUFFLE,
        /** A lane index byte (extract_lane, replace_lane). */
        LANE,
        /** Alignment and offset, then a lane index byte (v128.loadN_lane, v128.storeN_lane). */
        MEMARG_LANE
    }

    private final String text;
    private final int prefix;
    private final int code;
    private final Imm imm;
    private final List<ValType> params;
    private final List<ValType> results;
    private final int accessBytes;

    Opcode(String text, int prefix, int code, Imm imm, String signature, int accessBytes) {
        this.text = text;
        this.prefix = prefix;
        this.code = code;
        this.imm = imm;
        this.accessBytes = accessBytes;
        if (signature == null) {
            this.params = null;
            this.results = null;
        } else {
            int colon = signature.indexOf(':');
            this.params = parseTypes(signature.substring(0, colon));
            this.results = parseTypes(signature.substring(colon + 1));
        }
    }

    private static List<ValType> parseTypes(String letters) {
        ValType[] types = new ValType[letters.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = switch (letters.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'I' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'F' -> ValType.F64;
                case 'V' -> ValType.V128;
                default -> throw new IllegalArgumentException(letters);
            };
        }
        return List.of(types);
    }

    /**
     * The text-format mnemonic ({@code "i32.add"}). Typed select prints as {@code "select"}.
     *
     * @return the mnemonic
     */
    public String text() {
        return text;
    }

    /**
     * 0 for single-byte opcodes, else the prefix byte (0xFC, or 0xFD for SIMD).
     *
     * @return 0, 0xFC or 0xFD
     */
    public int prefix() {
        return prefix;
    }

    /**
     * The opcode byte, or the LEB128 sub-opcode after the prefix.
     *
     * @return the byte or sub-opcode
     */
    public int code() {
        return code;
    }

    /**
     * The kind of immediates the instruction carries, which says which {@link Instruction} record holds it.
     *
     * @return the immediate kind
     */
    public Imm imm() {
        return imm;
    }

    /**
     * True when {@link #params()} and {@link #results()} give the instruction's type.
     *
     * @return false for instructions typed by their context or immediates (locals, calls, blocks, select ...)
     */
    public boolean hasFixedSignature() {
        return params != null;
    }

    /**
     * Operand types popped (in push order), or null when context-dependent.
     *
     * @return the types, unmodifiable, or null
     */
    public List<ValType> params() {
        return params;
    }

    /**
     * Result types pushed, or null when context-dependent.
     *
     * @return the types, unmodifiable, or null
     */
    public List<ValType> results() {
        return results;
    }

    /**
     * For loads and stores: bytes accessed (natural alignment is log2 of it); else 0.
     *
     * @return 1, 2, 4, 8 or 16 for a memory access, else 0
     */
    public int accessBytes() {
        return accessBytes;
    }

    /**
     * Whether the instruction accesses memory at an address and static offset ({@link Instruction.MemoryAccess}
     * or {@link Instruction.MemoryLaneAccess}).
     *
     * @return true for loads and stores, SIMD ones included
     */
    public boolean isLoadOrStore() {
        return imm == Imm.MEMARG || imm == Imm.MEMARG_LANE;
    }

    /**
     * A SIMD instruction (prefix 0xFD), fixed-width or relaxed.
     *
     * @return true for the 0xFD prefix
     */
    public boolean isSimd() {
        return prefix == 0xFD;
    }

    /**
     * The number of lanes a lane index immediate may address: the vector shape's lane count
     * for extract_lane and replace_lane ({@code i8x16} has 16), 16 / access bytes for the
     * lane loads and stores; 0 for instructions without a lane index.
     *
     * @return the lane count, or 0
     */
    public int laneCount() {
        return switch (imm) {
            case LANE -> Integer.parseInt(text.substring(text.indexOf('x') + 1, text.indexOf('.')));
            case MEMARG_LANE -> 16 / accessBytes;
            default -> 0;
        };
    }

    private static final Opcode[] SINGLE = new Opcode[256];
    private static final Map<Integer, Opcode> PREFIXED_FC = new HashMap<>();
    private static final Map<Integer, Opcode> PREFIXED_FD = new HashMap<>();
    private static final Map<String, Opcode> BY_TEXT;

    static {
        Map<String, Opcode> byText = new HashMap<>();
        for (Opcode op : values()) {
            switch (op.prefix) {
                case 0 -> SINGLE[op.code] = op;
                case 0xFC -> PREFIXED_FC.put(op.code, op);
                default -> PREFIXED_FD.put(op.code, op);
            }
            if (op != SELECT_TYPED) {
                byText.put(op.text, op);
            }
        }
        BY_TEXT = Collections.unmodifiableMap(byText);
    }

    /**
     * The single-byte opcode for {@code b}, or null. Returns null for the prefixes 0xFC and 0xFD.
     *
     * @param b the byte
     * @return the opcode, or null
     */
    public static Opcode fromByte(int b) {
        return SINGLE[b & 0xFF];
    }

    /**
     * The 0xFC-prefixed opcode with sub-opcode {@code sub}, or null.
     *
     * @param sub the sub-opcode
     * @return the opcode, or null
     */
    public static Opcode fromPrefixedFC(int sub) {
        return PREFIXED_FC.get(sub);
    }

    /**
     * The SIMD opcode (0xFD prefix) with sub-opcode {@code sub}, or null.
     *
     * @param sub the sub-opcode
     * @return the opcode, or null
     */
    public static Opcode fromPrefixedFD(int sub) {
        return PREFIXED_FD.get(sub);
    }

    /**
     * The opcode for a text mnemonic, or null. {@code "select"} maps to the untyped form.
     *
     * @param mnemonic the mnemonic, such as {@code i32.add}
     * @return the opcode, or null
     */
    public static Opcode fromText(String mnemonic) {
        return BY_TEXT.get(mnemonic);
    }
}
