package wasm.runtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import wasm.core.model.BlockType;
import wasm.core.model.Instruction;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;

/**
 * A tiny flat assembler for tests: whitespace-separated mnemonics from the
 * opcode table followed by their immediates, {@code ;;} comments to end of line.
 * Block types are written {@code @i32} (one result) or {@code @t3} (type index 3),
 * br_table as {@code br_table 0,1,2} (last = default), memory arguments as
 * {@code offset=N}, f32/f64 constants as Java literals or {@code bits:0x...}.
 * A trailing {@code end} is added by the builder, not here.
 */
final class Asm {
    private Asm() {
    }

    static List<Instruction> parse(String text) {
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\n")) {
            int c = line.indexOf(";;");
            if (c >= 0) {
                line = line.substring(0, c);
            }
            for (String t : line.trim().split("\\s+")) {
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        List<Instruction> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i++);
            Opcode op = Opcode.fromText(t);
            if (op == null) {
                throw new IllegalArgumentException("unknown mnemonic " + t);
            }
            switch (op.imm()) {
                case NONE -> out.add(Instruction.plain(op));
                // memory 0 (Asm has no syntax for other memories)
                case MEMORY, MEMORY_FILL -> out.add(new Instruction.Indexed(op, 0));
                case MEMORY_COPY -> out.add(new Instruction.Indexed2(op, 0, 0));
                case MEMORY_INIT -> out.add(new Instruction.Indexed2(op, Integer.parseInt(tokens.get(i++)), 0));
                case BLOCK_TYPE -> {
                    BlockType bt = BlockType.EMPTY;
                    if (i < tokens.size() && tokens.get(i).startsWith("@")) {
                        String b = tokens.get(i++).substring(1);
                        bt = b.startsWith("t") ? new BlockType.TypeIndex(Integer.parseInt(b.substring(1)))
                                : new BlockType.Value(valType(b));
                    }
                    out.add(new Instruction.Block(op, bt));
                }
                case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM ->
                        out.add(new Instruction.Indexed(op, Integer.parseInt(tokens.get(i++))));
                case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                    int a = Integer.parseInt(tokens.get(i++));
                    int b = Integer.parseInt(tokens.get(i++));
                    out.add(new Instruction.Indexed2(op, a, b));
                }
                case BR_TABLE -> {
                    String[] parts = tokens.get(i++).split(",");
                    List<Integer> labels = new ArrayList<>();
                    for (int k = 0; k < parts.length - 1; k++) {
                        labels.add(Integer.parseInt(parts[k]));
                    }
                    out.add(new Instruction.BrTable(labels, Integer.parseInt(parts[parts.length - 1])));
                }
                case MEMARG -> {
                    long offset = 0;
                    if (i < tokens.size() && tokens.get(i).startsWith("offset=")) {
                        offset = Long.decode(tokens.get(i++).substring(7));
                    }
                    out.add(new Instruction.MemoryAccess(op, Integer.numberOfTrailingZeros(op.accessBytes()), offset));
                }
                case I32 -> out.add(new Instruction.I32Const((int) parseInteger(tokens.get(i++))));
                case I64 -> out.add(new Instruction.I64Const(parseInteger(tokens.get(i++))));
                case F32 -> {
                    String v = tokens.get(i++);
                    int bits = v.startsWith("bits:") ? (int) Long.decode(v.substring(5)).longValue()
                            : Float.floatToRawIntBits(Float.parseFloat(v));
                    out.add(new Instruction.F32Const(bits));
                }
                case F64 -> {
                    String v = tokens.get(i++);
                    long bits = v.startsWith("bits:") ? new BigInteger(v.substring(7), 16).longValue()
                            : Double.doubleToRawLongBits(Double.parseDouble(v));
                    out.add(new Instruction.F64Const(bits));
                }
                case REF_TYPE -> out.add(new Instruction.RefNull(
                        tokens.get(i++).equals("func") ? ValType.FUNCREF : ValType.EXTERNREF));
                case SELECT_TYPES -> throw new IllegalArgumentException("typed select: use plain select");
            }
        }
        return out;
    }

    /** Decimal or 0x hex, signed or unsigned, truncated to 64 bits. */
    static long parseInteger(String s) {
        boolean neg = s.startsWith("-");
        String body = neg ? s.substring(1) : s;
        BigInteger v = body.startsWith("0x") ? new BigInteger(body.substring(2), 16) : new BigInteger(body);
        return (neg ? v.negate() : v).longValue();
    }

    static ValType valType(String s) {
        return switch (s) {
            case "i32", "i" -> ValType.I32;
            case "i64", "I" -> ValType.I64;
            case "f32", "f" -> ValType.F32;
            case "f64", "F" -> ValType.F64;
            case "funcref", "r" -> ValType.FUNCREF;
            case "externref", "e" -> ValType.EXTERNREF;
            default -> throw new IllegalArgumentException("value type " + s);
        };
    }

    /** Types from letters: i=i32 I=i64 f=f32 F=f64 r=funcref e=externref. */
    static List<ValType> types(String letters) {
        List<ValType> out = new ArrayList<>();
        for (char c : letters.toCharArray()) {
            out.add(valType(String.valueOf(c)));
        }
        return out;
    }
}
