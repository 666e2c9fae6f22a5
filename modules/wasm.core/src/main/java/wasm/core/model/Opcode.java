package wasm.core.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebAssembly 2.0 (non-SIMD) instruction set, declared once: the text
 * mnemonic, binary prefix and code, immediate kind, and for instructions with a
 * fixed type their signature. Decoder, encoder, text parser and printer,
 * validator and interpreter all read this table.
 *
 * <p>Signatures are written {@code "params:results"} with one letter per value:
 * {@code i}=i32, {@code I}=i64, {@code f}=f32, {@code F}=f64. Instructions whose
 * type depends on context (control, locals, calls, references, drop/select,
 * table.grow/fill) have a null signature.
 */
public enum Opcode {
    UNREACHABLE("unreachable", 0x00, 0x00, Imm.NONE, null, 0),
    NOP("nop", 0x00, 0x01, Imm.NONE, null, 0),
    BLOCK("block", 0x00, 0x02, Imm.BLOCK_TYPE, null, 0),
    LOOP("loop", 0x00, 0x03, Imm.BLOCK_TYPE, null, 0),
    IF("if", 0x00, 0x04, Imm.BLOCK_TYPE, null, 0),
    ELSE("else", 0x00, 0x05, Imm.NONE, null, 0),
    END("end", 0x00, 0x0B, Imm.NONE, null, 0),
    BR("br", 0x00, 0x0C, Imm.LABEL, null, 0),
    BR_IF("br_if", 0x00, 0x0D, Imm.LABEL, null, 0),
    BR_TABLE("br_table", 0x00, 0x0E, Imm.BR_TABLE, null, 0),
    RETURN("return", 0x00, 0x0F, Imm.NONE, null, 0),
    CALL("call", 0x00, 0x10, Imm.FUNC, null, 0),
    CALL_INDIRECT("call_indirect", 0x00, 0x11, Imm.CALL_INDIRECT, null, 0),
    DROP("drop", 0x00, 0x1A, Imm.NONE, null, 0),
    SELECT("select", 0x00, 0x1B, Imm.NONE, null, 0),
    SELECT_TYPED("select", 0x00, 0x1C, Imm.SELECT_TYPES, null, 0),
    LOCAL_GET("local.get", 0x00, 0x20, Imm.LOCAL, null, 0),
    LOCAL_SET("local.set", 0x00, 0x21, Imm.LOCAL, null, 0),
    LOCAL_TEE("local.tee", 0x00, 0x22, Imm.LOCAL, null, 0),
    GLOBAL_GET("global.get", 0x00, 0x23, Imm.GLOBAL, null, 0),
    GLOBAL_SET("global.set", 0x00, 0x24, Imm.GLOBAL, null, 0),
    TABLE_GET("table.get", 0x00, 0x25, Imm.TABLE, null, 0),
    TABLE_SET("table.set", 0x00, 0x26, Imm.TABLE, null, 0),
    I32_LOAD("i32.load", 0x00, 0x28, Imm.MEMARG, "i:i", 4),
    I64_LOAD("i64.load", 0x00, 0x29, Imm.MEMARG, "i:I", 8),
    F32_LOAD("f32.load", 0x00, 0x2A, Imm.MEMARG, "i:f", 4),
    F64_LOAD("f64.load", 0x00, 0x2B, Imm.MEMARG, "i:F", 8),
    I32_LOAD8_S("i32.load8_s", 0x00, 0x2C, Imm.MEMARG, "i:i", 1),
    I32_LOAD8_U("i32.load8_u", 0x00, 0x2D, Imm.MEMARG, "i:i", 1),
    I32_LOAD16_S("i32.load16_s", 0x00, 0x2E, Imm.MEMARG, "i:i", 2),
    I32_LOAD16_U("i32.load16_u", 0x00, 0x2F, Imm.MEMARG, "i:i", 2),
    I64_LOAD8_S("i64.load8_s", 0x00, 0x30, Imm.MEMARG, "i:I", 1),
    I64_LOAD8_U("i64.load8_u", 0x00, 0x31, Imm.MEMARG, "i:I", 1),
    I64_LOAD16_S("i64.load16_s", 0x00, 0x32, Imm.MEMARG, "i:I", 2),
    I64_LOAD16_U("i64.load16_u", 0x00, 0x33, Imm.MEMARG, "i:I", 2),
    I64_LOAD32_S("i64.load32_s", 0x00, 0x34, Imm.MEMARG, "i:I", 4),
    I64_LOAD32_U("i64.load32_u", 0x00, 0x35, Imm.MEMARG, "i:I", 4),
    I32_STORE("i32.store", 0x00, 0x36, Imm.MEMARG, "ii:", 4),
    I64_STORE("i64.store", 0x00, 0x37, Imm.MEMARG, "iI:", 8),
    F32_STORE("f32.store", 0x00, 0x38, Imm.MEMARG, "if:", 4),
    F64_STORE("f64.store", 0x00, 0x39, Imm.MEMARG, "iF:", 8),
    I32_STORE8("i32.store8", 0x00, 0x3A, Imm.MEMARG, "ii:", 1),
    I32_STORE16("i32.store16", 0x00, 0x3B, Imm.MEMARG, "ii:", 2),
    I64_STORE8("i64.store8", 0x00, 0x3C, Imm.MEMARG, "iI:", 1),
    I64_STORE16("i64.store16", 0x00, 0x3D, Imm.MEMARG, "iI:", 2),
    I64_STORE32("i64.store32", 0x00, 0x3E, Imm.MEMARG, "iI:", 4),
    MEMORY_SIZE("memory.size", 0x00, 0x3F, Imm.MEMORY, ":i", 0),
    MEMORY_GROW("memory.grow", 0x00, 0x40, Imm.MEMORY, "i:i", 0),
    I32_CONST("i32.const", 0x00, 0x41, Imm.I32, ":i", 0),
    I64_CONST("i64.const", 0x00, 0x42, Imm.I64, ":I", 0),
    F32_CONST("f32.const", 0x00, 0x43, Imm.F32, ":f", 0),
    F64_CONST("f64.const", 0x00, 0x44, Imm.F64, ":F", 0),
    I32_EQZ("i32.eqz", 0x00, 0x45, Imm.NONE, "i:i", 0),
    I32_EQ("i32.eq", 0x00, 0x46, Imm.NONE, "ii:i", 0),
    I32_NE("i32.ne", 0x00, 0x47, Imm.NONE, "ii:i", 0),
    I32_LT_S("i32.lt_s", 0x00, 0x48, Imm.NONE, "ii:i", 0),
    I32_LT_U("i32.lt_u", 0x00, 0x49, Imm.NONE, "ii:i", 0),
    I32_GT_S("i32.gt_s", 0x00, 0x4A, Imm.NONE, "ii:i", 0),
    I32_GT_U("i32.gt_u", 0x00, 0x4B, Imm.NONE, "ii:i", 0),
    I32_LE_S("i32.le_s", 0x00, 0x4C, Imm.NONE, "ii:i", 0),
    I32_LE_U("i32.le_u", 0x00, 0x4D, Imm.NONE, "ii:i", 0),
    I32_GE_S("i32.ge_s", 0x00, 0x4E, Imm.NONE, "ii:i", 0),
    I32_GE_U("i32.ge_u", 0x00, 0x4F, Imm.NONE, "ii:i", 0),
    I64_EQZ("i64.eqz", 0x00, 0x50, Imm.NONE, "I:i", 0),
    I64_EQ("i64.eq", 0x00, 0x51, Imm.NONE, "II:i", 0),
    I64_NE("i64.ne", 0x00, 0x52, Imm.NONE, "II:i", 0),
    I64_LT_S("i64.lt_s", 0x00, 0x53, Imm.NONE, "II:i", 0),
    I64_LT_U("i64.lt_u", 0x00, 0x54, Imm.NONE, "II:i", 0),
    I64_GT_S("i64.gt_s", 0x00, 0x55, Imm.NONE, "II:i", 0),
    I64_GT_U("i64.gt_u", 0x00, 0x56, Imm.NONE, "II:i", 0),
    I64_LE_S("i64.le_s", 0x00, 0x57, Imm.NONE, "II:i", 0),
    I64_LE_U("i64.le_u", 0x00, 0x58, Imm.NONE, "II:i", 0),
    I64_GE_S("i64.ge_s", 0x00, 0x59, Imm.NONE, "II:i", 0),
    I64_GE_U("i64.ge_u", 0x00, 0x5A, Imm.NONE, "II:i", 0),
    F32_EQ("f32.eq", 0x00, 0x5B, Imm.NONE, "ff:i", 0),
    F32_NE("f32.ne", 0x00, 0x5C, Imm.NONE, "ff:i", 0),
    F32_LT("f32.lt", 0x00, 0x5D, Imm.NONE, "ff:i", 0),
    F32_GT("f32.gt", 0x00, 0x5E, Imm.NONE, "ff:i", 0),
    F32_LE("f32.le", 0x00, 0x5F, Imm.NONE, "ff:i", 0),
    F32_GE("f32.ge", 0x00, 0x60, Imm.NONE, "ff:i", 0),
    F64_EQ("f64.eq", 0x00, 0x61, Imm.NONE, "FF:i", 0),
    F64_NE("f64.ne", 0x00, 0x62, Imm.NONE, "FF:i", 0),
    F64_LT("f64.lt", 0x00, 0x63, Imm.NONE, "FF:i", 0),
    F64_GT("f64.gt", 0x00, 0x64, Imm.NONE, "FF:i", 0),
    F64_LE("f64.le", 0x00, 0x65, Imm.NONE, "FF:i", 0),
    F64_GE("f64.ge", 0x00, 0x66, Imm.NONE, "FF:i", 0),
    I32_CLZ("i32.clz", 0x00, 0x67, Imm.NONE, "i:i", 0),
    I32_CTZ("i32.ctz", 0x00, 0x68, Imm.NONE, "i:i", 0),
    I32_POPCNT("i32.popcnt", 0x00, 0x69, Imm.NONE, "i:i", 0),
    I32_ADD("i32.add", 0x00, 0x6A, Imm.NONE, "ii:i", 0),
    I32_SUB("i32.sub", 0x00, 0x6B, Imm.NONE, "ii:i", 0),
    I32_MUL("i32.mul", 0x00, 0x6C, Imm.NONE, "ii:i", 0),
    I32_DIV_S("i32.div_s", 0x00, 0x6D, Imm.NONE, "ii:i", 0),
    I32_DIV_U("i32.div_u", 0x00, 0x6E, Imm.NONE, "ii:i", 0),
    I32_REM_S("i32.rem_s", 0x00, 0x6F, Imm.NONE, "ii:i", 0),
    I32_REM_U("i32.rem_u", 0x00, 0x70, Imm.NONE, "ii:i", 0),
    I32_AND("i32.and", 0x00, 0x71, Imm.NONE, "ii:i", 0),
    I32_OR("i32.or", 0x00, 0x72, Imm.NONE, "ii:i", 0),
    I32_XOR("i32.xor", 0x00, 0x73, Imm.NONE, "ii:i", 0),
    I32_SHL("i32.shl", 0x00, 0x74, Imm.NONE, "ii:i", 0),
    I32_SHR_S("i32.shr_s", 0x00, 0x75, Imm.NONE, "ii:i", 0),
    I32_SHR_U("i32.shr_u", 0x00, 0x76, Imm.NONE, "ii:i", 0),
    I32_ROTL("i32.rotl", 0x00, 0x77, Imm.NONE, "ii:i", 0),
    I32_ROTR("i32.rotr", 0x00, 0x78, Imm.NONE, "ii:i", 0),
    I64_CLZ("i64.clz", 0x00, 0x79, Imm.NONE, "I:I", 0),
    I64_CTZ("i64.ctz", 0x00, 0x7A, Imm.NONE, "I:I", 0),
    I64_POPCNT("i64.popcnt", 0x00, 0x7B, Imm.NONE, "I:I", 0),
    I64_ADD("i64.add", 0x00, 0x7C, Imm.NONE, "II:I", 0),
    I64_SUB("i64.sub", 0x00, 0x7D, Imm.NONE, "II:I", 0),
    I64_MUL("i64.mul", 0x00, 0x7E, Imm.NONE, "II:I", 0),
    I64_DIV_S("i64.div_s", 0x00, 0x7F, Imm.NONE, "II:I", 0),
    I64_DIV_U("i64.div_u", 0x00, 0x80, Imm.NONE, "II:I", 0),
    I64_REM_S("i64.rem_s", 0x00, 0x81, Imm.NONE, "II:I", 0),
    I64_REM_U("i64.rem_u", 0x00, 0x82, Imm.NONE, "II:I", 0),
    I64_AND("i64.and", 0x00, 0x83, Imm.NONE, "II:I", 0),
    I64_OR("i64.or", 0x00, 0x84, Imm.NONE, "II:I", 0),
    I64_XOR("i64.xor", 0x00, 0x85, Imm.NONE, "II:I", 0),
    I64_SHL("i64.shl", 0x00, 0x86, Imm.NONE, "II:I", 0),
    I64_SHR_S("i64.shr_s", 0x00, 0x87, Imm.NONE, "II:I", 0),
    I64_SHR_U("i64.shr_u", 0x00, 0x88, Imm.NONE, "II:I", 0),
    I64_ROTL("i64.rotl", 0x00, 0x89, Imm.NONE, "II:I", 0),
    I64_ROTR("i64.rotr", 0x00, 0x8A, Imm.NONE, "II:I", 0),
    F32_ABS("f32.abs", 0x00, 0x8B, Imm.NONE, "f:f", 0),
    F32_NEG("f32.neg", 0x00, 0x8C, Imm.NONE, "f:f", 0),
    F32_CEIL("f32.ceil", 0x00, 0x8D, Imm.NONE, "f:f", 0),
    F32_FLOOR("f32.floor", 0x00, 0x8E, Imm.NONE, "f:f", 0),
    F32_TRUNC("f32.trunc", 0x00, 0x8F, Imm.NONE, "f:f", 0),
    F32_NEAREST("f32.nearest", 0x00, 0x90, Imm.NONE, "f:f", 0),
    F32_SQRT("f32.sqrt", 0x00, 0x91, Imm.NONE, "f:f", 0),
    F32_ADD("f32.add", 0x00, 0x92, Imm.NONE, "ff:f", 0),
    F32_SUB("f32.sub", 0x00, 0x93, Imm.NONE, "ff:f", 0),
    F32_MUL("f32.mul", 0x00, 0x94, Imm.NONE, "ff:f", 0),
    F32_DIV("f32.div", 0x00, 0x95, Imm.NONE, "ff:f", 0),
    F32_MIN("f32.min", 0x00, 0x96, Imm.NONE, "ff:f", 0),
    F32_MAX("f32.max", 0x00, 0x97, Imm.NONE, "ff:f", 0),
    F32_COPYSIGN("f32.copysign", 0x00, 0x98, Imm.NONE, "ff:f", 0),
    F64_ABS("f64.abs", 0x00, 0x99, Imm.NONE, "F:F", 0),
    F64_NEG("f64.neg", 0x00, 0x9A, Imm.NONE, "F:F", 0),
    F64_CEIL("f64.ceil", 0x00, 0x9B, Imm.NONE, "F:F", 0),
    F64_FLOOR("f64.floor", 0x00, 0x9C, Imm.NONE, "F:F", 0),
    F64_TRUNC("f64.trunc", 0x00, 0x9D, Imm.NONE, "F:F", 0),
    F64_NEAREST("f64.nearest", 0x00, 0x9E, Imm.NONE, "F:F", 0),
    F64_SQRT("f64.sqrt", 0x00, 0x9F, Imm.NONE, "F:F", 0),
    F64_ADD("f64.add", 0x00, 0xA0, Imm.NONE, "FF:F", 0),
    F64_SUB("f64.sub", 0x00, 0xA1, Imm.NONE, "FF:F", 0),
    F64_MUL("f64.mul", 0x00, 0xA2, Imm.NONE, "FF:F", 0),
    F64_DIV("f64.div", 0x00, 0xA3, Imm.NONE, "FF:F", 0),
    F64_MIN("f64.min", 0x00, 0xA4, Imm.NONE, "FF:F", 0),
    F64_MAX("f64.max", 0x00, 0xA5, Imm.NONE, "FF:F", 0),
    F64_COPYSIGN("f64.copysign", 0x00, 0xA6, Imm.NONE, "FF:F", 0),
    I32_WRAP_I64("i32.wrap_i64", 0x00, 0xA7, Imm.NONE, "I:i", 0),
    I32_TRUNC_F32_S("i32.trunc_f32_s", 0x00, 0xA8, Imm.NONE, "f:i", 0),
    I32_TRUNC_F32_U("i32.trunc_f32_u", 0x00, 0xA9, Imm.NONE, "f:i", 0),
    I32_TRUNC_F64_S("i32.trunc_f64_s", 0x00, 0xAA, Imm.NONE, "F:i", 0),
    I32_TRUNC_F64_U("i32.trunc_f64_u", 0x00, 0xAB, Imm.NONE, "F:i", 0),
    I64_EXTEND_I32_S("i64.extend_i32_s", 0x00, 0xAC, Imm.NONE, "i:I", 0),
    I64_EXTEND_I32_U("i64.extend_i32_u", 0x00, 0xAD, Imm.NONE, "i:I", 0),
    I64_TRUNC_F32_S("i64.trunc_f32_s", 0x00, 0xAE, Imm.NONE, "f:I", 0),
    I64_TRUNC_F32_U("i64.trunc_f32_u", 0x00, 0xAF, Imm.NONE, "f:I", 0),
    I64_TRUNC_F64_S("i64.trunc_f64_s", 0x00, 0xB0, Imm.NONE, "F:I", 0),
    I64_TRUNC_F64_U("i64.trunc_f64_u", 0x00, 0xB1, Imm.NONE, "F:I", 0),
    F32_CONVERT_I32_S("f32.convert_i32_s", 0x00, 0xB2, Imm.NONE, "i:f", 0),
    F32_CONVERT_I32_U("f32.convert_i32_u", 0x00, 0xB3, Imm.NONE, "i:f", 0),
    F32_CONVERT_I64_S("f32.convert_i64_s", 0x00, 0xB4, Imm.NONE, "I:f", 0),
    F32_CONVERT_I64_U("f32.convert_i64_u", 0x00, 0xB5, Imm.NONE, "I:f", 0),
    F32_DEMOTE_F64("f32.demote_f64", 0x00, 0xB6, Imm.NONE, "F:f", 0),
    F64_CONVERT_I32_S("f64.convert_i32_s", 0x00, 0xB7, Imm.NONE, "i:F", 0),
    F64_CONVERT_I32_U("f64.convert_i32_u", 0x00, 0xB8, Imm.NONE, "i:F", 0),
    F64_CONVERT_I64_S("f64.convert_i64_s", 0x00, 0xB9, Imm.NONE, "I:F", 0),
    F64_CONVERT_I64_U("f64.convert_i64_u", 0x00, 0xBA, Imm.NONE, "I:F", 0),
    F64_PROMOTE_F32("f64.promote_f32", 0x00, 0xBB, Imm.NONE, "f:F", 0),
    I32_REINTERPRET_F32("i32.reinterpret_f32", 0x00, 0xBC, Imm.NONE, "f:i", 0),
    I64_REINTERPRET_F64("i64.reinterpret_f64", 0x00, 0xBD, Imm.NONE, "F:I", 0),
    F32_REINTERPRET_I32("f32.reinterpret_i32", 0x00, 0xBE, Imm.NONE, "i:f", 0),
    F64_REINTERPRET_I64("f64.reinterpret_i64", 0x00, 0xBF, Imm.NONE, "I:F", 0),
    I32_EXTEND8_S("i32.extend8_s", 0x00, 0xC0, Imm.NONE, "i:i", 0),
    I32_EXTEND16_S("i32.extend16_s", 0x00, 0xC1, Imm.NONE, "i:i", 0),
    I64_EXTEND8_S("i64.extend8_s", 0x00, 0xC2, Imm.NONE, "I:I", 0),
    I64_EXTEND16_S("i64.extend16_s", 0x00, 0xC3, Imm.NONE, "I:I", 0),
    I64_EXTEND32_S("i64.extend32_s", 0x00, 0xC4, Imm.NONE, "I:I", 0),
    REF_NULL("ref.null", 0x00, 0xD0, Imm.REF_TYPE, null, 0),
    REF_IS_NULL("ref.is_null", 0x00, 0xD1, Imm.NONE, null, 0),
    REF_FUNC("ref.func", 0x00, 0xD2, Imm.FUNC, null, 0),
    I32_TRUNC_SAT_F32_S("i32.trunc_sat_f32_s", 0xFC, 0x00, Imm.NONE, "f:i", 0),
    I32_TRUNC_SAT_F32_U("i32.trunc_sat_f32_u", 0xFC, 0x01, Imm.NONE, "f:i", 0),
    I32_TRUNC_SAT_F64_S("i32.trunc_sat_f64_s", 0xFC, 0x02, Imm.NONE, "F:i", 0),
    I32_TRUNC_SAT_F64_U("i32.trunc_sat_f64_u", 0xFC, 0x03, Imm.NONE, "F:i", 0),
    I64_TRUNC_SAT_F32_S("i64.trunc_sat_f32_s", 0xFC, 0x04, Imm.NONE, "f:I", 0),
    I64_TRUNC_SAT_F32_U("i64.trunc_sat_f32_u", 0xFC, 0x05, Imm.NONE, "f:I", 0),
    I64_TRUNC_SAT_F64_S("i64.trunc_sat_f64_s", 0xFC, 0x06, Imm.NONE, "F:I", 0),
    I64_TRUNC_SAT_F64_U("i64.trunc_sat_f64_u", 0xFC, 0x07, Imm.NONE, "F:I", 0),
    MEMORY_INIT("memory.init", 0xFC, 0x08, Imm.MEMORY_INIT, "iii:", 0),
    DATA_DROP("data.drop", 0xFC, 0x09, Imm.DATA, ":", 0),
    MEMORY_COPY("memory.copy", 0xFC, 0x0A, Imm.MEMORY_COPY, "iii:", 0),
    MEMORY_FILL("memory.fill", 0xFC, 0x0B, Imm.MEMORY_FILL, "iii:", 0),
    TABLE_INIT("table.init", 0xFC, 0x0C, Imm.TABLE_INIT, "iii:", 0),
    ELEM_DROP("elem.drop", 0xFC, 0x0D, Imm.ELEM, ":", 0),
    TABLE_COPY("table.copy", 0xFC, 0x0E, Imm.TABLE_COPY, "iii:", 0),
    TABLE_GROW("table.grow", 0xFC, 0x0F, Imm.TABLE, null, 0),
    TABLE_SIZE("table.size", 0xFC, 0x10, Imm.TABLE, ":i", 0),
    TABLE_FILL("table.fill", 0xFC, 0x11, Imm.TABLE, null, 0);

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
        /** A function index (call, ref.func). */
        FUNC,
        /** A type index then a table index (call_indirect). */
        CALL_INDIRECT,
        /** A local index. */
        LOCAL,
        /** A global index. */
        GLOBAL,
        /** A table index (table.get/set/size/grow/fill). */
        TABLE,
        /** Alignment (log2) and offset. */
        MEMARG,
        /** A memory index, always 0 in 2.0 (memory.size, memory.grow). */
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
        /** A data index then a memory index 0 (memory.init). */
        MEMORY_INIT,
        /** A data index (data.drop). */
        DATA,
        /** Two memory indices, both 0 (memory.copy). */
        MEMORY_COPY,
        /** A memory index 0 (memory.fill). */
        MEMORY_FILL,
        /** An element index then a table index (table.init). */
        TABLE_INIT,
        /** An element index (elem.drop). */
        ELEM,
        /** Destination then source table index (table.copy). */
        TABLE_COPY
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
                default -> throw new IllegalArgumentException(letters);
            };
        }
        return List.of(types);
    }

    /** The text-format mnemonic ({@code "i32.add"}). Typed select prints as {@code "select"}. */
    public String text() {
        return text;
    }

    /** 0 for single-byte opcodes, 0xFC for the prefixed ones. */
    public int prefix() {
        return prefix;
    }

    /** The opcode byte, or the LEB128 sub-opcode after the prefix. */
    public int code() {
        return code;
    }

    public Imm imm() {
        return imm;
    }

    /** True when {@link #params()} and {@link #results()} give the instruction's type. */
    public boolean hasFixedSignature() {
        return params != null;
    }

    /** Operand types popped (in push order), or null when context-dependent. */
    public List<ValType> params() {
        return params;
    }

    /** Result types pushed, or null when context-dependent. */
    public List<ValType> results() {
        return results;
    }

    /** For loads and stores: bytes accessed (natural alignment is log2 of it); else 0. */
    public int accessBytes() {
        return accessBytes;
    }

    public boolean isLoadOrStore() {
        return imm == Imm.MEMARG;
    }

    private static final Opcode[] SINGLE = new Opcode[256];
    private static final Map<Integer, Opcode> PREFIXED_FC = new HashMap<>();
    private static final Map<String, Opcode> BY_TEXT;

    static {
        Map<String, Opcode> byText = new HashMap<>();
        for (Opcode op : values()) {
            if (op.prefix == 0) {
                SINGLE[op.code] = op;
            } else {
                PREFIXED_FC.put(op.code, op);
            }
            if (op != SELECT_TYPED) {
                byText.put(op.text, op);
            }
        }
        BY_TEXT = Collections.unmodifiableMap(byText);
    }

    /** The single-byte opcode for {@code b}, or null. Returns null for 0xFC (a prefix). */
    public static Opcode fromByte(int b) {
        return SINGLE[b & 0xFF];
    }

    /** The 0xFC-prefixed opcode with sub-opcode {@code sub}, or null. */
    public static Opcode fromPrefixedFC(int sub) {
        return PREFIXED_FC.get(sub);
    }

    /** The opcode for a text mnemonic, or null. {@code "select"} maps to the untyped form. */
    public static Opcode fromText(String mnemonic) {
        return BY_TEXT.get(mnemonic);
    }
}
