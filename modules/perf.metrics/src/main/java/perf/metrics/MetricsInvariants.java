package perf.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema invariants of a finished module compile, as code: tests on real
 * compiles and on generated reports call {@link #check(ModuleReport)} and
 * expect an empty list. Each violation names its path, e.g.
 * {@code functions[2].ir_passes[1].before_insts: 17 != after_insts of the previous pass 19}.
 */
public final class MetricsInvariants {
    /** The name of the e-graph pass, which always reports its counters. */
    public static final String EGRAPH_PASS = "egraph";

    private MetricsInvariants() {
    }

    /**
     * Every violation in the report; empty when it is consistent.
     *
     * @param m the report
     * @return one message per violation, each naming the key it is about
     */
    public static List<String> check(ModuleReport m) {
        List<String> v = new ArrayList<>();
        nonNegative(v, "expected_functions", m.expectedFunctions());
        nonNegative(v, "module_compile_us", m.moduleCompileUs());
        nonNegative(v, "uncompiled_functions", m.uncompiledFunctions());
        if (m.compileThreads() < 1) {
            v.add("compile_threads: " + m.compileThreads() + " < 1");
        }
        // A tier-up compile and an on-stack-replacement entry's (tiered compilation) list their
        // function again, after the entry of its baseline code (compiled, or loaded from a cache);
        // they ran beside the program, on their own thread, so neither their stage times nor their
        // compile_us are part of module_compile_us.
        int background = 0;
        for (FunctionReport f : m.functions()) {
            if (f.compileMode().isBackground()) {
                background++;
            }
        }
        if (m.functions().size() - background + m.uncompiledFunctions() != m.expectedFunctions()) {
            v.add("functions: length " + m.functions().size()
                    + (background == 0 ? "" : " - tier_up and osr entries " + background)
                    + " + uncompiled_functions " + m.uncompiledFunctions() + " != expected_functions "
                    + m.expectedFunctions());
        }
        Map<Integer, Integer> firstByIdx = new HashMap<>();
        Map<CompileMode, Map<Integer, Integer>> backgroundByIdx = new java.util.EnumMap<>(CompileMode.class);
        long stageSum = 0;
        for (int i = 0; i < m.functions().size(); i++) {
            FunctionReport f = m.functions().get(i);
            String p = "functions[" + i + "]";
            checkFunction(v, p, f);
            if (f.compileMode().isBackground()) {
                String mode = f.compileMode().jsonName();
                Integer first = firstByIdx.get(f.funcIdx());
                Integer again = backgroundByIdx.computeIfAbsent(f.compileMode(), k -> new HashMap<>())
                        .putIfAbsent(f.funcIdx(), i);
                if (first == null || !(m.functions().get(first).compileMode() == CompileMode.BASELINE
                        || m.functions().get(first).compileMode() == CompileMode.CACHED)) {
                    v.add(p + ".compile_mode: " + mode + " of func_idx " + f.funcIdx()
                            + " without a baseline or cached entry before it");
                } else if (again != null) {
                    v.add(p + ".func_idx: " + f.funcIdx() + " has a " + mode + " entry already: functions["
                            + again + "]");
                }
                continue;
            }
            Integer previous = firstByIdx.putIfAbsent(f.funcIdx(), i);
            if (previous != null) {
                v.add(p + ".func_idx: " + f.funcIdx() + " already used by functions[" + previous + "]");
            }
            stageSum += f.stageTimeUs();
            if (f.compileUs() > m.moduleCompileUs()) {
                v.add(p + ".compile_us: " + f.compileUs() + " > module_compile_us " + m.moduleCompileUs());
            }
        }
        // At most compile_threads functions compile at once, each within the module compile's wall time.
        long bound = m.moduleCompileUs() * m.compileThreads();
        if (stageSum > bound) {
            v.add("functions: stage times (optimize+lower+regalloc+emit) sum to " + stageSum
                    + " us > module_compile_us " + m.moduleCompileUs() + " x compile_threads " + m.compileThreads());
        }
        return List.copyOf(v);
    }

    private static void checkFunction(List<String> v, String p, FunctionReport f) {
        nonNegative(v, p + ".func_idx", f.funcIdx());
        nonNegative(v, p + ".opt_level", f.optLevel());
        nonNegative(v, p + ".ir_insts_before", f.irInstsBefore());
        nonNegative(v, p + ".ir_insts_after", f.irInstsAfter());
        nonNegative(v, p + ".optimize_us", f.optimizeUs());
        nonNegative(v, p + ".lower_us", f.lowerUs());
        nonNegative(v, p + ".regalloc_us", f.regallocUs());
        nonNegative(v, p + ".emit_us", f.emitUs());
        nonNegative(v, p + ".code_size", f.codeSize());
        nonNegative(v, p + ".spill_slots", f.spillSlots());
        nonNegative(v, p + ".spills", f.spills());
        nonNegative(v, p + ".reloads", f.reloads());
        nonNegative(v, p + ".reg_moves", f.regMoves());
        nonNegative(v, p + ".spill_to_spill", f.spillToSpill());
        nonNegative(v, p + ".compile_start_us", f.compileStartUs());
        nonNegative(v, p + ".compile_us", f.compileUs());
        if (f.stageTimeUs() > f.compileUs()) {
            v.add(p + ".compile_us: " + f.compileUs() + " < its stage times' sum " + f.stageTimeUs());
        }
        if (f.compileMode() == CompileMode.CACHED && f.stageTimeUs() != 0) {
            v.add(p + ".compile_mode: cached, yet its stage times sum to " + f.stageTimeUs() + " us");
        }
        List<PassReport> passes = f.irPasses();
        if (!passes.isEmpty()) {
            if (passes.getFirst().beforeInsts() != f.irInstsBefore()) {
                v.add(p + ".ir_passes[0].before_insts: " + passes.getFirst().beforeInsts()
                        + " != ir_insts_before " + f.irInstsBefore());
            }
            if (passes.getLast().afterInsts() != f.irInstsAfter()) {
                v.add(p + ".ir_passes[" + (passes.size() - 1) + "].after_insts: " + passes.getLast().afterInsts()
                        + " != ir_insts_after " + f.irInstsAfter());
            }
        }
        for (int j = 0; j < passes.size(); j++) {
            PassReport pass = passes.get(j);
            String pp = p + ".ir_passes[" + j + "]";
            nonNegative(v, pp + ".duration_us", pass.durationUs());
            nonNegative(v, pp + ".before_insts", pass.beforeInsts());
            nonNegative(v, pp + ".after_insts", pass.afterInsts());
            if (j > 0 && pass.beforeInsts() != passes.get(j - 1).afterInsts()) {
                v.add(pp + ".before_insts: " + pass.beforeInsts() + " != after_insts of the previous pass "
                        + passes.get(j - 1).afterInsts());
            }
            if (pass.beforeInsts() != pass.afterInsts() && !pass.changed()) {
                v.add(pp + ".changed: false although the instruction count went from " + pass.beforeInsts()
                        + " to " + pass.afterInsts());
            }
            if (pass.egraph().isPresent()) {
                EgraphCounts e = pass.egraph().get();
                nonNegative(v, pp + ".egraph_classes", e.classes());
                nonNegative(v, pp + ".egraph_nodes", e.nodes());
                nonNegative(v, pp + ".egraph_rule_apps", e.ruleApps());
                // every class holds at least one node the pass made
                if (e.classes() > e.nodes()) {
                    v.add(pp + ".egraph_classes: " + e.classes() + " more classes than egraph_nodes " + e.nodes());
                }
                // rules apply to new nodes only
                if (e.nodes() == 0 && e.ruleApps() != 0) {
                    v.add(pp + ".egraph_rule_apps: " + e.ruleApps() + " rule applications without egraph_nodes");
                }
            } else if (pass.name().equals(EGRAPH_PASS)) {
                v.add(pp + ": the " + EGRAPH_PASS + " pass without egraph_classes, egraph_nodes, egraph_rule_apps");
            }
        }
    }

    private static void nonNegative(List<String> v, String path, long value) {
        if (value < 0) {
            v.add(path + ": negative value " + value);
        }
    }
}
