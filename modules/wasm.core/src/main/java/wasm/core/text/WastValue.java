package wasm.core.text;

import wasm.core.model.ValType;

/** A constant in a script: an invoke argument or an exact expected result. */
public sealed interface WastValue {
    /**
     * i32/i64/f32/f64 as raw bits (i32 and f32 in the low 32 bits).
     *
     * @param type I32, I64, F32 or F64
     * @param bits the value's bits
     */
    record Num(ValType type, long bits) implements WastValue {
    }

    /**
     * {@code (ref.null func)} or {@code (ref.null extern)}: type is FUNCREF or EXTERNREF.
     *
     * @param type the reference type
     */
    record RefNull(ValType type) implements WastValue {
    }

    /**
     * {@code (v128.const SHAPE ...)}: the 16 bytes little-endian, bytes 0..7 in {@code lo}
     * (the runtime's two-long encoding of a v128).
     *
     * @param lo bytes 0..7
     * @param hi bytes 8..15
     */
    record V128(long lo, long hi) implements WastValue {
    }

    /**
     * {@code (ref.extern N)}: a host reference identified by N.
     *
     * @param id the host's id, not negative
     */
    record RefExtern(long id) implements WastValue {
    }
}
