package wasm.opt;

import java.util.ArrayList;
import java.util.List;
import perf.metrics.EgraphCounts;

/**
 * What one run of a pipeline over one function shares with its passes: the
 * {@link ModuleContext} around the function, and what passes report besides
 * the IR (an e-graph pass's counters for the metrics, and one-line notes for
 * tools such as {@code wasmoon explore}). One per run, used by one thread.
 */
public final class PassContext {
    /** No module, reports dropped: the pipeline's context when nobody listens. */
    public static final PassContext NONE = new PassContext(ModuleContext.NONE, -1, false, true);

    /** A note one pass of the run left ({@code pass} is its position in the pipeline). */
    public record PassNote(int pass, String name, String text) {
    }

    private final ModuleContext module;
    private final int funcIndex;
    private final boolean keepNotes;
    private final boolean silent;
    private final List<PassNote> notes = new ArrayList<>();
    private EgraphCounts egraph;
    private int passIndex;
    private String passName = "";

    private PassContext(ModuleContext module, int funcIndex, boolean keepNotes, boolean silent) {
        this.module = module;
        this.funcIndex = funcIndex;
        this.keepNotes = keepNotes;
        this.silent = silent;
    }

    /**
     * A context for one run over function {@code funcIndex} of the module {@code module}
     * describes; notes kept when {@code keepNotes}.
     */
    public static PassContext of(ModuleContext module, int funcIndex, boolean keepNotes) {
        return new PassContext(module, funcIndex, keepNotes, false);
    }

    public ModuleContext module() {
        return module;
    }

    /** The index of the function being optimised in its module, or -1 when unknown. */
    public int funcIndex() {
        return funcIndex;
    }

    /** Whether notes are kept (a pass may skip building note text otherwise). */
    public boolean keepsNotes() {
        return keepNotes;
    }

    /** Records the e-graph counters of the pass that is running (the pipeline puts them in the metrics). */
    public void reportEgraph(long classes, long nodes, long ruleApps) {
        if (!silent) {
            egraph = new EgraphCounts(classes, nodes, ruleApps);
        }
    }

    /** Leaves a note for the pass that is running. */
    public void note(String text) {
        if (keepNotes) {
            notes.add(new PassNote(passIndex, passName, text));
        }
    }

    public List<PassNote> notes() {
        return List.copyOf(notes);
    }

    void startPass(int index, String name) {
        passIndex = index;
        passName = name;
        egraph = null;
    }

    /** The e-graph counters the running pass reported, or null. */
    EgraphCounts egraphCounts() {
        return egraph;
    }
}
