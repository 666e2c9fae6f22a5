package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.FunctionBody;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;
import wasm.ir.TrapCode;
import wasm.runtime.tooling.JitCoverage;

/**
 * No input may crash the JVM: thousands of generated modules and byte-level
 * mutations of them go through decode, validate, JIT compile (with
 * per-function fallback), instantiate and run. What happened is checked, not
 * just survived: every function of a valid module is compiled natively (the
 * JIT covers all of 2.0, so a fallback is a regression), and every call ends in
 * results or a {@link Trap} with one of the spec's messages, never an internal
 * error ("unknown trap in native code", "host function failed", a Java
 * exception). A crash would kill the test JVM. Mutants containing loops are
 * skipped because a mutated loop may never end (no fuel in native code);
 * without loops and with the stack limit every run terminates.
 */
class JitCrashResistanceProperties {

    @Property(tries = 4000)
    void generatedAndMutatedModulesNeverCrash(@ForAll long seed) {
        Random r = new Random(seed);
        boolean mutate = r.nextInt(4) != 0;
        String wat = mutate ? RandomWasmPrograms.loopFreeModule(seed) : RandomWasmPrograms.module(seed);
        Module original = JitDifferentialProperties.compile(wat);
        if (mutate && r.nextBoolean()) {
            original = mutateInstructions(original, r);
        }
        byte[] bytes = ModuleEncoder.encode(original);
        if (mutate && r.nextInt(3) == 0) {
            int flips = 1 + r.nextInt(3);
            for (int i = 0; i < flips; i++) {
                int at = 8 + r.nextInt(bytes.length - 8);
                bytes[at] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : (byte) (bytes[at] ^ (1 << r.nextInt(8)));
            }
        }
        Module m;
        try {
            m = ModuleDecoder.decode(bytes);
            Validator.validate(m);
        } catch (RuntimeException | StackOverflowError e) {
            Statistics.label("module").collect("rejected by decoder/validator");
            return;
        }
        if (mutate && hasLoop(m)) {
            Statistics.label("module").collect("mutant with a loop: skipped");
            return;
        }
        Statistics.label("module").collect(mutate ? "valid mutant" : "generated");
        int opt = r.nextInt(3);
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false)
                .withOptLevel(opt);
        try (Store store = new Store(options)) {
            Instance inst;
            try {
                inst = store.instantiate(m, ImportResolver.NONE);
            } catch (Trap t) {
                // A data or element segment out of bounds, or the start function trapped.
                assertSpecTrap(t, "instantiation", wat);
                Statistics.label("run").collect("instantiation trapped");
                return;
            } catch (LinkException e) {
                // A mutation can add an import, which nothing provides.
                assertTrue(mutate, () -> "a generated module failed to link: " + e.getMessage() + "\n" + wat);
                Statistics.label("run").collect("link error");
                return;
            }
            // Every function of a valid 2.0 module compiles: nothing is left to the interpreter.
            assertEquals(new JitCoverage(m.functions().size(), 0, Map.of()), JitCoverage.of(store),
                    () -> (mutate ? "a valid mutant" : "a generated module") + " was not compiled entirely:\n" + wat);
            for (var e : inst.exports().entrySet()) {
                if (e.getValue() instanceof FunctionInstance f) {
                    for (long[] args : RandomWasmPrograms.arguments(seed, 2)) {
                        long[] a = arguments(f.type().params(), args, r);
                        try {
                            f.call(a);
                            Statistics.label("run").collect("returned");
                        } catch (Trap t) {
                            assertSpecTrap(t, "call of " + e.getKey(), wat);
                            Statistics.label("run").collect("trapped");
                        } catch (RuntimeException | StackOverflowError x) {
                            throw new AssertionError("call of " + e.getKey() + " ended in an internal error, not in "
                                    + "results or a trap: " + x + "\n" + wat, x);
                        }
                    }
                }
            }
        }
    }

    /** The trap messages of the spec (TrapCode), the element ones with their index: never an internal error. */
    private static void assertSpecTrap(Trap t, String what, String wat) {
        String message = String.valueOf(t.getMessage());
        boolean spec = false;
        for (TrapCode code : TrapCode.values()) {
            if (code == TrapCode.HOST_EXCEPTION) {
                continue;
            }
            boolean indexed = code == TrapCode.UNDEFINED_ELEMENT || code == TrapCode.UNINITIALIZED_ELEMENT;
            spec |= message.equals(code.message())
                    || indexed && message.matches(java.util.regex.Pattern.quote(code.message()) + " \\d+");
        }
        assertTrue(spec, () -> what + " trapped with \"" + message + "\", not a spec trap message\n" + wat);
    }

    private static final List<Opcode> PLAIN = Stream.of(
            "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u", "i32.rem_s", "i32.rem_u", "i32.and", "i32.or",
            "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u", "i32.rotl", "i32.rotr", "i32.eq", "i32.ne", "i32.lt_s",
            "i32.lt_u", "i32.gt_s", "i32.ge_u", "i32.clz", "i32.ctz", "i32.popcnt", "i32.eqz", "i64.add", "i64.sub",
            "i64.mul", "i64.div_s", "i64.div_u", "i64.rem_s", "i64.rem_u", "i64.and", "i64.shl", "i64.shr_s",
            "i64.rotr", "i64.eq", "i64.lt_u", "i64.clz", "i64.popcnt", "i64.eqz", "i32.wrap_i64", "i64.extend_i32_s",
            "i64.extend_i32_u", "i32.extend8_s", "i64.extend32_s", "drop", "nop", "unreachable", "return",
            "memory.size", "memory.grow", "select")
            .map(n -> Opcode.valueOf(n.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))).toList();
    private static final long[] VALUES = {0, 1, -1, 4, 65535, 65536, 0x7fffffff, 0x80000000L, Long.MIN_VALUE};

    /** Replaces, deletes or duplicates a few instructions: mostly still decodable, often still valid. */
    static Module mutateInstructions(Module m, Random r) {
        List<FunctionBody> codes = new ArrayList<>(m.codes());
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && !codes.isEmpty(); e++) {
            int fi = r.nextInt(codes.size());
            FunctionBody b = codes.get(fi);
            List<Instruction> code = new ArrayList<>(b.code());
            if (code.size() < 2) {
                continue;
            }
            int at = r.nextInt(code.size() - 1);
            Instruction old = code.get(at);
            switch (r.nextInt(6)) {
                case 0 -> code.remove(at);
                case 1 -> code.add(at, old);
                default -> code.set(at, switch (old) {
                    case Instruction.I32Const c -> new Instruction.I32Const((int) VALUES[r.nextInt(VALUES.length)]);
                    case Instruction.I64Const c -> new Instruction.I64Const(VALUES[r.nextInt(VALUES.length)] * 3);
                    case Instruction.MemoryAccess a -> new Instruction.MemoryAccess(a.opcode(), a.alignLog2(),
                            r.nextBoolean() ? r.nextInt(70000) : 0xFFFF_FFF0L);
                    case Instruction.Indexed x -> new Instruction.Indexed(x.opcode(), r.nextInt(6));
                    default -> {
                        Opcode op = PLAIN.get(r.nextInt(PLAIN.size()));
                        // memory.size and memory.grow name their memory (memory 0 here)
                        yield op.imm() == Opcode.Imm.MEMORY ? new Instruction.Indexed(op, 0) : Instruction.plain(op);
                    }
                });
            }
            codes.set(fi, new FunctionBody(b.locals(), code));
        }
        return new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.exports(),
                m.start(), m.elements(), m.dataCount(), codes, m.datas(), m.names(), m.customSections());
    }

    private static boolean hasLoop(Module m) {
        for (FunctionBody b : m.codes()) {
            for (Instruction i : b.code()) {
                if (i.opcode() == Opcode.LOOP) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * API-encoded arguments for {@code params}: the generator's numbers, then random ones; a null
     * reference for a reference (a mutant's parameter may be one, and the API rightly refuses a
     * random long as a funcref); two slots for a v128.
     */
    private static long[] arguments(List<ValType> params, long[] numbers, Random r) {
        long[] a = new long[ValueSlots.of(params)];
        int slot = 0;
        for (int i = 0; i < params.size(); i++) {
            ValType t = params.get(i);
            if (t.isReference()) {
                a[slot++] = Ref.NULL;
            } else if (t == ValType.V128) {
                a[slot++] = r.nextLong();
                a[slot++] = r.nextLong();
            } else {
                a[slot++] = i < numbers.length ? numbers[i] : r.nextLong();
            }
        }
        return a;
    }
}
