package wasm.runtime;

import java.util.List;

import wasm.core.model.ValType;

/**
 * {@link Val}s to and from the API's long encoding, where a v128 takes two longs
 * ({@link ValueSlots}); the types have been checked by the caller.
 */
final class ValEncoding {
    private ValEncoding() {
    }

    /** Writes {@code v} at {@code raw[at]} (two longs for a v128); returns the next index. */
    private static int write(Val v, long[] raw, int at) {
        if (v instanceof Val.V128(long lo, long hi)) {
            raw[at] = lo;
            raw[at + 1] = hi;
            return at + 2;
        }
        raw[at] = v.bits();
        return at + 1;
    }

    /** Values in the API's long encoding, {@link ValueSlots#of(List)} longs for their types. */
    static long[] encode(List<ValType> types, Val[] values) {
        long[] raw = new long[ValueSlots.of(types)];
        int at = 0;
        for (Val v : values) {
            at = write(v, raw, at);
        }
        return raw;
    }

    /** The values of {@code types} from their API encoding (two longs per v128). */
    static Val[] decode(List<ValType> types, long[] raw) {
        Val[] out = new Val[types.size()];
        int at = 0;
        for (int i = 0; i < out.length; i++) {
            ValType t = types.get(i);
            out[i] = t == ValType.V128 ? new Val.V128(raw[at], raw[at + 1]) : Val.of(t, raw[at]);
            at += ValueSlots.of(t);
        }
        return out;
    }
}
