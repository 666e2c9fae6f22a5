package wasm.opt.internal.inline;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.analysis.ControlFlowGraph;
import wasm.opt.ModuleContext;
import wasm.opt.internal.IrCopy;

/**
 * Inlining of small direct callees. A {@code call} to a defined function of at
 * most {@value #MAX_CALLEE_SIZE} Wasm instructions is replaced by a copy of the
 * callee's (unoptimised) IR: the block holding the call is split after it, the
 * callee's entry takes the call's arguments (and the caller's vmctx: same module,
 * same instance), each {@code return} jumps to the continuation with its values.
 * The copied blocks remember the callee ({@link Function#blockOrigin}).
 *
 * <p>Guards: no import is inlined (the module context knows no body for it); no
 * function into itself, and no callee already on the chain of inlined calls that
 * led to a call (so recursion, direct or mutual, stays a call); calls inside an
 * inlined body are inlined in turn to depth {@value #MAX_DEPTH}; the caller stops
 * growing past {@value #MAX_FUNCTION_INSTS} instructions.
 */
public final class Inliner {
    /** Largest callee inlined, in Wasm instructions (Wasmtime's heuristic inlines callees under about 50 units). */
    public static final int MAX_CALLEE_SIZE = 40;
    /** No inlining once the caller has this many IR instructions. */
    public static final int MAX_FUNCTION_INSTS = 2000;
    /** Calls inside inlined code are inlined up to this chain length. */
    public static final int MAX_DEPTH = 3;

    private Inliner() {
    }

    /** What a run did: inlined call sites per callee (function index). */
    public record Result(Map<Integer, Integer> sites) {
        public int total() {
            int n = 0;
            for (int count : sites.values()) {
                n += count;
            }
            return n;
        }
    }

    private record Site(int call, int[] chain) {
    }

    /** Inlines into {@code f}, function {@code self} of the module {@code module} describes. */
    public static Result run(Function f, ModuleContext module, int self) {
        Map<Integer, Integer> sites = new TreeMap<>();
        Deque<Site> work = new ArrayDeque<>();
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                if (f.opcode(i) == IrOpcode.CALL) {
                    work.add(new Site(i, new int[] {self}));
                }
            }
        }
        while (!work.isEmpty()) {
            Site s = work.poll();
            int callee = (int) f.imm(s.call());
            int size = module.calleeSize(callee);
            if (size < 0 || size > MAX_CALLEE_SIZE || contains(s.chain(), callee)
                    || f.layoutInstCount() >= MAX_FUNCTION_INSTS) {
                continue;
            }
            Optional<Function> body = module.calleeIr(callee);
            if (body.isEmpty() || hasTailCall(body.get())) {
                continue;
            }
            int[] chain = Arrays.copyOf(s.chain(), s.chain().length + 1);
            chain[chain.length - 1] = callee;
            for (int call : inline(f, s.call(), body.get(), callee)) {
                if (chain.length < MAX_DEPTH + 1) {
                    work.add(new Site(call, chain));
                }
            }
            sites.merge(callee, 1, Integer::sum);
        }
        return new Result(sites);
    }

    /**
     * Whether {@code g} ends a block with return_call(_indirect). Such a callee is not inlined: its
     * tail call would have to become a call and a jump, and a caller inlining a tail-recursive
     * callee would turn a loop that runs in constant stack into one that grows the stack.
     */
    private static boolean hasTailCall(Function g) {
        for (int b = g.firstBlock(); b >= 0; b = g.nextBlock(b)) {
            int t = g.terminator(b);
            if (t >= 0 && g.opcode(t).isTailCall()) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] chain, int f) {
        for (int c : chain) {
            if (c == f) {
                return true;
            }
        }
        return false;
    }

    /** Replaces {@code call} by a copy of {@code g}; returns the calls of the copy (instruction ids in {@code f}). */
    private static int[] inline(Function f, int call, Function g, int calleeIndex) {
        int b = f.instBlock(call);
        // the continuation: the instructions after the call, with the call's results as parameters
        int cont = f.makeBlock();
        f.setBlockOrigin(cont, f.blockOrigin(b));
        int nr = f.resultCount(call);
        int[] results = new int[nr];
        for (int k = 0; k < nr; k++) {
            results[k] = f.result(call, k);
        }
        for (int r : results) {
            int p = f.appendBlockParam(cont, f.valueType(r));
            f.replaceAllUses(r, p);
        }
        for (int i = f.nextInst(call), next; i >= 0; i = next) {
            next = f.nextInst(i);
            f.removeInst(i);
            f.appendInst(cont, i);
        }
        for (Map.Entry<Integer, Signature> e : g.calleeSignatures().entrySet()) {
            if (f.calleeSignature(e.getKey()) == null) {
                f.declareCallee(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<Integer, Signature> e : g.typeSignatures().entrySet()) {
            if (f.typeSignature(e.getKey()) == null) {
                f.declareType(e.getKey(), e.getValue());
            }
        }
        // the callee's values: entry parameters are the caller's vmctx and the call's arguments
        int[] valueMap = new int[g.valueCount()];
        Arrays.fill(valueMap, -1);
        int gEntry = g.entryBlock();
        valueMap[g.blockParam(gEntry, 0)] = f.vmctx();
        for (int k = 1; k < g.blockParamCount(gEntry); k++) {
            valueMap[g.blockParam(gEntry, k)] = f.arg(call, k - 1);
        }
        // reachable blocks only (an unreachable one may use values nothing defines on the way),
        // instructions copied dominators first so every operand is already mapped
        int[] rpo = ControlFlowGraph.compute(g).reversePostOrder();
        int[] blockMap = new int[g.blockCount()];
        Arrays.fill(blockMap, -1);
        for (int gb : rpo) {
            int nb = f.makeBlock();
            f.setBlockOrigin(nb, g.blockOrigin(gb) >= 0 ? g.blockOrigin(gb) : calleeIndex);
            blockMap[gb] = nb;
            if (gb != gEntry) {
                for (int k = 0; k < g.blockParamCount(gb); k++) {
                    int p = g.blockParam(gb, k);
                    valueMap[p] = f.appendBlockParam(nb, g.valueType(p));
                }
            }
        }
        int[] calls = new int[16];
        int ncalls = 0;
        for (int gb : rpo) {
            int nb = blockMap[gb];
            for (int i = g.firstInst(gb); i >= 0; i = g.nextInst(i)) {
                int copy;
                if (g.opcode(i) == IrOpcode.RETURN) {
                    int na = g.argCount(i);
                    int[] values = new int[na];
                    for (int k = 0; k < na; k++) {
                        values[k] = valueMap[g.arg(i, k)];
                    }
                    copy = f.makeInst(IrOpcode.JUMP, null, 0, 0, values, 0);
                    f.addTarget(copy, cont, values, na);
                } else {
                    copy = IrCopy.copy(g, i, f, valueMap, target -> blockMap[target]);
                    if (g.opcode(i) == IrOpcode.CALL) {
                        if (ncalls == calls.length) {
                            calls = Arrays.copyOf(calls, 2 * ncalls);
                        }
                        calls[ncalls++] = copy;
                    }
                }
                f.appendInst(nb, copy);
            }
        }
        // the call becomes a jump into the copy, laid out between the call's block and the continuation
        f.removeInst(call);
        int jump = f.makeInst(IrOpcode.JUMP, null, 0, 0, new int[0], 0);
        f.addTarget(jump, blockMap[gEntry], new int[0], 0);
        f.appendInst(b, jump);
        int after = b;
        for (int gb = g.firstBlock(); gb >= 0; gb = g.nextBlock(gb)) {
            if (blockMap[gb] >= 0) {
                f.insertBlockAfter(blockMap[gb], after);
                after = blockMap[gb];
            }
        }
        f.insertBlockAfter(cont, after);
        return Arrays.copyOf(calls, ncalls);
    }
}
