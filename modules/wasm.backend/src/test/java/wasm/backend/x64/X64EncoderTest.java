package wasm.backend.x64;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import wasm.backend.code.CodeBuffer;
import wasm.backend.code.Label;
import wasm.backend.code.RelocationTarget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.backend.x64.Gpr.*;
import static wasm.backend.x64.Size.*;

/** The encoder against objdump: hand-written expectations, then every register in every role. */
class X64EncoderTest {

    private static Objdump.Case c(String expected, Consumer<X64Assembler> emit) {
        return new Objdump.Case(expected, emit);
    }

    @Test
    void handWrittenFormsDisassembleAsExpected() {
        List<Objdump.Case> cases = List.of(
                // mov register/register, both widths, REX.R and REX.B
                c("mov rax,rbx", a -> a.mov(QWORD, RAX, RBX)),
                c("mov eax,ebx", a -> a.mov(DWORD, RAX, RBX)),
                c("mov r8,rax", a -> a.mov(QWORD, R8, RAX)),
                c("mov rax,r15", a -> a.mov(QWORD, RAX, R15)),
                c("mov r9d,r10d", a -> a.mov(DWORD, R9, R10)),
                c("mov rsp,rbp", a -> a.mov(QWORD, RSP, RBP)),
                // immediates
                c("mov eax,0x1", a -> a.mov(DWORD, RAX, 1)),
                c("mov r12d,0xffffffff", a -> a.mov(DWORD, R12, -1)),
                c("mov rax,0xffffffffffffffff", a -> a.mov(QWORD, RAX, -1)),
                c("mov r15,0x7fffffff", a -> a.mov(QWORD, R15, Integer.MAX_VALUE)),
                c("movabs rax,0x123456789abcdef0", a -> a.movabs(RAX, 0x123456789abcdef0L)),
                c("movabs r11,0x8000000000000000", a -> a.movabs(R11, Long.MIN_VALUE)),
                c("mov ecx,0xffffffff", a -> a.movConst(RCX, 0xFFFF_FFFFL)),
                c("mov rcx,0xfffffffffffffffe", a -> a.movConst(RCX, -2)),
                c("movabs rcx,0x100000000", a -> a.movConst(RCX, 0x1_0000_0000L)),
                // a 64-bit constant into a slot: imm32 when it fits, else through the scratch register
                c("mov QWORD PTR [rbp-0x10],0xfffffffffffffffe", a -> a.storeConst(Mem.of(RBP, -16), -2, R11)),
                c("mov r11d,0xffffffff; mov QWORD PTR [rbp-0x10],r11",
                        a -> a.storeConst(Mem.of(RBP, -16), 0xFFFF_FFFFL, R11)),
                c("movabs r11,0x100000000; mov QWORD PTR [rsp+0x8],r11",
                        a -> a.storeConst(Mem.of(RSP, 8), 0x1_0000_0000L, R11)),
                // loads and stores: rsp/r12 need SIB, rbp/r13 need a displacement
                c("mov rax,QWORD PTR [rsp]", a -> a.mov(QWORD, RAX, Mem.of(RSP))),
                c("mov rax,QWORD PTR [r12]", a -> a.mov(QWORD, RAX, Mem.of(R12))),
                c("mov rax,QWORD PTR [rbp+0x0]", a -> a.mov(QWORD, RAX, Mem.of(RBP))),
                c("mov rax,QWORD PTR [r13+0x0]", a -> a.mov(QWORD, RAX, Mem.of(R13))),
                c("mov eax,DWORD PTR [rsp+0x8]", a -> a.mov(DWORD, RAX, Mem.of(RSP, 8))),
                c("mov r14,QWORD PTR [r12+0x80]", a -> a.mov(QWORD, R14, Mem.of(R12, 128))),
                c("mov rdx,QWORD PTR [rbp-0x80]", a -> a.mov(QWORD, RDX, Mem.of(RBP, -128))),
                c("mov rdx,QWORD PTR [rbp-0x81]", a -> a.mov(QWORD, RDX, Mem.of(RBP, -129))),
                c("mov rax,QWORD PTR [rbx+r12*1]", a -> a.mov(QWORD, RAX, Mem.of(RBX, R12, 1, 0))),
                c("mov rax,QWORD PTR [r13+rax*8+0x0]", a -> a.mov(QWORD, RAX, Mem.of(R13, RAX, 8, 0))),
                c("mov rax,QWORD PTR [rbp+rbp*2+0x0]", a -> a.mov(QWORD, RAX, Mem.of(RBP, RBP, 2, 0))),
                c("mov r8,QWORD PTR [rsp+r13*4+0x10]", a -> a.mov(QWORD, R8, Mem.of(RSP, R13, 4, 16))),
                c("mov r15d,DWORD PTR [r12+r15*8-0x12345678]",
                        a -> a.mov(DWORD, R15, Mem.of(R12, R15, 8, -0x12345678))),
                c("mov QWORD PTR [rsp],rax", a -> a.mov(QWORD, Mem.of(RSP), RAX)),
                c("mov DWORD PTR [r13+0x4],r9d", a -> a.mov(DWORD, Mem.of(R13, 4), R9)),
                c("mov WORD PTR [rbx],ax", a -> a.mov(WORD, Mem.of(RBX), RAX)),
                c("mov WORD PTR [r8+rcx*2],r11w", a -> a.mov(WORD, Mem.of(R8, RCX, 2, 0), R11)),
                // byte stores: spl/bpl/sil/dil need a bare REX, r8b.. need REX.R
                c("mov BYTE PTR [rax],bl", a -> a.mov(BYTE, Mem.of(RAX), RBX)),
                c("mov BYTE PTR [rax],sil", a -> a.mov(BYTE, Mem.of(RAX), RSI)),
                c("mov BYTE PTR [rax],dil", a -> a.mov(BYTE, Mem.of(RAX), RDI)),
                c("mov BYTE PTR [rax],spl", a -> a.mov(BYTE, Mem.of(RAX), RSP)),
                c("mov BYTE PTR [rax],bpl", a -> a.mov(BYTE, Mem.of(RAX), RBP)),
                c("mov BYTE PTR [r12],r15b", a -> a.mov(BYTE, Mem.of(R12), R15)),
                c("mov QWORD PTR [rax],0xffffffffffffffff", a -> a.mov(QWORD, Mem.of(RAX), -1)),
                c("mov DWORD PTR [rsp+0x8],0x2a", a -> a.mov(DWORD, Mem.of(RSP, 8), 42)),
                c("mov WORD PTR [rbx],0x1234", a -> a.mov(WORD, Mem.of(RBX), 0x1234)),
                c("mov BYTE PTR [r13+0x0],0x12", a -> a.mov(BYTE, Mem.of(R13), 0x12)),
                // zero and sign extension
                c("movzx eax,bl", a -> a.movzx(DWORD, RAX, BYTE, RBX)),
                c("movzx eax,sil", a -> a.movzx(DWORD, RAX, BYTE, RSI)),
                c("movzx r9d,dil", a -> a.movzx(DWORD, R9, BYTE, RDI)),
                c("movzx rax,r10b", a -> a.movzx(QWORD, RAX, BYTE, R10)),
                c("movzx ecx,dx", a -> a.movzx(DWORD, RCX, WORD, RDX)),
                c("movzx r8,r9w", a -> a.movzx(QWORD, R8, WORD, R9)),
                c("movzx eax,BYTE PTR [rdi+rsi*1]", a -> a.movzx(DWORD, RAX, BYTE, Mem.of(RDI, RSI, 1, 0))),
                c("movzx eax,WORD PTR [r12+0x2]", a -> a.movzx(DWORD, RAX, WORD, Mem.of(R12, 2))),
                c("movsx eax,bpl", a -> a.movsx(DWORD, RAX, BYTE, RBP)),
                c("movsx rax,bl", a -> a.movsx(QWORD, RAX, BYTE, RBX)),
                c("movsx r15,WORD PTR [rax]", a -> a.movsx(QWORD, R15, WORD, Mem.of(RAX))),
                c("movsxd rax,ebx", a -> a.movsxd(RAX, RBX)),
                c("movsxd r12,r13d", a -> a.movsx(QWORD, R12, DWORD, R13)),
                c("movsxd rax,DWORD PTR [rbp-0x4]", a -> a.movsxd(RAX, Mem.of(RBP, -4))),
                c("mov eax,DWORD PTR [rdi]", a -> a.mov(DWORD, RAX, Mem.of(RDI))),
                c("mov cl,BYTE PTR [rdi]", a -> a.mov(BYTE, RCX, Mem.of(RDI))),
                c("mov sil,BYTE PTR [rdi]", a -> a.mov(BYTE, RSI, Mem.of(RDI))),
                // lea
                c("lea rax,[rbx+rcx*4+0x8]", a -> a.lea(QWORD, RAX, Mem.of(RBX, RCX, 4, 8))),
                c("lea r13d,[r13+0x1]", a -> a.lea(DWORD, R13, Mem.of(R13, 1))),
                c("lea rsp,[rsp-0x100]", a -> a.lea(QWORD, RSP, Mem.of(RSP, -256))),
                // ALU
                c("add rax,rbx", a -> a.add(QWORD, RAX, RBX)),
                c("add r8d,r9d", a -> a.add(DWORD, R8, R9)),
                c("add rax,0x1", a -> a.add(QWORD, RAX, 1)),
                c("add rax,0xffffffffffffff80", a -> a.add(QWORD, RAX, -128)),
                c("add eax,0xffffff80", a -> a.add(DWORD, RAX, -128)),
                c("add rsp,0x1000", a -> a.add(QWORD, RSP, 4096)),
                c("add rax,QWORD PTR [rsp+0x8]", a -> a.add(QWORD, RAX, Mem.of(RSP, 8))),
                c("sub rsp,0x8", a -> a.sub(QWORD, RSP, 8)),
                c("sub r11,QWORD PTR [r12]", a -> a.sub(QWORD, R11, Mem.of(R12))),
                c("and ecx,0x1f", a -> a.and(DWORD, RCX, 31)),
                c("and r10,0xffffffffffff0000", a -> a.and(QWORD, R10, 0xFFFF0000)),
                c("or rdx,r14", a -> a.or(QWORD, RDX, R14)),
                c("xor eax,eax", a -> a.xor(DWORD, RAX, RAX)),
                c("xor r15,QWORD PTR [rbp+0x10]", a -> a.xor(QWORD, R15, Mem.of(RBP, 16))),
                c("cmp rdi,rsi", a -> a.cmp(QWORD, RDI, RSI)),
                c("cmp edi,0x7fffffff", a -> a.cmp(DWORD, RDI, Integer.MAX_VALUE)),
                c("cmp rsp,QWORD PTR [rdi+0x18]", a -> a.cmp(QWORD, RSP, Mem.of(RDI, 0x18))),
                c("cmp QWORD PTR [r13+0x8],rax", a -> a.cmp(QWORD, Mem.of(R13, 8), RAX)),
                c("cmp DWORD PTR [rsp],0x0", a -> a.cmp(DWORD, Mem.of(RSP), 0)),
                c("cmp al,sil", a -> a.alu(AluOp.CMP, BYTE, RAX, RSI)),
                c("cmp BYTE PTR [rax],0x12", a -> a.alu(AluOp.CMP, BYTE, Mem.of(RAX), 0x12)),
                c("adc rax,rdx", a -> a.alu(AluOp.ADC, QWORD, RAX, RDX)),
                c("sbb ecx,0x0", a -> a.alu(AluOp.SBB, DWORD, RCX, 0)),
                c("add QWORD PTR [rdi],0x100", a -> a.alu(AluOp.ADD, QWORD, Mem.of(RDI), 256)),
                c("sub WORD PTR [rdi],0x1", a -> a.alu(AluOp.SUB, WORD, Mem.of(RDI), 1)),
                c("add ax,0x1234", a -> a.alu(AluOp.ADD, WORD, RAX, 0x1234)),
                c("add rax,rbx", a -> a.alu(AluOp.ADD, QWORD, (Operand) RAX, (Operand) RBX)),
                c("add rax,QWORD PTR [rbx]", a -> a.alu(AluOp.ADD, QWORD, (Operand) RAX, (Operand) Mem.of(RBX))),
                c("add QWORD PTR [rbx],rax", a -> a.alu(AluOp.ADD, QWORD, (Operand) Mem.of(RBX), (Operand) RAX)),
                c("add rax,0x7", a -> a.alu(AluOp.ADD, QWORD, (Operand) RAX, (Operand) Imm.of(7))),
                // test
                c("test rax,rbx", a -> a.test(QWORD, RAX, RBX)),
                c("test r8d,r8d", a -> a.test(DWORD, R8, R8)),
                c("test eax,0xff", a -> a.test(DWORD, RAX, 0xFF)),
                c("test r12,0xffffffffffffffff", a -> a.test(QWORD, R12, -1)),
                c("test dil,dil", a -> a.test(BYTE, RDI, RDI)),
                c("test QWORD PTR [rbx],rax", a -> a.test(QWORD, Mem.of(RBX), RAX)),
                c("test BYTE PTR [rsp+0x1],0x80", a -> a.test(BYTE, Mem.of(RSP, 1), 0x80)),
                // imul
                c("imul rax,rbx", a -> a.imul(QWORD, RAX, RBX)),
                c("imul r9d,r10d", a -> a.imul(DWORD, R9, R10)),
                c("imul rax,QWORD PTR [rbp+0x0]", a -> a.imul(QWORD, RAX, Mem.of(RBP))),
                c("imul rax,rbx,0xffffffffffffffff", a -> a.imul(QWORD, RAX, RBX, -1)),
                c("imul rax,rbx,0x100", a -> a.imul(QWORD, RAX, RBX, 256)),
                c("imul r13d,r12d,0xa", a -> a.imul(DWORD, R13, R12, 10)),
                c("imul rcx,QWORD PTR [r12],0x1000", a -> a.imul(QWORD, RCX, Mem.of(R12), 0x1000)),
                // group 3
                c("neg rax", a -> a.neg(QWORD, RAX)),
                c("neg r9d", a -> a.neg(DWORD, R9)),
                c("not r15", a -> a.not(QWORD, R15)),
                c("mul rcx", a -> a.mul(QWORD, RCX)),
                c("div r11", a -> a.div(QWORD, R11)),
                c("div ecx", a -> a.div(DWORD, RCX)),
                c("idiv rsi", a -> a.idiv(QWORD, RSI)),
                c("idiv r12d", a -> a.idiv(DWORD, R12)),
                c("idiv QWORD PTR [rsp+0x8]", a -> a.unary(UnaryOp.IDIV, QWORD, Mem.of(RSP, 8))),
                c("imul rbx", a -> a.unary(UnaryOp.IMUL1, QWORD, RBX)),
                c("cdq", X64Assembler::cdq),
                c("cqo", X64Assembler::cqo),
                // shifts and rotates
                c("shl rax,cl", a -> a.shiftByCl(ShiftOp.SHL, QWORD, RAX)),
                c("shr r9d,cl", a -> a.shiftByCl(ShiftOp.SHR, DWORD, R9)),
                c("sar r15,cl", a -> a.shiftByCl(ShiftOp.SAR, QWORD, R15)),
                c("rol edx,cl", a -> a.shiftByCl(ShiftOp.ROL, DWORD, RDX)),
                c("ror rsi,cl", a -> a.shiftByCl(ShiftOp.ROR, QWORD, RSI)),
                c("shl rax,1", a -> a.shl(QWORD, RAX, 1)),
                c("shl rax,0x3", a -> a.shl(QWORD, RAX, 3)),
                c("shr r10d,0x1f", a -> a.shr(DWORD, R10, 31)),
                c("sar rdi,0x3f", a -> a.sar(QWORD, RDI, 63)),
                c("rol r12,0x10", a -> a.rol(QWORD, R12, 16)),
                c("ror eax,0x8", a -> a.ror(DWORD, RAX, 8)),
                // bit counts
                c("lzcnt rax,rbx", a -> a.lzcnt(QWORD, RAX, RBX)),
                c("lzcnt r8d,r15d", a -> a.lzcnt(DWORD, R8, R15)),
                c("tzcnt rcx,r9", a -> a.tzcnt(QWORD, RCX, R9)),
                c("tzcnt eax,DWORD PTR [rsp]", a -> a.tzcnt(DWORD, RAX, Mem.of(RSP))),
                c("popcnt r14,QWORD PTR [r13+0x0]", a -> a.popcnt(QWORD, R14, Mem.of(R13))),
                c("popcnt eax,edi", a -> a.popcnt(DWORD, RAX, RDI)),
                c("popcnt ax,bx", a -> a.popcnt(WORD, RAX, RBX)),
                // setcc / cmov
                c("sete al", a -> a.setcc(Cond.E, RAX)),
                c("setne sil", a -> a.setcc(Cond.NE, RSI)),
                c("setl r9b", a -> a.setcc(Cond.L, R9)),
                c("setb dil; movzx edi,dil", a -> a.setccZeroExtend(Cond.B, RDI)),
                c("seta r12b; movzx r12d,r12b", a -> a.setccZeroExtend(Cond.A, R12)),
                c("cmove rax,rbx", a -> a.cmov(Cond.E, QWORD, RAX, RBX)),
                c("cmovge r8d,ecx", a -> a.cmov(Cond.GE, DWORD, R8, RCX)),
                c("cmovb r15,QWORD PTR [rsp+0x10]", a -> a.cmov(Cond.B, QWORD, R15, Mem.of(RSP, 16))),
                // indirect control flow, stack
                c("call rax", a -> a.call(RAX)),
                c("call r11", a -> a.call(R11)),
                c("call QWORD PTR [rax+0x8]", a -> a.call(Mem.of(RAX, 8))),
                c("call QWORD PTR [r12+rbx*8]", a -> a.call(Mem.of(R12, RBX, 8, 0))),
                c("jmp rcx", a -> a.jmp(RCX)),
                c("jmp r13", a -> a.jmp(R13)),
                c("jmp QWORD PTR [r13+0x0]", a -> a.jmp(Mem.of(R13))),
                c("push rbp", a -> a.push(RBP)),
                c("push r15", a -> a.push(R15)),
                c("pop rbx", a -> a.pop(RBX)),
                c("pop r12", a -> a.pop(R12)),
                c("ret", X64Assembler::ret),
                c("ud2", X64Assembler::ud2),
                c("int3", X64Assembler::int3),
                c("nop", X64Assembler::nop),
                c("xchg ax,ax", a -> a.nop(2)),
                c("nop DWORD PTR [rax]", a -> a.nop(3)),
                c("nop DWORD PTR [rax+0x0]", a -> a.nop(4)),
                c("nop DWORD PTR [rax+rax*1+0x0]", a -> a.nop(5)),
                c("nop WORD PTR [rax+rax*1+0x0]", a -> a.nop(6)),
                c("nop DWORD PTR [rax+0x0]", a -> a.nop(7)),
                c("nop DWORD PTR [rax+rax*1+0x0]", a -> a.nop(8)),
                c("nop WORD PTR [rax+rax*1+0x0]", a -> a.nop(9)));
        Objdump.check(cases);
    }

    @Test
    void theCheckerItselfRejectsWrongTextAndWrongInstructionBoundaries() {
        assertThrows(AssertionError.class, () -> Objdump.check(List.of(c("mov rbx,rax", a -> a.mov(QWORD, RAX, RBX)))));
        // right text, but an extra byte emitted: the boundary check must notice
        assertThrows(AssertionError.class, () -> Objdump.check(List.of(c("ret", a -> {
            a.ret();
            a.nop();
        }))));
    }

    @Test
    void everyRegisterPairInEveryWidth() {
        List<Objdump.Case> cases = new ArrayList<>();
        for (Gpr d : Gpr.values()) {
            for (Gpr s : Gpr.values()) {
                for (Size size : List.of(DWORD, QWORD)) {
                    cases.add(c("mov " + d.name(size) + "," + s.name(size), a -> a.mov(size, d, s)));
                    cases.add(c("add " + d.name(size) + "," + s.name(size), a -> a.add(size, d, s)));
                    cases.add(c("imul " + d.name(size) + "," + s.name(size), a -> a.imul(size, d, s)));
                    cases.add(c("cmovne " + d.name(size) + "," + s.name(size), a -> a.cmov(Cond.NE, size, d, s)));
                    cases.add(c("popcnt " + d.name(size) + "," + s.name(size), a -> a.popcnt(size, d, s)));
                    cases.add(c("movzx " + d.name(size) + "," + s.name(BYTE), a -> a.movzx(size, d, BYTE, s)));
                    cases.add(c("movsx " + d.name(size) + "," + s.name(WORD), a -> a.movsx(size, d, WORD, s)));
                }
                cases.add(c("movsxd " + d.name(QWORD) + "," + s.name(DWORD), a -> a.movsxd(d, s)));
                cases.add(c("test " + d.name(BYTE) + "," + s.name(BYTE), a -> a.test(BYTE, d, s)));
            }
        }
        Objdump.check(cases);
    }

    @Test
    void everySingleRegisterForm() {
        List<Objdump.Case> cases = new ArrayList<>();
        for (Gpr r : Gpr.values()) {
            cases.add(c("push " + r.name(QWORD), a -> a.push(r)));
            cases.add(c("pop " + r.name(QWORD), a -> a.pop(r)));
            cases.add(c("call " + r.name(QWORD), a -> a.call(r)));
            cases.add(c("jmp " + r.name(QWORD), a -> a.jmp(r)));
            cases.add(c("mov " + r.name(DWORD) + ",0x12345678", a -> a.mov(DWORD, r, 0x12345678)));
            cases.add(c("mov " + r.name(QWORD) + ",0xffffffffedcba988", a -> a.mov(QWORD, r, -0x12345678)));
            cases.add(c("movabs " + r.name(QWORD) + ",0xfedcba9876543210", a -> a.movabs(r, 0xfedcba9876543210L)));
            for (Size size : List.of(DWORD, QWORD)) {
                for (UnaryOp op : UnaryOp.values()) {
                    cases.add(c(op.mnemonic() + " " + r.name(size), a -> a.unary(op, size, r)));
                }
                for (ShiftOp op : ShiftOp.values()) {
                    cases.add(c(op.mnemonic() + " " + r.name(size) + ",cl", a -> a.shiftByCl(op, size, r)));
                    cases.add(c(op.mnemonic() + " " + r.name(size) + ",0x5", a -> a.shift(op, size, r, 5)));
                }
                for (AluOp op : AluOp.values()) {
                    cases.add(c(op.mnemonic() + " " + r.name(size) + "," + IntelSyntax.imm(size, -3),
                            a -> a.alu(op, size, r, -3)));
                    cases.add(c(op.mnemonic() + " " + r.name(size) + "," + IntelSyntax.imm(size, 0x10000),
                            a -> a.alu(op, size, r, 0x10000)));
                }
            }
            for (Cond cc : Cond.values()) {
                cases.add(c("set" + cc.suffix() + " " + r.name(BYTE), a -> a.setcc(cc, r)));
            }
            cases.add(c("mov BYTE PTR [rax]," + r.name(BYTE), a -> a.mov(BYTE, Mem.of(RAX), r)));
        }
        Objdump.check(cases);
    }

    @Test
    void everyBaseAndIndexRegisterWithEveryDisplacementSize() {
        List<Objdump.Case> cases = new ArrayList<>();
        int[] disps = {0, 1, -1, 127, -128, 128, -129, 0x7fffffff, Integer.MIN_VALUE};
        for (Gpr base : Gpr.values()) {
            for (int disp : disps) {
                Mem m = Mem.of(base, disp);
                cases.add(c("mov rax," + IntelSyntax.mem(QWORD, m), a -> a.mov(QWORD, RAX, m)));
                cases.add(c("mov " + IntelSyntax.mem(DWORD, m) + ",r9d", a -> a.mov(DWORD, m, R9)));
                cases.add(c("lea r12," + IntelSyntax.address(m), a -> a.lea(QWORD, R12, m)));
            }
            for (Gpr index : Gpr.values()) {
                if (index == RSP) {
                    continue;
                }
                for (Scale scale : Scale.values()) {
                    for (int disp : new int[] {0, 8, -0x1000}) {
                        Mem m = Mem.of(base, index, scale, disp);
                        cases.add(c("mov r13," + IntelSyntax.mem(QWORD, m), a -> a.mov(QWORD, R13, m)));
                    }
                }
                Mem m = Mem.of(base, index, 2, 0x40);
                cases.add(c("movzx eax," + IntelSyntax.mem(WORD, m), a -> a.movzx(DWORD, RAX, WORD, m)));
                cases.add(c("mov " + IntelSyntax.mem(BYTE, m) + ",sil", a -> a.mov(BYTE, m, RSI)));
            }
        }
        Objdump.check(cases);
    }

    @Test
    void conditionCodesEncodeAndInvert() {
        List<Objdump.Case> cases = new ArrayList<>();
        for (Cond cc : Cond.values()) {
            cases.add(c("cmov" + cc.suffix() + " rax,r8", a -> a.cmov(cc, QWORD, RAX, R8)));
            assertEquals(cc, cc.invert().invert());
            assertEquals(cc.encoding() ^ 1, cc.invert().encoding());
            assertEquals(cc, cc.swapOperands().swapOperands());
        }
        assertEquals(Cond.NE, Cond.E.invert());
        assertEquals(Cond.GE, Cond.L.invert());
        assertEquals(Cond.BE, Cond.A.invert());
        assertEquals(Cond.G, Cond.L.swapOperands());
        Objdump.check(cases);
    }

    @Test
    void abiRegisterRolesPartitionTheRegisters() {
        java.util.Set<Gpr> all = java.util.EnumSet.noneOf(Gpr.class);
        all.addAll(SysVAbi.CALLEE_SAVED);
        all.addAll(SysVAbi.CALLER_SAVED);
        assertEquals(SysVAbi.CALLEE_SAVED.size() + SysVAbi.CALLER_SAVED.size(), all.size(), "roles overlap");
        all.add(RSP);
        assertEquals(java.util.EnumSet.allOf(Gpr.class), all);
        assertTrue(SysVAbi.CALLER_SAVED.containsAll(SysVAbi.INT_ARGS));
    }

    @Test
    void jumpsAndCallsToLabelsDisassembleWithTheirTargets() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label top = a.newLabel();
        Label end = a.newLabel();
        Label fn = a.newLabel();
        a.bind(top);                    // 0x00
        a.jcc(Cond.E, end);             // 0x00: 0f 84 rel32 (forward, unbound)
        a.jcc(Cond.NE, top);            // 0x06: 75 rel8 (backward, in reach)
        a.jmp(top);                     // 0x08: eb rel8
        a.call(fn);                     // 0x0a: e8 rel32
        a.nop(200);                     // 0x0f
        a.jmp(top);                     // 0xd7: e9 rel32 (backward, out of rel8 reach)
        a.jccShort(Cond.L, end);        // 0xdc: 7c rel8 forward
        a.bind(end);                    // 0xde
        a.ret();
        a.bind(fn);                     // 0xdf
        a.ret();
        byte[] code = buf.finish().code();
        var dis = Objdump.disassemble(code);
        assertEquals("je 0xde", dis.get(0x00));
        assertEquals("jne 0x0", dis.get(0x06));
        assertEquals("jmp 0x0", dis.get(0x08));
        assertEquals("call 0xdf", dis.get(0x0a));
        assertEquals("jmp 0x0", dis.get(0xd7));
        assertEquals("jl 0xde", dis.get(0xdc));
        assertEquals("ret", dis.get(0xde));
        assertEquals("ret", dis.get(0xdf));
    }

    @Test
    void ripRelativeOperandsPointAtTheirLabelEvenWithATrailingImmediate() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        Label constant = a.newLabel();
        a.mov(QWORD, RAX, Mem.rip(constant));          // 0x00, 7 bytes
        a.cmp(DWORD, Mem.rip(constant), 0x1234);       // 0x07, 10 bytes (imm32 after disp32)
        a.mov(BYTE, Mem.rip(constant), 0x7f);          // 0x11, 7 bytes (imm8 after disp32)
        a.lea(QWORD, R12, new Mem.RipRelative(constant, 8)); // 0x18, 7 bytes
        a.ret();                                       // 0x1f
        a.bind(constant);                              // 0x20
        buf.emit64(0x1122334455667788L);
        var dis = Objdump.disassemble(buf.finish().code());
        // objdump's "# 0x20" comment is stripped; check the displacement instead
        assertEquals("mov rax,QWORD PTR [rip+0x19]", dis.get(0x00));
        assertEquals("cmp DWORD PTR [rip+0xf],0x1234", dis.get(0x07));
        assertEquals("mov BYTE PTR [rip+0x8],0x7f", dis.get(0x11));
        assertEquals("lea r12,[rip+0x9]", dis.get(0x18));
    }

    @Test
    void relocatedCallsAndAddressesLeaveZeroFieldsAndRecordRelocations() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        a.call(RelocationTarget.function(3));
        a.movabs(R11, RelocationTarget.symbol("memory_grow"), 0);
        a.call(R11);
        var finished = buf.finish();
        assertArrayEquals(new byte[] {(byte) 0xE8, 0, 0, 0, 0, 0x49, (byte) 0xBB, 0, 0, 0, 0, 0, 0, 0, 0, 0x41,
                (byte) 0xFF, (byte) 0xD3}, finished.code());
        assertEquals(2, finished.relocations().size());
        assertEquals(1, finished.relocations().get(0).offset());
        assertEquals(-4, finished.relocations().get(0).addend());
        assertEquals(7, finished.relocations().get(1).offset());
    }

    @Test
    void invalidFormsAreRejected() {
        X64Assembler a = new X64Assembler(new CodeBuffer());
        assertThrows(IllegalArgumentException.class, () -> Mem.of(RAX, RSP, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> a.mov(BYTE, RAX, RBX));
        assertThrows(IllegalArgumentException.class, () -> a.mov(WORD, RAX, 5));
        assertThrows(IllegalArgumentException.class, () -> a.mov(BYTE, Mem.of(RAX), 300));
        assertThrows(IllegalArgumentException.class, () -> a.imul(BYTE, RAX, RBX));
        assertThrows(IllegalArgumentException.class, () -> a.movzx(DWORD, RAX, DWORD, RBX));
        assertThrows(IllegalArgumentException.class, () -> a.movsx(DWORD, RAX, DWORD, RBX));
        assertThrows(IllegalArgumentException.class, () -> a.shl(QWORD, RAX, 256));
        assertThrows(IllegalArgumentException.class, () -> a.lzcnt(BYTE, RAX, RBX));
        assertThrows(IllegalArgumentException.class, () -> a.alu(AluOp.ADD, DWORD, (Operand) RAX, Imm.of(1L << 40)));
        assertThrows(IllegalArgumentException.class, () -> a.mov(QWORD, (Operand) Imm.of(1), RAX));
        assertThrows(IllegalArgumentException.class, () -> a.align(3));
        Label foreign = new CodeBuffer().newLabel();
        assertThrows(IllegalArgumentException.class, () -> a.call(foreign));
        assertThrows(IllegalArgumentException.class, () -> a.jmp(foreign));
        assertThrows(IllegalArgumentException.class, () -> a.jccShort(Cond.E, foreign));
        assertThrows(IllegalArgumentException.class, () -> a.mov(QWORD, RAX, Mem.rip(foreign)));
        assertEquals(0, a.position(), "rejected forms must not emit partial bytes");
    }
}
