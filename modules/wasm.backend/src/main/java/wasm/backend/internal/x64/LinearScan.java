package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import wasm.backend.x64.Gpr;
import wasm.backend.x64.Xmm;

/**
 * Linear-scan register allocation over live intervals with holes (Poletto and
 * Sarkar's scan over Wimmer and Franz's {@link LiveRanges}): one interval per
 * virtual register, its ranges in layout order; an interval either keeps one
 * register for its whole life or lives in a spill slot (the spill decision takes
 * the interval with the lowest spill cost per remaining live position, its uses
 * weighted by loop depth). Intervals share a register when each lives in the
 * others' holes. Spilled intervals get a second chance at a register once the
 * scan is done ({@link #secondChance}).
 * Two register classes are allocated side by side in one scan: general-purpose
 * registers (integers, references) and XMM registers (floats); an interval
 * only ever takes, or displaces, registers of its own class, and a float spill
 * slot is 16 bytes, 16-byte aligned ({@link Loc}).
 * Fixed-register operands and clobbers exclude registers from the intervals
 * they overlap (a call clobbers every XMM register: SysV preserves none);
 * spilled operands that need a register, and parallel-move cycles, go through
 * the class's scratch register, r10 or xmm15; r11 is the emitter's private
 * scratch; r15 (vmctx), rsp and rbp are never allocated. An instruction's result may take the register of its first
 * operand when that use is the operand's last ({@link Regs#defReusing}), which
 * turns the emitter's {@code mov d, a; op d, b} into {@code op a, b}. A
 * block argument and the parameter it flows into prefer each other's register
 * (when free), so a loop's back edge and entry need no parallel move.
 *
 * <p>After the scan: spill slots are chosen ({@link SpillSlots}, which coalesces a spilled block
 * argument with its spilled parameter), spilled constants are rematerialized instead of stored
 * ({@link Rematerialization}), and spilled values get registers over parts of their lives
 * ({@link ReloadWindows}).
 *
 * <p>The narrow interface: {@link #allocate(VCode)} takes instructions whose
 * operands carry constraints and returns an {@link Allocation} (a location per
 * operand plus move edits).
 */
final class LinearScan {
    static final Gpr SCRATCH = Gpr.R10;
    static final Xmm XMM_SCRATCH = Xmm.XMM15;
    static final Gpr[] ALLOCATABLE = {
        Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.RBX, Gpr.R12, Gpr.R13, Gpr.R14
    };
    /** Every XMM register but the scratch xmm15, as locations. */
    static final int[] ALLOCATABLE_XMM;
    /** The allocatable registers of both classes as one location mask. */
    static final int ALLOCATABLE_MASK;

    static {
        ALLOCATABLE_XMM = new int[15];
        int mask = 0;
        for (int k = 0; k < 15; k++) {
            ALLOCATABLE_XMM[k] = Loc.reg(Xmm.values()[k]);
            mask |= 1 << ALLOCATABLE_XMM[k];
        }
        for (Gpr r : ALLOCATABLE) {
            mask |= 1 << r.encoding();
        }
        ALLOCATABLE_MASK = mask;
    }
    static final int CALLEE_SAVED_ALLOCATABLE = Clobbers.bit(Gpr.RBX) | Clobbers.bit(Gpr.R12)
            | Clobbers.bit(Gpr.R13) | Clobbers.bit(Gpr.R14);

    private final VCode code;
    private final int n;
    private final int[] start;
    private final int[] end;
    private final int[] forbidden;
    private final int[] hint;
    /** For a vreg defined by a two-address instruction: the vreg of its first operand, else -1. */
    private final int[] tied;
    /** A block argument's parameter or a parameter's first argument (an edge copy), else -1. */
    private final int[] copyPartner;
    /** Spill cost: the operand occurrences of each vreg, each weighted 8^(loop depth of its block). */
    private final long[] weight;
    private final int[] loc;
    /** Values live into and out of each block (for {@link #constraints} and {@link ReloadWindows}). */
    private Liveness liveness;
    /** Each vreg's live ranges (its interval with holes). */
    private LiveRanges live;
    /** During the scan: per register, the positions its intervals hold it. */
    private PositionSet[] occupied;
    /** Registers spilled values hold over parts of their lives (live-range splitting). */
    private ReloadWindows windows;
    /** Each vreg's defining instruction (-1 for none seen), for {@link Rematerialization}. */
    private final int[] defAt;
    /** The spilled constants, re-created where they are read instead of reloaded. */
    private Rematerialization remat;
    /** Whether each vreg is of the XMM class. */
    private final boolean[] xmm;
    private int slots;
    /** Values the scan spilled (their slots are chosen after it, {@link SpillSlots}). */
    private final boolean[] spilled;
    /** Edge copies {arg, param, weight of the jump's block}, for slot coalescing. */
    private final List<long[]> copies = new ArrayList<>();
    private int spills;
    private int reloads;
    private int regMoves;
    private int spillToSpill;

    private LinearScan(VCode code) {
        this.code = code;
        this.n = code.vregCount();
        start = new int[n];
        end = new int[n];
        forbidden = new int[n];
        hint = new int[n];
        tied = new int[n];
        copyPartner = new int[n];
        weight = new long[n];
        loc = new int[n];
        defAt = new int[n];
        xmm = new boolean[n];
        spilled = new boolean[n];
        for (int v = 0; v < n; v++) {
            xmm[v] = RegClass.of(code.vregTypes[v]) == RegClass.XMM;
        }
        Arrays.fill(start, Integer.MAX_VALUE);
        Arrays.fill(end, -1);
        Arrays.fill(hint, -1);
        Arrays.fill(tied, -1);
        Arrays.fill(copyPartner, -1);
        Arrays.fill(loc, -1);
        Arrays.fill(defAt, -1);
    }

    static Allocation allocate(VCode code) {
        Liveness liveness = Liveness.of(code);
        return allocate(code, liveness, LiveRanges.of(code, liveness));
    }

    /** Allocation over given live ranges (tests plant wrong ones to see the checker reject the result). */
    static Allocation allocate(VCode code, Liveness liveness, LiveRanges live) {
        LinearScan ls = new LinearScan(code);
        ls.liveness = liveness;
        ls.live = live;
        ls.intervals();
        ls.constraints();
        ls.scan();
        ls.secondChance();
        ls.slots = SpillSlots.assign(ls.loc, ls.spilled, ls.live, ls.xmm, ls.copies);
        ls.remat = Rematerialization.choose(code, ls.loc, ls.defAt);
        ls.windows = ReloadWindows.choose(code, ls.loc, ls.start, ls.end, ls.live, ls.xmm, ls.liveness, ls.weight);
        ls.liveness = null;
        ls.live = null;
        return ls.rewrite();
    }

    // ---- liveness and intervals -----------------------------------------------------

    private void intervals() {
        int blocks = code.blockCount();
        for (int v = 0; v < n; v++) {
            if (live.ranges[v] != null) {
                start[v] = live.start(v);
                end[v] = live.end(v);
            }
        }
        // Blocks partition the instructions: one walk sets hints and spill weights.
        for (int b = 0; b < blocks; b++) {
            long freq = 1L << (3 * Math.min(code.loopDepths.get(b), 12));
            for (int i = code.start(b); i < code.end(b); i++) {
                operandFacts(code.insts.get(i), code.ops(i), i, freq);
            }
        }
    }

    /** Fixed-register hints, spill weight, reused input and edge copies of instruction i. */
    private void operandFacts(MInst m, Operand[] ops, int i, long freq) {
        for (Operand o : ops) {
            weight[o.vreg()] += freq;
            if (o.fixed() != null && hint[o.vreg()] < 0) {
                hint[o.vreg()] = Loc.reg(o.fixed());
            }
            if (o.reuses() >= 0) {
                tied[o.vreg()] = o.reuses();
            }
            if (!o.kind().isUse()) {
                defAt[o.vreg()] = i;
            }
        }
        if (m instanceof MInst.Jump j && ops.length > 0) {
            Operand[] params = code.ops(code.start(j.target()));
            for (int k = 0; k < ops.length && k < params.length; k++) {
                int arg = ops[k].vreg();
                int param = params[k].vreg();
                copies.add(new long[] {arg, param, freq});
                if (copyPartner[arg] < 0) {
                    copyPartner[arg] = param;
                }
                if (copyPartner[param] < 0) {
                    copyPartner[param] = arg;
                }
            }
        }
    }

    /**
     * Clobber constraints from exact liveness, not from the intervals: a value may keep a
     * clobbered register through an instruction where it is dead (a hole of its interval),
     * which matters most for floats, as a call destroys every XMM register. Walking each block
     * backwards: the values live after instruction i (but i's own fixed defs) must avoid its
     * early and late clobbers; i's uses and early defs that die at i avoid its early ones.
     */
    private void constraints() {
        BitSet live = new BitSet(code.vregCount());
        for (int b = 0; b < code.blockCount(); b++) {
            live.clear();
            liveness.forEachLiveOut(b, live::set);
            for (int i = code.end(b) - 1; i >= code.start(b); i--) {
                Operand[] ops = code.ops(i);
                MInst m = code.insts.get(i);
                int late = Clobbers.late(m, ops);
                if (late != 0) {
                    int early = Clobbers.early(m, ops);
                    for (int v = live.nextSetBit(0); v >= 0; v = live.nextSetBit(v + 1)) {
                        if (!isFixedDef(ops, v)) {
                            forbidden[v] |= early | late;
                        }
                    }
                    for (Operand o : ops) {
                        if ((o.kind().isUse() || o.kind() == Operand.Kind.DEF_REG) && !live.get(o.vreg())) {
                            forbidden[o.vreg()] |= early;
                        }
                    }
                }
                for (Operand o : ops) {
                    if (!o.kind().isUse()) {
                        live.clear(o.vreg());
                    }
                }
                for (Operand o : ops) {
                    if (o.kind().isUse()) {
                        live.set(o.vreg());
                    }
                }
            }
        }
    }

    private static boolean isFixedDef(Operand[] ops, int v) {
        for (Operand o : ops) {
            if (o.vreg() == v && o.kind() == Operand.Kind.DEF_FIXED) {
                return true;
            }
        }
        return false;
    }

    // ---- the scan ---------------------------------------------------------------------

    private void scan() {
        // By start, then vreg: (start << 32 | v) sorts as primitives, without boxing a comparator.
        long[] keys = new long[n];
        int count = 0;
        for (int v = 0; v < n; v++) {
            if (end[v] >= 0) {
                keys[count++] = ((long) start[v] << 32) | v;
            }
        }
        Arrays.sort(keys, 0, count);
        int positions = 2 * code.insts.size() + 2;
        // Positions at which each register is held by an interval that has it: intervals of one
        // register never share a position, but one may take a register in another's holes.
        occupied = new PositionSet[Loc.FIRST_SLOT];
        for (int r = 0; r < Loc.FIRST_SLOT; r++) {
            if (isAllocatable(r)) {
                occupied[r] = new PositionSet(positions);
            }
        }
        // Intervals with a register that have not ended yet, in the order they got it (the victim
        // choice depends on it); some are in a hole at the current position.
        int[] active = new int[32];
        int activeCount = 0;
        for (int c = 0; c < count; c++) {
            int v = (int) keys[c];
            int now = start[v];
            int kept = 0;
            for (int k = 0; k < activeCount; k++) {
                if (end[active[k]] >= now) {
                    active[kept++] = active[k];
                }
            }
            activeCount = kept;
            int reg = -1;
            int t = tied[v];
            if (t >= 0 && end[t] == now && loc[t] >= 0 && Loc.isReg(loc[t])
                    && (forbidden[v] & (1 << loc[t])) == 0 && isFreeFor(loc[t], v, t)) {
                // The first operand dies at this instruction: its register becomes the result's
                // (the operand leaves the active list, so that it is never spilled after that).
                for (int k = 0; k < activeCount; k++) {
                    if (active[k] == t) {
                        System.arraycopy(active, k + 1, active, k, activeCount - k - 1);
                        activeCount--;
                        reg = loc[t];
                        break;
                    }
                }
            }
            int allowed = ~forbidden[v] & (xmm[v] ? Loc.XMM_MASK : Loc.GPR_MASK) & ALLOCATABLE_MASK;
            int partner = copyPartner[v] >= 0 ? loc[copyPartner[v]] : -1;
            if (reg >= 0) {
                // taken above
            } else if (hint[v] >= 0 && (allowed & (1 << hint[v])) != 0 && isFreeFor(hint[v], v, -1)) {
                reg = hint[v];
            } else if (partner >= 0 && Loc.isReg(partner) && (allowed & (1 << partner)) != 0
                    && isFreeFor(partner, v, -1)) {
                reg = partner;
            } else if (xmm[v]) {
                for (int r : ALLOCATABLE_XMM) {
                    if ((allowed & (1 << r)) != 0 && isFreeFor(r, v, -1)) {
                        reg = r;
                        break;
                    }
                }
            } else {
                for (Gpr g : ALLOCATABLE) {
                    int r = g.encoding();
                    if ((allowed & (1 << r)) != 0 && isFreeFor(r, v, -1)) {
                        reg = r;
                        break;
                    }
                }
            }
            if (reg < 0) {
                // Spill whichever of v and the intervals it could displace costs least per
                // position it frees: few, shallow uses over a long life go to memory first. An
                // interval can be displaced when it is live now and is all that keeps its
                // register from v (others may hold that register in their holes).
                int victim = -1;
                int victimIndex = -1;
                for (int k = 0; k < activeCount; k++) {
                    int a = active[k];
                    boolean candidate = xmm[a] == xmm[v] && (allowed & (1 << loc[a])) != 0
                            && (victim < 0 || cheaperToSpill(a, victim, now)) && live.covers(a, now);
                    if (candidate && isFreeFor(loc[a], v, a)) {
                        victim = a;
                        victimIndex = k;
                    }
                }
                if (victim >= 0 && cheaperToSpill(victim, v, now)) {
                    reg = loc[victim];
                    System.arraycopy(active, victimIndex + 1, active, victimIndex, activeCount - victimIndex - 1);
                    activeCount--;
                    release(victim);
                    spill(victim);
                } else {
                    spill(v);
                    continue;
                }
            }
            loc[v] = reg;
            int[] rs = live.ranges[v];
            for (int k = 0; k < rs.length; k += 2) {
                occupied[reg].set(rs[k], rs[k + 1]);
            }
            if (activeCount == active.length) {
                active = Arrays.copyOf(active, 2 * activeCount);
            }
            active[activeCount++] = v;
        }
    }

    /**
     * A second chance for the spilled values, most heavily used first: the scan spills greedily,
     * and an interval it displaced may find a register free over all its ranges once the scan is
     * done (the interval that displaced it was displaced in turn, or its holes fit between the
     * intervals that got registers later). Such a value gets that register for its whole life.
     */
    private void secondChance() {
        int count = 0;
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            if (spilled[v]) {
                keys[count++] = (Math.min(weight[v], (1L << 31) - 1) << 32) | v;
            }
        }
        Arrays.sort(keys, 0, count);
        for (int c = count - 1; c >= 0; c--) {
            int v = (int) keys[c];
            int allowed = ~forbidden[v] & (xmm[v] ? Loc.XMM_MASK : Loc.GPR_MASK) & ALLOCATABLE_MASK;
            for (int r = 0; r < Loc.FIRST_SLOT; r++) {
                if ((allowed & (1 << r)) != 0 && isFreeFor(r, v, -1)) {
                    spilled[v] = false;
                    loc[v] = r;
                    int[] rs = live.ranges[v];
                    for (int k = 0; k < rs.length; k += 2) {
                        occupied[r].set(rs[k], rs[k + 1]);
                    }
                    break;
                }
            }
        }
        occupied = null;
    }

    /**
     * Whether register {@code r} is free over all of v's ranges, but for positions where
     * {@code except} (an interval that has r, or -1) is live.
     */
    private boolean isFreeFor(int r, int v, int except) {
        PositionSet set = occupied[r];
        int[] rs = live.ranges[v];
        for (int k = 0; k < rs.length; k += 2) {
            int to = rs[k + 1];
            int q = set.firstIn(rs[k], to);
            while (q >= 0) {
                int at = except < 0 ? -1 : live.rangeAt(except, q);
                if (at < 0) {
                    return false;
                }
                int past = live.ranges[except][at + 1] + 1;
                q = past > to ? -1 : set.firstIn(past, to);
            }
        }
        return true;
    }

    /** Gives back the register of v, which the scan took from it. */
    private void release(int v) {
        int[] rs = live.ranges[v];
        for (int k = 0; k < rs.length; k += 2) {
            occupied[loc[v]].clear(rs[k], rs[k + 1]);
        }
    }

    /**
     * Whether spilling {@code a} costs less than spilling {@code b} at position {@code now}:
     * loop-weighted uses per live position still ahead (the pressure a spill relieves; positions
     * in holes relieve none), ties going to the interval that ends later.
     */
    private boolean cheaperToSpill(int a, int b, int now) {
        double costA = (double) weight[a] / live.livePositionsFrom(a, now);
        double costB = (double) weight[b] / live.livePositionsFrom(b, now);
        return costA != costB ? costA < costB : end[a] > end[b];
    }

    private static boolean isAllocatable(int reg) {
        return (ALLOCATABLE_MASK & (1 << reg)) != 0;
    }

    /** Marks v spilled; {@link SpillSlots} gives it a slot once the scan is done. */
    private void spill(int v) {
        spilled[v] = true;
        loc[v] = Loc.slot(0);
    }

    // ---- rewriting: operand locations and edits ---------------------------------------

    private Allocation rewrite() {
        int count = code.insts.size();
        int[][] allocs = new int[count][];
        List<List<Move>> before = new ArrayList<>(count);
        List<List<Move>> after = new ArrayList<>(count);
        int calleeSaved = 0;
        for (int v = 0; v < n; v++) {
            if (loc[v] >= 0 && Loc.isReg(loc[v])) {
                calleeSaved |= (1 << loc[v]) & CALLEE_SAVED_ALLOCATABLE;
            }
        }
        calleeSaved |= windows.usedRegs & CALLEE_SAVED_ALLOCATABLE;
        int[] memory = memoryCopies();
        for (int i = 0; i < count; i++) {
            Operand[] ops = code.ops(i);
            boolean jump = code.insts.get(i) instanceof MInst.Jump;
            int[] a = new int[ops.length];
            // Most instructions need no edits: the lists are made on first use and empty ones shared.
            List<int[]> pre = null;
            List<int[]> post = null;
            List<Move> reload = null;
            List<Move> spill = null;
            for (int k = 0; k < ops.length; k++) {
                Operand o = ops[k];
                int l = o.kind().isUse() ? windows.locAt(o.vreg(), 2 * i) : loc[o.vreg()];
                switch (o.kind()) {
                    case USE_ANY -> {
                        if (!Loc.isRemat(l) || jump) {
                            a[k] = l; // a jump's argument is read by the edge move, which can re-create a constant
                        } else if (constantInScratch(i, ops, k)) {
                            a[k] = scratch(o.vreg());
                            reload = add(reload, new Move(l, a[k]));
                        } else {
                            a[k] = remat.backing[o.vreg()];
                        }
                    }
                    case DEF_PARAM -> a[k] = l;
                    case USE_REG -> {
                        if (Loc.isReg(l)) {
                            a[k] = l;
                        } else {
                            a[k] = scratch(o.vreg());
                            reload = add(reload, new Move(l, a[k]));
                        }
                    }
                    case DEF_REG -> {
                        int w = windows.locAt(o.vreg(), 2 * i);
                        int home = memory[o.vreg()];
                        if (Loc.isReg(l)) {
                            a[k] = l;
                        } else if (Loc.isReg(w)) {
                            // a window from the definition: the store to the slot, where one reads it
                            a[k] = w;
                            if (home >= 0 && (Loc.isRemat(l) || windows.needsStore(o.vreg()))) {
                                spill = add(spill, new Move(w, home));
                            }
                        } else if (home < 0) {
                            a[k] = l; // a constant nothing reads from memory: re-created at its uses, not here
                        } else {
                            a[k] = scratch(o.vreg());
                            spill = add(spill, new Move(a[k], home));
                        }
                    }
                    case USE_FIXED -> {
                        a[k] = Loc.reg(o.fixed());
                        pre = add(pre, new int[] {l, a[k], scratch(o.vreg())});
                    }
                    case DEF_FIXED -> {
                        a[k] = Loc.reg(o.fixed());
                        post = add(post, new int[] {a[k], l, scratch(o.vreg())});
                    }
                }
            }
            if (code.insts.get(i) instanceof MInst.Jump j) {
                int[] ps = code.blockParams.get(j.target());
                for (int k = 0; k < ps.length; k++) {
                    post = add(post, new int[] {a[k], loc[ps[k]], scratch(ps[k])});
                }
            }
            List<int[]> entering = windows.edge.get(i);
            if (entering != null) {
                // reloads into the windows this edge enters: more moves of the jump's parallel move
                // (or, at a BlockStart, moves after it)
                for (int[] mv : entering) {
                    post = add(post, mv);
                }
            }
            List<Move> b = concat(pre == null ? List.of() : sequence(pre), reload);
            List<int[]> opening = windows.before.get(i);
            if (opening != null) {
                // Windows that start at this instruction reload first, on their own (not in the
                // parallel move): the fixed-register moves and scratch reloads may read them.
                List<Move> first = sequence(opening);
                b = concat(first, b.isEmpty() ? null : b);
            }
            List<Move> af = concat(post == null ? List.of() : sequence(post), spill);
            count(b);
            count(af);
            allocs[i] = a;
            before.add(b);
            after.add(af);
        }
        return new Allocation(allocs, before, after, loc.clone(), List.copyOf(remat.constants), slots, spills, reloads,
                regMoves, spillToSpill, calleeSaved);
    }

    /**
     * Where each vreg's copy in memory lives: its slot; for a rematerialized constant, its backing
     * slot when some memory operand reads it (a USE_ANY outside a window, not a jump's), else -1.
     */
    private int[] memoryCopies() {
        int[] memory = new int[n];
        for (int v = 0; v < n; v++) {
            memory[v] = loc[v] >= 0 && Loc.isSlot(loc[v]) ? loc[v] : -1;
        }
        if (remat.constants.isEmpty()) {
            return memory;
        }
        for (int i = 0; i < code.insts.size(); i++) {
            if (code.insts.get(i) instanceof MInst.Jump) {
                continue;
            }
            Operand[] ops = code.ops(i);
            for (int k = 0; k < ops.length; k++) {
                int v = ops[k].vreg();
                if (ops[k].kind() == Operand.Kind.USE_ANY && Loc.isRemat(windows.locAt(v, 2 * i))
                        && !constantInScratch(i, ops, k)) {
                    memory[v] = remat.backing[v];
                }
            }
        }
        return memory;
    }

    /**
     * Whether operand k of instruction i, a rematerialized constant read as a memory operand, is
     * re-created in its class's scratch register instead: when the instruction's emitter has no use
     * of its own for that register ({@link Rematerialization#readsOperandsOnly}) and no other operand
     * of the class claims it (a spilled register-only operand, or another constant read this way).
     * The same value twice (imul v, v) shares it.
     */
    private boolean constantInScratch(int i, Operand[] ops, int k) {
        if (!Rematerialization.readsOperandsOnly(code.insts.get(i))) {
            return false;
        }
        int v = ops[k].vreg();
        for (Operand o : ops) {
            int u = o.vreg();
            if (u == v || xmm[u] != xmm[v]) {
                continue;
            }
            boolean claims = switch (o.kind()) {
                case USE_REG, USE_ANY -> {
                    int l = windows.locAt(u, 2 * i);
                    yield o.kind() == Operand.Kind.USE_REG ? !Loc.isReg(l) : Loc.isRemat(l);
                }
                case DEF_REG -> !Loc.isReg(loc[u]) && !Loc.isReg(windows.locAt(u, 2 * i));
                case USE_FIXED, DEF_FIXED, DEF_PARAM -> false;
            };
            if (claims) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> add(List<T> list, T element) {
        List<T> l = list == null ? new ArrayList<>(4) : list;
        l.add(element);
        return l;
    }

    /** {@code first} followed by {@code then} (null when empty); the shared empty list when both are empty. */
    private static List<Move> concat(List<Move> first, List<Move> then) {
        if (then == null) {
            return first.isEmpty() ? List.of() : first;
        }
        if (first.isEmpty()) {
            return then;
        }
        List<Move> l = new ArrayList<>(first.size() + then.size());
        l.addAll(first);
        l.addAll(then);
        return l;
    }

    private void count(List<Move> moves) {
        for (int k = 0; k < moves.size(); k++) {
            Move mv = moves.get(k);
            boolean fromReg = Loc.isReg(mv.from());
            boolean toReg = Loc.isReg(mv.to());
            if (Loc.isRemat(mv.from())) {
                // an immediate (or constant-pool) load: no slot read; into a slot it is a store
                if (toReg) {
                    regMoves++;
                } else {
                    spills++;
                }
            } else if (fromReg && toReg) {
                if (mv.from() == Loc.reg(Gpr.R11) && k > 0 && !Loc.isReg(moves.get(k - 1).from())
                        && moves.get(k - 1).to() == mv.from()) {
                    continue;
                }
                regMoves++;
            } else if (fromReg) {
                if (mv.from() == Loc.reg(Gpr.R11) && k > 0 && moves.get(k - 1).to() == mv.from()
                        && !Loc.isReg(moves.get(k - 1).from())) {
                    spillToSpill++;
                } else {
                    spills++;
                }
            } else {
                if (mv.to() == Loc.reg(Gpr.R11) && k + 1 < moves.size() && moves.get(k + 1).from() == mv.to()
                        && !Loc.isReg(moves.get(k + 1).to())) {
                    continue; // counted as a spill-to-spill move with the store that follows
                }
                reloads++;
            }
        }
    }

    /** The scratch register of {@code v}'s class, as a location: r10 or xmm15. */
    private int scratch(int v) {
        return Loc.reg(xmm[v] ? XMM_SCRATCH : SCRATCH);
    }

    /**
     * Sequentialises a parallel move of {@code {from, to, scratch}} triples (scratch: the
     * scratch register of the moved value's class): a move is emitted once its destination
     * is no longer a pending source; a cycle is broken through the scratch register; a
     * slot-to-slot move goes through r11: 8 bytes, and for the XMM class (scratch xmm15) the
     * other 8 of the 16-byte slot too (a v128's high half, the unit below the slot's name).
     */
    static List<Move> sequence(List<int[]> parallel) {
        List<int[]> pending = new ArrayList<>();
        for (int[] mv : parallel) {
            if (mv[0] != mv[1]) {
                pending.add(mv.clone());
            }
        }
        List<Move> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (int k = 0; k < pending.size(); k++) {
                int[] mv = pending.get(k);
                boolean blocked = false;
                for (int[] other : pending) {
                    if (other != mv && other[0] == mv[1]) {
                        blocked = true;
                        break;
                    }
                }
                if (!blocked) {
                    emit(out, mv[0], mv[1], mv[2]);
                    pending.remove(k);
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                // Every destination is still to be read: save one of them in the scratch
                // register of its class. (Paths left behind by an earlier break drain
                // before we get stuck again, so the scratch register is free here.)
                int[] mv = pending.get(0);
                int tmp = mv[2];
                emit(out, mv[1], tmp, tmp);
                for (int[] other : pending) {
                    if (other[0] == mv[1]) {
                        other[0] = tmp;
                    }
                }
            }
        }
        return out;
    }

    private static void emit(List<Move> out, int from, int to, int scratch) {
        if (Loc.isSlot(from) && !Loc.isReg(to)) {
            int r11 = Loc.reg(Gpr.R11);
            out.add(new Move(from, r11));
            out.add(new Move(r11, to));
            if (Loc.isXmm(scratch)) {
                // the slot of an XMM-class value is units k (high half) and k+1 (its name, low half)
                out.add(new Move(from - 1, r11));
                out.add(new Move(r11, to - 1));
            }
        } else {
            out.add(new Move(from, to));
        }
    }
}
