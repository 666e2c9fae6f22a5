package wasm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import wasm.core.model.BlockType;
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
 * print -> parse is the identity on generated models (types, imports, functions
 * with random straight-line and nested instruction sequences, tables, memories,
 * globals, exports, start, element and data segments). The generator stays
 * inside what the text format can express (see {@link WatPrinter}).
 */
class WatRoundTripProperties {
    private static final ValType[] VALUE_TYPES = {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
        ValType.FUNCREF, ValType.EXTERNREF};
    private static final ValType[] REF_TYPES = {ValType.FUNCREF, ValType.EXTERNREF};

    @Property(tries = 300)
    void printThenParseGivesTheSameModule(@ForAll("modules") Module m) {
        String text = WatPrinter.print(m);
        assertEquals(m, WatParser.parseModule(text), text);
    }

    @Property(tries = 300)
    void floatConstantsSurviveBitExactly(@ForAll int f32, @ForAll long f64) {
        Module m = WatParser.parseModule("(func (drop (f32.const " + WatPrinter.f32(f32) + ")) (drop (f64.const "
                + WatPrinter.f64(f64) + ")))");
        List<Instruction> code = m.codes().get(0).code();
        assertEquals(new Instruction.F32Const(f32), code.get(0));
        assertEquals(new Instruction.F64Const(f64), code.get(2));
    }

    @Provide
    Arbitrary<Module> modules() {
        return Arbitraries.longs().map(seed -> new Generator(new Random(seed)).module());
    }

    /** Builds one random module from a seed (jqwik shrinks the seed). */
    private static final class Generator {
        private final Random r;
        private final List<FuncType> types = new ArrayList<>();

        Generator(Random r) {
            this.r = r;
        }

        private <T> T pick(T[] a) {
            return a[r.nextInt(a.length)];
        }

        private List<ValType> valTypes(int max) {
            List<ValType> out = new ArrayList<>();
            int n = r.nextInt(max + 1);
            for (int i = 0; i < n; i++) {
                out.add(pick(VALUE_TYPES));
            }
            return out;
        }

        private String name() {
            String[] parts = {"a", "b", "f", "π", "\u00e9t\u00e9", "x y", "\"q\"", "\\", "\u4e2d", "😀", ""};
            return pick(parts) + pick(parts) + r.nextInt(5);
        }

        private Limits limits() {
            long min = r.nextInt(5);
            return r.nextBoolean() ? Limits.of(min) : new Limits(min, min + r.nextInt(1000));
        }

        private List<Instruction> constExpr() {
            Instruction i = switch (r.nextInt(6)) {
                case 0 -> new Instruction.I32Const(r.nextInt());
                case 1 -> new Instruction.I64Const(r.nextLong());
                case 2 -> new Instruction.F32Const(r.nextInt());
                case 3 -> new Instruction.F64Const(r.nextLong());
                case 4 -> new Instruction.RefNull(pick(REF_TYPES));
                default -> new Instruction.Indexed(Opcode.GLOBAL_GET, r.nextInt(3));
            };
            return List.of(i, Instruction.END);
        }

        Module module() {
            int nTypes = 1 + r.nextInt(4);
            for (int i = 0; i < nTypes; i++) {
                types.add(FuncType.of(valTypes(3), valTypes(3)));
            }
            boolean memoryUsed = false;
            List<Import> imports = new ArrayList<>();
            int nImports = r.nextInt(4);
            for (int i = 0; i < nImports; i++) {
                ImportDesc d = switch (r.nextInt(4)) {
                    case 0 -> new ImportDesc.Func(r.nextInt(types.size()));
                    case 1 -> new ImportDesc.Table(new TableType(pick(REF_TYPES), limits()));
                    case 2 -> memoryUsed ? new ImportDesc.Func(0) : new ImportDesc.Memory(new MemoryType(limits()));
                    default -> new ImportDesc.Global(new GlobalType(pick(VALUE_TYPES), r.nextBoolean()));
                };
                memoryUsed |= d instanceof ImportDesc.Memory;
                imports.add(new Import(name(), name(), d));
            }
            List<Integer> functions = new ArrayList<>();
            List<FunctionBody> codes = new ArrayList<>();
            int nFuncs = r.nextInt(4);
            for (int i = 0; i < nFuncs; i++) {
                functions.add(r.nextInt(types.size()));
                List<Instruction> code = new ArrayList<>();
                body(code, 0);
                code.add(Instruction.END);
                codes.add(new FunctionBody(valTypes(4), code));
            }
            List<TableType> tables = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                tables.add(new TableType(pick(REF_TYPES), limits()));
            }
            List<MemoryType> memories = new ArrayList<>();
            if (!memoryUsed && r.nextBoolean()) {
                memories.add(new MemoryType(limits()));
            }
            List<Global> globals = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                globals.add(new Global(new GlobalType(pick(VALUE_TYPES), r.nextBoolean()), constExpr()));
            }
            List<Export> exports = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                exports.add(new Export(name(), pick(ExternKind.values()), r.nextInt(3)));
            }
            OptionalInt start = r.nextBoolean() ? OptionalInt.of(r.nextInt(4)) : OptionalInt.empty();
            List<ElementSegment> elements = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                SegmentMode mode = pick(SegmentMode.values());
                ValType t = pick(REF_TYPES);
                List<List<Instruction>> items = new ArrayList<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    items.add(r.nextBoolean() ? List.of(new Instruction.RefNull(t), Instruction.END)
                            : List.of(new Instruction.Indexed(Opcode.REF_FUNC, r.nextInt(5)), Instruction.END));
                }
                boolean active = mode == SegmentMode.ACTIVE;
                elements.add(new ElementSegment(t, items, mode, active ? r.nextInt(3) : 0,
                        active ? List.of(new Instruction.I32Const(r.nextInt(100)), Instruction.END) : List.of()));
            }
            List<DataSegment> datas = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                byte[] bytes = new byte[r.nextInt(20)];
                r.nextBytes(bytes);
                boolean active = r.nextBoolean();
                datas.add(new DataSegment(bytes, active ? SegmentMode.ACTIVE : SegmentMode.PASSIVE, 0,
                        active ? List.of(new Instruction.I32Const(r.nextInt(1000)), Instruction.END) : List.of()));
            }
            boolean usesData = codes.stream().flatMap(c -> c.code().stream())
                    .anyMatch(in -> in.opcode() == Opcode.MEMORY_INIT || in.opcode() == Opcode.DATA_DROP);
            return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                    usesData ? OptionalInt.of(datas.size()) : OptionalInt.empty(), codes, datas, NameSection.EMPTY,
                    List.of());
        }

        private BlockType blockType() {
            return switch (r.nextInt(3)) {
                case 0 -> BlockType.EMPTY;
                case 1 -> new BlockType.Value(pick(VALUE_TYPES));
                default -> {
                    // A type with no params and at most one result reads back as the short form.
                    for (int i = 0; i < types.size(); i++) {
                        FuncType t = types.get(i);
                        if (!t.params().isEmpty() || t.results().size() > 1) {
                            yield new BlockType.TypeIndex(i);
                        }
                    }
                    yield BlockType.EMPTY;
                }
            };
        }

        private void body(List<Instruction> out, int depth) {
            int n = r.nextInt(8);
            for (int i = 0; i < n; i++) {
                if (depth < 3 && r.nextInt(8) == 0) {
                    Opcode op = pick(new Opcode[] {Opcode.BLOCK, Opcode.LOOP, Opcode.IF});
                    out.add(new Instruction.Block(op, blockType()));
                    body(out, depth + 1);
                    if (op == Opcode.IF && r.nextBoolean()) {
                        out.add(Instruction.plain(Opcode.ELSE));
                        out.add(Instruction.plain(Opcode.NOP)); // an empty else reads back without it
                        body(out, depth + 1);
                    }
                    out.add(Instruction.END);
                } else {
                    out.add(instruction());
                }
            }
        }

        private Instruction instruction() {
            Opcode op = pick(Opcode.values());
            return switch (op.imm()) {
                case NONE -> switch (op) {
                    case BLOCK, LOOP, IF, ELSE, END -> Instruction.plain(Opcode.NOP);
                    default -> Instruction.plain(op);
                };
                case BLOCK_TYPE -> Instruction.plain(Opcode.UNREACHABLE);
                case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM, MEMORY, MEMORY_FILL ->
                        new Instruction.Indexed(op, r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(10));
                case MEMORY_INIT, MEMORY_COPY -> new Instruction.Indexed2(op, r.nextInt(10), r.nextInt(10));
                case BR_TABLE -> {
                    List<Integer> ls = new ArrayList<>();
                    for (int i = r.nextInt(4); i > 0; i--) {
                        ls.add(r.nextInt(5));
                    }
                    yield new Instruction.BrTable(ls, r.nextInt(5));
                }
                case CALL_INDIRECT -> new Instruction.Indexed2(op, r.nextInt(types.size()), r.nextInt(3));
                case TABLE_INIT, TABLE_COPY -> new Instruction.Indexed2(op, r.nextInt(4), r.nextInt(4));
                case MEMARG -> new Instruction.MemoryAccess(op, r.nextInt(4), r.nextBoolean() ? r.nextInt(100)
                        : r.nextLong() & 0xFFFFFFFFL, r.nextBoolean() ? 0 : r.nextInt(10));
                case I32 -> new Instruction.I32Const(r.nextInt());
                case I64 -> new Instruction.I64Const(r.nextLong());
                case F32 -> new Instruction.F32Const(r.nextBoolean() ? r.nextInt()
                        : Float.floatToRawIntBits(r.nextFloat() * 100));
                case F64 -> new Instruction.F64Const(r.nextBoolean() ? r.nextLong()
                        : Double.doubleToRawLongBits(r.nextDouble()));
                case SELECT_TYPES -> new Instruction.SelectTyped(valTypes(2));
                case REF_TYPE -> new Instruction.RefNull(pick(REF_TYPES));
                case V128_CONST -> new Instruction.V128Const(r.nextLong(), r.nextLong());
                case SHUFFLE -> new Instruction.Shuffle(r.nextLong(), r.nextLong());
                case LANE -> new Instruction.Lane(op, r.nextInt(256));
                case MEMARG_LANE -> new Instruction.MemoryLaneAccess(op, r.nextInt(4), r.nextBoolean() ? r.nextInt(100)
                        : r.nextLong() & 0xFFFFFFFFL, r.nextInt(256), r.nextBoolean() ? 0 : r.nextInt(10));
            };
        }
    }
}
