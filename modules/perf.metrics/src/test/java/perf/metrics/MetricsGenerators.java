package perf.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generated metric objects for the properties: arbitrary ones (any values) and consistent ones. */
final class MetricsGenerators {
    /** Characters that stress the JSON string writer: escapes, controls, non-ASCII, surrogates (paired and lone). */
    private static final char[] NAME_CHARS = {
        'a', 'z', 'F', '_', '0', '9', '$', '.', ' ', '/', '"', '\\', '\n', '\t', '\r', '\b', '\f',
        '\u0000', '\u001f', '\u007f', '\u00e9', '\u4e2d', '\u2028', '\ud83d', '\ude00', '\ud800', '\udfff', '\uffff'
    };

    private MetricsGenerators() {
    }

    /** Reports with any field values (negatives, extremes): what the JSON layer must carry unchanged. */
    static Arbitrary<ModuleReport> anyModule() {
        return Arbitraries.randomValue(MetricsGenerators::anyModule);
    }

    /** Reports that satisfy every invariant of {@link MetricsInvariants}. */
    static Arbitrary<ModuleReport> consistentModule() {
        return Arbitraries.randomValue(MetricsGenerators::consistentModule);
    }

    static ModuleReport anyModule(Random r) {
        int n = r.nextInt(5);
        List<FunctionReport> functions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int passes = r.nextInt(4);
            List<PassReport> list = new ArrayList<>();
            for (int j = 0; j < passes; j++) {
                list.add(new PassReport(name(r), anyLong(r), anyLong(r), anyLong(r), r.nextBoolean(),
                        r.nextBoolean() ? Optional.of(new EgraphCounts(anyLong(r), anyLong(r), anyLong(r)))
                                : Optional.empty()));
            }
            functions.add(new FunctionReport(anyInt(r), name(r), anyInt(r), anyLong(r), anyLong(r), anyLong(r),
                    anyLong(r), anyLong(r), anyLong(r), anyLong(r), anyLong(r), anyLong(r), anyLong(r), anyLong(r),
                    anyLong(r), list, tier(r), CompileMode.values()[r.nextInt(CompileMode.values().length)],
                    anyLong(r), anyLong(r)));
        }
        return new ModuleReport(anyLong(r), anyLong(r), anyLong(r), anyLong(r), functions);
    }

    static ModuleReport consistentModule(Random r) {
        int n = r.nextInt(6);
        Set<Integer> indices = new LinkedHashSet<>();
        while (indices.size() < n) {
            indices.add(r.nextInt(3 * n + 1));
        }
        List<FunctionReport> functions = new ArrayList<>();
        long stageSum = 0;
        int tierUps = 0;
        for (int idx : indices) {
            long before = r.nextInt(300);
            long current = before;
            List<PassReport> passes = new ArrayList<>();
            int passCount = r.nextInt(5);
            for (int j = 0; j < passCount; j++) {
                long after = Math.max(0, current + r.nextInt(31) - 20);
                boolean changed = after != current || r.nextBoolean();
                // the e-graph pass, and only it, reports at least as many nodes as classes
                String passName = r.nextInt(3) == 0 ? MetricsInvariants.EGRAPH_PASS : name(r);
                Optional<EgraphCounts> egraph = Optional.empty();
                if (passName.equals(MetricsInvariants.EGRAPH_PASS)) {
                    long nodes = r.nextInt(900);
                    egraph = Optional.of(new EgraphCounts(nodes == 0 ? 0 : r.nextLong(nodes + 1), nodes,
                            nodes == 0 ? 0 : r.nextInt(100)));
                }
                passes.add(new PassReport(passName, r.nextInt(50), current, after, changed, egraph));
                current = after;
            }
            long optimize = r.nextInt(400);
            long lower = r.nextInt(400);
            long regalloc = r.nextInt(400);
            long emit = r.nextInt(400);
            CompileMode mode = mode(r);
            if (mode == CompileMode.CACHED) {
                optimize = lower = regalloc = emit = 0;
            }
            long own = optimize + lower + regalloc + emit;
            stageSum += own;
            functions.add(new FunctionReport(idx, name(r), r.nextInt(4), before, current, optimize, lower, regalloc,
                    emit, r.nextInt(5000), r.nextInt(20), r.nextInt(40), r.nextInt(40), r.nextInt(60), r.nextInt(5),
                    passes, tier(r), mode, r.nextInt(100_000), own + r.nextInt(10)));
            for (CompileMode again : new CompileMode[] {CompileMode.TIER_UP, CompileMode.OSR}) {
                if ((mode == CompileMode.BASELINE || mode == CompileMode.CACHED) && r.nextInt(3) == 0) {
                    // tiered: an optimizing compile on the tier-up thread (the function's, its
                    // on-stack-replacement entry's), listed after the baseline entry; its times are
                    // its own thread's, outside module_compile_us
                    tierUps++;
                    long stage = r.nextInt(100_000);
                    functions.add(new FunctionReport(idx, name(r), 2, before, current, stage, 0, 0, 0,
                            r.nextInt(5000), 0, 0, 0, 0, 0, passes, Tier.JIT, again, r.nextInt(100_000),
                            stage + r.nextInt(10)));
                }
            }
        }
        // one thread, and a wall time that holds every function's compile; a few never-compiled functions
        long uncompiled = r.nextInt(3);
        return new ModuleReport(functions.size() - tierUps + uncompiled, stageSum + 10 + r.nextInt(1000), 1,
                uncompiled, functions);
    }

    /** Any mode a function's first entry may have (tier_up and osr entries are made after one). */
    private static CompileMode mode(Random r) {
        CompileMode[] first = {CompileMode.EAGER, CompileMode.LAZY, CompileMode.CACHED, CompileMode.BASELINE};
        return first[r.nextInt(first.length)];
    }

    private static Tier tier(Random r) {
        return r.nextInt(4) == 0 ? new Tier.Interpreter(name(r)) : Tier.JIT;
    }

    static String name(Random r) {
        int length = r.nextInt(12);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(NAME_CHARS[r.nextInt(NAME_CHARS.length)]);
        }
        return sb.toString();
    }

    private static long anyLong(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> r.nextLong();
            case 3 -> -r.nextInt(1000);
            default -> r.nextInt(100_000);
        };
    }

    private static int anyInt(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> r.nextInt();
            default -> r.nextInt(1000);
        };
    }
}
