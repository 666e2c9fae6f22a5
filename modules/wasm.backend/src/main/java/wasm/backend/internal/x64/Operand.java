package wasm.backend.internal.x64;

import wasm.backend.x64.Reg;

/**
 * One register operand of a machine instruction as the allocator sees it: the
 * virtual register, its constraint ({@link Regs} says what each means), the
 * fixed register of a fixed constraint, and for a def that may reuse an input's
 * register the input's virtual register (else -1).
 */
record Operand(int vreg, Kind kind, Reg fixed, int reuses) {
    enum Kind {
        USE_REG,
        USE_ANY,
        USE_FIXED,
        DEF_REG,
        DEF_FIXED,
        DEF_PARAM;

        boolean isUse() {
            return this == USE_REG || this == USE_ANY || this == USE_FIXED;
        }
    }

    /**
     * The operands of {@code m} in its listing order. A form has at most one register-only
     * operand (a use or a def that must be in a register) per register class: a spilled one is
     * given the class's one scratch register (r10, xmm15), so two could be given it at once.
     */
    static Operand[] of(MInst m) {
        Collector c = new Collector();
        m.regs(c);
        Operand[] ops = c.list.toArray(Operand[]::new);
        if (c.registerOnly[0] > 1 || c.registerOnly[1] > 1) {
            throw new IllegalStateException(m.getClass().getSimpleName()
                    + " has two register-only operands of one class (both could be given the scratch register)");
        }
        return ops;
    }

    /** Records each operand with its constraint and returns it unchanged. */
    private static final class Collector implements Regs {
        private final java.util.ArrayList<Operand> list = new java.util.ArrayList<>(4);
        /** Register-only operands (use or def) per class, GPR then XMM. */
        private final int[] registerOnly = new int[2];

        private <R extends VReg> R add(R r, Kind kind, Reg fixed, int reuses) {
            list.add(new Operand(r.index(), kind, fixed, reuses));
            if (kind == Kind.USE_REG || kind == Kind.DEF_REG) {
                registerOnly[r.regClass().ordinal()]++;
            }
            return r;
        }

        @Override
        public <R extends VReg> R use(R r) {
            return add(r, Kind.USE_REG, null, -1);
        }

        @Override
        public <R extends VReg> R any(R r) {
            return add(r, Kind.USE_ANY, null, -1);
        }

        @Override
        public <R extends VReg> R fixed(R r, Reg p) {
            return add(r, Kind.USE_FIXED, checkClass(r, p), -1);
        }

        @Override
        public <R extends VReg> R def(R r) {
            return add(r, Kind.DEF_REG, null, -1);
        }

        @Override
        public <R extends VReg> R defReusing(R r, VReg input) {
            return add(r, Kind.DEF_REG, null, input.regClass() == r.regClass() ? input.index() : -1);
        }

        @Override
        public <R extends VReg> R defFixed(R r, Reg p) {
            return add(r, Kind.DEF_FIXED, checkClass(r, p), -1);
        }

        @Override
        public <R extends VReg> R param(R r) {
            return add(r, Kind.DEF_PARAM, null, -1);
        }

        private static Reg checkClass(VReg r, Reg p) {
            boolean gpr = p instanceof wasm.backend.x64.Gpr;
            if (gpr != (r.regClass() == RegClass.GPR)) {
                throw new IllegalArgumentException(r + " cannot be fixed to " + p);
            }
            return p;
        }
    }
}
