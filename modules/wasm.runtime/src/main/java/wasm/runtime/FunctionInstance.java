package wasm.runtime;

import java.util.List;

import wasm.core.model.FuncType;
import wasm.core.model.ValType;
import wasm.runtime.internal.RuntimeFunction;
import wasm.runtime.internal.StoreState;

/**
 * A function in a store: exported by an instance or provided by the host.
 *
 * <p>Three ways to call it, checked alike in both tiers (a wrong argument count or type is an
 * {@link IllegalArgumentException} before anything runs):
 * <ul>
 *   <li>{@link #call(long...)}: the raw lane, arguments and results in the API's long encoding
 *       (see {@link Val#bits()}); no boxing.</li>
 *   <li>{@link #invoke(Val...)}: typed {@link Val}s in and out.</li>
 *   <li>{@link #callInt}, {@link #callLong}, {@link #callFloat}, {@link #callDouble},
 *       {@link #callVoid}: Java numbers in ({@code Integer} for i32, {@code Long} for i64,
 *       {@code Float} for f32, {@code Double} for f64, or {@link Val}s, a v128 as {@link Val.V128}),
 *       one typed result out.</li>
 * </ul>
 */
public final class FunctionInstance implements Extern {
    private final StoreState store;
    private final RuntimeFunction function;

    FunctionInstance(StoreState store, RuntimeFunction function) {
        this.store = store;
        this.function = function;
    }

    /**
     * The function's type.
     *
     * @return the parameter and result types
     */
    public FuncType type() {
        return function.type();
    }

    /**
     * Calls the function with API-encoded arguments and returns its API-encoded
     * results (two longs per v128, see {@link ValueSlots}). Runs to completion.
     *
     * @param args the arguments, API-encoded
     * @return the results, API-encoded; an empty array for none
     * @throws IllegalArgumentException when the number of longs is not the type's, or a funcref argument
     *                                  names no function of this store
     * @throws Trap when execution traps, including "call stack exhausted" for runaway recursion
     */
    public long[] call(long... args) {
        List<ValType> params = function.type().params();
        int n = ValueSlots.of(params);
        if (args.length != n) {
            throw new IllegalArgumentException(n == params.size() ? arityMessage(n, args.length)
                    : "expected " + n + " longs (a v128 takes two), got " + args.length + ": " + function.type());
        }
        return store.invoke(function, args);
    }

    /**
     * Calls the function with typed arguments; its results as typed values.
     *
     * @param args one value per parameter
     * @return one value per result ({@link Val#NONE} for none)
     * @throws IllegalArgumentException when the count or a type does not match the function's type
     * @throws Trap when execution traps
     */
    public Val[] invoke(Val... args) {
        List<ValType> params = function.type().params();
        if (args.length != params.size()) {
            throw new IllegalArgumentException(arityMessage(params.size(), args.length));
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null || args[i].type() != params.get(i)) {
                throw new IllegalArgumentException("argument " + i + " must be " + params.get(i) + ", got "
                        + (args[i] == null ? "null" : args[i].type()));
            }
        }
        return ValEncoding.decode(function.type().results(), store.invoke(function, ValEncoding.encode(params, args)));
    }

    /**
     * Calls a function of one i32 result.
     *
     * Arguments are Java numbers of the parameter types ({@code Integer} for i32, {@code Long} for
     * i64, {@code Float}, {@code Double}) or {@link Val}s.
     *
     * @param args one argument per parameter
     * @return the result
     * @throws IllegalArgumentException when the function does not return exactly one i32, or an
     *         argument's count or type does not match
     * @throws Trap when execution traps
     */
    public int callInt(Object... args) {
        return (int) single(ValType.I32, args);
    }

    /**
     * Calls a function of one i64 result.
     *
     * @param args one argument per parameter, as {@link #callInt} takes them
     * @return the result
     * @throws IllegalArgumentException when the function does not return exactly one i64, or an
     *         argument's count or type does not match
     * @throws Trap when execution traps
     */
    public long callLong(Object... args) {
        return single(ValType.I64, args);
    }

    /**
     * Calls a function of one f32 result.
     *
     * @param args one argument per parameter, as {@link #callInt} takes them
     * @return the result, its bits as the function returned them
     * @throws IllegalArgumentException when the function does not return exactly one f32, or an
     *         argument's count or type does not match
     * @throws Trap when execution traps
     */
    public float callFloat(Object... args) {
        return Float.intBitsToFloat((int) single(ValType.F32, args));
    }

    /**
     * Calls a function of one f64 result.
     *
     * @param args one argument per parameter, as {@link #callInt} takes them
     * @return the result, its bits as the function returned them
     * @throws IllegalArgumentException when the function does not return exactly one f64, or an
     *         argument's count or type does not match
     * @throws Trap when execution traps
     */
    public double callDouble(Object... args) {
        return Double.longBitsToDouble(single(ValType.F64, args));
    }

    /**
     * Calls a function without results.
     *
     * @param args one argument per parameter, as {@link #callInt} takes them
     * @throws IllegalArgumentException when the function has results, or an argument's count or type
     *         does not match
     * @throws Trap when execution traps
     */
    public void callVoid(Object... args) {
        if (!function.type().results().isEmpty()) {
            throw new IllegalArgumentException("the function returns " + function.type().results()
                    + ", not nothing: " + function.type());
        }
        store.invoke(function, encode(args));
    }

    private long single(ValType result, Object[] args) {
        List<ValType> results = function.type().results();
        if (results.size() != 1 || results.get(0) != result) {
            throw new IllegalArgumentException("the function returns " + results + ", not [" + result + "]: "
                    + function.type());
        }
        return store.invoke(function, encode(args))[0];
    }

    /** Java numbers (or Vals) to the raw encoding, checked against the parameter types. */
    private long[] encode(Object[] args) {
        List<ValType> params = function.type().params();
        if (args.length != params.size()) {
            throw new IllegalArgumentException(arityMessage(params.size(), args.length));
        }
        Val[] vals = new Val[args.length];
        for (int i = 0; i < vals.length; i++) {
            ValType t = params.get(i);
            Object a = args[i];
            vals[i] = switch (a) {
                case Integer v when t == ValType.I32 -> Val.i32(v);
                case Long v when t == ValType.I64 -> Val.i64(v);
                case Float v when t == ValType.F32 -> Val.f32(v);
                case Double v when t == ValType.F64 -> Val.f64(v);
                case Val v when v.type() == t -> v;
                case null, default -> throw new IllegalArgumentException("argument " + i + " must be " + t + ", got "
                        + (a == null ? "null" : a.getClass().getSimpleName() + " " + a));
            };
        }
        return ValEncoding.encode(params, vals);
    }

    private String arityMessage(int expected, int got) {
        return "expected " + expected + " argument" + (expected == 1 ? "" : "s") + ", got " + got + ": " + function.type();
    }

    /**
     * The funcref value of this function (its store address).
     *
     * @return the reference, for a table or a funcref argument
     */
    public long ref() {
        return function.address();
    }

    StoreState store() {
        return store;
    }

    RuntimeFunction function() {
        return function;
    }

    @Override
    public String toString() {
        return "FunctionInstance[" + function.address() + ": " + function.type() + "]";
    }
}
