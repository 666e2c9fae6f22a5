package wasm.backend.x64;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.backend.code.CodeBuffer;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scalar SSE forms the compiler uses, checked against objdump for every register pair class. */
class SseEncoderTest {
    @Test
    void vsseRejectsUcomis() {
        assertThrows(IllegalArgumentException.class,
                () -> new X64Assembler(new CodeBuffer()).vsse(SseOp.UCOMISD, Xmm.XMM0, Xmm.XMM1, Xmm.XMM2));
    }

    @Test
    void sseFormsDisassembleAsExpected() {
        List<Objdump.Case> cases = new ArrayList<>();
        Xmm[] xs = {Xmm.XMM0, Xmm.XMM7, Xmm.XMM8, Xmm.XMM15};
        Gpr[] gs = {Gpr.RAX, Gpr.RDI, Gpr.R8, Gpr.R15};
        for (Xmm x : xs) {
            for (Xmm y : xs) {
                for (SseOp op : SseOp.values()) {
                    cases.add(new Objdump.Case(op.mnemonic() + " " + x + "," + y, a -> a.sse(op, x, y)));
                }
                cases.add(new Objdump.Case("roundsd " + x + "," + y + ",0x3", a -> a.round(true, x, y, 3)));
                cases.add(new Objdump.Case("roundss " + x + "," + y + ",0x1", a -> a.round(false, x, y, 1)));
            }
            for (Gpr g : gs) {
                cases.add(new Objdump.Case("movq " + x + "," + g, a -> a.movToXmm(Size.QWORD, x, g)));
                cases.add(new Objdump.Case("movd " + x + "," + g.name(Size.DWORD), a -> a.movToXmm(Size.DWORD, x, g)));
                cases.add(new Objdump.Case("movq " + g + "," + x, a -> a.movFromXmm(Size.QWORD, g, x)));
                cases.add(new Objdump.Case("movd " + g.name(Size.DWORD) + "," + x, a -> a.movFromXmm(Size.DWORD, g, x)));
                cases.add(new Objdump.Case("cvtsi2sd " + x + "," + g, a -> a.cvtsi2s(true, Size.QWORD, x, g)));
                cases.add(new Objdump.Case("cvtsi2ss " + x + "," + g.name(Size.DWORD), a -> a.cvtsi2s(false, Size.DWORD, x, g)));
                cases.add(new Objdump.Case("cvttsd2si " + g + "," + x, a -> a.cvtts2si(true, Size.QWORD, g, x)));
                cases.add(new Objdump.Case("cvttss2si " + g.name(Size.DWORD) + "," + x, a -> a.cvtts2si(false, Size.DWORD, g, x)));
            }
        }
        // the VEX three-operand forms (AVX): every pair of sources, and memory second sources
        Xmm[] firsts = {Xmm.XMM1, Xmm.XMM9};
        for (SseOp op : SseOp.values()) {
            if (op == SseOp.UCOMISS || op == SseOp.UCOMISD) {
                continue;
            }
            for (Xmm x : xs) {
                for (Xmm y : xs) {
                    for (Xmm f : firsts) {
                        cases.add(new Objdump.Case("v" + op.mnemonic() + " " + x + "," + f + "," + y,
                                a -> a.vsse(op, x, f, y)));
                    }
                }
            }
            String width = switch (op) {
                case ANDPS, ANDNPS, ORPS, XORPS -> "XMMWORD";
                case ADDSD, SUBSD, MULSD, DIVSD, SQRTSD, MINSD, MAXSD, CVTSD2SS -> "QWORD";
                default -> "DWORD";
            };
            cases.add(new Objdump.Case("v" + op.mnemonic() + " xmm8,xmm2," + width + " PTR [r13+0x10]",
                    a -> a.vsse(op, Xmm.XMM8, Xmm.XMM2, Mem.of(Gpr.R13, 0x10))));
            cases.add(new Objdump.Case("v" + op.mnemonic() + " xmm3,xmm12," + width + " PTR [rax+r9*8-0x8]",
                    a -> a.vsse(op, Xmm.XMM3, Xmm.XMM12, Mem.of(Gpr.RAX, Gpr.R9, 8, -8))));
        }
        cases.add(new Objdump.Case("cpuid", X64Assembler::cpuid));
        cases.add(new Objdump.Case("xgetbv", X64Assembler::xgetbv));
        cases.add(new Objdump.Case("syscall", X64Assembler::syscall));
        Objdump.check(cases);
    }
}
