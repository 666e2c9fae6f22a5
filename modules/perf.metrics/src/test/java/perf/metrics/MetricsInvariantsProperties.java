package perf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The invariant checker accepts consistent reports and catches any single corruption of one. */
class MetricsInvariantsProperties {

    @Provide
    Arbitrary<ModuleReport> consistent() {
        return MetricsGenerators.consistentModule();
    }

    @Property(tries = 500)
    void consistentReportsPass(@ForAll("consistent") ModuleReport module) {
        assertEquals(List.of(), MetricsInvariants.check(module));
        // ...and stay consistent through the file format.
        assertEquals(List.of(), MetricsInvariants.check(MetricsJson.readModule(MetricsJson.writeModule(module))));
    }

    @Property(tries = 1000)
    void anySingleCorruptionIsCaught(@ForAll("consistent") ModuleReport module, @ForAll Random random) {
        List<Corruption> applicable = new ArrayList<>();
        for (Corruption c : Corruption.values()) {
            if (c.appliesTo(module)) {
                applicable.add(c);
            }
        }
        Corruption corruption = applicable.get(random.nextInt(applicable.size()));
        ModuleReport corrupted = corruption.apply(module, random);
        List<String> violations = MetricsInvariants.check(corrupted);
        assertFalse(violations.isEmpty(), corruption + " went unnoticed in " + corrupted);
        assertTrue(violations.stream().anyMatch(v -> v.contains(corruption.mentions)),
                corruption + " reported as " + violations);
    }

    @Example
    void violationsNameTheirPath() {
        PassReport p0 = new PassReport("gvn", 3, 10, 8, true);
        PassReport p1 = new PassReport("dce", 2, 9, 9, false);
        FunctionReport f = new FunctionReport(4, "f", 2, 10, 9, 5, 5, 5, 5, 100, 0, 0, 0, 0, 0, List.of(p0, p1),
                Tier.JIT);
        ModuleReport m = new ModuleReport(2, 19, List.of(f));
        assertEquals(List.of(
                "functions: length 1 + uncompiled_functions 0 != expected_functions 2",
                "functions[0].ir_passes[1].before_insts: 9 != after_insts of the previous pass 8",
                "functions[0].compile_us: 20 > module_compile_us 19",
                "functions: stage times (optimize+lower+regalloc+emit) sum to 20 us > module_compile_us 19"
                        + " x compile_threads 1"),
                MetricsInvariants.check(m));
    }

    /** One way to break one invariant, and a word its violation message must contain. */
    enum Corruption {
        EXPECTED_FUNCTIONS("expected_functions") {
            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                long delta = m.expectedFunctions() > 0 && r.nextBoolean() ? -1 : 1;
                return new ModuleReport(m.expectedFunctions() + delta, m.moduleCompileUs(), m.compileThreads(),
                        m.uncompiledFunctions(), m.functions());
            }
        },
        NEGATIVE_MODULE_TIME("negative") {
            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                return new ModuleReport(m.expectedFunctions(), -1 - r.nextInt(10), m.compileThreads(),
                        m.uncompiledFunctions(), m.functions());
            }
        },
        CACHED_YET_COMPILED("cached") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return !m.functions().isEmpty();
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                return withFunction(m, r, f -> new FunctionReport(f.funcIdx(), f.funcName(), f.optLevel(),
                        f.irInstsBefore(), f.irInstsAfter(), f.optimizeUs(), f.lowerUs() + 1, f.regallocUs(),
                        f.emitUs(), f.codeSize(), f.spillSlots(), f.spills(), f.reloads(), f.regMoves(),
                        f.spillToSpill(), f.irPasses(), f.tier(), CompileMode.CACHED, f.compileStartUs(),
                        f.compileUs() + 1));
            }
        },
        NEGATIVE_FUNCTION_FIELD("negative") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return !m.functions().isEmpty();
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                int field = r.nextInt(NUMERIC_FIELDS);
                long neg = -1 - r.nextInt(100);
                return withFunction(m, r, f -> withNumber(f, field, neg));
            }
        },
        NEGATIVE_PASS_DURATION("negative") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return m.functions().stream().anyMatch(f -> !f.irPasses().isEmpty());
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                return withPass(m, r, p -> new PassReport(p.name(), -1 - r.nextInt(5), p.beforeInsts(),
                        p.afterInsts(), p.changed(), p.egraph()));
            }
        },
        NEGATIVE_EGRAPH_COUNT("negative") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return m.functions().stream().flatMap(f -> f.irPasses().stream()).anyMatch(p -> p.egraph().isPresent());
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                int[] at = anEgraphPass(m, r);
                return replacePass(m, at[0], at[1], p -> {
                    EgraphCounts e = p.egraph().orElseThrow();
                    EgraphCounts bad = switch (r.nextInt(3)) {
                        case 0 -> new EgraphCounts(-1, e.nodes(), e.ruleApps());
                        case 1 -> new EgraphCounts(e.classes(), -1, e.ruleApps());
                        default -> new EgraphCounts(e.classes(), e.nodes(), -1);
                    };
                    return new PassReport(p.name(), p.durationUs(), p.beforeInsts(), p.afterInsts(), p.changed(),
                            Optional.of(bad));
                });
            }
        },
        CLASSES_ABOVE_NODES("more classes than") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return NEGATIVE_EGRAPH_COUNT.appliesTo(m);
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                int[] at = anEgraphPass(m, r);
                return replacePass(m, at[0], at[1], p -> {
                    EgraphCounts e = p.egraph().orElseThrow();
                    return new PassReport(p.name(), p.durationUs(), p.beforeInsts(), p.afterInsts(), p.changed(),
                            Optional.of(new EgraphCounts(e.nodes() + 1 + r.nextInt(5), e.nodes(), e.ruleApps())));
                });
            }
        },
        EGRAPH_COUNTS_MISSING("pass without egraph_classes") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return NEGATIVE_EGRAPH_COUNT.appliesTo(m);
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                int[] at = anEgraphPass(m, r);
                return replacePass(m, at[0], at[1], p -> new PassReport(p.name(), p.durationUs(), p.beforeInsts(),
                        p.afterInsts(), p.changed(), Optional.empty()));
            }
        },
        DUPLICATE_INDEX("already used") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return firstEntries(m).size() >= 2;
            }

            /** Two first entries (not tier-ups, which repeat their function's index by design). */
            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                List<Integer> first = firstEntries(m);
                int a = r.nextInt(first.size());
                int b = (a + 1 + r.nextInt(first.size() - 1)) % first.size();
                int idx = m.functions().get(first.get(a)).funcIdx();
                return replaceFunction(m, first.get(b), f -> withNumber(f, 0, idx));
            }
        },
        STAGE_TIME_OVER_MODULE("module_compile_us") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return !m.functions().isEmpty();
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                long excess = m.moduleCompileUs() + 1 + r.nextInt(100);
                return withFunction(m, r, f -> new FunctionReport(f.funcIdx(), f.funcName(), f.optLevel(),
                        f.irInstsBefore(), f.irInstsAfter(), f.optimizeUs() + excess, f.lowerUs(), f.regallocUs(),
                        f.emitUs(), f.codeSize(), f.spillSlots(), f.spills(), f.reloads(), f.regMoves(),
                        f.spillToSpill(), f.irPasses(), f.tier()));
            }
        },
        BROKEN_PASS_CHAIN("previous pass") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return m.functions().stream().anyMatch(f -> f.irPasses().size() >= 2);
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                List<Integer> candidates = new ArrayList<>();
                for (int i = 0; i < m.functions().size(); i++) {
                    if (m.functions().get(i).irPasses().size() >= 2) {
                        candidates.add(i);
                    }
                }
                int fi = candidates.get(r.nextInt(candidates.size()));
                int pj = 1 + r.nextInt(m.functions().get(fi).irPasses().size() - 1);
                // Shift the start of pass j (and its end, so only the link breaks).
                return replacePass(m, fi, pj, p -> new PassReport(p.name(), p.durationUs(), p.beforeInsts() + 1,
                        p.afterInsts() + 1, p.changed(), p.egraph()));
            }
        },
        FIRST_PASS_START("ir_insts_before") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return m.functions().stream().anyMatch(f -> !f.irPasses().isEmpty());
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                return replaceFunction(m, withPasses(m, r), f -> new FunctionReport(f.funcIdx(), f.funcName(),
                        f.optLevel(), f.irInstsBefore() + 1 + r.nextInt(5), f.irInstsAfter(), f.optimizeUs(),
                        f.lowerUs(), f.regallocUs(), f.emitUs(), f.codeSize(), f.spillSlots(), f.spills(),
                        f.reloads(), f.regMoves(), f.spillToSpill(), f.irPasses(), f.tier()));
            }
        },
        LAST_PASS_END("ir_insts_after") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return m.functions().stream().anyMatch(f -> !f.irPasses().isEmpty());
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                return replaceFunction(m, withPasses(m, r), f -> new FunctionReport(f.funcIdx(), f.funcName(),
                        f.optLevel(), f.irInstsBefore(), f.irInstsAfter() + 1 + r.nextInt(5), f.optimizeUs(),
                        f.lowerUs(), f.regallocUs(), f.emitUs(), f.codeSize(), f.spillSlots(), f.spills(),
                        f.reloads(), f.regMoves(), f.spillToSpill(), f.irPasses(), f.tier()));
            }
        },
        UNCHANGED_ALTHOUGH_COUNTS_DIFFER("changed") {
            @Override
            boolean appliesTo(ModuleReport m) {
                return m.functions().stream().flatMap(f -> f.irPasses().stream())
                        .anyMatch(p -> p.beforeInsts() != p.afterInsts());
            }

            @Override
            ModuleReport apply(ModuleReport m, Random r) {
                List<int[]> differing = new ArrayList<>();
                for (int i = 0; i < m.functions().size(); i++) {
                    List<PassReport> ps = m.functions().get(i).irPasses();
                    for (int j = 0; j < ps.size(); j++) {
                        if (ps.get(j).beforeInsts() != ps.get(j).afterInsts()) {
                            differing.add(new int[] {i, j});
                        }
                    }
                }
                int[] at = differing.get(r.nextInt(differing.size()));
                return replacePass(m, at[0], at[1], p -> new PassReport(p.name(), p.durationUs(), p.beforeInsts(),
                        p.afterInsts(), false, p.egraph()));
            }
        };

        final String mentions;

        Corruption(String mentions) {
            this.mentions = mentions;
        }

        boolean appliesTo(ModuleReport m) {
            return true;
        }

        abstract ModuleReport apply(ModuleReport m, Random r);
    }

    // ---------------------------------------------------------------- copy helpers

    /** Numeric fields of a function in file order: func_idx, opt_level, ir_insts_before ... spill_to_spill. */
    static final int NUMERIC_FIELDS = 14;

    /** A copy of {@code f} with numeric field {@code field} (see {@link #NUMERIC_FIELDS}) set to {@code v}. */
    static FunctionReport withNumber(FunctionReport f, int field, long v) {
        long[] n = {f.funcIdx(), f.optLevel(), f.irInstsBefore(), f.irInstsAfter(), f.optimizeUs(), f.lowerUs(),
            f.regallocUs(), f.emitUs(), f.codeSize(), f.spillSlots(), f.spills(), f.reloads(), f.regMoves(),
            f.spillToSpill()};
        n[field] = v;
        return new FunctionReport((int) n[0], f.funcName(), (int) n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8],
                n[9], n[10], n[11], n[12], n[13], f.irPasses(), f.tier());
    }

    private static int withPasses(ModuleReport m, Random r) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < m.functions().size(); i++) {
            if (!m.functions().get(i).irPasses().isEmpty()) {
                candidates.add(i);
            }
        }
        return candidates.get(r.nextInt(candidates.size()));
    }

    private static ModuleReport withFunction(ModuleReport m, Random r, UnaryOperator<FunctionReport> edit) {
        return replaceFunction(m, r.nextInt(m.functions().size()), edit);
    }

    /** {function, pass} of a random pass with e-graph counters. */
    private static int[] anEgraphPass(ModuleReport m, Random r) {
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < m.functions().size(); i++) {
            List<PassReport> ps = m.functions().get(i).irPasses();
            for (int j = 0; j < ps.size(); j++) {
                if (ps.get(j).egraph().isPresent()) {
                    found.add(new int[] {i, j});
                }
            }
        }
        return found.get(r.nextInt(found.size()));
    }

    private static ModuleReport withPass(ModuleReport m, Random r, UnaryOperator<PassReport> edit) {
        int fi = withPasses(m, r);
        return replacePass(m, fi, r.nextInt(m.functions().get(fi).irPasses().size()), edit);
    }

    private static ModuleReport replaceFunction(ModuleReport m, int i, UnaryOperator<FunctionReport> edit) {
        List<FunctionReport> functions = new ArrayList<>(m.functions());
        functions.set(i, edit.apply(functions.get(i)));
        return new ModuleReport(m.expectedFunctions(), m.moduleCompileUs(), functions);
    }

    private static ModuleReport replacePass(ModuleReport m, int fi, int pj, UnaryOperator<PassReport> edit) {
        return replaceFunction(m, fi, f -> {
            List<PassReport> passes = new ArrayList<>(f.irPasses());
            passes.set(pj, edit.apply(passes.get(pj)));
            return new FunctionReport(f.funcIdx(), f.funcName(), f.optLevel(), f.irInstsBefore(), f.irInstsAfter(),
                    f.optimizeUs(), f.lowerUs(), f.regallocUs(), f.emitUs(), f.codeSize(), f.spillSlots(), f.spills(),
                    f.reloads(), f.regMoves(), f.spillToSpill(), passes, f.tier());
        });
    }

    /** The positions of the entries that are not tier-ups. */
    static List<Integer> firstEntries(ModuleReport m) {
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < m.functions().size(); i++) {
            if (!m.functions().get(i).compileMode().isBackground()) {
                first.add(i);
            }
        }
        return first;
    }
}
