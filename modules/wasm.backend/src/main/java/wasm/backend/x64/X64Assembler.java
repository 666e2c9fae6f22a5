package wasm.backend.x64;

import java.util.Objects;

import wasm.backend.code.CodeBuffer;
import wasm.backend.code.FixupKind;
import wasm.backend.code.Label;
import wasm.backend.code.RelocationKind;
import wasm.backend.code.RelocationTarget;
import wasm.ir.TrapCode;

/**
 * Encodes x86-64 instructions into a {@link CodeBuffer}, one method per
 * instruction form, Intel operand order (destination first).
 *
 * <p>All encodings go through two routines, {@link #emitRegRm} and
 * {@link #emitRegMem}, which decide the legacy prefixes, the REX byte and the
 * ModRM/SIB/displacement bytes. That is where the classic bugs live, so they
 * are handled once:
 * <ul>
 *   <li>REX.W for 64-bit operand size, REX.R/X/B for registers 8..15 in the
 *       reg, index and base/rm fields;</li>
 *   <li>a REX prefix (possibly plain {@code 0x40}) whenever SPL/BPL/SIL/DIL
 *       are used as byte registers, otherwise they would mean AH/CH/DH/BH;</li>
 *   <li>RSP and R12 as a base always need a SIB byte (rm=100 means "SIB");</li>
 *   <li>RBP and R13 as a base always need a displacement (mod=00 rm=101 means
 *       RIP-relative, and base=101 in a SIB with mod=00 means "no base");</li>
 *   <li>RSP cannot be an index ({@link Mem.BaseIndexDisp} rejects it), R12 can.</li>
 * </ul>
 * Prefix order is: 0x66 (16-bit operand size), mandatory prefix (F3 for
 * lzcnt/tzcnt/popcnt), REX, opcode.
 *
 * <p>Methods that take a {@link Size} accept the sizes their instruction has;
 * others throw {@link IllegalArgumentException}. Instructions whose only useful
 * forms are 64-bit (push, pop, call, jmp) take no size.
 */
public final class X64Assembler {
    private static final int NO_PREFIX = 0;

    private final CodeBuffer buf;

    public X64Assembler(CodeBuffer buf) {
        this.buf = Objects.requireNonNull(buf, "buf");
    }

    public CodeBuffer buffer() {
        return buf;
    }

    public int position() {
        return buf.position();
    }

    public Label newLabel() {
        return buf.newLabel();
    }

    public void bind(Label label) {
        buf.bind(label);
    }

    // =================================================================================
    // Encoding core
    // =================================================================================

    private static int rexBits(Size size, int reg, int index, int base) {
        return (size == Size.QWORD ? 8 : 0) | ((reg >> 3) & 1) << 2 | ((index >> 3) & 1) << 1 | ((base >> 3) & 1);
    }

    private void emitPrefixes(int mandatoryPrefix, Size size) {
        if (size == Size.WORD) {
            buf.emit8(0x66);
        }
        if (mandatoryPrefix != NO_PREFIX) {
            buf.emit8(mandatoryPrefix);
        }
    }

    private void emitRex(int bits, boolean forced) {
        if (bits != 0 || forced) {
            buf.emit8(0x40 | bits);
        }
    }

    /** Emits a 1-, 2- or 3-byte opcode given as an int, most significant byte first. */
    private void emitOpcode(int opcode) {
        if (opcode > 0xFFFF) {
            buf.emit8(opcode >>> 16);
        }
        if (opcode > 0xFF) {
            buf.emit8(opcode >>> 8);
        }
        buf.emit8(opcode);
    }

    private static boolean isByteRegNeedingRex(int reg) {
        return reg >= 4 && reg <= 7;
    }

    /**
     * An instruction with a register-direct r/m operand.
     *
     * @param reg     the ModRM.reg value: a register number or an opcode /digit
     * @param regByte whether {@code reg} is a register used at byte size
     * @param rmByte  whether {@code rm} is used at byte size
     */
    private void emitRegRm(int mandatoryPrefix, Size size, int opcode, int reg, boolean regByte, Reg rm, boolean rmByte) {
        emitPrefixes(mandatoryPrefix, size);
        boolean forced = (regByte && isByteRegNeedingRex(reg))
                || (rmByte && rm instanceof Gpr g && g.byteFormNeedsRex());
        emitRex(rexBits(size, reg, 0, rm.encoding()), forced);
        emitOpcode(opcode);
        buf.emit8(0xC0 | (reg & 7) << 3 | rm.low3());
    }

    /**
     * An instruction with a memory r/m operand.
     *
     * @param immBytes size of the immediate that follows the displacement; a
     *                 RIP-relative displacement is relative to the end of the
     *                 instruction, so it must know
     */
    private void emitRegMem(int mandatoryPrefix, Size size, int opcode, int reg, boolean regByte, Mem mem, int immBytes) {
        if (mem instanceof Mem.RipRelative r) {
            requireOwned(r.target());
        }
        emitPrefixes(mandatoryPrefix, size);
        int rex = switch (mem) {
            case Mem.BaseDisp m -> rexBits(size, reg, 0, m.base().encoding());
            case Mem.BaseIndexDisp m -> rexBits(size, reg, m.index().encoding(), m.base().encoding());
            case Mem.RipRelative m -> rexBits(size, reg, 0, 0);
        };
        emitRex(rex, regByte && isByteRegNeedingRex(reg));
        emitOpcode(opcode);
        emitModRmMem(reg & 7, mem, immBytes);
    }

    private void emitModRmMem(int reg3, Mem mem, int immBytes) {
        switch (mem) {
            case Mem.BaseDisp m -> {
                int base = m.base().low3();
                int mod = modFor(base, m.disp());
                if (base == 4) { // rsp, r12: rm=100 selects a SIB byte; index=100 means none
                    buf.emit8(mod << 6 | reg3 << 3 | 4);
                    buf.emit8(0 << 6 | 4 << 3 | 4);
                } else {
                    buf.emit8(mod << 6 | reg3 << 3 | base);
                }
                emitDisp(mod, m.disp());
            }
            case Mem.BaseIndexDisp m -> {
                int base = m.base().low3();
                int mod = modFor(base, m.disp());
                buf.emit8(mod << 6 | reg3 << 3 | 4);
                buf.emit8(m.scale().bits() << 6 | m.index().low3() << 3 | base);
                emitDisp(mod, m.disp());
            }
            case Mem.RipRelative m -> {
                buf.emit8(0 << 6 | reg3 << 3 | 5);
                buf.emitLabelReference(m.target(), FixupKind.REL32, m.disp() - 4 - immBytes);
            }
        }
    }

    /** mod=00 (no disp) unless the base is rbp/r13 (whose mod=00 means rip/no base). */
    private static int modFor(int baseLow3, int disp) {
        if (disp == 0 && baseLow3 != 5) {
            return 0;
        }
        return disp == (byte) disp ? 1 : 2;
    }

    private void emitDisp(int mod, int disp) {
        switch (mod) {
            case 1 -> buf.emit8(disp);
            case 2 -> buf.emit32(disp);
            default -> { }
        }
    }

    /** An opcode with the register in its low three bits (B8+r, 50+r, 58+r). */
    private void emitOpcodePlusReg(Size size, int opcode, Gpr reg) {
        emitPrefixes(NO_PREFIX, size);
        emitRex(rexBits(size, 0, 0, reg.encoding()), false);
        buf.emit8(opcode + reg.low3());
    }

    private void emitImm(Size size, int imm) {
        switch (size) {
            case BYTE -> buf.emit8(imm);
            case WORD -> buf.emit16(imm);
            case DWORD, QWORD -> buf.emit32(imm);
        }
    }

    /** Bytes of a full-size immediate (imm32 for QWORD, which the CPU sign-extends). */
    private static int immBytes(Size size) {
        return size == Size.QWORD ? 4 : size.bytes();
    }

    private static void requireSize(String what, Size size, Size... allowed) {
        for (Size s : allowed) {
            if (s == size) {
                return;
            }
        }
        throw new IllegalArgumentException(what + " has no " + size + " form");
    }

    private static void requireFits(String what, Size size, int imm) {
        boolean fits = switch (size) {
            case BYTE -> imm >= Byte.MIN_VALUE && imm <= 0xFF;
            case WORD -> imm >= Short.MIN_VALUE && imm <= 0xFFFF;
            case DWORD, QWORD -> true;
        };
        if (!fits) {
            throw new IllegalArgumentException(what + ": immediate " + imm + " does not fit " + size);
        }
    }

    private static int immAsInt(Size size, Imm imm) {
        boolean fits = size == Size.DWORD ? imm.value() >= Integer.MIN_VALUE && imm.value() <= 0xFFFF_FFFFL
                : imm.fitsInt32();
        if (!fits) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit a " + size + " instruction");
        }
        return (int) imm.value();
    }

    // =================================================================================
    // Moves
    // =================================================================================

    /** Fails before any byte is emitted if {@code label} belongs to another buffer (or generation). */
    private void requireOwned(Label label) {
        buf.isBound(label);
    }

    /** {@code mov dst, src} between registers (32-bit form zero-extends into 64). */
    public void mov(Size size, Gpr dst, Gpr src) {
        requireSize("mov r, r", size, Size.DWORD, Size.QWORD);
        emitRegRm(NO_PREFIX, size, 0x89, src.encoding(), false, dst, false);
    }

    /** Load: {@code mov dst, size PTR [src]}. The 32-bit form zero-extends. */
    public void mov(Size size, Gpr dst, Mem src) {
        if (size == Size.BYTE) {
            emitRegMem(NO_PREFIX, size, 0x8A, dst.encoding(), true, src, 0);
        } else {
            emitRegMem(NO_PREFIX, size, 0x8B, dst.encoding(), false, src, 0);
        }
    }

    /** Store: {@code mov size PTR [dst], src}; BYTE and WORD store the low bits of {@code src}. */
    public void mov(Size size, Mem dst, Gpr src) {
        if (size == Size.BYTE) {
            emitRegMem(NO_PREFIX, size, 0x88, src.encoding(), true, dst, 0);
        } else {
            emitRegMem(NO_PREFIX, size, 0x89, src.encoding(), false, dst, 0);
        }
    }

    /**
     * {@code mov dst, imm}: DWORD is {@code B8+r id} (zero-extends into 64 bits),
     * QWORD is {@code REX.W C7 /0 id} (sign-extends the 32-bit immediate).
     */
    public void mov(Size size, Gpr dst, int imm) {
        requireSize("mov r, imm", size, Size.DWORD, Size.QWORD);
        if (size == Size.DWORD) {
            emitOpcodePlusReg(size, 0xB8, dst);
            buf.emit32(imm);
        } else {
            emitRegRm(NO_PREFIX, size, 0xC7, 0, false, dst, false);
            buf.emit32(imm);
        }
    }

    /** {@code mov size PTR [dst], imm} (QWORD sign-extends a 32-bit immediate). */
    public void mov(Size size, Mem dst, int imm) {
        requireFits("mov m, imm", size, imm);
        emitRegMem(NO_PREFIX, size, size == Size.BYTE ? 0xC6 : 0xC7, 0, false, dst, immBytes(size));
        emitImm(size, imm);
    }

    /** {@code movabs dst, imm64} (REX.W B8+r io), always 10 bytes. */
    public void movabs(Gpr dst, long imm) {
        emitOpcodePlusReg(Size.QWORD, 0xB8, dst);
        buf.emit64(imm);
    }

    /** {@code movabs dst, address(target) + addend}, patched at load time (ABS64 relocation). */
    public void movabs(Gpr dst, RelocationTarget target, long addend) {
        emitOpcodePlusReg(Size.QWORD, 0xB8, dst);
        buf.emitRelocation(RelocationKind.ABS64, target, addend);
    }

    /**
     * Materialises a 64-bit constant with the shortest encoding that does not
     * touch the flags: {@code mov r32, imm32} for values in 0..2^32-1,
     * {@code mov r64, simm32} for other 32-bit signed values, else movabs.
     */
    public void movConst(Gpr dst, long value) {
        if (value >= 0 && value <= 0xFFFF_FFFFL) {
            mov(Size.DWORD, dst, (int) value);
        } else if (value == (int) value) {
            mov(Size.QWORD, dst, (int) value);
        } else {
            movabs(dst, value);
        }
    }

    /**
     * Stores a 64-bit constant into the QWORD at {@code dst}: a sign-extended imm32 when it fits,
     * else through {@code scratch} ({@link #movConst}), which it clobbers.
     */
    public void storeConst(Mem dst, long value, Gpr scratch) {
        if (value == (int) value) {
            mov(Size.QWORD, dst, (int) value);
        } else {
            movConst(scratch, value);
            mov(Size.QWORD, dst, scratch);
        }
    }

    /** {@code mov} for any register/memory/immediate combination the hardware has. */
    public void mov(Size size, Operand dst, Operand src) {
        switch (dst) {
            case Gpr d -> {
                switch (src) {
                    case Gpr s -> mov(size, d, s);
                    case Mem m -> mov(size, d, m);
                    case Imm i when size == Size.QWORD && !i.fitsInt32() -> movabs(d, i.value());
                    case Imm i -> mov(size, d, immAsInt(size, i));
                    case Xmm x -> throw new IllegalArgumentException("mov between gpr and xmm is movq/movd: " + x);
                }
            }
            case Mem m -> {
                switch (src) {
                    case Gpr s -> mov(size, m, s);
                    case Imm i -> mov(size, m, immAsInt(size, i));
                    default -> throw new IllegalArgumentException("mov has no memory, " + src + " form");
                }
            }
            default -> throw new IllegalArgumentException("mov cannot write to " + dst);
        }
    }

    /** {@code movzx dst, src}: zero-extends a BYTE or WORD register to DWORD/QWORD. */
    public void movzx(Size dstSize, Gpr dst, Size srcSize, Gpr src) {
        requireSize("movzx destination", dstSize, Size.DWORD, Size.QWORD);
        requireSize("movzx source", srcSize, Size.BYTE, Size.WORD);
        emitRegRm(NO_PREFIX, dstSize, srcSize == Size.BYTE ? 0x0FB6 : 0x0FB7, dst.encoding(), false, src,
                srcSize == Size.BYTE);
    }

    /** {@code movzx dst, BYTE/WORD PTR [src]}: a zero-extending load. */
    public void movzx(Size dstSize, Gpr dst, Size srcSize, Mem src) {
        requireSize("movzx destination", dstSize, Size.DWORD, Size.QWORD);
        requireSize("movzx source", srcSize, Size.BYTE, Size.WORD);
        emitRegMem(NO_PREFIX, dstSize, srcSize == Size.BYTE ? 0x0FB6 : 0x0FB7, dst.encoding(), false, src, 0);
    }

    /** {@code movsx dst, src} (BYTE/WORD sources), or {@code movsxd} for a DWORD source to QWORD. */
    public void movsx(Size dstSize, Gpr dst, Size srcSize, Gpr src) {
        requireSize("movsx destination", dstSize, Size.DWORD, Size.QWORD);
        switch (srcSize) {
            case BYTE -> emitRegRm(NO_PREFIX, dstSize, 0x0FBE, dst.encoding(), false, src, true);
            case WORD -> emitRegRm(NO_PREFIX, dstSize, 0x0FBF, dst.encoding(), false, src, false);
            case DWORD -> {
                requireSize("movsxd destination", dstSize, Size.QWORD);
                movsxd(dst, src);
            }
            case QWORD -> throw new IllegalArgumentException("movsx has no QWORD source");
        }
    }

    /** {@code movsx dst, BYTE/WORD/DWORD PTR [src]}: a sign-extending load. */
    public void movsx(Size dstSize, Gpr dst, Size srcSize, Mem src) {
        requireSize("movsx destination", dstSize, Size.DWORD, Size.QWORD);
        switch (srcSize) {
            case BYTE -> emitRegMem(NO_PREFIX, dstSize, 0x0FBE, dst.encoding(), false, src, 0);
            case WORD -> emitRegMem(NO_PREFIX, dstSize, 0x0FBF, dst.encoding(), false, src, 0);
            case DWORD -> {
                requireSize("movsxd destination", dstSize, Size.QWORD);
                movsxd(dst, src);
            }
            case QWORD -> throw new IllegalArgumentException("movsx has no QWORD source");
        }
    }

    /** {@code movsxd dst64, src32}. */
    public void movsxd(Gpr dst, Gpr src) {
        emitRegRm(NO_PREFIX, Size.QWORD, 0x63, dst.encoding(), false, src, false);
    }

    /** {@code movsxd dst64, DWORD PTR [src]}. */
    public void movsxd(Gpr dst, Mem src) {
        emitRegMem(NO_PREFIX, Size.QWORD, 0x63, dst.encoding(), false, src, 0);
    }

    /** {@code lea dst, [address]}. */
    public void lea(Size size, Gpr dst, Mem address) {
        requireSize("lea", size, Size.DWORD, Size.QWORD);
        emitRegMem(NO_PREFIX, size, 0x8D, dst.encoding(), false, address, 0);
    }

    // =================================================================================
    // Two-operand ALU: add or adc sbb and sub xor cmp, test, imul
    // =================================================================================

    /** {@code op dst, src} between registers. */
    public void alu(AluOp op, Size size, Gpr dst, Gpr src) {
        boolean b = size == Size.BYTE;
        emitRegRm(NO_PREFIX, size, op.opcodeRmReg() - (b ? 1 : 0), src.encoding(), b, dst, b);
    }

    /** {@code op dst, size PTR [src]}. */
    public void alu(AluOp op, Size size, Gpr dst, Mem src) {
        boolean b = size == Size.BYTE;
        emitRegMem(NO_PREFIX, size, op.opcodeRegRm() - (b ? 1 : 0), dst.encoding(), b, src, 0);
    }

    /** {@code op size PTR [dst], src}. */
    public void alu(AluOp op, Size size, Mem dst, Gpr src) {
        boolean b = size == Size.BYTE;
        emitRegMem(NO_PREFIX, size, op.opcodeRmReg() - (b ? 1 : 0), src.encoding(), b, dst, 0);
    }

    /** {@code op dst, imm}: imm8 form when it fits, else imm16/32 (QWORD sign-extends). */
    public void alu(AluOp op, Size size, Gpr dst, int imm) {
        requireFits(op.mnemonic(), size, imm);
        if (size == Size.BYTE) {
            emitRegRm(NO_PREFIX, size, 0x80, op.digit(), false, dst, true);
            buf.emit8(imm);
        } else if (imm == (byte) imm) {
            emitRegRm(NO_PREFIX, size, 0x83, op.digit(), false, dst, false);
            buf.emit8(imm);
        } else {
            emitRegRm(NO_PREFIX, size, 0x81, op.digit(), false, dst, false);
            emitImm(size, imm);
        }
    }

    /** {@code op size PTR [dst], imm}. */
    public void alu(AluOp op, Size size, Mem dst, int imm) {
        requireFits(op.mnemonic(), size, imm);
        if (size == Size.BYTE) {
            emitRegMem(NO_PREFIX, size, 0x80, op.digit(), false, dst, 1);
            buf.emit8(imm);
        } else if (imm == (byte) imm) {
            emitRegMem(NO_PREFIX, size, 0x83, op.digit(), false, dst, 1);
            buf.emit8(imm);
        } else {
            emitRegMem(NO_PREFIX, size, 0x81, op.digit(), false, dst, immBytes(size));
            emitImm(size, imm);
        }
    }

    /** {@code op dst, src} for any operand combination the hardware has. */
    public void alu(AluOp op, Size size, Operand dst, Operand src) {
        switch (dst) {
            case Gpr d -> {
                switch (src) {
                    case Gpr s -> alu(op, size, d, s);
                    case Mem m -> alu(op, size, d, m);
                    case Imm i -> alu(op, size, d, immAsInt(size, i));
                    case Xmm x -> throw new IllegalArgumentException(op.mnemonic() + " has no xmm operand: " + x);
                }
            }
            case Mem m -> {
                switch (src) {
                    case Gpr s -> alu(op, size, m, s);
                    case Imm i -> alu(op, size, m, immAsInt(size, i));
                    default -> throw new IllegalArgumentException(op.mnemonic() + " has no memory, " + src + " form");
                }
            }
            default -> throw new IllegalArgumentException(op.mnemonic() + " cannot write to " + dst);
        }
    }

    public void add(Size size, Gpr dst, Gpr src) { alu(AluOp.ADD, size, dst, src); }
    public void add(Size size, Gpr dst, int imm) { alu(AluOp.ADD, size, dst, imm); }
    public void add(Size size, Gpr dst, Mem src) { alu(AluOp.ADD, size, dst, src); }
    public void sub(Size size, Gpr dst, Gpr src) { alu(AluOp.SUB, size, dst, src); }
    public void sub(Size size, Gpr dst, int imm) { alu(AluOp.SUB, size, dst, imm); }
    public void sub(Size size, Gpr dst, Mem src) { alu(AluOp.SUB, size, dst, src); }
    public void and(Size size, Gpr dst, Gpr src) { alu(AluOp.AND, size, dst, src); }
    public void and(Size size, Gpr dst, int imm) { alu(AluOp.AND, size, dst, imm); }
    public void and(Size size, Gpr dst, Mem src) { alu(AluOp.AND, size, dst, src); }
    public void or(Size size, Gpr dst, Gpr src) { alu(AluOp.OR, size, dst, src); }
    public void or(Size size, Gpr dst, int imm) { alu(AluOp.OR, size, dst, imm); }
    public void or(Size size, Gpr dst, Mem src) { alu(AluOp.OR, size, dst, src); }
    public void xor(Size size, Gpr dst, Gpr src) { alu(AluOp.XOR, size, dst, src); }
    public void xor(Size size, Gpr dst, int imm) { alu(AluOp.XOR, size, dst, imm); }
    public void xor(Size size, Gpr dst, Mem src) { alu(AluOp.XOR, size, dst, src); }
    public void cmp(Size size, Gpr lhs, Gpr rhs) { alu(AluOp.CMP, size, lhs, rhs); }
    public void cmp(Size size, Gpr lhs, int imm) { alu(AluOp.CMP, size, lhs, imm); }
    public void cmp(Size size, Gpr lhs, Mem rhs) { alu(AluOp.CMP, size, lhs, rhs); }
    public void cmp(Size size, Mem lhs, Gpr rhs) { alu(AluOp.CMP, size, lhs, rhs); }
    public void cmp(Size size, Mem lhs, int imm) { alu(AluOp.CMP, size, lhs, imm); }

    /** {@code test lhs, rhs}: sets flags from {@code lhs & rhs}. */
    public void test(Size size, Gpr lhs, Gpr rhs) {
        boolean b = size == Size.BYTE;
        emitRegRm(NO_PREFIX, size, b ? 0x84 : 0x85, rhs.encoding(), b, lhs, b);
    }

    /** {@code test size PTR [lhs], rhs}. */
    public void test(Size size, Mem lhs, Gpr rhs) {
        boolean b = size == Size.BYTE;
        emitRegMem(NO_PREFIX, size, b ? 0x84 : 0x85, rhs.encoding(), b, lhs, 0);
    }

    /** {@code test lhs, imm} (QWORD sign-extends a 32-bit immediate). */
    public void test(Size size, Gpr lhs, int imm) {
        requireFits("test", size, imm);
        boolean b = size == Size.BYTE;
        emitRegRm(NO_PREFIX, size, b ? 0xF6 : 0xF7, 0, false, lhs, b);
        emitImm(size, imm);
    }

    /** {@code test size PTR [lhs], imm}. */
    public void test(Size size, Mem lhs, int imm) {
        requireFits("test", size, imm);
        emitRegMem(NO_PREFIX, size, size == Size.BYTE ? 0xF6 : 0xF7, 0, false, lhs, immBytes(size));
        emitImm(size, imm);
    }

    /** {@code imul dst, src}: dst = low bits of dst * src. */
    public void imul(Size size, Gpr dst, Gpr src) {
        requireSize("imul", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegRm(NO_PREFIX, size, 0x0FAF, dst.encoding(), false, src, false);
    }

    /** {@code imul dst, size PTR [src]}. */
    public void imul(Size size, Gpr dst, Mem src) {
        requireSize("imul", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegMem(NO_PREFIX, size, 0x0FAF, dst.encoding(), false, src, 0);
    }

    /** {@code imul dst, src, imm}: dst = src * imm (imm8 form when it fits). */
    public void imul(Size size, Gpr dst, Gpr src, int imm) {
        requireSize("imul", size, Size.WORD, Size.DWORD, Size.QWORD);
        requireFits("imul", size, imm);
        if (imm == (byte) imm) {
            emitRegRm(NO_PREFIX, size, 0x6B, dst.encoding(), false, src, false);
            buf.emit8(imm);
        } else {
            emitRegRm(NO_PREFIX, size, 0x69, dst.encoding(), false, src, false);
            emitImm(size, imm);
        }
    }

    /** {@code imul dst, size PTR [src], imm}. */
    public void imul(Size size, Gpr dst, Mem src, int imm) {
        requireSize("imul", size, Size.WORD, Size.DWORD, Size.QWORD);
        requireFits("imul", size, imm);
        if (imm == (byte) imm) {
            emitRegMem(NO_PREFIX, size, 0x6B, dst.encoding(), false, src, 1);
            buf.emit8(imm);
        } else {
            emitRegMem(NO_PREFIX, size, 0x69, dst.encoding(), false, src, immBytes(size));
            emitImm(size, imm);
        }
    }

    // =================================================================================
    // One-operand group 3, sign extension of the accumulator
    // =================================================================================

    /** {@code not/neg/mul/imul/div/idiv reg}. */
    public void unary(UnaryOp op, Size size, Gpr reg) {
        boolean b = size == Size.BYTE;
        emitRegRm(NO_PREFIX, size, b ? 0xF6 : 0xF7, op.digit(), false, reg, b);
    }

    /** {@code not/neg/mul/imul/div/idiv size PTR [mem]}. */
    public void unary(UnaryOp op, Size size, Mem mem) {
        emitRegMem(NO_PREFIX, size, size == Size.BYTE ? 0xF6 : 0xF7, op.digit(), false, mem, 0);
    }

    public void not(Size size, Gpr reg) { unary(UnaryOp.NOT, size, reg); }
    public void neg(Size size, Gpr reg) { unary(UnaryOp.NEG, size, reg); }
    /** Unsigned rdx:rax = rax * reg. */
    public void mul(Size size, Gpr reg) { unary(UnaryOp.MUL, size, reg); }
    /** Unsigned rax = rdx:rax / reg, rdx = remainder. Faults on zero or overflow: check first. */
    public void div(Size size, Gpr reg) { unary(UnaryOp.DIV, size, reg); }
    /** Signed division of rdx:rax; faults on zero and on MIN / -1: check first. */
    public void idiv(Size size, Gpr reg) { unary(UnaryOp.IDIV, size, reg); }

    /** {@code cdq}: edx = sign of eax. */
    public void cdq() {
        buf.emit8(0x99);
    }

    /** {@code cqo}: rdx = sign of rax. */
    public void cqo() {
        buf.emit8(0x48);
        buf.emit8(0x99);
    }

    /** cdq or cqo, to prepare a signed division of the given size. */
    public void signExtendAccumulator(Size size) {
        switch (size) {
            case DWORD -> cdq();
            case QWORD -> cqo();
            default -> throw new IllegalArgumentException("no accumulator sign extension for " + size);
        }
    }

    // =================================================================================
    // Shifts, rotates, bit counts
    // =================================================================================

    /** {@code op reg, cl}. */
    public void shiftByCl(ShiftOp op, Size size, Gpr reg) {
        boolean b = size == Size.BYTE;
        emitRegRm(NO_PREFIX, size, b ? 0xD2 : 0xD3, op.digit(), false, reg, b);
    }

    /** {@code op reg, amount} (D1 for 1, C1 ib otherwise). */
    public void shift(ShiftOp op, Size size, Gpr reg, int amount) {
        if (amount < 0 || amount > 255) {
            throw new IllegalArgumentException("shift amount must be an unsigned byte: " + amount);
        }
        boolean b = size == Size.BYTE;
        if (amount == 1) {
            emitRegRm(NO_PREFIX, size, b ? 0xD0 : 0xD1, op.digit(), false, reg, b);
        } else {
            emitRegRm(NO_PREFIX, size, b ? 0xC0 : 0xC1, op.digit(), false, reg, b);
            buf.emit8(amount);
        }
    }

    public void shl(Size size, Gpr reg, int amount) { shift(ShiftOp.SHL, size, reg, amount); }
    public void shr(Size size, Gpr reg, int amount) { shift(ShiftOp.SHR, size, reg, amount); }
    public void sar(Size size, Gpr reg, int amount) { shift(ShiftOp.SAR, size, reg, amount); }
    public void rol(Size size, Gpr reg, int amount) { shift(ShiftOp.ROL, size, reg, amount); }
    public void ror(Size size, Gpr reg, int amount) { shift(ShiftOp.ROR, size, reg, amount); }

    private void bitCount(String what, int opcode, Size size, Gpr dst, Gpr src) {
        requireSize(what, size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegRm(0xF3, size, opcode, dst.encoding(), false, src, false);
    }

    private void bitCount(String what, int opcode, Size size, Gpr dst, Mem src) {
        requireSize(what, size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegMem(0xF3, size, opcode, dst.encoding(), false, src, 0);
    }

    /** {@code lzcnt dst, src} (LZCNT/ABM; the result for 0 is the operand width). */
    public void lzcnt(Size size, Gpr dst, Gpr src) { bitCount("lzcnt", 0x0FBD, size, dst, src); }
    public void lzcnt(Size size, Gpr dst, Mem src) { bitCount("lzcnt", 0x0FBD, size, dst, src); }
    /** {@code tzcnt dst, src} (BMI1; the result for 0 is the operand width). */
    public void tzcnt(Size size, Gpr dst, Gpr src) { bitCount("tzcnt", 0x0FBC, size, dst, src); }
    public void tzcnt(Size size, Gpr dst, Mem src) { bitCount("tzcnt", 0x0FBC, size, dst, src); }
    /** {@code popcnt dst, src}. */
    public void popcnt(Size size, Gpr dst, Gpr src) { bitCount("popcnt", 0x0FB8, size, dst, src); }
    public void popcnt(Size size, Gpr dst, Mem src) { bitCount("popcnt", 0x0FB8, size, dst, src); }

    /** {@code bsr dst, src}: index of the highest set bit; ZF=1 and dst undefined when src is 0. */
    public void bsr(Size size, Gpr dst, Gpr src) {
        requireSize("bsr", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegRm(NO_PREFIX, size, 0x0FBD, dst.encoding(), false, src, false);
    }

    public void bsr(Size size, Gpr dst, Mem src) {
        requireSize("bsr", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegMem(NO_PREFIX, size, 0x0FBD, dst.encoding(), false, src, 0);
    }

    /** {@code bsf dst, src}: index of the lowest set bit; ZF=1 and dst undefined when src is 0. */
    public void bsf(Size size, Gpr dst, Gpr src) {
        requireSize("bsf", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegRm(NO_PREFIX, size, 0x0FBC, dst.encoding(), false, src, false);
    }

    public void bsf(Size size, Gpr dst, Mem src) {
        requireSize("bsf", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegMem(NO_PREFIX, size, 0x0FBC, dst.encoding(), false, src, 0);
    }

    // =================================================================================
    // Conditions
    // =================================================================================

    /** {@code setcc dst8}: the low byte only; see {@link #setccZeroExtend}. */
    public void setcc(Cond cond, Gpr dst) {
        emitRegRm(NO_PREFIX, Size.DWORD, cond.setccOpcode(), 0, false, dst, true);
    }

    /** {@code setcc dst8; movzx dst32, dst8}: a 0/1 value in the whole register. */
    public void setccZeroExtend(Cond cond, Gpr dst) {
        setcc(cond, dst);
        movzx(Size.DWORD, dst, Size.BYTE, dst);
    }

    /** {@code cmovcc dst, src}. */
    public void cmov(Cond cond, Size size, Gpr dst, Gpr src) {
        requireSize("cmov", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegRm(NO_PREFIX, size, cond.cmovccOpcode(), dst.encoding(), false, src, false);
    }

    /** {@code cmovcc dst, size PTR [src]} (the load happens even if the condition is false). */
    public void cmov(Cond cond, Size size, Gpr dst, Mem src) {
        requireSize("cmov", size, Size.WORD, Size.DWORD, Size.QWORD);
        emitRegMem(NO_PREFIX, size, cond.cmovccOpcode(), dst.encoding(), false, src, 0);
    }

    // =================================================================================
    // SSE: scalar floats in xmm registers, moves, conversions
    // =================================================================================

    /** {@code op dst, src} for an SSE instruction. */
    public void sse(SseOp op, Xmm dst, Xmm src) {
        emitRegRm(op.prefix(), Size.DWORD, op.opcode(), dst.encoding(), false, src, false);
    }

    /** {@code op dst, [src]} (scalar ops read 4 or 8 bytes; packed ones 16, aligned). */
    public void sse(SseOp op, Xmm dst, Mem src) {
        emitRegMem(op.prefix(), Size.DWORD, op.opcode(), dst.encoding(), false, src, 0);
    }

    /**
     * VEX {@code vop dst, src1, src2} of an {@link SseOp} (AVX): three operands, so {@code dst} need not
     * be a copy of {@code src1} first. A scalar op computes its low lane from {@code src1} and
     * {@code src2} (a unary one, sqrt or a conversion, from {@code src2} alone) and copies the upper
     * bits of {@code src1}: only {@code src1} and {@code src2} are read, never the old {@code dst}.
     * ucomis has no such form.
     */
    public void vsse(SseOp op, Xmm dst, Xmm src1, Operand src2) {
        if (op == SseOp.UCOMISS || op == SseOp.UCOMISD) {
            throw new IllegalArgumentException("v" + op.mnemonic() + " has no three-operand form");
        }
        emitVex(op.prefix(), 1, false, dst.encoding(), src1.encoding(), src2);
        buf.emit8(op.opcode() & 0xFF);
        emitVexOperand(dst.encoding(), src2, 0);
    }

    /** {@code movaps dst, src}: all 128 bits (the register-to-register move of the XMM class). */
    public void movaps(Xmm dst, Xmm src) {
        emitRegRm(NO_PREFIX, Size.DWORD, 0x0F28, dst.encoding(), false, src, false);
    }

    /** {@code movaps dst, XMMWORD PTR [src]} (16-byte aligned). */
    public void movaps(Xmm dst, Mem src) {
        emitRegMem(NO_PREFIX, Size.DWORD, 0x0F28, dst.encoding(), false, src, 0);
    }

    /** {@code movaps XMMWORD PTR [dst], src} (16-byte aligned). */
    public void movaps(Mem dst, Xmm src) {
        emitRegMem(NO_PREFIX, Size.DWORD, 0x0F29, src.encoding(), false, dst, 0);
    }

    /** {@code movss dst, DWORD PTR [src]} (zeroes bits 32..127). */
    public void movss(Xmm dst, Mem src) {
        emitRegMem(0xF3, Size.DWORD, 0x0F10, dst.encoding(), false, src, 0);
    }

    /** {@code movss DWORD PTR [dst], src}. */
    public void movss(Mem dst, Xmm src) {
        emitRegMem(0xF3, Size.DWORD, 0x0F11, src.encoding(), false, dst, 0);
    }

    /** {@code movsd dst, QWORD PTR [src]} (zeroes bits 64..127). */
    public void movsd(Xmm dst, Mem src) {
        emitRegMem(0xF2, Size.DWORD, 0x0F10, dst.encoding(), false, src, 0);
    }

    /** {@code movsd QWORD PTR [dst], src}. */
    public void movsd(Mem dst, Xmm src) {
        emitRegMem(0xF2, Size.DWORD, 0x0F11, src.encoding(), false, dst, 0);
    }

    /** {@code movss} (DWORD) or {@code movsd} (QWORD) load. */
    public void movScalar(Size size, Xmm dst, Mem src) {
        requireSize("movss/movsd", size, Size.DWORD, Size.QWORD);
        emitRegMem(size == Size.QWORD ? 0xF2 : 0xF3, Size.DWORD, 0x0F10, dst.encoding(), false, src, 0);
    }

    /** {@code movss} (DWORD) or {@code movsd} (QWORD) store. */
    public void movScalar(Size size, Mem dst, Xmm src) {
        requireSize("movss/movsd", size, Size.DWORD, Size.QWORD);
        emitRegMem(size == Size.QWORD ? 0xF2 : 0xF3, Size.DWORD, 0x0F11, src.encoding(), false, dst, 0);
    }

    /** {@code movq xmm, r64} (QWORD) or {@code movd xmm, r32} (DWORD). */
    public void movToXmm(Size size, Xmm dst, Gpr src) {
        requireSize("movd/movq", size, Size.DWORD, Size.QWORD);
        emitRegRm(0x66, size, 0x0F6E, dst.encoding(), false, src, false);
    }

    /** {@code movq r64, xmm} (QWORD) or {@code movd r32, xmm} (DWORD, zero-extends). */
    public void movFromXmm(Size size, Gpr dst, Xmm src) {
        requireSize("movd/movq", size, Size.DWORD, Size.QWORD);
        emitRegRm(0x66, size, 0x0F7E, src.encoding(), false, dst, false);
    }

    /** {@code cvtsi2ss/cvtsi2sd dst, src} from a 32- or 64-bit signed integer. */
    public void cvtsi2s(boolean toDouble, Size srcSize, Xmm dst, Gpr src) {
        requireSize("cvtsi2s", srcSize, Size.DWORD, Size.QWORD);
        emitRegRm(toDouble ? 0xF2 : 0xF3, srcSize, 0x0F2A, dst.encoding(), false, src, false);
    }

    /** {@code cvtsi2ss/cvtsi2sd dst, DWORD/QWORD PTR [src]}. */
    public void cvtsi2s(boolean toDouble, Size srcSize, Xmm dst, Mem src) {
        requireSize("cvtsi2s", srcSize, Size.DWORD, Size.QWORD);
        emitRegMem(toDouble ? 0xF2 : 0xF3, srcSize, 0x0F2A, dst.encoding(), false, src, 0);
    }

    /** {@code cvttss2si/cvttsd2si dst, src}: truncating conversion to a 32- or 64-bit signed integer. */
    public void cvtts2si(boolean fromDouble, Size dstSize, Gpr dst, Xmm src) {
        requireSize("cvtts2si", dstSize, Size.DWORD, Size.QWORD);
        emitRegRm(fromDouble ? 0xF2 : 0xF3, dstSize, 0x0F2C, dst.encoding(), false, src, false);
    }

    /** {@code roundss/roundsd dst, src, mode} (SSE4.1; mode 0 nearest, 1 floor, 2 ceil, 3 trunc; +8 no precision exception). */
    public void round(boolean isDouble, Xmm dst, Xmm src, int mode) {
        emitRegRm(0x66, Size.DWORD, isDouble ? 0x0F3A0B : 0x0F3A0A, dst.encoding(), false, src, false);
        buf.emit8(mode);
    }

    /** {@code roundss/roundsd dst, DWORD/QWORD PTR [src], mode} (SSE4.1). */
    public void round(boolean isDouble, Xmm dst, Mem src, int mode) {
        emitRegMem(0x66, Size.DWORD, isDouble ? 0x0F3A0B : 0x0F3A0A, dst.encoding(), false, src, 1);
        buf.emit8(mode);
    }

    // =================================================================================
    // Packed vectors (v128): legacy SSE and VEX (AVX) encodings of the VecOp table
    // =================================================================================

    private static void requireImm(VecOp op, boolean given) {
        if (op.hasImm() != given) {
            throw new IllegalArgumentException(op.mnemonic() + (given ? " takes no immediate" : " needs an immediate"));
        }
    }

    private static void requireLegacy(VecOp op, Operand src) {
        if (op.vexOnly()) {
            throw new IllegalArgumentException(op.mnemonic() + " has no legacy SSE encoding");
        }
        if (op.memOnly() && !(src instanceof Mem)) {
            throw new IllegalArgumentException(op.mnemonic() + " is a load here: its source must be memory");
        }
        if (op.memBytes() == 0 && src instanceof Mem) {
            throw new IllegalArgumentException(op.mnemonic() + " has no memory form here");
        }
    }

    /** Legacy {@code op dst, src} (two-operand: a binary op reads {@code dst} too), {@code src} an xmm or memory. */
    public void vec(VecOp op, Xmm dst, Operand src) {
        requireImm(op, false);
        requireLegacy(op, src);
        legacyVec(op, dst.encoding(), src, 0);
    }

    /** Legacy {@code op dst, src, imm8}. */
    public void vec(VecOp op, Xmm dst, Operand src, int imm) {
        requireImm(op, true);
        requireLegacy(op, src);
        legacyVec(op, dst.encoding(), src, 1);
        buf.emit8(imm);
    }

    private void legacyVec(VecOp op, int reg, Operand src, int immBytes) {
        switch (src) {
            case Xmm x -> emitRegRm(op.prefix(), Size.DWORD, op.legacyOpcode(), reg, false, x, false);
            case Mem m -> emitRegMem(op.prefix(), Size.DWORD, op.legacyOpcode(), reg, false, m, immBytes);
            default -> throw new IllegalArgumentException(op.mnemonic() + " has no " + src + " operand");
        }
    }

    /**
     * VEX {@code vop dst, src1, src2}: {@code src1} (VEX.vvvv) is the first source of a binary op and
     * must be null for a unary one; {@code src2} an xmm or memory (no alignment needed).
     */
    public void vex(VecOp op, Xmm dst, Xmm src1, Operand src2) {
        requireImm(op, false);
        vexVec(op, dst, src1, src2, 0);
    }

    /** VEX {@code vop dst, src1, src2, imm8} (src1 null for a unary op). */
    public void vex(VecOp op, Xmm dst, Xmm src1, Operand src2, int imm) {
        requireImm(op, true);
        vexVec(op, dst, src1, src2, 1);
        buf.emit8(imm);
    }

    private void vexVec(VecOp op, Xmm dst, Xmm src1, Operand src2, int immBytes) {
        if ((op.shape() == VecOp.Shape.BINARY) != (src1 != null)) {
            throw new IllegalArgumentException("v" + op.mnemonic() + (src1 == null ? " needs" : " takes no")
                    + " first source");
        }
        if (op.memOnly() && !(src2 instanceof Mem)) {
            throw new IllegalArgumentException("v" + op.mnemonic() + " is a load here: its source must be memory");
        }
        if (op.memBytes() == 0 && src2 instanceof Mem) {
            throw new IllegalArgumentException("v" + op.mnemonic() + " has no memory form here");
        }
        emitVex(op.prefix(), op.map(), false, dst.encoding(), src1 == null ? 0 : src1.encoding(), src2);
        buf.emit8(op.opcode());
        emitVexOperand(dst.encoding(), src2, immBytes);
    }

    /** VEX.pp for a mandatory prefix. */
    private static int vexPp(int prefix) {
        return switch (prefix) {
            case 0 -> 0;
            case 0x66 -> 1;
            case 0xF3 -> 2;
            case 0xF2 -> 3;
            default -> throw new IllegalArgumentException("no VEX.pp for prefix " + prefix);
        };
    }

    /**
     * A VEX.128 prefix: the two-byte form (C5) when the map is 0F, W is 0 and no REX.X/B is needed,
     * else the three-byte form (C4). {@code reg} is the ModRM.reg register, {@code vvvv} the extra
     * source (0 when unused: it is stored inverted, so 1111).
     */
    private void emitVex(int prefix, int map, boolean w, int reg, int vvvv, Operand rm) {
        int x = 0;
        int b = 0;
        switch (rm) {
            case Reg r -> b = r.encoding() >> 3;
            case Mem.BaseDisp m -> b = m.base().encoding() >> 3;
            case Mem.BaseIndexDisp m -> {
                b = m.base().encoding() >> 3;
                x = m.index().encoding() >> 3;
            }
            case Mem.RipRelative m -> requireOwned(m.target());
            default -> throw new IllegalArgumentException("no VEX r/m operand " + rm);
        }
        int r = reg >> 3;
        int pp = vexPp(prefix);
        int tail = (~vvvv & 15) << 3 | pp; // L = 0: 128 bits
        if (map == 1 && !w && x == 0 && b == 0) {
            buf.emit8(0xC5);
            buf.emit8((r ^ 1) << 7 | tail);
        } else {
            buf.emit8(0xC4);
            buf.emit8((r ^ 1) << 7 | (x ^ 1) << 6 | (b ^ 1) << 5 | map);
            buf.emit8((w ? 0x80 : 0) | tail);
        }
    }

    private void emitVexOperand(int reg, Operand rm, int immBytes) {
        switch (rm) {
            case Reg r -> buf.emit8(0xC0 | (reg & 7) << 3 | r.low3());
            case Mem m -> emitModRmMem(reg & 7, m, immBytes);
            default -> throw new IllegalArgumentException("no r/m operand " + rm);
        }
    }

    /** Shifts of every lane by an immediate: 66 0F 71/72/73 /digit ib. */
    public enum VecShift {
        PSRLW(0x71, 2), PSRAW(0x71, 4), PSLLW(0x71, 6), PSRLD(0x72, 2), PSRAD(0x72, 4), PSLLD(0x72, 6),
        PSRLQ(0x73, 2), PSRLDQ(0x73, 3), PSLLQ(0x73, 6), PSLLDQ(0x73, 7);

        private final int opcode;
        private final int digit;

        VecShift(int opcode, int digit) {
            this.opcode = opcode;
            this.digit = digit;
        }

        public String mnemonic() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Legacy {@code op reg, imm8}: shifts {@code reg} in place (the dq forms by bytes). */
    public void vecShift(VecShift op, Xmm reg, int imm) {
        emitRegRm(0x66, Size.DWORD, 0x0F00 | op.opcode, op.digit, false, reg, false);
        buf.emit8(imm);
    }

    /** VEX {@code vop dst, src, imm8}: dst in VEX.vvvv, src in ModRM.rm. */
    public void vexShift(VecShift op, Xmm dst, Xmm src, int imm) {
        emitVex(0x66, 1, false, 0, dst.encoding(), src);
        buf.emit8(op.opcode);
        emitVexOperand(op.digit, src, 1);
        buf.emit8(imm);
    }

    /** The lane widths of pinsr / pextr. */
    public enum LaneWidth {
        B, W, D, Q;

        public String suffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Legacy {@code pinsrb/w/d/q dst, src, lane}: one lane of {@code dst} from a general register's low
     * bits ({@code r32}, {@code r64} for q) or from memory.
     */
    public void pinsr(LaneWidth w, Xmm dst, Operand src, int lane) {
        int opcode = w == LaneWidth.W ? 0x0FC4 : w == LaneWidth.B ? 0x0F3A20 : 0x0F3A22;
        Size size = w == LaneWidth.Q ? Size.QWORD : Size.DWORD;
        switch (src) {
            case Gpr g -> emitRegRm(0x66, size, opcode, dst.encoding(), false, g, false);
            case Mem m -> emitRegMem(0x66, size, opcode, dst.encoding(), false, m, 1);
            default -> throw new IllegalArgumentException("pinsr" + w.suffix() + " has no " + src + " source");
        }
        buf.emit8(lane);
    }

    /** VEX {@code vpinsrb/w/d/q dst, src1, src2, lane}: {@code src1} with one lane from {@code src2}. */
    public void vpinsr(LaneWidth w, Xmm dst, Xmm src1, Operand src2, int lane) {
        if (!(src2 instanceof Gpr || src2 instanceof Mem)) {
            throw new IllegalArgumentException("vpinsr" + w.suffix() + " has no " + src2 + " source");
        }
        emitVex(0x66, w == LaneWidth.W ? 1 : 3, w == LaneWidth.Q, dst.encoding(), src1.encoding(), src2);
        buf.emit8(w == LaneWidth.W ? 0xC4 : w == LaneWidth.B ? 0x20 : 0x22);
        emitVexOperand(dst.encoding(), src2, 1);
        buf.emit8(lane);
    }

    /**
     * Legacy {@code pextrb/w/d/q dst, src, lane}: one lane into a general register (zero-extended to
     * 32 bits; 64 for q) or memory.
     */
    public void pextr(LaneWidth w, Operand dst, Xmm src, int lane) {
        Size size = w == LaneWidth.Q ? Size.QWORD : Size.DWORD;
        if (w == LaneWidth.W && dst instanceof Gpr g) {
            emitRegRm(0x66, size, 0x0FC5, g.encoding(), false, src, false); // reg = destination
        } else {
            int opcode = w == LaneWidth.B ? 0x0F3A14 : w == LaneWidth.W ? 0x0F3A15 : 0x0F3A16;
            switch (dst) {
                case Gpr g -> emitRegRm(0x66, size, opcode, src.encoding(), false, g, false);
                case Mem m -> emitRegMem(0x66, size, opcode, src.encoding(), false, m, 1);
                default -> throw new IllegalArgumentException("pextr" + w.suffix() + " has no " + dst + " destination");
            }
        }
        buf.emit8(lane);
    }

    /** VEX {@code vpextrb/w/d/q dst, src, lane}. */
    public void vpextr(LaneWidth w, Operand dst, Xmm src, int lane) {
        if (w == LaneWidth.W && dst instanceof Gpr g) {
            emitVex(0x66, 1, false, g.encoding(), 0, src);
            buf.emit8(0xC5);
            emitVexOperand(g.encoding(), src, 1);
        } else {
            if (!(dst instanceof Gpr || dst instanceof Mem)) {
                throw new IllegalArgumentException("vpextr" + w.suffix() + " has no " + dst + " destination");
            }
            emitVex(0x66, 3, w == LaneWidth.Q, src.encoding(), 0, dst);
            buf.emit8(w == LaneWidth.B ? 0x14 : w == LaneWidth.W ? 0x15 : 0x16);
            emitVexOperand(src.encoding(), dst, 1);
        }
        buf.emit8(lane);
    }

    /** The sign-bit gathers: one bit per byte, per f32 lane, per f64 lane. */
    public enum MoveMask {
        PMOVMSKB(0x66, 0x0FD7), MOVMSKPS(0, 0x0F50), MOVMSKPD(0x66, 0x0F50);

        private final int prefix;
        private final int opcode;

        MoveMask(int prefix, int opcode) {
            this.prefix = prefix;
            this.opcode = opcode;
        }

        public String mnemonic() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code pmovmskb/movmskps/movmskpd dst32, src}: the sign bits, zero-extended. */
    public void moveMask(MoveMask op, Gpr dst, Xmm src) {
        emitRegRm(op.prefix, Size.DWORD, op.opcode, dst.encoding(), false, src, false);
    }

    /** The variable blends: lanes of the source where the mask's sign bit (per byte, f32, f64) is set. */
    public enum Blend {
        PBLENDVB(0x10, 0x4C), BLENDVPS(0x14, 0x4A), BLENDVPD(0x15, 0x4B);

        private final int legacy;
        private final int vex;

        Blend(int legacy, int vex) {
            this.legacy = legacy;
            this.vex = vex;
        }

        public String mnemonic() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Legacy {@code pblendvb/blendvps/blendvpd dst, src} with the mask in xmm0 (implicit). */
    public void blendv(Blend op, Xmm dst, Operand src) {
        switch (src) {
            case Xmm x -> emitRegRm(0x66, Size.DWORD, 0x0F3800 | op.legacy, dst.encoding(), false, x, false);
            case Mem m -> emitRegMem(0x66, Size.DWORD, 0x0F3800 | op.legacy, dst.encoding(), false, m, 0);
            default -> throw new IllegalArgumentException(op.mnemonic() + " has no " + src + " source");
        }
    }

    /** VEX {@code vblendv dst, src1, src2, mask}: lanes of {@code src2} where {@code mask} is set, else {@code src1}. */
    public void vblendv(Blend op, Xmm dst, Xmm src1, Operand src2, Xmm mask) {
        emitVex(0x66, 3, false, dst.encoding(), src1.encoding(), src2);
        buf.emit8(op.vex);
        emitVexOperand(dst.encoding(), src2, 1);
        buf.emit8(mask.encoding() << 4); // is4: the fourth register in imm8[7:4]
    }

    /** {@code movdqu XMMWORD PTR [dst], src} (no alignment). */
    public void movdqu(Mem dst, Xmm src) {
        emitRegMem(0xF3, Size.DWORD, 0x0F7F, src.encoding(), false, dst, 0);
    }

    /** {@code movdqu dst, XMMWORD PTR [src]} (no alignment). */
    public void movdqu(Xmm dst, Mem src) {
        emitRegMem(0xF3, Size.DWORD, 0x0F6F, dst.encoding(), false, src, 0);
    }

    /** {@code movd DWORD PTR [dst], src}: lane 0 of 32 bits. */
    public void movd(Mem dst, Xmm src) {
        emitRegMem(0x66, Size.DWORD, 0x0F7E, src.encoding(), false, dst, 0);
    }

    /** {@code movq QWORD PTR [dst], src}: lane 0 of 64 bits. */
    public void movq(Mem dst, Xmm src) {
        emitRegMem(0x66, Size.DWORD, 0x0FD6, src.encoding(), false, dst, 0);
    }

    // =================================================================================
    // Control flow
    // =================================================================================

    /** Whether {@code label} is bound and a 2-byte jump emitted here reaches it. */
    private boolean shortReach(Label label) {
        if (!buf.isBound(label)) {
            return false;
        }
        int rel = buf.offsetOf(label) - (buf.position() + 2);
        return rel == (byte) rel;
    }

    /** {@code jmp label}: rel8 for a bound label in reach, else rel32. */
    public void jmp(Label label) {
        requireOwned(label);
        if (shortReach(label)) {
            jmpShort(label);
        } else {
            buf.emit8(0xE9);
            buf.emitLabelReference(label, FixupKind.REL32, -4);
        }
    }

    /** {@code jmp rel8}: the caller promises the label is within reach (checked at finish). */
    public void jmpShort(Label label) {
        requireOwned(label);
        buf.emit8(0xEB);
        buf.emitLabelReference(label, FixupKind.REL8, -1);
    }

    /** {@code jcc label}: rel8 for a bound label in reach, else rel32. */
    public void jcc(Cond cond, Label label) {
        requireOwned(label);
        if (shortReach(label)) {
            jccShort(cond, label);
        } else {
            emitOpcode(cond.jccRel32Opcode());
            buf.emitLabelReference(label, FixupKind.REL32, -4);
        }
    }

    /** {@code jcc rel8}: the caller promises the label is within reach (checked at finish). */
    public void jccShort(Cond cond, Label label) {
        requireOwned(label);
        buf.emit8(cond.jccRel8Opcode());
        buf.emitLabelReference(label, FixupKind.REL8, -1);
    }

    /** {@code call label} (rel32) within this buffer. */
    public void call(Label label) {
        requireOwned(label);
        buf.emit8(0xE8);
        buf.emitLabelReference(label, FixupKind.REL32, -4);
    }

    /** {@code call target} (rel32), patched at load time; the target must be within ±2 GiB. */
    public void call(RelocationTarget target) {
        buf.emit8(0xE8);
        buf.emitRelocation(RelocationKind.PC_REL32, target, -4);
    }

    /** {@code jmp target} (rel32), patched at load time like {@link #call(RelocationTarget)}: a tail call. */
    public void jmp(RelocationTarget target) {
        buf.emit8(0xE9);
        buf.emitRelocation(RelocationKind.PC_REL32, target, -4);
    }

    /** {@code call reg}. */
    public void call(Gpr target) {
        emitRegRm(NO_PREFIX, Size.DWORD, 0xFF, 2, false, target, false);
    }

    /** {@code call QWORD PTR [mem]}. */
    public void call(Mem target) {
        emitRegMem(NO_PREFIX, Size.DWORD, 0xFF, 2, false, target, 0);
    }

    /** {@code jmp reg}. */
    public void jmp(Gpr target) {
        emitRegRm(NO_PREFIX, Size.DWORD, 0xFF, 4, false, target, false);
    }

    /** {@code jmp QWORD PTR [mem]}. */
    public void jmp(Mem target) {
        emitRegMem(NO_PREFIX, Size.DWORD, 0xFF, 4, false, target, 0);
    }

    public void push(Gpr reg) {
        emitOpcodePlusReg(Size.DWORD, 0x50, reg);
    }

    public void pop(Gpr reg) {
        emitOpcodePlusReg(Size.DWORD, 0x58, reg);
    }

    public void ret() {
        buf.emit8(0xC3);
    }

    /** {@code cpuid}: eax (leaf) and ecx (subleaf) in, eax, ebx, ecx, edx out. */
    public void cpuid() {
        buf.emit8(0x0F);
        buf.emit8(0xA2);
    }

    /** {@code xgetbv}: edx:eax = XCR[ecx] (faults unless CPUID reports OSXSAVE). */
    public void xgetbv() {
        buf.emit8(0x0F);
        buf.emit8(0x01);
        buf.emit8(0xD0);
    }

    /** {@code syscall}: the Linux system call in rax (arguments rdi, rsi, rdx, r10, r8, r9; clobbers rcx, r11). */
    public void syscall() {
        buf.emit8(0x0F);
        buf.emit8(0x05);
    }

    /** {@code ud2}: an instruction guaranteed to fault. */
    public void ud2() {
        buf.emit8(0x0F);
        buf.emit8(0x0B);
    }

    /** Records a trap site for {@code code} here, then emits {@code ud2}. */
    public void ud2(TrapCode code) {
        buf.addTrapSite(code);
        ud2();
    }

    public void int3() {
        buf.emit8(0xCC);
    }

    public void nop() {
        buf.emit8(0x90);
    }

    /** The recommended multi-byte nop of {@code n} bytes, 1..9 (Intel SDM, NOP). */
    private static int[] nopBytes(int n) {
        return switch (n) {
            case 1 -> new int[] {0x90};
            case 2 -> new int[] {0x66, 0x90};
            case 3 -> new int[] {0x0F, 0x1F, 0x00};
            case 4 -> new int[] {0x0F, 0x1F, 0x40, 0x00};
            case 5 -> new int[] {0x0F, 0x1F, 0x44, 0x00, 0x00};
            case 6 -> new int[] {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00};
            case 7 -> new int[] {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00};
            case 8 -> new int[] {0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00};
            case 9 -> new int[] {0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00};
            default -> throw new IllegalArgumentException("no single nop of " + n + " bytes");
        };
    }

    /** Emits {@code bytes} bytes of padding as few nop instructions as possible. */
    public void nop(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative nop length " + bytes);
        }
        while (bytes > 0) {
            int n = Math.min(bytes, 9);
            for (int b : nopBytes(n)) {
                buf.emit8(b);
            }
            bytes -= n;
        }
    }

    /** Pads with nops up to a multiple of {@code alignment} (a power of two), e.g. before a loop head. */
    public void align(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        nop((alignment - (buf.position() & (alignment - 1))) & (alignment - 1));
    }
}
