package wasm.core.validate;

import wasm.core.MalformedModuleException;
import wasm.core.model.ValType;

/**
 * Value types coded as small ints for the validator's operand stack, so that
 * pushing and popping never allocates. {@link #UNKNOWN} is the spec algorithm's
 * "Unknown" type, produced by popping below the height of an unreachable frame.
 */
final class StackType {
    static final int UNKNOWN = -1;
    static final int I32 = 0;
    static final int I64 = 1;
    static final int F32 = 2;
    static final int F64 = 3;
    static final int FUNCREF = 4;
    static final int EXTERNREF = 5;
    static final int V128 = 6;

    static final int[] NONE = {};
    /** One-element arrays per type, shared (never mutated) to avoid allocating block types. */
    private static final int[][] SINGLE = {{I32}, {I64}, {F32}, {F64}, {FUNCREF}, {EXTERNREF}, {V128}};

    private StackType() {
    }

    /** The code of a value type; a missing type is a malformed model. */
    static int of(ValType type) {
        if (type == null) {
            throw new MalformedModuleException("malformed value type");
        }
        return switch (type) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case FUNCREF -> FUNCREF;
            case EXTERNREF -> EXTERNREF;
            case V128 -> V128;
        };
    }

    /** The code of a reference type; anything else cannot come out of a decoder or parser. */
    static int ofReference(ValType type) {
        int code = of(type);
        if (!isReference(code)) {
            throw new MalformedModuleException("malformed reference type");
        }
        return code;
    }

    static int[] single(int code) {
        return SINGLE[code];
    }

    static int[] of(java.util.List<ValType> types) {
        if (types.isEmpty()) {
            return NONE;
        }
        int[] codes = new int[types.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = of(types.get(i));
        }
        return codes;
    }

    /** Numeric or vector (what untyped select accepts), or unknown (which can stand for one). */
    static boolean isNumericVectorOrUnknown(int code) {
        return code <= F64 || code == V128;
    }

    static boolean isReference(int code) {
        return code == FUNCREF || code == EXTERNREF;
    }
}
