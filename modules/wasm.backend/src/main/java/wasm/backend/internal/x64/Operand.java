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

    /** The operands of {@code m} in its listing order. */
    static Operand[] of(MInst m) {
        Collector c = new Collector();
        m.regs(c);
        return c.list.toArray(Operand[]::new);
    }

    /** Records each operand with its constraint and returns it unchanged. */
    private static final class Collector implements Regs {
        private final java.util.ArrayList<Operand> list = new java.util.ArrayList<>(4);

        private <R extends VReg> R add(R r, Kind kind, Reg fixed, int reuses) {
            list.add(new Operand(r.index(), kind, fixed, reuses));
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
