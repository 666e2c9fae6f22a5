package wasm.opt.internal.loops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.ir.analysis.DominatorTree;
import wasm.ir.analysis.LoopNest;
import wasm.opt.internal.IrCopy;

/**
 * Bounds-check versioning of counted loops (see {@link CountedLoop}): where every
 * address a memory access of the loop computes is {@code scale * iv + base} with
 * {@code base} loop-invariant (or affine in a derived variable, another header
 * parameter stepping by a constant, whose range the trip count bounds),
 * the range of the induction variable bounds them all,
 * so one check in the preheader decides for the whole loop. The loop is cloned;
 * the preheader branches to the clone, whose covered accesses are marked
 * {@link Function#isInBounds} (no check of their own), when the check passes,
 * and to the original, checked loop otherwise. The check never traps: when it
 * fails, the original loop runs and traps exactly where it always did, after the
 * same stores. It over-approximates freely (an early exit only shortens the
 * range); memory never shrinks, so calls and {@code memory.grow} inside the loop
 * cannot invalidate it.
 *
 * <p>The bound on the induction variable comes from the exit test and runtime
 * conditions (also in the check) that exclude wrap-around: for "continue while
 * {@code next <u limit}", {@code init + step < 2^32} and {@code limit + step <= 2^32},
 * and then every header value lies in {@code [init, max(init, limit - 1)]}; for
 * "continue while {@code iv <u limit}" the bound is {@code max(init, limit - 1 + step)};
 * {@code ne} needs {@code limit - init} (counting down: {@code init - limit}) to be a positive
 * multiple of {@code |step|};
 * the signed tests also need {@code init} and {@code limit} non-negative and the
 * bounds below 2^31. All of it is computed in 64 bits, where nothing overflows.
 *
 * <p>Handled shapes: innermost loops (no loop inside), at most {@value #MAX_LOOP_INSTS}
 * instructions, all exits to one block (a dedicated exit block is made when that
 * block has other predecessors, so the values the loop defines and the code after
 * it uses merge there as block parameters).
 */
public final class LoopVersioning {
    static final int MAX_LOOP_INSTS = 400;
    /** The largest address step per iteration through a derived variable (times a trip count below 2^33: no overflow). */
    private static final long MAX_DERIVED_STRIDE = 1 << 20;
    private static final long TWO_32 = 1L << 32;
    private static final long TWO_31 = 1L << 31;

    private LoopVersioning() {
    }

    /** What a run did. */
    public record Result(int loopsVersioned, int accessesUnchecked, int countedLoops) {
        public boolean changed() {
            return loopsVersioned > 0;
        }
    }

    /**
     * A memory access of the loop whose address is affine in the induction variable ({@code derived}
     * null), or in another induction variable of the header that steps with it.
     */
    private record Access(int inst, AffineAddress address, long end, DerivedIv derived, Fold fold) {
    }

    /**
     * An address {@code x + c} ({@code c >= 0} a constant) whose access is bounded as one at
     * {@code x} with {@code c} more offset: in the fast copy it reads {@code x} with the offset
     * grown by {@code c}, so the add is no longer needed there (the x86 address takes the constant as
     * its displacement). Exact there: the pre-check bounds {@code x} from below by its own constant
     * and {@code zext(x) + offset + c + size} by the memory, so {@code x + c} does not wrap.
     */
    private record Fold(int base, long constant) {
    }

    /**
     * A header parameter {@code p = phi(init, p + step)} other than the counted one, {@code step > 0}:
     * in the loop's k-th iteration (from 0) it holds {@code init + step * k (mod 2^32)}, so the
     * counted variable's trip count bounds it too (nbody's pointer to {@code b[j]}, stepping by the
     * struct size while a separate counter runs down to zero).
     */
    private record DerivedIv(int param, int init, long step) {
    }

    /**
     * The addresses {@code rest + c + scale * x} for {@code low <= c}, {@code c + size <= high} and
     * {@code 0 <= x <= } the counter's largest value, or the last iteration's index when {@code derived}.
     */
    private record Bound(long scale, AffineAddress.Term rest, boolean derived, long low, long high) {
    }

    /** A candidate found on the unchanged function. */
    private record Plan(CountedLoop loop, int[] blocks, List<Access> accesses) {
    }

    public static Result run(Function f) {
        DominatorTree dom = DominatorTree.compute(f);
        if (dom.cfg().reachableCount() == 0) {
            return new Result(0, 0, 0);
        }
        LoopNest loops = LoopNest.compute(f, dom);
        ControlFlowGraph cfg = dom.cfg();
        List<Plan> plans = new ArrayList<>();
        int counted = 0;
        for (int l = 0; l < loops.loopCount(); l++) {
            if (!loops.isInnermost(l)) {
                continue;
            }
            CountedLoop c = CountedLoop.of(f, loops, dom, cfg, l);
            if (c == null) {
                continue;
            }
            counted++;
            int[] blocks = loops.blocks(l);
            List<DerivedIv> derived = derivedIvs(f, c);
            List<Access> accesses = new ArrayList<>();
            int insts = 0;
            for (int b : blocks) {
                for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                    insts++;
                    int addrArg = addressOperand(f.opcode(i));
                    // memory 0 and 32-bit addresses only: the preheader's check reads memory 0's size,
                    // and an i64 address or an offset of 2^63 or more is no affine i32 term
                    if (addrArg < 0 || f.memoryOf(i) != 0 || f.valueType(f.arg(i, addrArg)) != Type.I32
                            || f.imm(i) < 0) {
                        continue;
                    }
                    long end = f.imm(i) + f.opcode(i).accessBytes(f.ctrlType(i));
                    if (end > TWO_31) {
                        continue;
                    }
                    Fold fold = fold(f, f.arg(i, addrArg));
                    Access access = fold != null && end + fold.constant() <= TWO_31
                            ? affine(f, loops, l, c, derived, i, fold.base(), end + fold.constant(), fold) : null;
                    if (access == null) {
                        access = affine(f, loops, l, c, derived, i, f.arg(i, addrArg), end, null);
                    }
                    if (access != null) {
                        accesses.add(access);
                    }
                }
            }
            if (!accesses.isEmpty() && insts <= MAX_LOOP_INSTS && singleExitTarget(f, loops, l, blocks) >= 0) {
                plans.add(new Plan(c, blocks, accesses));
            }
        }
        int unchecked = 0;
        // the plans were made on the unchanged function: a value one loop defines and a later
        // loop's pre-check reads (its counter's start, a base) is an exit parameter of the earlier
        // loop once that one is versioned
        Map<Integer, Integer> renamed = new java.util.HashMap<>();
        for (Plan p : plans) {
            version(f, loops, p, renamed);
            unchecked += p.accesses().size();
        }
        return new Result(plans.size(), unchecked, counted);
    }

    /** Access {@code inst} at {@code addr}, affine in the counter or a derived variable; null if neither. */
    private static Access affine(Function f, LoopNest loops, int l, CountedLoop c, List<DerivedIv> derived, int inst,
                                 int addr, long end, Fold fold) {
        AffineAddress a = AffineAddress.of(f, loops, l, c.iv(), addr);
        if (a != null) {
            return new Access(inst, a, end, null, fold);
        }
        for (DerivedIv d : derived) {
            AffineAddress da = AffineAddress.of(f, loops, l, d.param(), addr);
            if (da != null && da.scale() * d.step() <= MAX_DERIVED_STRIDE) {
                return new Access(inst, da, end, d, fold);
            }
        }
        return null;
    }

    /** {@code addr = iadd.i32 x, c} with a constant {@code 0 <= c < 2^31} (either order): x and c; else null. */
    private static Fold fold(Function f, int addr) {
        int d = f.valueInst(addr);
        if (d < 0 || f.opcode(d) != IrOpcode.IADD || f.ctrlType(d) != Type.I32) {
            return null;
        }
        for (int k = 0; k < 2; k++) {
            int ci = f.valueInst(f.arg(d, k));
            if (ci >= 0 && f.opcode(ci) == IrOpcode.ICONST) {
                long c = (int) f.imm(ci);
                return c >= 0 ? new Fold(f.arg(d, 1 - k), c) : null;
            }
        }
        return null;
    }

    /** The header's other i32 parameters that step by a positive constant on the back edge. */
    private static List<DerivedIv> derivedIvs(Function f, CountedLoop c) {
        List<DerivedIv> out = new ArrayList<>();
        int pj = f.terminator(c.preheader());
        for (int k = 0; k < f.blockParamCount(c.header()); k++) {
            int p = f.blockParam(c.header(), k);
            if (k == c.ivIndex() || f.valueType(p) != Type.I32) {
                continue;
            }
            long step = CountedLoop.stepOf(f, p, f.targetArg(c.latchInst(), c.latchTarget(), k));
            if (step > 0) {
                out.add(new DerivedIv(p, f.targetArg(pj, 0, k), step));
            }
        }
        return out;
    }

    /** The operand index of the address of a load (0) or store (1); -1 for other opcodes. */
    static int addressOperand(IrOpcode op) {
        return switch (op.format()) {
            case LOAD -> 0;
            case STORE -> 1;
            default -> -1;
        };
    }

    /** The one block every exit of the loop goes to, or -1. */
    private static int singleExitTarget(Function f, LoopNest loops, int l, int[] blocks) {
        int exit = -1;
        for (int b : blocks) {
            int term = f.terminator(b);
            for (int t = 0; t < f.targetCount(term); t++) {
                int target = f.targetBlock(term, t);
                if (!loops.contains(l, target)) {
                    if (exit >= 0 && exit != target) {
                        return -1;
                    }
                    exit = target;
                }
            }
        }
        return exit;
    }

    private static void version(Function f, LoopNest loops, Plan plan, Map<Integer, Integer> renamed) {
        CountedLoop c = plan.loop();
        int l = c.loop();
        int[] blocks = plan.blocks();
        boolean[] inLoop = new boolean[f.blockCount()];
        for (int b : blocks) {
            inLoop[b] = true;
        }
        // 1. one exit block whose only predecessors are the loop's exits
        int exit = singleExitTarget(f, loops, l, blocks);
        ControlFlowGraph cfg = ControlFlowGraph.compute(f);
        boolean dedicated = true;
        for (int p = 0; p < cfg.predecessorCount(exit); p++) {
            int pred = cfg.predecessor(exit, p);
            if (pred >= inLoop.length || !inLoop[pred]) {
                dedicated = false;
            }
        }
        if (!dedicated) {
            exit = dedicatedExit(f, blocks, inLoop, exit);
        }
        // 2. values the loop defines that code outside it uses
        Map<Integer, List<int[]>> liveOut = liveOuts(f, inLoop);
        // 3. the pre-check, in the preheader
        int jump = f.terminator(c.preheader());
        int ok = check(f, c, plan.accesses(), jump, renamed);
        // 4. the exit block takes every live-out value as a parameter; the original exits pass them
        int[] outParams = new int[liveOut.size()];
        int[] outValues = new int[liveOut.size()];
        int n = 0;
        for (int v : liveOut.keySet()) {
            outValues[n] = v;
            outParams[n] = f.appendBlockParam(exit, f.valueType(v));
            renamed.put(v, outParams[n++]);
        }
        for (int b : blocks) {
            int term = f.terminator(b);
            for (int t = 0; t < f.targetCount(term); t++) {
                if (f.targetBlock(term, t) == exit) {
                    for (int v : outValues) {
                        f.appendTargetArg(term, t, v);
                    }
                }
            }
        }
        // 5. the fast copy
        int[] valueMap = new int[f.valueCount()];
        Arrays.fill(valueMap, -1);
        Copy copy = cloneBlocks(f, blocks, inLoop, valueMap);
        for (Access a : plan.accesses()) {
            int ci = copy.instMap()[a.inst()];
            f.setInBounds(ci, true);
            if (a.fold() != null) {
                int base = a.fold().base();
                f.setArg(ci, addressOperand(f.opcode(ci)), IrCopy.mapped(valueMap, base));
                f.setImm(ci, f.imm(ci) + a.fold().constant());
            }
        }
        // 6. uses after the loop read the merged values
        for (int k = 0; k < n; k++) {
            for (int[] use : liveOut.get(outValues[k])) {
                if (use[1] < 0) {
                    f.setArg(use[0], use[2], outParams[k]);
                } else {
                    f.setTargetArg(use[0], use[1], use[2], outParams[k]);
                }
            }
        }
        // 7. the preheader picks a copy
        int nargs = f.targetArgCount(jump, 0);
        int[] args = new int[nargs];
        for (int k = 0; k < nargs; k++) {
            args[k] = f.targetArg(jump, 0, k);
        }
        int br = f.makeInst(IrOpcode.BRIF, null, 0, 0, new int[] {ok}, 1);
        f.addTarget(br, copy.blockMap()[c.header()], args, nargs);
        f.addTarget(br, c.header(), args, nargs);
        f.insertInstBefore(br, jump);
        f.removeInst(jump);
    }

    /** A copy of the loop: original block -> copy, original instruction -> copy (-1: none). */
    private record Copy(int[] blockMap, int[] instMap) {
    }

    /** A new block taking the exit's parameters and jumping to it; every exit of the loop goes there instead. */
    private static int dedicatedExit(Function f, int[] blocks, boolean[] inLoop, int exit) {
        int e0 = f.makeBlock();
        int np = f.blockParamCount(exit);
        int[] params = new int[np];
        for (int k = 0; k < np; k++) {
            params[k] = f.appendBlockParam(e0, f.valueType(f.blockParam(exit, k)));
        }
        int jump = f.makeInst(IrOpcode.JUMP, null, 0, 0, new int[0], 0);
        f.addTarget(jump, exit, params, np);
        f.appendInst(e0, jump);
        f.insertBlockAfter(e0, f.prevBlock(exit));
        for (int b : blocks) {
            int term = f.terminator(b);
            for (int t = 0; t < f.targetCount(term); t++) {
                if (f.targetBlock(term, t) == exit) {
                    f.setTargetBlock(term, t, e0);
                }
            }
        }
        return e0;
    }

    /** Values defined in the loop (parameters, results) -> their uses outside it: {inst, target or -1, index}. */
    private static Map<Integer, List<int[]>> liveOuts(Function f, boolean[] inLoop) {
        Map<Integer, List<int[]>> out = new LinkedHashMap<>();
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            if (b < inLoop.length && inLoop[b]) {
                continue;
            }
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                for (int k = 0; k < f.argCount(i); k++) {
                    noteUse(f, inLoop, out, f.arg(i, k), i, -1, k);
                }
                for (int t = 0; t < f.targetCount(i); t++) {
                    for (int k = 0; k < f.targetArgCount(i, t); k++) {
                        noteUse(f, inLoop, out, f.targetArg(i, t, k), i, t, k);
                    }
                }
            }
        }
        return out;
    }

    private static void noteUse(Function f, boolean[] inLoop, Map<Integer, List<int[]>> out, int v, int inst, int t,
                                int k) {
        int b = f.valueBlock(v);
        if (b >= 0 && b < inLoop.length && inLoop[b]) {
            out.computeIfAbsent(v, x -> new ArrayList<>()).add(new int[] {inst, t, k});
        }
    }

    /** Copies the loop's blocks, right before its header in layout. */
    private static Copy cloneBlocks(Function f, int[] blocks, boolean[] inLoop, int[] valueMap) {
        int[] instMap = new int[f.instCount()];
        Arrays.fill(instMap, -1);
        int[] blockMap = new int[f.blockCount()];
        Arrays.fill(blockMap, -1);
        for (int b : blocks) {
            int nb = f.makeBlock();
            f.setBlockOrigin(nb, f.blockOrigin(b));
            blockMap[b] = nb;
            for (int k = 0; k < f.blockParamCount(b); k++) {
                int p = f.blockParam(b, k);
                valueMap[p] = f.appendBlockParam(nb, f.valueType(p));
            }
        }
        for (int b : blocks) {
            int nb = blockMap[b];
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                int copy = IrCopy.copy(f, i, f, valueMap,
                        target -> target < inLoop.length && inLoop[target] ? blockMap[target] : target);
                f.appendInst(nb, copy);
                instMap[i] = copy;
            }
        }
        int header = blocks[0];
        int before = f.prevBlock(header);
        for (int b : blocks) {
            f.insertBlockAfter(blockMap[b], before);
            before = blockMap[b];
        }
        return new Copy(blockMap, instMap);
    }

    /**
     * The pre-check (an i32, non-zero when the fast copy may run), inserted before {@code jump}:
     * the induction variable's bound is valid (no wrap-around) and every covered access's
     * largest end is within memory.
     */
    private static int check(Function f, CountedLoop c, List<Access> accesses, int jump,
                             Map<Integer, Integer> renamed) {
        PreheaderCode e = new PreheaderCode(f, jump, v -> {
            Integer r;
            while ((r = renamed.get(v)) != null) {
                v = r;
            }
            return v;
        });
        long s = c.step();
        int init = e.zext(e.current(c.init()));
        int limit32 = c.limit() == CountedLoop.ZERO ? e.i32(0) : e.value(c.limit());
        int limit = e.zext(limit32);
        List<Integer> conds = new ArrayList<>();
        boolean signed = c.cc() == IntCC.SLT || c.cc() == IntCC.SLE;
        long top = signed ? TWO_31 : TWO_32;
        if (signed) {
            int zero = e.i32(0);
            conds.add(e.icmp(IntCC.SGE, Type.I32, e.current(c.init()), zero));
            conds.add(e.icmp(IntCC.SGE, Type.I32, limit32, zero));
        }
        int hi;
        // the last iteration's index (from 0), an upper bound: what bounds a derived variable
        java.util.function.IntSupplier lastIteration;
        switch (c.cc()) {
            case ULT, SLT -> {
                // continue while x < limit
                if (c.onNext()) {
                    conds.add(atMost(e, init, s, top - 1));
                    conds.add(atMost(e, limit, s, top));
                    hi = e.max(init, e.binary(IrOpcode.IADD, Type.I64, limit, e.i64(-1)));
                } else {
                    conds.add(atMost(e, limit, s, top));
                    hi = e.max(init, e.binary(IrOpcode.IADD, Type.I64, limit, e.i64(s - 1)));
                }
                int top0 = hi;
                lastIteration = () -> divide(e, e.binary(IrOpcode.ISUB, Type.I64, top0, init), s);
            }
            case ULE, SLE -> {
                if (c.onNext()) {
                    conds.add(atMost(e, init, s, top - 1));
                    conds.add(atMost(e, limit, s, top - 1));
                    hi = e.max(init, limit);
                } else {
                    conds.add(atMost(e, limit, s, top - 1));
                    hi = e.max(init, e.binary(IrOpcode.IADD, Type.I64, limit, e.i64(s)));
                }
                int top0 = hi;
                lastIteration = () -> divide(e, e.binary(IrOpcode.ISUB, Type.I64, top0, init), s);
            }
            case NE -> {
                // the loop stops exactly at limit: the distance to it a positive multiple of |step|
                // (counting up: limit - init; down: init - limit, and the counter's largest value is init)
                boolean up = s > 0;
                long a = Math.abs(s);
                IntCC order = c.onNext() ? IntCC.UGT : IntCC.UGE;
                conds.add(up ? e.icmp(order, Type.I64, limit, init) : e.icmp(order, Type.I64, init, limit));
                int distance = up ? e.binary(IrOpcode.ISUB, Type.I64, limit, init)
                        : e.binary(IrOpcode.ISUB, Type.I64, init, limit);
                int rem = Long.bitCount(a) == 1 ? e.binary(IrOpcode.BAND, Type.I64, distance, e.i64(a - 1))
                        : e.binary(IrOpcode.UREM, Type.I64, distance, e.i64(a));
                conds.add(e.icmp(IntCC.EQ, Type.I64, rem, e.i64(0)));
                hi = !up ? init : c.onNext() ? e.binary(IrOpcode.IADD, Type.I64, limit, e.i64(-s)) : limit;
                // onNext: the iteration that makes the counter equal to limit is the last
                lastIteration = () -> {
                    int steps = divide(e, distance, a);
                    return c.onNext() ? e.binary(IrOpcode.IADD, Type.I64, steps, e.i64(-1)) : steps;
                };
            }
            default -> throw new IllegalStateException("not a counted-loop test: " + c.cc());
        }
        // one bound per distinct (scale, base without its constant summands), with the largest end
        // and the smallest constant among its accesses: every address is rest + constant + scale * x
        // with x >= 0, so rest + smallest constant >= 0 excludes a wrap below zero, and the largest
        // address + size <= memory one above (nbody's b[j].x, b[j].y, ... at p - 48, p - 40, ... share
        // one bound). An access through a derived variable is first rewritten as affine in the
        // iteration index k: scale * (init + step * k) + base = (scale * step) * k + (base + scale * init).
        Map<String, Bound> bounds = new LinkedHashMap<>();
        for (Access a : accesses) {
            AffineAddress address = a.address();
            if (a.derived() != null) {
                AffineAddress.Term init0 = new AffineAddress.Term.Val(a.derived().init());
                AffineAddress.Term scaled = address.scale() == 1 ? init0
                        : new AffineAddress.Term.Mul(init0, address.scale());
                address = new AffineAddress(address.scale() * a.derived().step(),
                        new AffineAddress.Term.Add(address.base(), scaled));
            }
            AffineAddress.Split split = address.split();
            String key = (a.derived() != null ? "k " : "iv ") + address.scale() + " " + split.rest();
            Bound b = bounds.get(key);
            long low = split.constant(), high = split.constant() + a.end();
            bounds.put(key, b == null ? new Bound(address.scale(), split.rest(), a.derived() != null, low, high)
                    : new Bound(b.scale(), b.rest(), b.derived(), Math.min(b.low(), low), Math.max(b.high(), high)));
        }
        int memory = e.memoryBytes();
        int last = -1;
        for (Bound b : bounds.values()) {
            int base = e.zext(e.term(b.rest()));
            if (b.low() < 0) {
                conds.add(e.icmp(IntCC.UGE, Type.I64, base, e.i64(-b.low())));
            }
            int by = hi;
            if (b.derived()) {
                if (last < 0) {
                    last = lastIteration.getAsInt();
                }
                by = last;
            }
            int scaled = b.scale() == 0 ? e.i64(0) : e.binary(IrOpcode.IMUL, Type.I64, by, e.i64(b.scale()));
            int end = e.binary(IrOpcode.IADD, Type.I64, e.binary(IrOpcode.IADD, Type.I64, scaled, base),
                    e.i64(b.high()));
            conds.add(e.icmp(IntCC.ULE, Type.I64, end, memory));
        }
        int ok = conds.get(0);
        for (int k = 1; k < conds.size(); k++) {
            ok = e.binary(IrOpcode.BAND, Type.I32, ok, conds.get(k));
        }
        return ok;
    }

    /** {@code x / d} for a non-negative i64 {@code x} and a constant {@code d > 0}. */
    private static int divide(PreheaderCode e, int x, long d) {
        if (d == 1) {
            return x;
        }
        return Long.bitCount(d) == 1
                ? e.binary(IrOpcode.USHR, Type.I64, x, e.i64(Long.numberOfTrailingZeros(d)))
                : e.binary(IrOpcode.UDIV, Type.I64, x, e.i64(d));
    }

    /** {@code x + s <= bound} for an i64 {@code x} below 2^33. */
    private static int atMost(PreheaderCode e, int x, long s, long bound) {
        return e.icmp(IntCC.ULE, Type.I64, e.binary(IrOpcode.IADD, Type.I64, x, e.i64(s)), e.i64(bound));
    }
}
