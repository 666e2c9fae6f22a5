package wasm.core.text;

import java.util.List;
import wasm.core.model.ValType;

/** One expected result of assert_return. */
public sealed interface Expected {
    /**
     * Bit-exact equality (floats compared by bits, so -0.0 and NaN payloads matter).
     *
     * @param value the value
     */
    record Exact(WastValue value) implements Expected {
    }

    /**
     * {@code nan:canonical}: type is F32 or F64.
     *
     * @param type the float type
     */
    record CanonicalNan(ValType type) implements Expected {
    }

    /**
     * {@code nan:arithmetic}: type is F32 or F64.
     *
     * @param type the float type
     */
    record ArithmeticNan(ValType type) implements Expected {
    }

    /** {@code (ref.func)} without an index: any non-null function reference. */
    record AnyRefFunc() implements Expected {
    }

    /** {@code (ref.null)} without a heap type: a null reference of any type. */
    record AnyRefNull() implements Expected {
    }

    /** {@code (ref.extern)} without an index: any non-null host reference. */
    record AnyRefExtern() implements Expected {
    }

    /**
     * {@code (v128.const f32x4 ...)} or {@code f64x2} with a NaN pattern in some lane: each
     * lane is an {@link Exact} float of {@code laneType} (bits compared) or a
     * {@link CanonicalNan} / {@link ArithmeticNan} of that type. A v128 without patterns is
     * an {@link Exact} {@link WastValue.V128}.
     *
     * @param laneType F32 or F64
     * @param lanes one expectation per lane, lane 0 first
     */
    record V128Lanes(ValType laneType, List<Expected> lanes) implements Expected {
        /**
         * Copies the lanes.
         *
         * @throws NullPointerException when {@code lanes} or one of its elements is null
         */
        public V128Lanes {
            lanes = List.copyOf(lanes);
        }
    }

    /**
     * {@code (either e1 e2 ...)}: any one of the alternatives.
     *
     * @param alternatives the alternatives, in script order
     */
    record Either(List<Expected> alternatives) implements Expected {
        /**
         * Copies the alternatives.
         *
         * @throws NullPointerException when {@code alternatives} or one of its elements is null
         */
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}
