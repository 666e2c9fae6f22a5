package perf.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The metrics of one defined function ({@code functions[]} in the file).
 * Times are whole microseconds (rounded down); counts are plain counts.
 *
 * @param funcIdx       absolute function index (imported functions counted)
 * @param funcName      name section name, else export name, else {@code func_<idx>}
 * @param optLevel      the optimization level the function was compiled at
 * @param irInstsBefore IR instructions right after translation from Wasm
 * @param irInstsAfter  IR instructions after the last IR pass
 * @param optimizeUs    time in the IR pass driver
 * @param lowerUs       time lowering IR to machine instructions with virtual registers
 * @param regallocUs    time in register allocation
 * @param emitUs        time encoding machine code into the code buffer
 * @param codeSize      bytes of machine code emitted for the function
 * @param spillSlots    stack slots the register allocator reserved for spills
 * @param spills        stores of a register to a spill slot inserted by the allocator
 * @param reloads       loads from a spill slot inserted by the allocator
 * @param regMoves      register-to-register moves inserted by the allocator
 * @param spillToSpill  spill-slot-to-spill-slot moves inserted by the allocator
 * @param irPasses      the IR passes in the order they ran
 * @param tier          JIT, or interpreter fallback with its reason
 * @param compileMode   eager, lazy (at first call) or cached (loaded, not compiled)
 * @param compileStartUs when this function's compile (or load) began, microseconds after the module's
 * @param compileUs     wall time of this function's compile, begin to end (0 when cached)
 */
public record FunctionReport(int funcIdx, String funcName, int optLevel,
                             long irInstsBefore, long irInstsAfter,
                             long optimizeUs, long lowerUs, long regallocUs, long emitUs,
                             long codeSize, long spillSlots, long spills, long reloads, long regMoves,
                             long spillToSpill, List<PassReport> irPasses, Tier tier,
                             CompileMode compileMode, long compileStartUs, long compileUs) {
    /**
     * Copies the pass list.
     *
     * @throws NullPointerException when {@code funcName}, {@code irPasses}, {@code tier} or
     *         {@code compileMode} is null
     */
    public FunctionReport {
        Objects.requireNonNull(funcName, "funcName");
        irPasses = List.copyOf(irPasses);
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(compileMode, "compileMode");
    }

    /**
     * An eager compile as the schema had it before compile modes: started with the module, and
     * its wall time taken as its stage times.
     *
     * @param funcIdx absolute function index (imported functions counted)
     * @param funcName name section name, else export name, else {@code func_<idx>}
     * @param optLevel the optimization level the function was compiled at
     * @param irInstsBefore IR instructions right after translation from Wasm
     * @param irInstsAfter IR instructions after the last IR pass
     * @param optimizeUs time in the IR pass driver
     * @param lowerUs time lowering IR to machine instructions
     * @param regallocUs time in register allocation
     * @param emitUs time encoding machine code
     * @param codeSize bytes of machine code emitted
     * @param spillSlots stack slots reserved for spills
     * @param spills spill stores inserted
     * @param reloads spill loads inserted
     * @param regMoves register moves inserted
     * @param spillToSpill spill-slot-to-spill-slot moves inserted
     * @param irPasses the IR passes in the order they ran
     * @param tier JIT, or interpreter fallback with its reason
     */
    public FunctionReport(int funcIdx, String funcName, int optLevel, long irInstsBefore, long irInstsAfter,
                          long optimizeUs, long lowerUs, long regallocUs, long emitUs, long codeSize,
                          long spillSlots, long spills, long reloads, long regMoves, long spillToSpill,
                          List<PassReport> irPasses, Tier tier) {
        this(funcIdx, funcName, optLevel, irInstsBefore, irInstsAfter, optimizeUs, lowerUs, regallocUs, emitUs,
                codeSize, spillSlots, spills, reloads, regMoves, spillToSpill, irPasses, tier, CompileMode.EAGER, 0,
                optimizeUs + lowerUs + regallocUs + emitUs);
    }

    /**
     * The four stage times added up: what this function cost the module compile.
     *
     * @return microseconds
     */
    public long stageTimeUs() {
        return optimizeUs + lowerUs + regallocUs + emitUs;
    }

    /**
     * The name a function without name-section or export name gets.
     *
     * @param funcIdx absolute function index
     * @return {@code func_<funcIdx>}
     */
    public static String defaultName(int funcIdx) {
        return "func_" + funcIdx;
    }
}
