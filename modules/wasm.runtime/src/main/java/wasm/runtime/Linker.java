package wasm.runtime;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import wasm.core.WasmException;
import wasm.core.model.FuncType;
import wasm.core.model.ValType;

/**
 * Resolves a module's imports by module and name: host functions (typed lambdas for common
 * signatures, {@link HostFunc} over {@link Val}s with the {@link Caller}, or the raw
 * {@link RawHostFunc}), externs of a store, and whole instances under a module name. WASI preview 1
 * is one call: {@code WasiPreview1.addToLinker(linker)} in the {@code wasm.wasi} module.
 *
 * <pre>{@code
 * Linker linker = new Linker()
 *         .funcI32("env", "twice", x -> 2 * x)
 *         .func("env", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, args) -> {
 *             System.out.println(caller.memory().readUtf8(args[0].i32(), args[1].i32()));
 *             return Val.NONE;
 *         });
 * Instance instance = linker.instantiate(store, module);
 * }</pre>
 *
 * <p>A host function that throws ends the wasm call with a {@link Trap} of kind
 * {@link TrapKind#HOST} whose cause is the exception; a {@link Trap} (or another
 * {@link WasmException}, such as WASI's exit) passes through unchanged. Definitions are made from
 * one thread; a linker that is no longer changed may instantiate from any number of threads.
 * Defining a name twice is an {@link IllegalArgumentException}.
 */
public final class Linker {
    /** A host function over typed values; returns one value per result ({@link Val#NONE} for none). */
    @FunctionalInterface
    public interface HostFunc {
        /**
         * Runs the function.
         *
         * @param caller the calling instance's view: its memory and exports
         * @param args one value per parameter, of the function type's types
         * @return one value per result, of the result types ({@link Val#NONE} or {@code null} for none)
         * @throws Exception anything: it ends the wasm call in a {@link TrapKind#HOST} trap with it as the cause
         *         (a {@link WasmException} such as a {@link Trap} passes through unchanged)
         */
        Val[] call(Caller caller, Val[] args) throws Exception;
    }

    /** A host function over the API's long encoding (see {@link Val#bits()}; two longs per v128): no boxing. */
    @FunctionalInterface
    public interface RawHostFunc {
        /**
         * Runs the function.
         *
         * @param caller the calling instance's view: its memory and exports
         * @param args the arguments in order, API-encoded
         * @return the results in the same encoding (an empty array for none)
         * @throws Exception anything: it ends the wasm call in a {@link TrapKind#HOST} trap with it as the cause
         *         (a {@link WasmException} such as a {@link Trap} passes through unchanged)
         */
        long[] call(Caller caller, long[] args) throws Exception;
    }

    private sealed interface Definition {
    }

    private record HostDef(String module, String name, FuncType type, RawHostFunc impl) implements Definition {
    }

    private record ExternDef(Extern extern) implements Definition {
    }

    private record Key(String module, String name) {
    }

    private final Map<Key, Definition> definitions = new LinkedHashMap<>();

    /** An empty linker: it defines nothing, so it instantiates only modules without imports. */
    public Linker() {
    }

    /**
     * The raw form: the fast lane, arguments and results as API-encoded longs.
     *
     * @param module the import module name
     * @param name the import field name
     * @param type the function type the module must import it as
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcRaw(String module, String name, FuncType type, RawHostFunc f) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "function");
        return define(module, name, new HostDef(module, name, type, f));
    }

    /**
     * The general form: typed values in and out, with the {@link Caller}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param type the function type the module must import it as
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker func(String module, String name, FuncType type, HostFunc f) {
        Objects.requireNonNull(f, "function");
        List<ValType> params = type.params();
        List<ValType> results = type.results();
        return funcRaw(module, name, type, (caller, args) -> {
            Val[] r = f.call(caller, ValEncoding.decode(params, args));
            if (r == null ? !results.isEmpty() : r.length != results.size()) {
                throw new IllegalStateException("host function " + module + "." + name + " returned "
                        + (r == null ? 0 : r.length) + " values, its type " + type + " has " + results.size());
            }
            for (int i = 0; i < results.size(); i++) {
                if (r[i] == null || r[i].type() != results.get(i)) {
                    throw new IllegalStateException("host function " + module + "." + name + " returned "
                            + r[i] + " as result " + i + ", its type " + type + " says " + results.get(i));
                }
            }
            return ValEncoding.encode(results, r == null ? Val.NONE : r);
        });
    }

    /**
     * {@code () -> void}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker func(String module, String name, Runnable f) {
        return funcRaw(module, name, type(List.of(), List.of()), (c, a) -> {
            f.run();
            return NO_RESULTS;
        });
    }

    /**
     * {@code () -> i32}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcI32(String module, String name, IntSupplier f) {
        return funcRaw(module, name, type(List.of(), List.of(ValType.I32)), (c, a) -> new long[] {f.getAsInt()});
    }

    /**
     * {@code (i32) -> i32}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcI32(String module, String name, IntUnaryOperator f) {
        return funcRaw(module, name, type(List.of(ValType.I32), List.of(ValType.I32)),
                (c, a) -> new long[] {f.applyAsInt((int) a[0])});
    }

    /**
     * {@code (i32, i32) -> i32}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcI32(String module, String name, IntBinaryOperator f) {
        return funcRaw(module, name, type(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                (c, a) -> new long[] {f.applyAsInt((int) a[0], (int) a[1])});
    }

    /**
     * {@code () -> i64}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcI64(String module, String name, LongSupplier f) {
        return funcRaw(module, name, type(List.of(), List.of(ValType.I64)), (c, a) -> new long[] {f.getAsLong()});
    }

    /**
     * {@code (i64) -> i64}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcI64(String module, String name, LongUnaryOperator f) {
        return funcRaw(module, name, type(List.of(ValType.I64), List.of(ValType.I64)),
                (c, a) -> new long[] {f.applyAsLong(a[0])});
    }

    /**
     * {@code (i64, i64) -> i64}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcI64(String module, String name, LongBinaryOperator f) {
        return funcRaw(module, name, type(List.of(ValType.I64, ValType.I64), List.of(ValType.I64)),
                (c, a) -> new long[] {f.applyAsLong(a[0], a[1])});
    }

    /**
     * {@code (f64) -> f64}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcF64(String module, String name, DoubleUnaryOperator f) {
        return funcRaw(module, name, type(List.of(ValType.F64), List.of(ValType.F64)),
                (c, a) -> new long[] {Double.doubleToRawLongBits(f.applyAsDouble(Double.longBitsToDouble(a[0])))});
    }

    /**
     * {@code (f64, f64) -> f64}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param f the implementation
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker funcF64(String module, String name, DoubleBinaryOperator f) {
        return funcRaw(module, name, type(List.of(ValType.F64, ValType.F64), List.of(ValType.F64)),
                (c, a) -> new long[] {Double.doubleToRawLongBits(f.applyAsDouble(Double.longBitsToDouble(a[0]),
                        Double.longBitsToDouble(a[1])))});
    }

    /**
     * An extern of a store (a function, table, memory or global) under {@code module.name}.
     *
     * @param module the import module name
     * @param name the import field name
     * @param extern the function, table, memory or global; it must belong to the store the linker instantiates in
     * @return this linker
     * @throws IllegalArgumentException if {@code module.name} is already defined
     */
    public Linker define(String module, String name, Extern extern) {
        return define(module, name, new ExternDef(Objects.requireNonNull(extern, "extern")));
    }

    /**
     * Every export of {@code instance} under module name {@code module} (instance aliasing).
     *
     * @param module the import module name the exports appear under
     * @param instance the instance whose exports are defined, each under its export name
     * @return this linker
     * @throws IllegalArgumentException if one of the names is already defined (the names before it stay defined)
     */
    public Linker instance(String module, Instance instance) {
        for (Map.Entry<String, Extern> e : instance.exports().entrySet()) {
            define(module, e.getKey(), e.getValue());
        }
        return this;
    }

    /**
     * Whether {@code module.name} is defined.
     *
     * @param module the import module name
     * @param name the import field name
     * @return true if a definition exists for it, of any kind and type
     */
    public boolean defines(String module, String name) {
        return definitions.containsKey(new Key(module, name));
    }

    /**
     * Instantiates {@code module} in {@code store}, its imports resolved from this linker's
     * definitions. Host functions are created in the store for this instance, their {@link Caller}
     * seeing it from its start function on.
     *
     * @param store the store the instance and its host functions live in
     * @param module the compiled module
     * @return the new instance, its start function (if any) already run
     * @throws LinkException "unknown import" (naming it) or "incompatible import type"
     * @throws Trap when a segment does not fit or the start function traps
     */
    public Instance instantiate(Store store, WasmModule module) {
        Objects.requireNonNull(store, "store");
        Caller caller = new Caller(store);
        Map<Key, FunctionInstance> made = new HashMap<>();
        for (ImportType imp : module.imports()) {
            if (!definitions.containsKey(new Key(imp.module(), imp.name()))) {
                throw new LinkException("unknown import " + imp.module() + "." + imp.name());
            }
        }
        ImportResolver resolver = (m, n) -> switch (definitions.get(new Key(m, n))) {
            case null -> null;
            case ExternDef e -> e.extern();
            case HostDef h -> made.computeIfAbsent(new Key(m, n),
                    k -> store.hostFunction(h.type(), args -> invokeHost(h, caller, args)));
        };
        return store.instantiate(module, resolver, caller::bind);
    }

    /** Runs a host function: a host exception becomes a HOST trap with it as the cause. */
    private static long[] invokeHost(HostDef h, Caller caller, long[] args) {
        try {
            return h.impl().call(caller, args);
        } catch (WasmException e) {
            throw e;
        } catch (Exception e) {
            throw new Trap(TrapKind.HOST, TrapKind.HOST.message() + ": " + h.module() + "." + h.name() + " threw " + e,
                    e);
        }
    }

    private Linker define(String module, String name, Definition d) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        if (definitions.putIfAbsent(new Key(module, name), d) != null) {
            throw new IllegalArgumentException(module + "." + name + " is already defined");
        }
        return this;
    }

    private static FuncType type(List<ValType> params, List<ValType> results) {
        return FuncType.of(params, results);
    }

    private static final long[] NO_RESULTS = new long[0];
}
