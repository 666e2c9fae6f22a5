package wasm.core.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import wasm.core.WasmException;
import wasm.core.model.BlockType;
import wasm.core.model.ExternKind;
import wasm.core.model.Instruction;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;

/**
 * Random instruction sequences, drawn from the whole opcode table with random
 * (often out-of-range) immediates and put into a module with a bit of every
 * index space: the validator must reach a verdict and never throw anything but
 * a {@link WasmException}. It must also accept a sequence that is valid by
 * construction.
 */
class RandomCodeProperties {
    private static final Opcode[] OPCODES = Opcode.values();
    private static final ValType[] TYPES = {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.FUNCREF,
            ValType.EXTERNREF, ValType.V128};

    @Property(tries = 2000)
    void randomCodeGetsAVerdict(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int length) {
        Random random = new Random(seed);
        List<Instruction> body = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            body.add(randomInstruction(random));
        }
        var module = TestModule.module()
                .importGlobal(ValType.I32, random.nextBoolean())
                .memory(1)
                .table(ValType.FUNCREF, 2)
                .table(ValType.EXTERNREF, 1)
                .global(ValType.I64, true, TestModule.i64(3))
                .passiveData("xy")
                .withDataCount()
                .passiveElem(ValType.FUNCREF, List.of(TestModule.withEnd(TestModule.refFunc(0))))
                .export("f", ExternKind.FUNC, 0);
        module.addType(TestModule.sig(List.of(ValType.I32, ValType.I64), List.of(ValType.F32)));
        module.func(TestModule.sig(List.of(TYPES[random.nextInt(TYPES.length)]),
                        List.of(TYPES[random.nextInt(TYPES.length)])),
                List.of(ValType.F64), body.toArray(Instruction[]::new));
        try {
            Validator.validate(module.build());
            Statistics.collect("valid");
        } catch (WasmException verdict) {
            // Invalid (or a structurally malformed sequence): a proper verdict.
            Statistics.collect(verdict.getClass().getSimpleName());
        }
    }

    @Property(tries = 300)
    void stackOfConstantsDroppedInNestedBlocksIsValid(@ForAll long seed,
                                                     @ForAll @IntRange(min = 0, max = 30) int depth) {
        Random random = new Random(seed);
        List<Instruction> body = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            body.add(random.nextBoolean() ? TestModule.block(BlockType.EMPTY) : TestModule.loop(BlockType.EMPTY));
            body.add(TestModule.i64(i));
            body.add(TestModule.op(Opcode.DROP));
        }
        for (int i = 0; i < depth; i++) {
            body.add(TestModule.end());
        }
        ValidationAssertions.assertValid(
                TestModule.function(TestModule.sig(), body.toArray(Instruction[]::new)));
    }

    private static Instruction randomInstruction(Random random) {
        Opcode op = OPCODES[random.nextInt(OPCODES.length)];
        int index = random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(4);
        return switch (op.imm()) {
            case NONE -> new Instruction.Plain(op);
            case BLOCK_TYPE -> new Instruction.Block(op, switch (random.nextInt(3)) {
                case 0 -> BlockType.EMPTY;
                case 1 -> new BlockType.Value(TYPES[random.nextInt(TYPES.length)]);
                default -> new BlockType.TypeIndex(index);
            });
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM, MEMORY, MEMORY_FILL -> new Instruction.Indexed(op, index);
            case MEMORY_INIT, MEMORY_COPY -> new Instruction.Indexed2(op, index, random.nextInt(2));
            case BR_TABLE -> new Instruction.BrTable(List.of(random.nextInt(3), index), random.nextInt(3));
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY ->
                    new Instruction.Indexed2(op, random.nextInt(3), random.nextInt(3));
            case MEMARG -> new Instruction.MemoryAccess(op, random.nextInt(5), random.nextInt(100));
            case I32 -> new Instruction.I32Const(random.nextInt());
            case I64 -> new Instruction.I64Const(random.nextLong());
            case F32 -> new Instruction.F32Const(random.nextInt());
            case F64 -> new Instruction.F64Const(random.nextLong());
            case SELECT_TYPES -> new Instruction.SelectTyped(List.of(TYPES[random.nextInt(TYPES.length)]));
            case REF_TYPE -> new Instruction.RefNull(random.nextBoolean() ? ValType.FUNCREF : ValType.EXTERNREF);
            case V128_CONST -> new Instruction.V128Const(random.nextLong(), random.nextLong());
            case SHUFFLE -> new Instruction.Shuffle(random.nextLong() & 0x1F1F1F1F1F1F1F1FL, random.nextLong());
            case LANE -> new Instruction.Lane(op, random.nextInt(20));
            case MEMARG_LANE -> new Instruction.MemoryLaneAccess(op, random.nextInt(5), random.nextInt(100),
                    random.nextInt(20));
        };
    }
}
