package wasm.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import wasm.core.model.Export;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Module;
import wasm.runtime.internal.jit.CodeCacheFormat;
import wasm.runtime.internal.jit.CompiledModule;
import wasm.runtime.internal.jit.Metering;

/**
 * A validated module, compiled once by its {@link Engine}: immutable and thread-safe, instantiated
 * in any number of stores ({@link Linker#instantiate}, {@link Store#instantiate(WasmModule,
 * ImportResolver)}). Named so as not to clash with {@code java.lang.Module}.
 *
 * <p>The split of the work: compiling into a code image belongs to the module (shared by every
 * store; JIT tier, eager policy, or code from a cache or {@link #serialize() serialized} file);
 * filling an instance's vmctx and linking its imports belongs to instantiation, per store.
 */
public final class WasmModule {
    private final Engine engine;
    private final Module module;
    private final byte[] wasmBytes;
    /** The shared code image, or null (interpreter tier, or compiled lazily per store). */
    private final PrecompiledModule code;

    WasmModule(Engine engine, Module module, byte[] wasmBytes, PrecompiledModule code) {
        this.engine = engine;
        this.module = module;
        this.wasmBytes = wasmBytes;
        this.code = code;
    }

    /**
     * The engine that compiled the module; its stores run the module's shared code.
     *
     * @return the engine
     */
    public Engine engine() {
        return engine;
    }

    /**
     * The module's name from its name section, if it has one.
     *
     * @return the name, or empty
     */
    public Optional<String> name() {
        return Optional.ofNullable(module.names().moduleName());
    }

    /**
     * The imports in declaration order, with their types.
     *
     * @return the imports, unmodifiable
     */
    public List<ImportType> imports() {
        List<ImportType> out = new ArrayList<>();
        for (Import imp : module.imports()) {
            ExternType t = switch (imp.desc()) {
                case ImportDesc.Func f -> new ExternType.Func(module.types().get(f.typeIndex()));
                case ImportDesc.Table t2 -> new ExternType.Table(t2.type());
                case ImportDesc.Memory m -> new ExternType.Memory(m.type());
                case ImportDesc.Global g -> new ExternType.Global(g.type());
            };
            out.add(new ImportType(imp.module(), imp.name(), t));
        }
        return List.copyOf(out);
    }

    /**
     * The exports in declaration order, with their types.
     *
     * @return the exports, unmodifiable
     */
    public List<ExportType> exports() {
        List<ExportType> out = new ArrayList<>();
        for (Export ex : module.exports()) {
            ExternType t = switch (ex.kind()) {
                case FUNC -> new ExternType.Func(module.functionType(ex.index()));
                case TABLE -> new ExternType.Table(module.allTables().get(ex.index()));
                case MEMORY -> new ExternType.Memory(module.allMemories().get(ex.index()));
                case GLOBAL -> new ExternType.Global(module.allGlobals().get(ex.index()));
            };
            out.add(new ExportType(ex.name(), t));
        }
        return List.copyOf(out);
    }

    /**
     * The {@code .cwasm} bytes ({@link Engine#deserialize} reads them back): the module binary
     * and the code compiled so far, which is none in the interpreter tier, under the lazy policy, or
     * for an engine whose code meters fuel or leaves loops without polls (.cwasm files hold code of
     * the default polls only).
     *
     * @return a new array
     */
    public byte[] serialize() {
        PrecompiledModule p = code != null && code.serializable() ? code : PrecompiledModule.of(
                CompiledModule.uncompiled(module, CodeCacheFormat.moduleHash(wasmBytes), engine.options().optLevel(),
                        Metering.DEFAULT),
                wasmBytes);
        return p.serialize();
    }

    /**
     * Defined functions with machine code in the shared image (0 in the interpreter tier or when lazy).
     *
     * @return the count
     */
    public int compiledFunctions() {
        return code == null ? 0 : code.compiledFunctions();
    }

    /**
     * The decoded module (for tools).
     *
     * @return the module as decoded (immutable)
     */
    public Module model() {
        return module;
    }

    /**
     * The module's binary.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
        return wasmBytes.clone();
    }

    PrecompiledModule code() {
        return code;
    }
}
