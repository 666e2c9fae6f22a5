package wasmoon.cli.wast;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wasm.core.model.AddressType;
import wasm.core.model.FuncType;
import wasm.core.model.GlobalType;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.runtime.Extern;
import wasm.runtime.FunctionInstance;
import wasm.runtime.Ref;
import wasm.runtime.Store;

/**
 * The {@code spectest} host module every spec script may import from, exactly
 * as the reference interpreter's {@code spectest.ml} defines it: print functions
 * that print each argument as {@code VALUE : TYPE} on its own line, immutable
 * globals holding 666 / 666.6, funcref tables with limits 10..20 ({@code table},
 * and {@code table64} with i64 indices) and a memory with limits 1..2 pages.
 */
public final class SpectestModule {
    /** The spec's constant for every spectest global. */
    static final int GLOBAL_INT = 666;
    static final float GLOBAL_F32 = 666.6f;
    static final double GLOBAL_F64 = 666.6;

    private SpectestModule() {
    }

    /** Allocates the spectest externs in {@code store}; prints go to {@code out}. */
    public static Map<String, Extern> create(Store store, PrintStream out) {
        Map<String, Extern> exports = new LinkedHashMap<>();
        exports.put("print", print(store, out, List.of()));
        exports.put("print_i32", print(store, out, List.of(ValType.I32)));
        exports.put("print_i64", print(store, out, List.of(ValType.I64)));
        exports.put("print_f32", print(store, out, List.of(ValType.F32)));
        exports.put("print_f64", print(store, out, List.of(ValType.F64)));
        exports.put("print_i32_f32", print(store, out, List.of(ValType.I32, ValType.F32)));
        exports.put("print_f64_f64", print(store, out, List.of(ValType.F64, ValType.F64)));
        exports.put("global_i32", store.global(new GlobalType(ValType.I32, false), GLOBAL_INT));
        exports.put("global_i64", store.global(new GlobalType(ValType.I64, false), GLOBAL_INT));
        exports.put("global_f32", store.global(new GlobalType(ValType.F32, false),
                Float.floatToRawIntBits(GLOBAL_F32) & 0xFFFF_FFFFL));
        exports.put("global_f64", store.global(new GlobalType(ValType.F64, false),
                Double.doubleToRawLongBits(GLOBAL_F64)));
        exports.put("table", store.table(new TableType(ValType.FUNCREF, new Limits(10, 20)), Ref.NULL));
        exports.put("table64", store.table(new TableType(ValType.FUNCREF, new Limits(10, 20), AddressType.I64),
                Ref.NULL));
        exports.put("memory", store.memory(new MemoryType(new Limits(1, 2))));
        return exports;
    }

    private static FunctionInstance print(Store store, PrintStream out, List<ValType> params) {
        FuncType type = FuncType.of(params, List.of());
        return store.hostFunction(type, args -> {
            for (int i = 0; i < args.length && i < params.size(); i++) {
                out.println(WastValues.printed(params.get(i), args[i]));
            }
            out.flush();
            return new long[0];
        });
    }
}
