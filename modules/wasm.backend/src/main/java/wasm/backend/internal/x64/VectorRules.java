package wasm.backend.internal.x64;

import static wasm.backend.internal.x64.LoweringRules.rule;
import static wasm.ir.IrOpcode.*;

import wasm.backend.CpuFeatures.Feature;
import wasm.backend.x64.AluOp;
import wasm.backend.x64.ShiftOp;
import wasm.backend.x64.Size;
import wasm.backend.x64.VecOp;
import wasm.backend.x64.X64Assembler.Blend;
import wasm.backend.x64.X64Assembler.LaneWidth;
import wasm.backend.x64.X64Assembler.MoveMask;
import wasm.backend.x64.X64Assembler.VecShift;
import wasm.ir.FloatCC;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.ShuffleMask;
import wasm.ir.Type;

/**
 * The lowering rules of the vector (v128) opcodes: SSE4.1 (with SSSE3) is the baseline, and the
 * emitter uses the VEX three-operand form of every instruction where the target has AVX; a rule
 * that needs AVX2 sits one priority above its fallback. Where x86 has no instruction for a Wasm
 * operation the rule builds a sequence over fresh temporaries, following Cranelift's x64 lowering
 * (i8x16 shifts through word shifts and masks, i64x2 multiply from three pmuludq, popcnt through
 * a pshufb nibble table, float min/max with Wasm's NaN and -0 rules, saturating truncations,
 * swizzle with a saturating add of 0x70). Constants come from the function's constant pool.
 */
final class VectorRules {
    private VectorRules() {
    }

    static void register() {
        constantsAndLanes();
        bitwise();
        integerArithmetic();
        shifts();
        comparisons();
        floats();
        conversions();
        memory();
    }

    // ---- building blocks --------------------------------------------------------------------

    private static XReg res(Lowering cx, int i) {
        return cx.xmm(cx.result(i));
    }

    private static XReg arg(Lowering cx, int i, int k) {
        return cx.xmm(cx.arg(i, k));
    }

    /** {@code d = a op b}. */
    private static XReg bin(Lowering cx, VecOp op, XReg a, XReg b, XReg d) {
        cx.emit(new MInst.VecBinary(op, 0, a, b, d));
        return d;
    }

    private static XReg bin(Lowering cx, VecOp op, XReg a, XReg b) {
        return bin(cx, op, a, b, cx.newXmm());
    }

    /** {@code d = a op b, imm}. */
    private static XReg binImm(Lowering cx, VecOp op, int imm, XReg a, XReg b, XReg d) {
        cx.emit(new MInst.VecBinary(op, imm, a, b, d));
        return d;
    }

    /** {@code d = a op [lo, hi]} (a constant-pool operand). */
    private static XReg binConst(Lowering cx, VecOp op, XReg a, long lo, long hi, XReg d) {
        cx.emit(new MInst.VecBinaryConst(op, 0, a, lo, hi, d));
        return d;
    }

    private static XReg binConst(Lowering cx, VecOp op, XReg a, long splat) {
        return binConst(cx, op, a, splat, splat, cx.newXmm());
    }

    private static XReg binConst(Lowering cx, VecOp op, XReg a, long splat, XReg d) {
        return binConst(cx, op, a, splat, splat, d);
    }

    /** {@code d = op src} (with its immediate). */
    private static XReg un(Lowering cx, VecOp op, int imm, XReg src, XReg d) {
        cx.emit(new MInst.VecUnary(op, imm, src, d));
        return d;
    }

    private static XReg un(Lowering cx, VecOp op, int imm, XReg src) {
        return un(cx, op, imm, src, cx.newXmm());
    }

    private static XReg shift(Lowering cx, VecShift op, int count, XReg src, XReg d) {
        cx.emit(new MInst.VecShiftImm(op, count, src, d));
        return d;
    }

    private static XReg shift(Lowering cx, VecShift op, int count, XReg src) {
        return shift(cx, op, count, src, cx.newXmm());
    }

    private static XReg konst(Lowering cx, long lo, long hi) {
        XReg t = cx.newXmm();
        cx.emit(new MInst.VecConst(t, lo, hi));
        return t;
    }

    /** The 64-bit pattern of {@code value} repeated in every lane of {@code bytes} bytes. */
    private static long splat(long value, int bytes) {
        long v = bytes == 8 ? value : value & ((1L << (8 * bytes)) - 1);
        long r = 0;
        for (int k = 0; k < 8; k += bytes) {
            r |= v << (8 * k);
        }
        return r;
    }

    private static long bytes(int b) {
        return splat(b, 1);
    }

    private static long words(int w) {
        return splat(w, 2);
    }

    private static long dwords(int d) {
        return splat(d, 4);
    }

    private static long f32s(float f) {
        return dwords(Float.floatToRawIntBits(f));
    }

    private static long f64s(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** AVX2's VEX-only instructions: only where VEX is used at all (AVX may be forced off alone). */
    private static boolean avx2(Lowering cx) {
        return cx.avx() && cx.has(Feature.AVX2);
    }

    private static int laneBytes(Lowering cx, int i) {
        return cx.ctrl(i).laneBytes();
    }

    /** The op of a lane shape: i8x16, i16x8, i32x4, i64x2 (null where x86 has none). */
    private static VecOp byShape(Type shape, VecOp b, VecOp w, VecOp d, VecOp q) {
        return switch (shape) {
            case I8X16 -> b;
            case I16X8 -> w;
            case I32X4, F32X4 -> d;
            default -> q;
        };
    }

    private static boolean f64(Lowering cx, int i) {
        return cx.ctrl(i) == Type.F64X2;
    }

    private static LaneWidth width(Type shape) {
        return switch (shape.laneBytes()) {
            case 1 -> LaneWidth.B;
            case 2 -> LaneWidth.W;
            case 4 -> LaneWidth.D;
            default -> LaneWidth.Q;
        };
    }

    /** Registers a rule that always matches, emitting through {@code body}. */
    private interface Seq {
        void lower(Lowering cx, int i);
    }

    private static void always(String name, Seq body, IrOpcode... ops) {
        rule(name, 0, (cx, i) -> {
            body.lower(cx, i);
            return true;
        }, ops);
    }

    /** {@code dst = a op b} with the op chosen per lane shape. */
    private static void perShape(String name, IrOpcode op, VecOp b, VecOp w, VecOp d, VecOp q) {
        always(name, (cx, i) -> bin(cx, byShape(cx.ctrl(i), b, w, d, q), arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), op);
    }

    // ---- constants, splats, lanes, shuffles -------------------------------------------------

    private static void constantsAndLanes() {
        // vconcat is how the IR builds vector constants: its halves are always iconsts
        rule("vconst", 0, (cx, i) -> {
            int lo = cx.arg(i, 0);
            int hi = cx.arg(i, 1);
            if (!cx.isConst(lo) || !cx.isConst(hi)) {
                return false;
            }
            cx.consume(lo);
            cx.consume(hi);
            cx.emit(new MInst.VecConst(res(cx, i), cx.constValue(lo), cx.constValue(hi)));
            return true;
        }, VCONCAT);

        rule("splat_const", 2, (cx, i) -> {
            int v = cx.arg(i, 0);
            if (!cx.isConst(v)) {
                return false;
            }
            cx.consume(v);
            long s = splat(cx.constValue(v), laneBytes(cx, i));
            cx.emit(new MInst.VecConst(res(cx, i), s, s));
            return true;
        }, VSPLAT);
        rule("splat_avx2", 1, (cx, i) -> {
            Type shape = cx.ctrl(i);
            if (!avx2(cx) || shape.laneType().isFloat()) {
                return false;
            }
            XReg t = cx.newXmm();
            cx.emit(new MInst.GprToXmm(shape == Type.I64X2 ? Size.QWORD : Size.DWORD, cx.gpr(cx.arg(i, 0)), t));
            un(cx, byShape(shape, VecOp.VPBROADCASTB, VecOp.VPBROADCASTW, VecOp.VPBROADCASTD, VecOp.VPBROADCASTQ),
                    0, t, res(cx, i));
            return true;
        }, VSPLAT);
        always("splat", (cx, i) -> splat(cx, cx.ctrl(i), cx.arg(i, 0), res(cx, i)), VSPLAT);

        always("extract_lane", (cx, i) -> {
            Type shape = cx.ctrl(i);
            int lane = (int) cx.imm(i);
            switch (shape) {
                // the scalar keeps the lane in its low bits; the rest of the register is unspecified
                case F32X4 -> un(cx, VecOp.PSHUFD, lane, arg(cx, i, 0), res(cx, i));
                case F64X2 -> un(cx, VecOp.PSHUFD, lane == 0 ? 0x44 : 0xEE, arg(cx, i, 0), res(cx, i));
                default -> cx.emit(new MInst.VecExtract(width(shape), lane, arg(cx, i, 0), cx.gpr(cx.result(i))));
            }
        }, VEXTRACTLANE);
        always("insert_lane", (cx, i) -> {
            Type shape = cx.ctrl(i);
            int lane = (int) cx.imm(i);
            switch (shape) {
                case F32X4 -> binImm(cx, VecOp.INSERTPS, lane << 4, arg(cx, i, 0), arg(cx, i, 1), res(cx, i));
                // lane 0: blendpd takes lane 0 of the scalar (a register or a 16-byte slot), lane 1 of the vector
                case F64X2 -> {
                    if (lane == 0) {
                        binImm(cx, VecOp.BLENDPD, 1, arg(cx, i, 0), arg(cx, i, 1), res(cx, i));
                    } else {
                        bin(cx, VecOp.UNPCKLPD, arg(cx, i, 0), arg(cx, i, 1), res(cx, i));
                    }
                }
                default -> cx.emit(new MInst.VecInsert(width(shape), lane, arg(cx, i, 0), cx.gpr(cx.arg(i, 1)),
                        res(cx, i)));
            }
        }, VINSERTLANE);

        rule("shuffle_pshufd", 1, (cx, i) -> {
            int[] lanes = shuffleLanes(cx, i);
            boolean one = cx.arg(i, 0) == cx.arg(i, 1);
            int imm = 0;
            for (int k = 0; k < 4; k++) {
                int first = lanes[4 * k] & (one ? 15 : 31);
                if (first % 4 != 0 || first >= 16) {
                    return false;
                }
                for (int j = 1; j < 4; j++) {
                    if ((lanes[4 * k + j] & (one ? 15 : 31)) != first + j) {
                        return false;
                    }
                }
                imm |= (first / 4) << (2 * k);
            }
            un(cx, VecOp.PSHUFD, imm, arg(cx, i, 0), res(cx, i));
            return true;
        }, VSHUFFLE);
        always("shuffle", VectorRules::shuffle, VSHUFFLE);
        always("swizzle", (cx, i) -> {
            // pshufb zeroes a lane only for an index with its top bit set: saturating +0x70 sends 16..255 there
            XReg idx = binConst(cx, VecOp.PADDUSB, arg(cx, i, 1), bytes(0x70));
            bin(cx, VecOp.PSHUFB, arg(cx, i, 0), idx, res(cx, i));
        }, VSWIZZLE);
        always("relaxed_swizzle", (cx, i) -> bin(cx, VecOp.PSHUFB, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)),
                VRELAXED_SWIZZLE);
    }

    /** {@code d} = scalar {@code v} in every lane of {@code shape} (SSSE3 / SSE2). */
    private static void splat(Lowering cx, Type shape, int v, XReg d) {
        switch (shape) {
            case F32X4 -> un(cx, VecOp.PSHUFD, 0, cx.xmm(v), d);
            case F64X2 -> un(cx, VecOp.PSHUFD, 0x44, cx.xmm(v), d);
            default -> {
                XReg t = cx.newXmm();
                cx.emit(new MInst.GprToXmm(shape == Type.I64X2 ? Size.QWORD : Size.DWORD, cx.gpr(v), t));
                splatLane0(cx, shape, t, d);
            }
        }
    }

    /** {@code d} = lane 0 of {@code t} in every lane. */
    private static void splatLane0(Lowering cx, Type shape, XReg t, XReg d) {
        switch (shape) {
            case I8X16 -> binConst(cx, VecOp.PSHUFB, t, 0, d);
            case I16X8 -> un(cx, VecOp.PSHUFD, 0, un(cx, VecOp.PSHUFLW, 0, t), d);
            case I32X4, F32X4 -> un(cx, VecOp.PSHUFD, 0, t, d);
            default -> un(cx, VecOp.PSHUFD, 0x44, t, d);
        }
    }

    private static int[] shuffleLanes(Lowering cx, int i) {
        int[] lanes = new int[16];
        for (int k = 0; k < 16; k++) {
            lanes[k] = ShuffleMask.lane(cx.imm(i), cx.function().imm2(i), k);
        }
        return lanes;
    }

    /** The pshufb control picking {@code lanes} (0x80 zeroes a lane), as {lo, hi}. */
    private static long[] pshufbMask(int[] lanes, int from) {
        long lo = 0;
        long hi = 0;
        for (int k = 0; k < 16; k++) {
            int l = lanes[k] - from;
            long b = l >= 0 && l < 16 ? l : 0x80;
            if (k < 8) {
                lo |= b << (8 * k);
            } else {
                hi |= b << (8 * (k - 8));
            }
        }
        return new long[] {lo, hi};
    }

    /** One pshufb per operand that supplies lanes, with a constant control, or-ed together. */
    private static void shuffle(Lowering cx, int i) {
        int[] lanes = shuffleLanes(cx, i);
        XReg a = arg(cx, i, 0);
        XReg b = arg(cx, i, 1);
        boolean fromA = false;
        boolean fromB = false;
        for (int l : lanes) {
            fromA |= l < 16;
            fromB |= l >= 16;
        }
        if (cx.arg(i, 0) == cx.arg(i, 1)) {
            for (int k = 0; k < 16; k++) {
                lanes[k] &= 15;
            }
            fromB = false;
            fromA = true;
        }
        if (!fromB || !fromA) {
            long[] m = pshufbMask(lanes, fromA ? 0 : 16);
            binConst(cx, VecOp.PSHUFB, fromA ? a : b, m[0], m[1], res(cx, i));
            return;
        }
        long[] ma = pshufbMask(lanes, 0);
        long[] mb = pshufbMask(lanes, 16);
        XReg ta = binConst(cx, VecOp.PSHUFB, a, ma[0], ma[1], cx.newXmm());
        XReg tb = binConst(cx, VecOp.PSHUFB, b, mb[0], mb[1], cx.newXmm());
        bin(cx, VecOp.POR, ta, tb, res(cx, i));
    }

    // ---- bitwise, tests, masks ----------------------------------------------------------------

    private static void bitwise() {
        always("vnot", (cx, i) -> binConst(cx, VecOp.PXOR, arg(cx, i, 0), -1L, res(cx, i)), VNOT);
        always("vand", (cx, i) -> bin(cx, VecOp.PAND, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), VAND);
        always("vor", (cx, i) -> bin(cx, VecOp.POR, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), VOR);
        always("vxor", (cx, i) -> bin(cx, VecOp.PXOR, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), VXOR);
        // pandn x, y = ~x & y
        always("vandnot", (cx, i) -> bin(cx, VecOp.PANDN, arg(cx, i, 1), arg(cx, i, 0), res(cx, i)), VANDNOT);
        always("vbitselect", (cx, i) -> {
            XReg c = arg(cx, i, 2);
            XReg t = bin(cx, VecOp.PAND, arg(cx, i, 0), c);
            XReg u = bin(cx, VecOp.PANDN, c, arg(cx, i, 1));
            bin(cx, VecOp.POR, t, u, res(cx, i));
        }, VBITSELECT);
        always("any_true", (cx, i) -> cx.emit(new MInst.VecTest(false, arg(cx, i, 0), cx.gpr(cx.result(i)))),
                VANY_TRUE);
        always("all_true", (cx, i) -> {
            VecOp eq = byShape(cx.ctrl(i), VecOp.PCMPEQB, VecOp.PCMPEQW, VecOp.PCMPEQD, VecOp.PCMPEQQ);
            XReg zeroLanes = binConst(cx, eq, arg(cx, i, 0), 0);
            cx.emit(new MInst.VecTest(true, zeroLanes, cx.gpr(cx.result(i))));
        }, VALL_TRUE);
        always("bitmask", (cx, i) -> {
            GReg d = cx.gpr(cx.result(i));
            switch (cx.ctrl(i)) {
                case I8X16 -> cx.emit(new MInst.VecMoveMask(MoveMask.PMOVMSKB, arg(cx, i, 0), d));
                case I16X8 -> {
                    // signed saturation keeps each word's sign in a byte; both halves are the same
                    XReg packed = bin(cx, VecOp.PACKSSWB, arg(cx, i, 0), arg(cx, i, 0));
                    GReg bits = cx.newGpr();
                    cx.emit(new MInst.VecMoveMask(MoveMask.PMOVMSKB, packed, bits));
                    cx.emit(new MInst.ShiftImm(ShiftOp.SHR, Size.DWORD, bits, 8, d));
                }
                case I32X4 -> cx.emit(new MInst.VecMoveMask(MoveMask.MOVMSKPS, arg(cx, i, 0), d));
                default -> cx.emit(new MInst.VecMoveMask(MoveMask.MOVMSKPD, arg(cx, i, 0), d));
            }
        }, VBITMASK);
        always("relaxed_laneselect", (cx, i) -> {
            Blend op = switch (cx.ctrl(i)) {
                case I32X4 -> Blend.BLENDVPS;
                case I64X2 -> Blend.BLENDVPD;
                default -> Blend.PBLENDVB;
            };
            cx.emit(new MInst.VecBlend(op, arg(cx, i, 2), arg(cx, i, 0), arg(cx, i, 1), res(cx, i)));
        }, VRELAXED_LANESELECT);
    }

    // ---- integer arithmetic -------------------------------------------------------------------

    private static void integerArithmetic() {
        perShape("viadd", VIADD, VecOp.PADDB, VecOp.PADDW, VecOp.PADDD, VecOp.PADDQ);
        perShape("visub", VISUB, VecOp.PSUBB, VecOp.PSUBW, VecOp.PSUBD, VecOp.PSUBQ);
        rule("vimul_i64x2", 1, (cx, i) -> {
            if (cx.ctrl(i) != Type.I64X2) {
                return false;
            }
            // lo(a)*lo(b) + ((hi(a)*lo(b) + lo(a)*hi(b)) << 32), three pmuludq (no vpmullq before AVX-512)
            XReg a = arg(cx, i, 0);
            XReg b = arg(cx, i, 1);
            XReg ahbl = bin(cx, VecOp.PMULUDQ, shift(cx, VecShift.PSRLQ, 32, a), b);
            XReg albh = bin(cx, VecOp.PMULUDQ, shift(cx, VecShift.PSRLQ, 32, b), a);
            XReg cross = shift(cx, VecShift.PSLLQ, 32, bin(cx, VecOp.PADDQ, ahbl, albh));
            bin(cx, VecOp.PADDQ, bin(cx, VecOp.PMULUDQ, a, b), cross, res(cx, i));
            return true;
        }, VIMUL);
        perShape("vimul", VIMUL, null, VecOp.PMULLW, VecOp.PMULLD, null);
        always("vineg", (cx, i) -> {
            VecOp sub = byShape(cx.ctrl(i), VecOp.PSUBB, VecOp.PSUBW, VecOp.PSUBD, VecOp.PSUBQ);
            bin(cx, sub, konst(cx, 0, 0), arg(cx, i, 0), res(cx, i));
        }, VINEG);
        rule("viabs_i64x2", 1, (cx, i) -> {
            if (cx.ctrl(i) != Type.I64X2) {
                return false;
            }
            // (a ^ s) - s with s the sign of each 64-bit lane (psrad gives the high dwords', pshufd spreads them)
            XReg a = arg(cx, i, 0);
            XReg s = un(cx, VecOp.PSHUFD, 0xF5, shift(cx, VecShift.PSRAD, 31, a));
            bin(cx, VecOp.PSUBQ, bin(cx, VecOp.PXOR, a, s), s, res(cx, i));
            return true;
        }, VIABS);
        always("viabs", (cx, i) -> un(cx, byShape(cx.ctrl(i), VecOp.PABSB, VecOp.PABSW, VecOp.PABSD, null), 0,
                arg(cx, i, 0), res(cx, i)), VIABS);
        perShape("vsadd_sat", VSADD_SAT, VecOp.PADDSB, VecOp.PADDSW, null, null);
        perShape("vuadd_sat", VUADD_SAT, VecOp.PADDUSB, VecOp.PADDUSW, null, null);
        perShape("vssub_sat", VSSUB_SAT, VecOp.PSUBSB, VecOp.PSUBSW, null, null);
        perShape("vusub_sat", VUSUB_SAT, VecOp.PSUBUSB, VecOp.PSUBUSW, null, null);
        perShape("vsmin", VSMIN, VecOp.PMINSB, VecOp.PMINSW, VecOp.PMINSD, null);
        perShape("vumin", VUMIN, VecOp.PMINUB, VecOp.PMINUW, VecOp.PMINUD, null);
        perShape("vsmax", VSMAX, VecOp.PMAXSB, VecOp.PMAXSW, VecOp.PMAXSD, null);
        perShape("vumax", VUMAX, VecOp.PMAXUB, VecOp.PMAXUW, VecOp.PMAXUD, null);
        perShape("vavgr", VAVGR, VecOp.PAVGB, VecOp.PAVGW, null, null);
        always("vpopcnt", (cx, i) -> {
            // a 16-entry nibble-count table, looked up once per nibble with pshufb
            XReg a = arg(cx, i, 0);
            XReg low = binConst(cx, VecOp.PAND, a, bytes(0x0F));
            XReg high = binConst(cx, VecOp.PAND, shift(cx, VecShift.PSRLW, 4, a), bytes(0x0F));
            long tableLo = 0x0302020102010100L;
            long tableHi = 0x0403030203020201L;
            XReg cl = bin(cx, VecOp.PSHUFB, konst(cx, tableLo, tableHi), low);
            XReg ch = bin(cx, VecOp.PSHUFB, konst(cx, tableLo, tableHi), high);
            bin(cx, VecOp.PADDB, cl, ch, res(cx, i));
        }, VPOPCNT);
        always("vq15mulr_sat", (cx, i) -> {
            // pmulhrsw gives 0x8000 only for -32768 * -32768, where Wasm saturates to 0x7fff
            XReg p = bin(cx, VecOp.PMULHRSW, arg(cx, i, 0), arg(cx, i, 1));
            XReg overflow = binConst(cx, VecOp.PCMPEQW, p, words(0x8000));
            bin(cx, VecOp.PXOR, p, overflow, res(cx, i));
        }, VQ15MULR_SAT);
        always("relaxed_q15mulr", (cx, i) -> bin(cx, VecOp.PMULHRSW, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)),
                VRELAXED_Q15MULR);
        always("vdot", (cx, i) -> bin(cx, VecOp.PMADDWD, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), VDOT);
        // pmaddubsw x, y: x's bytes unsigned, y's signed
        always("relaxed_dot", (cx, i) -> bin(cx, VecOp.PMADDUBSW, arg(cx, i, 1), arg(cx, i, 0), res(cx, i)),
                VRELAXED_DOT);
        always("relaxed_dot_add", (cx, i) -> {
            XReg pairs = bin(cx, VecOp.PMADDUBSW, arg(cx, i, 1), arg(cx, i, 0));
            XReg quads = binConst(cx, VecOp.PMADDWD, pairs, words(1));
            bin(cx, VecOp.PADDD, quads, arg(cx, i, 2), res(cx, i));
        }, VRELAXED_DOT_ADD);
        always("vsnarrow", (cx, i) -> bin(cx, cx.ctrl(i) == Type.I8X16 ? VecOp.PACKSSWB : VecOp.PACKSSDW,
                arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), VSNARROW);
        always("vunarrow", (cx, i) -> bin(cx, cx.ctrl(i) == Type.I8X16 ? VecOp.PACKUSWB : VecOp.PACKUSDW,
                arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), VUNARROW);
        always("vwiden", VectorRules::widen, VSWIDEN_LOW, VSWIDEN_HIGH, VUWIDEN_LOW, VUWIDEN_HIGH);
        always("vextmul", VectorRules::extmul, VSEXTMUL_LOW, VSEXTMUL_HIGH, VUEXTMUL_LOW, VUEXTMUL_HIGH);
        always("vextadd_pairwise", (cx, i) -> {
            XReg a = arg(cx, i, 0);
            boolean signed = cx.opcode(i) == VSEXTADD_PAIRWISE;
            if (cx.ctrl(i) == Type.I16X8) {
                if (signed) {
                    bin(cx, VecOp.PMADDUBSW, konst(cx, bytes(1), bytes(1)), a, res(cx, i));
                } else {
                    binConst(cx, VecOp.PMADDUBSW, a, bytes(1), res(cx, i));
                }
            } else if (signed) {
                binConst(cx, VecOp.PMADDWD, a, words(1), res(cx, i));
            } else {
                // biased to signed, summed, the bias (2 * 32768) added back
                XReg biased = binConst(cx, VecOp.PXOR, a, words(0x8000));
                XReg sums = binConst(cx, VecOp.PMADDWD, biased, words(1));
                binConst(cx, VecOp.PADDD, sums, dwords(0x10000), res(cx, i));
            }
        }, VSEXTADD_PAIRWISE, VUEXTADD_PAIRWISE);
    }

    private static VecOp extend(Type shape, boolean signed) {
        return switch (shape) {
            case I16X8 -> signed ? VecOp.PMOVSXBW : VecOp.PMOVZXBW;
            case I32X4 -> signed ? VecOp.PMOVSXWD : VecOp.PMOVZXWD;
            default -> signed ? VecOp.PMOVSXDQ : VecOp.PMOVZXDQ;
        };
    }

    /** The high 8 bytes of {@code a} moved to the low ones. */
    private static XReg highHalf(Lowering cx, XReg a) {
        return un(cx, VecOp.PSHUFD, 0xEE, a);
    }

    private static void widen(Lowering cx, int i) {
        IrOpcode op = cx.opcode(i);
        boolean signed = op == VSWIDEN_LOW || op == VSWIDEN_HIGH;
        boolean high = op == VSWIDEN_HIGH || op == VUWIDEN_HIGH;
        Type shape = cx.ctrl(i);
        XReg a = arg(cx, i, 0);
        if (high && !signed) {
            // interleave the high lanes with zeros
            VecOp unpack = byShape(shape, null, VecOp.PUNPCKHBW, VecOp.PUNPCKHWD, VecOp.PUNPCKHDQ);
            binConst(cx, unpack, a, 0, res(cx, i));
            return;
        }
        un(cx, extend(shape, signed), 0, high ? highHalf(cx, a) : a, res(cx, i));
    }

    private static void extmul(Lowering cx, int i) {
        IrOpcode op = cx.opcode(i);
        boolean signed = op == VSEXTMUL_LOW || op == VSEXTMUL_HIGH;
        boolean high = op == VSEXTMUL_HIGH || op == VUEXTMUL_HIGH;
        XReg a = arg(cx, i, 0);
        XReg b = arg(cx, i, 1);
        switch (cx.ctrl(i)) {
            case I16X8 -> {
                VecOp ext = extend(Type.I16X8, signed);
                XReg x = un(cx, ext, 0, high ? highHalf(cx, a) : a);
                XReg y = un(cx, ext, 0, high ? highHalf(cx, b) : b);
                bin(cx, VecOp.PMULLW, x, y, res(cx, i));
            }
            case I32X4 -> {
                // the low and high 16 bits of each 32-bit product, interleaved
                XReg lo = bin(cx, VecOp.PMULLW, a, b);
                XReg hi = bin(cx, signed ? VecOp.PMULHW : VecOp.PMULHUW, a, b);
                bin(cx, high ? VecOp.PUNPCKHWD : VecOp.PUNPCKLWD, lo, hi, res(cx, i));
            }
            default -> {
                // pmuldq / pmuludq multiply dwords 0 and 2: spread the half's two lanes there
                int spread = high ? 0xFA : 0x50;
                XReg x = un(cx, VecOp.PSHUFD, spread, a);
                XReg y = un(cx, VecOp.PSHUFD, spread, b);
                bin(cx, signed ? VecOp.PMULDQ : VecOp.PMULUDQ, x, y, res(cx, i));
            }
        }
    }

    // ---- shifts ---------------------------------------------------------------------------------

    private static VecShift immShift(IrOpcode op, Type shape) {
        return switch (op) {
            case VISHL -> byShapeShift(shape, VecShift.PSLLW, VecShift.PSLLD, VecShift.PSLLQ);
            case VUSHR -> byShapeShift(shape, VecShift.PSRLW, VecShift.PSRLD, VecShift.PSRLQ);
            default -> byShapeShift(shape, VecShift.PSRAW, VecShift.PSRAD, null);
        };
    }

    private static VecShift byShapeShift(Type shape, VecShift w, VecShift d, VecShift q) {
        return switch (shape) {
            case I16X8 -> w;
            case I32X4 -> d;
            default -> q;
        };
    }

    private static VecOp countShift(IrOpcode op, Type shape) {
        return switch (op) {
            case VISHL -> byShape(shape, VecOp.PSLLW, VecOp.PSLLW, VecOp.PSLLD, VecOp.PSLLQ);
            case VUSHR -> byShape(shape, VecOp.PSRLW, VecOp.PSRLW, VecOp.PSRLD, VecOp.PSRLQ);
            default -> byShape(shape, VecOp.PSRAW, VecOp.PSRAW, VecOp.PSRAD, null);
        };
    }

    /** The shift count {@code (c & mask) + add} in the low bits of a fresh xmm (for the xmm-count forms). */
    private static XReg count(Lowering cx, int c, int mask, int add) {
        GReg g = cx.newGpr();
        cx.emit(new MInst.Alu(AluOp.AND, Size.DWORD, cx.gpr(c), new Imm32(mask), g));
        if (add != 0) {
            GReg h = cx.newGpr();
            cx.emit(new MInst.Alu(AluOp.ADD, Size.DWORD, g, new Imm32(add), h));
            g = h;
        }
        XReg t = cx.newXmm();
        cx.emit(new MInst.GprToXmm(Size.DWORD, g, t));
        return t;
    }

    private static void shifts() {
        rule("vshift_imm", 1, (cx, i) -> {
            int c = cx.arg(i, 1);
            if (!cx.isConst(c)) {
                return false;
            }
            cx.consume(c);
            Type shape = cx.ctrl(i);
            int n = (int) (cx.constValue(c) & (8 * shape.laneBytes() - 1));
            XReg a = arg(cx, i, 0);
            XReg d = res(cx, i);
            IrOpcode op = cx.opcode(i);
            if (shape == Type.I8X16) {
                switch (op) {
                    case VISHL -> binConst(cx, VecOp.PAND, shift(cx, VecShift.PSLLW, n, a), bytes((0xFF << n) & 0xFF), d);
                    case VUSHR -> binConst(cx, VecOp.PAND, shift(cx, VecShift.PSRLW, n, a), bytes(0xFF >> n), d);
                    default -> {
                        // each byte in the high half of a word, shifted arithmetically, packed back
                        XReg lo = shift(cx, VecShift.PSRAW, n + 8, bin(cx, VecOp.PUNPCKLBW, a, a));
                        XReg hi = shift(cx, VecShift.PSRAW, n + 8, bin(cx, VecOp.PUNPCKHBW, a, a));
                        bin(cx, VecOp.PACKSSWB, lo, hi, d);
                    }
                }
            } else if (shape == Type.I64X2 && op == VSSHR) {
                // ((a >>> n) ^ m) - m with m = the sign bit >>> n
                long m = Long.MIN_VALUE >>> n;
                XReg t = binConst(cx, VecOp.PXOR, shift(cx, VecShift.PSRLQ, n, a), m);
                binConst(cx, VecOp.PSUBQ, t, m, d);
            } else {
                shift(cx, immShift(op, shape), n, a, d);
            }
            return true;
        }, VISHL, VSSHR, VUSHR);
        always("vshift", (cx, i) -> {
            Type shape = cx.ctrl(i);
            int bits = 8 * shape.laneBytes();
            XReg a = arg(cx, i, 0);
            XReg d = res(cx, i);
            IrOpcode op = cx.opcode(i);
            if (shape == Type.I8X16 && op == VSSHR) {
                XReg n = count(cx, cx.arg(i, 1), 7, 8);
                XReg lo = bin(cx, VecOp.PSRAW, bin(cx, VecOp.PUNPCKLBW, a, a), n);
                XReg hi = bin(cx, VecOp.PSRAW, bin(cx, VecOp.PUNPCKHBW, a, a), n);
                bin(cx, VecOp.PACKSSWB, lo, hi, d);
                return;
            }
            XReg n = count(cx, cx.arg(i, 1), bits - 1, 0);
            if (shape == Type.I8X16) {
                // shift words, then clear the bits that crossed into the next byte: the mask is an
                // all-ones word shifted the same way, one of its bytes spread to every byte
                boolean left = op == VISHL;
                XReg shifted = bin(cx, left ? VecOp.PSLLW : VecOp.PSRLW, a, n);
                XReg ones = bin(cx, left ? VecOp.PSLLW : VecOp.PSRLW, konst(cx, -1, -1), n);
                XReg mask = binConst(cx, VecOp.PSHUFB, ones, left ? 0 : bytes(1));
                bin(cx, VecOp.PAND, shifted, mask, d);
            } else if (shape == Type.I64X2 && op == VSSHR) {
                XReg m = bin(cx, VecOp.PSRLQ, konst(cx, Long.MIN_VALUE, Long.MIN_VALUE), n);
                XReg t = bin(cx, VecOp.PXOR, bin(cx, VecOp.PSRLQ, a, n), m);
                bin(cx, VecOp.PSUBQ, t, m, d);
            } else {
                bin(cx, countShift(op, shape), a, n, d);
            }
        }, VISHL, VSSHR, VUSHR);
    }

    // ---- comparisons ------------------------------------------------------------------------

    /** Signed {@code a > b} per 64-bit lane without SSE4.2's pcmpgtq. */
    private static XReg greaterI64(Lowering cx, XReg a, XReg b, XReg d) {
        // high dwords: a.hi > b.hi, or equal and b - a borrowed (a.lo > b.lo unsigned); spread them
        XReg eq = bin(cx, VecOp.PCMPEQD, a, b);
        XReg borrow = bin(cx, VecOp.PAND, eq, bin(cx, VecOp.PSUBQ, b, a));
        XReg gt = bin(cx, VecOp.POR, borrow, bin(cx, VecOp.PCMPGTD, a, b));
        return un(cx, VecOp.PSHUFD, 0xF5, gt, d);
    }

    /** Signed {@code a > b} per lane; for i64x2 SSE4.2's pcmpgtq, or the sequence without it. */
    private static XReg greater(Lowering cx, Type shape, boolean pcmpgtq, XReg a, XReg b, XReg d) {
        if (shape == Type.I64X2) {
            return pcmpgtq ? bin(cx, VecOp.PCMPGTQ, a, b, d) : greaterI64(cx, a, b, d);
        }
        return bin(cx, byShape(shape, VecOp.PCMPGTB, VecOp.PCMPGTW, VecOp.PCMPGTD, null), a, b, d);
    }

    private static XReg not(Lowering cx, XReg a, XReg d) {
        return binConst(cx, VecOp.PXOR, a, -1L, d);
    }

    /** {@code d} = all ones where {@code a cc b}; {@code pcmpgtq}: i64x2 orders may use SSE4.2's pcmpgtq. */
    private static void icmp(Lowering cx, Type shape, boolean pcmpgtq, IntCC cc, XReg a, XReg b, XReg d) {
        VecOp eq = byShape(shape, VecOp.PCMPEQB, VecOp.PCMPEQW, VecOp.PCMPEQD, VecOp.PCMPEQQ);
        boolean q = shape == Type.I64X2;
        switch (cc) {
            case EQ -> bin(cx, eq, a, b, d);
            case NE -> not(cx, bin(cx, eq, a, b), d);
            case SGT, SLT, SGE, SLE -> {
                boolean swap = cc == IntCC.SLT || cc == IntCC.SGE;
                if (cc == IntCC.SGT || cc == IntCC.SLT) {
                    greater(cx, shape, pcmpgtq, swap ? b : a, swap ? a : b, d);
                } else {
                    // a >= b is !(b > a)
                    not(cx, greater(cx, shape, pcmpgtq, swap ? b : a, swap ? a : b, cx.newXmm()), d);
                }
            }
            default -> {
                if (q) {
                    // flip the sign bits: unsigned order becomes signed order
                    XReg fa = binConst(cx, VecOp.PXOR, a, Long.MIN_VALUE);
                    XReg fb = binConst(cx, VecOp.PXOR, b, Long.MIN_VALUE);
                    icmp(cx, shape, pcmpgtq, switch (cc) {
                        case UGT -> IntCC.SGT;
                        case ULT -> IntCC.SLT;
                        case UGE -> IntCC.SGE;
                        default -> IntCC.SLE;
                    }, fa, fb, d);
                    return;
                }
                VecOp max = byShape(shape, VecOp.PMAXUB, VecOp.PMAXUW, VecOp.PMAXUD, null);
                VecOp min = byShape(shape, VecOp.PMINUB, VecOp.PMINUW, VecOp.PMINUD, null);
                switch (cc) {
                    case UGE -> bin(cx, eq, bin(cx, max, a, b), a, d);  // max(a, b) == a
                    case ULE -> bin(cx, eq, bin(cx, min, a, b), a, d);  // min(a, b) == a
                    case UGT -> not(cx, bin(cx, eq, bin(cx, max, a, b), b), d);  // !(max(a, b) == b)
                    default -> not(cx, bin(cx, eq, bin(cx, min, a, b), b), d);   // ult: !(min(a, b) == b)
                }
            }
        }
    }

    private static void comparisons() {
        // i64x2 orders with SSE4.2: pcmpgtq; without it (-Dwasmoon.cpu.disable=sse42) "vicmp" builds it
        rule("vicmp_i64x2_sse42", 1, (cx, i) -> {
            IntCC cc = IntCC.byOrdinal((int) cx.imm(i));
            if (cx.ctrl(i) != Type.I64X2 || !cx.has(Feature.SSE42) || cc == IntCC.EQ || cc == IntCC.NE) {
                return false;
            }
            icmp(cx, Type.I64X2, true, cc, arg(cx, i, 0), arg(cx, i, 1), res(cx, i));
            return true;
        }, VICMP);
        always("vicmp", (cx, i) -> icmp(cx, cx.ctrl(i), false, IntCC.byOrdinal((int) cx.imm(i)), arg(cx, i, 0),
                arg(cx, i, 1), res(cx, i)), VICMP);
        always("vfcmp", (cx, i) -> {
            FloatCC cc = FloatCC.byOrdinal((int) cx.imm(i));
            VecOp cmp = f64(cx, i) ? VecOp.CMPPD : VecOp.CMPPS;
            XReg a = arg(cx, i, 0);
            XReg b = arg(cx, i, 1);
            // predicates: 0 eq, 1 lt, 2 le, 4 neq (true on NaN, as Wasm's ne); gt and ge swap the operands
            switch (cc) {
                case EQ -> binImm(cx, cmp, 0, a, b, res(cx, i));
                case NE -> binImm(cx, cmp, 4, a, b, res(cx, i));
                case LT -> binImm(cx, cmp, 1, a, b, res(cx, i));
                case LE -> binImm(cx, cmp, 2, a, b, res(cx, i));
                case GT -> binImm(cx, cmp, 1, b, a, res(cx, i));
                case GE -> binImm(cx, cmp, 2, b, a, res(cx, i));
            }
        }, VFCMP);
    }

    // ---- floats -------------------------------------------------------------------------------

    /** The f32x4 or f64x2 instructions of the float min/max sequences. */
    private record Fp(VecOp min, VecOp max, VecOp or, VecOp xor, VecOp sub, VecOp cmp, VecOp andn, VecShift srl,
                      int payloadBits) {
        static final Fp F32 = new Fp(VecOp.MINPS, VecOp.MAXPS, VecOp.ORPS, VecOp.XORPS, VecOp.SUBPS, VecOp.CMPPS,
                VecOp.ANDNPS, VecShift.PSRLD, 10);
        static final Fp F64 = new Fp(VecOp.MINPD, VecOp.MAXPD, VecOp.ORPD, VecOp.XORPD, VecOp.SUBPD, VecOp.CMPPD,
                VecOp.ANDNPD, VecShift.PSRLQ, 13);

        static Fp of(boolean f64) {
            return f64 ? F64 : F32;
        }
    }

    /**
     * {@code d = value} with its NaN lanes ({@code nan} all ones there) made the canonical NaN: the
     * mask shifted right leaves the payload bits but the quiet one, which andn clears.
     */
    private static void canonicalNans(Lowering cx, Fp fp, XReg nan, XReg value, XReg d) {
        bin(cx, fp.andn(), shift(cx, fp.srl(), fp.payloadBits(), nan), value, d);
    }

    private static void fp(String name, IrOpcode op, VecOp ps, VecOp pd) {
        always(name, (cx, i) -> bin(cx, f64(cx, i) ? pd : ps, arg(cx, i, 0), arg(cx, i, 1), res(cx, i)), op);
    }

    private static void floats() {
        fp("vfadd", VFADD, VecOp.ADDPS, VecOp.ADDPD);
        fp("vfsub", VFSUB, VecOp.SUBPS, VecOp.SUBPD);
        fp("vfmul", VFMUL, VecOp.MULPS, VecOp.MULPD);
        fp("vfdiv", VFDIV, VecOp.DIVPS, VecOp.DIVPD);
        fp("relaxed_min", VFRELAXED_MIN, VecOp.MINPS, VecOp.MINPD);
        fp("relaxed_max", VFRELAXED_MAX, VecOp.MAXPS, VecOp.MAXPD);
        // pmin(a, b) = b < a ? b : a: minps's own rule with the operands swapped
        always("vfpmin", (cx, i) -> bin(cx, f64(cx, i) ? VecOp.MINPD : VecOp.MINPS, arg(cx, i, 1), arg(cx, i, 0),
                res(cx, i)), VFPMIN);
        always("vfpmax", (cx, i) -> bin(cx, f64(cx, i) ? VecOp.MAXPD : VecOp.MAXPS, arg(cx, i, 1), arg(cx, i, 0),
                res(cx, i)), VFPMAX);
        always("vfmin", (cx, i) -> {
            Fp fp = Fp.of(f64(cx, i));
            XReg a = arg(cx, i, 0);
            XReg b = arg(cx, i, 1);
            // min both ways round: they differ where a NaN or a zero of either sign is involved;
            // or-ing them propagates NaN and makes -0 win
            XReg m1 = bin(cx, fp.min(), a, b);
            XReg m2 = bin(cx, fp.min(), b, a);
            XReg both = bin(cx, fp.or(), m1, m2);
            XReg nan = binImm(cx, fp.cmp(), 3, both, m2, cx.newXmm());
            canonicalNans(cx, fp, nan, bin(cx, fp.or(), both, nan), res(cx, i));
        }, VFMIN);
        always("vfmax", (cx, i) -> {
            Fp fp = Fp.of(f64(cx, i));
            XReg a = arg(cx, i, 0);
            XReg b = arg(cx, i, 1);
            // the two orders differ in NaN and zero lanes; (m1 | diff) - diff gives +0 for +-0 and
            // a NaN for NaN
            XReg m1 = bin(cx, fp.max(), a, b);
            XReg m2 = bin(cx, fp.max(), b, a);
            XReg diff = bin(cx, fp.xor(), m1, m2);
            XReg merged = bin(cx, fp.or(), m1, diff);
            XReg nan = binImm(cx, fp.cmp(), 3, merged, merged, cx.newXmm());
            canonicalNans(cx, fp, nan, bin(cx, fp.sub(), merged, diff), res(cx, i));
        }, VFMAX);
        always("vfabs", (cx, i) -> binConst(cx, VecOp.ANDPS, arg(cx, i, 0),
                f64(cx, i) ? Long.MAX_VALUE : dwords(0x7FFF_FFFF), res(cx, i)), VFABS);
        always("vfneg", (cx, i) -> binConst(cx, VecOp.XORPS, arg(cx, i, 0),
                f64(cx, i) ? Long.MIN_VALUE : dwords(0x8000_0000), res(cx, i)), VFNEG);
        always("vsqrt", (cx, i) -> un(cx, f64(cx, i) ? VecOp.SQRTPD : VecOp.SQRTPS, 0, arg(cx, i, 0), res(cx, i)),
                VSQRT);
        always("vround", (cx, i) -> {
            // roundps/roundpd modes 0 nearest, 1 floor, 2 ceil, 3 trunc; 8: no precision exception
            int mode = switch (cx.opcode(i)) {
                case VNEAREST -> 0;
                case VFLOOR -> 1;
                case VCEIL -> 2;
                default -> 3;
            };
            un(cx, f64(cx, i) ? VecOp.ROUNDPD : VecOp.ROUNDPS, mode | 8, arg(cx, i, 0), res(cx, i));
        }, VCEIL, VFLOOR, VTRUNC, VNEAREST);
        always("relaxed_madd", (cx, i) -> {
            boolean f64 = f64(cx, i);
            // unfused, the product rounded: a * b + c (nmadd: -(a * b) + c, the sign flipped first)
            XReg p = bin(cx, f64 ? VecOp.MULPD : VecOp.MULPS, arg(cx, i, 0), arg(cx, i, 1));
            if (cx.opcode(i) == VFRELAXED_NMADD) {
                p = binConst(cx, VecOp.XORPS, p, f64 ? Long.MIN_VALUE : dwords(0x8000_0000));
            }
            bin(cx, f64 ? VecOp.ADDPD : VecOp.ADDPS, p, arg(cx, i, 2), res(cx, i));
        }, VFRELAXED_MADD, VFRELAXED_NMADD);
    }

    // ---- conversions --------------------------------------------------------------------------

    private static void conversions() {
        always("vfcvt_from_sint", (cx, i) -> un(cx, f64(cx, i) ? VecOp.CVTDQ2PD : VecOp.CVTDQ2PS, 0, arg(cx, i, 0),
                res(cx, i)), VFCVT_FROM_SINT);
        always("vfcvt_from_uint", (cx, i) -> {
            XReg a = arg(cx, i, 0);
            if (f64(cx, i)) {
                // 0x43300000:u32 as an f64 is 2^52 + u32 exactly; subtract 2^52
                XReg biased = binConst(cx, VecOp.UNPCKLPS, a, dwords(0x4330_0000));
                binConst(cx, VecOp.SUBPD, biased, f64s(0x1p52), res(cx, i));
                return;
            }
            // low and high 16 bits converted exactly (the high half halved to fit a signed int),
            // the high one doubled, then one rounding in the sum
            XReg lo = binConst(cx, VecOp.PAND, a, dwords(0xFFFF));
            XReg hi = bin(cx, VecOp.PSUBD, a, lo);
            XReg loF = un(cx, VecOp.CVTDQ2PS, 0, lo);
            XReg hiF = un(cx, VecOp.CVTDQ2PS, 0, shift(cx, VecShift.PSRLD, 1, hi));
            XReg hiF2 = bin(cx, VecOp.ADDPS, hiF, hiF);
            bin(cx, VecOp.ADDPS, hiF2, loF, res(cx, i));
        }, VFCVT_FROM_UINT);
        always("vfcvt_to_sint_sat", (cx, i) -> {
            XReg a = arg(cx, i, 0);
            if (f64(cx, i)) {
                // NaN lanes clamp to 0 (minpd picks its second operand for NaN), the rest to 2^31-1
                XReg ordered = binImm(cx, VecOp.CMPPD, 0, a, a, cx.newXmm());
                XReg limit = binConst(cx, VecOp.ANDPD, ordered, f64s(2147483647.0));
                un(cx, VecOp.CVTTPD2DQ, 0, bin(cx, VecOp.MINPD, a, limit), res(cx, i));
                return;
            }
            // NaN lanes zeroed; cvttps2dq gives 0x80000000 for overflow both ways: flip it to
            // 0x7fffffff where the input was positive
            XReg ordered = binImm(cx, VecOp.CMPPS, 0, a, a, cx.newXmm());
            XReg clean = bin(cx, VecOp.ANDPS, a, ordered);
            XReg positive = bin(cx, VecOp.PXOR, ordered, clean);
            XReg converted = un(cx, VecOp.CVTTPS2DQ, 0, clean);
            XReg overflow = shift(cx, VecShift.PSRAD, 31, bin(cx, VecOp.PAND, positive, converted));
            bin(cx, VecOp.PXOR, converted, overflow, res(cx, i));
        }, VFCVT_TO_SINT_SAT);
        always("vfcvt_to_uint_sat", VectorRules::toUnsigned, VFCVT_TO_UINT_SAT, VRELAXED_FCVT_TO_UINT);
        always("relaxed_fcvt_to_sint", (cx, i) -> un(cx, f64(cx, i) ? VecOp.CVTTPD2DQ : VecOp.CVTTPS2DQ, 0,
                arg(cx, i, 0), res(cx, i)), VRELAXED_FCVT_TO_SINT);
        always("vfdemote", (cx, i) -> un(cx, VecOp.CVTPD2PS, 0, arg(cx, i, 0), res(cx, i)), VFDEMOTE);
        always("vfpromote_low", (cx, i) -> un(cx, VecOp.CVTPS2PD, 0, arg(cx, i, 0), res(cx, i)), VFPROMOTE_LOW);
    }

    /** Saturating float to u32 lanes (f64x2: into the low two, the high two zero). */
    private static void toUnsigned(Lowering cx, int i) {
        XReg a = arg(cx, i, 0);
        if (f64(cx, i)) {
            // clamp to [0, 2^32-1] (NaN to 0), truncate, and read the integer out of 2^52 + x's mantissa
            XReg clamped = binConst(cx, VecOp.MINPD, binConst(cx, VecOp.MAXPD, a, 0), f64s(4294967295.0));
            XReg truncated = un(cx, VecOp.ROUNDPD, 3 | 8, clamped);
            XReg magic = binConst(cx, VecOp.ADDPD, truncated, f64s(0x1p52));
            cx.emit(new MInst.VecBinaryConst(VecOp.SHUFPS, 0x88, magic, 0, 0, res(cx, i)));
            return;
        }
        // x = max(a, 0) (NaN to 0); below 2^31 cvttps2dq is exact; from 2^31 on, convert x - 2^31
        // and add 0x80000000 (what cvttps2dq gave for x); at 2^32 and beyond saturate
        long two31 = f32s(0x1p31f);
        XReg x = binConst(cx, VecOp.MAXPS, a, 0);
        XReg low = un(cx, VecOp.CVTTPS2DQ, 0, x);
        XReg rest = binConst(cx, VecOp.SUBPS, x, two31);
        XReg overflow = cx.newXmm();
        cx.emit(new MInst.VecBinaryConst(VecOp.CMPPS, 5, rest, two31, two31, overflow)); // !(rest < 2^31)
        XReg high = bin(cx, VecOp.PXOR, un(cx, VecOp.CVTTPS2DQ, 0, rest), overflow);
        XReg highPos = binConst(cx, VecOp.PMAXSD, high, 0);
        bin(cx, VecOp.PADDD, highPos, low, res(cx, i));
    }

    // ---- memory -----------------------------------------------------------------------------------

    /** Lowers vector access {@code i} with its address operand {@code addrArg}, folding {@code iadd base, const}. */
    private interface Access {
        void emit(Lowering cx, int i, MInst.HeapAccess access, MInst.HeapAddr at);
    }

    private static void access(String name, Access body, IrOpcode op, int addrArg) {
        rule(name + "_folded_address", 1, (cx, i) -> {
            int addr = cx.arg(i, addrArg);
            int[] folded = LoweringRules.foldableAddress(cx, addr, cx.block(i));
            if (folded == null) {
                return false;
            }
            cx.consume(addr);
            cx.consume(folded[1]);
            body.emit(cx, i, LoweringRules.access(cx, i, true, (int) cx.constValue(folded[1])), cx.heapAddr(i, folded[0]));
            return true;
        }, op);
        always(name, (cx, i) -> body.emit(cx, i, LoweringRules.access(cx, i, false, 0), cx.heapAddr(i, cx.arg(i, addrArg))),
                op);
    }

    private static void memory() {
        access("vload_extend", (cx, i, m, base) -> cx.emit(new MInst.VecLoad(
                extend(cx.ctrl(i), cx.opcode(i) == VSLOAD_EXTEND), m, base, res(cx, i))), VSLOAD_EXTEND, 0);
        access("vuload_extend", (cx, i, m, base) -> cx.emit(new MInst.VecLoad(
                extend(cx.ctrl(i), false), m, base, res(cx, i))), VULOAD_EXTEND, 0);
        access("vload_zero", (cx, i, m, base) -> cx.emit(new MInst.VecLoad(
                cx.ctrl(i) == Type.I32X4 ? VecOp.MOVD : VecOp.MOVQ, m, base, res(cx, i))), VLOAD_ZERO, 0);
        access("vload_splat", VectorRules::loadSplat, VLOAD_SPLAT, 0);
        access("vload_lane", (cx, i, m, base) -> cx.emit(new MInst.VecLoadLane(width(cx.ctrl(i)),
                cx.function().laneOf(i), m, base, arg(cx, i, 1), res(cx, i))), VLOAD_LANE, 0);
        access("vstore_lane", (cx, i, m, base) -> cx.emit(new MInst.VecStore(width(cx.ctrl(i)),
                cx.function().laneOf(i), m, arg(cx, i, 0), base)), VSTORE_LANE, 1);
    }

    /** One lane loaded and spread: vpbroadcast from memory (AVX2), else movd/movq or a general load, then a splat. */
    private static void loadSplat(Lowering cx, int i, MInst.HeapAccess m, MInst.HeapAddr base) {
        Type shape = cx.ctrl(i);
        XReg d = res(cx, i);
        if (avx2(cx)) {
            cx.emit(new MInst.VecLoad(byShape(shape, VecOp.VPBROADCASTB, VecOp.VPBROADCASTW, VecOp.VPBROADCASTD,
                    VecOp.VPBROADCASTQ), m, base, d));
            return;
        }
        XReg t = cx.newXmm();
        switch (shape) {
            case I32X4 -> cx.emit(new MInst.VecLoad(VecOp.MOVD, m, base, t));
            case I64X2 -> cx.emit(new MInst.VecLoad(VecOp.MOVQ, m, base, t));
            default -> {
                GReg g = cx.newGpr();
                cx.emit(new MInst.Load(m, Size.DWORD, base, g));
                cx.emit(new MInst.GprToXmm(Size.DWORD, g, t));
            }
        }
        splatLane0(cx, shape, t, d);
    }
}
