package wasm.backend.x64;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static wasm.backend.x64.IntelSyntax.imm;
import static wasm.backend.x64.IntelSyntax.mem;

/**
 * Random instruction forms (registers, sizes, immediates, displacements,
 * addressing modes) must disassemble to the text derived from their operands.
 * Each try batches a few hundred forms into one objdump run.
 */
class X64EncoderProperties {

    @Property(tries = 40)
    void randomFormsDisassembleAsExpected(@ForAll("programs") List<Objdump.Case> program) {
        Objdump.check(program);
    }

    @Provide
    Arbitrary<List<Objdump.Case>> programs() {
        return Arbitraries.oneOf(List.of(
                        registerRegister(), registerImmediate(), loads(), stores(), storeImmediates(), extensions(),
                        shifts(), unaries(), conditionals(), memoryAlu(), imulImmediate(), leas(), bitScans(),
                        sseRegister(), sseMemory(), sseMoves(), sseConversions()))
                .list().ofMinSize(50).ofMaxSize(400);
    }

    private static Arbitrary<Gpr> gpr() {
        return Arbitraries.of(Gpr.class);
    }

    private static Arbitrary<Xmm> xmm() {
        return Arbitraries.of(Xmm.class);
    }

    private static Arbitrary<Size> wideSize() {
        return Arbitraries.of(Size.DWORD, Size.QWORD);
    }

    private static Arbitrary<Integer> disp() {
        return Arbitraries.oneOf(List.of(Arbitraries.just(0), Arbitraries.integers().between(-128, 127),
                Arbitraries.integers()));
    }

    private static Arbitrary<Integer> imm32() {
        return Arbitraries.oneOf(List.of(Arbitraries.integers().between(-128, 127), Arbitraries.integers()));
    }

    private static Arbitrary<Mem> memory() {
        Arbitrary<Mem> baseDisp = Combinators.combine(gpr(), disp()).as(Mem::of);
        Arbitrary<Mem> baseIndex = Combinators.combine(gpr(), gpr().filter(g -> g != Gpr.RSP),
                Arbitraries.of(Scale.class), disp()).as(Mem::of);
        return Arbitraries.oneOf(List.of(baseDisp, baseIndex));
    }

    private static Arbitrary<Objdump.Case> registerRegister() {
        Arbitrary<String> op = Arbitraries.of("mov", "add", "or", "and", "sub", "xor", "cmp", "adc", "sbb", "test",
                "imul", "lzcnt", "tzcnt", "popcnt");
        return Combinators.combine(op, wideSize(), gpr(), gpr()).as((o, size, d, s) -> {
            String text = o + " " + d.name(size) + "," + s.name(size);
            return new Objdump.Case(text, a -> {
                switch (o) {
                    case "mov" -> a.mov(size, d, s);
                    case "test" -> a.test(size, d, s);
                    case "imul" -> a.imul(size, d, s);
                    case "lzcnt" -> a.lzcnt(size, d, s);
                    case "tzcnt" -> a.tzcnt(size, d, s);
                    case "popcnt" -> a.popcnt(size, d, s);
                    default -> a.alu(AluOp.valueOf(o.toUpperCase()), size, d, s);
                }
            });
        });
    }

    private static Arbitrary<Objdump.Case> registerImmediate() {
        return Combinators.combine(Arbitraries.of(AluOp.class), wideSize(), gpr(), imm32()).as((op, size, d, v) ->
                new Objdump.Case(op.mnemonic() + " " + d.name(size) + "," + imm(size, v),
                        a -> a.alu(op, size, d, v)));
    }

    private static Arbitrary<Objdump.Case> loads() {
        Arbitrary<Size> size = Arbitraries.of(Size.class);
        return Combinators.combine(size, gpr(), memory()).as((s, d, m) ->
                new Objdump.Case("mov " + d.name(s) + "," + mem(s, m), a -> a.mov(s, d, m)));
    }

    private static Arbitrary<Objdump.Case> leas() {
        return Combinators.combine(wideSize(), gpr(), memory()).as((s, d, m) ->
                new Objdump.Case("lea " + d.name(s) + "," + IntelSyntax.address(m), a -> a.lea(s, d, m)));
    }

    private static Arbitrary<Objdump.Case> stores() {
        Arbitrary<Size> size = Arbitraries.of(Size.class);
        return Combinators.combine(size, gpr(), memory()).as((s, r, m) ->
                new Objdump.Case("mov " + mem(s, m) + "," + r.name(s), a -> a.mov(s, m, r)));
    }

    private static Arbitrary<Objdump.Case> storeImmediates() {
        Arbitrary<Size> size = Arbitraries.of(Size.class);
        return Combinators.combine(size, memory(), imm32()).as((s, m, v) -> {
            int value = switch (s) {
                case BYTE -> (byte) (int) v;
                case WORD -> (short) (int) v;
                default -> v;
            };
            return new Objdump.Case("mov " + mem(s, m) + "," + imm(s, value), a -> a.mov(s, m, value));
        });
    }

    private static Arbitrary<Objdump.Case> extensions() {
        Arbitrary<Size> from = Arbitraries.of(Size.BYTE, Size.WORD);
        Arbitrary<Boolean> signed = Arbitraries.of(true, false);
        Arbitrary<Boolean> fromMemory = Arbitraries.of(true, false);
        return Combinators.combine(signed, wideSize(), gpr(), from, gpr(), memory(), fromMemory)
                .as((sx, to, d, f, s, m, useMem) -> {
                    String mnemonic = sx ? "movsx" : "movzx";
                    String src = useMem ? mem(f, m) : s.name(f);
                    return new Objdump.Case(mnemonic + " " + d.name(to) + "," + src, a -> {
                        if (sx && useMem) {
                            a.movsx(to, d, f, m);
                        } else if (sx) {
                            a.movsx(to, d, f, s);
                        } else if (useMem) {
                            a.movzx(to, d, f, m);
                        } else {
                            a.movzx(to, d, f, s);
                        }
                    });
                });
    }

    private static Arbitrary<Objdump.Case> shifts() {
        Arbitrary<Integer> amount = Arbitraries.integers().between(0, 63);
        Arbitrary<Boolean> byCl = Arbitraries.of(true, false);
        return Combinators.combine(Arbitraries.of(ShiftOp.class), wideSize(), gpr(), amount, byCl)
                .as((op, size, r, n, cl) -> cl
                        ? new Objdump.Case(op.mnemonic() + " " + r.name(size) + ",cl", a -> a.shiftByCl(op, size, r))
                        : new Objdump.Case(op.mnemonic() + " " + r.name(size) + "," + (n == 1 ? "1" : imm(Size.BYTE, n)),
                                a -> a.shift(op, size, r, n)));
    }

    private static Arbitrary<Objdump.Case> unaries() {
        return Combinators.combine(Arbitraries.of(UnaryOp.class), wideSize(), gpr(), memory(), Arbitraries.of(true, false))
                .as((op, size, r, m, useMem) -> useMem
                        ? new Objdump.Case(op.mnemonic() + " " + mem(size, m), a -> a.unary(op, size, m))
                        : new Objdump.Case(op.mnemonic() + " " + r.name(size), a -> a.unary(op, size, r)));
    }

    private static Arbitrary<Objdump.Case> conditionals() {
        return Combinators.combine(Arbitraries.of(Cond.class), wideSize(), gpr(), gpr(), memory(), Arbitraries.integers().between(0, 2))
                .as((cc, size, d, s, m, kind) -> switch (kind) {
                    case 0 -> new Objdump.Case("set" + cc.suffix() + " " + d.name(Size.BYTE), a -> a.setcc(cc, d));
                    case 1 -> new Objdump.Case("cmov" + cc.suffix() + " " + d.name(size) + "," + s.name(size),
                            a -> a.cmov(cc, size, d, s));
                    default -> new Objdump.Case("cmov" + cc.suffix() + " " + d.name(size) + "," + mem(size, m),
                            a -> a.cmov(cc, size, d, m));
                });
    }

    private static Arbitrary<Objdump.Case> memoryAlu() {
        return Combinators.combine(Arbitraries.of(AluOp.class), wideSize(), gpr(), memory(), imm32(),
                        Arbitraries.integers().between(0, 2))
                .as((op, size, r, m, v, kind) -> switch (kind) {
                    case 0 -> new Objdump.Case(op.mnemonic() + " " + r.name(size) + "," + mem(size, m),
                            a -> a.alu(op, size, r, m));
                    case 1 -> new Objdump.Case(op.mnemonic() + " " + mem(size, m) + "," + r.name(size),
                            a -> a.alu(op, size, m, r));
                    default -> new Objdump.Case(op.mnemonic() + " " + mem(size, m) + "," + imm(size, v),
                            a -> a.alu(op, size, m, v));
                });
    }

    /** bsr / bsf (the fallbacks of lzcnt / tzcnt), register and memory sources. */
    private static Arbitrary<Objdump.Case> bitScans() {
        return Combinators.combine(Arbitraries.of("bsr", "bsf"), wideSize(), gpr(), gpr(), memory(),
                        Arbitraries.of(true, false))
                .as((op, size, d, s, m, useMem) -> new Objdump.Case(
                        op + " " + d.name(size) + "," + (useMem ? mem(size, m) : s.name(size)), a -> {
                            switch (op + useMem) {
                                case "bsrtrue" -> a.bsr(size, d, m);
                                case "bsrfalse" -> a.bsr(size, d, s);
                                case "bsftrue" -> a.bsf(size, d, m);
                                default -> a.bsf(size, d, s);
                            }
                        }));
    }

    /** What objdump calls the memory operand of an SSE instruction: its access width. */
    static String ssePtr(SseOp op) {
        String n = op.name();
        if (n.endsWith("PS")) {
            return "XMMWORD";
        }
        if (n.startsWith("CVT")) {
            return n.equals("CVTSS2SD") ? "DWORD" : "QWORD"; // the source's width
        }
        return n.endsWith("SS") ? "DWORD" : "QWORD";
    }

    private static Arbitrary<Objdump.Case> sseRegister() {
        return Combinators.combine(Arbitraries.of(SseOp.class), xmm(), xmm())
                .as((op, d, s) -> new Objdump.Case(op.mnemonic() + " " + d + "," + s, a -> a.sse(op, d, s)));
    }

    private static Arbitrary<Objdump.Case> sseMemory() {
        return Combinators.combine(Arbitraries.of(SseOp.class), xmm(), memory())
                .as((op, d, m) -> new Objdump.Case(op.mnemonic() + " " + d + "," + ssePtr(op) + " PTR "
                        + IntelSyntax.address(m), a -> a.sse(op, d, m)));
    }

    /** movaps (register, load, store), movss / movsd loads and stores, movd / movq to and from a gpr. */
    private static Arbitrary<Objdump.Case> sseMoves() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), xmm(), xmm(), gpr(), memory(), wideSize())
                .as((kind, x, y, g, m, size) -> switch (kind) {
                    case 0 -> new Objdump.Case("movaps " + x + "," + y, a -> a.movaps(x, y));
                    case 1 -> new Objdump.Case("movaps " + x + ",XMMWORD PTR " + IntelSyntax.address(m), a -> a.movaps(x, m));
                    case 2 -> new Objdump.Case("movaps XMMWORD PTR " + IntelSyntax.address(m) + "," + x, a -> a.movaps(m, x));
                    case 3 -> new Objdump.Case((size == Size.QWORD ? "movsd " : "movss ") + x + "," + mem(size, m),
                            a -> a.movScalar(size, x, m));
                    case 4 -> new Objdump.Case((size == Size.QWORD ? "movsd " : "movss ") + mem(size, m) + "," + x,
                            a -> a.movScalar(size, m, x));
                    case 5 -> new Objdump.Case((size == Size.QWORD ? "movq " : "movd ") + x + "," + g.name(size),
                            a -> a.movToXmm(size, x, g));
                    case 6 -> new Objdump.Case((size == Size.QWORD ? "movq " : "movd ") + g.name(size) + "," + x,
                            a -> a.movFromXmm(size, g, x));
                    default -> new Objdump.Case("movsd " + x + ",QWORD PTR " + IntelSyntax.address(m), a -> a.movsd(x, m));
                });
    }

    /** cvtsi2ss/sd from a gpr or memory, cvtts2si, roundss/sd from a register or memory. */
    private static Arbitrary<Objdump.Case> sseConversions() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.of(true, false), xmm(), xmm(),
                        gpr(), memory(), wideSize())
                .as((kind, dbl, x, y, g, m, size) -> {
                    String s = dbl ? "sd" : "ss";
                    return switch (kind) {
                        case 0 -> new Objdump.Case("cvtsi2" + s + " " + x + "," + g.name(size),
                                a -> a.cvtsi2s(dbl, size, x, g));
                        case 1 -> new Objdump.Case("cvtsi2" + s + " " + x + "," + mem(size, m),
                                a -> a.cvtsi2s(dbl, size, x, m));
                        case 2 -> new Objdump.Case("cvtt" + s + "2si " + g.name(size) + "," + x,
                                a -> a.cvtts2si(dbl, size, g, x));
                        case 3 -> new Objdump.Case("round" + s + " " + x + "," + y + ",0x9", a -> a.round(dbl, x, y, 9));
                        default -> new Objdump.Case("round" + s + " " + x + "," + (dbl ? "QWORD" : "DWORD") + " PTR "
                                + IntelSyntax.address(m) + ",0xb", a -> a.round(dbl, x, m, 11));
                    };
                });
    }

    private static Arbitrary<Objdump.Case> imulImmediate() {
        return Combinators.combine(wideSize(), gpr(), gpr(), memory(), imm32(), Arbitraries.of(true, false))
                .as((size, d, s, m, v, useMem) -> useMem
                        ? new Objdump.Case("imul " + d.name(size) + "," + mem(size, m) + "," + imm(size, v),
                                a -> a.imul(size, d, m, v))
                        : new Objdump.Case("imul " + d.name(size) + "," + s.name(size) + "," + imm(size, v),
                                a -> a.imul(size, d, s, v)));
    }
}
