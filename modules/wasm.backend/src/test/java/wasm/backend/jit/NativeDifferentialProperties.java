package wasm.backend.jit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.testing.FloatEdges;

/**
 * Random Wasm modules (integers and floats, {@link RandomWasm}): native code
 * (allocation checker on) gives the same results, traps, memory and globals as
 * the IR interpreter, call after call on the same instance state, in both call
 * modes. Bit-exact modules compare NaN payloads and memory exactly; the others
 * accept any quiet NaN where the interpreter has a NaN.
 */
class NativeDifferentialProperties {

    /** The generator does produce what the property is meant to cover (JIT ABI v2 included). */
    @net.jqwik.api.Example
    void generatorCoversMultiValueFunctionsAndCalls() {
        int calls = 0;
        long functions = 0;
        for (long seed = 0; seed < 200; seed++) {
            RandomWasm gen = new RandomWasm(seed);
            gen.module(1 + new Random(seed).nextInt(4));
            calls += gen.multiResultCalls();
            functions += gen.multiResultFunctions();
        }
        assertTrue(calls >= 10, "multi-result calls in 200 modules: " + calls);
        assertTrue(functions >= 40, "multi-result functions in 200 modules: " + functions);
    }

    /** Stack arguments of both classes, pressure in both classes and bit-exact modules, in useful amounts. */
    @net.jqwik.api.Example
    void generatorCoversWideSignaturesPressureAndExactModules() {
        int wide = 0;
        int pressure = 0;
        int exact = 0;
        for (long seed = 0; seed < 200; seed++) {
            RandomWasm gen = new RandomWasm(seed);
            gen.module(1 + new Random(seed).nextInt(4));
            wide += gen.wideFunctions();
            pressure += gen.pressureStatements();
            exact += gen.exact() ? 1 : 0;
        }
        assertTrue(wide >= 60, "functions with 12..24 parameters in 200 modules: " + wide);
        assertTrue(pressure >= 40, "pressure statements in 200 modules: " + pressure);
        assertTrue(exact >= 40 && exact <= 100, "bit-exact modules of 200: " + exact);
    }

    /**
     * A module whose allocation opens a reload window at a jump (the reload in the jump's edits
     * before it), which the allocation checker once skipped: it reported a correct allocation.
     */
    @Example
    void aWindowOpeningAtAJump() {
        nativeMatchesTheInterpreter(9056);
    }

    @Property(tries = 300)
    void nativeMatchesTheInterpreter(@ForAll long seed) {
        RandomWasm gen = new RandomWasm(seed);
        String wat = gen.module(1 + new Random(seed).nextInt(4));
        Module m;
        try {
            m = WatParser.parseModule(wat);
            Validator.validate(m);
        } catch (RuntimeException e) {
            throw new AssertionError("generator produced an invalid module: " + e.getMessage() + "\n" + wat, e);
        }
        Statistics.label("floats").collect(gen.exact() ? "bit-exact module" : "float arithmetic module");
        Statistics.label("multi-value").collect(gen.multiResultCalls() > 0 ? "multi-result calls"
                : gen.multiResultFunctions() > 0 ? "multi-result functions only" : "single results");
        Random args = new Random(seed ^ 0x5DEECE66DL);
        boolean direct = (seed & 1) == 0;
        ModuleEnvironment env = new ModuleEnvironment(m);
        try (NativeInstance nat = new NativeInstance(m, direct)) {
            assertTrue(nat.unsupported.isEmpty(), nat.unsupported.toString());
            for (int call = 0; call < 6; call++) {
                int f = args.nextInt(m.functions().size() - 2);
                String[] sig = gen.signature(f);
                long[] a = new long[sig.length - 1];
                for (int k = 0; k < a.length; k++) {
                    long v = switch (args.nextInt(4)) {
                        case 0 -> args.nextInt(16);
                        case 1 -> -args.nextInt(16);
                        case 2 -> args.nextInt(70000);
                        default -> args.nextLong();
                    };
                    a[k] = switch (sig[k]) {
                        case "i32" -> (int) v;
                        case "f32" -> args.nextBoolean() ? FloatEdges.f32(args) & 0xFFFF_FFFFL
                                : Float.floatToRawIntBits(args.nextBoolean() ? (float) v : args.nextFloat() * 100) & 0xFFFF_FFFFL;
                        case "f64" -> args.nextBoolean() ? FloatEdges.f64(args)
                                : Double.doubleToRawLongBits(args.nextBoolean() ? (double) v : args.nextGaussian() * 1e6);
                        default -> v;
                    };
                }
                try {
                    Differential.compare(nat, env, f, gen.exact(), a);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + wat, e);
                }
            }
        }
    }
}
