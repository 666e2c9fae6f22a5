package wasm.opt.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;
import wasm.opt.internal.LoadForwarding;
import wasm.opt.passes.AddressFoldPass;
import wasm.opt.passes.GvnPass;
import wasm.opt.passes.LoadForwardPass;

/**
 * Store-to-load forwarding ({@code load_forward}) on random straight-line code over one small
 * frame: stores and loads of every width and type at a base and constant offsets from it
 * (overlapping, misaligned, partly covered), through a second base a few bytes away (which
 * aliases), with calls that store, {@code memory.grow}, {@code memory.fill} and branches
 * between them; every loaded value goes into the result. The IR interpreter gives the same
 * results, traps, memory and globals before and after the pass (alone, after
 * {@code address_fold}, and in the O2 pipeline); an access the pass made in bounds that is not
 * would be reported by the interpreter as a compiler bug.
 */
class LoadForwardProperties {
    private static final String[] STORES = {"i32.store", "i32.store8", "i32.store16", "i64.store", "i64.store8",
        "i64.store16", "i64.store32", "f32.store", "f64.store"};
    private static final String[] LOADS = {"i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u",
        "i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u",
        "f32.load", "f64.load"};
    /** First arguments: a frame well inside memory, at its start, at its very end, and past it. */
    private static final long[][] ARGS = {{64, 0x0123_4567_89ab_cdefL}, {0, -1}, {65536 - 24, 0x7ff8_0000_0000_0001L},
        {65536 - 3, 5}, {-8, 1}};

    /** The module of {@code seed}: function "f" (i32 base, i64 value) -> i32. */
    static String module(long seed) {
        Random rnd = new Random(seed);
        StringBuilder body = new StringBuilder();
        int statements = 4 + rnd.nextInt(28);
        for (int s = 0; s < statements; s++) {
            statement(rnd, body, 2);
        }
        return """
                (module (memory 1 2) (global (mut i32) (i32.const 0)) (global (mut i64) (i64.const 0))
                  (func $clobber (param i32) (i32.store offset=4 (local.get 0) (i32.const 0x5a5a5a5a)))
                  (func (export "f") (param $p i32) (param $q i64) (result i32) (local $acc i64) (local $b i32)
                    (local.set $b (i32.add (local.get $p) (i32.const %d)))
                %s    (i32.wrap_i64 (i64.xor (local.get $acc) (i64.shr_u (local.get $acc) (i64.const 29))))))
                """.formatted(rnd.nextInt(3) * 4, body);
    }

    private static void statement(Random rnd, StringBuilder out, int depth) {
        int kind = rnd.nextInt(20);
        if (kind < 8) {
            String op = STORES[rnd.nextInt(STORES.length)];
            out.append("    (").append(op).append(" offset=").append(offset(rnd)).append(' ').append(base(rnd))
                    .append(' ').append(value(rnd, op.substring(0, 3))).append(")\n");
        } else if (kind < 16) {
            String op = LOADS[rnd.nextInt(LOADS.length)];
            String load = "(" + op + " offset=" + offset(rnd) + " " + base(rnd) + ")";
            String asI64 = switch (op.substring(0, 3)) {
                case "i32" -> "(i64.extend_i32_u " + load + ")";
                case "f32" -> "(i64.extend_i32_u (i32.reinterpret_f32 " + load + "))";
                case "f64" -> "(i64.reinterpret_f64 " + load + ")";
                default -> load;
            };
            // rotate the accumulator so that the order of the loads and every bit of each one counts
            out.append("    (local.set $acc (i64.xor (i64.rotl (local.get $acc) (i64.const 7)) ").append(asI64)
                    .append("))\n");
        } else if (kind == 16) {
            out.append("    (call $clobber ").append(base(rnd)).append(")\n");
        } else if (kind == 17) {
            out.append("    (drop (memory.grow (i32.const ").append(rnd.nextInt(2)).append(")))\n");
        } else if (kind == 18) {
            out.append("    (memory.fill ").append(base(rnd)).append(" (i32.const 0xa5) (i32.const ")
                    .append(rnd.nextInt(6)).append("))\n");
        } else if (depth > 0) {
            out.append("    (if (i32.and (local.get $p) (i32.const ").append(1 << rnd.nextInt(4)).append("))\n");
            out.append("    (then\n");
            for (int s = rnd.nextInt(4); s > 0; s--) {
                statement(rnd, out, depth - 1);
            }
            out.append("    )\n    (else\n");
            for (int s = rnd.nextInt(4); s > 0; s--) {
                statement(rnd, out, depth - 1);
            }
            out.append("    ))\n");
        }
    }

    /** Mostly $b with small offsets, so that accesses overlap; sometimes $b + k or $p (a few bytes below $b). */
    private static String base(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> "(local.get $p)";
            case 1 -> "(i32.add (local.get $b) (i32.const " + rnd.nextInt(12) + "))";
            default -> "(local.get $b)";
        };
    }

    private static int offset(Random rnd) {
        return rnd.nextInt(4) == 0 ? rnd.nextInt(24) : 4 * rnd.nextInt(5);
    }

    private static String value(Random rnd, String type) {
        boolean dynamic = rnd.nextBoolean();
        return switch (type) {
            case "i32" -> dynamic ? "(i32.wrap_i64 (i64.rotl (local.get $acc) (local.get $q)))"
                    : "(i32.const " + rnd.nextInt() + ")";
            case "i64" -> dynamic ? "(i64.add (local.get $acc) (local.get $q))" : "(i64.const " + rnd.nextLong() + ")";
            case "f32" -> dynamic ? "(f32.reinterpret_i32 (i32.wrap_i64 (local.get $q)))"
                    : "(f32.const " + rnd.nextFloat() + ")";
            default -> dynamic ? "(f64.reinterpret_i64 (i64.xor (local.get $q) (local.get $acc)))"
                    : "(f64.const " + rnd.nextDouble() + ")";
        };
    }

    private static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    private static List<PassPipeline> pipelines() {
        List<PassPipeline> out = new ArrayList<>();
        out.add(PassPipeline.builder(OptLevel.O2).add(LoadForwardPass.INSTANCE).verifying(true).build());
        out.add(PassPipeline.builder(OptLevel.O2).add(GvnPass.INSTANCE).add(AddressFoldPass.INSTANCE)
                .add(LoadForwardPass.INSTANCE).verifying(true).build());
        out.add(PassPipeline.forLevel(OptLevel.O2).verifying(true));
        return out;
    }

    /** Loads the pass removes from the exported function after gvn and address_fold. */
    private static int forwarded(Module m) {
        Function f = new WasmToIr().translate(m, 1);
        GvnPass.INSTANCE.run(f);
        AddressFoldPass.INSTANCE.run(f);
        return LoadForwarding.run(f);
    }

    @Property(tries = 400)
    void forwardedLoadsKeepResultsTrapsAndMemory(@ForAll long seed) {
        String wat = module(seed);
        Module m = parse(wat);
        String expected = CountedLoopProperties.outcomes(m, f -> { }, ARGS);
        for (PassPipeline p : pipelines()) {
            String actual = CountedLoopProperties.outcomes(m, p::run, ARGS);
            if (!expected.equals(actual)) {
                Function before = new WasmToIr().translate(m, 1);
                Function after = before.copy();
                p.run(after);
                assertEquals(expected, actual, p.passes().stream().map(x -> x.name()).toList()
                        + " changed the outcome of\n" + wat + "\n" + before + "\n--- after ---\n" + after);
            }
        }
        int n = forwarded(m);
        Statistics.label("loads forwarded").collect(n == 0 ? "none" : n < 4 ? "1-3" : "4 or more");
        Statistics.label("outcome").collect(expected.contains("trap") ? "some trap" : "no trap");
    }

    /** The property is only as good as its programs: most of them must give the pass work. */
    @Example
    void mostProgramsHaveLoadsToForward() {
        int some = 0;
        for (long seed = 0; seed < 200; seed++) {
            if (forwarded(parse(module(seed))) > 0) {
                some++;
            }
        }
        assertTrue(some >= 100, some + " of 200 programs had a load to forward");
    }

    /**
     * Salsa20's setup in stream.wasm: sixteen words stored one by one, then copied as eight
     * i64 loads and stores. Every load takes the two words it reads, and the result is the same.
     */
    @Example
    void aStructureStoredInWordsAndCopiedInDoubleWordsNeedsNoLoad() {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 16; w++) {
            body.append("    (i32.store offset=").append(64 + 4 * ((w * 7) % 16)).append(" (local.get $b) (i32.add (local.get $p) (i32.const ")
                    .append(w * 0x01010101).append(")))\n");
        }
        for (int d = 0; d < 8; d++) {
            body.append("    (i64.store offset=").append(8 * d).append(" (local.get $b) (i64.load offset=")
                    .append(64 + 8 * d).append(" (local.get $b)))\n");
        }
        for (int d = 0; d < 8; d++) {
            body.append("    (local.set $acc (i64.xor (i64.rotl (local.get $acc) (i64.const 7)) (i64.load offset=")
                    .append(8 * d).append(" (local.get $b))))\n");
        }
        String wat = """
                (module (memory 1 2) (global (mut i32) (i32.const 0)) (global (mut i64) (i64.const 0))
                  (func (export "f") (param $p i32) (param $q i64) (result i32) (local $acc i64) (local $b i32)
                    (local.set $b (i32.add (local.get $p) (i32.const 0)))
                %s    (i32.wrap_i64 (i64.xor (local.get $acc) (i64.shr_u (local.get $acc) (i64.const 29))))))
                """.formatted(body);
        Module m = parse(wat);
        String expected = CountedLoopProperties.outcomes(m, f -> { }, ARGS);
        for (PassPipeline p : pipelines()) {
            assertEquals(expected, CountedLoopProperties.outcomes(m, p::run, ARGS), p.passes().toString());
        }
        Function f = new WasmToIr().translate(m, 0);
        PassPipeline.forLevel(OptLevel.O2).run(f);
        assertEquals(0, f.toString().lines().filter(l -> l.contains(" = load.")).count(), f.toString());
    }
}
