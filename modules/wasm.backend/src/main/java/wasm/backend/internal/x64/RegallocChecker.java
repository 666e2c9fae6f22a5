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
 *
 * <p>A remat location ({@link Rematerialization}) holds its value everywhere, read-only:
 * before the walk, each entry of the allocation's constant table must be exactly the
 * instruction that defines its value in the code, so that materializing it (the emitter
 * emits that instruction again) gives the value its uses expect; a wrong constant, or the
 * right constant of another value, fails there.
 */
public final class RegallocChecker {
    private static final int UNKNOWN = -1;
    private static final int CONFLICT = -2;

    private final VCode code;
    private final Allocation alloc;
    private final int size;
    /** The value each remat location holds, by remat index. */
    private final int[] rematValue;

    private RegallocChecker(VCode code, Allocation alloc) {
        this.code = code;
        this.alloc = alloc;
        this.size = Loc.FIRST_SLOT + alloc.spillSlots();
        this.rematValue = new int[alloc.constants().size()];
    }

    /** @throws IllegalStateException describing the first use that reads the wrong value */
    static void check(VCode code, Allocation alloc) {
        new RegallocChecker(code, alloc).run();
    }

    private void run() {
        checkConstants();
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

    /** Each remat entry is its value's own defining instruction, not merely some constant. */
    private void checkConstants() {
        if (rematValue.length == 0) {
            return;
        }
        int[] defAt = new int[code.vregCount()];
        Arrays.fill(defAt, -1);
        for (int i = 0; i < code.insts.size(); i++) {
            for (Operand o : code.ops(i)) {
                if (!o.kind().isUse()) {
                    defAt[o.vreg()] = i;
                }
            }
        }
        for (int k = 0; k < rematValue.length; k++) {
            MInst c = alloc.constants().get(k);
            if (!Rematerialization.isConstant(c)) {
                throw new IllegalStateException("register allocation check failed: remat const" + k + " is " + c);
            }
            int v = defined(c);
            rematValue[k] = v;
            if (v >= defAt.length || defAt[v] < 0) {
                throw new IllegalStateException("register allocation check failed: const" + k + " (" + c
                        + ") defines no value of the code");
            }
            if (!code.insts.get(defAt[v]).equals(c)) {
                fail(defAt[v], "const" + k + " rematerializes v" + v + " as " + c + " but it is defined as "
                        + code.insts.get(defAt[v]));
            }
        }
    }

    /** The one value a constant instruction defines. */
    private static int defined(MInst c) {
        return Operand.of(c)[0].vreg();
    }

    /** What {@code loc} holds in state {@code st}: a remat location always holds its own value. */
    private int holds(int[] st, int loc) {
        return Loc.isRemat(loc) ? rematValue[Loc.rematIndex(loc)] : st[loc];
    }

    private void fail(int i, String what) {
        throw new IllegalStateException("register allocation check failed at inst " + i + " ("
                + code.insts.get(i) + "): " + what + "\n" + code);
    }

    private void apply(List<Move> moves, int[] st) {
        for (Move m : moves) {
            if (Loc.isRemat(m.to())) {
                throw new IllegalStateException("register allocation check failed: a move into " + Loc.text(m.to()));
            }
            st[m.to()] = holds(st, m.from());
            boolean xmmClass = Loc.isXmm(m.from())
                    || Loc.isRemat(m.from()) && !(alloc.constants().get(Loc.rematIndex(m.from())) instanceof MInst.LoadConst);
            if (xmmClass && !Loc.isReg(m.to())) {
                // movdqu stores the whole 16-byte slot: the unit below its name too (Loc)
                st[m.to() - 1] = UNKNOWN;
            }
        }
    }

    /** A register of the wrong class would hold the value in the wrong register file. */
    private void checkClass(int i, int loc, int vreg) {
        if (Loc.isRemat(loc) ? Loc.rematIndex(loc) >= rematValue.length : loc < 0 || loc >= size) {
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
        int held = holds(st, loc);
        if (held != vreg) {
            fail(i, "v" + vreg + " expected in " + Loc.text(loc) + " which holds "
                    + (held == UNKNOWN ? "nothing" : held == CONFLICT ? "different values on different paths" : "v" + held));
        }
    }

    private void step(int i, int[] st) {
        MInst m = code.insts.get(i);
        Operand[] ops = code.ops(i);
        int[] al = alloc.allocs()[i];
        if (m instanceof MInst.Jump j) {
            apply(alloc.before().get(i), st); // a window may open at a jump: its reload comes first (the emitter's order)
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
                if (Loc.isRemat(al[k])) {
                    fail(i, "v" + ops[k].vreg() + " read as an operand from " + Loc.text(al[k])
                            + " (only moves and jump arguments can re-create a constant)");
                }
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
            if (Loc.isRemat(al[k])) {
                // a definition left to its uses: only its own value's constant (checkConstants) may be
                if (o.kind() != Operand.Kind.DEF_REG || rematValue[Loc.rematIndex(al[k])] != o.vreg()) {
                    fail(i, "v" + o.vreg() + " defined into " + Loc.text(al[k]));
                }
            } else if (o.kind() == Operand.Kind.DEF_REG || o.kind() == Operand.Kind.DEF_FIXED) {
                st[al[k]] = o.vreg();
            } else if (o.kind() == Operand.Kind.DEF_PARAM && st[al[k]] != o.vreg()) {
                fail(i, "block parameter v" + o.vreg() + " not in " + Loc.text(al[k]));
            }
        }
        apply(alloc.after().get(i), st);
    }
}
