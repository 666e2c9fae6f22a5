package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.FunctionBody;
import wasm.core.model.Opcode;
import wasm.core.validate.Validator;

/**
 * No input may crash the JVM: thousands of generated modules and byte-level
 * mutations of them go through decode, validate, JIT compile (with
 * per-function fallback), instantiate and run. Anything the runtime throws
 * must be a {@link WasmException} (a trap, a link error); a crash would kill
 * the test JVM. Mutants containing loops are skipped because a mutated loop
 * may never end (no fuel in native code); without loops and with the stack
 * limit every run terminates.
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
        try (Store store = new Store(RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withOptLevel(opt))) {
            Instance inst;
            try {
                inst = store.instantiate(m, ImportResolver.NONE);
            } catch (WasmException e) {
                Statistics.label("run").collect("instantiation failed: " + e.getClass().getSimpleName());
                return;
            }
            assertTrue(store.coverage().totalFunctions() >= 0);
            for (var e : inst.exports().entrySet()) {
                if (e.getValue() instanceof FunctionInstance f) {
                    for (long[] args : RandomWasmPrograms.arguments(seed, 2)) {
                        long[] a = new long[f.type().params().size()];
                        for (int i = 0; i < a.length; i++) {
                            a[i] = i < args.length ? args[i] : r.nextLong();
                        }
                        try {
                            f.call(a);
                            Statistics.label("run").collect("returned");
                        } catch (Trap t) {
                            Statistics.label("run").collect("trapped");
                        }
                    }
                }
            }
        }
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
                    default -> new Instruction.Plain(PLAIN.get(r.nextInt(PLAIN.size())));
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
}
