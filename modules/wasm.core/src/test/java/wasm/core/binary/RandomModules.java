package wasm.core.binary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import wasm.core.model.BlockType;
import wasm.core.model.CustomSection;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Global;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/**
 * Random small modules in the model's canonical shape: structurally well
 * formed (every block closed, else only inside if) but not necessarily valid,
 * since the binary format does not care about typing. Driven by a seed so a
 * failing case can be replayed.
 */
final class RandomModules {
    private static final ValType[] VAL_TYPES = {ValType.I32, ValType.I64, ValType.F32, ValType.F64,
        ValType.FUNCREF, ValType.EXTERNREF, ValType.V128};
    private static final ValType[] REF_TYPES = {ValType.FUNCREF, ValType.EXTERNREF};
    private static final List<Opcode> SIMPLE_OPS = Opcode.values().length > 0 ? simpleOps() : List.of();

    private final Random r;
    private boolean allowDataIndex;

    RandomModules(long seed) {
        this.r = new Random(seed);
    }

    private static List<Opcode> simpleOps() {
        List<Opcode> ops = new ArrayList<>();
        for (Opcode op : Opcode.values()) {
            if (op != Opcode.ELSE && op != Opcode.END && op.imm() != Opcode.Imm.BLOCK_TYPE) {
                ops.add(op);
            }
        }
        return ops;
    }

    Module module() {
        boolean hasDataCount = r.nextBoolean();
        allowDataIndex = hasDataCount;
        List<FuncType> types = list(4, () -> new FuncType(valTypes(3), valTypes(3)));
        List<Import> imports = list(4, this::anImport);
        int nFuncs = r.nextInt(4);
        List<Integer> functions = new ArrayList<>();
        List<FunctionBody> codes = new ArrayList<>();
        for (int i = 0; i < nFuncs; i++) {
            functions.add(index());
            codes.add(new FunctionBody(valTypes(6), expression(true)));
        }
        List<TableType> tables = list(2, this::tableType);
        List<MemoryType> memories = list(2, () -> new MemoryType(limits()));
        List<Global> globals = list(3, () -> new Global(new GlobalType(pick(VAL_TYPES), r.nextBoolean()),
                expression(false)));
        List<Export> exports = list(3, () -> new Export(name(), ExternKind.values()[r.nextInt(4)], index()));
        OptionalInt start = r.nextBoolean() ? OptionalInt.of(index()) : OptionalInt.empty();
        List<ElementSegment> elements = list(4, this::elementSegment);
        List<DataSegment> datas = list(3, this::dataSegment);
        OptionalInt dataCount = hasDataCount ? OptionalInt.of(datas.size()) : OptionalInt.empty();
        NameSection names = r.nextBoolean() ? NameSection.EMPTY : names();
        List<CustomSection> customs = list(2, () -> {
            byte[] data = new byte[r.nextInt(6)];
            r.nextBytes(data);
            return new CustomSection("c" + name(), data);
        });
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, codes, datas, names, customs);
    }

    private interface Maker<T> {
        T make();
    }

    private <T> List<T> list(int max, Maker<T> maker) {
        int n = r.nextInt(max + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(maker.make());
        }
        return out;
    }

    private <T> T pick(T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Mostly small indices, sometimes any 32-bit pattern. */
    private int index() {
        return r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(5);
    }

    private List<ValType> valTypes(int max) {
        return list(max, () -> pick(VAL_TYPES));
    }

    private String name() {
        String[] pieces = {"", "a", "f", "mem", "\u00e9", "\u20ac", "\ud83d\ude00", "x_1", " "};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(pick(pieces));
        }
        return sb.toString();
    }

    private Import anImport() {
        ImportDesc desc = switch (r.nextInt(4)) {
            case 0 -> new ImportDesc.Func(index());
            case 1 -> new ImportDesc.Table(tableType());
            case 2 -> new ImportDesc.Memory(new MemoryType(limits()));
            default -> new ImportDesc.Global(new GlobalType(pick(VAL_TYPES), r.nextBoolean()));
        };
        return new Import(name(), name(), desc);
    }

    private TableType tableType() {
        return new TableType(pick(REF_TYPES), limits());
    }

    private Limits limits() {
        long min = r.nextInt(4) == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextInt(70000);
        if (r.nextBoolean()) {
            return Limits.of(min);
        }
        return new Limits(min, r.nextInt(4) == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextInt(70000));
    }

    private ElementSegment elementSegment() {
        SegmentMode mode = SegmentMode.values()[r.nextInt(3)];
        ValType type = pick(REF_TYPES);
        List<List<Instruction>> items;
        if (r.nextBoolean()) {
            items = list(3, () -> List.of(new Instruction.Indexed(Opcode.REF_FUNC, index()), Instruction.END));
        } else {
            items = list(3, () -> expression(false));
        }
        if (mode == SegmentMode.ACTIVE) {
            return new ElementSegment(type, items, mode, r.nextBoolean() ? 0 : index(), expression(false));
        }
        return new ElementSegment(type, items, mode, 0, List.of());
    }

    private DataSegment dataSegment() {
        byte[] init = new byte[r.nextInt(5)];
        r.nextBytes(init);
        if (r.nextBoolean()) {
            return new DataSegment(init, SegmentMode.PASSIVE, 0, List.of());
        }
        return new DataSegment(init, SegmentMode.ACTIVE, r.nextBoolean() ? 0 : index(), expression(false));
    }

    private NameSection names() {
        Map<Integer, String> functions = new HashMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            functions.put(index(), name());
        }
        Map<Integer, Map<Integer, String>> locals = new HashMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            Map<Integer, String> m = new HashMap<>();
            for (int k = r.nextInt(3); k > 0; k--) {
                m.put(index(), name());
            }
            locals.put(index(), m);
        }
        return new NameSection(r.nextBoolean() ? null : name(), functions, locals);
    }

    /** A structurally well-formed instruction sequence ending with its closing end. */
    List<Instruction> expression(boolean functionBody) {
        List<Instruction> out = new ArrayList<>();
        sequence(out, 0, functionBody);
        out.add(Instruction.END);
        return out;
    }

    private void sequence(List<Instruction> out, int depth, boolean functionBody) {
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (depth < 3 && r.nextInt(5) == 0) {
                Opcode op = switch (r.nextInt(3)) {
                    case 0 -> Opcode.BLOCK;
                    case 1 -> Opcode.LOOP;
                    default -> Opcode.IF;
                };
                out.add(new Instruction.Block(op, blockType()));
                sequence(out, depth + 1, functionBody);
                if (op == Opcode.IF && r.nextBoolean()) {
                    out.add(Instruction.plain(Opcode.ELSE));
                    sequence(out, depth + 1, functionBody);
                }
                out.add(Instruction.END);
            } else {
                out.add(instruction(functionBody));
            }
        }
    }

    private BlockType blockType() {
        return switch (r.nextInt(3)) {
            case 0 -> BlockType.EMPTY;
            case 1 -> new BlockType.Value(pick(VAL_TYPES));
            default -> new BlockType.TypeIndex(index());
        };
    }

    private Instruction instruction(boolean functionBody) {
        while (true) {
            Opcode op = SIMPLE_OPS.get(r.nextInt(SIMPLE_OPS.size()));
            boolean needsDataCount = op == Opcode.MEMORY_INIT || op == Opcode.DATA_DROP;
            if (needsDataCount && functionBody && !allowDataIndex) {
                continue;
            }
            return switch (op.imm()) {
                case NONE -> Instruction.plain(op);
                case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM, DATA, MEMORY, MEMORY_FILL ->
                        new Instruction.Indexed(op, index());
                case CALL_INDIRECT, TABLE_INIT, TABLE_COPY, MEMORY_INIT, MEMORY_COPY ->
                        new Instruction.Indexed2(op, index(), index());
                case BR_TABLE -> new Instruction.BrTable(list(4, this::index), index());
                case MEMARG -> new Instruction.MemoryAccess(op, r.nextInt(64),
                        r.nextBoolean() ? r.nextInt(100) : r.nextLong(), r.nextBoolean() ? 0 : index());
                case I32 -> new Instruction.I32Const(r.nextInt());
                case I64 -> new Instruction.I64Const(r.nextLong());
                case F32 -> new Instruction.F32Const(r.nextInt());
                case F64 -> new Instruction.F64Const(r.nextLong());
                case SELECT_TYPES -> new Instruction.SelectTyped(valTypes(2));
                case REF_TYPE -> new Instruction.RefNull(pick(REF_TYPES));
                case V128_CONST -> new Instruction.V128Const(r.nextLong(), r.nextLong());
                case SHUFFLE -> new Instruction.Shuffle(r.nextLong(), r.nextLong());
                case LANE -> new Instruction.Lane(op, r.nextInt(256));
                case MEMARG_LANE -> new Instruction.MemoryLaneAccess(op, r.nextInt(64),
                        r.nextBoolean() ? r.nextInt(100) : r.nextLong(), r.nextInt(256), r.nextBoolean() ? 0 : index());
                case BLOCK_TYPE -> throw new IllegalStateException("structured ops are generated by sequence()");
            };
        }
    }
}
