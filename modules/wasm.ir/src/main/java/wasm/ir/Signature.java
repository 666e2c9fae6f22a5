package wasm.ir;

import java.util.ArrayList;
import java.util.List;
import wasm.core.model.FuncType;
import wasm.core.model.ValType;

/** A Wasm-level signature in IR types (no vmctx: it is implicit in every call). */
public record Signature(List<Type> params, List<Type> results) {
    public Signature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static Signature of(FuncType type) {
        return new Signature(convert(type.params()), convert(type.results()));
    }

    private static List<Type> convert(List<ValType> types) {
        List<Type> out = new ArrayList<>(types.size());
        for (ValType t : types) {
            out.add(Type.of(t));
        }
        return out;
    }

    /** {@code (i32, i64) -> f32, f64}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(params.get(i).text());
        }
        sb.append(")");
        if (!results.isEmpty()) {
            sb.append(" -> ");
            for (int i = 0; i < results.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(results.get(i).text());
            }
        }
        return sb.toString();
    }
}
