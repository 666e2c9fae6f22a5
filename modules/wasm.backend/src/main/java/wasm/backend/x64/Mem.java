package wasm.backend.x64;

import java.util.Objects;

import wasm.backend.code.Label;

/**
 * A memory operand. {@code [base + disp32]}, {@code [base + index*scale + disp32]}
 * or {@code [rip + label + disp]} (RIP-relative, e.g. constants placed after the
 * function). The size of the access is given by the instruction, not here.
 */
public sealed interface Mem extends Operand {

    /** {@code [base + disp]}. Any register may be the base (RSP/R12 get a SIB byte). */
    record BaseDisp(Gpr base, int disp) implements Mem {
        public BaseDisp {
            Objects.requireNonNull(base, "base");
        }

        @Override
        public String toString() {
            return "[" + base + dispText(disp) + "]";
        }
    }

    /** {@code [base + index*scale + disp]}. RSP cannot be an index (its number means "no index"). */
    record BaseIndexDisp(Gpr base, Gpr index, Scale scale, int disp) implements Mem {
        public BaseIndexDisp {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(scale, "scale");
            if (index == Gpr.RSP) {
                throw new IllegalArgumentException("rsp cannot be an index register");
            }
        }

        @Override
        public String toString() {
            return "[" + base + "+" + index + "*" + scale.factor() + dispText(disp) + "]";
        }
    }

    /** {@code [rip + disp32]} pointing at {@code target + disp}, resolved as a label fixup. */
    record RipRelative(Label target, int disp) implements Mem {
        public RipRelative {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String toString() {
            return "[rip+" + target + dispText(disp) + "]";
        }
    }

    static Mem of(Gpr base) {
        return new BaseDisp(base, 0);
    }

    static Mem of(Gpr base, int disp) {
        return new BaseDisp(base, disp);
    }

    static Mem of(Gpr base, Gpr index, Scale scale, int disp) {
        return new BaseIndexDisp(base, index, scale, disp);
    }

    static Mem of(Gpr base, Gpr index, int scale, int disp) {
        return new BaseIndexDisp(base, index, Scale.of(scale), disp);
    }

    static Mem rip(Label target) {
        return new RipRelative(target, 0);
    }

    private static String dispText(int disp) {
        if (disp == 0) {
            return "";
        }
        return disp < 0 ? "-0x" + Integer.toHexString(-disp) : "+0x" + Integer.toHexString(disp);
    }
}
