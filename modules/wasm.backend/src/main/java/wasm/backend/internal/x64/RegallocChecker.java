package wasm.backend.internal.x64;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

import wasm.backend.x64.Gpr;

/**
 * Symbolic verification of an {@link Allocation}, after regalloc2's checker:
 * it tracks which virtual register each location (general or XMM register, or
 * spill slot) holds at every point, through the allocator's moves, spills,
 * reloads, clobbers (calls destroy every XMM register; the scratch registers
 * r10, r11 and xmm15 are destroyed by every instruction; a store from an XMM
 * register fills both 8-byte units of its 16-byte slot) and edge moves,
 * merging at block entries; every use must find its own virtual register in
 * the location it was given, and every operand's location must be a register
 * of its class or a slot.
 */
public final class RegallocChecker {
    private static final int UNKNOWN = -1;
    private static final int CONFLICT = -2;

    private final VCode code;
    private final Allocation alloc;
    private final int size;

    private RegallocChecker(VCode code, Allocation alloc) {
        this.code = code;
        this.alloc = alloc;
        this.size = Loc.FIRST_SLOT + alloc.spillSlots();
    }

    /** @throws IllegalStateException describing the first use that reads the wrong value */
    static void check(VCode code, Allocation alloc) {
        new RegallocChecker(code, alloc).run();
    }

    private void run() {
        int blocks = code.blockCount();
        int[][] in = new int[blocks][];
        in[0] = new int[size];
        Arrays.fill(in[0], UNKNOWN);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(0);
        while (!work.isEmpty()) {
            int b = work.poll();
            int[] st = in[b].clone();
            for (int i = code.start(b); i < code.end(b); i++) {
                step(i, st);
            }
            for (int s : code.succs.get(b)) {
                if (in[s] == null) {
                    in[s] = st.clone();
                    work.add(s);
                } else {
                    boolean changed = false;
                    for (int k = 0; k < size; k++) {
                        if (in[s][k] != st[k] && in[s][k] != CONFLICT) {
                            in[s][k] = CONFLICT;
                            changed = true;
                        }
                    }
                    if (changed) {
                        work.add(s);
                    }
                }
            }
        }
    }

    private void fail(int i, String what) {
        throw new IllegalStateException("register allocation check failed at inst " + i + " ("
                + code.insts.get(i) + "): " + what + "\n" + code);
    }

    private void apply(List<Move> moves, int[] st) {
        for (Move m : moves) {
            st[m.to()] = st[m.from()];
            if (Loc.isXmm(m.from()) && !Loc.isReg(m.to())) {
                // movdqu stores the whole 16-byte slot: the unit below its name too (Loc)
                st[m.to() - 1] = UNKNOWN;
            }
        }
    }

    /** A register of the wrong class would hold the value in the wrong register file. */
    private void checkClass(int i, int loc, int vreg) {
        if (loc < 0 || loc >= size) {
            fail(i, "location " + loc + " out of range");
        }
        boolean xmm = RegClass.of(code.vregTypes[vreg]) == RegClass.XMM;
        if (Loc.isReg(loc) && Loc.isXmm(loc) != xmm) {
            fail(i, "v" + vreg + " (" + (xmm ? "xmm" : "gpr") + " class) allocated to " + Loc.text(loc));
        }
    }

    private void expect(int i, int[] st, int loc, int vreg) {
        checkClass(i, loc, vreg);
        if (Loc.isReg(loc) && (loc == Gpr.R15.encoding() || loc == Gpr.RSP.encoding() || loc == Gpr.RBP.encoding())) {
            fail(i, "reserved register " + Loc.text(loc) + " allocated");
        }
        if (st[loc] != vreg) {
            fail(i, "v" + vreg + " expected in " + Loc.text(loc) + " which holds "
                    + (st[loc] == UNKNOWN ? "nothing" : st[loc] == CONFLICT ? "different values on different paths" : "v" + st[loc]));
        }
    }

    private void step(int i, int[] st) {
        MInst m = code.insts.get(i);
        Operand[] ops = code.ops(i);
        int[] al = alloc.allocs()[i];
        if (m instanceof MInst.Jump j) {
            for (int k = 0; k < ops.length; k++) {
                expect(i, st, al[k], ops[k].vreg());
            }
            apply(alloc.after().get(i), st);
            int[] ps = code.blockParams.get(j.target());
            for (int k = 0; k < ps.length; k++) {
                expect(i, st, alloc.vregLoc()[ps[k]], ops[k].vreg());
            }
            for (int k = 0; k < ps.length; k++) {
                st[alloc.vregLoc()[ps[k]]] = ps[k];
            }
            return;
        }
        apply(alloc.before().get(i), st);
        for (int k = 0; k < ops.length; k++) {
            if (ops[k].kind().isUse()) {
                expect(i, st, al[k], ops[k].vreg());
            }
        }
        int clobbered = Clobbers.late(m, ops) | Clobbers.SCRATCH;
        for (int r = 0; r < Loc.FIRST_SLOT; r++) {
            if ((clobbered & (1 << r)) != 0) {
                st[r] = UNKNOWN;
            }
        }
        for (int k = 0; k < ops.length; k++) {
            Operand o = ops[k];
            if (!o.kind().isUse()) {
                checkClass(i, al[k], o.vreg());
            }
            if (o.kind() == Operand.Kind.DEF_REG || o.kind() == Operand.Kind.DEF_FIXED) {
                st[al[k]] = o.vreg();
            } else if (o.kind() == Operand.Kind.DEF_PARAM && st[al[k]] != o.vreg()) {
                fail(i, "block parameter v" + o.vreg() + " not in " + Loc.text(al[k]));
            }
        }
        apply(alloc.after().get(i), st);
    }
}
