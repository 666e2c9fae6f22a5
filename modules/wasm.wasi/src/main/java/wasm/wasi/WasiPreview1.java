package wasm.wasi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import wasm.runtime.Caller;
import wasm.runtime.Extern;
import wasm.runtime.FunctionInstance;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.Linker;
import wasm.runtime.MemoryInstance;
import wasm.runtime.Store;
import wasm.wasi.internal.GuestMemory;
import wasm.wasi.internal.WasiFunction;
import wasm.wasi.internal.WasiSyscalls;

/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) for one guest, sandboxed to
 * the preopened directories of its {@link WasiConfig}.
 *
 * <pre>{@code
 * try (WasiPreview1 wasi = new WasiPreview1(config)) {
 *     Linker linker = wasi.addToLinker(new Linker());
 *     Instance instance = linker.instantiate(store, module);
 *     int exitCode = wasi.run(instance);   // calls _start, returns proc_exit's code
 * }
 * }</pre>
 *
 * Through a {@link Linker}, each call reaches the calling instance's memory by its
 * {@link wasm.runtime.Caller}; the older {@link #imports(Store)} form needs {@link #bind(Instance)}.
 *
 * Every function answers with a preview1 errno: unknown or unsupported calls
 * give ENOSYS/ENOTSUP, bad guest pointers EFAULT, and paths that would leave a
 * preopen ENOTCAPABLE. {@code proc_exit} throws {@link WasiExit}.
 * Not thread-safe (neither is a guest instance).
 */
public final class WasiPreview1 implements AutoCloseable {
    /** The import module name of WASI preview1. */
    public static final String MODULE_NAME = "wasi_snapshot_preview1";

    private final WasiSyscalls syscalls;
    /** The memory the system calls work on since the last {@link #bindCaller}, or null. */
    private MemoryInstance bound;

    /**
     * The WASI host of one guest: opens the preopened directories now.
     *
     * @param config what the guest may see
     * @throws UncheckedIOException when a preopened directory does not exist
     */
    public WasiPreview1(WasiConfig config) {
        try {
            this.syscalls = new WasiSyscalls(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot preopen a WASI directory: " + e.getMessage(), e);
        }
    }

    /**
     * Defines every {@code wasi_snapshot_preview1} function in {@code linker}; each call works on
     * the memory of the instance that calls it. Returns the linker.
     *
     * @param linker the linker
     * @return {@code linker}
     * @throws IllegalArgumentException when the linker already defines one of the names
     */
    public Linker addToLinker(Linker linker) {
        for (WasiFunction f : WasiFunction.values()) {
            linker.funcRaw(MODULE_NAME, f.importName(), f.type(), (caller, args) -> {
                bindCaller(caller);
                return syscalls.invoke(f, args);
            });
        }
        return linker;
    }

    /** Points the system calls at the caller's memory, unless they already use it. */
    private void bindCaller(Caller caller) {
        MemoryInstance m = caller.instance().defaultMemory().orElse(null);
        if (m != bound) {
            bound = m;
            syscalls.bind(m == null ? GuestMemory.NONE : new InstanceMemory(m));
        }
    }

    /**
     * Resolves {@code wasi_snapshot_preview1} imports to host functions created in
     * {@code store} (one per name); every other import is unknown.
     *
     * @param store the store the host functions are created in
     * @return the resolver
     */
    public ImportResolver imports(Store store) {
        return imports(store, ImportResolver.NONE);
    }

    /**
     * Like {@link #imports(Store)}, asking {@code others} for imports of other modules.
     *
     * @param store the store the host functions are created in
     * @param others answers every import not of {@value #MODULE_NAME}
     * @return the resolver
     */
    public ImportResolver imports(Store store, ImportResolver others) {
        Map<WasiFunction, FunctionInstance> made = new EnumMap<>(WasiFunction.class);
        return (module, name) -> {
            if (!MODULE_NAME.equals(module)) {
                return others.resolve(module, name);
            }
            WasiFunction f = WasiFunction.byName(name);
            if (f == null) {
                return null;
            }
            return made.computeIfAbsent(f, fn -> store.hostFunction(fn.type(), args -> syscalls.invoke(fn, args)));
        };
    }

    /**
     * Gives the WASI functions the instance's exported {@code memory}. Call it after
     * instantiation and before running the guest. Without such an export every call
     * that touches memory answers EFAULT.
     *
     * @param instance the guest's instance
     */
    public void bind(Instance instance) {
        Extern e = instance.export("memory");
        if (e instanceof MemoryInstance m) {
            bind(m);
        } else {
            bound = null;
            syscalls.bind(GuestMemory.NONE);
        }
    }

    /**
     * Gives the WASI functions {@code memory} to work on, exported or not (for instances linked
     * through {@link #imports}; a linker binds each call to its caller's memory by itself).
     *
     * @param memory the guest's memory
     */
    public void bind(MemoryInstance memory) {
        bound = memory;
        syscalls.bind(new InstanceMemory(memory));
    }

    /**
     * Runs a WASI command: binds the memory (for instances linked through {@link #imports}) and
     * calls {@code _start}.
     *
     * @param instance the guest's instance
     * @return the code passed to proc_exit, or 0 when {@code _start} returns
     * @throws wasm.runtime.Trap when the guest traps
     */
    public int run(Instance instance) {
        bind(instance);
        try {
            instance.function("_start").call();
            return 0;
        } catch (WasiExit exit) {
            return exit.code();
        }
    }

    /** Closes every file the guest left open (the standard streams are only flushed). */
    @Override
    public void close() {
        syscalls.close();
    }

    /** A runtime memory seen through WASI's bounds-checked view. */
    private record InstanceMemory(MemoryInstance memory) implements GuestMemory {
        @Override
        public long byteSize() {
            return memory.byteSize();
        }

        @Override
        public byte[] readRaw(long address, int length) {
            return memory.read(address, length);
        }

        @Override
        public void writeRaw(long address, byte[] bytes) {
            memory.write(address, bytes);
        }
    }
}
