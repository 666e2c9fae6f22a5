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
                // A JUMP's "after" edits are its edge's parallel move, which runs before the jump.
                boolean movesFirst = m.op == MInst.Op.JUMP;
                if (alloc != null && movesFirst) {
                    edits(sb, alloc.after().get(i));
                }
                // BLOCK_START only defines the block parameters, which the label shows.
                if (m.op != MInst.Op.BLOCK_START) {
                    sb.append("  ").append(instruction(m, alloc == null ? null : alloc.allocs()[i])).append('\n');
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
            String kind = Loc.isReg(mv.to()) ? (Loc.isReg(mv.from()) ? "move" : "reload") : "spill";
            sb.append("    ").append(kind).append(' ').append(loc(mv.to())).append(" <- ").append(loc(mv.from()))
                    .append('\n');
        }
    }

    private static String loc(int loc) {
        return Loc.isReg(loc) ? "%" + Loc.gpr(loc) : "[slot" + Loc.slotIndex(loc) + "]";
    }

    private static String instruction(MInst m, int[] locs) {
        List<String> defs = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        for (int k = 0; k < m.ops.length; k++) {
            Operand o = m.ops[k];
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
        if (m.hasImm || m.op == MInst.Op.CONST) {
            uses.add("#" + m.imm);
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

    private static String mnemonic(MInst m) {
        StringBuilder sb = new StringBuilder(m.op.name().toLowerCase());
        if (m.alu != null) {
            sb.append('.').append(m.alu.mnemonic());
        }
        if (m.shift != null) {
            sb.append('.').append(m.shift.name().toLowerCase());
        }
        if (m.div != null && m.op == MInst.Op.DIV) {
            sb.append('.').append(m.div.name().toLowerCase());
        }
        if (m.bitOp != null && m.op == MInst.Op.BITCOUNT) {
            sb.append('.').append(m.bitOp.name().toLowerCase());
        }
        if (m.ext != null && m.op == MInst.Op.EXTEND) {
            sb.append('.').append(m.ext.name().toLowerCase());
        }
        if (m.fop != null && m.op == MInst.Op.FLOAT) {
            sb.append('.').append(m.fop.name().toLowerCase()).append(m.dbl ? ".f64" : ".f32");
        }
        if (m.cond != null) {
            sb.append('.').append(m.cond.suffix());
        }
        if (m.size == Size.DWORD) {
            sb.append(".32");
        }
        return sb.toString();
    }

    private static String details(MInst m) {
        return switch (m.op) {
            case JUMP -> "-> block" + m.target;
            case BRANCH -> "-> block" + m.target + ", else block" + m.target2;
            case BR_TABLE -> {
                StringBuilder sb = new StringBuilder("-> [");
                for (int k = 0; k < m.targets.length; k++) {
                    sb.append(k == 0 ? "" : ", ").append("block").append(m.targets[k]);
                }
                yield sb.append(']').toString();
            }
            case LOAD, STORE -> m.accessBytes + " bytes" + (m.signedLoad ? " signed" : "") + " +" + m.offset
                    + (m.provenInBounds ? " in-bounds" : "")
                    + (m.foldedBase ? " (+" + m.foldedAdd + " folded)" : "");
            case CALL -> switch (m.callKind) {
                case DIRECT -> "func " + m.callee + " (rel32)";
                case SLOT -> "func " + m.callee + " (vmctx slot)";
                case INDIRECT -> "type " + m.callee + " table " + m.tableIndex;
                case HELPER -> "helper " + m.helper;
            };
            case LOAD_STACK_ARG -> "stack arg " + m.imm;
            case GLOBAL_GET, GLOBAL_SET -> "global " + m.imm;
            case TABLE_SIZE, TABLE_GET, TABLE_SET -> "table " + m.imm;
            case FPARAM -> "from %xmm" + m.imm;
            case LOAD_RESULT -> "result " + m.imm;
            case TRAP -> m.trap == null ? "" : "\"" + m.trap.message() + "\"";
            default -> m.trap != null ? "(trap \"" + m.trap.message() + "\")" : "";
        };
    }
}
