package wasm.runtime;

import java.util.Objects;

import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleMetrics;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;
import wasm.runtime.internal.jit.CodeCacheFormat;
import wasm.runtime.internal.jit.CompiledModule;
import wasm.runtime.internal.jit.Metering;
import wasm.runtime.internal.jit.ModuleCompiler;

/**
 * A module with its machine code: immutable, independent of any store, instantiated with
 * {@link Store#instantiate(PrecompiledModule, ImportResolver)} without compiling (what it lacks is
 * compiled lazily, on first call). {@link #serialize()} gives the {@code .cwasm} bytes that
 * {@code wasmoon compile} writes and the code cache keeps; {@link #deserialize} reads them back
 * after checking the header (format, compiler build, CPU target) and the checksum.
 *
 * <p>The embedding API's {@code WasmModule} (issue 14) is meant to wrap this same artifact.
 */
public final class PrecompiledModule {
    private final CompiledModule compiled;
    private final byte[] wasmBytes;

    private PrecompiledModule(CompiledModule compiled, byte[] wasmBytes) {
        this.compiled = compiled;
        this.wasmBytes = wasmBytes;
    }

    /**
     * Compiles every function of {@code validModule} (decoded from {@code wasmBytes}) at
     * {@code options.optLevel()}, on up to {@code options.compileThreads()} threads, reporting
     * the compile to {@code options.metrics()}, with the polls the options ask for (fuel, loop
     * interruption polls: see {@link RuntimeOptions#fuel()}).
     *
     * @param validModule the decoded, validated module
     * @param wasmBytes its binary, copied and kept for {@link #serialize()}
     * @param options the level, threads, metrics and polls to compile with
     * @return the code of every function the JIT compiles; a function it cannot compile is left to
     *         the interpreter (or refused at instantiation in strict mode)
     */
    public static PrecompiledModule compile(Module validModule, byte[] wasmBytes, RuntimeOptions options) {
        Objects.requireNonNull(validModule, "validModule");
        byte[] bytes = wasmBytes.clone();
        MetricsRecorder recorder = options.metrics();
        ModuleMetrics mm = recorder.beginModule(validModule.functions().size());
        CompiledModule cm = ModuleCompiler.standard(options.optLevel(), options.compileThreads())
                .metered(Metering.of(options)).compile(validModule, CodeCacheFormat.moduleHash(bytes), mm, recorder);
        mm.end();
        return new PrecompiledModule(cm, bytes);
    }

    /**
     * Reads a {@code .cwasm}: checks it, decodes and validates the module it carries and takes its
     * code. A file that fails a check is refused with the reason; nothing of it is executed.
     *
     * @param cwasm the file's bytes
     * @return the module and its code
     * @throws CodeCacheException when a check fails; {@link CodeCacheException#kind()} says which
     */
    public static PrecompiledModule deserialize(byte[] cwasm) throws CodeCacheException {
        try {
            CodeCacheFormat.Checked c = CodeCacheFormat.check(cwasm);
            byte[] wasm = c.wasmBytes();
            Module module = ModuleDecoder.decode(wasm);
            Validator.validate(module);
            return new PrecompiledModule(CodeCacheFormat.functions(c, module), wasm);
        } catch (CodeCacheFormat.CodeCacheError e) {
            throw new CodeCacheException(e.problem().name(), e.getMessage());
        }
    }

    /**
     * Reads cached code for {@code validModule}, decoded from {@code wasmBytes} (the module is not
     * decoded again): refused unless the file was compiled from exactly these bytes at {@code optLevel}.
     */
    static PrecompiledModule deserializeFor(byte[] cwasm, Module validModule, byte[] wasmBytes, int optLevel)
            throws CodeCacheException {
        try {
            CodeCacheFormat.Checked c = CodeCacheFormat.check(cwasm);
            // byte for byte: the file name's hash only makes a collision unlikely
            if (c.optLevel() != optLevel || !c.holdsModule(wasmBytes)) {
                throw new CodeCacheException(CodeCacheFormat.Problem.OTHER_MODULE.name(),
                        CodeCacheFormat.Problem.OTHER_MODULE.text());
            }
            return new PrecompiledModule(CodeCacheFormat.functions(c, validModule), wasmBytes);
        } catch (CodeCacheFormat.CodeCacheError e) {
            throw new CodeCacheException(e.problem().name(), e.getMessage());
        }
    }

    static PrecompiledModule of(CompiledModule compiled, byte[] wasmBytes) {
        return new PrecompiledModule(compiled, wasmBytes);
    }

    /**
     * The {@code .cwasm} bytes: header, checksum, the wasm binary and the code.
     *
     * @return a new array
     * @throws IllegalStateException for code compiled with fuel metering or without loop polls
     *                               ({@code .cwasm} files hold code of the default options' polls only)
     *
     */
    public byte[] serialize() {
        if (!serializable()) {
            throw new IllegalStateException("code compiled with " + compiled.metering()
                    + " cannot be serialized: .cwasm files and the code cache hold code of the default polls only");
        }
        return CodeCacheFormat.write(compiled, wasmBytes);
    }

    /** Whether {@link #serialize()} can write this code: it polls as the default options say. */
    boolean serializable() {
        return compiled.metering().equals(Metering.DEFAULT);
    }

    /**
     * The module the code belongs to.
     *
     * @return the decoded module (immutable)
     */
    public Module module() {
        return compiled.module();
    }

    /**
     * The optimisation level the code was compiled at.
     *
     * @return 0, 1 or 2
     */
    public int optLevel() {
        return compiled.optLevel();
    }

    /**
     * Defined functions that have code.
     *
     * @return the count (functions compiled later, lazily, are not in it)
     */
    public int compiledFunctions() {
        return compiled.compiledCount();
    }

    CompiledModule compiled() {
        return compiled;
    }

    byte[] wasmBytes() {
        return wasmBytes;
    }
}
