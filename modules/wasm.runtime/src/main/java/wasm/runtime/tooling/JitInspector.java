package wasm.runtime.tooling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import perf.metrics.MetricsRecorder;
import wasm.core.model.Module;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.internal.jit.StageInspection;

/**
 * Compiles one function of a module exactly as the JIT tier does at instantiation (the same vmctx layout
 * arithmetic, Wasm to IR, the pass pipeline of the -O level, the x86-64 backend with defined functions
 * called by rel32 and imports through vmctx) and returns what every stage produced, for tools such as
 * {@code wasmoon explore}. Nothing is instantiated or run and no native memory is touched.
 *
 * <p>One difference with a real instance: call_indirect signature ids are module-local (the index of the
 * first structurally equal type) where a store numbers them store-wide; only the immediates differ.
 */
public final class JitInspector {
    private JitInspector() {
    }

    /**
     * What one pass of the pipeline did: IR instruction counts before and after, and what the
     * pass noted ("" when nothing: e-graph statistics, inlined callees, versioned loops).
     *
     * @param name the pass's name
     * @param beforeInsts IR instructions when the pass started
     * @param afterInsts IR instructions when it ended
     * @param changed whether it changed the function
     * @param note what it noted, or ""
     */
    public record PassLine(String name, long beforeInsts, long afterInsts, boolean changed, String note) {
        /**
         * Checks that there is a name and a note.
         *
         * @throws NullPointerException when {@code name} or {@code note} is null
         */
        public PassLine {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * A trap site of the machine code: the instruction at {@code offset} may trap with {@code message}.
     *
     * @param offset the instruction's offset in the code, bytes
     * @param message the trap message
     */
    public record TrapNote(int offset, String message) {
    }

    /**
     * A relocation of the machine code: a rel32 at {@code offset} patched at load time to {@code target}.
     *
     * @param offset the rel32's offset in the code, bytes
     * @param target what it points at, such as a runtime stub's name
     */
    public record RelocationNote(int offset, String target) {
    }

    /**
     * The stages of one function.
     *
     * @param ir             the IR right after translation (IrPrinter text)
     * @param irOpt          the IR after the passes
     * @param passes         one line per pass run, in order (none at -O0)
     * @param vcode          the backend's VCode before register allocation ("" when the backend gave up first)
     * @param vcodeAllocated the VCode after register allocation ("" when the backend gave up first)
     * @param unsupported    why the JIT would keep this function interpreted (then there is no code)
     * @param code           the machine code (empty when unsupported)
     * @param trapSites      trap sites of {@code code}, by offset
     * @param relocations    relocations of {@code code}, by offset
     * @param constantPool   where the instructions of {@code code} end and its constant pool (data)
     *                       begins: {@code code.length} when there is none
     *
     * @param funcIndex the function's index in the function index space
     */
    public record FunctionStages(int funcIndex, String ir, String irOpt, List<PassLine> passes, String vcode,
                                 String vcodeAllocated, Optional<String> unsupported, byte[] code,
                                 List<TrapNote> trapSites, List<RelocationNote> relocations, int constantPool) {
        /**
         * Copies the lists and the code.
         *
         * @throws NullPointerException when a list, the code or {@code unsupported} is null
         */
        public FunctionStages {
            passes = List.copyOf(passes);
            trapSites = List.copyOf(trapSites);
            relocations = List.copyOf(relocations);
            code = code.clone();
        }

        /**
         * The machine code.
         *
         * @return a copy of the bytes (empty when unsupported)
         */
        @Override
        public byte[] code() {
            return code.clone();
        }
    }

    /**
     * Compiles defined function {@code funcIndex} of {@code validModule} (which must have passed validation)
     * at {@code optLevel} (0, 1 or 2, as {@link RuntimeOptions#optLevel()}).
     *
     * @param validModule a validated module
     * @param funcIndex a defined function's index in the function index space
     * @param optLevel 0, 1 or 2
     * @return every stage's output
     * @throws wasm.core.WasmException  when the function cannot be translated to IR
     * @throws IllegalArgumentException for an imported function, an index out of range or a bad level
     */
    public static FunctionStages inspect(Module validModule, int funcIndex, int optLevel) {
        if (optLevel < 0 || optLevel > 2) {
            throw new IllegalArgumentException("optimisation level must be 0, 1 or 2: " + optLevel);
        }
        int imported = validModule.functionCount() - validModule.functions().size();
        if (funcIndex < imported || funcIndex >= validModule.functionCount()) {
            throw new IllegalArgumentException("function " + funcIndex + " is not a defined function (imports: "
                    + imported + ", functions: " + validModule.functionCount() + ")");
        }
        return StageInspection.inspect(validModule, funcIndex, optLevel);
    }

    /**
     * Compiles every defined function of {@code validModule} as instantiation does, into one module report
     * of {@code recorder} (fallback reasons included), without loading the code: for measuring the compiler.
     *
     * @param validModule a validated module
     * @param optLevel 0, 1 or 2
     * @param recorder receives the module report
     * @return how many functions compiled to native code (the others would run interpreted)
     * @throws IllegalArgumentException when {@code optLevel} is not 0, 1 or 2
     */
    public static int compileAll(Module validModule, int optLevel, MetricsRecorder recorder) {
        if (optLevel < 0 || optLevel > 2) {
            throw new IllegalArgumentException("optimisation level must be 0, 1 or 2: " + optLevel);
        }
        return StageInspection.compileAll(validModule, optLevel, recorder);
    }
}
