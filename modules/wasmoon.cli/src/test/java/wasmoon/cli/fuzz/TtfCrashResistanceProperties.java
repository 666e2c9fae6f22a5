package wasmoon.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;

/**
 * No input may crash the JVM, also with the 3.0 features: binaryen's ttf modules with every
 * feature binaryen 108 generates and wasmoon runs (tail calls among them; its
 * {@code --enable-memory64} and {@code --enable-extended-const} are passed too, though its ttf
 * mode makes neither 64-bit memories nor extended constants, and it has no multi-memory flag), and
 * our generator's modules with wide memories (a 64-bit memory, two memories), which cover what
 * binaryen does not. Three in four are mutated (bytes flipped); each goes through decode,
 * validation, JIT compile (with fallback), instantiation and calls of every export at a random
 * opt level, in this JVM: a crash kills the test run. Every outcome must be clean: a
 * {@link WasmException} at load, results, or a trap with one of the spec's messages (or "all fuel
 * consumed": mutants run on fuel, since a flipped byte may undo a loop's hang limit), never an
 * internal error.
 */
class TtfCrashResistanceProperties {
    private static final long FUEL = 2_000_000;
    private static Path scratch;

    @BeforeContainer
    static void scratchDirectory() throws IOException {
        scratch = Files.createTempDirectory("wasmoon-ttf-crash");
    }

    @AfterContainer
    static void removeScratch() throws IOException {
        try (var files = Files.list(scratch)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(scratch);
    }

    @Property(tries = 120)
    void ttfAndWideModulesAndTheirMutantsNeverCrash(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean fromTtf = r.nextBoolean();
        Module original = decode(fromTtf ? ttf(seed) : wide(seed, r));
        Statistics.label("source").collect(fromTtf ? "binaryen ttf" : original.memoryCount() > 1 ? "two memories"
                : "64-bit memory");
        // Instrumented first (wrappers that take and return plain numbers, the logging imports'
        // types), then mutated: the calls planned for the wrappers still find them in most mutants.
        Instrumenter.Instrumented inst = Instrumenter.instrument(original);
        byte[] bytes = ModuleEncoder.encode(inst.module());
        boolean mutate = r.nextInt(4) != 0;
        if (mutate) {
            for (int i = 0, flips = 1 + r.nextInt(3); i < flips; i++) {
                int at = 8 + r.nextInt(bytes.length - 8);
                bytes[at] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : (byte) (bytes[at] ^ (1 << r.nextInt(8)));
            }
        }
        Module m;
        try {
            m = decode(bytes);
        } catch (WasmException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a load error without a message");
            Statistics.label("module").collect("rejected at load");
            return;
        }
        Statistics.label("module").collect(mutate ? "valid mutant" : "generated");
        List<CallPlan.Call> calls = stillCallable(CallPlan.of(inst.wrappers(), seed).calls(), inst, m);
        RuntimeOptions options = RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withJitStrict(false)
                .withOptLevel(r.nextInt(3)).withFuel(true);
        List<String> lines = FuzzWorker.run(bytes, calls, options, FUEL);
        for (String line : lines) {
            assertFalse(line.contains("internal-error") || line.equals("inst compile-error"),
                    () -> "seed " + seed + ": " + String.join("\n", lines));
            if (line.contains(" trap other:")) {
                assertTrue(line.endsWith(" trap other:all_fuel_consumed"),
                        () -> "a trap message outside the spec's, seed " + seed + ": " + String.join("\n", lines));
            }
        }
        Statistics.label("run").collect(lines.stream().anyMatch(l -> l.startsWith("inst ok")) ? "instantiated"
                : "instantiation trapped or failed to link");
    }

    private static Module decode(byte[] bytes) {
        Module m = ModuleDecoder.decode(bytes);
        Validator.validate(m);
        return m;
    }

    /** The planned calls whose wrapper the (mutated) module {@code m} still exports with the planned type. */
    private static List<CallPlan.Call> stillCallable(List<CallPlan.Call> planned, Instrumenter.Instrumented inst,
                                                     Module m) {
        java.util.Map<String, wasm.core.model.FuncType> exported = new java.util.HashMap<>();
        for (wasm.core.model.Export e : m.exports()) {
            if (e.kind() == wasm.core.model.ExternKind.FUNC) {
                exported.put(e.name(), m.functionType(e.index()));
            }
        }
        java.util.Map<String, wasm.core.model.FuncType> planTypes = new java.util.HashMap<>();
        inst.wrappers().forEach(w -> planTypes.put(w.name(), w.type()));
        return planned.stream().filter(c -> planTypes.get(c.name()).equals(exported.get(c.name()))).toList();
    }

    /** A ttf module with every feature binaryen 108 makes that wasmoon runs, plus the 3.0 flags it accepts. */
    private static byte[] ttf(long seed) {
        Set<FuzzFeature> features = EnumSet.copyOf(FuzzFeature.ttfFeatures());
        features.add(FuzzFeature.TAIL_CALL);
        features.add(FuzzFeature.MEMORY64);
        features.add(FuzzFeature.EXTENDED_CONST);
        Path out = scratch.resolve("ttf-" + Thread.currentThread().threadId() + ".wasm");
        try {
            TtfModules.generate(seed, features, scratch, out);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException("wasm-opt (Debian's binaryen) is required: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A generated module with a 64-bit memory 0 or two memories, SIMD in half of them. */
    private static byte[] wide(long seed, SplittableRandom r) {
        GeneratedModules.Memories memories = r.nextBoolean() ? GeneratedModules.Memories.ONE_64
                : GeneratedModules.Memories.TWO;
        return GeneratedModules.generate(seed, r.nextBoolean(), memories);
    }
}
