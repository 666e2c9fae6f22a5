package wasm.opt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import perf.metrics.FunctionMetrics;
import perf.metrics.Stage;
import wasm.ir.Function;
import wasm.ir.verify.Verifier;
import wasm.ir.verify.VerifierException;
import wasm.opt.passes.AddressFoldPass;
import wasm.opt.passes.CfgCleanupPass;
import wasm.opt.passes.ConstFoldPass;
import wasm.opt.passes.CopyPropPass;
import wasm.opt.passes.DcePass;
import wasm.opt.passes.EgraphPass;
import wasm.opt.passes.GvnPass;
import wasm.opt.passes.InlinePass;
import wasm.opt.passes.LicmPass;
import wasm.opt.passes.LoadForwardPass;
import wasm.opt.passes.LoopVersioningPass;
import wasm.opt.passes.SimplifyPass;

/**
 * The pass driver: an immutable list of passes run in order on one function.
 * After each pass it records, through the function's {@link FunctionMetrics},
 * the pass name, its duration, the layout instruction counts before and after
 * ({@link Function#layoutInstCount()}, a live O(1) count) and whether it changed anything; it also records {@code ir_insts_before},
 * {@code ir_insts_after} and the {@link Stage#OPTIMIZE} time, reading the clock
 * once per pass boundary ({@link FunctionMetrics#endPassLap}): n passes cost n + 1
 * clock reads. With metrics off (the shared no-op) the driver reads no clock and
 * allocates nothing.
 *
 * <p>With {@link #verifying(boolean) verification} on (tests), the
 * {@link Verifier} runs after every pass, the live instruction count is checked
 * against a walk of the layout, and a pass that changed the count but reported
 * no change is a bug; all three throw {@link PassFailedException}
 * naming the pass.
 *
 * <pre>{@code
 * PassPipeline p = PassPipeline.forLevel(OptLevel.O2);
 * p.run(function, functionMetrics);
 * }</pre>
 */
public final class PassPipeline {
    private final OptLevel level;
    private final List<Pass> passes;
    private final boolean verify;

    private PassPipeline(OptLevel level, List<Pass> passes, boolean verify) {
        this.level = level;
        this.passes = List.copyOf(passes);
        this.verify = verify;
    }

    /** The standard pipeline of {@code level}, with the e-graph pass in its slot at O2. */
    public static PassPipeline forLevel(OptLevel level) {
        return forLevel(level, b -> b.add(EgraphPass.INSTANCE));
    }

    /**
     * The standard pipeline of {@code level}. {@code egraphSlot} is called with
     * the builder at the point of the O2 pipeline where the e-graph rewriting
     * pass belongs (after LICM and loop versioning, before the DCE and CFG
     * cleanup that follow extraction); it may add passes there. It is not called
     * below O2.
     */
    public static PassPipeline forLevel(OptLevel level, Consumer<Builder> egraphSlot) {
        Builder b = builder(level);
        switch (level) {
            case O0 -> {
                // Nothing: the backend lowers any verified IR, unreachable blocks included.
            }
            case O1 -> b.add(ConstFoldPass.INSTANCE)
                    .add(CfgCleanupPass.INSTANCE)
                    .add(CopyPropPass.INSTANCE)
                    .add(GvnPass.INSTANCE)
                    .add(DcePass.INSTANCE)
                    .add(CfgCleanupPass.INSTANCE);
            case O2 -> {
                b.add(InlinePass.INSTANCE)
                        .add(ConstFoldPass.INSTANCE)
                        .add(SimplifyPass.INSTANCE)
                        .add(CfgCleanupPass.INSTANCE)
                        .add(CopyPropPass.INSTANCE)
                        .add(GvnPass.INSTANCE)
                        .add(LicmPass.INSTANCE)
                        .add(LoopVersioningPass.INSTANCE);
                // The e-graph slot: the rewriting pass goes here, on IR that GVN has already
                // hash-consed and LICM has hoisted (so its loop-depth-weighted extraction sees final
                // placement). The e-graph folds constants, simplifies and value-numbers everything it
                // places, so const_fold, simplify and gvn found nothing left to do after it (none
                // changed a function of the examples); DCE and CFG cleanup remove what extraction
                // leaves unused.
                egraphSlot.accept(b);
                // Constant addends of addresses that a dominating check covers go into the
                // accesses' offsets, after the e-graph has placed the adds (dce drops the dead ones).
                // Then loads of bytes stored or loaded just before (same address value, offsets
                // compared) take the values themselves: after address_fold, whose offsets they compare.
                b.add(AddressFoldPass.INSTANCE)
                        .add(LoadForwardPass.INSTANCE)
                        .add(DcePass.INSTANCE)
                        .add(CfgCleanupPass.INSTANCE);
            }
        }
        return b.build();
    }

    /** An empty builder for a custom pipeline reported at {@code level}. */
    public static Builder builder(OptLevel level) {
        return new Builder(level);
    }

    public OptLevel level() {
        return level;
    }

    public List<Pass> passes() {
        return passes;
    }

    public boolean verifying() {
        return verify;
    }

    /** The same passes, verifying after each pass when {@code on}. */
    public PassPipeline verifying(boolean on) {
        return new PassPipeline(level, passes, on);
    }

    /** Runs every pass on {@code f} with metrics off. */
    public boolean run(Function f) {
        return run(f, perf.metrics.MetricsRecorder.disabled().beginModule(0).beginFunction(0, null, 0));
    }

    /**
     * Runs every pass on {@code f}, recording into {@code metrics}.
     *
     * @return whether any pass changed the function
     */
    public boolean run(Function f, FunctionMetrics metrics) {
        return run(f, metrics, metrics.enabled() ? PassContext.of(ModuleContext.NONE, -1, false) : PassContext.NONE);
    }

    /**
     * Runs every pass on {@code f} with {@code context} (the module around the function,
     * notes for tools), recording into {@code metrics}; an e-graph pass's counters
     * reported through the context go into its pass record.
     *
     * @return whether any pass changed the function
     */
    public boolean run(Function f, FunctionMetrics metrics, PassContext context) {
        boolean measure = metrics.enabled();
        // One clock read per pass boundary: the start of the optimize stage is the start of the
        // first pass, the end of each pass the start of the next, and the end of the last pass the
        // end of the stage. The instruction count is a live O(1) count, so reading it is free.
        long optimize = metrics.startTimer();
        long t = optimize;
        int insts = f.layoutInstCount();
        metrics.irInstsBefore(insts);
        boolean any = false;
        for (int p = 0; p < passes.size(); p++) {
            Pass pass = passes.get(p);
            context.startPass(p, pass.name());
            boolean changed = pass.run(f, context);
            int after = f.layoutInstCount();
            if (measure) {
                perf.metrics.EgraphCounts e = context.egraphCounts();
                t = e == null ? metrics.endPassLap(pass.name(), t, insts, after, changed)
                        : metrics.endEgraphPass(pass.name(), t, insts, after, changed, e.classes(), e.nodes(),
                                e.ruleApps());
            }
            if (verify) {
                check(pass, f, insts, after, changed);
                // the verifier's time belongs to the stage, not to the next pass
                t = metrics.startTimer();
            }
            insts = after;
            any |= changed;
        }
        metrics.irInstsAfter(insts);
        if (passes.isEmpty() || verify) {
            metrics.endStage(Stage.OPTIMIZE, optimize);
        } else {
            metrics.endStageAt(Stage.OPTIMIZE, optimize, t);
        }
        return any;
    }

    private static void check(Pass pass, Function f, int before, int after, boolean changed) {
        int walked = f.walkLayoutInstCount();
        if (walked != after) {
            throw new PassFailedException(pass.name(), f.name(), "live instruction count " + after
                    + " differs from the " + walked + " instructions in the layout", null);
        }
        if (before != after && !changed) {
            throw new PassFailedException(pass.name(), f.name(), "instruction count went from " + before + " to "
                    + after + " but the pass reported no change", null);
        }
        try {
            Verifier.check(f);
        } catch (VerifierException e) {
            throw new PassFailedException(pass.name(), f.name(), "verifier: " + e.getMessage(), e);
        }
    }

    /** Collects passes in order; {@link #build()} makes the immutable pipeline. */
    public static final class Builder {
        private final OptLevel level;
        private final List<Pass> passes = new ArrayList<>();
        private boolean verify;

        private Builder(OptLevel level) {
            this.level = Objects.requireNonNull(level, "level");
        }

        public Builder add(Pass pass) {
            passes.add(Objects.requireNonNull(pass, "pass"));
            return this;
        }

        public Builder verifying(boolean on) {
            verify = on;
            return this;
        }

        public PassPipeline build() {
            return new PassPipeline(level, passes, verify);
        }
    }
}
