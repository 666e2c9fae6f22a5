package wasm.core.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Global;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.ValType;

/**
 * Prints a module in the text format: numeric indices, flat instructions, one
 * field per line, floats bit-exact (hex floats, {@code inf}, {@code nan:0x...}).
 * {@link WatParser} reads the output back to an equal module, with these
 * exceptions the text format cannot express: the name section and custom
 * sections are not printed; a block type naming a type with no parameters and
 * at most one result reads back as the short block type; an {@code else}
 * directly followed by {@code end} reads back without the {@code else}; and the
 * data count reads back present exactly when code uses memory.init or data.drop.
 */
public final class WatPrinter {
    private static final int MAX_INDENT = 32;

    private final StringBuilder out = new StringBuilder();

    private WatPrinter() {
    }

    /**
     * The text of {@code m}.
     *
     * @param m the module, not necessarily validated
     * @return {@code (module ...)}, ending with a newline
     */
    public static String print(Module m) {
        WatPrinter p = new WatPrinter();
        p.module(m);
        return p.out.toString();
    }

    private void module(Module m) {
        out.append("(module\n");
        for (FuncType t : m.types()) {
            out.append("  (type (func");
            params(t.params());
            results(t.results());
            out.append("))\n");
        }
        for (Import imp : m.imports()) {
            out.append("  (import ");
            string(imp.module().getBytes(StandardCharsets.UTF_8));
            out.append(' ');
            string(imp.name().getBytes(StandardCharsets.UTF_8));
            out.append(" (");
            switch (imp.desc()) {
                case ImportDesc.Func f -> out.append("func (type ").append(f.typeIndex()).append(')');
                case ImportDesc.Table t -> {
                    out.append("table ");
                    limits(t.type().limits(), t.type().addressType());
                    out.append(' ').append(t.type().elementType().text());
                }
                case ImportDesc.Memory mem -> {
                    out.append("memory ");
                    limits(mem.type().limits(), mem.type().addressType());
                }
                case ImportDesc.Global g -> {
                    out.append("global ");
                    globalType(g.type());
                }
            }
            out.append("))\n");
        }
        for (int i = 0; i < m.functions().size(); i++) {
            out.append("  (func (type ").append(m.functions().get(i)).append(')');
            FunctionBody body = i < m.codes().size() ? m.codes().get(i) : new FunctionBody(List.of(), List.of());
            if (!body.locals().isEmpty()) {
                out.append(" (local");
                for (ValType t : body.locals()) {
                    out.append(' ').append(t.text());
                }
                out.append(')');
            }
            out.append('\n');
            instructions(body.code(), 2);
            out.append("  )\n");
        }
        for (var t : m.tables()) {
            out.append("  (table ");
            limits(t.limits(), t.addressType());
            out.append(' ').append(t.elementType().text()).append(")\n");
        }
        for (var mem : m.memories()) {
            out.append("  (memory ");
            limits(mem.limits(), mem.addressType());
            out.append(")\n");
        }
        for (Global g : m.globals()) {
            out.append("  (global ");
            globalType(g.type());
            inline(g.init());
            out.append(")\n");
        }
        for (Export e : m.exports()) {
            out.append("  (export ");
            string(e.name().getBytes(StandardCharsets.UTF_8));
            out.append(" (").append(e.kind().text()).append(' ').append(e.index()).append("))\n");
        }
        m.start().ifPresent(s -> out.append("  (start ").append(s).append(")\n"));
        for (ElementSegment e : m.elements()) {
            out.append("  (elem");
            switch (e.mode()) {
                case ACTIVE -> {
                    out.append(" (table ").append(e.tableIndex()).append(") (offset");
                    inline(e.offset());
                    out.append(')');
                }
                case DECLARATIVE -> out.append(" declare");
                case PASSIVE -> {
                }
            }
            out.append(' ').append(e.type().text());
            for (List<Instruction> item : e.items()) {
                out.append(" (item");
                inline(item);
                out.append(')');
            }
            out.append(")\n");
        }
        for (DataSegment d : m.datas()) {
            out.append("  (data");
            if (d.mode() == SegmentMode.ACTIVE) {
                out.append(" (memory ").append(d.memoryIndex()).append(") (offset");
                inline(d.offset());
                out.append(')');
            }
            out.append(' ');
            string(d.init());
            out.append(")\n");
        }
        out.append(")\n");
    }

    private void params(List<ValType> ts) {
        if (!ts.isEmpty()) {
            out.append(" (param");
            for (ValType t : ts) {
                out.append(' ').append(t.text());
            }
            out.append(')');
        }
    }

    private void results(List<ValType> ts) {
        if (!ts.isEmpty()) {
            out.append(" (result");
            for (ValType t : ts) {
                out.append(' ').append(t.text());
            }
            out.append(')');
        }
    }

    private void limits(Limits l, AddressType addressType) {
        if (addressType == AddressType.I64) {
            out.append("i64 ");
        }
        out.append(l.min());
        if (l.hasMax()) {
            out.append(' ').append(l.max());
        }
    }

    private void globalType(GlobalType g) {
        if (g.mutable()) {
            out.append("(mut ").append(g.type().text()).append(')');
        } else {
            out.append(g.type().text());
        }
    }

    /** A constant expression on one line, without its final end. */
    private void inline(List<Instruction> expr) {
        int n = expr.size();
        if (n > 0 && expr.get(n - 1).opcode() == Opcode.END) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            out.append(' ');
            instruction(expr.get(i));
        }
    }

    /** A function body, one instruction per line, without its final end. */
    private void instructions(List<Instruction> code, int indent) {
        int n = code.size();
        if (n > 0 && code.get(n - 1).opcode() == Opcode.END) {
            n--;
        }
        int depth = indent;
        for (int i = 0; i < n; i++) {
            Instruction in = code.get(i);
            Opcode op = in.opcode();
            if (op == Opcode.END || op == Opcode.ELSE) {
                depth = Math.max(indent, depth - 1);
            }
            // Indentation stops growing at MAX_INDENT: a million-deep body must not print in quadratic space.
            out.append("  ".repeat(Math.min(depth, MAX_INDENT)));
            instruction(in);
            out.append('\n');
            if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF || op == Opcode.ELSE) {
                depth++;
            }
        }
    }

    private void instruction(Instruction in) {
        switch (in) {
            case Instruction.Plain p -> out.append(p.opcode().text());
            case Instruction.Block b -> {
                out.append(b.opcode().text());
                switch (b.type()) {
                    case BlockType.Empty e -> {
                    }
                    case BlockType.Value v -> out.append(" (result ").append(v.type().text()).append(')');
                    case BlockType.TypeIndex t -> out.append(" (type ").append(t.typeIndex()).append(')');
                }
            }
            case Instruction.Indexed x -> out.append(x.opcode().text()).append(' ').append(Integer.toUnsignedString(
                    x.index()));
            case Instruction.Indexed2 x -> {
                out.append(x.opcode().text()).append(' ');
                switch (x.opcode()) {
                    case CALL_INDIRECT, RETURN_CALL_INDIRECT -> out.append(Integer.toUnsignedString(x.second()))
                            .append(" (type ")
                            .append(Integer.toUnsignedString(x.first())).append(')');
                    case TABLE_INIT, MEMORY_INIT -> out.append(Integer.toUnsignedString(x.second())).append(' ')
                            .append(Integer.toUnsignedString(x.first()));
                    default -> out.append(Integer.toUnsignedString(x.first())).append(' ')
                            .append(Integer.toUnsignedString(x.second()));
                }
            }
            case Instruction.BrTable t -> {
                out.append("br_table");
                for (int l : t.labels()) {
                    out.append(' ').append(Integer.toUnsignedString(l));
                }
                out.append(' ').append(Integer.toUnsignedString(t.defaultLabel()));
            }
            case Instruction.MemoryAccess a -> memarg(a.opcode(), a.memoryIndex(), a.offset(), a.alignLog2());
            case Instruction.MemoryLaneAccess a -> {
                memarg(a.opcode(), a.memoryIndex(), a.offset(), a.alignLog2());
                out.append(' ').append(a.lane());
            }
            case Instruction.Lane l -> out.append(l.opcode().text()).append(' ').append(l.lane());
            case Instruction.V128Const c -> {
                // i32x4 in hex: exact for every bit pattern, and short.
                out.append("v128.const i32x4");
                for (long half : new long[] {c.lo(), c.hi()}) {
                    out.append(String.format(" 0x%08x 0x%08x", half & 0xFFFF_FFFFL, half >>> 32));
                }
            }
            case Instruction.Shuffle s -> {
                out.append("i8x16.shuffle");
                for (int i = 0; i < 16; i++) {
                    out.append(' ').append(s.lane(i));
                }
            }
            case Instruction.I32Const c -> out.append("i32.const ").append(c.value());
            case Instruction.I64Const c -> out.append("i64.const ").append(c.value());
            case Instruction.F32Const c -> out.append("f32.const ").append(f32(c.bits()));
            case Instruction.F64Const c -> out.append("f64.const ").append(f64(c.bits()));
            case Instruction.RefNull r -> out.append("ref.null ")
                    .append(r.type() == ValType.EXTERNREF ? "extern" : "func");
            case Instruction.SelectTyped s -> {
                out.append("select (result");
                for (ValType t : s.types()) {
                    out.append(' ').append(t.text());
                }
                out.append(')');
            }
        }
    }

    private void memarg(Opcode op, int memoryIndex, long offset, int alignLog2) {
        out.append(op.text());
        if (memoryIndex != 0) {
            out.append(' ').append(Integer.toUnsignedString(memoryIndex));
        }
        if (offset != 0) {
            out.append(" offset=").append(Long.toUnsignedString(offset));
        }
        out.append(" align=").append(Long.toUnsignedString(1L << alignLog2));
    }

    /** A bit-exact f32 literal. */
    static String f32(int bits) {
        String sign = bits < 0 ? "-" : "";
        int exp = bits >>> 23 & 0xFF;
        int frac = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return frac == 0 ? sign + "inf" : sign + "nan:0x" + Integer.toHexString(frac);
        }
        return Float.toHexString(Float.intBitsToFloat(bits));
    }

    /** A bit-exact f64 literal. */
    static String f64(long bits) {
        String sign = bits < 0 ? "-" : "";
        long exp = bits >>> 52 & 0x7FF;
        long frac = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0x7FF) {
            return frac == 0 ? sign + "inf" : sign + "nan:0x" + Long.toHexString(frac);
        }
        return Double.toHexString(Double.longBitsToDouble(bits));
    }

    private void string(byte[] bytes) {
        out.append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append((char) c);
            } else {
                out.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        out.append('"');
    }
}
