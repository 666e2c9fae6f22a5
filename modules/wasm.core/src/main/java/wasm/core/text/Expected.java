package wasm.core.text;

import java.util.List;
import wasm.core.model.ValType;

/** One expected result of assert_return. */
public sealed interface Expected {
    /** Bit-exact equality (floats compared by bits, so -0.0 and NaN payloads matter). */
    record Exact(WastValue value) implements Expected {
    }

    /** {@code nan:canonical}: type is F32 or F64. */
    record CanonicalNan(ValType type) implements Expected {
    }

    /** {@code nan:arithmetic}: type is F32 or F64. */
    record ArithmeticNan(ValType type) implements Expected {
    }

    /** {@code (ref.func)} without an index: any non-null function reference. */
    record AnyRefFunc() implements Expected {
    }

    /** {@code (ref.extern)} without an index: any non-null host reference. */
    record AnyRefExtern() implements Expected {
    }

    /** {@code (either e1 e2 ...)}: any one of the alternatives. */
    record Either(List<Expected> alternatives) implements Expected {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}
