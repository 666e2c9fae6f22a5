package wasm.opt.passes;

import wasm.ir.Function;
import wasm.opt.Pass;
import wasm.opt.PassContext;
import wasm.opt.internal.egraph.EgraphOptimizer;
import wasm.opt.internal.egraph.EgraphStats;
import wasm.opt.internal.egraph.RuleSet;
import wasm.opt.internal.egraph.rules.Rules;

/**
 * The e-graph pass (Cranelift's acyclic e-graph): pure instructions become
 * hash-consed e-nodes rewritten by the declared rules (constant folding,
 * algebraic identities, strength reduction, extended comparisons, address
 * arithmetic), the side-effecting skeleton keeps its order, and scoped
 * elaboration puts back the cheapest form of each value where it is needed,
 * hoisting loop invariants and rematerialising constants. Reports its
 * {@code egraph_classes}, {@code egraph_nodes} and {@code egraph_rule_apps}.
 * See {@code wasm.opt.internal.egraph} for the machinery and
 * {@code wasm.opt.internal.egraph.rules} for the rule files.
 */
public final class EgraphPass implements Pass {
    public static final EgraphPass INSTANCE = new EgraphPass(Rules.DEFAULT);

    private final RuleSet rules;

    private EgraphPass(RuleSet rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "egraph";
    }

    @Override
    public boolean run(Function f) {
        return run(f, PassContext.NONE);
    }

    @Override
    public boolean run(Function f, PassContext context) {
        EgraphOptimizer.Result r = EgraphOptimizer.run(f, rules);
        EgraphStats s = r.stats();
        context.reportEgraph(s.classes, s.nodes, s.ruleApps);
        if (context.keepsNotes()) {
            context.note(s.summary());
        }
        return r.changed();
    }
}
