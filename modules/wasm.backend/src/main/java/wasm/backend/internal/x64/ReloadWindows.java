package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import wasm.backend.x64.Gpr;

/**
 * Live-range splitting for spilled values, as register windows: after the linear scan, a value
 * that lives in a spill slot is also given a register over stretches of code (a whole loop, or
 * a run of uses between calls) where some register of its class is free. The value is SSA, so
 * its slot, stored once at the definition, stays valid wherever it lives: a window needs a
 * reload where control enters it and nothing where it leaves. Inside a window every use reads
 * the register instead of reloading into the scratch register (or reading the slot as a memory
 * operand) at each use.
 *
 * <p>A window is a range of positions {@code [from, to]} in layout order (2i: instruction i's
 * uses, 2i+1: its fixed defs and late clobbers). Control enters it at {@code from} (a reload
 * before that instruction, or on the edges into {@code from}'s block when the window starts
 * there) and on every edge from outside into a block that starts inside it, where the value is
 * live. An edge reload goes into the source's jump (one more move of the edge's parallel move)
 * or, when the target has that one predecessor, at the target's start; a window that would need
 * one on any other edge (a critical edge without block arguments, which has no block of its
 * own) is not taken. The register must be free of every other value and every clobber over the
 * whole window, holes included. {@link RegallocChecker} replays the resulting moves like any
 * other, so a missing reload is caught as a use that finds the wrong value.
 *
 * <p>Windows are chosen greedily, most heavily used values first: first a whole loop (outermost
 * first, falling back to inner loops), so that the reload sits on the loop's entry edge; then
 * runs of the remaining uses, each run the prefix with the largest saving (uses weighted by
 * 8^loop depth, a reload costing 2, a memory operand 1 in a loop's window, the window's reloads
 * subtracted).
 */
final class ReloadWindows {
    private static final int RELOAD_COST = 2;
    /** Uses a run window may span: bounds the search (quadratic in a value's uses without it). */
    private static final int MAX_RUN = 16;

    private final VCode code;
    private final int[] loc;
    private final int[] start;
    private final int[] end;
    private final LiveRanges live;
    private final boolean[] xmm;
    private final Liveness liveness;
    private final int count;
    private final int[] blockOfInst;
    private final int[][] preds;
    private final long[] freq;
    /** Positions at which each register location is taken (by a value, a window or a clobber). */
    private final BitSet[] busy = new BitSet[Loc.FIRST_SLOT];
    /** Per vreg: its windows as (from, to, reg) triples in order, or null. */
    final int[][] windows;
    /** Reloads {slot, reg, scratch} before instruction i: windows that start at i. */
    final List<List<int[]>> before;
    /**
     * Reloads {slot, reg, scratch} on edges: at a Jump, part of its parallel move; at a
     * BlockStart, after it (the block's one predecessor ends in a multi-way branch).
     */
    final List<List<int[]>> edge;
    /** Registers some window holds (for the callee-saved set). */
    int usedRegs;
    /** Whether some reload reads each value's slot (a window entered from outside). */
    private final boolean[] entered;
    /** Whether each value is defined by a register def (so a window may start at its definition). */
    private final boolean[] defInRegister;
    /** Each spilled value's last use (position), for {@link #needsStore}. */
    private final int[] lastUse;

    private ReloadWindows(VCode code, int[] loc, int[] start, int[] end, LiveRanges live, boolean[] xmm,
                          Liveness liveness) {
        this.code = code;
        this.loc = loc;
        this.start = start;
        this.end = end;
        this.live = live;
        this.xmm = xmm;
        this.liveness = liveness;
        this.count = code.insts.size();
        int blocks = code.blockCount();
        blockOfInst = new int[count];
        freq = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(blockOfInst, code.start(b), code.end(b), b);
            freq[b] = 1L << (3 * Math.min(code.loopDepths.get(b), 12));
        }
        preds = code.predecessors();
        windows = new int[loc.length][];
        entered = new boolean[loc.length];
        defInRegister = new boolean[loc.length];
        lastUse = new int[loc.length];
        before = new ArrayList<>(count);
        edge = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            before.add(null);
            edge.add(null);
        }
    }

    /**
     * Windows for the spilled values of an allocation ({@code loc}, over intervals
     * {@code [start, end]}), given the values live into each block and each vreg's spill weight.
     */
    static ReloadWindows choose(VCode code, int[] loc, int[] start, int[] end, LiveRanges live, boolean[] xmm,
                                Liveness liveness, long[] weight) {
        ReloadWindows w = new ReloadWindows(code, loc, start, end, live, xmm, liveness);
        w.run(weight);
        return w;
    }

    /**
     * Whether v's definition must store to its slot: always, unless one window from the definition
     * holds v for all its uses and nothing enters it from outside (then the slot is never read).
     */
    boolean needsStore(int v) {
        int[] ws = windows[v];
        return ws == null || ws.length != 3 || ws[0] != start[v] || entered[v] || ws[1] < lastUse[v];
    }

    /** Where {@code v} is at position {@code pos}: a window's register, else its own location. */
    int locAt(int v, int pos) {
        int[] ws = windows[v];
        if (ws != null) {
            for (int k = 0; k < ws.length; k += 3) {
                if (ws[k] <= pos && pos <= ws[k + 1]) {
                    return ws[k + 2];
                }
            }
        }
        return loc[v];
    }

    private void run(long[] weight) {
        int spilled = 0;
        for (int v = 0; v < loc.length; v++) {
            if (loc[v] >= 0 && !Loc.isReg(loc[v])) {
                spilled++;
            }
        }
        if (spilled == 0) {
            return;
        }
        for (int r = 0; r < Loc.FIRST_SLOT; r++) {
            busy[r] = new BitSet(2 * count);
        }
        for (int v = 0; v < loc.length; v++) {
            if (loc[v] >= 0 && Loc.isReg(loc[v])) {
                int[] rs = live.ranges[v];
                for (int k = 0; k < rs.length; k += 2) {
                    busy[loc[v]].set(rs[k], rs[k + 1] + 1); // holes stay free for windows
                }
            }
        }
        for (int i = 0; i < count; i++) {
            Operand[] ops = code.ops(i);
            MInst m = code.insts.get(i);
            int late = Clobbers.late(m, ops);
            if (late != 0) {
                int early = Clobbers.early(m, ops);
                for (int r = 0; r < Loc.FIRST_SLOT; r++) {
                    if ((early & (1 << r)) != 0) {
                        busy[r].set(2 * i);
                    }
                    if ((late & (1 << r)) != 0) {
                        busy[r].set(2 * i + 1);
                    }
                }
            }
        }
        // The spilled values, most heavily used first, with their uses: instruction and saving.
        long[] keys = new long[spilled];
        int n = 0;
        for (int v = 0; v < loc.length; v++) {
            if (loc[v] >= 0 && !Loc.isReg(loc[v])) {
                keys[n++] = (Math.min(weight[v], (1L << 31) - 1) << 32) | v;
            }
        }
        Arrays.sort(keys);
        int[][] uses = new int[loc.length][];
        int[] useCount = new int[loc.length];
        for (int i = 0; i < count; i++) {
            for (Operand o : code.ops(i)) {
                int v = o.vreg();
                if (o.kind() == Operand.Kind.DEF_REG && start[v] == 2 * i) {
                    defInRegister[v] = true;
                }
                if (o.kind().isUse() && loc[v] >= 0 && !Loc.isReg(loc[v])) {
                    lastUse[v] = 2 * i;
                    if (uses[v] == null) {
                        uses[v] = new int[4];
                    } else if (useCount[v] == uses[v].length) {
                        uses[v] = Arrays.copyOf(uses[v], 2 * useCount[v]);
                    }
                    if (useCount[v] == 0 || uses[v][useCount[v] - 1] != i) {
                        uses[v][useCount[v]++] = i;
                    }
                }
            }
        }
        List<int[]> loops = loopSpans();
        for (int k = spilled - 1; k >= 0; k--) {
            int v = (int) keys[k];
            if (useCount[v] > 0) {
                loopWindows(v, uses[v], useCount[v], loops);
            }
        }
        for (int k = spilled - 1; k >= 0; k--) {
            int v = (int) keys[k];
            if (useCount[v] > 0 && defInRegister[v]) {
                defWindow(v, uses[v], useCount[v]);
            }
        }
        for (int k = spilled - 1; k >= 0; k--) {
            int v = (int) keys[k];
            if (useCount[v] > 1) {
                runWindows(v, uses[v], useCount[v]);
            }
        }
    }

    /**
     * Each block with a back edge (a predecessor at or after it in layout order) heads a span from
     * its start to the end of its last such predecessor: the loop laid out contiguously, as
     * lowering lays loops. Sorted longest first, so outer loops are tried before inner ones.
     * (A block inside a span that is not in the loop only costs reloads on its entry edges.)
     */
    private List<int[]> loopSpans() {
        List<int[]> spans = new ArrayList<>();
        for (int h = 0; h < code.blockCount(); h++) {
            int last = -1;
            for (int p : preds[h]) {
                if (p >= h) {
                    last = Math.max(last, p);
                }
            }
            if (last >= 0) {
                spans.add(new int[] {2 * code.start(h), 2 * (code.end(last) - 1) + 1, h});
            }
        }
        spans.sort((a, b) -> Integer.compare(b[1] - b[0], a[1] - a[0]));
        return spans;
    }

    private void loopWindows(int v, int[] uses, int useCount, List<int[]> loops) {
        for (int[] span : loops) {
            int from = span[0];
            int to = span[1];
            if (from <= start[v] || to > end[v] || !liveness.isLiveIn(span[2], v) || overlapsWindow(v, from, to)) {
                continue;
            }
            long saving = saving(v, uses, useCount, from, to);
            if (saving <= 0) {
                continue;
            }
            // The free register first: a few bit scans, where the entries walk every block of
            // the loop (an interpreter's dispatch loop holds most of its function's blocks, and
            // in such a loop a register free throughout is rare).
            int reg = freeRegister(v, from, to);
            if (reg < 0) {
                continue;
            }
            long entries = entryCost(v, from, from, to);
            if (entries >= 0 && saving > entries) {
                take(v, from, to, reg, false);
            }
        }
    }

    /** Runs of uses outside v's windows, each the prefix from its first use with the largest saving. */
    private void runWindows(int v, int[] uses, int useCount) {
        int i = 0;
        while (i < useCount - 1) {
            int from = 2 * uses[i];
            long saving = useSaving(v, uses[i], false);
            if (locAt(v, from) != loc[v] || saving == 0) {
                i++; // in a window already, or a memory operand: nothing for a run to start with
                continue;
            }
            int last = bestRun(v, uses, useCount, i + 1, from, saving, RELOAD_COST * freq[blockOfInst[uses[i]]], false);
            i = last < 0 ? i + 1 : last + 1;
        }
    }

    /**
     * A window from v's definition over its first uses: the definition writes the register (and
     * stores to the slot, unless the window ends up covering every use), so the uses it covers
     * need no reload at all. Memory operands count: turning them into register reads costs nothing.
     */
    private void defWindow(int v, int[] uses, int useCount) {
        bestRun(v, uses, useCount, 0, start[v], 0, 0, true);
    }

    /**
     * Takes the window from {@code from} to one of {@code uses[first..]} (at most MAX_RUN of
     * them) with the largest gain, {@code saving} and {@code cost} being what its start saves and
     * costs; returns the index of its last use, or -1 when no window gains. It grows while some
     * register stays free over it and its entries have somewhere to go.
     */
    private int bestRun(int v, int[] uses, int useCount, int first, int from, long saving, long cost, boolean atDef) {
        int mask = freeMask(v, from, from);
        int best = -1;
        int bestMask = 0;
        long bestGain = 0;
        int prev = from;
        for (int j = first; j < useCount && j < first + MAX_RUN && mask != 0; j++) {
            int to = 2 * uses[j];
            if (overlapsWindow(v, prev, to)) {
                break;
            }
            mask &= freeMask(v, prev, to);
            if (mask == 0) {
                break;
            }
            long entries = entryCost(v, prev + 1, from, to);
            if (entries < 0) {
                break;
            }
            cost += entries;
            saving += useSaving(v, uses[j], atDef);
            long gain = saving - cost;
            if (atDef && j == useCount - 1 && cost == 0 && windows[v] == null) {
                gain += RELOAD_COST * freq[blockOfInst[from / 2]]; // the store goes too
            }
            if (gain > bestGain) {
                bestGain = gain;
                best = j;
                bestMask = mask;
            }
            prev = to;
        }
        if (best >= 0) {
            take(v, from, 2 * uses[best], preferred(v, uses[best], bestMask), atDef);
        }
        return best;
    }

    /** What v's uses in {@code [from, to]} save in a register, weighted by loop depth. */
    private long saving(int v, int[] uses, int useCount, int from, int to) {
        long s = 0;
        for (int k = 0; k < useCount; k++) {
            int pos = 2 * uses[k];
            if (pos >= from && pos <= to) {
                s += useSaving(v, uses[k], true);
            }
        }
        return s;
    }

    /**
     * A use that must be in a register saves a reload. One that may read memory saves a memory
     * operand, counted (as half a reload) only when {@code memoryOperands}: for a loop's window,
     * whose reload sits outside the loop, and a definition's, which needs none; not for a run of
     * uses, where trading memory operands for a reload gains little.
     */
    private long useSaving(int v, int i, boolean memoryOperands) {
        int cost = 0;
        Operand[] ops = code.ops(i);
        for (int k = 0; k < ops.length; k++) {
            Operand o = ops[k];
            if (o.vreg() == v && o.kind().isUse()) {
                if (o.kind() != Operand.Kind.USE_ANY || paramRegister(i, k) >= 0) {
                    cost += RELOAD_COST; // a jump's argument into a parameter's register: the edge's reload
                } else {
                    cost += memoryOperands ? RELOAD_COST / 2 : 0;
                }
            }
        }
        return cost * freq[blockOfInst[i]];
    }

    /** The register of the parameter that operand k of instruction i flows into, if it is a jump's argument; else -1. */
    private int paramRegister(int i, int k) {
        if (code.insts.get(i) instanceof MInst.Jump j) {
            int p = loc[code.blockParams.get(j.target())[k]];
            return Loc.isReg(p) ? p : -1;
        }
        return -1;
    }

    /**
     * The register of {@code mask} for a window of v that ends at instruction i: the register of the
     * parameter v flows into when i is a jump and that register is free (the edge move then
     * disappears), else the lowest.
     */
    private int preferred(int v, int i, int mask) {
        Operand[] ops = code.ops(i);
        for (int k = 0; k < ops.length; k++) {
            int r = ops[k].vreg() == v ? paramRegister(i, k) : -1;
            if (r >= 0 && (mask & (1 << r)) != 0) {
                return r;
            }
        }
        return Integer.numberOfTrailingZeros(mask);
    }

    /** Where one entry's reload goes: the edits of instruction {@code inst}, run {@code freq} times. */
    private interface EntrySink {
        void reloadAt(int inst, long freq);
    }

    /**
     * Walks the edges from outside {@code [from, to]} into blocks that start in {@code [blocksFrom, to]}
     * where v is live, giving each entry's reload its place: the source's jump (one more move of the
     * edge's parallel move) or, when the target has that one predecessor, the target's start. Returns
     * false at the first entry that has neither (a critical edge without block arguments): the one walk
     * behind both a window's cost ({@link #entryCost}) and its placement ({@link #take}).
     */
    private boolean entries(int v, int blocksFrom, int from, int to, EntrySink sink) {
        int b = blockOfInst[Math.min(count - 1, blocksFrom / 2)];
        if (2 * code.start(b) < blocksFrom) {
            b++;
        }
        for (; b < code.blockCount() && 2 * code.start(b) <= to; b++) {
            if (!liveness.isLiveIn(b, v)) {
                continue;
            }
            for (int p : preds[b]) {
                int last = 2 * (code.end(p) - 1) + 1;
                if (last >= from && last <= to) {
                    continue;
                }
                if (code.insts.get(code.end(p) - 1) instanceof MInst.Jump) {
                    sink.reloadAt(code.end(p) - 1, freq[p]);
                } else if (preds[b].length == 1) {
                    sink.reloadAt(code.start(b), freq[b]);
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The cost of the reloads on edges from outside {@code [from, to]} into blocks that start in
     * {@code [blocksFrom, to]} where v is live, or -1 when one of them has nowhere to go.
     */
    private long entryCost(int v, int blocksFrom, int from, int to) {
        long[] cost = {0};
        return entries(v, blocksFrom, from, to, (inst, f) -> cost[0] += RELOAD_COST * f) ? cost[0] : -1;
    }

    private boolean overlapsWindow(int v, int from, int to) {
        int[] ws = windows[v];
        if (ws != null) {
            for (int k = 0; k < ws.length; k += 3) {
                if (ws[k] <= to && from <= ws[k + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The allocatable registers of v's class free over {@code [from, to]}, as a location mask. */
    private int freeMask(int v, int from, int to) {
        int mask = 0;
        if (xmm[v]) {
            for (int r : LinearScan.ALLOCATABLE_XMM) {
                mask |= isFree(r, from, to) ? 1 << r : 0;
            }
        } else {
            for (Gpr g : LinearScan.ALLOCATABLE) {
                int r = g.encoding();
                mask |= isFree(r, from, to) ? 1 << r : 0;
            }
        }
        return mask;
    }

    private int freeRegister(int v, int from, int to) {
        int mask = freeMask(v, from, to);
        return mask == 0 ? -1 : Integer.numberOfTrailingZeros(mask);
    }

    private boolean isFree(int r, int from, int to) {
        int next = busy[r].nextSetBit(from);
        return next < 0 || next > to;
    }

    /** Records the window and the reloads that enter it (none at {@code from} when it starts at v's definition). */
    private void take(int v, int from, int to, int reg, boolean atDef) {
        busy[reg].set(from, to + 1);
        usedRegs |= 1 << reg;
        int[] ws = windows[v];
        int[] w = {from, to, reg};
        if (ws == null) {
            windows[v] = w;
        } else {
            int[] merged = Arrays.copyOf(ws, ws.length + 3);
            System.arraycopy(w, 0, merged, ws.length, 3);
            windows[v] = merged;
        }
        int[] reload = {loc[v], reg, Loc.reg(xmm[v] ? LinearScan.XMM_SCRATCH : LinearScan.SCRATCH)};
        if (2 * code.start(blockOfInst[from / 2]) < from && !atDef) {
            add(before, from / 2, reload); // mid-block: before the window's first instruction
            entered[v] = true;
        }
        boolean placed = entries(v, from, from, to, (inst, f) -> {
            entered[v] = true;
            add(edge, inst, reload);
        });
        assert placed : "entryCost admitted only placeable entries";
    }

    private static void add(List<List<int[]>> lists, int i, int[] move) {
        List<int[]> l = lists.get(i);
        if (l == null) {
            l = new ArrayList<>(2);
            lists.set(i, l);
        }
        l.add(move);
    }
}
