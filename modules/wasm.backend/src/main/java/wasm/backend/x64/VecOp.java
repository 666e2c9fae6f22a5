package wasm.backend.x64;

import java.util.Locale;

/**
 * The packed SSE/SSSE3/SSE4.1 instructions over XMM registers that the vector
 * lowering uses, each declared once with its legacy encoding (mandatory prefix,
 * opcode map, opcode byte) and its shape. The VEX (AVX) form of every one is the
 * same prefix, map and opcode in a VEX prefix ({@link X64Assembler#vex}): a
 * binary operation takes its first source in VEX.vvvv, so {@code dst = a op b}
 * needs no copy; a unary one leaves vvvv unused.
 *
 * <p>{@link Shape#BINARY}: {@code op x1, x2/m} reads and writes x1 (legacy) or
 * {@code vop x1, x2, x3/m}. {@link Shape#UNARY}: {@code op x1, x2/m} writes x1
 * from x2 alone. {@code imm}: an imm8 follows. {@link #memBytes}: the width of a
 * memory operand (what objdump calls it: XMMWORD for 16). {@link #vexOnly}: no
 * legacy encoding (AVX2 broadcasts). {@link #memOnly}: the register form means
 * something else (movd's is a general register), so only memory operands. Every
 * register-to-register form has a memory form too: an operand in a spill slot needs
 * no register (the XMM scratch register may be the instruction's own destination).
 */
public enum VecOp {
    // ---- 66 0F: integer arithmetic, logic, comparisons, packing, shifts by an xmm count ----
    PADDB(0x66, 1, 0xFC), PADDW(0x66, 1, 0xFD), PADDD(0x66, 1, 0xFE), PADDQ(0x66, 1, 0xD4),
    PSUBB(0x66, 1, 0xF8), PSUBW(0x66, 1, 0xF9), PSUBD(0x66, 1, 0xFA), PSUBQ(0x66, 1, 0xFB),
    PMULLW(0x66, 1, 0xD5), PMULHW(0x66, 1, 0xE5), PMULHUW(0x66, 1, 0xE4), PMULUDQ(0x66, 1, 0xF4),
    PMADDWD(0x66, 1, 0xF5),
    PADDSB(0x66, 1, 0xEC), PADDSW(0x66, 1, 0xED), PADDUSB(0x66, 1, 0xDC), PADDUSW(0x66, 1, 0xDD),
    PSUBSB(0x66, 1, 0xE8), PSUBSW(0x66, 1, 0xE9), PSUBUSB(0x66, 1, 0xD8), PSUBUSW(0x66, 1, 0xD9),
    PMINSW(0x66, 1, 0xEA), PMINUB(0x66, 1, 0xDA), PMAXSW(0x66, 1, 0xEE), PMAXUB(0x66, 1, 0xDE),
    PAVGB(0x66, 1, 0xE0), PAVGW(0x66, 1, 0xE3),
    PAND(0x66, 1, 0xDB), PANDN(0x66, 1, 0xDF), POR(0x66, 1, 0xEB), PXOR(0x66, 1, 0xEF),
    PCMPEQB(0x66, 1, 0x74), PCMPEQW(0x66, 1, 0x75), PCMPEQD(0x66, 1, 0x76),
    PCMPGTB(0x66, 1, 0x64), PCMPGTW(0x66, 1, 0x65), PCMPGTD(0x66, 1, 0x66),
    PACKSSWB(0x66, 1, 0x63), PACKSSDW(0x66, 1, 0x6B), PACKUSWB(0x66, 1, 0x67),
    PUNPCKLBW(0x66, 1, 0x60), PUNPCKLWD(0x66, 1, 0x61), PUNPCKLDQ(0x66, 1, 0x62), PUNPCKLQDQ(0x66, 1, 0x6C),
    PUNPCKHBW(0x66, 1, 0x68), PUNPCKHWD(0x66, 1, 0x69), PUNPCKHDQ(0x66, 1, 0x6A), PUNPCKHQDQ(0x66, 1, 0x6D),
    PSLLW(0x66, 1, 0xF1), PSLLD(0x66, 1, 0xF2), PSLLQ(0x66, 1, 0xF3),
    PSRLW(0x66, 1, 0xD1), PSRLD(0x66, 1, 0xD2), PSRLQ(0x66, 1, 0xD3),
    PSRAW(0x66, 1, 0xE1), PSRAD(0x66, 1, 0xE2),
    PSHUFD(0x66, 1, 0x70, Shape.UNARY, 16, true),
    // ---- 66 0F: f64x2 ----
    ADDPD(0x66, 1, 0x58), SUBPD(0x66, 1, 0x5C), MULPD(0x66, 1, 0x59), DIVPD(0x66, 1, 0x5E),
    MINPD(0x66, 1, 0x5D), MAXPD(0x66, 1, 0x5F), SQRTPD(0x66, 1, 0x51, Shape.UNARY, 16, false),
    ANDPD(0x66, 1, 0x54), ANDNPD(0x66, 1, 0x55), ORPD(0x66, 1, 0x56), XORPD(0x66, 1, 0x57),
    CMPPD(0x66, 1, 0xC2, Shape.BINARY, 16, true), UNPCKLPD(0x66, 1, 0x14),
    CVTPD2PS(0x66, 1, 0x5A, Shape.UNARY, 16, false), CVTTPD2DQ(0x66, 1, 0xE6, Shape.UNARY, 16, false),
    // ---- NP 0F: f32x4 ----
    ADDPS(0, 1, 0x58), SUBPS(0, 1, 0x5C), MULPS(0, 1, 0x59), DIVPS(0, 1, 0x5E),
    MINPS(0, 1, 0x5D), MAXPS(0, 1, 0x5F), SQRTPS(0, 1, 0x51, Shape.UNARY, 16, false),
    ANDPS(0, 1, 0x54), ANDNPS(0, 1, 0x55), ORPS(0, 1, 0x56), XORPS(0, 1, 0x57),
    CMPPS(0, 1, 0xC2, Shape.BINARY, 16, true), SHUFPS(0, 1, 0xC6, Shape.BINARY, 16, true), UNPCKLPS(0, 1, 0x14),
    CVTDQ2PS(0, 1, 0x5B, Shape.UNARY, 16, false), CVTPS2PD(0, 1, 0x5A, Shape.UNARY, 8, false),
    // ---- F3 0F / F2 0F ----
    CVTTPS2DQ(0xF3, 1, 0x5B, Shape.UNARY, 16, false), CVTDQ2PD(0xF3, 1, 0xE6, Shape.UNARY, 8, false),
    PSHUFHW(0xF3, 1, 0x70, Shape.UNARY, 16, true), PSHUFLW(0xF2, 1, 0x70, Shape.UNARY, 16, true),
    /** Loads: all 16 bytes (no alignment), 8 bytes zero-extended, 4 bytes zero-extended (memory only). */
    MOVDQU(0xF3, 1, 0x6F, Shape.UNARY, 16, false), MOVQ(0xF3, 1, 0x7E, Shape.UNARY, 8, false),
    MOVD(0x66, 1, 0x6E, Shape.UNARY, 4, false),
    // ---- 66 0F38: SSSE3, SSE4.1 ----
    PSHUFB(0x66, 2, 0x00), PMADDUBSW(0x66, 2, 0x04), PMULHRSW(0x66, 2, 0x0B),
    PABSB(0x66, 2, 0x1C, Shape.UNARY, 16, false), PABSW(0x66, 2, 0x1D, Shape.UNARY, 16, false),
    PABSD(0x66, 2, 0x1E, Shape.UNARY, 16, false),
    /** Sets ZF when {@code x1 & x2/m} is zero (writes no register). */
    PTEST(0x66, 2, 0x17, Shape.UNARY, 16, false),
    PMOVSXBW(0x66, 2, 0x20, Shape.UNARY, 8, false), PMOVSXWD(0x66, 2, 0x23, Shape.UNARY, 8, false),
    PMOVSXDQ(0x66, 2, 0x25, Shape.UNARY, 8, false), PMOVZXBW(0x66, 2, 0x30, Shape.UNARY, 8, false),
    PMOVZXWD(0x66, 2, 0x33, Shape.UNARY, 8, false), PMOVZXDQ(0x66, 2, 0x35, Shape.UNARY, 8, false),
    PMULDQ(0x66, 2, 0x28), PCMPEQQ(0x66, 2, 0x29), PACKUSDW(0x66, 2, 0x2B),
    PMINSB(0x66, 2, 0x38), PMINSD(0x66, 2, 0x39), PMINUW(0x66, 2, 0x3A), PMINUD(0x66, 2, 0x3B),
    PMAXSB(0x66, 2, 0x3C), PMAXSD(0x66, 2, 0x3D), PMAXUW(0x66, 2, 0x3E), PMAXUD(0x66, 2, 0x3F),
    PMULLD(0x66, 2, 0x40),
    /** SSE4.2 (not SSE4.1 as the others of this map): signed 64-bit lanes, greater than. */
    PCMPGTQ(0x66, 2, 0x37),
    /** AVX2, VEX only: lane 0 of the source into every lane. */
    VPBROADCASTB(0x66, 2, 0x78, Shape.UNARY, 1, false), VPBROADCASTW(0x66, 2, 0x79, Shape.UNARY, 2, false),
    VPBROADCASTD(0x66, 2, 0x58, Shape.UNARY, 4, false), VPBROADCASTQ(0x66, 2, 0x59, Shape.UNARY, 8, false),
    // ---- 66 0F3A: SSE4.1 with an immediate ----
    ROUNDPS(0x66, 3, 0x08, Shape.UNARY, 16, true), ROUNDPD(0x66, 3, 0x09, Shape.UNARY, 16, true),
    PBLENDW(0x66, 3, 0x0E, Shape.BINARY, 16, true), PALIGNR(0x66, 3, 0x0F, Shape.BINARY, 16, true),
    /** The f64 lanes of x2/m whose imm bit is set, the others of x1. */
    BLENDPD(0x66, 3, 0x0D, Shape.BINARY, 16, true),
    /** Lane imm[5:4] of the destination from lane imm[7:6] of the source (lanes imm[3:0] zeroed). */
    INSERTPS(0x66, 3, 0x21, Shape.BINARY, 4, true);

    /** How an instruction uses its operands. */
    public enum Shape {
        /** {@code x1 = x1 op x2/m}; VEX {@code x1 = x2 op x3/m}. */
        BINARY,
        /** {@code x1 = op x2/m}. */
        UNARY
    }

    private final int prefix;
    private final int map;
    private final int opcode;
    private final Shape shape;
    private final int memBytes;
    private final boolean imm;

    VecOp(int prefix, int map, int opcode) {
        this(prefix, map, opcode, Shape.BINARY, 16, false);
    }

    VecOp(int prefix, int map, int opcode, Shape shape, int memBytes, boolean imm) {
        this.prefix = prefix;
        this.map = map;
        this.opcode = opcode;
        this.shape = shape;
        this.memBytes = memBytes;
        this.imm = imm;
    }

    /** The mandatory prefix: 0 (none), 0x66, 0xF3 or 0xF2. */
    public int prefix() {
        return prefix;
    }

    /** The opcode map: 1 = 0F, 2 = 0F 38, 3 = 0F 3A. */
    public int map() {
        return map;
    }

    /** The opcode byte within its map. */
    public int opcode() {
        return opcode;
    }

    /** The whole legacy opcode (0F, 0F38 or 0F3A, then the byte), as the assembler's core takes it. */
    int legacyOpcode() {
        return switch (map) {
            case 1 -> 0x0F00 | opcode;
            case 2 -> 0x0F3800 | opcode;
            default -> 0x0F3A00 | opcode;
        };
    }

    public Shape shape() {
        return shape;
    }

    /** The width of a memory operand in bytes (0: the instruction has no memory form here). */
    public int memBytes() {
        return memBytes;
    }

    /** Whether an imm8 follows the operands. */
    public boolean hasImm() {
        return imm;
    }

    /** No legacy (SSE) encoding: AVX2 only. */
    public boolean vexOnly() {
        return name().startsWith("VP");
    }

    /** Only the memory form is this instruction (the register form of movd takes a general register). */
    public boolean memOnly() {
        return this == MOVD;
    }

    /** The legacy mnemonic ({@code paddb}); the VEX one has a {@code v} in front. */
    public String mnemonic() {
        return name().toLowerCase(Locale.ROOT);
    }
}
