package wasm.backend.x64;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import wasm.backend.x64.X64Assembler.Blend;
import wasm.backend.x64.X64Assembler.LaneWidth;
import wasm.backend.x64.X64Assembler.MoveMask;
import wasm.backend.x64.X64Assembler.VecShift;

/**
 * The vector forms (every {@link VecOp} in its legacy SSE and its VEX encoding, shifts by an
 * immediate, pinsr/pextr, the sign-bit gathers, variable blends, unaligned moves) must
 * disassemble to the text derived from their operands: random registers (xmm8..15 and r8..15
 * need REX or the three-byte VEX prefix), addressing modes and immediates.
 */
class VecEncoderProperties {

    @Test
    void everyVecOpInBothEncodings() {
        List<Objdump.Case> cases = new ArrayList<>();
        Xmm[] xs = {Xmm.XMM0, Xmm.XMM7, Xmm.XMM8, Xmm.XMM15};
        for (VecOp op : VecOp.values()) {
            for (Xmm x : xs) {
                for (Xmm y : xs) {
                    if (!op.memOnly()) {
                        if (!op.vexOnly()) {
                            cases.add(legacy(op, x, y, 0x1b & immMask(op)));
                        }
                        cases.add(vex(op, x, y, Xmm.XMM3, 0x1b & immMask(op)));
                    }
                }
            }
            if (op.memBytes() > 0) {
                Mem m = Mem.of(Gpr.R13, Gpr.R9, 4, 0x40);
                if (!op.vexOnly()) {
                    cases.add(legacy(op, Xmm.XMM9, m, 2));
                }
                cases.add(vex(op, Xmm.XMM9, m, Xmm.XMM12, 2));
            }
        }
        Objdump.check(cases);
    }

    @Property(tries = 40)
    void randomVectorFormsDisassembleAsExpected(@ForAll("programs") List<Objdump.Case> program) {
        Objdump.check(program);
    }

    @Provide
    Arbitrary<List<Objdump.Case>> programs() {
        return Arbitraries.oneOf(List.of(legacyForms(), vexForms(), shifts(), lanes(), masksAndBlends(), moves()))
                .list().ofMinSize(50).ofMaxSize(300);
    }

    private static Arbitrary<Xmm> xmm() {
        return Arbitraries.of(Xmm.class);
    }

    private static Arbitrary<Gpr> gpr() {
        return Arbitraries.of(Gpr.class);
    }

    private static Arbitrary<Integer> disp() {
        return Arbitraries.oneOf(List.of(Arbitraries.just(0), Arbitraries.integers().between(-128, 127),
                Arbitraries.integers()));
    }

    private static Arbitrary<Mem> memory() {
        Arbitrary<Mem> baseDisp = Combinators.combine(gpr(), disp()).as(Mem::of);
        Arbitrary<Mem> baseIndex = Combinators.combine(gpr(), gpr().filter(g -> g != Gpr.RSP),
                Arbitraries.of(Scale.class), disp()).as(Mem::of);
        return Arbitraries.oneOf(List.of(baseDisp, baseIndex));
    }

    private static Arbitrary<Operand> xmmOrMemory() {
        return Arbitraries.oneOf(List.of(xmm().map(x -> (Operand) x), memory().map(m -> (Operand) m)));
    }

    /** cmpps/cmppd print their predicate in the mnemonic: keep it to the eight named ones. */
    private static int immMask(VecOp op) {
        return op == VecOp.CMPPS || op == VecOp.CMPPD ? 7 : 0xFF;
    }

    private static final String[] PREDICATES = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};

    private static String mnemonic(VecOp op, boolean vex, int imm) {
        String name = op.mnemonic();
        if (op == VecOp.CMPPS || op == VecOp.CMPPD) {
            name = "cmp" + PREDICATES[imm] + name.substring(3);
        }
        return vex && !op.vexOnly() ? "v" + name : name;
    }

    static String ptr(int bytes) {
        return switch (bytes) {
            case 1 -> "BYTE";
            case 2 -> "WORD";
            case 4 -> "DWORD";
            case 8 -> "QWORD";
            default -> "XMMWORD";
        };
    }

    private static String operand(VecOp op, Operand o) {
        return o instanceof Mem m ? ptr(op.memBytes()) + " PTR " + IntelSyntax.address(m) : o.toString();
    }

    private static String imm(int imm) {
        return ",0x" + Integer.toHexString(imm);
    }

    private static Objdump.Case legacy(VecOp op, Xmm dst, Operand src, int imm) {
        String text = mnemonic(op, false, imm) + " " + dst + "," + operand(op, src)
                + (op.hasImm() && !isCmp(op) ? imm(imm) : "");
        return new Objdump.Case(text, a -> {
            if (op.hasImm()) {
                a.vec(op, dst, src, imm);
            } else {
                a.vec(op, dst, src);
            }
        });
    }

    private static boolean isCmp(VecOp op) {
        return op == VecOp.CMPPS || op == VecOp.CMPPD;
    }

    private static Objdump.Case vex(VecOp op, Xmm dst, Operand src2, Xmm src1, int imm) {
        boolean binary = op.shape() == VecOp.Shape.BINARY;
        String text = mnemonic(op, true, imm) + " " + dst + "," + (binary ? src1 + "," : "") + operand(op, src2)
                + (op.hasImm() && !isCmp(op) ? imm(imm) : "");
        return new Objdump.Case(text, a -> {
            if (op.hasImm()) {
                a.vex(op, dst, binary ? src1 : null, src2, imm);
            } else {
                a.vex(op, dst, binary ? src1 : null, src2);
            }
        });
    }

    private static Arbitrary<Objdump.Case> legacyForms() {
        return Combinators.combine(Arbitraries.of(VecOp.class).filter(op -> !op.vexOnly()), xmm(), xmmOrMemory(),
                        Arbitraries.integers().between(0, 255))
                .as((op, d, s, imm) -> {
                    Operand src = op.memOnly() && !(s instanceof Mem) ? Mem.of(Gpr.RAX) : op.memBytes() == 0 ? d : s;
                    return legacy(op, d, src, imm & immMask(op));
                });
    }

    private static Arbitrary<Objdump.Case> vexForms() {
        return Combinators.combine(Arbitraries.of(VecOp.class), xmm(), xmm(), xmmOrMemory(),
                        Arbitraries.integers().between(0, 255))
                .as((op, d, s1, s2, imm) -> {
                    Operand src = op.memOnly() && !(s2 instanceof Mem) ? Mem.of(Gpr.R12, 8) : op.memBytes() == 0 ? s1 : s2;
                    return vex(op, d, src, s1, imm & immMask(op));
                });
    }

    private static Arbitrary<Objdump.Case> shifts() {
        return Combinators.combine(Arbitraries.of(VecShift.class), xmm(), xmm(), Arbitraries.integers().between(0, 255),
                        Arbitraries.of(true, false))
                .as((op, d, s, imm, vex) -> vex
                        ? new Objdump.Case("v" + op.mnemonic() + " " + d + "," + s + imm(imm), a -> a.vexShift(op, d, s, imm))
                        : new Objdump.Case(op.mnemonic() + " " + d + imm(imm), a -> a.vecShift(op, d, imm)));
    }

    private static String gprName(LaneWidth w, Gpr g) {
        return g.name(w == LaneWidth.Q ? Size.QWORD : Size.DWORD);
    }

    private static int widthBytes(LaneWidth w) {
        return 1 << w.ordinal();
    }

    /** pinsr / pextr of every width, legacy and VEX, register and memory sides. */
    private static Arbitrary<Objdump.Case> lanes() {
        return Combinators.combine(Arbitraries.of(LaneWidth.class), xmm(), xmm(), gpr(), memory(),
                        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 15))
                .as((w, x, y, g, m, kind, lane) -> {
                    int l = lane % (16 / widthBytes(w));
                    String mem = ptr(widthBytes(w)) + " PTR " + IntelSyntax.address(m);
                    String r = gprName(w, g);
                    String s = w.suffix();
                    return switch (kind) {
                        case 0 -> new Objdump.Case("pinsr" + s + " " + x + "," + r + imm(l), a -> a.pinsr(w, x, g, l));
                        case 1 -> new Objdump.Case("vpinsr" + s + " " + x + "," + y + "," + mem + imm(l),
                                a -> a.vpinsr(w, x, y, m, l));
                        case 2 -> new Objdump.Case("pextr" + s + " " + mem + "," + x + imm(l), a -> a.pextr(w, m, x, l));
                        default -> new Objdump.Case("vpextr" + s + " " + r + "," + x + imm(l), a -> a.vpextr(w, g, x, l));
                    };
                });
    }

    private static Arbitrary<Objdump.Case> masksAndBlends() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(MoveMask.class),
                        Arbitraries.of(Blend.class), gpr(), xmm(), xmm(), xmmOrMemory(), xmm())
                .as((kind, mm, bl, g, x, y, s, mask) -> switch (kind) {
                    case 0 -> new Objdump.Case(mm.mnemonic() + " " + g.name(Size.DWORD) + "," + x, a -> a.moveMask(mm, g, x));
                    case 1 -> new Objdump.Case(bl.mnemonic() + " " + x + "," + blendSource(s) + ",xmm0",
                            a -> a.blendv(bl, x, s));
                    default -> new Objdump.Case("v" + bl.mnemonic() + " " + x + "," + y + "," + blendSource(s) + "," + mask,
                            a -> a.vblendv(bl, x, y, s, mask));
                });
    }

    private static String blendSource(Operand s) {
        return s instanceof Mem m ? "XMMWORD PTR " + IntelSyntax.address(m) : s.toString();
    }

    /** movdqu load and store, movd / movq stores of lane 0. */
    private static Arbitrary<Objdump.Case> moves() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), xmm(), memory())
                .as((kind, x, m) -> switch (kind) {
                    case 0 -> new Objdump.Case("movdqu " + x + ",XMMWORD PTR " + IntelSyntax.address(m), a -> a.movdqu(x, m));
                    case 1 -> new Objdump.Case("movdqu XMMWORD PTR " + IntelSyntax.address(m) + "," + x, a -> a.movdqu(m, x));
                    case 2 -> new Objdump.Case("movd DWORD PTR " + IntelSyntax.address(m) + "," + x, a -> a.movd(m, x));
                    default -> new Objdump.Case("movq QWORD PTR " + IntelSyntax.address(m) + "," + x, a -> a.movq(m, x));
                });
    }
}
