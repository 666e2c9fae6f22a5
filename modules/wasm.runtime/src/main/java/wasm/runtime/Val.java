package wasm.runtime;

import wasm.core.model.ValType;

/**
 * A WebAssembly value with its type, for dynamic calls ({@link FunctionInstance#invoke(Val...)})
 * and host functions ({@link Linker.HostFunc}). {@code Val.i32(7)}, {@code Val.f64(0.5)}; read one
 * back with the accessor of its type ({@code v.i32()}), which refuses another type with an
 * {@link IllegalArgumentException}.
 *
 * <p>The raw path stays the fast lane: {@link #bits()} is the API's long encoding (i32
 * sign-extended, f32 and f64 as their IEEE bits, references as {@link Ref}), which
 * {@link FunctionInstance#call(long...)} and {@link Linker.RawHostFunc} take without boxing.
 * A v128 is {@link V128}: two longs, the low 64 bits first, as {@link ValueSlots} says; it has no
 * single-long encoding, so its {@link #bits()} refuses.
 */
public sealed interface Val {
    /** No values: what a function without results returns. */
    Val[] NONE = new Val[0];

    /**
     * The value's type.
     *
     * @return the type; for a record of this interface always the same one
     */
    ValType type();

    /**
     * The API's long encoding of this value.
     *
     * @return the encoding: i32 sign-extended, f32 zero-extended bits, f64 bits, a reference as {@link Ref} says
     * @throws IllegalStateException for a {@link V128}, which takes two longs ({@link V128#lo()},
     *         {@link V128#hi()})
     *
     */
    long bits();

    /**
     * This i32's value.
     *
     * @return the value
     * @throws IllegalArgumentException when this is not an i32
     */
    default int i32() {
        throw new IllegalArgumentException("not an i32: " + this);
    }

    /**
     * This i64's value.
     *
     * @return the value
     * @throws IllegalArgumentException when this is not an i64
     */
    default long i64() {
        throw new IllegalArgumentException("not an i64: " + this);
    }

    /**
     * This f32's value.
     *
     * @return the value
     * @throws IllegalArgumentException when this is not an f32
     */
    default float f32() {
        throw new IllegalArgumentException("not an f32: " + this);
    }

    /**
     * This f64's value.
     *
     * @return the value
     * @throws IllegalArgumentException when this is not an f64
     */
    default double f64() {
        throw new IllegalArgumentException("not an f64: " + this);
    }

    /**
     * An i32; wasm gives it no sign, Java reads it as signed.
     *
     * @param v the value
     * @return the value
     */
    static Val i32(int v) {
        return new I32(v);
    }

    /**
     * An i64; wasm gives it no sign, Java reads it as signed.
     *
     * @param v the value
     * @return the value
     */
    static Val i64(long v) {
        return new I64(v);
    }

    /**
     * An f32, its bits kept as they are (NaN payloads included).
     *
     * @param v the value
     * @return the value
     */
    static Val f32(float v) {
        return new F32(v);
    }

    /**
     * An f64, its bits kept as they are (NaN payloads included).
     *
     * @param v the value
     * @return the value
     */
    static Val f64(double v) {
        return new F64(v);
    }

    /**
     * A v128 from its low and high 64 bits (bytes 0..7, then 8..15, little-endian).
     *
     * @param lo bytes 0..7
     * @param hi bytes 8..15
     * @return the value
     */
    static Val v128(long lo, long hi) {
        return new V128(lo, hi);
    }

    /**
     * The value of {@code type} whose API encoding is {@code bits}.
     *
     * @param type the value's type
     * @param bits the encoding, as {@link #bits()} gives it
     * @return the value
     * @throws IllegalArgumentException for v128, which takes two longs ({@link #v128(long, long)})
     */
    static Val of(ValType type, long bits) {
        return switch (type) {
            case I32 -> new I32((int) bits);
            case I64 -> new I64(bits);
            case F32 -> new F32(Float.intBitsToFloat((int) bits));
            case F64 -> new F64(Double.longBitsToDouble(bits));
            case FUNCREF -> new FuncRef(bits);
            case EXTERNREF -> new ExternRef(bits);
            case V128 -> throw new IllegalArgumentException("a v128 takes two longs: Val.v128(lo, hi)");
        };
    }

    /**
     * An i32.
     *
     * @param i32 the value
     */
    record I32(int i32) implements Val {
        @Override
        public ValType type() {
            return ValType.I32;
        }

        @Override
        public long bits() {
            return i32;
        }
    }

    /**
     * An i64.
     *
     * @param i64 the value
     */
    record I64(long i64) implements Val {
        @Override
        public ValType type() {
            return ValType.I64;
        }

        @Override
        public long bits() {
            return i64;
        }
    }

    /**
     * An f32; NaN payloads survive ({@link Float#floatToRawIntBits}).
     *
     * @param f32 the value
     */
    record F32(float f32) implements Val {
        @Override
        public ValType type() {
            return ValType.F32;
        }

        @Override
        public long bits() {
            return Float.floatToRawIntBits(f32) & 0xFFFF_FFFFL;
        }
    }

    /**
     * An f64; NaN payloads survive ({@link Double#doubleToRawLongBits}).
     *
     * @param f64 the value
     */
    record F64(double f64) implements Val {
        @Override
        public ValType type() {
            return ValType.F64;
        }

        @Override
        public long bits() {
            return Double.doubleToRawLongBits(f64);
        }
    }

    /**
     * A funcref: a function's store address, or {@link Ref#NULL}.
     *
     * @param ref the address, or {@link Ref#NULL}
     */
    record FuncRef(long ref) implements Val {
        @Override
        public ValType type() {
            return ValType.FUNCREF;
        }

        @Override
        public long bits() {
            return ref;
        }
    }

    /**
     * An externref: the host's id, or {@link Ref#NULL}.
     *
     * @param ref the id, or {@link Ref#NULL}
     */
    record ExternRef(long ref) implements Val {
        @Override
        public ValType type() {
            return ValType.EXTERNREF;
        }

        @Override
        public long bits() {
            return ref;
        }
    }

    /**
     * A v128: its low 64 bits (bytes 0..7, little-endian: lane 0 of an i32x4 is {@code (int) lo}) and high 64 bits.
     *
     * @param lo bytes 0..7
     * @param hi bytes 8..15
     */
    record V128(long lo, long hi) implements Val {
        @Override
        public ValType type() {
            return ValType.V128;
        }

        @Override
        public long bits() {
            throw new IllegalStateException("a v128 takes two longs: lo() and hi()");
        }
    }
}
