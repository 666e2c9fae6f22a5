package wasm.backend.internal.x64;

import java.util.ArrayList;
import java.util.List;

import wasm.backend.x64.Size;

/**
 * Renders VCode as text for {@link wasm.backend.CompileListener}: block labels, one instruction per line
 * ({@code v5 = alu.add v3, #1}), defs left of {@code =}. Without an allocation operands are virtual registers
 * ({@code v3}, {@code v3@%rdi} for a fixed-register constraint); with one they are locations ({@code %rax},
 * {@code [slot1]}) and the allocator's edits appear as {@code move}/{@code spill}/{@code reload} lines.
 */
final class VCodePrinter {
    private VCodePrinter() {
    }

    static String print(VCode code, Allocation alloc) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < code.blockCount(); b++) {
            sb.append("block").append(b);
            int[] params = code.blockParams.get(b);
            if (params.length > 0) {
                sb.append('(');
                for (int k = 0; k < params.length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(alloc == null ? "v" + params[k] : loc(alloc.vregLoc()[params[k]]));
                }
                sb.append(')');
            }
            sb.append(":\n");
            for (int i = code.start(b); i < code.end(b); i++) {
                MInst m = code.insts.get(i);
                if (alloc != null) {
                    edits(sb, alloc.before().get(i));
                }
                // A Jump's "after" edits are its edge's parallel move, which runs before the jump.
                boolean movesFirst = m instanceof MInst.Jump;
                if (alloc != null && movesFirst) {
                    edits(sb, alloc.after().get(i));
                }
                // BlockStart only defines the block parameters, which the label shows.
                if (!(m instanceof MInst.BlockStart)) {
                    sb.append("  ").append(instruction(m, code.ops(i), alloc == null ? null : alloc.allocs()[i]))
                            .append('\n');
                }
                if (alloc != null && !movesFirst) {
                    edits(sb, alloc.after().get(i));
                }
            }
        }
        return sb.toString();
    }

    private static void edits(StringBuilder sb, List<Move> moves) {
        for (Move mv : moves) {
            String kind = Loc.isRemat(mv.from()) ? "remat" : Loc.isReg(mv.to()) ? (Loc.isReg(mv.from()) ? "move" : "reload") : "spill";
            sb.append("    ").append(kind).append(' ').append(loc(mv.to())).append(" <- ").append(loc(mv.from()))
                    .append('\n');
        }
    }

    private static String loc(int loc) {
        return Loc.isReg(loc) ? "%" + Loc.text(loc) : Loc.isRemat(loc) ? "<" + Loc.text(loc) + ">" : "[slot" + Loc.slotIndex(loc) + "]";
    }

    private static String instruction(MInst m, Operand[] ops, int[] locs) {
        List<String> defs = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        for (int k = 0; k < ops.length; k++) {
            Operand o = ops[k];
            String text;
            if (locs != null) {
                text = loc(locs[k]);
            } else {
                text = "v" + o.vreg() + (o.fixed() != null ? "@%" + o.fixed() : "");
            }
            (o.kind().isUse() ? uses : defs).add(text);
        }
        StringBuilder sb = new StringBuilder();
        if (!defs.isEmpty()) {
            sb.append(String.join(", ", defs)).append(" = ");
        }
        sb.append(mnemonic(m));
        Long imm = immediate(m);
        if (imm != null) {
            uses.add("#" + imm);
        }
        if (!uses.isEmpty()) {
            sb.append(' ').append(String.join(", ", uses));
        }
        String extra = details(m);
        if (!extra.isEmpty()) {
            sb.append(' ').append(extra);
        }
        return sb.toString();
    }

    private static String w(Size size) {
        return size == Size.DWORD ? ".32" : "";
    }

    private static String fw(boolean f64) {
        return f64 ? ".f64" : ".f32";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase();
    }

    private static String mnemonic(MInst m) {
        return switch (m) {
            case MInst.BlockStart x -> "block_start";
            case MInst.Entry x -> "entry";
            case MInst.LoadStackArg x -> "load_stack_arg";
            case MInst.Vmctx x -> "vmctx";
            case MInst.LoadConst x -> "const";
            case MInst.Alu x -> "alu." + x.op().mnemonic() + w(x.size());
            case MInst.IMul x -> "imul" + w(x.size());
            case MInst.IMulImm x -> "imul" + w(x.size());
            case MInst.ShiftImm x -> "shift." + lower(x.op()) + w(x.size());
            case MInst.ShiftCl x -> "shift." + lower(x.op()) + w(x.size());
            case MInst.Div x -> "div." + lower(x.kind()) + w(x.size());
            case MInst.BitCount x -> "bitcount." + lower(x.op()) + w(x.size());
            case MInst.BitScan x -> (x.leading() ? "clz_bsr" : "ctz_bsf") + w(x.size());
            case MInst.PopcntBits x -> "popcnt_bits" + w(x.size());
            case MInst.FpRoundBits x -> "fround_bits." + lower(x.mode()) + fw(x.f64());
            case MInst.Extend x -> "extend." + lower(x.ext()) + w(x.size());
            case MInst.CmpSet x -> "cmp_set." + x.cmp().cond().suffix() + w(x.cmp().size());
            case MInst.Select x -> "select." + x.cmp().cond().suffix() + w(x.cmp().size());
            case MInst.FpConst x -> "fconst" + fw(x.f64());
            case MInst.FpArith x -> lower(x.op());
            case MInst.FpUnary x -> lower(x.op());
            case MInst.FpMinMax x -> (x.min() ? "fmin" : "fmax") + fw(x.f64());
            case MInst.FpSign x -> "f" + lower(x.op()) + fw(x.f64());
            case MInst.FpCopySign x -> "fcopysign" + fw(x.f64());
            case MInst.FpRound x -> "fround." + lower(x.mode()) + fw(x.f64());
            case MInst.IntToFp x -> "cvt_from_" + (x.signed() ? "s" : "u") + w(x.intSize()) + fw(x.f64());
            case MInst.FpToInt x -> "cvt_to_" + lower(x.kind()) + w(x.intSize()) + fw(x.f64());
            case MInst.FpCompare x -> "fcmp." + lower(x.cc()) + fw(x.f64());
            case MInst.FpSelect x -> "fselect." + x.cmp().cond().suffix() + w(x.cmp().size());
            case MInst.GprToXmm x -> "mov_to_xmm" + w(x.size());
            case MInst.XmmToGpr x -> "mov_from_xmm" + w(x.size());
            case MInst.FpLoad x -> "fload" + fw(x.f64());
            case MInst.FpStore x -> "fstore" + fw(x.f64());
            case MInst.FpGlobalGet x -> "fglobal_get" + fw(x.f64());
            case MInst.FpGlobalSet x -> "fglobal_set" + fw(x.f64());
            case MInst.Load x -> "load" + w(x.size());
            case MInst.Store x -> "store" + w(x.size());
            case MInst.HeapRmw x -> lower(x.op()) + "_to_memory" + w(x.size());
            case MInst.MemorySize x -> "memory_size";
            case MInst.MemoryField x -> x.field() == MInst.HeapField.BASE ? "memory_base" : "memory_length";
            case MInst.GlobalGet x -> "global_get" + w(x.size());
            case MInst.GlobalSet x -> "global_set" + w(x.size());
            case MInst.TableSize x -> "table_size";
            case MInst.TableGet x -> "table_get";
            case MInst.TableSet x -> "table_set";
            case MInst.Call x -> x.fixup() ? "call.fixup" : "call";
            case MInst.TailCall x -> x.shift() == 0 ? "return_call" : "return_call.move_frame";
            case MInst.LoadResult x -> "load_result";
            case MInst.Jump x -> "jump";
            case MInst.Branch x -> "branch." + x.cmp().cond().suffix() + w(x.cmp().size());
            case MInst.BrTable x -> "br_table";
            case MInst.Return x -> "return";
            case MInst.ReturnMulti x -> "return";
            case MInst.Trap x -> "trap";
            case MInst.Poll x -> "poll";
            case MInst.VecConst x -> "vconst";
            case MInst.VecBinary x -> x.op().mnemonic();
            case MInst.VecBinaryConst x -> x.op().mnemonic();
            case MInst.VecUnary x -> x.op().mnemonic();
            case MInst.VecShiftImm x -> x.op().mnemonic();
            case MInst.VecInsert x -> "pinsr" + x.width().suffix();
            case MInst.VecExtract x -> "pextr" + x.width().suffix();
            case MInst.VecMoveMask x -> x.op().mnemonic();
            case MInst.VecTest x -> x.zero() ? "ptest_zero" : "ptest_nonzero";
            case MInst.VecBlend x -> x.op().mnemonic();
            case MInst.VecLoad x -> "vload." + x.op().mnemonic();
            case MInst.VecLoadLane x -> "vload_lane." + x.width().suffix();
            case MInst.VecStore x -> x.width() == null ? "vstore" : "vstore_lane." + x.width().suffix();
            case MInst.VecGlobalGet x -> "vglobal_get";
            case MInst.VecGlobalSet x -> "vglobal_set";
        };
    }

    /** The immediate operand printed after the register uses, if the form has one. */
    private static Long immediate(MInst m) {
        return switch (m) {
            case MInst.LoadConst x -> x.value();
            case MInst.Alu x -> x.b() instanceof Imm32(int v) ? (long) v : null;
            case MInst.IMulImm x -> (long) x.imm();
            case MInst.ShiftImm x -> (long) x.count();
            case MInst.VecShiftImm x -> (long) x.count();
            case MInst.VecBinary x -> x.op().hasImm() ? (long) x.imm() : null;
            case MInst.VecBinaryConst x -> x.op().hasImm() ? (long) x.imm() : null;
            case MInst.VecUnary x -> x.op().hasImm() ? (long) x.imm() : null;
            case MInst.CmpSet x -> compareImmediate(x.cmp());
            case MInst.Select x -> compareImmediate(x.cmp());
            case MInst.Branch x -> compareImmediate(x.cmp());
            default -> null;
        };
    }

    private static Long compareImmediate(MInst.IntCompare c) {
        return c.rhs() instanceof Imm32(int v) ? (long) v : null;
    }

    private static String details(MInst m) {
        return switch (m) {
            case MInst.Jump x -> "-> block" + x.target();
            case MInst.Branch x -> "-> block" + x.taken() + ", else block" + x.notTaken();
            case MInst.BrTable x -> {
                StringBuilder sb = new StringBuilder("-> [");
                for (int k = 0; k < x.targets().length; k++) {
                    sb.append(k == 0 ? "" : ", ").append("block").append(x.targets()[k]);
                }
                yield sb.append(']').toString();
            }
            case MInst.Load x -> access(x.access());
            case MInst.Store x -> access(x.access());
            case MInst.HeapRmw x -> access(x.access());
            case MInst.Call x -> target(x.target());
            case MInst.TailCall x -> target(x.target());
            case MInst.LoadStackArg x -> "stack arg " + x.slot() + (x.v128() ? " (v128)" : "");
            case MInst.GlobalGet x -> "global " + x.global();
            case MInst.GlobalSet x -> "global " + x.global();
            case MInst.TableSize x -> "table " + x.table();
            case MInst.MemorySize x when x.memory() != 0 -> "memory " + x.memory();
            case MInst.MemoryField x when x.memory() != 0 -> "memory " + x.memory();
            case MInst.TableGet x -> "table " + x.table() + (x.wide() ? " (i64 index)" : "");
            case MInst.TableSet x -> "table " + x.table() + (x.wide() ? " (i64 index)" : "");
            case MInst.FpConst x -> "#" + (x.f64() ? Double.toString(Double.longBitsToDouble(x.bits()))
                    : Float.toString(Float.intBitsToFloat((int) x.bits())));
            case MInst.FpLoad x -> access(x.access());
            case MInst.FpStore x -> access(x.access());
            case MInst.FpGlobalGet x -> "global " + x.global();
            case MInst.FpGlobalSet x -> "global " + x.global();
            case MInst.LoadResult x -> "result slot " + x.slot();
            case MInst.VecConst x -> vconst(x.lo(), x.hi());
            case MInst.VecBinaryConst x -> vconst(x.lo(), x.hi());
            case MInst.VecInsert x -> "lane " + x.lane();
            case MInst.VecExtract x -> "lane " + x.lane();
            case MInst.VecLoad x -> access(x.access());
            case MInst.VecLoadLane x -> "lane " + x.lane() + ", " + access(x.access());
            case MInst.VecStore x -> (x.width() == null ? "" : "lane " + x.lane() + ", ") + access(x.access());
            case MInst.VecGlobalGet x -> "global " + x.global();
            case MInst.VecGlobalSet x -> "global " + x.global();
            case MInst.Trap x -> "\"" + x.code().message() + "\"";
            case MInst.Poll x -> (x.interrupt() ? "interrupt" : "") + (x.interrupt() && x.fuel() ? " " : "")
                    + (x.fuel() ? "fuel" : "");
            default -> "";
        };
    }

    private static String target(MInst.CallTarget t) {
        return switch (t) {
            case MInst.Direct d -> "func " + d.func() + " (rel32)";
            case MInst.ViaSlot s -> "func " + s.func() + " (vmctx slot)";
            case MInst.Indirect ind -> "type " + ind.type() + " table " + ind.table() + (ind.wide() ? " (i64 index)" : "");
            case MInst.RuntimeHelper h -> "helper " + h.helper();
        };
    }

    /** A v128 constant as its 16 bytes, lane 0 first, in hex ({@code #0x00ff...}). */
    private static String vconst(long lo, long hi) {
        return String.format("#0x%016x%016x", Long.reverseBytes(lo), Long.reverseBytes(hi));
    }

    private static String access(MInst.HeapAccess a) {
        return (a.memory() != 0 ? "memory " + a.memory() + ", " : "") + a.bytes() + " bytes"
                + (a.signExtend() ? " signed" : "") + " +" + Long.toUnsignedString(a.offset()) + (a.wide() ? " (i64 address)" : "")
                + (a.inBounds() ? " in-bounds" : "") + (a.folded() ? " (+" + a.addend() + " folded)" : "");
    }
}
